/**
 * graphql-yoga's in-memory pub/sub over an EventTarget that counts its listeners, so a test can
 * wait until a subscriber really listens instead of hoping it does after a pause.
 */
import { createPubSub } from 'graphql-yoga';
import type { AppPubSub, Topics } from '../../src/pubsub.ts';

export function countingPubSub(): { pubsub: AppPubSub; listeners(topic: string): number } {
  const counts = new Map<string, number>();
  const target = new EventTarget();
  const add = target.addEventListener.bind(target);
  const remove = target.removeEventListener.bind(target);
  target.addEventListener = (type, listener, options) => {
    counts.set(type, (counts.get(type) ?? 0) + 1);
    add(type, listener, options);
  };
  target.removeEventListener = (type, listener, options) => {
    counts.set(type, (counts.get(type) ?? 1) - 1);
    remove(type, listener, options);
  };
  return {
    pubsub: createPubSub<Topics>({ eventTarget: target as any }),
    /** listeners of a topic as graphql-yoga names it: `<routing key>:<id>` */
    listeners: (topic) => counts.get(topic) ?? 0,
  };
}
