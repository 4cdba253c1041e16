/**
 * Pack-driven extractors for the languages without hand-built ones (Bengali, Gujarati, Kannada,
 * Malayalam, Marathi, Punjabi, Tamil, Telugu, Hinglish): the complainant (name, father's or
 * husband's name, age, address, occupation), dates written with month names, weekdays and
 * relative day words, and the place of occurrence. They work on word shapes that hold across
 * these languages (a name is a short run of words between a marker and punctuation; a place is
 * the words before a postposition or ending in a place noun) and on the pack's words; nothing here
 * is tuned to particular complaints. Pure functions over the normalised text.
 */
import type { Relation } from '../people.ts';
import { type Sentence, addDays, istParts, isValidYmd, sentenceIndexAt } from '../text.ts';
import { PACKS, alternation, norm } from './index.ts';
import { ACCUSED, CALLED, PERSON_TITLES, RE_HOSPITAL, RE_WITNESSED } from './cross.ts';
import type { LanguagePack } from './types.ts';

/** letters and marks of every script the drafter reads */
const LM = '\\p{L}\\p{M}';
const WORD = `[${LM}][${LM}'’.-]*`;
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

interface Compiled {
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

function compile(p: LanguagePack): Compiled {
  const relationKind = new Map<string, Relation>();
  for (const w of p.sonOf ?? []) relationKind.set(norm(w), 'S/o');
  for (const w of p.daughterOf ?? []) relationKind.set(norm(w), 'D/o');
  for (const w of p.wifeOf ?? []) relationKind.set(norm(w), 'W/o');
  const relAlt = alternation([...(p.sonOf ?? []), ...(p.daughterOf ?? []), ...(p.wifeOf ?? [])]);
  const monthEntries = Object.entries(p.months ?? {}).map(([w, n]) => [norm(w), n] as const).filter(([w]) => w.length >= 2);
  const monthAlt = alternation(monthEntries.map(([w]) => w));
  const monthOf = (w: string): number | null => {
    const x = norm(w);
    let best: [string, number] | null = null;
    for (const [stem, n] of monthEntries) if (x.startsWith(stem) && (!best || stem.length > best[0].length)) best = [stem, n];
    return best ? best[1] : null;
  };
  const weekdayEntries = Object.entries(p.weekdays ?? {}).map(([w, n]) => [norm(w), n] as const).filter(([w]) => w.length >= 2);
  const weekdayOf = (w: string): number | null => {
    const x = norm(w);
    let best: [string, number] | null = null;
    for (const [stem, n] of weekdayEntries) if (x.startsWith(stem) && (!best || stem.length > best[0].length)) best = [stem, n];
    return best ? best[1] : null;
  };
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
function compiled(p: LanguagePack): Compiled {
  let c = COMPILED.get(p.code);
  if (!c) {
    c = compile(p);
    COMPILED.set(p.code, c);
  }
  return c;
}

// ───────────── names ─────────────

/** Up to `max` name words from `start` onwards, stopping at punctuation, markers and stop words. */
function wordsAfter(t: string, start: number, c: Compiled, max = 4): { text: string; end: number } | null {
  const rest = t.slice(start, start + 120);
  const words: string[] = [];
  let end = start;
  const wre = new RegExp(`^(?:\\s|\\u00a0)*(${WORD})`, 'u');
  let pos = 0;
  let first = -1;
  let lastEnd = 0;
  while (words.length < max) {
    const m = wre.exec(rest.slice(pos));
    if (!m || m.index !== 0) break;
    const w = (m[1] ?? '').replace(/[.'’-]+$/, '');
    const lw = norm(w);
    if (!w || c.stops.has(lw) || c.markerWords.has(lw) || /\d/.test(w)) break;
    // a name ends at a comma, bracket, full stop or line end right after a word
    words.push(w);
    const wordStart = pos + m[0].length - (m[1] ?? '').length;
    if (first < 0) first = wordStart;
    lastEnd = wordStart + w.length;
    pos += m[0].length;
    end = start + pos;
    const next = rest.slice(pos, pos + 1);
    if (/[,.;:()\n।|!?]/.test(next)) break;
  }
  if (words.length === 0) return null;
  // as written from the first word to the last: an initial keeps its full stop ("ந. ராஜேந்திரன்")
  return { text: rest.slice(first, lastEnd).replace(/\s+/g, ' '), end };
}

/** Up to `max` name words ending at `end`, read backwards. */
function wordsBefore(t: string, end: number, c: Compiled, max = 3): { text: string; start: number } | null {
  const head = t.slice(Math.max(0, end - 120), end).replace(/[\s,\-–:(]+$/u, '');
  const offset = Math.max(0, end - 120);
  const tokens = [...head.matchAll(new RegExp(WORD, 'gu'))];
  const words: string[] = [];
  let start = end;
  let lastEnd = -1;
  for (let i = tokens.length - 1; i >= 0 && words.length < max; i--) {
    const m = tokens[i]!;
    const gap = head.slice(m.index + m[0].length, i === tokens.length - 1 ? head.length : tokens[i + 1]!.index);
    if (words.length > 0 && /[,.;:()\n।|!?]/.test(gap)) break;
    const w = m[0].replace(/[.'’-]+$/, '');
    const lw = norm(w);
    if (!w || c.stops.has(lw) || c.markerWords.has(lw) || /\d/.test(w)) break;
    words.unshift(w);
    start = offset + m.index;
    if (lastEnd < 0) lastEnd = offset + m.index + w.length;
  }
  if (words.length === 0) return null;
  // as written, an initial with its full stop ("ந. ராஜேந்திரன், த/பெ. …")
  return { text: t.slice(start, lastEnd).replace(/\s+/g, ' '), start };
}

export interface GenericComplainant {
  name: string | null;
  fatherOrHusbandName: string | null;
  relation: Relation | null;
  age: number | null;
  address: string | null;
  occupation: string | null;
  /** an address read from its shape alone (no "resident of" marker): used when nothing better is found */
  addressGuessed?: string;
  /** where the complainant's own particulars are (kept out of the place of occurrence) */
  spans: Array<{ start: number; end: number }>;
}

const HEAD = 700;

export function findGenericComplainant(t: string, pack: LanguagePack): GenericComplainant {
  const c = compiled(pack);
  const out: GenericComplainant = { name: null, fatherOrHusbandName: null, relation: null, age: null, address: null, occupation: null, spans: [] };
  const head = t.slice(0, Math.min(t.length, HEAD));

  // 1. "my name is X"
  if (c.myNameIs) {
    c.myNameIs.lastIndex = 0;
    const m = c.myNameIs.exec(t);
    if (m) {
      const w = wordsAfter(t, m.index + m[0].length, c);
      if (w) {
        out.name = w.text;
        out.spans.push({ start: m.index, end: w.end });
      }
    }
  }
  // 2. "मी X, वय 42", "Applicant: X, S/o …", "मैं आवेदक X पिता …": a name that a particular follows
  if (!out.name && c.introduced && c.particular) {
    c.introduced.lastIndex = 0;
    for (const m of head.matchAll(c.introduced)) {
      // "પતિનું નામ: X", "पिता का नाम X": a relative's name, not the complainant's
      if (c.relation) {
        c.relation.lastIndex = 0;
        if (c.relation.test(t.slice(Math.max(0, m.index - 16), m.index + 1))) continue;
      }
      const w = wordsAfter(t, m.index + m[0].length, c);
      if (!w) continue;
      c.particular.lastIndex = 0;
      if (!c.particular.test(t.slice(w.end, w.end + 40))) continue;
      out.name = w.text;
      out.spans.push({ start: m.index, end: w.end });
      break;
    }
  }
  // 3. "I, X, son of …"
  if (!out.name && c.iComma) {
    c.iComma.lastIndex = 0;
    const m = c.iComma.exec(head);
    if (m) {
      const w = wordsAfter(t, m.index + m[0].length, c);
      if (w) {
        out.name = w.text;
        out.spans.push({ start: m.index, end: w.end });
      }
    }
  }
  // 3. "X, S/o Y" (or "Y's son X"): the first relation marker near the top
  if (c.relation) {
    c.relation.lastIndex = 0;
    const m = c.relation.exec(head);
    if (m) {
      const marker = norm(m[1] ?? '');
      out.relation = c.relationKind.get(marker) ?? null;
      const after = wordsAfter(t, m.index + m[0].length, c, 3);
      const before = wordsBefore(t, m.index, c, 3);
      if (pack.relationOrder === 'name-marker') {
        if (before) out.fatherOrHusbandName = before.text;
        if (!out.name && after) out.name = after.text;
      } else {
        if (after) out.fatherOrHusbandName = after.text;
        if (!out.name && before) out.name = before.text;
      }
      out.spans.push({ start: before?.start ?? m.index, end: after?.end ?? m.index + m[0].length });
    }
  }
  // 4. the signature under the letter's closing
  if (!out.name && c.signOff) {
    c.signOff.lastIndex = 0;
    let last: RegExpExecArray | null = null;
    for (const m of t.matchAll(c.signOff)) last = m as RegExpExecArray;
    if (last) {
      const w = wordsAfter(t, last.index + last[0].length, c, 3);
      if (w) {
        out.name = w.text;
        out.spans.push({ start: last.index, end: w.end });
      }
    }
  }
  // age
  if (c.age) {
    c.age.lastIndex = 0;
    const m = c.age.exec(head);
    if (m) {
      const n = Number(m[1] ?? m[2]);
      if (n >= 5 && n <= 110) out.age = n;
    }
  }
  // address: the clause after "resident of" ("নিবাসী …", "ವಾಸ: …"), or the words before a trailing
  // "resident" word ("… എന്ന വിലാസത്തിൽ താമസിക്കുന്ന", "… லோ உంటాను"), whichever reads as an address
  if (c.residentOf) {
    c.residentOf.lastIndex = 0;
    const m = c.residentOf.exec(head);
    if (m) {
      const after = t.slice(m.index + m[0].length, m.index + m[0].length + 140);
      // a full stop ends the clause, not an abbreviation's ("नं. 4", "ता. जि.", "ಮನೆ ನಂ. 18")
      const stop = after.search(/[।\n|;]|(?<=[\p{L}\p{M}]{4,}|\d)\.(?=\s|$)|(?<=\S),\s?(?:\d{10}|\+91)/u);
      // the address is its short comma-separated parts; a long part is the sentence going on
      // ("…, ਪਟਿਆਲਾ, ਅਦਾਲਤ ਬਾਜ਼ਾਰ ਵਿੱਚ ‘…’ ਨਾਂ ਦੀ ਦੁਕਾਨ ਕਰਦਾ ਹਾਂ")
      const raw = (stop >= 0 ? after.slice(0, stop) : after).replace(/^[\s:\-–,.]+/, '');
      const parts = raw.split(',');
      const keep: string[] = [];
      for (const p of parts) {
        if (p.trim().split(/\s+/).length > 5) break;
        keep.push(p);
      }
      const clause = (keep.length ? keep.join(',') : '').replace(/[\s,\-–]+$/, '');
      const clauseLen = keep.length ? keep.join(',').length + (after.length - after.replace(/^[\s:\-–,.]+/, '').length) : 0;
      const before = t.slice(Math.max(0, m.index - 120), m.index);
      const cut = Math.max(before.lastIndexOf('।'), before.lastIndexOf('.'), before.lastIndexOf('\n'), before.lastIndexOf(':'), before.lastIndexOf(')'));
      const prev = before.slice(cut + 1).replace(/^[\s,]+/, '').replace(/[\s,\-–]+$/, '');
      const afterOk = clause.length >= 3 && /[\p{L}]/u.test(clause);
      const label = /^\s?[:：\-–]/.test(t.slice(m.index + m[0].length, m.index + m[0].length + 2));
      const useBefore = prev.length >= 3 && (!afterOk || (!label && addressScore(clause) === 0 && addressScore(prev) >= 1));
      if (useBefore) {
        const seg = addressRun(prev) ?? prev.slice(-120);
        out.address = seg;
        out.spans.push({ start: m.index - prev.length, end: m.index + m[0].length });
      } else if (afterOk) {
        out.address = clause.slice(0, 120);
        out.spans.push({ start: m.index, end: m.index + m[0].length + clauseLen });
      }
    }
  }
  // no marker: the run of comma-separated address parts in the self-introduction ("3/118, காமராஜர்
  // தெரு, கே.கே. நகர், மதுரை")
  if (!out.address) {
    const from = out.spans.length ? Math.min(...out.spans.map((x) => x.start)) : 0;
    const region = t.slice(from, Math.min(t.length, from + 400));
    const run = addressRun(region);
    if (run) {
      const at = region.indexOf(run);
      out.addressGuessed = run;
      out.spans.push({ start: from + at, end: from + at + run.length });
    }
  }
  if (c.occupations) {
    c.occupations.lastIndex = 0;
    const m = c.occupations.exec(head);
    if (m) out.occupation = m[0];
  }
  return out;
}

// ───────────── dates ─────────────

export interface GenericDate {
  start: number;
  end: number;
  y: number;
  m: number;
  d: number;
  relative: boolean;
  night: boolean;
}

/** Dates written with the pack's month names, weekdays, relative day words and "N days ago". */
export function findGenericDates(t: string, received: Date, pack: LanguagePack): GenericDate[] {
  const c = compiled(pack);
  const rec = istParts(received);
  const out: GenericDate[] = [];
  const inferYear = (m: number, d: number): number => (m > rec.m || (m === rec.m && d > rec.d + 1) ? rec.y - 1 : rec.y);
  const nightAfter = (end: number) => {
    if (!c.night) return false;
    c.night.lastIndex = 0;
    const tail = t.slice(end, end + 14);
    return c.night.test(tail);
  };
  for (const [rx, kind] of c.months) {
    rx.lastIndex = 0;
    for (const m of t.matchAll(rx)) {
      const dayFirst = kind.source === 'x';
      const d = Number(dayFirst ? m[1] : m[2]);
      const mo = c.monthOf(dayFirst ? m[2] ?? '' : m[1] ?? '');
      if (!mo) continue;
      const y = m[3] ? Number(m[3]) : inferYear(mo, d);
      if (isValidYmd(y, mo, d)) out.push({ start: m.index, end: m.index + m[0].length, y, m: mo, d, relative: false, night: false });
    }
  }
  const rel = (start: number, end: number, offset: number, night: boolean) => {
    const { y, m, d } = addDays(rec.y, rec.m, rec.d, offset);
    out.push({ start, end, y, m, d, relative: true, night });
  };
  if (c.relative) {
    c.relative.lastIndex = 0;
    for (const m of t.matchAll(c.relative)) {
      const offset = c.relativeOffset.get(norm(m[1] ?? ''));
      if (offset === undefined) continue;
      rel(m.index, m.index + m[0].length, offset, nightAfter(m.index + m[0].length));
    }
  }
  if (c.weekday) {
    c.weekday.lastIndex = 0;
    for (const m of t.matchAll(c.weekday)) {
      const dow = c.weekdayOf(m[2] ?? '');
      if (dow === null) continue;
      let diff = (rec.dow - dow + 7) % 7;
      if (diff === 0 && m[1]) diff = 7;
      rel(m.index, m.index + m[0].length, -diff, nightAfter(m.index + m[0].length));
    }
  }
  if (c.daysAgo) {
    c.daysAgo.lastIndex = 0;
    for (const m of t.matchAll(c.daysAgo)) {
      const w = m[1] ?? '';
      const n = /^\d+$/.test(w) ? Number(w) : c.numbers.get(norm(w));
      if (n && n > 0 && n < 400) rel(m.index, m.index + m[0].length, -n, false);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

// ───────────── place ─────────────

export interface GenericPlace {
  place: string | null;
  /** the stretch of the sentence that names the place in several parts ("<road> … <landmark> near"), as written */
  context: string | null;
}

/**
 * The place of occurrence: in the sentences that tell of the offence, the words before a
 * postposition such as "near" or "in front of", or a run of words ending in a place noun
 * ("… bus stand", "… market"), outside the complainant's own particulars. When one sentence names
 * the place in several parts (a road, then the landmark on it), `context` quotes them together.
 */
export function findGenericPlace(
  t: string,
  sentences: readonly Sentence[],
  incident: ReadonlySet<number>,
  masked: ReadonlyArray<{ start: number; end: number }>,
  pack: LanguagePack,
): GenericPlace {
  const c = compiled(pack);
  const head = addresseeBlock(t);
  const inMask = (p: number) => p < head || masked.some((s) => p >= s.start && p < s.end);
  type Hit = { at: number; end: number; phrase: string; kind: 'named' | 'bare' | 'hospital' };
  const hitsIn = (s: Sentence): Hit[] => {
    const text = t.slice(s.start, s.end);
    const hits: Hit[] = [];
    const push = (at: number, end: number, phrase: string, named: boolean) => {
      const p = phrase.trim();
      hits.push({ at, end, phrase: p, kind: RE_HOSPITAL.test(p) ? 'hospital' : named ? 'named' : 'bare' });
    };
    if (c.placeAfter) {
      c.placeAfter.lastIndex = 0;
      for (const m of text.matchAll(c.placeAfter)) {
        const abs = s.start + m.index;
        if (inMask(abs)) continue;
        const before = wordsBeforePlace(t, abs, c);
        if (before) push(before.start, abs + m[0].length, before.text, true);
      }
    }
    if (c.placeNouns) {
      c.placeNouns.lastIndex = 0;
      for (const m of text.matchAll(c.placeNouns)) {
        const abs = s.start + m.index;
        if (inMask(abs)) continue;
        const before = wordsBeforePlace(t, abs, c, 2);
        // quoted as written, from the first word to the place noun
        push(before?.start ?? abs, abs + m[0].length, before ? t.slice(before.start, abs + m[0].length) : m[0], !!before);
      }
    }
    if (c.placeBefore) {
      c.placeBefore.lastIndex = 0;
      for (const m of text.matchAll(c.placeBefore)) {
        const abs = s.start + m.index;
        if (inMask(abs)) continue;
        // "ग्राम <name>": the name follows the noun
        const after = wordsAfter(t, abs + m[0].length, c, 2);
        if (after) push(abs, after.end, t.slice(abs, after.end), true);
      }
    }
    hits.sort((x, y) => x.at - y.at || y.end - x.end);
    // one place read twice ("স্টেশন" and "স্টেশন রোড"): the longer reading, from the earlier start
    const merged: Hit[] = [];
    for (const h of hits) {
      const prev = merged[merged.length - 1];
      if (prev && h.at <= prev.end && prev.kind !== 'hospital' && h.kind !== 'hospital') {
        if (h.end > prev.end) {
          prev.end = h.end;
          // the longer reading as written, without the postposition that ends it ("… நிலையம்", not "… அருகே")
          const phraseEnd = Math.max(prev.at + prev.phrase.length, h.at + h.phrase.length);
          prev.phrase = t.slice(prev.at, phraseEnd).trim();
        }
        continue;
      }
      merged.push({ ...h });
    }
    return merged;
  };
  const all = sentences.map((s) => hitsIn(s));
  const order = sentences.map((_s, i) => i);
  const told = order.filter((i) => incident.has(i));
  // a named place where the offence is told; else the first named place anywhere (the setting is
  // often told before the offence: "my plot in village X … on Saturday they came"); a bare noun
  // ("the village") or a hospital only when nothing better is named
  const pick = (kinds: ReadonlyArray<Hit['kind']>, among: readonly number[]) => {
    for (const i of among) {
      const hs = all[i]!.filter((h) => kinds.includes(h.kind));
      if (hs.length) return { i, hs };
    }
    return null;
  };
  const chosen = pick(['named'], told) ?? pick(['named'], order) ?? pick(['bare'], told) ?? pick(['hospital'], told) ?? pick(['bare', 'hospital'], order.slice(0, 1));
  if (!chosen) return { place: null, context: null };
  const first = chosen.hs[0]!;
  const others = all[chosen.i]!.filter((h) => h.kind !== 'hospital' && h.at >= first.at);
  const last = others.reduce((a, h) => (h.end > a.end ? h : a), first);
  const span = t.slice(first.at, last.end);
  const together = last !== first && span.length <= 140 && !/[.;:\n।|!?]/.test(span) ? span.replace(/\s+/g, ' ').trim() : null;
  // the other places named where the offence is told (the road, the landmark, the village), in
  // the order the complaint gives them
  const covered = (h: Hit) => h.at >= first.at && h.end <= (together ? last.end : first.end);
  const others2 = told
    .flatMap((i) => all[i]!)
    .filter((h) => h.kind === 'named' && !covered(h))
    .sort((a, b) => a.at - b.at);
  const parts = [together ?? first.phrase];
  for (const h of others2) if (parts.length < 4 && !parts.some((p) => p.includes(h.phrase) || h.phrase.includes(p))) parts.push(h.phrase);
  const context = parts.length > 1 || together ? parts.join(', ') : null;
  return { place: first.phrase, context };
}

/** words that make a comma-separated part an address part, in the packs' scripts and English */
const RE_ADDRESS_WORD =
  /(?:^|[\s,])(?:no\.?|house|h\.? ?no|flat|door|नं|नंबर|क्र|प्लॉट|फ्लॅट|रूम|मु\.|street|road|rd|lane|nagar|colony|layout|cross|main|sector|phase|block|ward|village|post|taluk|tehsil|district|dist|mandal|apartments?|society|chawl|पो\.?|ग्राम|गांव|गाव|मोहल्ला|वार्ड|नगर|कॉलोनी|रोड|मार्ग|गली|जिला|जि\.|ता\.|तहसील|চক|পাড়া|রোড|গ্রাম|জেলা|থানা|ਪਿੰਡ|ਮਕਾਨ|ਨੰ|ਜ਼ਿਲ੍ਹਾ|ਤਹਿਸੀਲ|ਮੁਹੱਲਾ|ਗਲੀ|ગામ|સોસાયટી|ફ્લેટ|રોડ|તા\.|જિ\.|જિલ્લો|કતવ|கதவு|எண்|தெரு|சாலை|நகர்|காலனி|கிராம|மாவட்ட|வட்ட|ఇంటి|నం|వీధి|రోడ్డు|నగర్|కాలనీ|గ్రామ|మండల|జిల్లా|ಮನೆ|ನಂ|ಕ್ರಾಸ್|ರಸ್ತೆ|ನಗರ|ಬಡಾವಣೆ|ಲೇಔಟ್|ಗ್ರಾಮ|ತಾಲೂಕು|ಜಿಲ್ಲೆ|ಕಾಲೋನಿ|ഹൗസ്|വീട്|ലെയിൻ|റോഡ്|നഗർ|കോളനി|പി\.ഒ|ജില്ല|വാർഡ്)/iu;

/** a sentence's end: a danda, a line break, or a full stop after a word (not an abbreviation's "नं.", "கே.கே.") */
const SENTENCE_END = /[।\n:]|(?<=[\p{L}\p{M}]{4,}|\d)\.(?=\s|$)/u;

/** an age or a phone number is a number too, but no part of an address */
const RE_NOT_ADDRESS_NUMBER = /वय|उम्र|आयु|বয়স|ਉਮਰ|ઉંમર|வயது|వయస్సు|వయసు|ವಯಸ್ಸು|ವಯಸ್ಸ|വയസ്സ്|വയസ്|age|aged|\d{10}|\d{5} ?\d{5}/iu;

function addressScore(s: string): number {
  return s
    .split(',')
    .filter((p) => !RE_NOT_ADDRESS_NUMBER.test(p) && (/\d/.test(p) || RE_ADDRESS_WORD.test(p)))
    .length;
}

/**
 * The longest run of comma-separated parts that reads as an address: it starts at a part with a
 * number or an address word and goes on over short parts (a locality, a town, "- 680003").
 */
function addressRun(region: string): string | null {
  const parts: Array<{ text: string; at: number }> = [];
  let at = 0;
  for (const p of region.split(',')) {
    parts.push({ text: p, at });
    at += p.length + 1;
  }
  let best: { from: number; to: number; score: number } | null = null;
  for (let i = 0; i < parts.length; i++) {
    const first = parts[i]!.text.trim();
    if (!first || RE_NOT_ADDRESS_NUMBER.test(first) || !(RE_ADDRESS_WORD.test(first) || /^\d[\d\-/]*\b/u.test(first)) || first.split(/\s+/).length > 5) continue;
    let j = i;
    let score = 1;
    let tail = 0;
    while (j + 1 < parts.length) {
      const next = parts[j + 1]!.text.trim();
      if (!next || next.split(/\s+/).length > 4 || /[:।\n]/u.test(next) || RE_NOT_ADDRESS_NUMBER.test(next)) {
        // the town before the sentence ends: "…, மதுரை. செல்: …"
        const raw = parts[j + 1]!.text;
        const end = raw.search(SENTENCE_END);
        const head = end > 0 ? raw.slice(0, end) : '';
        if (head.trim() && head.trim().split(/\s+/).length <= 3 && !RE_NOT_ADDRESS_NUMBER.test(head)) {
          j++;
          tail = head.length;
        }
        break;
      }
      j++;
      if (/\d/.test(next) || RE_ADDRESS_WORD.test(next)) score++;
    }
    if (j > i || /\d/.test(first)) {
      const span = { from: parts[i]!.at, to: parts[j]!.at + (tail || parts[j]!.text.length), score: score + (j - i) };
      if (!best || span.score > best.score) best = span;
    }
    i = j;
  }
  if (!best || best.score < 2) return null;
  const text = region.slice(best.from, best.to);
  // a sentence end inside the last part ends the address ("மதுரை. செல்: …")
  const cut = text.search(SENTENCE_END);
  const out = (cut >= 0 ? text.slice(0, cut) : text).replace(/^[\s,]+|[\s,.\-–]+$/g, '');
  return out.length >= 4 ? out.slice(0, 140) : null;
}

/** a police station's name and address in any of the packs' scripts */
const RE_STATION = /police|station|thana|\bS\.?H\.?O\b|थाना|थाने|ठाणे|ठाणा|पोलीस|पुलिस|থানা|পুলিশ|ਥਾਣਾ|ਥਾਣੇ|ਪੁਲਿਸ|ਪੁਲੀਸ|પોલીસ|થાણ|காவல்|போலீஸ்|పోలీస్|ఠాణా|ಠಾಣೆ|ಪೊಲೀಸ್|പോലീസ്|സ്റ്റേഷൻ/iu;

/**
 * Where the letter's addressee block ends: "To, / The SHO, / <station>, <town>" in the first short
 * lines names the station, never the place of occurrence. 0 when the complaint opens otherwise.
 */
function addresseeBlock(t: string): number {
  let end = 0;
  let at = 0;
  for (let line = 0; line < 5; line++) {
    const nl = t.indexOf('\n', at);
    const stop = nl < 0 ? t.length : nl;
    const text = t.slice(at, stop);
    if (text.length > 90 || /^\s*(?:sub|subject|re|विषय|বিষয়|ਵਿਸ਼ਾ|વિષય|பொருள்|విషయం|ವಿಷಯ|വിഷയം)\b/iu.test(text)) break;
    if (RE_STATION.test(text)) end = stop;
    if (nl < 0) break;
    at = nl + 1;
  }
  return end;
}

/** Up to `max` words before `end` that can be part of a place name (digits allowed: "Sector 12"). */
function wordsBeforePlace(t: string, end: number, c: Compiled, max = 3): { text: string; start: number } | null {
  const head = t.slice(Math.max(0, end - 100), end);
  const offset = Math.max(0, end - 100);
  const tokens = [...head.matchAll(new RegExp(`[${LM}\\d][${LM}\\d'’.\\-/]*`, 'gu'))];
  const words: string[] = [];
  let start = end;
  for (let i = tokens.length - 1; i >= 0 && words.length < max; i--) {
    const m = tokens[i]!;
    const gapEnd = i === tokens.length - 1 ? head.length : tokens[i + 1]!.index;
    const gap = head.slice(m.index + m[0].length, gapEnd);
    if (/[.;:()\n।|!?]/.test(gap) || (words.length > 0 && gap.includes(','))) break;
    // a word with a single full stop at its end ends the sentence before the place ("नव्हती."), an
    // abbreviation ("बी.एम.सी.", "Dr.") has more than one or is short
    if (/^[^.]{3,}\.$/u.test(m[0])) break;
    const w = m[0].replace(/[.'’-]+$/, '');
    const lw = norm(w);
    // a time or a count ("10টায়", "9:30", "২ জন") is never part of the place before it
    if (c.stops.has(lw) || /^\d{1,2}[:.]\d{2}$/.test(w) || /^\d+[^\d\s/-]/u.test(w) || c.approx.has(lw)) break;
    words.unshift(w);
    start = offset + m.index;
  }
  if (words.length === 0) return null;
  // as written between the first and the last word (a comma or a double space kept)
  const lastTok = tokens[tokens.length - 1]!;
  const lastEnd = offset + lastTok.index + lastTok[0].replace(/[.'’-]+$/, '').length;
  return { text: t.slice(start, lastEnd), start };
}

// ───────────── suspects and witnesses named in the complaint ─────────────

export interface GenericPeople {
  suspects: string[];
  witnesses: string[];
}

/**
 * People the complaint names apart from the complainant: after a title ("শ্রী বাপি হালদার"), before
 * "called" ("விக்னேஷ் என்பவன்"), after the word for an accused ("ಆರೋಪಿ ರಾಜು"). An accused word before
 * the name makes a suspect; what a witness does after it in the sentence (saw, came running, was
 * present) makes a witness; a person with neither role is left out rather than guessed.
 */
export function findGenericPeople(
  t: string,
  sentences: readonly Sentence[],
  pack: LanguagePack,
  complainant: string | null,
  offenceAfter: (text: string) => boolean,
  relative: string | null = null,
): GenericPeople {
  const c = compiled(pack);
  // a given name and a surname; Gujarati and Marathi put the father's name between them
  const max = pack.code === 'gu' || pack.code === 'mr' ? 3 : 2;
  const out: GenericPeople = { suspects: [], witnesses: [] };
  const seen = new Set<string>([complainant, relative].filter((x): x is string => !!x));
  const consider = (name: string | null, at: number, end: number, accused: boolean) => {
    if (!name || name.length < 2 || seen.has(name) || [...seen].some((x) => x.includes(name) || name.includes(x))) return;
    const si = sentenceIndexAt(sentences, at);
    const sent = sentences[si];
    const after = sent ? t.slice(end, Math.min(sent.end, end + 50)) : '';
    // an accused word, or an offence told right after the name with no witnessing in it, makes a
    // suspect; anyone else named (the neighbour who came, the shopkeeper who called) a witness
    const acts = !RE_WITNESSED.test(after) && offenceAfter(after.slice(0, 60));
    const role = accused || acts ? 'suspects' : 'witnesses';
    seen.add(name);
    out[role].push(name);
  };
  for (const m of t.matchAll(RE_TITLED)) {
    const w = wordsAfter(t, m.index + m[0].length, c, max);
    if (w) consider(w.text, m.index, w.end, RE_ACCUSED_BEFORE.test(t.slice(Math.max(0, m.index - 24), m.index)));
  }
  for (const m of t.matchAll(RE_CALLED)) {
    const w = wordsBefore(t, m.index, c, max);
    if (w) consider(w.text, w.start, m.index + m[0].length, RE_ACCUSED_BEFORE.test(t.slice(Math.max(0, w.start - 24), w.start)));
  }
  for (const m of t.matchAll(RE_ACCUSED_NAME)) {
    const w = wordsAfter(t, m.index + m[0].length, c, max);
    if (w) consider(w.text, m.index, w.end, true);
  }
  return out;
}

const RE_TITLED = new RegExp(`(?<![${LM}])(?:${PERSON_TITLES})\\.?\\s`, 'gu');
const RE_CALLED = new RegExp(`\\s(?:${CALLED})(?![${LM}])`, 'gu');
const RE_ACCUSED_NAME = new RegExp(`(?<![${LM}])(?:${ACCUSED})(?:\\s?(?:no\\.?|नं\\.?|क्र\\.?)?\\s?\\d)?[\\s:,-]+(?!(?:${PERSON_TITLES}))`, 'giu');
const RE_ACCUSED_BEFORE = new RegExp(`(?:${ACCUSED})[\\s:,-]*$`, 'iu');

/** A word that is never part of a place in this pack's language: a pronoun or particle, a time word, "about". */
export function isPlaceStopWord(word: string, pack: LanguagePack): boolean {
  const c = compiled(pack);
  const w = norm(word);
  return c.stops.has(w) || c.approx.has(w) || /^\d/.test(w);
}

