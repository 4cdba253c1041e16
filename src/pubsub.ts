/**
 * Event fan-out for subscriptions. In-process by default; with REDIS_URL the same events travel
 * over Redis pub/sub, so a job run by a worker process reaches subscribers on every gateway.
 */
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub } from 'graphql-yoga';
import { Redis } from 'ioredis';

/** A stage event as published: the row of generation_event plus the FIR id on terminal events. */
export interface GenerationEventPayload {
  job_id: number;
  seq: number;
  at: string;
  status: string;
  stage: string;
  progress: number;
  message: string | null;
  fir_id: number | null;
}

export interface FirUpdatedPayload {
  firId: number;
  stationId: number;
}

export type Topics = {
  'generation:progress': [jobId: number, event: GenerationEventPayload];
  'fir:updated': [stationId: number, event: FirUpdatedPayload];
};

export type AppPubSub = ReturnType<typeof createPubSub<Topics>>;

export interface PubSubHandle {
  pubsub: AppPubSub;
  close(): Promise<void>;
}

/**
 * Redis pub/sub channels are global to the server (the db number does not separate them), so
 * every channel is prefixed with a namespace: deployments or test runs sharing one Redis never
 * receive each other's events.
 */
function namespaced(inner: ReturnType<typeof createPubSub<any>>, namespace: string): AppPubSub {
  return {
    publish: (topic: string, id: unknown, payload: unknown) => inner.publish(`${namespace}:${topic}`, id, payload),
    subscribe: (topic: string, id: unknown) => inner.subscribe(`${namespace}:${topic}`, id),
  } as unknown as AppPubSub;
}

export function createAppPubSub(redisUrl?: string, namespace = 'afirgen'): PubSubHandle {
  if (!redisUrl) return { pubsub: createPubSub<Topics>(), close: async () => {} };
  // Subscriber and publisher need separate connections (a subscribed Redis connection can only
  // subscribe). Both reconnect by themselves and re-subscribe after Redis comes back.
  const options = { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false };
  const publishClient = new Redis(redisUrl, options);
  const subscribeClient = new Redis(redisUrl, options);
  // Errors are surfaced through reconnection; an unhandled 'error' event would crash the process.
  publishClient.on('error', () => {});
  subscribeClient.on('error', () => {});
  // The event target fires publish/subscribe/unsubscribe without awaiting them: with Redis away,
  // their rejections (MaxRetriesPerRequestError) would be unhandled and end the process. Events
  // lost meanwhile are made good by the subscribers' database re-reads (generationProgress).
  swallowRejections(publishClient, ['publish']);
  swallowRejections(subscribeClient, ['subscribe', 'unsubscribe']);
  const eventTarget = createRedisEventTarget<any>({ publishClient, subscribeClient });
  return {
    pubsub: namespaced(createPubSub<any>({ eventTarget }), namespace),
    close: async () => {
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}

function swallowRejections(client: Redis, methods: Array<'publish' | 'subscribe' | 'unsubscribe'>): void {
  for (const m of methods) {
    const original = (client[m] as (...a: unknown[]) => Promise<unknown>).bind(client);
    (client as unknown as Record<string, unknown>)[m] = (...args: unknown[]) => {
      const p = original(...args);
      p.catch(() => {});
      return p;
    };
  }
}
