/**
 * SUMMARIZE for the built-in drafter: the analysis of a complaint (analysis.ts), memoised because
 * every stage calls it, as the Extraction the FIR draft is made from — names, places and phrases
 * as the complainant wrote them, the submitted particulars preferred to the extracted ones, and a
 * one- or two-sentence summary in the complaint's language (summary.ts).
 */
import type { ComplainantDraft, DraftInput, Extraction, PersonDraft } from '../types.ts';
import { type Analysis, analyseUncached } from './analysis.ts';
import { summaryText } from './summary.ts';
import { asDate, restoreSpelling } from './text.ts';

export { analyseUncached } from './analysis.ts';

const cache = new Map<string, Analysis>();
const CACHE_SIZE = 16;

/** Pure and deterministic; memoised on (text, receivedAt, language) because every stage calls it. */
export function analyse(rawText: string, receivedAt: Date, languageHint?: string | null): Analysis {
  const received = asDate(receivedAt) ?? new Date(0);
  const raw = typeof rawText === 'string' ? rawText : '';
  const key = `${received.getTime()}|${languageHint ?? ''}|${raw}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const a = analyseUncached(raw, received, languageHint);
  cache.set(key, a);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return a;
}

// ───────────── Extraction ─────────────

function given(v: string | null | undefined): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

export function toExtraction(a: Analysis, input: DraftInput): Extraction {
  const sub: ComplainantDraft = input.complainant ?? {};
  const c = a.complainant;
  const asWritten = (v: string | null | undefined) => restoreSpelling(a.norm, v ?? null);
  const person = (p: PersonDraft): PersonDraft => ({
    name: asWritten(p.name),
    description: asWritten(p.description),
    address: asWritten(p.address),
  });
  const complainant: ComplainantDraft = {
    name: given(sub.name) ?? asWritten(c.name),
    dateOfBirth: given(sub.dateOfBirth) ?? c.dateOfBirth ?? null,
    nationality: given(sub.nationality) ?? asWritten(c.nationality),
    fatherOrHusbandName: given(sub.fatherOrHusbandName) ?? asWritten(c.fatherOrHusbandName),
    address: given(sub.address) ?? asWritten(c.address),
    contact: given(sub.contact) ?? c.contact ?? null,
    passportNumber: given(sub.passportNumber) ?? c.passportNumber ?? null,
    occupation: given(sub.occupation) ?? asWritten(c.occupation),
  };
  const property = a.property.map((p) => ({ description: asWritten(p.description) ?? p.description, valueInr: p.valueInr ?? null }));
  const suspects = a.suspects.map(person);
  const witnesses = a.witnesses.map(person);
  const place = asWritten(a.place);
  const summary = summaryText(a, { occurredFrom: a.occurredFrom, place, suspects, property }, a.language);
  return {
    summary,
    language: a.language,
    complainant,
    incident: {
      occurredFrom: a.occurredFrom ? new Date(a.occurredFrom.getTime()) : null,
      occurredTo: a.occurredTo ? new Date(a.occurredTo.getTime()) : null,
      place,
      address: asWritten(a.placeAddress),
      description: a.description,
      delayReason: asWritten(a.delayReason),
    },
    suspects,
    witnesses,
    property,
    amountsInr: [...a.amounts],
  };
}

export function summarize(input: DraftInput): Extraction {
  return toExtraction(analyse(input.text, input.receivedAt, input.language), input);
}
