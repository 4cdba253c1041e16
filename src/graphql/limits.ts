/**
 * Query limits (docs/api.md): depth, aliases, directives, tokens and estimated cost, checked before
 * execution and before the response cache (src/graphql/admission.ts calls `check` in Yoga's
 * onParams and in the HTTP fast path, and answers a refusal with `limitError`). The request body
 * limit is the HTTP layer's (plugins/use-body-limit.ts); it shares the error shape.
 *
 * - tokens: graphql-js counts them while parsing (`parse(source, { maxTokens })`), so a huge
 *   document is abandoned after `maxTokens + 1` tokens instead of being parsed whole;
 * - depth, aliases, directives: GraphQL Armor's rules count them (fragments followed once each,
 *   cycles cut), over every operation of the document; depth counts fields, not fragments
 *   (`flattenFragments`), and skips `__schema` (`ignoreIntrospection`) so GraphiQL's introspection
 *   query passes. Introspection is bounded instead by the nesting of its list fields (at most
 *   INTROSPECTION_LIST_NESTING, as `types { fields { args } }`), which stops the
 *   `fields { type { fields { type … } } }` explosion the depth rule no longer sees;
 * - cost: the Pothos complexity plugin's estimate with the schema's field costs (cost.ts) and the
 *   request's variables, for the operation the request names. Introspection fields are not costed
 *   (Pothos skips `__` fields). Invalid variables (the request will fail on them anyway) are
 *   retried without variables, then estimated conservatively (an unknown page size counts as the
 *   largest page); every operation costs at least 1.
 *
 * Trusted documents (the persisted-operations manifest) skip the static limits; their cost is
 * still computed and limited. A document that does not parse for another reason than its tokens
 * passes with cost 1: Yoga reports the syntax error itself.
 *
 * `check` is synchronous and memoised: the static verdict (and the parsed document) per query
 * text, the cost per operation name, query text and variables, each in a bounded LRU.
 */
import { complexityFromQuery } from '@pothos/plugin-complexity';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  type ArgumentNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  getNamedType,
  type GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  isInterfaceType,
  isObjectType,
  Kind,
  Lexer,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
  Source,
  TokenKind,
  validate,
  valueFromASTUntyped,
  visit,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import { stringify } from 'safe-stable-stringify';
import { AppError } from '../errors.ts';
import { MAX_PAGE_SIZE } from './connection.ts';
import { DEFAULT_LIST_MULTIPLIER, fieldComplexity } from './cost.ts';

export type LimitName = 'depth' | 'aliases' | 'directives' | 'tokens' | 'cost' | 'body';

export interface LimitSettings {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
}

export interface LimitCheckInput {
  query: string;
  operationName?: string | null;
  variables?: unknown;
  /** a manifest (trusted) document: static limits skipped, cost still computed */
  trusted?: boolean;
}

export type LimitVerdict = { ok: true; cost: number } | { ok: false; limit: LimitName; message: string };

export interface Limits {
  settings: LimitSettings;
  check(input: LimitCheckInput): LimitVerdict;
}

/** The contract's defaults (docs/api.md); config.ts reads the same numbers from the environment. */
export const DEFAULT_LIMITS: Readonly<LimitSettings> = Object.freeze({ maxDepth: 12, maxAliases: 15, maxDirectives: 50, maxTokens: 2000, maxCost: 5000 });

/** How deep introspection's list fields may nest: GraphiQL's query needs `types { fields { args } }`. */
export const INTROSPECTION_LIST_NESTING = 3;

/** the GraphQLError for a refusal: message, extensions { code: 'BAD_USER_INPUT', limit, http: { status: 400 } } */
export function limitError(limit: LimitName, message: string): GraphQLError {
  return new AppError('BAD_USER_INPUT', message, { limit, http: { status: 400 } });
}

type Refusal = Extract<LimitVerdict, { ok: false }>;
/** what is known of a query text: refused, parsed, or not a document (Yoga reports why) */
type Parsed = { refusal: Refusal } | { document: DocumentNode } | { syntaxError: true };

const SYNTAX_ERROR: LimitVerdict = Object.freeze({ ok: true, cost: 1 });
/** tokens counted for the message of a refusal, at most (the body limit bounds a document anyway) */
const TOKEN_COUNT_CAP = 1_000_000;

const refuse = (limit: LimitName, message: string): Refusal => Object.freeze({ ok: false, limit, message });

const over = (what: string, n: number, limit: number) => `${what} ${Number.isSafeInteger(n) ? n : n.toPrecision(3)} exceeds the limit of ${limit}`;

export function createLimits(schema: GraphQLSchema, settings: LimitSettings): Limits {
  const s = Object.freeze({ ...settings });
  // Sizes are estimates of retained memory: a parsed document is ~20x its text, a refusal keeps only the text (the key).
  const statics = new LRUCache<string, Parsed>({ max: 2000, maxSize: 64 * 1024 * 1024, sizeCalculation: (v, k) => k.length * ('document' in v ? 20 : 1) + 64 });
  const trusted = new LRUCache<string, Parsed>({ max: 1000, maxSize: 64 * 1024 * 1024, sizeCalculation: (v, k) => k.length * ('document' in v ? 20 : 1) + 64 });
  const costs = new LRUCache<string, LimitVerdict>({ max: 10_000, maxSize: 32 * 1024 * 1024, sizeCalculation: (_v, k) => k.length + 64 });

  function staticVerdict(query: string): Parsed {
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: s.maxTokens, noLocation: true });
    } catch (err) {
      if (err instanceof RangeError) return { refusal: refuse('depth', `Query is nested too deeply to parse; the depth limit is ${s.maxDepth}`) };
      // The parser's token-limit error is a syntax error like any other (its wording has varied):
      // the tokens are counted again, so a document over the limit is refused whatever else is wrong with it.
      const n = countTokens(query, TOKEN_COUNT_CAP);
      if (n <= s.maxTokens) return { syntaxError: true };
      return { refusal: refuse('tokens', n > TOKEN_COUNT_CAP ? `Query has more than ${TOKEN_COUNT_CAP} tokens; the limit is ${s.maxTokens}` : over('Query token count', n, s.maxTokens)) };
    }
    const counts = { depth: 0, aliases: 0, directives: 0 };
    const at = (k: keyof typeof counts) => [(_ctx: unknown, found: { n: number }) => void (counts[k] = Math.max(counts[k], found.n))];
    try {
      // n: Infinity: Armor counts (onAccept gets the number) and the comparison is ours, so the message can say both numbers.
      validate(
        schema,
        document,
        [
          maxDepthRule({ n: Infinity, ignoreIntrospection: true, flattenFragments: true, onAccept: at('depth') }),
          maxAliasesRule({ n: Infinity, onAccept: at('aliases') }),
          maxDirectivesRule({ n: Infinity, onAccept: at('directives') }),
        ],
        { maxErrors: 1 },
      );
    } catch (err) {
      if (err instanceof RangeError) return { refusal: refuse('depth', `Query is nested too deeply to analyse; the depth limit is ${s.maxDepth}`) };
      throw err;
    }
    if (counts.depth > s.maxDepth) return { refusal: refuse('depth', over('Query depth', counts.depth, s.maxDepth)) };
    const nesting = introspectionNesting(document);
    if (nesting > INTROSPECTION_LIST_NESTING) {
      return { refusal: refuse('depth', over('Introspection list nesting', nesting, INTROSPECTION_LIST_NESTING)) };
    }
    if (counts.aliases > s.maxAliases) return { refusal: refuse('aliases', over('Query alias count', counts.aliases, s.maxAliases)) };
    if (counts.directives > s.maxDirectives) return { refusal: refuse('directives', over('Query directive count', counts.directives, s.maxDirectives)) };
    return { document };
  }

  function parsedOf(query: string, isTrusted: boolean): Parsed {
    const cache = isTrusted ? trusted : statics;
    let parsed = cache.get(query);
    if (!parsed) {
      if (isTrusted) {
        try {
          parsed = { document: parse(query, { noLocation: true }) };
        } catch {
          parsed = { syntaxError: true };
        }
      } else parsed = staticVerdict(query);
      cache.set(query, parsed);
    }
    return parsed;
  }

  function check(input: LimitCheckInput): LimitVerdict {
    const query = typeof input.query === 'string' ? input.query : '';
    const parsed = parsedOf(query, input.trusted === true);
    if ('refusal' in parsed) return parsed.refusal;
    if ('syntaxError' in parsed) return SYNTAX_ERROR;
    const operationName = input.operationName ?? null;
    const vars = variablesKey(input.variables);
    const key = vars === null ? null : `${operationName ?? ''}\u0000${vars}\u0000${query}`;
    let verdict = key === null ? undefined : costs.get(key);
    if (!verdict) {
      const cost = Math.max(1, estimateCost(schema, parsed.document, operationName, input.variables));
      verdict = cost > s.maxCost ? refuse('cost', over('Query cost', cost, s.maxCost)) : Object.freeze({ ok: true as const, cost });
      if (key !== null) costs.set(key, verdict);
    }
    return verdict;
  }

  return { settings: s, check };
}

/** the variables' memo key, or null when they cannot be written (nested too deeply): then not memoised */
function variablesKey(variables: unknown): string | null {
  try {
    return stringify(variables ?? null) ?? '';
  } catch {
    return null;
  }
}

/** Tokens of `query` as the parser counts them (comments are not tokens), stopping past `cap` or at a lexing error. */
function countTokens(query: string, cap: number): number {
  const lexer = new Lexer(new Source(query));
  let n = 0;
  try {
    while (n <= cap && lexer.advance().kind !== TokenKind.EOF) n++;
  } catch {
    // a lexing error past the limit: the tokens before it are the count
  }
  return n;
}

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);
const INTROSPECTION_LISTS = new Set(['types', 'fields', 'args', 'inputFields', 'interfaces', 'possibleTypes', 'enumValues', 'directives']);

/**
 * How deeply list fields nest inside `__schema`/`__type`, across every operation (fragments
 * followed once per state, cycles cut: the validation Yoga runs refuses those).
 */
function introspectionNesting(document: DocumentNode): number {
  const fragments = fragmentsOf(document);
  const memo = new Map<string, number>();
  const active = new Set<string>();
  const walk = (set: SelectionSetNode, inside: boolean): number => {
    let deepest = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (!sel.selectionSet) continue;
        const name = sel.name.value;
        const enters = inside || INTROSPECTION_ROOTS.has(name);
        const own = inside && INTROSPECTION_LISTS.has(name) ? 1 : 0;
        deepest = Math.max(deepest, own + walk(sel.selectionSet, enters));
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, walk(sel.selectionSet, inside));
      } else {
        const key = `${inside ? 1 : 0}:${sel.name.value}`;
        const fragment = fragments[sel.name.value];
        if (!fragment || active.has(key)) continue;
        let n = memo.get(key);
        if (n === undefined) {
          active.add(key);
          n = walk(fragment.selectionSet, inside);
          active.delete(key);
          memo.set(key, n);
        }
        deepest = Math.max(deepest, n);
      }
    }
    return deepest;
  };
  let deepest = 0;
  for (const def of document.definitions) if (def.kind === Kind.OPERATION_DEFINITION) deepest = Math.max(deepest, walk(def.selectionSet, false));
  return deepest;
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = Object.create(null);
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  return fragments;
}

/**
 * The cost of the operation the request names (of the only one, or the dearest when the name is
 * missing or unknown: Yoga refuses those requests, the estimate only has to be safe).
 */
function estimateCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null, variables: unknown): number {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const named = operationName != null ? operations.filter((op) => op.name?.value === operationName) : [];
  const chosen = named.length === 1 ? named : operations;
  const fragments = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
  return chosen.reduce((dearest, op) => Math.max(dearest, operationCost(schema, op, fragments, variables)), 1);
}

function operationCost(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: FragmentDefinitionNode[], variables: unknown): number {
  // complexityFromQuery takes a document's first operation: give it a document of this one.
  const single: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] };
  const vars = isRecord(variables) ? variables : {};
  try {
    return complexityFromQuery(single, { schema, variables: vars }).complexity;
  } catch {
    // invalid variables (or a document validation will refuse): without them, else conservatively
  }
  if (Object.keys(vars).length > 0) {
    try {
      return complexityFromQuery(single, { schema, variables: {} }).complexity;
    } catch {
      // e.g. a required variable: estimated below
    }
  }
  return conservativeCost(schema, operation, fragmentsOf({ kind: Kind.DOCUMENT, definitions: fragments }), vars);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The cost without trusting the variables: the same field costs, with argument values read from
 * the literals and whatever variables are there, a page size that is not a number counted as the
 * largest page, unknown fields as objects. Never throws.
 */
function conservativeCost(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>, variables: Record<string, unknown>): number {
  const memo = new Map<SelectionSetNode, Map<string, number>>();
  const active = new Set<SelectionSetNode>();
  const walk = (set: SelectionSetNode, type: GraphQLNamedType | undefined): number => {
    const typeKey = type?.name ?? '';
    const known = memo.get(set)?.get(typeKey);
    if (known !== undefined) return known;
    if (active.has(set)) return 0;
    active.add(set);
    let sum = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        if (name.startsWith('__')) {
          // as Pothos counts them: 1, their selections not costed
          sum += 1;
          continue;
        }
        const field = type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[name] : undefined;
        if (!field) {
          sum += 1 + (sel.selectionSet ? walk(sel.selectionSet, undefined) : 0);
          continue;
        }
        const { own, multiplier } = costOf(field, argumentsOf(sel.arguments ?? [], variables));
        sum += own + (sel.selectionSet ? walk(sel.selectionSet, getNamedType(field.type)) * Math.max(0, multiplier) : 0);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        sum += walk(sel.selectionSet, sel.typeCondition ? schema.getType(sel.typeCondition.name.value) ?? undefined : type);
      } else {
        const fragment = fragments[sel.name.value];
        if (fragment) sum += walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined);
      }
    }
    active.delete(set);
    let byType = memo.get(set);
    if (!byType) memo.set(set, (byType = new Map()));
    byType.set(typeKey, sum);
    return sum;
  };
  try {
    return walk(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined);
  } catch {
    // only a broken field cost could get here: every field selected counts as an object of a 10-list
    let fields = 0;
    visit(operation, { Field: () => void fields++ });
    return fields * DEFAULT_LIST_MULTIPLIER;
  }
}

function argumentsOf(args: readonly ArgumentNode[], variables: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const arg of args) {
    let value: unknown;
    try {
      value = valueFromASTUntyped(arg.value, variables);
    } catch {
      value = undefined;
    }
    const name = arg.name.value;
    // A page size that is not a usable number may be any page: count the largest.
    out[name] = (name === 'first' || name === 'last') && (typeof value !== 'number' || !Number.isFinite(value)) ? MAX_PAGE_SIZE : value;
  }
  return out;
}

function costOf(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): { own: number; multiplier: number } {
  let option = (field.extensions as { complexity?: unknown } | undefined)?.complexity;
  try {
    if (typeof option === 'function') option = option(args, {}, field);
  } catch {
    option = undefined;
  }
  if (typeof option === 'number') return { own: option, multiplier: 1 };
  if (isRecord(option) && (typeof option.field === 'number' || typeof option.multiplier === 'number')) {
    return { own: typeof option.field === 'number' ? option.field : 1, multiplier: typeof option.multiplier === 'number' ? option.multiplier : 1 };
  }
  const { field: own, multiplier } = fieldComplexity(args, {}, field);
  return { own, multiplier };
}
