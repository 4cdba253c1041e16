/**
 * graphql-ws on the same port and path as /graphql. Operations run through Yoga's envelop
 * (same plugins, context and error handling as HTTP). Keep-alive pings detect dead peers; each
 * connection may hold at most `maxSubscriptions` operations at once.
 */
import type { Server } from 'node:http';
import { GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Socket } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Logger } from 'pino';
import type { App } from '../app.ts';
import { normalise } from './plugins/use-error-codes.ts';
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

export function attachWebSocket(server: Server, app: App, options: WebSocketOptions) {
  // perMessageDeflate stays off (the default): a zlib context per socket costs far more memory
  // than small progress messages save.
  const wss = new WebSocketServer({ server, path: app.graphqlEndpoint, perMessageDeflate: false, maxPayload: 1024 * 1024 });
  wss.on('connection', coalesceWrites);
  const active = new WeakMap<object, Map<string, string>>();
  // Errors leave with a code and the operation's request id, as over HTTP and SSE.
  const coded = (errors: readonly GraphQLError[], requestId: string) =>
    normalise({ errors }, requestId, options.log).errors as GraphQLError[];
  const disposable = useServer(
    {
      execute: (args: any) => args.rootValue.execute(args),
      subscribe: (args: any) => args.rootValue.subscribe(args),
      onConnect: (ctx) => {
        active.set(ctx.extra.socket, new Map());
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
        const { schema, execute, subscribe, contextFactory, parse, validate } = app.getEnveloped({ ...ctx, request, params: payload });
        let document;
        try {
          document = parse(payload.query);
        } catch (err) {
          return coded([err instanceof GraphQLError ? err : new GraphQLError('Invalid query')], requestId);
        }
        const errors = validate(schema, document);
        if (errors.length) return coded(errors, requestId);
        ids.set(id, requestId);
        return {
          schema,
          operationName: payload.operationName,
          document,
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
      },
      onNext: (ctx, id, _payload, _args, result) => {
        const requestId = active.get(ctx.extra.socket)?.get(id);
        return result.errors?.length && requestId ? normalise(result, requestId, options.log) : undefined;
      },
      onComplete: (ctx, id) => void active.get(ctx.extra.socket)?.delete(id),
      onError: (ctx, id) => void active.get(ctx.extra.socket)?.delete(id),
    },
    wss,
    options.keepAliveMs,
  );
  return {
    wss,
    async close() {
      for (const client of wss.clients) client.close(1001, 'Server shutting down');
      await disposable.dispose();
    },
  };
}
