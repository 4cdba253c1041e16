/**
 * Keyset (seek) pagination over an ordered tuple of sort keys ending in the primary key.
 * A page at any depth is "WHERE tuple > cursor ORDER BY tuple LIMIT n": an index range scan of
 * n rows, never an OFFSET. Nullable keys sort as (key IS NULL, key), nulls last ascending, so the
 * order is total and identical on MySQL and Postgres.
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';

export interface SortKey {
  /** qualified column, e.g. 'fir.created_at' */
  column: string;
  nullable: boolean;
  kind: 'date' | 'string' | 'number';
}

export type Direction = 'asc' | 'desc';

interface Element {
  expr: Expression<unknown>;
  value: unknown;
}

function nullFlag(column: string): Expression<number> {
  return sql<number>`(case when ${sql.ref(column)} is null then 1 else 0 end)`;
}

/** The ORDER BY items for `keys` then `idColumn`, all in `direction`. */
export function orderItems(keys: readonly SortKey[], idColumn: string, direction: Direction) {
  const items: Array<{ expr: Expression<unknown>; direction: Direction }> = [];
  for (const k of keys) {
    if (k.nullable) items.push({ expr: nullFlag(k.column), direction });
    items.push({ expr: sql.ref(k.column), direction });
  }
  items.push({ expr: sql.ref(idColumn), direction });
  return items;
}

/** Rows strictly after the cursor position (`values` of keys, then the id) in `direction`. */
export function keysetAfter(
  eb: ExpressionBuilder<any, any>,
  keys: readonly SortKey[],
  idColumn: string,
  values: readonly unknown[],
  id: number,
  direction: Direction,
): Expression<SqlBool> {
  const elements: Element[] = [];
  keys.forEach((k, i) => {
    const v = values[i] ?? null;
    if (k.nullable) {
      elements.push({ expr: nullFlag(k.column), value: v === null ? 1 : 0 });
      // Every row with the flag equal to the cursor's has a null key when the cursor's is null,
      // so the key itself takes no part in the comparison then.
      if (v !== null) elements.push({ expr: sql.ref(k.column), value: v });
    } else {
      elements.push({ expr: sql.ref(k.column), value: v });
    }
  });
  elements.push({ expr: sql.ref(idColumn), value: id });
  const op = direction === 'asc' ? '>' : '<';
  const alternatives: Expression<SqlBool>[] = elements.map((el, i) =>
    eb.and([...elements.slice(0, i).map((prev) => eb(prev.expr as any, '=', prev.value)), eb(el.expr as any, op, el.value)]),
  );
  const condition = eb.or(alternatives);
  // A redundant bound on the leading key lets both engines turn this into an index range scan.
  const lead = keys[0];
  if (lead && !lead.nullable) return eb.and([eb(sql.ref(lead.column) as any, direction === 'asc' ? '>=' : '<=', values[0]), condition]);
  return condition;
}
