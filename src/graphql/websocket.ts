/**
 * graphql-ws on the same port and path as /graphql. Operations run through Yoga's envelop
 * (same plugins, context and error handling as HTTP). Keep-alive pings detect dead peers; each
 * connection may hold at most `maxSubscriptions` operations at once.
 */
import type { Server } from 'node:http';
import {
  createSourceEventStream,
  type DocumentNode,
  execute as executeGraphql,
  type ExecutionArgs,
  type ExecutionResult,
  getOperationAST,
  GraphQLError,
  Kind,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Socket } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Logger } from 'pino';
import { admissionOf, type App } from '../app.ts';
import { scopeKey, type Viewer } from '../auth/viewer.ts';
import { requestState } from './request-state.ts';
import { maskError, normalise } from './plugins/use-error-codes.ts';
import { resolvePersistedParams } from './plugins/use-persisted-operations.ts';
import { requestIdOf } from './plugins/use-request-id.ts';

export interface WebSocketOptions {
  maxSubscriptions: number;
  keepAliveMs: number;
  log: Logger;
}

/**
 * Messages sent to one socket within one turn of the event loop leave in one write: an event
 * fanned out to many subscriptions of one connection costs one syscall there, not one per
 * subscription. (ws corks each frame itself; the outer cork holds them until the turn ends.)
 */
function coalesceWrites(socket: WebSocket) {
  const tcp = (socket as unknown as { _socket?: Socket })._socket;
  if (!tcp || typeof tcp.cork !== 'function') return;
  const send = socket.send;
  let corked = false;
  const uncork = () => {
    corked = false;
    tcp.uncork();
  };
  socket.send = function (this: WebSocket, ...args: Parameters<WebSocket['send']>) {
    if (!corked && !tcp.destroyed) {
      corked = true;
      tcp.cork();
      process.nextTick(uncork);
    }
    return send.apply(this, args);
  } as WebSocket['send'];
}

/** Subscription root fields whose events are executed once per process, not once per subscriber. */
const SHARED_FIELDS = new Set(['generationProgress']);
/** source event -> (operation key -> its result): one execution serves every identical subscription */
const eventResults = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();
const documentIds = new WeakMap<DocumentNode, number>();
let lastDocumentId = 0;

/**
 * Subscriptions of a shared field with the same document (Yoga's parser cache hands out one AST
 * per query text), operation, variables and viewer get the same result for the same source event
 * (the job feed hands every subscriber the same event object). Null: execute per subscriber.
 */
function sharedKey(args: ExecutionArgs): string | null {
  const op = getOperationAST(args.document, args.operationName);
  if (op?.operation !== 'subscription' || op.selectionSet.selections.length !== 1) return null;
  const field = op.selectionSet.selections[0]!;
  if (field.kind !== Kind.FIELD || !SHARED_FIELDS.has(field.name.value)) return null;
  let id = documentIds.get(args.document);
  if (id === undefined) documentIds.set(args.document, (id = ++lastDocumentId));
  // Viewers of one scope see the same data (src/auth/viewer.ts scopeKey); others get their own.
  const viewer = (args.contextValue as { viewer?: Viewer } | undefined)?.viewer;
  return `${id}\n${args.operationName ?? ''}\n${JSON.stringify(args.variableValues ?? {})}\n${viewer ? scopeKey(viewer) : ''}`;
}

/**
 * graphql-js subscribe, except that each source event is executed once per key (see sharedKey)
 * and the result handed to every such subscription: with 1,000 subscribers of one job an event
 * costs one execution, not 1,000. Errors are masked as Yoga masks them. Envelop's parse, validate
 * and context hooks still run per operation (onSubscribe above); envelop onSubscribe/onExecute
 * plugin hooks do not run for these fields -- a plugin that must see every subscription event
 * (authorization per viewer, say) has to be added here, or the field taken out of SHARED_FIELDS.
 */
async function subscribeShared(args: ExecutionArgs, key: string): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const base: ExecutionArgs = { ...args, rootValue: undefined };
  const mask = maskError();
  // graphql-js builds results from null-prototype objects, which JSON.stringify (run once per
  // subscriber by graphql-ws) handles on its slow path; an error-free shared result is turned
  // into plain objects once.
  const masked = (r: ExecutionResult): ExecutionResult =>
    r.errors?.length ? { ...r, errors: r.errors.map((e) => mask(e) as GraphQLError) } : { ...r, data: JSON.parse(JSON.stringify(r.data)) };
  const source = await createSourceEventStream(base);
  if (!(Symbol.asyncIterator in source)) return masked(source as ExecutionResult);
  const events = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  const run = (event: unknown): Promise<ExecutionResult> => {
    if (typeof event !== 'object' || event === null) return Promise.resolve(executeGraphql({ ...base, rootValue: event })).then(masked);
    let byKey = eventResults.get(event);
    if (!byKey) eventResults.set(event, (byKey = new Map()));
    let result = byKey.get(key);
    if (!result) {
      result = Promise.resolve(executeGraphql({ ...base, rootValue: event })).then(masked);
      byKey.set(key, result);
    }
    return result;
  };
  const done = (): Promise<IteratorResult<ExecutionResult>> => Promise.resolve({ value: undefined, done: true });
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    [Symbol.asyncIterator]: () => iterator,
    next: () => events.next().then((r) => (r.done ? { value: undefined, done: true as const } : run(r.value).then((value) => ({ value, done: false as const })))),
    return: () => (events.return ? events.return().then(() => ({ value: undefined, done: true as const })) : done()),
    throw: (err?: unknown) => (events.throw ? events.throw(err).then(() => ({ value: undefined, done: true as const })) : Promise.reject(err)),
  };
  return iterator;
}

export function attachWebSocket(server: Server, app: App, options: WebSocketOptions) {
  // perMessageDeflate stays off (the default): a zlib context per socket costs far more memory
  // than small progress messages save.
  const wss = new WebSocketServer({ server, path: app.graphqlEndpoint, perMessageDeflate: false, maxPayload: 1024 * 1024 });
  wss.on('connection', coalesceWrites);
  const active = new WeakMap<object, Map<string, string>>();
  const admission = admissionOf(app);
  /** socket -> its viewer (from connection_init) and the timer that closes it when the token expires */
  const viewers = new WeakMap<object, { viewer: Viewer; expiry: NodeJS.Timeout | null }>();
  // Errors leave with a code and the operation's request id, as over HTTP and SSE.
  const coded = (errors: readonly GraphQLError[], requestId: string) =>
    normalise({ errors }, requestId, options.log).errors as GraphQLError[];
  const disposable = useServer(
    {
      execute: (args: any) => args.rootValue.execute(args),
      subscribe: (args: any) => {
        const key = sharedKey(args);
        return key === null ? args.rootValue.subscribe(args) : subscribeShared(args, key);
      },
      // The token comes in connection_init's payload ({ authorization: 'Bearer …' }); a refused
      // connection is closed with 4403 (graphql-ws's Forbidden), and so is one whose token expires.
      onConnect: async (ctx) => {
        const authorization = (ctx.connectionParams as { authorization?: unknown } | undefined)?.authorization;
        // Anything but a string (a number, an object) is a malformed credential, not "no token".
        if (authorization != null && typeof authorization !== 'string') return false;
        const who = await admission.authenticate(authorization ?? null);
        if (!who.ok) return false;
        const socket = ctx.extra.socket;
        let expiry: NodeJS.Timeout | null = null;
        if (who.viewer.expiresAt != null) {
          // setTimeout's limit is ~24.8 days; a longer-lived token is re-checked then.
          const ms = Math.min(Math.max(0, who.viewer.expiresAt - Date.now()), 2 ** 31 - 1);
          expiry = setTimeout(() => socket.close(4403, 'Forbidden: the token has expired'), ms);
          expiry.unref();
          socket.once('close', () => clearTimeout(expiry!));
        }
        viewers.set(socket, { viewer: who.viewer, expiry });
        active.set(socket, new Map());
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        const ids = active.get(ctx.extra.socket)!;
        // The upgrade request stands in for the HTTP request: same headers (auth). Each operation
        // gets a request id of its own.
        const headers = new Headers();
        for (const [k, v] of Object.entries(ctx.extra.request.headers)) if (typeof v === 'string' && k !== 'x-request-id') headers.set(k, v);
        const request = new Request(`http://localhost${app.graphqlEndpoint}`, { headers });
        const requestId = requestIdOf(request);
        if (ids.size >= options.maxSubscriptions) {
          return coded(
            [new GraphQLError(`At most ${options.maxSubscriptions} operations may run at once on one connection`, { extensions: { code: 'RATE_LIMITED' } })],
            requestId,
          );
        }
        // The slot is taken before the first await: subscribe messages arriving in one burst are
        // counted as they come, not after each has resolved its document.
        ids.set(id, requestId);
        const refuse = (errors: readonly GraphQLError[]) => {
          ids.delete(id);
          return coded(errors, requestId);
        };
        try {
          // Trusted documents and APQ ids work here as over HTTP (graphql-ws needs a `query` string:
          // clients send "" with the id).
          const persisted = await resolvePersistedParams(app, payload, headers, requestId);
          if (persisted instanceof GraphQLError) return refuse([persisted]);
          const params = { ...payload, query: persisted.query };
          // The connection's viewer, then limits and the rate limit as over HTTP.
          const viewer = viewers.get(ctx.extra.socket)?.viewer;
          if (!viewer) return refuse([new GraphQLError('Not authenticated', { extensions: { code: 'UNAUTHENTICATED' } })]);
          const clientIp = ctx.extra.request.socket.remoteAddress ?? null;
          const verdict = await admission.admitOperation(viewer, clientIp, params);
          if (!verdict.ok) return refuse([verdict.error]);
          Object.assign(requestState(request), { viewer, cost: verdict.cost, admitted: true });
          const { schema, execute, subscribe, contextFactory, parse, validate } = app.getEnveloped({ ...ctx, request, params, clientIp });
          let document;
          try {
            document = parse(params.query);
          } catch (err) {
            return refuse([err instanceof GraphQLError ? err : new GraphQLError('Invalid query')]);
          }
          const errors = validate(schema, document);
          if (errors.length) return refuse(errors);
          return {
            schema,
            operationName: payload.operationName,
            document,
            variableValues: payload.variables,
            contextValue: await contextFactory(),
            rootValue: { execute, subscribe },
          };
        } catch (err) {
          ids.delete(id);
          throw err;
        }
      },
      onNext: (ctx, id, _payload, _args, result) => {
        if (!result.errors?.length) return undefined;
        const requestId = active.get(ctx.extra.socket)?.get(id);
        return requestId ? normalise(result, requestId, options.log) : undefined;
      },
      onComplete: (ctx, id) => void active.get(ctx.extra.socket)?.delete(id),
      onError: (ctx, id) => void active.get(ctx.extra.socket)?.delete(id),
    },
    wss,
    options.keepAliveMs,
  );
  return {
    wss,
    /**
     * Shutdown: every socket gets close code 1001 (going away); a peer that has not answered the
     * close handshake within `graceMs` is terminated, so a dead client cannot hold the process.
     */
    async close(graceMs = 2_000) {
      const clients = [...wss.clients];
      for (const client of clients) client.close(1001, 'Server shutting down');
      const closed = Promise.all(clients.map((c) => (c.readyState === c.CLOSED ? null : new Promise((resolve) => c.once('close', resolve)))));
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([closed, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
      for (const client of wss.clients) client.terminate();
      await disposable.dispose();
    },
  };
}
