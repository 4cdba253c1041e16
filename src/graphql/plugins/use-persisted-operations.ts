/**
 * Persisted operations: requests that name a document by its sha256 instead of sending it.
 *
 * - Trusted documents: `{"documentId": "sha256:<hex>"}` (POST body, or `?documentId=` on GET),
 *   resolved from the manifests of src/graphql/persisted/manifests.ts.
 * - Apollo's Automatic Persisted Queries: `extensions.persistedQuery.sha256Hash`. An unknown hash is
 *   PERSISTED_QUERY_NOT_FOUND; the client's retry with the query registers it once its sha256 is
 *   checked (mismatch: BAD_USER_INPUT) and its size is within `maxQueryBytes`. A hash found in a
 *   manifest is a hit too, so APQ clients and trusted-document clients share one mechanism.
 * - Persisted-only mode, globally or for the clients named by `apollographql-client-name`: a
 *   document that is not in a manifest (sent as text, registered through APQ or found in the APQ
 *   store) is PERSISTED_QUERY_ONLY. The text of a manifest document itself is accepted.
 *
 * The resolved text goes into `params.query` (onParams, before the response cache plugin, whose
 * early-hit path keys on it), so a GET by id is cached and answered with Cache-Control/ETag like the
 * same query sent as text. Manifest documents were parsed and validated when the manifest loaded:
 * onParse hands Yoga that AST and onValidate skips validation for it.
 *
 * graphql-ws does not run Yoga's onParams: websocket.ts calls resolvePersistedParams() with the
 * subscribe payload (graphql-ws requires a `query` string, so clients send `query: ""` with the
 * id). SSE goes through Yoga and needs nothing more.
 *
 * Why not @graphql-yoga/plugin-persisted-operations / plugin-apq: the first resolves an id to
 * either text (then nothing is pre-parsed) or an AST (then params.query becomes a placeholder that
 * defeats the response cache's key and ETag), skips validation for every persisted document
 * (APQ-registered ones included) and does not read `documentId` from GET; the second stores any
 * text unbounded under error codes outside our list. Neither serves graphql-ws, which needs the same
 * rules as a plain function anyway, so one resolver here serves HTTP, SSE and WebSocket alike.
 */
import { type DocumentNode, GraphQLError, specifiedRules, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { AppError } from '../../errors.ts';
import type { Metrics } from '../../observability/metrics.ts';
import type { ApqStore } from '../persisted/apq-store.ts';
import { type ManifestRegistry, type PersistedDocument, sha256Hex } from '../persisted/manifests.ts';
import { requestIdOf } from './use-request-id.ts';

export interface PersistedOperationsOptions {
  manifests: ManifestRegistry;
  /** APQ store; null turns APQ registration and lookups off (manifest ids still work) */
  apq: ApqStore | null;
  /** largest document APQ registers, in UTF-8 bytes */
  maxQueryBytes: number;
  /** every client persisted-only */
  persistedOnly: boolean;
  /** clients (apollographql-client-name) that are persisted-only */
  persistedOnlyClients: readonly string[];
  metrics?: Metrics;
  log: Logger;
}

/** What a request asks for, in Yoga's params shape plus the trusted-documents field. */
export interface PersistedParams {
  query?: unknown;
  documentId?: unknown;
  operationName?: string | null;
  variables?: unknown;
  extensions?: Record<string, unknown> | null;
}

export interface Resolved {
  query: string;
  /** `sha256:<hex>` when the request named a document */
  documentId: string | null;
  /** the manifest document when the text is one (pre-parsed, maybe pre-validated) */
  manifest: PersistedDocument | null;
}

type Outcome = 'hit' | 'miss' | 'registered' | 'rejected';

const HEX = /^[0-9a-fA-F]{64}$/;
const CLIENT = /^[A-Za-z0-9._:/@-]{1,64}$/;
const MAX_CLIENT_LABELS = 100;

export const CLIENT_NAME_HEADER = 'apollographql-client-name';

function coded(code: 'BAD_USER_INPUT' | 'PERSISTED_QUERY_NOT_FOUND' | 'PERSISTED_QUERY_ONLY', message: string, status: number, extra: Record<string, unknown> = {}) {
  return new AppError(code, message, { ...extra, http: { status } });
}

const notFound = () =>
  // The message is Apollo's: its persisted-queries link recognises it (and the code) and retries with the query.
  coded('PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotFound', 404);
const persistedOnly = () => coded('PERSISTED_QUERY_ONLY', 'Only persisted operations are accepted from this client: send a documentId from the manifest', 400);

/** The HTTP/SSE/WebSocket-independent part: params in, document text out, or a coded error thrown. */
export class PersistedOperations {
  readonly options: PersistedOperationsOptions;
  #onlyClients: ReadonlySet<string>;
  #clientLabels = new Set<string>();

  constructor(options: PersistedOperationsOptions) {
    this.options = options;
    this.#onlyClients = new Set(options.persistedOnlyClients);
  }

  isPersistedOnly(clientName: string | null): boolean {
    return this.options.persistedOnly || (clientName !== null && this.#onlyClients.has(clientName));
  }

  /**
   * Null when the request neither names a document nor has to (plain text, not persisted-only):
   * nothing to do. Returns synchronously unless the APQ store is consulted. Throws AppError.
   */
  resolve(params: PersistedParams, clientName: string | null, requestId?: string): Resolved | null | Promise<Resolved> {
    const only = this.isPersistedOnly(clientName);
    const pq = params.extensions?.persistedQuery;
    const query = typeof params.query === 'string' && params.query !== '' ? params.query : null;
    if (params.documentId == null && pq == null) {
      if (!only || query === null) return null;
      const manifest = this.options.manifests.byText(query);
      if (manifest) return { query, documentId: `sha256:${manifest.hash}`, manifest };
      this.#count(clientName, 'rejected', 'text', null, requestId, 'not a persisted document');
      throw persistedOnly();
    }
    const viaApq = pq != null;
    const hash = this.#hashOf(params, clientName, requestId);
    const documentId = `sha256:${hash}`;

    if (query !== null) {
      // A document sent with its hash: APQ registration (or a client sending both).
      const bytes = Buffer.byteLength(query, 'utf8');
      if (bytes > this.options.maxQueryBytes) {
        this.#count(clientName, 'rejected', 'apq', documentId, requestId, 'too large');
        throw coded('BAD_USER_INPUT', `Persisted query too large: ${bytes} bytes, at most ${this.options.maxQueryBytes}`, 413, { limit: this.options.maxQueryBytes });
      }
      if (sha256Hex(query) !== hash) {
        this.#count(clientName, 'rejected', 'apq', documentId, requestId, 'hash mismatch');
        throw coded('BAD_USER_INPUT', 'provided sha does not match query', 400);
      }
      const manifest = this.options.manifests.get(hash) ?? null;
      if (manifest) {
        this.#count(clientName, 'hit', 'manifest', documentId, requestId);
        return { query, documentId, manifest };
      }
      if (only) {
        this.#count(clientName, 'rejected', 'apq', documentId, requestId, 'persisted-only client');
        throw persistedOnly();
      }
      const store = this.options.apq;
      if (!store || !viaApq) return { query, documentId, manifest: null };
      return store.set(hash, query).then(() => {
        this.#count(clientName, 'registered', 'apq', documentId, requestId);
        return { query, documentId, manifest: null };
      });
    }

    const manifest = this.options.manifests.get(hash);
    if (manifest) {
      this.#count(clientName, 'hit', 'manifest', documentId, requestId);
      return { query: manifest.text, documentId, manifest };
    }
    const store = this.options.apq;
    if (only || !store) {
      this.#count(clientName, 'miss', only ? 'manifest' : 'apq', documentId, requestId);
      throw notFound();
    }
    return store.get(hash).then((text) => {
      if (text === undefined) {
        this.#count(clientName, 'miss', 'apq', documentId, requestId);
        throw notFound();
      }
      this.#count(clientName, 'hit', 'apq', documentId, requestId);
      return { query: text, documentId, manifest: this.options.manifests.byText(text) ?? null };
    });
  }

  #hashOf(params: PersistedParams, clientName: string | null, requestId?: string): string {
    let fromId: string | null = null;
    if (params.documentId != null) {
      const id = params.documentId;
      const hex = typeof id === 'string' ? (id.startsWith('sha256:') ? id.slice(7) : id) : '';
      if (!HEX.test(hex)) {
        this.#count(clientName, 'rejected', 'manifest', null, requestId, 'malformed documentId');
        throw coded('BAD_USER_INPUT', 'documentId must be "sha256:" followed by 64 hex digits', 400);
      }
      fromId = hex.toLowerCase();
    }
    const pq = params.extensions?.persistedQuery;
    if (pq != null) {
      const p = pq as { version?: unknown; sha256Hash?: unknown };
      if (typeof pq !== 'object' || p.version !== 1 || typeof p.sha256Hash !== 'string' || !HEX.test(p.sha256Hash)) {
        this.#count(clientName, 'rejected', 'apq', null, requestId, 'malformed persistedQuery');
        throw coded('BAD_USER_INPUT', 'extensions.persistedQuery must be { version: 1, sha256Hash: <64 hex digits> }', 400);
      }
      const hex = p.sha256Hash.toLowerCase();
      if (fromId !== null && fromId !== hex) throw coded('BAD_USER_INPUT', 'documentId and extensions.persistedQuery.sha256Hash differ', 400);
      return hex;
    }
    return fromId!;
  }

  /** Metrics per client (label values bounded) and a log line naming the document, never the variables. */
  #count(clientName: string | null, outcome: Outcome, source: string, documentId: string | null, requestId: string | undefined, reason?: string) {
    this.options.metrics?.persisted.inc({ client: this.#label(clientName), outcome, source });
    const level = outcome === 'hit' || outcome === 'miss' ? 'debug' : 'info';
    if (this.options.log.isLevelEnabled(level)) {
      this.options.log[level]({ requestId, documentId, client: clientName ?? undefined, outcome, source, reason }, 'persisted operation');
    }
  }

  #label(clientName: string | null): string {
    if (clientName === null) return 'unknown';
    if (!CLIENT.test(clientName)) return 'invalid';
    if (this.#clientLabels.has(clientName)) return clientName;
    if (this.#clientLabels.size >= MAX_CLIENT_LABELS) return 'other';
    this.#clientLabels.add(clientName);
    return clientName;
  }
}

/** marks the plugin object, so resolvePersistedParams finds it among the app's plugins */
const SELF = Symbol('persisted-operations');
const byApp = new WeakMap<object, PersistedOperations | null>();

/** This plugin's resolver in a Yoga app (the server adapter createYoga returns exposes the server's plugin list). */
export function persistedOf(app: object): PersistedOperations | null {
  let self = byApp.get(app);
  if (self === undefined) {
    const plugins = (app as { plugins?: unknown }).plugins;
    const found = Array.isArray(plugins) ? plugins.find((p) => p && typeof p === 'object' && SELF in p) : undefined;
    self = found ? ((found as Record<symbol, PersistedOperations>)[SELF] ?? null) : null;
    byApp.set(app, self);
  }
  return self;
}

function clientNameOf(headers: Headers): string | null {
  return headers.get(CLIENT_NAME_HEADER);
}

/**
 * For graphql-ws (which does not run Yoga's onParams): the subscribe payload
 * `{ query: "", documentId | extensions.persistedQuery, ... }` -> `{ query }` to parse, or a coded
 * GraphQLError to send back. A payload that names no document comes back with its own query
 * (persisted-only rules applied). Apps without this plugin get the payload's query unchanged.
 */
export async function resolvePersistedParams(
  app: object,
  payload: PersistedParams,
  headers: Headers,
  requestId?: string,
): Promise<{ query: string; documentId: string | null } | GraphQLError> {
  const self = persistedOf(app);
  const query = typeof payload.query === 'string' ? payload.query : '';
  if (!self) return { query, documentId: null };
  try {
    const resolved = await self.resolve(payload, clientNameOf(headers), requestId);
    return resolved ? { query: resolved.query, documentId: resolved.documentId } : { query, documentId: null };
  } catch (err) {
    // The HTTP status means nothing on a socket.
    if (err instanceof GraphQLError) {
      const { http: _, ...extensions } = err.extensions;
      return new GraphQLError(err.message, { extensions });
    }
    throw err;
  }
}

/** Extensions without persistedQuery (it has been acted on). */
function restOf(extensions: Record<string, unknown> | null | undefined) {
  if (!extensions || !('persistedQuery' in extensions)) return extensions ?? undefined;
  const { persistedQuery: _, ...rest } = extensions;
  return Object.keys(rest).length ? rest : undefined;
}

export function usePersistedOperations(options: PersistedOperationsOptions): Plugin & { [SELF]: PersistedOperations } {
  const self = new PersistedOperations(options);
  const { manifests } = options;
  /** request -> document id, for the request's log lines */
  const ids = new WeakMap<Request, string>();
  /** requests refused here (the response cache plugin never saw them) */
  const refused = new WeakSet<Request>();
  const specified = new Set(specifiedRules);
  const tagLog = (contextValue: unknown) => {
    const ctx = contextValue as { request?: Request; log?: Logger } | undefined;
    const id = ctx?.request && ids.get(ctx.request);
    if (id && ctx.log) ctx.log = ctx.log.child({ documentId: id });
  };

  return {
    [SELF]: self,
    onParams({ params, request, setParams }) {
      let p = params as PersistedParams;
      if (request.method === 'GET' && p.query == null) {
        // Yoga's GET parser keeps query, operationName, variables and extensions only.
        const documentId = new URL(request.url).searchParams.get('documentId');
        if (documentId) p = { ...p, documentId };
      }
      const apply = (r: Resolved | null) => {
        if (!r) return;
        if (r.documentId) ids.set(request, r.documentId);
        setParams({ query: r.query, operationName: p.operationName ?? undefined, variables: p.variables as Record<string, unknown> | undefined, extensions: restOf(p.extensions) });
      };
      const refuse = (err: unknown): never => {
        refused.add(request);
        throw err;
      };
      let r: ReturnType<typeof self.resolve>;
      try {
        r = self.resolve(p, clientNameOf(request.headers), requestIdOf(request));
      } catch (err) {
        return refuse(err);
      }
      if (r instanceof Promise) return r.then(apply, refuse);
      apply(r);
    },
    onResponse({ request, response }) {
      // A CDN must not keep a miss: the APQ client registers the query and asks again by the same URL.
      if (refused.has(request) && !response.headers.has('cache-control')) response.headers.set('cache-control', 'no-store');
    },
    onParse({ params, setParsedDocument }) {
      if (typeof params.source !== 'string') return;
      const document = manifests.byText(params.source)?.document;
      if (document) setParsedDocument(document);
    },
    onValidate({ params, setResult }) {
      const document = params.documentAST as DocumentNode;
      if (params.schema !== manifests.schema || !manifests.validated.has(document)) return;
      // Validated at load with the specified rules; rules a plugin added still run.
      const rules = params.rules as readonly ValidationRule[] | undefined;
      const extra = rules?.filter((rule) => !specified.has(rule)) ?? [];
      if (extra.length === 0) setResult([]);
    },
    onExecute({ args }) {
      tagLog(args.contextValue);
    },
    onSubscribe({ args }) {
      tagLog(args.contextValue);
    },
  };
}
