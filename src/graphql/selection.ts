/**
 * What the client selected, per object type, so repositories can select only the columns that
 * are needed. @skip/@include are deliberately ignored (a superset is always correct), which makes
 * the result a pure function of the document: it is cached per AST node and reused by every
 * request that sends the same document.
 */
import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  isAbstractType,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from 'graphql';

const EMPTY: ReadonlyMap<string, Selection> = new Map();

export class Selection {
  readonly #sets: readonly SelectionSetNode[];
  readonly #schema: GraphQLSchema;
  readonly #fragments: Record<string, FragmentDefinitionNode>;
  readonly #byType = new Map<string, ReadonlyMap<string, Selection>>();

  constructor(sets: readonly SelectionSetNode[], schema: GraphQLSchema, fragments: Record<string, FragmentDefinitionNode>) {
    this.#sets = sets;
    this.#schema = schema;
    this.#fragments = fragments;
  }

  /** Fields selected on `typeName` (through fragments and interfaces), each with its sub-selection. */
  fields(typeName: string): ReadonlyMap<string, Selection> {
    let found = this.#byType.get(typeName);
    if (!found) {
      const nodes = new Map<string, SelectionSetNode[]>();
      const visited = new Set<string>();
      for (const set of this.#sets) this.#collect(set, typeName, nodes, visited);
      const out = new Map<string, Selection>();
      for (const [name, sets] of nodes) out.set(name, new Selection(sets, this.#schema, this.#fragments));
      found = out.size ? out : EMPTY;
      this.#byType.set(typeName, found);
    }
    return found;
  }

  /** The sub-selection at a path of field names, e.g. `at('FirConnection', 'edges', 'FirEdge', 'node')`. */
  path(...steps: string[]): Selection | undefined {
    let current: Selection | undefined = this;
    for (let i = 0; i + 1 < steps.length && current; i += 2) current = current.fields(steps[i]!).get(steps[i + 1]!);
    return current;
  }

  readonly #memo = new Map<string, unknown>();

  /** Caches a value derived from this selection (e.g. a column list) under `key`. */
  memo<T>(key: string, compute: () => T): T {
    if (this.#memo.has(key)) return this.#memo.get(key) as T;
    const value = compute();
    this.#memo.set(key, value);
    return value;
  }

  has(typeName: string, field: string): boolean {
    return this.fields(typeName).has(field);
  }

  #collect(set: SelectionSetNode, typeName: string, out: Map<string, SelectionSetNode[]>, visited: Set<string>) {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        let list = out.get(name);
        if (!list) out.set(name, (list = []));
        if (sel.selectionSet) list.push(sel.selectionSet);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        if (this.#applies(sel.typeCondition?.name.value, typeName)) this.#collect(sel.selectionSet, typeName, out, visited);
      } else {
        const fragment = this.#fragments[sel.name.value];
        if (!fragment || visited.has(sel.name.value)) continue;
        visited.add(sel.name.value);
        if (this.#applies(fragment.typeCondition.name.value, typeName)) this.#collect(fragment.selectionSet, typeName, out, visited);
      }
    }
  }

  #applies(condition: string | undefined, typeName: string): boolean {
    if (!condition || condition === typeName) return true;
    const conditionType = this.#schema.getType(condition);
    const objectType = this.#schema.getType(typeName);
    return !!conditionType && isAbstractType(conditionType) && isObjectType(objectType) && this.#schema.isSubType(conditionType, objectType);
  }
}

const cache = new WeakMap<FieldNode, Selection>();

/** The selection of the field being resolved. */
export function selectionOf(info: GraphQLResolveInfo): Selection {
  const first = info.fieldNodes[0]!;
  let sel = cache.get(first);
  if (!sel) {
    const sets = info.fieldNodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
    sel = new Selection(sets, info.schema, info.fragments);
    cache.set(first, sel);
  }
  return sel;
}

/** Maps selected GraphQL fields to the columns they read; keys are always included. */
export type ColumnMap<Col extends string> = Record<string, readonly Col[] | ((sub: Selection) => readonly Col[])>;

export function columnsFor<Col extends string>(
  selection: Selection | undefined,
  typeName: string,
  map: ColumnMap<Col>,
  keys: readonly Col[],
): Col[] {
  if (!selection) return [...keys].sort();
  return selection.memo(`columns:${typeName}`, () => computeColumns(selection, typeName, map, keys));
}

function computeColumns<Col extends string>(selection: Selection, typeName: string, map: ColumnMap<Col>, keys: readonly Col[]): Col[] {
  const cols = new Set<Col>(keys);
  {
    for (const [field, sub] of selection.fields(typeName)) {
      const entry = map[field];
      if (!entry) continue;
      for (const c of typeof entry === 'function' ? entry(sub) : entry) cols.add(c);
    }
  }
  return [...cols].sort();
}
