/**
 * The one- or two-sentence summary of a complaint: the offence, the property or money involved,
 * where and when, and the suspects, in English or Hindi; for the other languages the date, the
 * place and the complainant's own words about the occurrence.
 */
import type { PersonDraft, PropertyDraft } from '../types.ts';
import type { Analysis } from './analysis.ts';
import type { OffenceKey } from './offences.ts';
import { capitalise, formatInr, formatIstDate, formatIstTime, hiRe, isIstMidnight, trimAtWord } from './text.ts';
import { FRAMES } from './lang/frames.ts';

const LABEL_EN: Partial<Record<OffenceKey, string>> = {
  murder: 'Murder', attemptMurder: 'Attempt to murder', dowryDeath: 'Dowry death', rape: 'Rape', dacoity: 'Dacoity',
  robbery: 'Robbery', ransom: 'Kidnapping for ransom', kidnapping: 'Kidnapping', housebreaking: 'House-breaking and theft',
  extortion: 'Extortion', cruelty: 'Cruelty by husband and in-laws', fireHouse: 'Arson (house set on fire)', fire: 'Mischief by fire',
  grievousWeapon: 'Assault with a weapon causing grievous hurt', grievous: 'Assault causing grievous hurt', weaponHurt: 'Assault with a weapon',
  dwellingTheft: 'Theft from house/premises', snatching: 'Snatching', cheating: 'Cheating', molestation: 'Molestation',
  cbt: 'Criminal breach of trust', impersonation: 'Cheating by impersonation', forgery: 'Forgery', theft: 'Theft',
  negligentDeath: 'Death caused by negligent driving', rashDriving: 'Rash and negligent driving', trafficHurt: 'Road accident caused by rash driving',
  trafficGrievous: 'Road accident caused by rash driving (grievous hurt)', stalking: 'Stalking', modestyInsult: 'Insult to the modesty of a woman',
  trespass: 'House-trespass', hurt: 'Assault', deathThreat: 'Threat to kill', threat: 'Criminal intimidation', mischief: 'Damage to property (mischief)',
  insult: 'Abuse and intentional insult', confinement: 'Wrongful confinement', restraint: 'Wrongful restraint',
  culpableHomicide: 'Culpable homicide not amounting to murder', landTrespass: 'Criminal trespass', cbtServant: 'Criminal breach of trust by an employee',
  forgeryValuable: 'Forgery of a valuable security or deed', defamation: 'Defamation',
};
const LABEL_HI: Partial<Record<OffenceKey, string>> = {
  murder: 'हत्या', attemptMurder: 'हत्या का प्रयास', dowryDeath: 'दहेज मृत्यु', rape: 'दुष्कर्म', dacoity: 'डकैती', robbery: 'लूट',
  ransom: 'फिरौती के लिए अपहरण', kidnapping: 'अपहरण', housebreaking: 'नकबजनी कर चोरी', extortion: 'जबरन वसूली (उद्दापन)',
  cruelty: 'पति व ससुराल पक्ष द्वारा प्रताड़ना (क्रूरता)', fireHouse: 'आगजनी', fire: 'आग लगाकर नुकसान', grievousWeapon: 'हथियार से मारपीट कर गंभीर चोट',
  grievous: 'मारपीट कर गंभीर चोट', weaponHurt: 'हथियार से मारपीट', dwellingTheft: 'घर/परिसर में चोरी', snatching: 'झपटमारी', cheating: 'ठगी',
  molestation: 'छेड़छाड़', cbt: 'अमानत में खयानत', impersonation: 'प्रतिरूपण द्वारा ठगी', forgery: 'जालसाजी', theft: 'चोरी',
  negligentDeath: 'लापरवाही से वाहन चलाकर मृत्यु', rashDriving: 'लापरवाही से वाहन चलाने', trafficHurt: 'लापरवाही से वाहन चलाकर दुर्घटना',
  trafficGrievous: 'लापरवाही से वाहन चलाकर दुर्घटना (गंभीर चोट)', stalking: 'पीछा करने', modestyInsult: 'महिला की लज्जा का अपमान',
  trespass: 'घर में जबरन घुसने (गृह-अतिचार)', hurt: 'मारपीट', deathThreat: 'जान से मारने की धमकी', threat: 'धमकी', mischief: 'तोड़फोड़ (रिष्टि)',
  insult: 'गाली-गलौज', confinement: 'सदोष परिरोध', restraint: 'रास्ता रोकने',
  culpableHomicide: 'आपराधिक मानव वध', landTrespass: 'आपराधिक अतिचार', cbtServant: 'कर्मचारी द्वारा आपराधिक न्यासभंग', forgeryValuable: 'मूल्यवान प्रतिभूति/विलेख की कूटरचना', defamation: 'मानहानि',
};
const PROPERTY_OFFENCES = new Set<OffenceKey>(['theft', 'dwellingTheft', 'snatching', 'robbery', 'dacoity', 'housebreaking', 'cbt', 'extortion', 'cheating', 'impersonation']);
const SECONDARY_OK = new Set<OffenceKey>(['deathThreat', 'threat', 'hurt', 'weaponHurt', 'insult', 'trespass', 'mischief', 'dwellingTheft', 'theft']);

const RE_ONLINE = hiRe('\\b(?:upi|otp|online|kyc|link|whatsapp|telegram|cyber|paytm|phonepe|gpay|google pay|net ?banking)\\b|ओटीपी|ऑनलाइन|यूपीआई|लिंक|साइबर', 'i');

function offenceKeys(a: Analysis): OffenceKey[] {
  const keys: OffenceKey[] = [];
  for (const p of a.plan) if (!keys.includes(p.key) && p.key !== 'commonIntention' && p.key !== 'conspiracy' && p.key !== 'robberyHurt') keys.push(p.key);
  // "house-breaking and theft" is one story, told by the house-breaking label
  if (keys[0] === 'housebreaking') return keys.filter((k) => k !== 'dwellingTheft' && k !== 'theft');
  return keys;
}

function propertyPhrase(items: readonly PropertyDraft[], hindi: boolean, total: number | null): string | null {
  if (items.length === 0) return null;
  const single = items.length === 1;
  const parts = items.slice(0, 3).map((p) => {
    if (!p.valueInr) return p.description;
    if (hindi) return `${p.description} (कीमत ${formatInr(p.valueInr)})`;
    return single ? `${p.description} worth ${formatInr(p.valueInr)}` : `${p.description} (${formatInr(p.valueInr)})`;
  });
  const more = items.length > 3 ? (hindi ? ' आदि' : ' and other articles') : '';
  const joiner = hindi ? ' व ' : ' and ';
  let phrase = parts.length === 1 ? `${parts[0]}${more}` : `${parts.slice(0, -1).join(', ')}${joiner}${parts[parts.length - 1]}${more}`;
  const sum = items.reduce((acc, p) => acc + (p.valueInr ?? 0), 0);
  if (total && total !== sum) phrase += hindi ? ` (कुल ${formatInr(total)})` : `, total ${formatInr(total)}`;
  return phrase;
}

function moneyInvolved(a: Analysis): number | null {
  if (a.totalAmount) return a.totalAmount;
  if (a.amounts.length === 0) return null;
  return Math.max(...a.amounts);
}

export function summaryText(a: Analysis, ex: { occurredFrom: Date | null; place: string | null; suspects: PersonDraft[]; property: PropertyDraft[] }, language: string): string {
  const frame = FRAMES[language];
  if (frame) {
    // no offence labels in these languages: the complainant's own words about the occurrence
    const date = ex.occurredFrom ? frame.on.replace('{date}', formatIstDate(ex.occurredFrom)) : null;
    const where = ex.place ? frame.at.replace('{place}', ex.place) : null;
    const account = trimAtWord((a.description ?? a.norm.raw).replace(/\s+/g, ' ').trim(), 320);
    return [date, where].filter(Boolean).length ? `${[date, where].filter(Boolean).join(', ')}: ${account}` : `${frame.summaryPrefix} ${account}`;
  }
  const hindi = language === 'hi';
  const keys = offenceKeys(a);
  const principal = keys[0];
  const secondary = keys.slice(1).find((k) => SECONDARY_OK.has(k) && k !== principal);
  const date = ex.occurredFrom ? formatIstDate(ex.occurredFrom) : null;
  const time = ex.occurredFrom && !isIstMidnight(ex.occurredFrom) ? formatIstTime(ex.occurredFrom) : null;
  const propertyOffence = principal !== undefined && PROPERTY_OFFENCES.has(principal);
  const prop = propertyOffence ? propertyPhrase(ex.property, hindi, a.totalAmount) : null;
  const money = propertyOffence && !prop ? moneyInvolved(a) : null;
  const named = ex.suspects.filter((s) => s.name).map((s) => (s.description ? `${s.name} (${s.description})` : s.name));
  const unnamed = ex.suspects.filter((s) => !s.name && s.description).map((s) => s.description as string);
  const suspectList = [...named, ...unnamed].slice(0, 3);

  const online = principal === 'cheating' && RE_ONLINE.test(a.text);
  if (hindi) {
    const label = principal ? (online ? 'ऑनलाइन ठगी' : LABEL_HI[principal] ?? 'अपराध') : null;
    const sec = secondary ? LABEL_HI[secondary] : null;
    const where = ex.place ? `${ex.place} ${a.placePrep && /[\u0900-\u097F]/.test(a.placePrep) ? a.placePrep : 'में'} ` : '';
    const when = `${date ? `दिनांक ${date} को ` : ''}${time ? `लगभग ${time} बजे ` : ''}`;
    let what: string;
    if (!label) {
      if (!when && !where && !prop) return 'शिकायत में किसी विशिष्ट अपराध का स्पष्ट विवरण नहीं मिला; विवरण शिकायत के अनुसार।';
      what = 'घटना की शिकायत';
    } else if (prop) what = `${prop} की ${label}${sec ? ` एवं ${sec}` : ''}`;
    else if (money) what = `${formatInr(money)} की ${label}${sec ? ` एवं ${sec}` : ''}`;
    else what = `${label}${sec ? ` एवं ${sec}` : ''} की घटना`;
    const first = `${when}${where}${what}।`.replace(/\s+/g, ' ');
    const second = suspectList.length ? ` संदिग्ध: ${suspectList.join('; ')}।` : '';
    return `${capitalise(first.trim())}${second}`;
  }

  const label = principal ? (online ? 'Online fraud (cheating)' : LABEL_EN[principal] ?? 'Offence') : null;
  const sec = secondary ? LABEL_EN[secondary]?.toLowerCase() : null;
  let first: string;
  if (!label) {
    if (!date && !ex.place) return 'Complaint received; it does not state the particulars of a specific offence.';
    first = 'Incident reported';
  } else {
    first = label;
    if (prop) first += ` of ${prop}`;
    else if (money) first += ` of ${formatInr(money)}`;
    if (sec) first += `${prop ? ',' : ''} and ${sec}`;
  }
  if (ex.place) {
    const prep = a.placePrep && /^[a-z]+$/.test(a.placePrep) && a.placePrep !== 'from' ? a.placePrep : a.placePrep === '' ? '' : 'at';
    first += prep ? ` ${prep} ${ex.place}` : ` ${ex.place}`;
  }
  if (date) first += ` on ${date}`;
  if (time) first += ` at about ${time} hrs`;
  const second = suspectList.length ? ` Suspect${suspectList.length > 1 ? 's' : ''}: ${suspectList.join('; ')}.` : '';
  return `${first}.${second}`;
}
