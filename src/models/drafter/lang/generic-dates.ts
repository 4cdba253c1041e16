/**
 * Dates in the pack languages: day and month names ("12 ஆகஸ்ட் 2025", "ఆగస్టు 12"), weekdays ("last
 * Saturday"), relative day words ("গতকাল", "நேற்று இரவு") and "N days ago", resolved against the
 * day the complaint was received (IST), with whether the mention itself says night.
 */
import { addDays, istParts, isValidYmd, weekdayOffset, yearOfUndated } from '../text.ts';
import { norm } from './index.ts';
import { compiled } from './pack-patterns.ts';
import type { LanguagePack } from './types.ts';

interface GenericDate {
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
      const y = m[3] ? Number(m[3]) : yearOfUndated(rec, mo, d);
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
      rel(m.index, m.index + m[0].length, weekdayOffset(rec, dow, Boolean(m[1])), nightAfter(m.index + m[0].length));
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
