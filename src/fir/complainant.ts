/**
 * The complainant block of a FIR: the one mapping between its API fields (ComplainantDraft, the
 * shape the drafter fills and the API takes) and the fir table's complainant_* columns, with the
 * length limit of each field. Submission, officer edits, the pipeline and the GraphQL types all
 * map through here.
 */
import type { FirRow, FirUpdate } from '../db/types.ts';
import { badInput } from '../errors.ts';
import type { ComplainantDraft } from '../models/types.ts';

export type ComplainantField = keyof ComplainantDraft;

/** API field -> fir column. */
export const COMPLAINANT_COLUMNS = {
  name: 'complainant_name',
  dateOfBirth: 'complainant_dob',
  nationality: 'complainant_nationality',
  fatherOrHusbandName: 'complainant_father_or_husband_name',
  address: 'complainant_address',
  contact: 'complainant_contact',
  passportNumber: 'complainant_passport_number',
  occupation: 'complainant_occupation',
} as const satisfies Record<ComplainantField, keyof FirRow>;

export type ComplainantColumn = (typeof COMPLAINANT_COLUMNS)[ComplainantField];

/** Longest value (in characters) of each field. */
export const COMPLAINANT_LIMITS: Readonly<Record<ComplainantField, number>> = {
  name: 200,
  dateOfBirth: 10,
  nationality: 100,
  fatherOrHusbandName: 200,
  address: 2_000,
  contact: 100,
  passportNumber: 32,
  occupation: 100,
};

export const COMPLAINANT_FIELDS = Object.keys(COMPLAINANT_COLUMNS) as ComplainantField[];

/** BAD_USER_INPUT naming `<argument>.<field>` for a value over its limit. */
export function checkComplainant(c: Partial<ComplainantDraft> | null | undefined, argument: string): void {
  for (const key of COMPLAINANT_FIELDS) {
    const v = c?.[key];
    const max = COMPLAINANT_LIMITS[key];
    if (v != null && [...v].length > max) throw badInput(`"${argument}.${key}" is longer than ${max} characters`, { argument: `${argument}.${key}` });
  }
}

/** The fir columns of a complainant block (absent fields absent, null kept). */
export function complainantColumns(c: Partial<ComplainantDraft>): FirUpdate {
  const out: Record<string, string | null> = {};
  for (const key of COMPLAINANT_FIELDS) if (c[key] !== undefined) out[COMPLAINANT_COLUMNS[key]] = c[key] ?? null;
  return out as FirUpdate;
}

/** The complainant block of a fir row. */
export function complainantOf(row: Partial<Pick<FirRow, ComplainantColumn>>): ComplainantDraft {
  const out: Record<string, string | null> = {};
  for (const key of COMPLAINANT_FIELDS) out[key] = row[COMPLAINANT_COLUMNS[key]] ?? null;
  return out as ComplainantDraft;
}
