/**
 * The rows a caller may see, as the repositories take it, and the SQL conditions that apply it
 * (docs/api.md "Who may do what"). Row rules are part of each repository's own statement, so a
 * page never has holes and `totalCount`, `firStats` and search count only what the caller may see.
 * Made from the viewer by src/auth/viewer.ts rowScope(); `all` for internal callers.
 *
 * - station: rows of that station; district: rows of the stations of that district;
 * - citizen: complaints and FIRs it submitted (`submitted_by`), jobs of those FIRs, no officers;
 * - all: everything; none: nothing.
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from './types.ts';

export type RowScope =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'station'; stationId: number }
  /** a district is named within its state: Aurangabad (Maharashtra) is not Aurangabad (Bihar) */
  | { kind: 'district'; district: string; state: string }
  /** complaints and FIRs whose `submitted_by` is this key */
  | { kind: 'citizen'; submittedBy: string };

export const ALL_ROWS: RowScope = Object.freeze({ kind: 'all' });

const nothing = sql<SqlBool>`1 = 0`;
const everything = sql<SqlBool>`1 = 1`;

/** Station ids of a district, as a sub-query of the same statement. */
function districtStations(eb: ExpressionBuilder<any, any>, district: string, state: string) {
  return eb.selectFrom('police_station as vis_ps').select('vis_ps.id').where('vis_ps.district', '=', district).where('vis_ps.state', '=', state);
}

/** The condition on `<alias>.station_id` / `<alias>.submitted_by` of a fir or complaint row. */
function ownRows(eb: ExpressionBuilder<any, any>, alias: string, scope: RowScope): Expression<SqlBool> {
  switch (scope.kind) {
    case 'all':
      return everything;
    case 'none':
      return nothing;
    case 'station':
      return eb(`${alias}.station_id`, '=', scope.stationId);
    case 'district':
      return eb(`${alias}.station_id`, 'in', districtStations(eb, scope.district, scope.state));
    case 'citizen':
      return eb(`${alias}.submitted_by`, '=', scope.submittedBy);
  }
}

/** FIRs (table `fir` or an alias of it) the scope may see. */
export function visibleFir(scope: RowScope, alias = 'fir') {
  return (eb: ExpressionBuilder<DB, any>) => ownRows(eb, alias, scope);
}

/** Complaints the scope may see. */
export function visibleComplaint(scope: RowScope, alias = 'complaint') {
  return (eb: ExpressionBuilder<DB, any>) => ownRows(eb, alias, scope);
}

/** Generation jobs (by their FIR) the scope may see. */
export function visibleJob(scope: RowScope, alias = 'generation_job') {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => {
    if (scope.kind === 'all') return everything;
    if (scope.kind === 'none') return nothing;
    return eb(`${alias}.fir_id`, 'in', eb.selectFrom('fir as vis_f').select('vis_f.id').where((inner) => ownRows(inner, 'vis_f', scope)) as any);
  };
}

/** Officers the scope may see: those of its station or district; none for citizens. */
export function visibleOfficer(scope: RowScope, alias = 'officer') {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => (scope.kind === 'citizen' ? nothing : ownRows(eb, alias, scope));
}
