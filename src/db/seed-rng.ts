/**
 * Randomness of the synthetic seed: a seeded PRNG, the mixing of a seed with an index into an
 * independent stream, and choice by cumulative weights. Same seed, same sequence, on any machine.
 */

/** mulberry32: 32-bit state, fast, good enough for synthetic data; `reset` re-seeds in place. */
export class Rng {
  s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  reset(seed: number): this {
    this.s = seed >>> 0;
    return this;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** integer in [0, n) */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** integer in [lo, hi] */
  range(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(arr: readonly T[]): T {
    return arr[Math.floor(this.next() * arr.length)] as T;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(48 + this.int(10));
    return s;
  }
}

/** Mixes a seed and an index into an independent 32-bit seed (murmur3 finaliser). */
export function mix(seed: number, i: number): number {
  let h = (seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Weights -> cumulative probabilities; the last is exactly 1. */
export function cumulative(weights: number[]): Float64Array {
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = new Float64Array(weights.length);
  let acc = 0;
  weights.forEach((w, i) => {
    acc += w / sum;
    out[i] = acc;
  });
  out[weights.length - 1] = 1;
  return out;
}

/** The index whose cumulative probability first exceeds x (x in [0, 1)). */
export function pickCumulative(cum: Float64Array, x: number): number {
  let i = 0;
  while (i < cum.length - 1 && x >= (cum[i] as number)) i++;
  return i;
}
