/**
 * Dates in a complaint. Absolute dates (12/03/2025, 2025-03-12, 12-3-25, 12 March 2025, March 12,
 * 2025, १२ मार्च २०२५) and relative ones (yesterday, last night, today, 3 days ago, last Monday, कल,
 * आज, परसों, kal raat) resolved against the time the complaint was received, and for the other
 * languages the month names, weekdays and relative day words of their pack (lang/generic-dates.ts).
 * Times of day are in times.ts, the choice of the occurrence among them in occurrence.ts.
 * Everything is wall-clock IST.
 */
import { NUMBER_WORDS_EN_HI } from './numbers.ts';
import { type Span, overlapsAny } from './spans.ts';
import { L, WB, WE, addDays, hiRe, istParts, isValidYmd, weekdayOffset, yearOfUndated } from './text.ts';
import { findGenericDates } from './lang/generic-dates.ts';
import type { LanguagePack } from './lang/types.ts';

export interface DateMention extends Span {
  y: number;
  m: number;
  d: number;
  relative: boolean;
  /** the mention itself says night ("last night", "कल रात") */
  night: boolean;
}

const EN_MONTHS: Array<[RegExp, number]> = [
  [/^jan(?:uary)?$/, 1], [/^feb(?:ruary)?$/, 2], [/^mar(?:ch)?$/, 3], [/^apr(?:il)?$/, 4], [/^may$/, 5],
  [/^june?$/, 6], [/^july?$/, 7], [/^aug(?:ust)?$/, 8], [/^sep(?:t|tember)?$/, 9], [/^oct(?:ober)?$/, 10],
  [/^nov(?:ember)?$/, 11], [/^dec(?:ember)?$/, 12],
];
const EN_MONTH_ALT = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec';

const HI_MONTHS: Record<string, number> = {
  जनवरी: 1, फरवरी: 2, मार्च: 3, अप्रैल: 4, अप्रेल: 4, अप्रिल: 4, मई: 5, जून: 6, जुलाई: 7, अगस्त: 8,
  सितंबर: 9, सितम्बर: 9, अक्टूबर: 10, अक्तूबर: 10, नवंबर: 11, नवम्बर: 11, दिसंबर: 12, दिसम्बर: 12,
  // Marathi
  जानेवारी: 1, फेब्रुवारी: 2, एप्रिल: 4, मे: 5, जुलै: 7, ऑगस्ट: 8, सप्टेंबर: 9, ऑक्टोबर: 10, नोव्हेंबर: 11, डिसेंबर: 12,
};
const HI_MONTH_ALT = Object.keys(HI_MONTHS).sort((a, b) => b.length - a.length).join('|');

function monthNumber(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  for (const [re, n] of EN_MONTHS) if (re.test(w)) return n;
  return HI_MONTHS[word] ?? null;
}

const WEEKDAYS_EN = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const WEEKDAYS_HI: Record<string, number> = {
  रविवार: 0, इतवार: 0, सोमवार: 1, मंगलवार: 2, बुधवार: 3, गुरुवार: 4, बृहस्पतिवार: 4, वीरवार: 4, शुक्रवार: 5, शनिवार: 6,
};

function expandYear(y: string): number {
  const n = Number(y);
  return y.length === 2 ? 2000 + n : n;
}

const RE_ISO = /(?<![\d/.-])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])/g;
const RE_DMY = /(?<![\d/.-])(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?![\d]|[-/.]\d)/g;
const RE_D_MONTH = new RegExp(
  `(?<!\\d)(\\d{1,2})(?:st|nd|rd|th)?[ -]?(?:of )?(${EN_MONTH_ALT}|${HI_MONTH_ALT})\\.?(?![${L}])(?:,? ?(?:['-]?)(\\d{4}|\\d{2}(?!\\d)))?(?!\\d)`,
  'gi',
);
const RE_MONTH_D = new RegExp(
  `(?<![${L}])(${EN_MONTH_ALT})\\.? (\\d{1,2})(?:st|nd|rd|th)?(?!\\d)(?:,? (\\d{4})(?!\\d))?`,
  'gi',
);

const RE_REL_EN = new RegExp(
  [
    '\\b(day before yesterday)\\b',
    '\\b(yesterday)(?: (night|evening|morning|afternoon))?\\b',
    '\\b(last|previous) (night|evening)\\b',
    '\\b(tonight|today|this (?:morning|evening|afternoon))\\b',
    `\\b(\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|a) days? (?:ago|back|before)\\b`,
    `\\b(last|on|this past) (${WEEKDAYS_EN.join('|')})\\b`,
    // romanised Hindi
    '\\b(parso|parson)\\b',
    '\\b(kal)(?: (raat|rat|shaam|sham|subah|dopahar))?\\b',
    '\\b(aaj|aj)(?: (raat|subah|shaam))?\\b',
  ].join('|'),
  'gi',
);

const RE_REL_HI = hiRe(
  [
    `${WB}(परसों)${WE}`,
    `${WB}(कल)(?: (रात|रात्रि|शाम|सुबह|दोपहर|सायं))?${WE}`,
    `${WB}(बीती|पिछली|गत|कल की) (रात|रात्रि|शाम)${WE}`,
    `${WB}(आज)(?: (रात|सुबह|शाम|दोपहर))?${WE}(?! ?तक)`,
    `${WB}(\\d{1,2}|एक|दो|तीन|चार|पांच|छह|सात|आठ|नौ|दस) दिन (?:पहले|पूर्व)${WE}`,
    `${WB}(पिछले|गत|बीते)? ?(${Object.keys(WEEKDAYS_HI).join('|')}) ?(?:को|की)${WE}`,
  ].join('|'),
);

const TILL_TODAY = /\b(?:till|until|up to|upto|as of|to) (?:today|date)\b/gi;

/** All date mentions in text order (overlaps resolved by first match, absolute before relative). */
export function findDates(t: string, received: Date, pack?: LanguagePack): DateMention[] {
  const rec = istParts(received);
  const out: DateMention[] = [];
  const taken: Span[] = [];
  const add = (m: DateMention) => {
    if (overlapsAny(taken, m.start, m.end)) return;
    taken.push(m);
    out.push(m);
  };

  for (const m of t.matchAll(RE_ISO)) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (isValidYmd(y, mo, d)) add({ start: m.index, end: m.index + m[0].length, y, m: mo, d, relative: false, night: false });
  }
  for (const m of t.matchAll(RE_DMY)) {
    let d = Number(m[1]);
    let mo = Number(m[2]);
    const y = expandYear(m[3] ?? '');
    if (mo > 12 && d <= 12) [d, mo] = [mo, d]; // 03/12/2025 written month-first
    if (isValidYmd(y, mo, d)) add({ start: m.index, end: m.index + m[0].length, y, m: mo, d, relative: false, night: false });
  }
  for (const m of t.matchAll(RE_D_MONTH)) {
    const d = Number(m[1]);
    const mo = monthNumber(m[2] ?? '');
    if (!mo) continue;
    if ((m[2] ?? '').toLowerCase() === 'may' && !m[3] && /^may$/.test(m[2] ?? '')) continue; // "2 may ..." verb-ish
    const y = m[3] ? expandYear(m[3]) : yearOfUndated(rec, mo, d);
    if (isValidYmd(y, mo, d)) add({ start: m.index, end: m.index + m[0].length, y, m: mo, d, relative: false, night: false });
  }
  for (const m of t.matchAll(RE_MONTH_D)) {
    const mo = monthNumber(m[1] ?? '');
    if (!mo) continue;
    if (/^may$/.test(m[1] ?? '')) continue; // lower-case "may 5 persons" is the verb
    const d = Number(m[2]);
    const y = m[3] ? expandYear(m[3]) : yearOfUndated(rec, mo, d);
    if (isValidYmd(y, mo, d)) add({ start: m.index, end: m.index + m[0].length, y, m: mo, d, relative: false, night: false });
  }

  const tillSpans: Span[] = [...t.matchAll(TILL_TODAY)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const rel = (start: number, end: number, offset: number, night: boolean) => {
    if (overlapsAny(tillSpans, start, end)) return;
    const { y, m, d } = addDays(rec.y, rec.m, rec.d, offset);
    add({ start, end, y, m, d, relative: true, night });
  };

  for (const m of t.matchAll(RE_REL_EN)) {
    const s = m.index;
    const e = s + m[0].length;
    const g = m.slice(1).map((x) => x?.toLowerCase());
    if (g[0]) rel(s, e, -2, false);
    else if (g[1]) rel(s, e, -1, g[2] === 'night' || g[2] === 'evening');
    else if (g[3]) rel(s, e, -1, true);
    else if (g[5]) rel(s, e, 0, g[5] === 'tonight' || g[5] === 'this evening');
    else if (g[6]) {
      const n = NUMBER_WORDS_EN_HI[g[6]] ?? Number(g[6]);
      if (Number.isFinite(n) && n > 0 && n < 400) rel(s, e, -n, false);
    } else if (g[7] && g[8]) rel(s, e, weekdayOffset(rec, WEEKDAYS_EN.indexOf(g[8]), g[7] === 'last'), false);
    else if (g[9]) rel(s, e, -2, false);
    else if (g[10]) rel(s, e, -1, /^(?:raat|rat|shaam|sham)$/.test(g[11] ?? ''));
    else if (g[12]) rel(s, e, 0, /^(?:raat|shaam)$/.test(g[13] ?? ''));
  }
  for (const m of t.matchAll(RE_REL_HI)) {
    const s = m.index;
    const e = s + m[0].length;
    const g = m.slice(1);
    const nightWord = (w?: string) => w !== undefined && /^(?:रात|रात्रि|शाम|सायं)$/u.test(w);
    if (g[0]) rel(s, e, -2, false);
    else if (g[1]) rel(s, e, -1, nightWord(g[2]));
    else if (g[3]) rel(s, e, -1, true);
    else if (g[5]) rel(s, e, 0, nightWord(g[6]));
    else if (g[7]) {
      const n = NUMBER_WORDS_EN_HI[g[7]] ?? Number(g[7]);
      if (Number.isFinite(n) && n > 0 && n < 400) rel(s, e, -n, false);
    } else if (g[9]) {
      const dow = WEEKDAYS_HI[g[9]];
      if (dow !== undefined) rel(s, e, weekdayOffset(rec, dow, Boolean(g[8])), false);
    }
  }
  if (pack) {
    for (const g of findGenericDates(t, received, pack)) {
      if (g.relative && overlapsAny(tillSpans, g.start, g.end)) continue;
      add(g);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
