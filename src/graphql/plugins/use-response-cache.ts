/**
 * Response cache: @envelop/response-cache finds the entities of every result (typename + id),
 * works out the TTL from the types and fields selected and invalidates what a mutation returns;
 * this plugin adds what a production gateway needs around it:
 *
 * - hits served before parsing: once a document is known, its key is computed from the request
 *   parameters and a hit skips parse, validate, context and execution, and is sent as stored bytes;
 * - keys that include the schema hash (a deploy that changes the schema never serves old shapes)
 *   and a scope: `public` for documents whose root fields are all public reference data, else what
 *   the viewer may see (role plus station, district or citizen; src/auth/viewer.ts scopeKey), never
 *   the token: officers of one station share entries, and no viewer is handed another scope's answer;
 * - only admitted requests (src/graphql/admission.ts) are looked up;
 * - list, count and not-found tags from resolvers (src/cache/tags.ts), version-checked storage and
 *   an invalidation epoch against stale write-back (src/cache/response-store.ts);
 * - invalidation finished before the mutation's response leaves, so the caller's next read is fresh;
 * - HTTP: ETag on cacheable responses, 304 on a matching If-None-Match, Cache-Control from the
 *   lowest TTL of the response's types (private for session-scoped ones, no-store for mutations,
 *   errors and anything not cached), Vary.
 *
 * Errors and partial results are never stored.
 */
import { createHash } from 'node:crypto';
import { type CacheEntityRecord, useResponseCache as useEnvelopResponseCache } from '@envelop/response-cache';
import { type DocumentNode, type GraphQLSchema, getOperationAST, parse, TypeInfo, visit, visitWithTypeInfo } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import stableStringify from 'safe-stable-stringify';
import type { ResponseStore, StoredResponse } from '../../cache/response-store.ts';
import { tagsOf } from '../../cache/tags.ts';

export interface ResponseCacheOptions {
  store: ResponseStore;
  /** hash of the printed schema: part of every key */
  schemaHash: string;
  /** default TTL in ms of a cacheable response */
  ttlMs: number;
  /** TTL in ms per type name (`LegalSection`) or field (`Query.firStats`); 0 = never cache */
  ttlPerCoordinate: Record<string, number>;
  /** root fields every viewer sees alike (`Query.legalSections`): documents of only these are cached once for all */
  publicRootFields: string[];
  /** the request's cache scope (the viewer's scopeKey); only consulted for non-public documents */
  scopeOf: (request: Request) => string;
  /** root fields that answer who the caller is (`Query.viewer`): documents selecting one are cached per subject */
  personalRootFields?: string[];
  /** the per-subject scope of such documents (personalScopeKey) */
  personalScopeOf?: (request: Request) => string;
  /** whether admission let this request through; a refused one is never answered from the cache */
  admitted: (request: Request) => boolean;
  /**
   * Types no operation of this API changes (reference data: changed by migrations only). Their
   * entities are not tagged: fewer tags to check on every hit. A type that gains a mutation must
   * leave this list.
   */
  untaggedTypes?: string[];
  onLookup?: (outcome: 'hit' | 'miss' | 'skip') => void;
  /**
   * A query answered from the cache before execution (here or by the HTTP fast path), which the
   * execution metrics never see; `seconds` from the lookup's start.
   */
  onServedEarly?: (seconds: number) => void;
  onError?: (err: unknown) => void;
}

interface DocInfo {
  cacheable: boolean;
  private: boolean;
  /** selects a personal root field: scoped per subject */
  personal?: boolean;
}

/** Which scope a lookup outside Yoga uses, by the kind of document. */
export interface LookupScopes {
  scope: string;
  personal: string;
}

interface RequestState {
  key?: string;
  epoch?: string;
  hit?: StoredResponse;
  stored?: StoredResponse;
  cacheable?: boolean;
  private?: boolean;
  ttlMs?: number;
  invalidating?: Promise<unknown>;
  storing?: Promise<unknown>;
}

/** What a lookup outside Yoga (the HTTP fast path) found; handed to the plugin on a miss. */
export interface PriorLookup {
  key: string;
  epoch: string;
  entry: StoredResponse | null;
}

export interface ResponseCache {
  plugin: Plugin;
  /**
   * The stored answer for these GraphQL parameters and cache scope, or the miss (pass it to the
   * plugin through `priorLookups`, so Yoga does not look again); null when the document is not
   * known yet or not a cacheable query (let Yoga handle it).
   */
  lookup(params: { query?: unknown; operationName?: unknown; variables?: unknown }, scopes: LookupScopes): Promise<PriorLookup | null>;
  /** misses the fast path already looked up, by the node request object */
  priorLookups: WeakMap<object, PriorLookup>;
  /** the fast path reports a hit it answered (metrics) */
  servedEarly(seconds: number): void;
}

export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  const { store } = options;
  const priorLookups = new WeakMap<object, PriorLookup>();
  const states = new WeakMap<Request, RequestState>();
  const docs = new LRUCache<string, DocInfo>({ max: 2000 });
  const publicRoots = new Set(options.publicRootFields);
  const personalRoots = new Set(options.personalRootFields ?? []);
  const scopeFor = (info: DocInfo, request: Request) =>
    !info.private ? 'public' : info.personal && options.personalScopeOf ? options.personalScopeOf(request) : options.scopeOf(request);
  let schema: GraphQLSchema | undefined;

  const stateOf = (request: Request) => {
    let s = states.get(request);
    if (!s) {
      s = {};
      states.set(request, s);
    }
    return s;
  };

  const docKey = (query: string, operationName: string | null | undefined) => `${operationName ?? ''}\u0000${query}`;

  function analyze(document: DocumentNode, operationName: string | null | undefined): DocInfo {
    const op = getOperationAST(document, operationName);
    if (!op || op.operation !== 'query' || !schema) return { cacheable: false, private: false };
    // Public only if every root field (through fragments too) is public reference data.
    let isPrivate = false;
    let personal = false;
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const parent = typeInfo.getParentType();
          if (parent?.name === 'Query' && node.name.value !== '__typename' && !publicRoots.has(`Query.${node.name.value}`)) isPrivate = true;
          if (parent?.name === 'Query' && personalRoots.has(`Query.${node.name.value}`)) personal = true;
        },
      }),
    );
    return { cacheable: true, private: isPrivate, personal };
  }

  function keyOf(query: string, operationName: string | null | undefined, variables: unknown, scope: string): string {
    const digest = createHash('sha256')
      .update(operationName ?? '')
      .update('\u0000')
      .update(query)
      .update('\u0000')
      .update(stableStringify(variables ?? {}) ?? '')
      .digest('base64url');
    return `${options.schemaHash}:${scope}:${digest}`;
  }

  const untagged = new Set(options.untaggedTypes ?? []);
  const tagOf = (e: CacheEntityRecord) => (e.id == null || untagged.has(e.typename) ? null : `${e.typename}:${e.id}`);

  function servedFromStore(entry: StoredResponse) {
    // Stored bytes are sent as they are: no JSON round trip on a hit.
    return { data: null, stringify: () => entry.body };
  }

  const plugin: Plugin = {
    onSchemaChange({ schema: s }) {
      schema = s;
    },
    onPluginInit({ addPlugin }) {
      addPlugin(
        (useEnvelopResponseCache<Record<string, any>>)({
          session: (ctx) => (ctx.request ? options.scopeOf(ctx.request) : 'anon'),
          ttl: options.ttlMs,
          ttlPerSchemaCoordinate: options.ttlPerCoordinate,
          includeExtensionMetadata: false,
          buildResponseCacheKey: ({ documentString, variableValues, operationName, context }) => {
            const request = (context as { request: Request }).request;
            const state = stateOf(request);
            if (state.key) return state.key;
            const dk = docKey(documentString, operationName);
            let info = docs.get(dk);
            if (!info) {
              info = analyze(parse(documentString), operationName);
              docs.set(dk, info);
            }
            state.cacheable = info.cacheable;
            state.private = info.private;
            state.key = keyOf(documentString, operationName, variableValues, scopeFor(info, request));
            return state.key;
          },
          cache: (ctx: Record<string, any>) => {
            const request = ctx.request as Request;
            const state = stateOf(request);
            return {
              async get(key: string) {
                if (state.epoch !== undefined) return undefined; // looked up before parsing: a miss
                const found = await store.lookup(key);
                state.epoch = found.epoch;
                if (!found.entry || found.entry.expiresAt <= Date.now()) {
                  options.onLookup?.('miss');
                  return undefined;
                }
                options.onLookup?.('hit');
                state.hit = found.entry;
                return servedFromStore(found.entry) as any;
              },
              set(key: string, result: any, entities: Iterable<CacheEntityRecord>, ttl: number) {
                if (!state.cacheable || result.errors?.length || !result.data) return;
                const tags = new Set<string>(tagsOf(ctx));
                for (const e of entities) {
                  const t = tagOf(e);
                  if (t) tags.add(t);
                }
                const body = JSON.stringify({ data: result.data });
                const entry: StoredResponse = {
                  body,
                  etag: `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
                  expiresAt: Date.now() + ttl,
                  private: Boolean(state.private),
                };
                state.ttlMs = ttl;
                if (!result.extensions) result.stringify = () => body;
                // Cache headers only for what was stored: an answer the store refused (a tag was
                // invalidated while it was computed, or Redis is away) goes out as no-store.
                state.storing = store
                  .store(key, entry, tags, ttl, state.epoch ?? '')
                  .then((stored) => {
                    if (stored) state.stored = entry;
                  })
                  .catch((err) => options.onError?.(err));
                return state.storing as Promise<void>;
              },
              invalidate(entities: Iterable<CacheEntityRecord>) {
                const tags: string[] = [];
                for (const e of entities) {
                  const t = tagOf(e);
                  if (t) tags.push(t);
                }
                if (tags.length === 0) return;
                // Awaited in onResponse: the mutation's answer leaves after its invalidation.
                state.invalidating = store.invalidate(tags).catch((err) => options.onError?.(err));
                return state.invalidating as Promise<void>;
              },
            };
          },
        }) as unknown as Plugin,
      );
    },
    onParams({ params, request, setResult, context }) {
      const state = stateOf(request);
      const query = params.query;
      if (!query || !options.admitted(request)) return;
      const info = docs.get(docKey(query, params.operationName));
      if (!info) return; // first sight: the key is made after parsing
      state.cacheable = info.cacheable;
      state.private = info.private;
      if (!info.cacheable) {
        options.onLookup?.('skip');
        return;
      }
      const key = keyOf(query, params.operationName, params.variables, scopeFor(info, request));
      state.key = key;
      const nodeRequest = (context as { req?: object }).req;
      const prior = nodeRequest ? priorLookups.get(nodeRequest) : undefined;
      if (prior && prior.key === key && !prior.entry) {
        state.epoch = prior.epoch; // the fast path looked already: a miss (counted there)
        return;
      }
      const started = performance.now();
      return store.lookup(key).then(
        (found) => {
          state.epoch = found.epoch;
          if (found.entry && found.entry.expiresAt > Date.now()) {
            options.onLookup?.('hit');
            options.onServedEarly?.((performance.now() - started) / 1000);
            state.hit = found.entry;
            setResult(servedFromStore(found.entry) as any);
          } else {
            options.onLookup?.('miss');
          }
        },
        (err) => {
          options.onError?.(err);
          state.epoch = '';
        },
      );
    },
    async onResponse({ request, response, setResponse, fetchAPI }) {
      const state = states.get(request);
      if (!state) return;
      if (state.invalidating) await state.invalidating;
      if (state.storing) await state.storing;
      const headers = response.headers;
      if (!headers.get('content-type')?.includes('json')) return;
      const entry = state.hit ?? state.stored;
      if (!entry || response.status !== 200) {
        headers.set('cache-control', 'no-store');
        return;
      }
      const maxAge = Math.max(0, Math.floor((entry.expiresAt - Date.now()) / 1000));
      headers.set('cache-control', `${entry.private ? 'private' : 'public'}, max-age=${maxAge}`);
      headers.set('etag', entry.etag);
      // The content type follows Accept, the encoding Accept-Encoding, a private answer the caller.
      headers.append('vary', entry.private ? 'Accept, Accept-Encoding, Authorization' : 'Accept, Accept-Encoding');
      if (matches(request.headers.get('if-none-match'), entry.etag)) {
        setResponse(new fetchAPI.Response(null, { status: 304, headers: pick(headers, ['cache-control', 'etag', 'vary', 'x-request-id']) }));
      }
    },
  };

  return {
    plugin,
    priorLookups,
    servedEarly: (seconds) => options.onServedEarly?.(seconds),
    async lookup(params, scopes) {
      const { query, operationName } = params;
      if (typeof query !== 'string' || (operationName != null && typeof operationName !== 'string')) return null;
      const info = docs.get(docKey(query, operationName));
      if (!info?.cacheable) return null;
      const key = keyOf(query, operationName, params.variables, !info.private ? 'public' : info.personal ? scopes.personal : scopes.scope);
      try {
        const found = await store.lookup(key);
        const entry = found.entry && found.entry.expiresAt > Date.now() ? found.entry : null;
        options.onLookup?.(entry ? 'hit' : 'miss');
        return { key, epoch: found.epoch, entry };
      } catch (err) {
        options.onError?.(err);
        return null;
      }
    },
  };
}

/** If-None-Match with weak comparison (RFC 9110 13.1.2): `*` or any listed tag. */
export function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === opaque);
}

function pick(headers: Headers, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) {
    const v = headers.get(n);
    if (v != null) out[n] = v;
  }
  return out;
}
