/**
 * The language packs, and their words compiled into patterns once. English and Hindi have
 * hand-built extractors of their own (complainant.ts, people.ts, dates.ts, places.ts); every other
 * language is read by the pack-driven extractors in generic-*.ts (patterns compiled by
 * pack-patterns.ts). Pack strings go through the same normalisation as complaint text
 * (`normaliseWithMap`), so the two always compare alike.
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

interface PackCues {
  cues: Partial<Record<Cue, RegExp>>;
  negations: RegExp | null;
}

const WORD_START = '(?<![\\p{L}\\p{M}0-9])';
const BETWEEN_WORDS = `[\\s"'“”‘’]+`;

/**
 * Romanised Hindi has no settled spelling: "bahla phusla ke", "behla fusla kar", "bhaga k le gya".
 * A Hinglish stem is matched with its common spellings: long and short vowels alike (aa/a, ee/i,
 * oo/u), an aspirate's h optional (bh/b, ph/f), v/w and z/j alike, and the particles people
 * abbreviate (ke/k/kar/kr, hai/h, nahi/nhi, gaya/gya, raha/rha, mujhe/mjhe).
 */
const LATIN_WORDS: Readonly<Record<string, string>> = {
  ke: 'k(?:e|ar|r)?', kar: 'k(?:ar|r|e)?', kr: 'k(?:ar|r|e)?', k: 'k(?:e|ar|r)?',
  hai: '(?:hai|h|he|hain|hei|hy)', h: '(?:hai|h|he|hain)', nahi: '(?:nahi|nahin|nhi|nai|ni)', nhi: '(?:nahi|nahin|nhi|nai|ni)',
  gaya: 'ga?ya', gayi: '(?:gayi|gyi|gai|gayee)', gaye: '(?:gaye|gye|gae)', raha: 'r(?:a)?ha', rahi: 'r(?:a)?hi', rahe: 'r(?:a)?he',
  diya: 'di(?:y)?a', kiya: 'ki(?:y)?a', liya: 'li(?:y)?a', mujhe: 'mu?jh?e', mera: 'me?ra', mere: 'me?re', meri: 'me?ri',
  se: 'se?', me: 'm(?:e|ein|ai|ain|ei)', mein: 'm(?:e|ein|ai|ain|ei)', ko: 'ko?', ki: 'ki?', ka: 'ka?',
};

function latinFuzzy(stem: string): string {
  const word = (w: string): string => {
    if (LATIN_WORDS[w]) return LATIN_WORDS[w] as string;
    let out = '';
    for (let i = 0; i < w.length; i++) {
      const c = w[i] as string;
      const n = w[i + 1];
      if (c === 'a') {
        if (n === 'a') i++;
        out += 'a{1,2}';
      } else if (c === 'e' && n === 'e') {
        i++;
        out += '(?:ee|i)';
      } else if (c === 'i') out += '(?:i|ee)';
      else if (c === 'o' && n === 'o') {
        i++;
        out += '(?:oo|u)';
      } else if (c === 'u') out += '(?:u|oo)';
      else if ((c === 'p' && n === 'h') || c === 'f') {
        if (c === 'p') i++;
        out += '(?:ph|f)';
      } else if ('bcdgjkt'.includes(c) && n === 'h') {
        i++;
        out += `${c}h?`;
      } else if (c === 'v' || c === 'w') out += '[vw]';
      else if (c === 'z' || c === 'j') out += '[zj]';
      else out += escape(c);
    }
    return out;
  };
  return stem
    .toLowerCase()
    .trim()
    .split(/\s+/)
    .map(word)
    .join('\\s?');
}
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
    const latin = pack.code.endsWith('-Latn');
    for (const [cue, stems] of Object.entries(pack.cues) as Array<[Cue, readonly string[]]>) {
      const kept = (stems ?? []).filter((x) => x.trim().length >= 2);
      // the words of a phrase may stand apart by more than one space or a quotation mark ('"હપ્તો" માંગે')
      const alt = latin ? [...new Set(kept.map(norm))].sort((a, b) => b.length - a.length).map(latinFuzzy).join('|') : alternation(kept).replace(/ /g, BETWEEN_WORDS);
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
