/**
 * The language packs, and their words compiled into patterns once. English and Hindi have
 * hand-built extractors of their own (people.ts, dates.ts, places.ts); every other language is read
 * by the pack-driven extractors in generic.ts. Pack strings go through the same normalisation as
 * complaint text (`normaliseWithMap`), so the two always compare alike.
 */
import { normaliseWithMap } from '../text.ts';
import { PACK as bn } from './bn.ts';
import { PACK as gu } from './gu.ts';
import { PACK as hi } from './hi.ts';
import { PACK as hiLatn } from './hi-Latn.ts';
import { PACK as kn } from './kn.ts';
import { PACK as ml } from './ml.ts';
import { PACK as mr } from './mr.ts';
import { PACK as pa } from './pa.ts';
import { PACK as ta } from './ta.ts';
import { PACK as te } from './te.ts';
import type { Cue, LanguagePack } from './types.ts';

export type { Cue, LanguagePack } from './types.ts';

export const PACKS: Readonly<Record<string, LanguagePack>> = { bn, gu, hi, 'hi-Latn': hiLatn, kn, ml, mr, pa, ta, te };

export function packFor(language: string | null | undefined): LanguagePack | undefined {
  return language ? PACKS[language] : undefined;
}

/** A pack string as complaint text is normalised; lower-case for Latin script. */
export function norm(s: string): string {
  return normaliseWithMap(s).text.toLowerCase().trim();
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** An alternation of the strings, longest first (so a longer phrase wins over its prefix). */
export function alternation(words: Iterable<string>): string {
  const list = [...new Set([...words].map(norm).filter((w) => w.length > 0))].sort((a, b) => b.length - a.length);
  return list.map(escape).join('|');
}

export interface PackCues {
  cues: Partial<Record<Cue, RegExp>>;
  negations: RegExp | null;
}

const WORD_START = '(?<![\\p{L}\\p{M}0-9])';
const PACK_CUE_CACHE = new Map<string, PackCues>();

/**
 * A pack's offence cue stems as one pattern per family, each matched at the start of a word
 * (inflections may follow), and its negations. Only the complaint's own language is applied: a
 * stem of one language can be an ordinary word of another in the same script (Marathi खून is
 * murder, Hindi खून is blood).
 */
export function packCues(language: string | null | undefined): PackCues | null {
  const pack = packFor(language);
  if (!pack) return null;
  let c = PACK_CUE_CACHE.get(pack.code);
  if (!c) {
    const cues: Partial<Record<Cue, RegExp>> = {};
    for (const [cue, stems] of Object.entries(pack.cues) as Array<[Cue, readonly string[]]>) {
      const alt = alternation((stems ?? []).filter((x) => x.trim().length >= 2));
      if (alt) cues[cue] = new RegExp(`${WORD_START}(?:${alt})`, 'giu');
    }
    const neg = alternation(pack.negations ?? []);
    c = { cues, negations: neg ? new RegExp(`${WORD_START}(?:${neg})`, 'giu') : null };
    PACK_CUE_CACHE.set(pack.code, c);
  }
  return c;
}

/** Rupee words of every pack (before or after the number). */
export const PACK_CURRENCY: string = alternation(Object.values(PACKS).flatMap((p) => p.currency ?? []));
export const PACK_THOUSAND: string = alternation(Object.values(PACKS).flatMap((p) => p.thousand ?? []));
export const PACK_LAKH: string = alternation(Object.values(PACKS).flatMap((p) => p.lakh ?? []));
