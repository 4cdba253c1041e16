/**
 * What admission (src/graphql/admission.ts) learnt about a request before Yoga builds its context:
 * the viewer, the estimated cost, and the rate-limit headers to send. Keyed by the Fetch Request
 * (HTTP, SSE) or by the Request made for a graphql-ws operation.
 */
import { ANONYMOUS, type Viewer } from '../auth/viewer.ts';
import type { Verdict } from './admission.ts';

export interface RequestState {
  viewer: Viewer;
  cost: number;
  /** RateLimit-Policy / RateLimit headers for the response */
  rateHeaders: Record<string, string> | null;
  admitted: boolean;
}

const states = new WeakMap<object, RequestState>();

export function requestState(request: object): RequestState {
  let s = states.get(request);
  if (!s) {
    s = { viewer: ANONYMOUS, cost: 0, rateHeaders: null, admitted: false };
    states.set(request, s);
  }
  return s;
}

/**
 * Verdicts the HTTP fast path already reached for a node request it then handed to Yoga (a miss,
 * or a refusal for Yoga to answer): Yoga's admission takes it instead of admitting twice, so a
 * request spends its cost once.
 */
export const priorVerdicts = new WeakMap<object, Verdict>();
