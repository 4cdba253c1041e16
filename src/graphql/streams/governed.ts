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
      // An idle stream ends at expiry too, not only at its next event.
      const r = await untilExpiry(it.next(), ctx.viewer.expiresAt);
      if (r === EXPIRED || (ctx.viewer.expiresAt != null && ctx.viewer.expiresAt <= Date.now())) {
        return stop(new AppError('UNAUTHENTICATED', 'The token has expired', { http: { status: 401 } }));
      }
      if (r.done) return r;
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

const EXPIRED = Symbol('expired');

/** `next` unless the token expires first (setTimeout's ~24.8-day limit: a later expiry is left to the per-event check). */
function untilExpiry<T>(next: Promise<IteratorResult<T>>, expiresAt: number | null): Promise<IteratorResult<T> | typeof EXPIRED> {
  if (expiresAt == null) return next;
  const ms = expiresAt - Date.now();
  if (ms > 2 ** 31 - 1) return next;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<typeof EXPIRED>((resolve) => {
    timer = setTimeout(() => resolve(EXPIRED), Math.max(0, ms));
    timer.unref();
  });
  return Promise.race([next, expired]).finally(() => clearTimeout(timer));
}
