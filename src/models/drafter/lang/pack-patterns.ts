/**
 * A language pack's words compiled, once per pack, into the patterns the pack-driven extractors
 * (generic-complainant.ts, generic-dates.ts, generic-place.ts, generic-people.ts) match: the
 * self-introduction and its particulars, relation markers, age, residence, occupations, place
 * words, month and weekday names, relative day words; and the words that never belong to a name
 * or a place. Used for Bengali, Gujarati, Kannada, Malayalam, Marathi, Punjabi, Tamil, Telugu and
 * Hinglish, and where the hand-built Hindi extractors find nothing.
 */
import type { Relation } from '../names.ts';
import { alternation, norm } from './index.ts';
import type { LanguagePack } from './types.ts';

/** letters and marks of every script the drafter reads */
export const LM = '\\p{L}\\p{M}';
export const WORD = `[${LM}][${LM}'’.-]*`;
const NOT_BEFORE = `(?<![${LM}])`;

/** Words that end a name: copulas, conjunctions and pronouns, per script. */
const NAME_STOP = new Set(
  [
    'এবং', 'আমি', 'হয়', 'হই', 'আমার', 'ও', 'তিনি', 'আছে',
    'ஆகும்', 'நான்', 'மற்றும்', 'என்', 'எனது', 'ஆவேன்',
    'మరియు', 'నేను', 'నా', 'గారు',
    'ಮತ್ತು', 'ನಾನು', 'ಆಗಿದೆ', 'ನನ್ನ', 'ಆಗಿದ್ದು',
    'ആണ്', 'ഞാൻ', 'എന്റെ', 'എന്ന', 'ആയ',
    'છે', 'અને', 'હું', 'મારું', 'મારો', 'મારી',
    'ਹੈ', 'ਹਾਂ', 'ਅਤੇ', 'ਮੈਂ', 'ਮੇਰਾ', 'ਮੇਰੀ',
    'आहे', 'आणि', 'मी', 'माझे', 'माझा', 'माझी', 'यांचा', 'यांची',
    'hai', 'hu', 'hoon', 'hun', 'h', 'he', 'aur', 'main', 'mai', 'mein', 'mera', 'meri', 'and', 'i', 'my', 'is', 'am', 'from', 'resident', 'r/o', 's/o', 'd/o', 'w/o',
  ].map(norm),
);

/** Words that introduce the complainant in a petition or statement ("Applicant: X", "मैं आवेदक X"). */
const APPLICANT_LABELS = [
  'applicant', 'complainant', 'petitioner', 'informant', 'name', 'નામે', 'नामे', 'নামে', 'ਨਾਮਕ',
  'आवेदक', 'आवेदिका', 'प्रार्थी', 'प्रार्थिनी', 'शिकायतकर्ता', 'शिकायतकर्ती', 'नाम', 'अर्जदार', 'फिर्यादी', 'तक्रारदार', 'नाव', 'फिर्यादीचे नाव', 'अर्जदाराचे नाव',
  'অভিযোগকারী', 'অভিযোগকারিণী', 'আবেদনকারী', 'নাম', 'புகார்தாரர்', 'மனுதாரர்', 'பெயர்', 'ఫిర్యాదుదారు', 'ఫిర్యాదీ', 'పేరు', 'దరఖాస్తుదారు',
  'ದೂರುದಾರರು', 'ದೂರುದಾರ', 'ಫಿರ್ಯಾದಿ', 'ಹೆಸರು', 'അപേക്ഷകൻ', 'അപേക്ഷക', 'പരാതിക്കാരൻ', 'പരാതിക്കാരി', 'പേര്', 'ફરિયાદી', 'અરજદાર', 'નામ', 'ਸ਼ਿਕਾਇਤਕਰਤਾ', 'ਬਿਨੈਕਾਰ', 'ਨਾਮ', 'ਦਰਖਾਸਤੀ',
];
/** Titles before a name, skipped (the name is returned without them). */
const HONORIFICS = [
  'shri', 'shri.', 'sri', 'smt', 'smt.', 'mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'dr', 'dr.', 'श्री', 'श्री.', 'श्रीमती', 'सौ.', 'कु.', 'कुमारी', 'सुश्री', 'श्रीमान',
  'শ্রী', 'শ্রীমতী', 'শ্রীমতি', 'திரு', 'திரு.', 'திருமதி', 'செல்வி', 'శ్రీ', 'శ్రీమతి', 'ಶ್ರೀ', 'ಶ್ರೀಮತಿ', 'ಶ್ರೀ.', 'ശ്രീ', 'ശ്രീമതി', 'શ્રી', 'શ્રીમતી', 'ਸ੍ਰੀ', 'ਸ਼੍ਰੀ', 'ਸ੍ਰੀਮਤੀ', 'ਸ਼੍ਰੀਮਤੀ',
];

export interface Compiled {
  pack: LanguagePack;
  myNameIs: RegExp | null;
  iComma: RegExp | null;
  /** pronoun or applicant label, then the name, then a particular (age, parent, residence) */
  introduced: RegExp | null;
  particular: RegExp | null;
  relation: RegExp | null;
  relationKind: Map<string, Relation>;
  signOff: RegExp | null;
  age: RegExp | null;
  residentOf: RegExp | null;
  occupations: RegExp | null;
  placeAfter: RegExp | null;
  placeNouns: RegExp | null;
  placeBefore: RegExp | null;
  stops: Set<string>;
  /** "about", "around": they stand before a time, never in a place */
  approx: Set<string>;
  markerWords: Set<string>;
  months: Array<[RegExp, RegExp]>;
  monthOf: (w: string) => number | null;
  relative: RegExp | null;
  relativeOffset: Map<string, number>;
  weekday: RegExp | null;
  weekdayOf: (w: string) => number | null;
  lastWords: Set<string>;
  daysAgo: RegExp | null;
  numbers: Map<string, number>;
  night: RegExp | null;
}

const re = (alt: string, template: (a: string) => string, flags = 'giu'): RegExp | null => (alt ? new RegExp(template(alt), flags) : null);

/** The number of the longest stem a word starts with (a month or weekday name and its inflection), else null. */
function longestStem(entries: ReadonlyArray<readonly [string, number]>): (w: string) => number | null {
  return (w) => {
    const x = norm(w);
    let best: [string, number] | null = null;
    for (const [stem, n] of entries) if (x.startsWith(stem) && (!best || stem.length > best[0].length)) best = [stem, n];
    return best ? best[1] : null;
  };
}

function compile(p: LanguagePack): Compiled {
  const relationKind = new Map<string, Relation>();
  for (const w of p.sonOf ?? []) relationKind.set(norm(w), 'S/o');
  for (const w of p.daughterOf ?? []) relationKind.set(norm(w), 'D/o');
  for (const w of p.wifeOf ?? []) relationKind.set(norm(w), 'W/o');
  const relAlt = alternation([...(p.sonOf ?? []), ...(p.daughterOf ?? []), ...(p.wifeOf ?? [])]);
  const monthEntries = Object.entries(p.months ?? {}).map(([w, n]) => [norm(w), n] as const).filter(([w]) => w.length >= 2);
  const monthAlt = alternation(monthEntries.map(([w]) => w));
  const monthOf = longestStem(monthEntries);
  const weekdayEntries = Object.entries(p.weekdays ?? {}).map(([w, n]) => [norm(w), n] as const).filter(([w]) => w.length >= 2);
  const weekdayOf = longestStem(weekdayEntries);
  const relativeOffset = new Map(Object.entries(p.relativeDays ?? {}).map(([w, n]) => [norm(w), n]));
  const numbers = new Map(Object.entries(p.numbers ?? {}).map(([w, n]) => [norm(w), n]));
  const markerWords = new Set(
    [...(p.sonOf ?? []), ...(p.daughterOf ?? []), ...(p.wifeOf ?? []), ...(p.age ?? []), ...(p.residentOf ?? []), ...(p.myNameIs ?? [])].flatMap((w) => norm(w).split(' ')),
  );
  // words never part of a name or a place: pronouns and particles, and "o'clock" ("वाजता", "மணிக்கு")
  const stops = new Set([...NAME_STOP, ...(p.iPronoun ?? []).map(norm), ...(p.functionWords ?? []).map(norm), ...(p.oclock ?? []).map(norm),
    ...Object.keys(p.relativeDays ?? {}).map(norm), ...Object.values(p.periods ?? {}).flat().map(norm)]);
  const lastAlt = alternation(p.lastWeekday ?? []);
  return {
    pack: p,
    myNameIs: re(alternation(p.myNameIs ?? []), (a) => `${NOT_BEFORE}(?:${a})[${LM}]*\\s?[:\\-–]?\\s?`),
    iComma: re(alternation(p.iPronoun ?? []), (a) => `${NOT_BEFORE}(?:${a})\\s?,\\s?`),
    introduced: re(
      alternation([...(p.iPronoun ?? []), ...APPLICANT_LABELS, ...(p.iPronoun ?? []).flatMap((i) => APPLICANT_LABELS.map((l) => `${i} ${l}`))]),
      (a) => `${NOT_BEFORE}(?:${a})(?![${LM}])\\s?[,:\\-–]?\\s?(?:(?:${alternation(HONORIFICS)})(?![${LM}])\\s?)?`,
    ),
    // what follows a name in a self-introduction: a relation, an age ("വയസ്സ് 29" or "29 വയസ്സ്"), an address
    particular: re(
      alternation([...(p.sonOf ?? []), ...(p.daughterOf ?? []), ...(p.wifeOf ?? []), ...(p.age ?? []), ...(p.residentOf ?? []), 's/o', 'd/o', 'w/o', 'r/o']),
      (a) => `^\\s?[,(\\-–]?\\s?(?:\\d{1,3}\\s?)?(?:${a})`,
    ),
    relation: re(relAlt, (a) => `${NOT_BEFORE}(${a})(?![${LM}])`),
    relationKind,
    signOff: re(alternation(p.signOff ?? []), (a) => `${NOT_BEFORE}(?:${a})[${LM}]*[\\s,:\\-–.]*`),
    age: re(alternation(p.age ?? []), (a) => `${NOT_BEFORE}(?:${a})[${LM}]*\\s?[:\\-–]?\\s?(?:\\(?\\s?)(\\d{1,3})(?!\\d)|(?<!\\d)(\\d{1,3})\\s?(?:${a})`),
    residentOf: re(alternation(p.residentOf ?? []), (a) => `${NOT_BEFORE}(?:${a})[${LM}]*`),
    occupations: re(alternation(p.occupations ?? []), (a) => `${NOT_BEFORE}(${a})[${LM}]*`),
    placeAfter: re(alternation(p.placeAfter ?? []), (a) => `${NOT_BEFORE}(?:${a})[${LM}]*`),
    placeNouns: re(alternation(p.placeNouns ?? []), (a) => `${NOT_BEFORE}(?:${a})[${LM}]*`),
    placeBefore: re(alternation(p.placeBefore ?? []), (a) => `${NOT_BEFORE}(?:${a})(?![${LM}])`),
    stops,
    approx: new Set(['প্রায়', 'প্রায়', 'আনুমানিক', 'around', 'about', 'approx', 'करीब', 'लगभग', 'सुमारे', 'अंदाजे', 'சுமார்', 'సుమారు', 'ಸುಮಾರು', 'ഏകദേശം', 'આશરે', 'લગભગ', 'ਲਗਭਗ', 'ਕਰੀਬ'].map(norm)),
    markerWords,
    months: monthAlt
      ? [
          // 12 ஆகஸ்ட் 2025 | 12-ই আগস্ট, ২০২৫ | 12 ऑगस्ट रोजी
          [new RegExp(`(?<!\\d)(\\d{1,2})(?:st|nd|rd|th)?(?:[-\\s]?[${LM}]{0,3})?[\\s,.\\-/]{0,3}(${monthAlt})[${LM}]*[\\s,.\\-/]{0,3}(\\d{4})?`, 'giu'), /x/],
          // ஆகஸ்ட் 12, 2025 | August 12
          [new RegExp(`${NOT_BEFORE}(${monthAlt})[${LM}]*[\\s,.\\-]{1,3}(\\d{1,2})(?!\\d)(?:[${LM}]{0,4})?(?:[\\s,.\\-]{1,3}(\\d{4}))?`, 'giu'), /y/],
        ]
      : [],
    monthOf,
    // whole words only: a short relative word is often the start of another (কাল / কালো)
    relative: re(alternation(relativeOffset.keys()), (a) => `${NOT_BEFORE}(${a})(?![${LM}])`),
    relativeOffset,
    weekday: weekdayEntries.length
      ? new RegExp(`${NOT_BEFORE}(?:(${lastAlt || '(?!x)x'})[${LM}]*\\s)?(${alternation(weekdayEntries.map(([w]) => w))})[${LM}]*`, 'giu')
      : null,
    weekdayOf,
    lastWords: new Set((p.lastWeekday ?? []).map(norm)),
    daysAgo: re(alternation(p.daysAgo ?? []), (a) => `(?<![\\d${LM}])(\\d{1,2}|${alternation(numbers.keys()) || '(?!x)x'})\\s?(?:${a})`),
    numbers,
    night: re(alternation([...(p.periods?.night ?? []), ...(p.periods?.evening ?? [])]), (a) => `${NOT_BEFORE}(?:${a})`),
  };
}

const COMPILED = new Map<string, Compiled>();
/** The pack's patterns, compiled on first use. */
export function compiled(p: LanguagePack): Compiled {
  let c = COMPILED.get(p.code);
  if (!c) {
    c = compile(p);
    COMPILED.set(p.code, c);
  }
  return c;
}
