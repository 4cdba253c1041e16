/**
 * A subscription's events, governed by the rules every HTTP request meets: each event delivered
 * spends the operation's estimated cost from the viewer's rate-limit budget, and the stream ends
 * with UNAUTHENTICATED once the viewer's token expires (over graphql-ws the socket is also closed
 * with 4403 at that moment; see websocket.ts). Over budget, it ends with RATE_LIMITED.
 */
import type { GraphQLError } from 'graphql';
import { AppError } from '../../errors.ts';
import type { Context } from '../context.ts';

export function governed<T>(ctx: Pick<Context, 'viewer' | 'spendEvent'>, source: AsyncIterable<T> | AsyncIterator<T>): AsyncIterableIterator<T> {
  const it: AsyncIterator<T> = Symbol.asyncIterator in source ? (source as AsyncIterable<T>)[Symbol.asyncIterator]() : (source as AsyncIterator<T>);
  const stop = async (error: GraphQLError): Promise<never> => {
    await it.return?.();
    throw error;
  };
  const iterator: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => iterator,
    async next() {
      const r = await it.next();
      if (r.done) return r;
      if (ctx.viewer.expiresAt != null && ctx.viewer.expiresAt <= Date.now()) {
        return stop(new AppError('UNAUTHENTICATED', 'The token has expired', { http: { status: 401 } }));
      }
      const refused = await ctx.spendEvent();
      if (refused) return stop(refused);
      return r;
    },
    return: async (value?: unknown) => {
      await it.return?.(value as never);
      return { value: undefined as never, done: true };
    },
    throw: async (err?: unknown) => {
      if (it.throw) return it.throw(err);
      throw err;
    },
  };
  return iterator;
}
