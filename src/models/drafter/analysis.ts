/**
 * The analysis of a complaint: one deterministic pass over the normalised text that pulls out the
 * facts an FIR needs (occurrence date and time, place, complainant, suspects, witnesses, property
 * and amounts, offences and the sections they call for), with the hand-built English and Hindi
 * extractors and the pack-driven ones of the other languages. Fields the complaint does not state
 * stay empty. Memoised and turned into an Extraction by extract.ts.
 */
import type { PersonDraft, PropertyDraft } from '../types.ts';
import { type ComplainantFacts, findComplainant } from './complainant.ts';
import { findOccurrence } from './occurrence.ts';
import { type PlannedSection, planSections } from './offence-sections.ts';
import { type OffenceFacts, detectOffences, hasOffenceCue } from './offences.ts';
import { findHusband, findPeople } from './people.ts';
import { findPhones } from './phones.ts';
import { atOwnHome, placeContext } from './place-context.ts';
import { findPlace } from './places.ts';
import { RE_LOSS, RE_REG_NO, findAmounts, findProperty } from './property.ts';
import type { Span } from './spans.ts';
import {
  type Sentence, MAX_ANALYSED_CHARS, cleanPhrase, detectLanguage, foldDevanagari, hiRe, isIstMidnight, istParts, type Normalised,
  normaliseWithMap, sentenceIndexAt, splitSentences, trimAtWord,
} from './text.ts';
import { findGenericComplainant } from './lang/generic-complainant.ts';
import { findGenericPeople } from './lang/generic-people.ts';
import { findGenericPlace } from './lang/generic-place.ts';
import { packFor } from './lang/index.ts';

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
    // the first registration number in the complaint
    const reg = t.matchAll(RE_REG_NO).next().value;
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
    // at the complainant's own home the surroundings are the complainant's address
    place = atOwnHome(t, sentences, incident, place.place, complainant.address ?? null, pack) ?? place;
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
