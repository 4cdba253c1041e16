/**
 * Dates and times of occurrence. Absolute dates (12/03/2025, 2025-03-12, 12-3-25, 12 March 2025,
 * March 12, 2025, १२ मार्च २०२५), relative ones (yesterday, last night, today, 3 days ago, last
 * Monday, कल, आज, परसों, kal raat) resolved against the time the complaint was received, times
 * (10:30 pm, 9 in the morning, 21:30 hrs, रात 10 बजे, सुबह 9 बजे) and ranges (between 9 and 11
 * pm, रात 9 से 11 बजे के बीच, between 10/03/2025 and 12/03/2025), and for the other languages the
 * month names, weekdays and relative day words of their pack. Everything is wall-clock IST.
 */
import {
  type IstParts, type Sentence, L, WB, WE, addDays, hiRe, istDate, istParts, isValidYmd, sentenceIndexAt,
} from './text.ts';
import { findGenericDates } from './lang/generic.ts';
import { alternation, norm } from './lang/index.ts';
import type { LanguagePack } from './lang/types.ts';

export interface Span {
  start: number;
  end: number;
}

export interface DateMention extends Span {
  y: number;
  m: number;
  d: number;
  relative: boolean;
  /** the mention itself says night ("last night", "कल रात") */
  night: boolean;
}

export interface TimeMention extends Span {
  h: number;
  min: number;
  /** a second time when the mention is a range */
  to?: { h: number; min: number };
  /** period context decided the hour ("night", "रात") */
  nightContext: boolean;
}

export interface OccurrenceResult {
  from: Date | null;
  to: Date | null;
  /** spans of all date/time mentions (masked out by other extractors) */
  spans: Span[];
  dates: DateMention[];
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

const NUM_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, a: 1, an: 1,
  एक: 1, दो: 2, तीन: 3, चार: 4, पांच: 5, पाँच: 5, छह: 6, छः: 6, सात: 7, आठ: 8, नौ: 9, दस: 10,
};

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
  const free = (s: number, e: number) => !taken.some((x) => s < x.end && e > x.start);
  const add = (m: DateMention) => {
    if (!free(m.start, m.end)) return;
    taken.push(m);
    out.push(m);
  };
  const inferYear = (m: number, d: number): number => {
    // No year written: the latest such date not after the day the complaint came in.
    let y = rec.y;
    if (m > rec.m || (m === rec.m && d > rec.d + 1)) y -= 1;
    return y;
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
    const y = m[3] ? expandYear(m[3]) : inferYear(mo, d);
    if (isValidYmd(y, mo, d)) add({ start: m.index, end: m.index + m[0].length, y, m: mo, d, relative: false, night: false });
  }
  for (const m of t.matchAll(RE_MONTH_D)) {
    const mo = monthNumber(m[1] ?? '');
    if (!mo) continue;
    if (/^may$/.test(m[1] ?? '')) continue; // lower-case "may 5 persons" is the verb
    const d = Number(m[2]);
    const y = m[3] ? expandYear(m[3]) : inferYear(mo, d);
    if (isValidYmd(y, mo, d)) add({ start: m.index, end: m.index + m[0].length, y, m: mo, d, relative: false, night: false });
  }

  const tillSpans: Span[] = [...t.matchAll(TILL_TODAY)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const rel = (start: number, end: number, offset: number, night: boolean) => {
    if (tillSpans.some((s) => start < s.end && end > s.start)) return;
    const { y, m, d } = addDays(rec.y, rec.m, rec.d, offset);
    add({ start, end, y, m, d, relative: true, night });
  };
  const weekdayOffset = (dow: number, strictlyBefore: boolean): number => {
    let diff = (rec.dow - dow + 7) % 7;
    if (diff === 0 && strictlyBefore) diff = 7;
    return -diff;
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
      const n = NUM_WORDS[g[6]] ?? Number(g[6]);
      if (Number.isFinite(n) && n > 0 && n < 400) rel(s, e, -n, false);
    } else if (g[7] && g[8]) rel(s, e, weekdayOffset(WEEKDAYS_EN.indexOf(g[8]), g[7] === 'last'), false);
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
      const n = NUM_WORDS[g[7]] ?? Number(g[7]);
      if (Number.isFinite(n) && n > 0 && n < 400) rel(s, e, -n, false);
    } else if (g[9]) {
      const dow = WEEKDAYS_HI[g[9]];
      if (dow !== undefined) rel(s, e, weekdayOffset(dow, Boolean(g[8])), false);
    }
  }
  if (pack) {
    for (const g of findGenericDates(t, received, pack)) {
      if (g.relative && tillSpans.some((s) => g.start < s.end && g.end > s.start)) continue;
      add(g);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

// ───────────── times ─────────────

type Period = 'am' | 'pm' | 'morning' | 'afternoon' | 'evening' | 'night' | null;

function applyPeriod(h: number, p: Period): number {
  if (p === null) return h;
  if (p === 'am' || p === 'morning') return h === 12 ? 0 : h;
  if (p === 'pm') return h < 12 ? h + 12 : h;
  if (p === 'afternoon') return h >= 1 && h <= 7 ? h + 12 : h;
  if (p === 'evening') return h >= 1 && h <= 11 ? h + 12 : h;
  // night: 7..11 -> 19..23, 12 -> 0, 1..5 stay early morning
  if (h === 12) return 0;
  return h >= 6 && h <= 11 ? h + 12 : h;
}

function periodOf(word: string | undefined): Period {
  if (!word) return null;
  const w = word.toLowerCase().replace(/[.\s]/g, '');
  if (w === 'am') return 'am';
  if (w === 'pm') return 'pm';
  if (/^(?:morning|subah|सुबह|प्रातः|प्रात|सवेरे|सुबे)$/u.test(w)) return 'morning';
  if (/^(?:afternoon|noon|dopahar|दोपहर)$/u.test(w)) return 'afternoon';
  if (/^(?:evening|shaam|sham|शाम|सायं|संध्या)$/u.test(w)) return 'evening';
  if (/^(?:night|raat|rat|रात|रात्रि|midnight)$/u.test(w)) return 'night';
  return null;
}

const AMPM = '(a\\.? ?m\\.?|p\\.? ?m\\.?)(?![a-z])';
const PERIOD_WORDS = 'morning|afternoon|evening|night|midnight|noon|subah|dopahar|shaam|sham|raat|rat|सुबह|प्रातः|प्रात|सवेरे|दोपहर|शाम|सायं|संध्या|रात|रात्रि';
const RE_PERIOD_NEAR = new RegExp(`(?<![${L}])(${PERIOD_WORDS})(?![${L}])`, 'gi');

const RE_TIME_RANGE = new RegExp(
  `(?<![\\d:.,])([01]?\\d|2[0-3])(?:[:.]([0-5]\\d))? ?(?:${AMPM})? ?(?:baje |बजे )?(?:and|to|till|until|-|से|se) ?` +
    `([01]?\\d|2[0-3])(?:[:.]([0-5]\\d))? ?(?:${AMPM}|(hrs?\\.?|o'? ?clock|बजे|baje)(?![${L}]))`,
  'gi',
);
const RE_TIME = new RegExp(
  [
    // 10:30 pm, 21:30, 21.30 hrs, 10:30 बजे
    `(?<![\\d:.,])([01]?\\d|2[0-3])([:.])([0-5]\\d)(?![\\d])(?: ?(?:${AMPM}|(hrs?\\.?|hours|बजे|baje|bje)))?`,
    // 10 pm, 9 am, 9 o'clock, 10 बजे, 10 baje
    `(?<![\\d:.,])(1[0-2]|0?[1-9]|1[3-9]|2[0-3])(?![\\d.,:]\\d) ?(?:${AMPM}|(o'? ?clock|बजे|baje|bje)(?![${L}]))`,
    // at 9 in the morning / at 9 at night
    `(?<![${L}])(?:at|around|about|by) (1[0-2]|0?[1-9])(?: ?o'? ?clock)? (?:in the |at |at the )(${PERIOD_WORDS})`,
  ].join('|'),
  'gi',
);

interface PackTimes {
  /** "<hour>[.<min>] <o'clock word>" and "<hour> <o'clock word> <min> <minute word>" */
  time: RegExp | null;
  /** a part of the day in the pack's language, with the period it means */
  period: RegExp | null;
  periodOf: (w: string) => Period;
}
const PACK_TIMES = new Map<string, PackTimes>();
const RE_DURATION = /മണിക്കൂ|മണി നേര|గంటల ?పాటు|గంటలుగా|ಗಂಟೆಗಳ|ಗಂಟೆ ಕಾಲ|மணி ?நேர|ঘণ্টা ধরে|ঘণ্টার|ਘੰਟੇ|કલાક|तास|घंटे/u;
const MINUTE_WORDS = 'মিনিট|मिनट|मिनिट|मिनिटे|ਮਿੰਟ|મિનિટ|நிமிட|నిమిష|ನಿಮಿಷ|മിനിറ്റ്|min';

function packTimes(pack: LanguagePack | undefined): PackTimes | null {
  if (!pack) return null;
  let pt = PACK_TIMES.get(pack.code);
  if (pt) return pt;
  const oclock = alternation(pack.oclock ?? []);
  const kinds = Object.entries(pack.periods ?? {}) as Array<[Exclude<Period, null | 'am' | 'pm'>, readonly string[]]>;
  const byWord = new Map<string, Period>();
  for (const [kind, words] of kinds) for (const w of words) byWord.set(norm(w), kind);
  const periodAlt = alternation(byWord.keys());
  pt = {
    // 6.45 മണിയോടെ | 7টা 15 মিনিটে | 10 ਵਜੇ | ৭টায়
    time: oclock
      ? new RegExp(`(?<![\\d:.,])([01]?\\d|2[0-3])(?:[:.]([0-5]\\d))?\\s?(?:টা\\s?(?=\\d)|${oclock})(?:[\\p{L}\\p{M}]*)(?:\\s?([0-5]?\\d)\\s?(?:${MINUTE_WORDS}))?`, 'giu')
      : null,
    period: periodAlt ? new RegExp(`(?<![\\p{L}\\p{M}])(${periodAlt})`, 'giu') : null,
    periodOf: (w: string) => byWord.get(norm(w)) ?? null,
  };
  PACK_TIMES.set(pack.code, pt);
  return pt;
}

function contextPeriod(t: string, start: number, end: number, pack?: LanguagePack): Period {
  const lo = Math.max(0, start - 30);
  const hi = Math.min(t.length, end + 30);
  const win = t.slice(lo, hi);
  let best: Period = null;
  let bestDist = Infinity;
  const pt = packTimes(pack);
  const found = [...win.matchAll(RE_PERIOD_NEAR)].map((m) => ({ index: m.index, word: m[1], period: periodOf(m[1]) }));
  if (pt?.period) for (const m of win.matchAll(pt.period)) found.push({ index: m.index, word: m[1], period: pt.periodOf(m[1] ?? '') });
  for (const m of found) {
    const pos = lo + m.index;
    // the part of the day usually comes first ("ಸಂಜೆ 4 ಗಂಟೆ", "शाम 7 बजे"); one after the time
    // counts only when nothing precedes it ("4 ಗಂಟೆಯಿಂದ ರಾತ್ರಿ 8ರವರೆಗೆ" is from the evening)
    const dist = pos < start ? start - pos : 1000 + (pos - end);
    // a sentence boundary between them breaks the association
    const between = pos < start ? t.slice(pos, start) : t.slice(end, pos);
    if (/[.।\n!?]/.test(between.replace(/\d\.\d/g, ''))) continue;
    if (dist < bestDist) {
      bestDist = dist;
      best = m.period;
    }
  }
  return best;
}

export function findTimes(t: string, masked: readonly Span[], pack?: LanguagePack): TimeMention[] {
  const out: TimeMention[] = [];
  const taken: Span[] = [...masked];
  const free = (s: number, e: number) => !taken.some((x) => s < x.end && e > x.start);
  const pt = packTimes(pack);
  if (pt?.time) {
    for (const m of t.matchAll(pt.time)) {
      const s = m.index;
      const e = s + m[0].length;
      if (!free(s, e)) continue;
      // "2 മണിക്കൂർ", "3 గంటల పాటు", "2 ঘণ্টা ধরে": hours of duration, not a time of day
      if (RE_DURATION.test(t.slice(s, e + 12))) continue;
      const h = Number(m[1]);
      const min = Number(m[2] ?? m[3] ?? 0);
      const period = h <= 12 ? contextPeriod(t, s, e, pack) : null;
      taken.push({ start: s, end: e });
      out.push({ start: s, end: e, h: applyPeriod(h, period), min, nightContext: period === 'night' });
    }
  }
  for (const m of t.matchAll(RE_TIME_RANGE)) {
    const s = m.index;
    const e = s + m[0].length;
    if (!free(s, e)) continue;
    const h1 = Number(m[1]);
    const mi1 = Number(m[2] ?? 0);
    const p1 = periodOf(m[3]);
    const h2 = Number(m[4]);
    const mi2 = Number(m[5] ?? 0);
    const p2 = periodOf(m[6]);
    const ctx = contextPeriod(t, s, e, pack);
    const to = applyPeriod(h2, p2 ?? ctx);
    let from = applyPeriod(h1, p1 ?? p2 ?? ctx);
    if (!p1 && from * 60 + mi1 > to * 60 + mi2 && h1 <= 12) from = applyPeriod(h1, 'am'); // between 11 and 1 pm
    taken.push({ start: s, end: e });
    out.push({ start: s, end: e, h: from, min: mi1, to: { h: to, min: mi2 }, nightContext: (p1 ?? p2 ?? ctx) === 'night' });
  }
  for (const m of t.matchAll(RE_TIME)) {
    const s = m.index;
    const e = s + m[0].length;
    if (!free(s, e)) continue;
    let h: number;
    let min = 0;
    let explicit: Period = null;
    let marker = false;
    if (m[1] !== undefined) {
      h = Number(m[1]);
      min = Number(m[3]);
      explicit = periodOf(m[4]);
      marker = m[2] === ':' || explicit !== null || m[5] !== undefined;
      if (!marker) {
        // 10.30 without a marker: only when introduced as a time
        const before = t.slice(Math.max(0, s - 14), s).toLowerCase();
        if (!/(?:at|around|about|approx\.?|approximately|लगभग|करीब|समय|by)\s*$/u.test(before)) continue;
      }
    } else if (m[6] !== undefined) {
      h = Number(m[6]);
      explicit = periodOf(m[7]);
      if (h > 12 && (explicit !== null || !/बजे|baje|bje/u.test(m[8] ?? ''))) continue;
    } else {
      h = Number(m[9]);
      explicit = periodOf(m[10]);
    }
    if (h > 23) continue;
    const period = explicit ?? (h <= 12 ? contextPeriod(t, s, e, pack) : null);
    taken.push({ start: s, end: e });
    out.push({ start: s, end: e, h: applyPeriod(h, period), min, nightContext: period === 'night' });
  }
  return out.sort((a, b) => a.start - b.start);
}

// ───────────── choosing the occurrence ─────────────

const DOB_BEFORE = hiRe('(?:born|birth|dob|d\\.o\\.b\\.?|जन्म|जन्मतिथि|जन्म तिथि)[^.\\n।]{0,14}$', 'iu');
const RANGE_JOIN = hiRe('^ ?(?:and|to|till|until|-|से|से लेकर|ते|पासून|तक) ?(?:दिनांक )?$', 'iu');
const MARRIAGE_BEFORE = hiRe('(?:married|marriage|wedding|शादी|विवाह|लग्न|বিয়ে|বিয়ে|ਵਿਆਹ|લગ્ન|திருமண|పెళ్ళ|పెళ్లి|ಮದುವೆ|വിവാഹ|kalyan|shaadi|shadi)[^.\\n।]{0,50}$', 'iu');

function toInstant(d: { y: number; m: number; d: number }, h: number, min: number, shiftDay: number): Date {
  const day = addDays(d.y, d.m, d.d, shiftDay);
  return istDate(day.y, day.m, day.d, h, min);
}

/**
 * The date a letter was written, not when anything happened: on a short line of its own in the
 * closing block ("Place, 18.02.2025", "तारीख: 11/03/2025" under the signature) or in the letter's
 * heading. A letter that states no date of occurrence then has none, rather than the writing date.
 */
function isWritingDate(t: string, d: { start: number; end: number }): boolean {
  const lineStart = t.lastIndexOf('\n', d.start - 1) + 1;
  const nl = t.indexOf('\n', d.end);
  const lineEnd = nl < 0 ? t.length : nl;
  const line = t.slice(lineStart, lineEnd).trim();
  if (line.length > 45) return false;
  const linesAfter = t.slice(lineEnd).split('\n').filter((l) => l.trim()).length;
  const linesBefore = t.slice(0, lineStart).split('\n').filter((l) => l.trim()).length;
  // the closing block: one of the last four lines, after the account has been told
  if (linesAfter <= 3 && lineStart > t.length * 0.5) return true;
  // the heading: "Date: 12/03/2025" above the addressee
  return linesBefore <= 2 && /^(?:date|dated|dt|तारीख|तारिख|दिनांक|दि|তারিখ|ਮਿਤੀ|તારીખ|தேதி|తేదీ|ದಿನಾಂಕ|തീയതി)\b/iu.test(line);
}

export function findOccurrence(t: string, sentences: readonly Sentence[], received: Date, pack?: LanguagePack): OccurrenceResult {
  const rec: IstParts = istParts(received);
  const all = findDates(t, received, pack);
  const spans: Span[] = all.map((d) => ({ start: d.start, end: d.end }));
  const recDayEnd = istDate(rec.y, rec.m, rec.d, 23, 59).getTime();
  const usable = all.filter((d) => {
    if (isWritingDate(t, d)) return false;
    const before = t.slice(Math.max(0, d.start - 40), d.start);
    if (DOB_BEFORE.test(before)) return false;
    if (MARRIAGE_BEFORE.test(before) && all.length > 1) return false;
    return istDate(d.y, d.m, d.d).getTime() <= recDayEnd + 86_400_000;
  });
  const times = findTimes(t, spans, pack);
  for (const tm of times) spans.push({ start: tm.start, end: tm.end });
  if (usable.length === 0) return { from: null, to: null, spans, dates: all };

  // An explicit date range: "between 10/03/2025 and 12/03/2025", "10/03/2025 से 12/03/2025 के बीच"
  let first: DateMention | undefined;
  let second: DateMention | undefined;
  for (let i = 0; i + 1 < usable.length; i++) {
    const a = usable[i] as DateMention;
    const b = usable[i + 1] as DateMention;
    if (a.relative || b.relative) continue;
    if (RANGE_JOIN.test(t.slice(a.end, b.start))) {
      first = a;
      second = b;
      break;
    }
  }
  first ??= usable.find((d) => !d.relative) ?? usable[0];
  if (!first) return { from: null, to: null, spans, dates: all };

  // The time that goes with the date: nearest in the same sentence, else in the next sentence.
  const si = sentenceIndexAt(sentences, first.start);
  const pick = (idx: number) => {
    let best: TimeMention | undefined;
    let bestDist = Infinity;
    for (const tm of times) {
      if (sentenceIndexAt(sentences, tm.start) !== idx) continue;
      const dist = Math.abs(tm.start - first.end);
      if (dist < bestDist) {
        bestDist = dist;
        best = tm;
      }
    }
    return best;
  };
  const datesInSentence = (idx: number) => usable.filter((d) => sentenceIndexAt(sentences, d.start) === idx).length;
  let time = pick(si);
  if (!time && si >= 0 && si + 1 < sentences.length && datesInSentence(si + 1) === 0) time = pick(si + 1);

  let from: Date;
  let to: Date | null = null;
  if (time) {
    const night = time.nightContext || first.night;
    // "last night at 1 am" / "12/03 की रात 12 बजे": the small hours belong to the next calendar day
    const shift = night && time.h < 5 ? 1 : 0;
    from = toInstant(first, time.h, time.min, shift);
    if (time.to) {
      const toShift = night && time.to.h < 5 ? 1 : 0;
      to = toInstant(first, time.to.h, time.to.min, toShift);
      if (to.getTime() < from.getTime()) to = new Date(to.getTime() + 86_400_000);
    }
  } else {
    from = toInstant(first, 0, 0, 0);
  }
  if (second) {
    const si2 = sentenceIndexAt(sentences, second.start);
    const tm2 = times.find((x) => sentenceIndexAt(sentences, x.start) === si2 && x.start > second.end && x !== time);
    to = tm2 ? toInstant(second, tm2.h, tm2.min, 0) : toInstant(second, 23, 59, 0);
    if (to.getTime() < from.getTime()) to = null;
  }
  return { from, to, spans, dates: all };
}
