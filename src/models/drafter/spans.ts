/**
 * Spans: stretches of the normalised complaint text (a date, a phone number, the complainant's
 * particulars) that one extractor finds and the others leave alone, and the overlap test for them.
 */

export interface Span {
  start: number;
  end: number;
}

/** Whether [start, end) overlaps any of the spans. */
export function overlapsAny(spans: readonly Span[], start: number, end: number): boolean {
  return spans.some((x) => start < x.end && end > x.start);
}
