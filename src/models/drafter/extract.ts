/**
 * SUMMARIZE for the built-in drafter: one deterministic pass over a complaint that pulls out the
 * facts an FIR needs (occurrence date/time, place, complainant, suspects, witnesses, property and
 * amounts, offence) and a one- or two-sentence summary in the complaint's language. Fields the
 * complaint does not state stay empty.
 */
import type { ComplainantDraft, DraftInput, Extraction, PersonDraft, PropertyDraft } from '../types.ts';
import { type Span, findOccurrence } from './dates.ts';
import { type OffenceFacts, type OffenceKey, type PlannedSection, detectOffences, hasOffenceCue, planSections } from './offences.ts';
import { type ComplainantFacts, findComplainant, findHusband, findPeople, findPhones } from './people.ts';
import { FRAMES } from './lang/frames.ts';
import { findGenericComplainant, findGenericPeople, findGenericPlace, isPlaceStopWord } from './lang/generic.ts';
import { type LanguagePack, packFor } from './lang/index.ts';
import { findPlace } from './places.ts';
import { RE_LOSS, findAmounts, findProperty } from './property.ts';
import {
  type Sentence, MAX_ANALYSED_CHARS, asDate, capitalise, cleanPhrase, detectLanguage, foldDevanagari, formatInr, formatIstDate,
  formatIstTime, hiRe, isIstMidnight, istParts, type Normalised, normaliseWithMap, restoreSpelling, sentenceIndexAt, splitSentences,
  trimAtWord,
} from './text.ts';

export interface Analysis {
  /** normalised text the offsets refer to */
  text: string;
  /** the normalised text with its map back to the complaint as written */
  norm: Normalised;
  sentences: Sentence[];
  language: string;
  /** Devanagari-script complaint (labels for articles are then in Hindi) */
  devanagari: boolean;
  occurredFrom: Date | null;
  occurredTo: Date | null;
  /** the occurrence is known to be at night (for house-breaking by night) */
  night: boolean;
  complainant: ComplainantFacts;
  place: string | null;
  placeAddress: string | null;
  placePrep: string | null;
  suspects: PersonDraft[];
  witnesses: PersonDraft[];
  offenders: number;
  property: PropertyDraft[];
  propertyKeys: string[];
  amounts: number[];
  /** an amount said to be the total ("total", "कुल"), if any */
  totalAmount: number | null;
  offences: OffenceFacts;
  plan: PlannedSection[];
  description: string | null;
  delayReason: string | null;
}

const RE_DELAY = hiRe(
  '(?:\\b(?:reason for (?:the )?delay(?: in (?:reporting|lodging|filing|registering)(?: (?:the|this) (?:complaint|fir|report|matter))?)?(?: is| was)?(?: that)?[:]?|the delay (?:in reporting )?(?:is|was) (?:because|due to)|delay(?:ed)? (?:in (?:reporting|lodging|filing)[^.]{0,30}?)?(?:is |was )?(?:because|due to|as)|could not (?:come|report|lodge|file|approach)[^.]{0,60}?(?:because|due to|as)|(?:came|reporting|approached) late because)\\s?(.{5,200}?)(?:[.।\\n]|$))' +
    '|((?:देरी|देर|विलंब)[^।\\n]{0,80}?(?:क्योंकि|कारण|वजह)[^।\\n]{3,160})',
  'iu',
);

function lightNormalise(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').replace(/[^\S\n]+/g, ' ').trim();
}

/** The sentences of the complaint (as written) that describe the occurrence; null when none do. */
function incidentDescription(raw: string, language: string): string | null {
  const src = raw.length > MAX_ANALYSED_CHARS ? raw.slice(0, MAX_ANALYSED_CHARS) : raw;
  const text = lightNormalise(src);
  const picked: string[] = [];
  let len = 0;
  for (const s of splitSentences(text)) {
    const folded = foldDevanagari(s.text);
    if (!RE_LOSS.test(folded) && !hasOffenceCue(folded, language)) continue;
    const piece = s.text.trim().replace(/\n+/g, ' ');
    if (len + piece.length > 700) {
      if (picked.length === 0) picked.push(trimAtWord(piece, 700));
      break;
    }
    picked.push(piece);
    len += piece.length + 1;
  }
  return picked.length ? picked.join(' ') : null;
}

const cache = new Map<string, Analysis>();
const CACHE_SIZE = 16;

/** Pure and deterministic; memoised on (text, receivedAt, language) because every stage calls it. */
export function analyse(rawText: string, receivedAt: Date, languageHint?: string | null): Analysis {
  const received = asDate(receivedAt) ?? new Date(0);
  const raw = typeof rawText === 'string' ? rawText : '';
  const key = `${received.getTime()}|${languageHint ?? ''}|${raw}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const a = analyseUncached(raw, received, languageHint);
  cache.set(key, a);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return a;
}

/** The analysis without the memo (for tests of determinism). */
export function analyseUncached(raw: string, received: Date, languageHint?: string | null): Analysis {
  const language = detectLanguage(raw, languageHint);
  const norm = normaliseWithMap(raw);
  const t = norm.text;
  const sentences = splitSentences(t);
  const devanagari = /[\u0900-\u097F]/.test(t) && (t.match(/[\u0900-\u097F]/g)?.length ?? 0) >= (t.match(/[A-Za-z]/g)?.length ?? 0);

  const phones = findPhones(t);
  const occ = findOccurrence(t, sentences, received, packFor(language));
  const masked: Span[] = [...phones, ...occ.spans];
  const amountMentions = findAmounts(t, masked);
  const amounts: number[] = [];
  for (const a of amountMentions) if (!amounts.includes(a.value)) amounts.push(a.value);
  const totalAmount = amountMentions.find((a) => a.total)?.value ?? null;

  const complainant = findComplainant(t, sentences, received, phones);
  // languages without hand-built extractors: the pack-driven ones fill what those left empty
  // (for Hinglish the English extractors go first: much of it is English)
  const pack = packFor(language);
  if (pack) {
    const g = findGenericComplainant(t, pack);
    // Hindi and Hinglish have hand-built extractors (English ones read much of Hinglish): those first
    const latin = language === 'hi-Latn' || language === 'hi';
    const pick = <T>(own: T | null | undefined, generic: T | null) => (latin ? own ?? generic : generic ?? own ?? null);
    complainant.name = pick(complainant.name, g.name);
    if (g.fatherOrHusbandName && (!latin || !complainant.fatherOrHusbandName)) {
      complainant.fatherOrHusbandName = g.fatherOrHusbandName;
      complainant.relation = g.relation ?? complainant.relation;
    }
    complainant.age = pick(complainant.age, g.age);
    complainant.address = pick(complainant.address, g.address) ?? g.addressGuessed ?? null;
    complainant.occupation = pick(complainant.occupation, g.occupation);
    complainant.spans.push(...g.spans);
  }
  complainant.name = withoutLeadingLabel(complainant.name ?? null);
  const people = findPeople(t, sentences, complainant.name ?? null, phones, devanagari);
  const prop = findProperty(t, sentences, amountMentions, devanagari);

  const nightTime = (() => {
    if (!occ.from || isIstMidnight(occ.from)) return false;
    const h = istParts(occ.from).h;
    return h >= 19 || h < 6;
  })();
  const ctx = {
    physicalProperty: prop.physical,
    anyProperty: prop.items.length > 0,
    offenders: people.offenders,
    nightTime,
    maxAmount: amounts.length ? Math.max(...amounts) : 0,
    language,
  };
  const offences = detectOffences(t, sentences, ctx);
  const plan = planSections(offences, ctx);
  const suspects = [...people.suspects];
  const witnesses = [...people.witnesses];
  if (pack) {
    // named suspects and witnesses, read the same way in every pack language
    const named = findGenericPeople(t, sentences, pack, complainant.name ?? null, (x) => hasOffenceCue(x, language), complainant.fatherOrHusbandName ?? null);
    const has = (list: PersonDraft[], n: string) => list.some((p) => p.name && (p.name.includes(n) || n.includes(p.name)));
    for (const n of named.suspects) if (!has(suspects, n) && !has(witnesses, n)) suspects.push({ name: n, description: null, address: null });
    for (const n of named.witnesses) if (!has(suspects, n) && !has(witnesses, n)) witnesses.push({ name: n, description: null, address: null });
  }
  if (offences.offences.has('cruelty') || offences.offences.has('dowryDeath')) {
    // the husband and his relatives are the accused in a cruelty complaint
    if (!suspects.some((s) => /husband|पति/i.test(s.description ?? ''))) {
      const husband = findHusband(t);
      if (husband || /\bmy husband\b|मेरे पति|पति ने|पति और|पति व/iu.test(t)) {
        suspects.unshift({ name: husband, description: devanagari ? 'पति' : 'Husband', address: null });
      }
    }
    if (/\bin-?laws?\b|ससुराल|सास|ससुर/iu.test(t) && !suspects.some((s) => /in-laws|ससुराल/.test(s.description ?? ''))) {
      suspects.push({ name: null, description: devanagari ? 'ससुराल पक्ष के लोग' : 'Relatives of the husband (in-laws)', address: null });
    }
  }
  if (offences.offences.has('rashDriving') || offences.offences.has('trafficHurt') || offences.offences.has('trafficGrievous') || offences.offences.has('negligentDeath')) {
    const reg = /(?<![A-Za-z0-9])([A-Z]{2}[ -]?\d{1,2}[ -]?[A-Z]{0,3}[ -]?\d{4})(?![A-Za-z0-9])/.exec(t);
    if (reg?.[1] && !suspects.some((s) => (s.description ?? '').includes(reg[1] as string))) {
      suspects.push({ name: null, description: devanagari ? `वाहन संख्या ${reg[1]} का चालक` : `Driver of vehicle no. ${reg[1]}`, address: null });
    }
  }

  // sentences about the occurrence: where the offence or loss is told, or the date of occurrence
  const incident = new Set<number>();
  sentences.forEach((s, i) => {
    if (RE_LOSS.test(s.text) || hasOffenceCue(s.text, language)) incident.add(i);
  });
  for (const d of occ.dates) incident.add(sentenceIndexAt(sentences, d.start));
  let place = findPlace(t, sentences, [...complainant.spans, ...phones], incident, devanagari);
  if (pack && ((language !== 'hi-Latn' && language !== 'hi') || !place.place)) {
    const g = findGenericPlace(t, sentences, incident, [...complainant.spans, ...phones], pack);
    if (g.place) place = { place: g.place, address: g.context, prep: '' };
    // "আমাদের বাড়িতে", "ನಮ್ಮ ಮನೆಯ", "മകളുടെ വീട്ടിൽ" aside: at the complainant's own home the
    // surroundings are the complainant's address
    const own = (place.place ? RE_OWN_HOME.exec(place.place) : null) ?? (place.place ? null : RE_OWN_HOME_ANY.exec(incidentText(t, sentences, incident)));
    if (own && complainant.address && (!place.place || ownHomeOnly(place.place, pack))) {
      place = { place: place.place ?? own[0], address: complainant.address, prep: '' };
    }
  }

  const delay = RE_DELAY.exec(t);
  const delayReason = delay ? cleanPhrase(delay[1] ?? delay[2] ?? '') || null : null;

  return {
    text: t,
    norm,
    sentences,
    language,
    devanagari,
    occurredFrom: occ.from,
    occurredTo: occ.to,
    night: nightTime,
    complainant,
    place: place.place,
    placeAddress: place.address ?? placeContext(t, sentences, incident, place.place, complainant.address ?? null, pack),
    placePrep: place.prep,
    suspects,
    witnesses,
    offenders: people.offenders,
    property: prop.items,
    propertyKeys: prop.keys,
    amounts,
    totalAmount,
    offences,
    plan,
    description: incidentDescription(raw, language),
    delayReason,
  };
}

/**
 * Words a statement puts before the complainant's name that are not the name: "the undersigned",
 * "complainant", "appearing in person", "under treatment" ("নিম্নস্বাক্ষরকারী গৌতম সাহা",
 * "फरियादी अनिल जैन", "ಪಿರ್ಯಾದಿದಾರರಾದ ಕೆಂಪೇಗೌಡ", "നേരിട്ട് ഹാജരായ ഷംസുദ്ദീൻ").
 */
const RE_LEADING_LABEL = new RegExp(
  '^(?:(?:undersigned|complainant|applicant|informant|নিম্নস্বাক্ষরকারী|অভিযোগকারী|फरियादी|फिर्यादी|वादी|वादिनी|प्रार्थी|प्रार्थिनी|आवेदक|' +
    'ਅਜ਼ਾਂ|ਅਜਾਂ|ਮੁਦਈ|ਫ਼ਰਿਆਦੀ|ਫਰਿਆਦੀ|ਅਰਜ਼ੀਦਾਰ|ਬਿਨੈਕਾਰ|ફરિયાદી|અરજદાર|ಪಿರ್ಯಾದಿ[\\p{L}\\p{M}]*|ಫಿರ್ಯಾದಿ[\\p{L}\\p{M}]*|ದೂರುದಾರ[\\p{L}\\p{M}]*|' +
    'புகார்தாரர்|மனுதாரர்|ఫిర్యాదుదారు[\\p{L}\\p{M}]*|നേരിട്ട്|ഹാജരായ|ചികിത്സയിൽ|കഴിയുന്ന|പരാതിക്കാര[\\p{L}\\p{M}]*)\\s+)+',
  'iu',
);

function withoutLeadingLabel(name: string | null): string | null {
  if (!name) return name;
  const stripped = name.replace(RE_LEADING_LABEL, '').trim();
  return stripped.length >= 2 ? stripped : name;
}

// ───────────── place of occurrence, with its surroundings ─────────────

const HOME_WORDS = 'বাড়ি|বাড়ি|ঘর|ઘર|મકાન|ಮನೆ|വീട|வீட|வீடு|ఇంట|ఇల్లు|ਘਰ|ਮਕਾਨ|घर|मकान';
const MY = 'আমার|আমাদের|મારા|મારું|અમારા|અમારું|ನನ್ನ|ನಮ್ಮ|എന്റെ|ഞങ്ങളുടെ|என்|எனது|எங்கள்|எங்க|నా|మా|ਮੇਰੇ|ਮੇਰਾ|ਸਾਡੇ|ਸਾਡਾ|माझ्या|आमच्या|माझे|आमचे|मेरे|हमारे';
const RE_OWN_HOME = new RegExp(`(?:^|\\s)(?:(?:${MY})\\s)?(?:${HOME_WORDS})[\\p{L}\\p{M}]*$`, 'u');
const RE_OWN_HOME_ANY = new RegExp(`(?<![\\p{L}\\p{M}])(?:${MY})\\s(?:${HOME_WORDS})[\\p{L}\\p{M}]*`, 'u');

const RE_MY_WORD = new RegExp(`^(?:${MY})$`, 'u');
const RE_HOME_WORD = new RegExp(`^(?:${HOME_WORDS})`, 'u');

/** the place phrase is only "(my) house": no one else's name before the house word */
function ownHomeOnly(place: string, pack: { functionWords?: readonly string[] } | undefined): boolean {
  const fw = new Set((pack?.functionWords ?? []).map((w) => w.normalize('NFC')));
  const words = place.split(/\s+/).filter((w) => !fw.has(w) && !RE_MY_WORD.test(w));
  return words.length === 1 && RE_HOME_WORD.test(words[0] ?? '');
}

function incidentText(t: string, sentences: readonly Sentence[], incident: ReadonlySet<number>): string {
  return [...incident].sort((a, b) => a - b).map((i) => (sentences[i] ? t.slice(sentences[i].start, sentences[i].end) : '')).join(' ');
}

const RE_OWN_PREMISES = hiRe(
  `^(?:in front of |outside |near |inside |at )?(?:the )?complainant's (?:house|home|residence|flat|room|gate|plot|field|farm|shop)|^(?:मेरे|हमारे|मेरी|हमारी) (?:घर|मकान|कमरे|फ्लैट|दुकान)|^(?:माझ्या|आमच्या) (?:घर|दुकान)|^(?:আমার|আমাদের) (?:বাড়ি|ঘর|দোকান)`,
  'iu',
);
/** a date, a time or a clause word that ends a place read backwards */
const RE_PLACE_LEFT_STOP = hiRe(
  `^(?:\\d{1,2}[:.]\\d{2}|\\d{1,2}(?:[./-]\\d{1,2}){1,2}|am|pm|a\\.m\\.?|p\\.m\\.?|hrs|o'clock|on|at|when|while|i|we|he|she|they|was|were|had|have|reached|went|came|बजे|को|तो|जब|मैं|हम|वह|था|थी|थे|रोजी|वाजता|मी|আমি|টায়|তারিখে)$`,
  'iu',
);

const LATIN_PLACE_WORDS = new Set(
  'road marg lane street gali service main market bazaar bazar chowk nagar colony sector block phase village gaon mohalla ward cross circle junction highway bypass flyover bridge station stand stop gate side wali wala ke ki ka of near behind opposite outside'.split(' '),
);

/**
 * The surroundings of the place of occurrence as the complaint gives them: the complainant's own
 * address when it happened at their house or shop; else the place's clause, a few words before it
 * (the locality that precedes a landmark in Indian addresses, "विराम खंड स्थित हनुमान मंदिर") and,
 * in English, the comma-separated segments after it ("at Karol Bagh market, New Delhi").
 */
function placeContext(
  t: string,
  sentences: readonly Sentence[],
  incident: ReadonlySet<number>,
  place: string | null,
  ownAddress: string | null,
  pack?: LanguagePack,
): string | null {
  if (!place) return null;
  if (RE_OWN_PREMISES.test(place)) return ownAddress;
  let at = -1;
  for (const i of [...incident].sort((a, b) => a - b)) {
    const s = sentences[i];
    if (!s) continue;
    const k = t.slice(s.start, s.end).indexOf(place);
    if (k >= 0) {
      at = s.start + k;
      break;
    }
  }
  if (at < 0) at = t.indexOf(place);
  if (at < 0) return null;
  const si = sentenceIndexAt(sentences, at);
  const sStart = sentences[si]?.start ?? 0;
  const sEnd = sentences[si]?.end ?? t.length;
  // left: up to six words in the same clause
  const left = t.slice(sStart, at);
  const words = [...left.matchAll(/[^\s,;:()"]+/gu)];
  let from = at;
  for (let i = words.length - 1, n = 0; i >= 0 && n < 6; i--, n++) {
    const w = words[i]!;
    const gap = left.slice(w.index + w[0].length, i === words.length - 1 ? left.length : words[i + 1]!.index);
    const word = w[0].replace(/[.,]+$/, '');
    if (/[;:()"\n।]/.test(gap) || RE_PLACE_LEFT_STOP.test(word) || (pack && isPlaceStopWord(word, pack))) break;
    // in Latin script only names (capitalised, numbered) and place words belong to a place
    if (/^[A-Za-z]/.test(word) && !/^[A-Z0-9]/.test(word) && !LATIN_PLACE_WORDS.has(word.toLowerCase())) break;
    from = sStart + w.index;
  }
  // right: ", Segment, Segment" (capitalised or numbered) after the place, Latin script only
  let to = at + place.length;
  const tail = t.slice(to, Math.min(sEnd, to + 90));
  const seg = /^(?:,? (?:[A-Z0-9][\w.'-]*(?: [A-Z0-9][\w.'-]*){0,3}))+/u.exec(tail);
  if (seg && /^[\x20-\x7e]*$/.test(seg[0])) to += seg[0].length;
  const context = t.slice(from, to).replace(/\s+/g, ' ').replace(/^[\s,]+|[\s,]+$/g, '');
  return context && context !== place ? context : null;
}

// ───────────── summary ─────────────

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

// ───────────── Extraction ─────────────

function given(v: string | null | undefined): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

export function toExtraction(a: Analysis, input: DraftInput): Extraction {
  const sub: ComplainantDraft = input.complainant ?? {};
  const c = a.complainant;
  const asWritten = (v: string | null | undefined) => restoreSpelling(a.norm, v ?? null);
  const person = (p: PersonDraft): PersonDraft => ({
    name: asWritten(p.name),
    description: asWritten(p.description),
    address: asWritten(p.address),
  });
  const complainant: ComplainantDraft = {
    name: given(sub.name) ?? asWritten(c.name),
    dateOfBirth: given(sub.dateOfBirth) ?? c.dateOfBirth ?? null,
    nationality: given(sub.nationality) ?? asWritten(c.nationality),
    fatherOrHusbandName: given(sub.fatherOrHusbandName) ?? asWritten(c.fatherOrHusbandName),
    address: given(sub.address) ?? asWritten(c.address),
    contact: given(sub.contact) ?? c.contact ?? null,
    passportNumber: given(sub.passportNumber) ?? c.passportNumber ?? null,
    occupation: given(sub.occupation) ?? asWritten(c.occupation),
  };
  const property = a.property.map((p) => ({ description: asWritten(p.description) ?? p.description, valueInr: p.valueInr ?? null }));
  const suspects = a.suspects.map(person);
  const witnesses = a.witnesses.map(person);
  const place = asWritten(a.place);
  const summary = summaryText(a, { occurredFrom: a.occurredFrom, place, suspects, property }, a.language);
  return {
    summary,
    language: a.language,
    complainant,
    incident: {
      occurredFrom: a.occurredFrom ? new Date(a.occurredFrom.getTime()) : null,
      occurredTo: a.occurredTo ? new Date(a.occurredTo.getTime()) : null,
      place,
      address: asWritten(a.placeAddress),
      description: a.description,
      delayReason: asWritten(a.delayReason),
    },
    suspects,
    witnesses,
    property,
    amountsInr: [...a.amounts],
  };
}

export function summarize(input: DraftInput): Extraction {
  return toExtraction(analyse(input.text, input.receivedAt, input.language), input);
}
