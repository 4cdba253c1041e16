/**
 * The occurrence: which of a complaint's dates is when it happened (not a birth date, a wedding,
 * or the date the letter was written), the time that goes with it, and the end of a range
 * ("between 10/03/2025 and 12/03/2025", "रात 9 से 11 बजे के बीच"), as IST instants.
 */
import { type DateMention, findDates } from './dates.ts';
import type { Span } from './spans.ts';
import { type TimeMention, findTimes } from './times.ts';
import { type IstParts, type Sentence, addDays, hiRe, istDate, istParts, sentenceIndexAt } from './text.ts';
import type { LanguagePack } from './lang/types.ts';

interface OccurrenceResult {
  from: Date | null;
  to: Date | null;
  /** spans of all date/time mentions (masked out by other extractors) */
  spans: Span[];
  dates: DateMention[];
}

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
