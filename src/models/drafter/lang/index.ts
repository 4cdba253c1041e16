/**
 * The language packs, and their words compiled into patterns once. English and Hindi have
 * hand-built extractors of their own (people.ts, dates.ts, places.ts); every other language is read
 * by the pack-driven extractors in generic.ts. Pack strings go through the same normalisation as
 * complaint text (`normaliseWithMap`), so the two always compare alike.
 */
import { normaliseWithMap } from '../text.ts';
import { PACK as bn } from './bn.ts';
import { PACK as hi } from './hi.ts';
import { PACK as hiLatn } from './hi-Latn.ts';
import { PACK as kn } from './kn.ts';
import { PACK as mr } from './mr.ts';
import type { Cue, LanguagePack } from './types.ts';

export type { Cue, LanguagePack } from './types.ts';

export const PACKS: Readonly<Record<string, LanguagePack>> = { bn, hi, 'hi-Latn': hiLatn, kn, mr };

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

/**
 * Offence cue stems of every pack, per cue family, as one alternation each. The scripts differ, so
 * the stems of one language cannot match another's text; the Latin-script Hinglish stems are
 * matched as whole-word starts like the English cues.
 */
export const PACK_CUES: Partial<Record<Cue, string>> = (() => {
  const byCue = new Map<Cue, Set<string>>();
  for (const p of Object.values(PACKS)) {
    for (const [cue, stems] of Object.entries(p.cues) as Array<[Cue, readonly string[]]>) {
      const set = byCue.get(cue) ?? new Set<string>();
      for (const s of stems ?? []) if (s.trim().length >= 2) set.add(s);
      byCue.set(cue, set);
    }
  }
  const out: Partial<Record<Cue, string>> = {};
  for (const [cue, set] of byCue) out[cue] = alternation(set);
  return out;
})();

/** Negation phrases of every pack ("no one was hurt"), one alternation. */
export const PACK_NEGATIONS: string = alternation(Object.values(PACKS).flatMap((p) => p.negations ?? []));

/** Rupee words of every pack (before or after the number). */
export const PACK_CURRENCY: string = alternation(Object.values(PACKS).flatMap((p) => p.currency ?? []));
export const PACK_THOUSAND: string = alternation(Object.values(PACKS).flatMap((p) => p.thousand ?? []));
export const PACK_LAKH: string = alternation(Object.values(PACKS).flatMap((p) => p.lakh ?? []));
