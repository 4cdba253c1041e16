/**
 * graphql-ws on the same port and path as /graphql. Operations run through Yoga's envelop
 * (same plugins, context and error handling as HTTP). Keep-alive pings detect dead peers; each
 * connection may hold at most `maxSubscriptions` operations at once.
 */
import type { Server } from 'node:http';
import { GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { App } from '../app.ts';

export interface WebSocketOptions {
  maxSubscriptions: number;
  keepAliveMs: number;
}

export function attachWebSocket(server: Server, app: App, options: WebSocketOptions) {
  const wss = new WebSocketServer({ server, path: app.graphqlEndpoint });
  const active = new WeakMap<object, Set<string>>();
  const disposable = useServer(
    {
      execute: (args: any) => args.rootValue.execute(args),
      subscribe: (args: any) => args.rootValue.subscribe(args),
      onConnect: (ctx) => {
        active.set(ctx.extra.socket, new Set());
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        const ids = active.get(ctx.extra.socket)!;
        if (ids.size >= options.maxSubscriptions) {
          return [
            new GraphQLError(`At most ${options.maxSubscriptions} operations may run at once on one connection`, {
              extensions: { code: 'RATE_LIMITED' },
            }),
          ];
        }
        // The upgrade request stands in for the HTTP request: same headers (auth, request id).
        const headers = new Headers();
        for (const [k, v] of Object.entries(ctx.extra.request.headers)) if (typeof v === 'string') headers.set(k, v);
        const request = new Request(`http://localhost${app.graphqlEndpoint}`, { headers });
        const { schema, execute, subscribe, contextFactory, parse, validate } = app.getEnveloped({ ...ctx, request, params: payload });
        let document;
        try {
          document = parse(payload.query);
        } catch (err) {
          return [err instanceof GraphQLError ? withCode(err) : new GraphQLError('Invalid query', { extensions: { code: 'BAD_USER_INPUT' } })];
        }
        const errors = validate(schema, document);
        if (errors.length) return errors.map(withCode);
        ids.add(id);
        return {
          schema,
          operationName: payload.operationName,
          document,
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
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

function withCode(err: GraphQLError): GraphQLError {
  return new GraphQLError(err.message, { nodes: err.nodes, source: err.source, positions: err.positions, extensions: { ...err.extensions, code: 'BAD_USER_INPUT' } });
}
