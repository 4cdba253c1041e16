/**
 * Reading a name word by word in the pack languages: the words after a marker ("আমার নাম X",
 * "ആരോപി X") or before one ("X, த/பெ …", "X என்பவன்"), up to punctuation, a stop word or another
 * marker, returned as written (an initial keeps its full stop).
 */
import { type Compiled, WORD } from './pack-patterns.ts';
import { norm } from './index.ts';

/** Up to `max` name words from `start` onwards, stopping at punctuation, markers and stop words. */
export function wordsAfter(t: string, start: number, c: Compiled, max = 4): { text: string; end: number } | null {
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
export function wordsBefore(t: string, end: number, c: Compiled, max = 3): { text: string; start: number } | null {
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
