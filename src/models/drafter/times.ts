/**
 * Times of day in a complaint: 10:30 pm, 9 in the morning, 21:30 hrs, रात 10 बजे, सुबह 9 बजे, the
 * ranges "between 9 and 11 pm" and "रात 9 से 11 बजे के बीच", and the o'clock words and parts of the
 * day of the other languages' packs ("6.45 മണിയോടെ", "ರಾತ್ರಿ 8 ಗಂಟೆ"). A part of the day nearby
 * decides an hour written without am/pm. Wall-clock IST.
 */
import { type Span, overlapsAny } from './spans.ts';
import { L } from './text.ts';
import { alternation, norm } from './lang/index.ts';
import type { LanguagePack } from './lang/types.ts';

export interface TimeMention extends Span {
  h: number;
  min: number;
  /** a second time when the mention is a range */
  to?: { h: number; min: number };
  /** period context decided the hour ("night", "रात") */
  nightContext: boolean;
}

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
  const pt = packTimes(pack);
  if (pt?.time) {
    for (const m of t.matchAll(pt.time)) {
      const s = m.index;
      const e = s + m[0].length;
      if (overlapsAny(taken, s, e)) continue;
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
    if (overlapsAny(taken, s, e)) continue;
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
    if (overlapsAny(taken, s, e)) continue;
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
