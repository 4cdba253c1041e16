/**
 * What offence a complaint describes, by deterministic rules over cue words (English, Hindi,
 * romanised Hindi, and the complaint's own language pack) and the facts already extracted. Shared
 * by the summary (offence word), the retrieval query (cue terms, offence-sections.ts), the section
 * plan (offence-sections.ts) and the choice of the incident's sentences (`hasOffenceCue`).
 */
import { CUES, NEGATIONS, RE_BEATING, RE_OFFENDER_COUNT } from './offence-cues.ts';
import {
  NUMBER_WORDS,
  RE_BUILDING,
  RE_CHILD_TAKEN,
  RE_FLED,
  RE_GONE,
  RE_HARASS,
  RE_LAND,
  RE_MISSING_PERSON,
  RE_OFFENDER_WORDS,
  RE_NOT_PAID,
  RE_OR_ELSE_MONEY,
  RE_PAID,
  RE_PETROL_ON_PERSON,
  RE_QUID_PRO_QUO,
  RE_SEXUAL_HARASSMENT,
  RE_SHARP_WEAPON,
  RE_SOMEONE,
  RE_SUDDEN_FIGHT,
  RE_VALUABLES,
  RE_VEHICLE,
} from './lang/cross.ts';
import { packCues } from './lang/index.ts';
import type { Cue } from './lang/types.ts';
import { type Sentence, sentenceIndexAt } from './text.ts';

export type OffenceKey =
  | 'murder' | 'attemptMurder' | 'dowryDeath' | 'rape' | 'dacoity' | 'robbery' | 'robberyHurt' | 'ransom' | 'kidnapping'
  | 'housebreaking' | 'extortion' | 'cruelty' | 'fireHouse' | 'fire' | 'grievousWeapon' | 'grievous' | 'weaponHurt'
  | 'dwellingTheft' | 'snatching' | 'cheating' | 'molestation' | 'cbt' | 'impersonation' | 'forgery' | 'theft'
  | 'rashDriving' | 'trafficHurt' | 'trafficGrievous' | 'negligentDeath' | 'stalking' | 'sexualHarassment' | 'suddenFightHomicide' | 'hitAndRun' | 'servantTheft' | 'modestyInsult' | 'trespass' | 'hurt'
  | 'deathThreat' | 'threat' | 'mischief' | 'insult' | 'confinement' | 'restraint' | 'conspiracy' | 'commonIntention'
  | 'culpableHomicide' | 'landTrespass' | 'cbtServant' | 'forgeryValuable' | 'defamation' | 'anonThreat' | 'rioting' | 'armedRioting';

export interface OffenceFacts {
  offences: Set<OffenceKey>;
  /** cue families with the positions they were found at */
  cues: Partial<Record<Cue, number[]>>;
  /** the driver of a fatal accident fled (BNS 106(2) rather than 106(1)) */
  hitAndRun?: boolean;
  /** the extortion money was demanded but not paid (308(3)/(4) rather than 308(2)/(5)) */
  extortionUnpaid?: boolean;
}

export interface OffenceContext {
  /** an article other than money was taken (from the property extractor) */
  physicalProperty: boolean;
  /** any property at all in a loss context */
  anyProperty: boolean;
  /** estimate of the number of offenders */
  offenders: number;
  /** the time of occurrence is known to be at night */
  nightTime: boolean;
  /** largest amount mentioned */
  maxAmount: number;
  /** the complaint's language: its pack's cue words apply */
  language?: string;
}

/** Keeps only the positions of the cue families that `keep` accepts; a family left with none is dropped. */
function filterCues(cues: Partial<Record<Cue, number[]>>, families: readonly Cue[], keep: (p: number) => boolean): void {
  for (const c of families) {
    const kept = (cues[c] ?? []).filter(keep);
    if (kept.length) cues[c] = kept;
    else delete cues[c];
  }
}

function mask(t: string, negations: RegExp | null): string {
  const masked = t.replace(NEGATIONS, (m) => ' '.repeat(m.length));
  return negations ? masked.replace(negations, (m) => ' '.repeat(m.length)) : masked;
}

export function detectOffences(t: string, sentences: readonly Sentence[], ctx: OffenceContext): OffenceFacts {
  const pack = packCues(ctx.language);
  const text = mask(t, pack?.negations ?? null);
  const cues: Partial<Record<Cue, number[]>> = {};
  for (const [key, re] of Object.entries(CUES) as Array<[Cue, RegExp]>) {
    const pos: number[] = [];
    for (const m of text.matchAll(re)) pos.push(m.index);
    if (pos.length) cues[key] = pos;
  }
  // the complaint's own language pack
  for (const [key, re] of Object.entries(pack?.cues ?? {}) as Array<[Cue, RegExp]>) {
    const pos = cues[key] ?? [];
    for (const m of text.matchAll(re)) if (!pos.includes(m.index)) pos.push(m.index);
    if (pos.length) cues[key] = pos.sort((x, y) => x - y);
  }
  // "প্রাণে মেরে ফেলার হুমকি", "जान से मारने की धमकी", "threatened to beat": the blow or the
  // killing is what was threatened, not what was done
  const threats = [...(cues.threat ?? []), ...(cues.deathThreat ?? [])];
  if (threats.length) {
    const threatened = (p: number) =>
      threats.some((q) => (q > p && q - p < 32 && !/[.।\n!?]/.test(text.slice(p, q))) || (q < p && p - q < 24 && /^threat\w* (?:to|that)\b/i.test(text.slice(q, p))));
    // (a house or a shop threatened with burning or breaking is not yet burnt or broken)
    filterCues(cues, ['hurt', 'murder', 'attemptMurder', 'fire', 'mischief'], (p) => !threatened(p));
  }
  // "someone took it", "the bike was not there": a taking by an unknown hand is a theft; a child
  // taken away is a kidnapping
  if (cues.taking?.length) {
    for (const p of cues.taking) {
      const si = sentenceIndexAt(sentences, p);
      const sent = sentences[si]?.text ?? '';
      const gone = RE_GONE.test(text.slice(p, p + 30));
      if (RE_SOMEONE.test(sent) || (gone && RE_VEHICLE.test(sent) && !cues.traffic?.length)) (cues.theft ??= []).push(p);
    }
  }
  for (const m of text.matchAll(RE_CHILD_TAKEN)) (cues.kidnap ??= []).push(m.index);
  // a defamation complaint quotes the accusation ("posted that I am a thief"): no theft in it
  if (cues.defame?.length) {
    const defamed = new Set(cues.defame.map((p) => sentenceIndexAt(sentences, p)));
    filterCues(cues, ['theft', 'robbery', 'taking', 'cheat', 'cbt'], (p) => !defamed.has(sentenceIndexAt(sentences, p)));
  }
  const has = (c: Cue) => (cues[c]?.length ?? 0) > 0;
  const sentOf = (c: Cue) => new Set((cues[c] ?? []).map((p) => sentenceIndexAt(sentences, p)));
  /** two cue families in the same or adjacent sentences */
  const near = (a: Cue, b: Cue, span = 1) => {
    const sa = sentOf(a);
    for (const s of sentOf(b)) for (let d = -span; d <= span; d++) if (sa.has(s + d)) return true;
    return false;
  };

  /** the text of the sentences a cue family occurs in */
  const sentencesWith = (c: Cue) => [...sentOf(c)].map((i) => sentences[i]?.text ?? '').join(' ');
  const o = new Set<OffenceKey>();
  // a collision followed by a beating is an assault: the hurt is the people's, not the vehicle's
  const beaten = RE_BEATING.test(text);
  const traffic = has('traffic') && !has('robbery') && !has('snatch');
  const cheating = has('cheat') && (ctx.anyProperty || ctx.maxAmount > 0 || has('impersonate') || (cues.cheat?.length ?? 0) >= 2);
  const takingCue = has('theft') || has('snatch') || (has('taking') && ctx.anyProperty);
  const forceWithTaking =
    (has('force') && (takingCue || has('snatch'))) ||
    // "took him to hospital" is a taking word too: a taking is robbery only when property went with it
    ((has('snatch') || has('theft') || has('taking')) &&
      (near('snatch', 'hurt', 0) || near('theft', 'hurt', 0) || (ctx.anyProperty && near('taking', 'hurt', 0)) || near('snatch', 'weapon', 0) || near('snatch', 'deathThreat')));
  // "the house was looted" after a break-in with no one threatened or hurt is house-breaking and theft
  const quietBreakIn = has('breakin') && !has('force') && !has('weapon') && !has('hurt') && !has('threat') && !has('deathThreat');
  const robberyWords = has('robbery') && !quietBreakIn && (!cheating || has('force') || has('weapon') || ctx.physicalProperty);
  // "hand over what you have, or we'll beat you", and it is taken there and then: robbery
  const takenUnderThreat = (has('threat') || has('deathThreat')) && ctx.physicalProperty && !cheating && (near('threat', 'taking', 0) || near('threat', 'theft', 0) || near('deathThreat', 'taking', 0));
  const robbery = robberyWords || ((forceWithTaking || takenUnderThreat) && !traffic);

  // "हत्या की धमकी" is a threat, not a murder, unless a death is reported
  if (has('murder') && (has('death') || !has('deathThreat'))) o.add('murder');
  // a death reported after an assault: murder when a weapon was used on the victim, else
  // culpable homicide not amounting to murder (one blow, a fall); the investigating officer decides
  else if (has('death') && has('hurt') && !has('traffic') && !has('dowry') && near('death', 'hurt', 3)) {
    o.add(near('weapon', 'hurt', 0) ? 'murder' : 'culpableHomicide');
  } else if (has('death') && !has('traffic') && !has('dowry') && RE_SUDDEN_FIGHT.test(text)) o.add('culpableHomicide');
  // killed in a sudden quarrel (no premeditation): culpable homicide is the first charge, murder the other
  if (o.has('murder') && RE_SUDDEN_FIGHT.test(text) && !has('conspiracy')) o.add('suddenFightHomicide');
  if (has('attemptMurder')) o.add('attemptMurder');
  else if (RE_PETROL_ON_PERSON.test(text)) o.add('attemptMurder');
  // "I'll finish you today", and a blade or a gun used on the victim: an attempt to murder
  else if (!o.has('murder') && !o.has('culpableHomicide') && has('deathThreat') && (has('hurt') || has('grievous')) && RE_SHARP_WEAPON.test(`${sentencesWith('hurt')} ${sentencesWith('grievous')}`)) o.add('attemptMurder');
  if (has('rape')) o.add('rape');
  if (has('dowry') && has('death')) o.add('dowryDeath');

  // "6-7 persons", "five armed men": the most offenders any mention counts
  let offenders = ctx.offenders;
  for (const m of [...text.matchAll(RE_OFFENDER_COUNT), ...text.matchAll(RE_OFFENDER_WORDS)]) {
    for (const g of m.slice(1)) if (g) offenders = Math.max(offenders, Number(g) || NUMBER_WORDS[g.toLowerCase()] || NUMBER_WORDS[g] || 0);
  }
  if (has('dacoity') || (robbery && offenders >= 5)) o.add('dacoity');
  else if (robbery) {
    o.add('robbery');
    if (has('hurt') && (near('robbery', 'hurt') || near('snatch', 'hurt') || near('force', 'hurt') || near('theft', 'hurt'))) o.add('robberyHurt');
  }
  const propertyOffence = o.has('dacoity') || o.has('robbery');

  if (!propertyOffence && has('snatch') && !traffic) o.add('snatching');
  // a sum demanded for a kidnapped person's release is ransom in any language
  const ransomDemand = has('kidnap') && (RE_OR_ELSE_MONEY.test(text) || ctx.maxAmount >= 10_000);
  if ((has('ransom') || ransomDemand) && (has('kidnap') || has('missingChild'))) o.add('ransom');
  // "no trace of it" is a missing thing unless the complaint speaks of a person (the bike, not a son)
  else if (has('kidnap') || (has('missingChild') && RE_MISSING_PERSON.test(text))) o.add('kidnapping');

  // "I lost my wallet" / "मोबाइल खो गया": a loss, not a theft, unless a taking is alleged
  const lostOnly = has('lost') && !has('theft') && !has('snatch') && !has('breakin');
  // theft: a taking word, or a loss word with property, and not a cheating case in which only money moved
  let theft = !propertyOffence && !o.has('snatching') && !lostOnly && (has('theft') || (has('taking') && ctx.anyProperty && !cheating && !traffic && !o.has('kidnapping')));
  if (theft && cheating && !ctx.physicalProperty) theft = false;
  if (theft && o.has('kidnapping') && !ctx.physicalProperty) theft = false;

  if (has('breakin') && (theft || has('trespass') || ctx.anyProperty || has('dwelling'))) o.add('housebreaking');
  // stolen by the complainant's own servant or employee: theft by clerk or servant (BNS 306)
  if (theft && !o.has('housebreaking') && has('servant') && (near('servant', 'theft', 3) || near('servant', 'taking', 3))) o.add('servantTheft');
  else if (theft && (o.has('housebreaking') || near('theft', 'dwelling', 0) || (has('trespass') && near('theft', 'trespass')))) o.add('dwellingTheft');
  else if (theft) o.add('theft');
  if (has('trespass') && !o.has('housebreaking')) {
    // entering land, not a building: criminal trespass; a house, room or shop: house-trespass
    const landOnly = RE_LAND.test(text) && !RE_BUILDING.test(sentencesWith('trespass'));
    o.add(landOnly ? 'landTrespass' : 'trespass');
  }

  // "pay two lakh, otherwise we will finish you" in any language: a demand with a threat is extortion
  const demanded = (has('threat') || has('deathThreat')) && !has('extortion') && !cheating && RE_OR_ELSE_MONEY.test(text);
  if ((has('extortion') || demanded) && !propertyOffence) o.add('extortion');
  // a husband's repeated violence against his wife is cruelty even without a dowry demand
  const domestic = has('inlaws') && (has('hurt') || has('threat')) && /\b(?:daily|every ?day|always|regularly|often|repeatedly|habitually|for (?:the last )?(?:\w+ )?(?:years|months)|since (?:the |our |her )?marriage|drinks|drunk)\b|रोज|रोजाना|आए दिन|अक्सर|शादी के बाद से|शराब पीकर|नशे में|दररोज|लग्नानंतर|दारू पिऊन|ದಿನಾಲೂ|ಪ್ರತಿದಿನ|ಕುಡಿದು|প্রতিদিন|রোজ|মদ খেয়ে|নেশা করে|தினமும்|குடித்துவிட்டு|ప్రతిరోజు|రోజూ|తాగి|ദിവസവും|മദ്യപിച്ച്|રોજ|દારૂ પીને|ਰੋਜ਼|ਸ਼ਰਾਬ ਪੀ ਕੇ|\b(?:roz|rozana|daaru|daru|sharab|nashe|shadi ke baad se)\b/iu.test(text);
  const cruelty = domestic || (has('dowry') && (has('hurt') || has('insult') || has('threat') || /harass|torture|tortur|प्रताड|प्रताडित|छळ|cruel|demand|मांग/iu.test(text))) ||
    (has('inlaws') && RE_HARASS.test(text)) ||
    (has('inlaws') && /harass\w*|tortur\w*|cruel\w*|प्रताड[\u0900-\u097F]*|छळ|mental(?:ly)? and physical(?:ly)?|शारीरिक और मानसिक/iu.test(text));
  if (cruelty && !o.has('dowryDeath')) o.add('cruelty');

  if (has('fire')) o.add(/\b(?:house|home|hut|shop|building|godown|shed)\b|घर|मकान|झोपडी|दुकान/iu.test(sentencesWith('fire')) && !/\b(?:motorcycle|bike|scooter|car|vehicle|activa|splendor|tractor|truck|auto)\b|मोटरसाइकिल|बाइक|गाडी|वाहन|कार/iu.test(sentencesWith('fire')) ? 'fireHouse' : 'fire');

  if (traffic && beaten && !has('death')) {
    if (/rash|high speed|over-?speed|tez raftar|तेज रफ्तार|लापरवाही/iu.test(text)) o.add('rashDriving');
  } else if (traffic && (has('hurt') || has('grievous') || has('death'))) {
    if (has('death') && !has('murder')) o.add('negligentDeath');
    else if (has('grievous')) o.add('trafficGrievous');
    else o.add('trafficHurt');
    o.add('rashDriving');
  } else if (traffic && /rash|high speed|over-?speed|तेज रफ्तार|तेज गति|लापरवाही/iu.test(text)) {
    o.add('rashDriving');
  }

  if (has('hurt') && (!traffic || beaten) && !propertyOffence && !o.has('murder') && !o.has('culpableHomicide')) {
    const weaponInHurt = near('weapon', 'hurt', 0);
    if (has('grievous') && weaponInHurt) o.add('grievousWeapon');
    else if (has('grievous')) o.add('grievous');
    else if (weaponInHurt) o.add('weaponHurt');
    else o.add('hurt');
  } else if (has('grievous') && !traffic && !propertyOffence && !o.has('murder') && (has('weapon') || has('hurt'))) {
    o.add('grievous');
  }

  if (has('molest')) o.add('molestation');
  // named as sexual harassment, or favours demanded for a job or a promotion: BNS 75
  if (RE_SEXUAL_HARASSMENT.test(text) || (RE_QUID_PRO_QUO.test(text) && (has('molest') || has('modesty') || has('threat')))) o.add('sexualHarassment');
  if (has('stalk')) o.add('stalking');
  if (has('modesty') && !o.has('molestation')) o.add('modestyInsult');

  // "promised to pay for the treatment" in an accident report is no cheating
  if (cheating && !(traffic && (cues.cheat?.length ?? 0) < 2)) {
    o.add('cheating');
    if (has('impersonate')) o.add('impersonation');
  }
  if (has('forgery')) o.add(has('deed') && near('forgery', 'deed', 2) ? 'forgeryValuable' : 'forgery');
  if (has('defame') && !o.has('extortion')) o.add('defamation');
  if (has('cbt') && (ctx.anyProperty || ctx.maxAmount > 0 || RE_VALUABLES.test(text) || /money|amount|jewell?ery|ornaments|stridhan|\b(?:car|bike|scooter|truck|tractor|vehicle|goods|stock|gold)\b|पैसे|रुपये|रकम|जेवर|गहने|स्त्रीधन/iu.test(text)) && !propertyOffence && !theft) o.add(has('servant') && near('servant', 'cbt', 3) ? 'cbtServant' : 'cbt');

  if (!propertyOffence && !o.has('extortion')) {
    if (has('deathThreat')) o.add('deathThreat');
    else if (has('threat')) o.add('threat');
    if ((has('deathThreat') || has('threat')) && has('anonymous')) o.add('anonThreat');
  }
  // five or more acting together with force: rioting (armed with deadly weapons: 191(3))
  if ((has('riot') || offenders >= 5) && offenders >= 5 && (has('hurt') || has('mischief') || has('weapon')) && !o.has('dacoity') && !o.has('robbery')) {
    o.add(has('weapon') ? 'armedRioting' : 'rioting');
  }
  if (has('mischief') && !o.has('fire') && !o.has('fireHouse')) {
    // a lock or door broken to get in is part of the house-breaking
    const onlyEntry = o.has('housebreaking') && !/window|glass|car|vehicle|furniture|tv|शीशा|गाडी|तोडफोड/iu.test(text);
    if (!onlyEntry && !traffic) o.add('mischief');
  }
  if (has('insult')) o.add('insult');
  if (has('confine') && !o.has('kidnapping')) o.add('confinement');
  if (has('restraint') && !propertyOffence && !o.has('snatching') && !o.has('kidnapping') && (o.has('hurt') || o.has('weaponHurt') || o.has('insult') || o.has('threat') || o.has('deathThreat') || o.has('molestation'))) o.add('restraint');
  if (has('conspiracy') && o.size > 0) o.add('conspiracy');

  const principalish = [...o].some((k) => !['insult', 'threat', 'deathThreat', 'restraint', 'conspiracy', 'commonIntention'].includes(k));
  if (ctx.offenders >= 2 && principalish && !o.has('dacoity') && !o.has('cruelty') && !o.has('dowryDeath') && !o.has('cheating')) o.add('commonIntention');
  // the driver fled after a fatal accident: 106(2) (escaping without reporting it)
  const hitAndRun = o.has('negligentDeath') && RE_FLED.test(text);
  if (hitAndRun) o.add('hitAndRun');
  const extortionUnpaid = o.has('extortion') && RE_NOT_PAID.test(text) && !RE_PAID.test(text);
  return { offences: o, cues, hitAndRun, extortionUnpaid };
}

const INCIDENT_CUES: readonly Cue[] = [
  'theft', 'snatch', 'robbery', 'dacoity', 'force', 'hurt', 'grievous', 'murder', 'attemptMurder', 'cheat', 'cbt', 'trespass', 'breakin',
  'threat', 'deathThreat', 'insult', 'dowry', 'molest', 'stalk', 'rape', 'kidnap', 'missingChild', 'mischief', 'fire', 'extortion',
  'forgery', 'traffic',
];
const INCIDENT_RE = INCIDENT_CUES.map((c) => new RegExp(CUES[c].source, CUES[c].flags.replace('g', '')));

/** Whether a piece of text tells of an offence (any cue family). */
export function hasOffenceCue(text: string, language?: string | null): boolean {
  if (INCIDENT_RE.some((re) => re.test(text))) return true;
  const pack = packCues(language);
  if (!pack) return false;
  for (const c of INCIDENT_CUES) {
    const re = pack.cues[c];
    if (!re) continue;
    // a global pattern's test() leaves lastIndex behind, and matchAll() starts from it: the next
    // complaint's cues would be searched from the middle of its text
    re.lastIndex = 0;
    const hit = re.test(text);
    re.lastIndex = 0;
    if (hit) return true;
  }
  return false;
}
