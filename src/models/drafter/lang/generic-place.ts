/**
 * The place of occurrence in the pack languages: in the sentences that tell of the offence, the
 * words before a postposition ("near", "in front of"), a run of words ending in a place noun
 * ("… bus stand"), or the name after one ("ग्राम <name>"); never the police station the letter
 * is addressed to or the complainant's own particulars.
 */
import type { Sentence } from '../text.ts';
import { RE_HOSPITAL } from './cross.ts';
import { norm } from './index.ts';
import { wordsAfter } from './name-words.ts';
import { type Compiled, LM, compiled } from './pack-patterns.ts';
import type { LanguagePack } from './types.ts';

interface GenericPlace {
  place: string | null;
  /** the stretch of the sentence that names the place in several parts ("<road> … <landmark> near"), as written */
  context: string | null;
}

/**
 * The place of occurrence: in the sentences that tell of the offence, the words before a
 * postposition such as "near" or "in front of", or a run of words ending in a place noun
 * ("… bus stand", "… market"), outside the complainant's own particulars. When one sentence names
 * the place in several parts (a road, then the landmark on it), `context` quotes them together.
 */
export function findGenericPlace(
  t: string,
  sentences: readonly Sentence[],
  incident: ReadonlySet<number>,
  masked: ReadonlyArray<{ start: number; end: number }>,
  pack: LanguagePack,
): GenericPlace {
  const c = compiled(pack);
  const head = addresseeBlock(t);
  const inMask = (p: number) => p < head || masked.some((s) => p >= s.start && p < s.end);
  type Hit = { at: number; end: number; phrase: string; kind: 'named' | 'bare' | 'hospital' };
  const hitsIn = (s: Sentence): Hit[] => {
    const text = t.slice(s.start, s.end);
    const hits: Hit[] = [];
    const push = (at: number, end: number, phrase: string, named: boolean) => {
      const p = phrase.trim();
      hits.push({ at, end, phrase: p, kind: RE_HOSPITAL.test(p) ? 'hospital' : named ? 'named' : 'bare' });
    };
    if (c.placeAfter) {
      c.placeAfter.lastIndex = 0;
      for (const m of text.matchAll(c.placeAfter)) {
        const abs = s.start + m.index;
        if (inMask(abs)) continue;
        const before = wordsBeforePlace(t, abs, c);
        if (before) push(before.start, abs + m[0].length, before.text, true);
      }
    }
    if (c.placeNouns) {
      c.placeNouns.lastIndex = 0;
      for (const m of text.matchAll(c.placeNouns)) {
        const abs = s.start + m.index;
        if (inMask(abs)) continue;
        const before = wordsBeforePlace(t, abs, c, 2);
        // quoted as written, from the first word to the place noun
        push(before?.start ?? abs, abs + m[0].length, before ? t.slice(before.start, abs + m[0].length) : m[0], !!before);
      }
    }
    if (c.placeBefore) {
      c.placeBefore.lastIndex = 0;
      for (const m of text.matchAll(c.placeBefore)) {
        const abs = s.start + m.index;
        if (inMask(abs)) continue;
        // "ग्राम <name>": the name follows the noun
        const after = wordsAfter(t, abs + m[0].length, c, 2);
        if (after) push(abs, after.end, t.slice(abs, after.end), true);
      }
    }
    hits.sort((x, y) => x.at - y.at || y.end - x.end);
    // one place read twice ("স্টেশন" and "স্টেশন রোড"): the longer reading, from the earlier start
    const merged: Hit[] = [];
    for (const h of hits) {
      const prev = merged[merged.length - 1];
      if (prev && h.at <= prev.end && prev.kind !== 'hospital' && h.kind !== 'hospital') {
        if (h.end > prev.end) {
          prev.end = h.end;
          // the longer reading as written, without the postposition that ends it ("… நிலையம்", not "… அருகே")
          const phraseEnd = Math.max(prev.at + prev.phrase.length, h.at + h.phrase.length);
          prev.phrase = t.slice(prev.at, phraseEnd).trim();
        }
        continue;
      }
      merged.push({ ...h });
    }
    return merged;
  };
  const all = sentences.map((s) => hitsIn(s));
  const order = sentences.map((_s, i) => i);
  const told = order.filter((i) => incident.has(i));
  // a named place where the offence is told; else the first named place anywhere (the setting is
  // often told before the offence: "my plot in village X … on Saturday they came"); a bare noun
  // ("the village") or a hospital only when nothing better is named
  const pick = (kinds: ReadonlyArray<Hit['kind']>, among: readonly number[]) => {
    for (const i of among) {
      const hs = all[i]!.filter((h) => kinds.includes(h.kind));
      if (hs.length) return { i, hs };
    }
    return null;
  };
  const chosen = pick(['named'], told) ?? pick(['named'], order) ?? pick(['bare'], told) ?? pick(['hospital'], told) ?? pick(['bare', 'hospital'], order.slice(0, 1));
  if (!chosen) return { place: null, context: null };
  const first = chosen.hs[0]!;
  const others = all[chosen.i]!.filter((h) => h.kind !== 'hospital' && h.at >= first.at);
  const last = others.reduce((a, h) => (h.end > a.end ? h : a), first);
  const span = t.slice(first.at, last.end);
  const together = last !== first && span.length <= 140 && !/[.;:\n।|!?]/.test(span) ? span.replace(/\s+/g, ' ').trim() : null;
  // the other places named where the offence is told (the road, the landmark, the village), in
  // the order the complaint gives them
  const covered = (h: Hit) => h.at >= first.at && h.end <= (together ? last.end : first.end);
  const others2 = told
    .flatMap((i) => all[i]!)
    .filter((h) => h.kind === 'named' && !covered(h))
    .sort((a, b) => a.at - b.at);
  const parts = [together ?? first.phrase];
  for (const h of others2) if (parts.length < 4 && !parts.some((p) => p.includes(h.phrase) || h.phrase.includes(p))) parts.push(h.phrase);
  const context = parts.length > 1 || together ? parts.join(', ') : null;
  return { place: first.phrase, context };
}

/** a police station's name and address in any of the packs' scripts */
const RE_STATION = /police|station|thana|\bS\.?H\.?O\b|थाना|थाने|ठाणे|ठाणा|पोलीस|पुलिस|থানা|পুলিশ|ਥਾਣਾ|ਥਾਣੇ|ਪੁਲਿਸ|ਪੁਲੀਸ|પોલીસ|થાણ|காவல்|போலீஸ்|పోలీస్|ఠాణా|ಠಾಣೆ|ಪೊಲೀಸ್|പോലീസ്|സ്റ്റേഷൻ/iu;

/**
 * Where the letter's addressee block ends: "To, / The SHO, / <station>, <town>" in the first short
 * lines names the station, never the place of occurrence. 0 when the complaint opens otherwise.
 */
function addresseeBlock(t: string): number {
  let end = 0;
  let at = 0;
  for (let line = 0; line < 5; line++) {
    const nl = t.indexOf('\n', at);
    const stop = nl < 0 ? t.length : nl;
    const text = t.slice(at, stop);
    if (text.length > 90 || /^\s*(?:sub|subject|re|विषय|বিষয়|ਵਿਸ਼ਾ|વિષય|பொருள்|విషయం|ವಿಷಯ|വിഷയം)\b/iu.test(text)) break;
    if (RE_STATION.test(text)) end = stop;
    if (nl < 0) break;
    at = nl + 1;
  }
  return end;
}

/** Up to `max` words before `end` that can be part of a place name (digits allowed: "Sector 12"). */
function wordsBeforePlace(t: string, end: number, c: Compiled, max = 3): { text: string; start: number } | null {
  const head = t.slice(Math.max(0, end - 100), end);
  const offset = Math.max(0, end - 100);
  const tokens = [...head.matchAll(new RegExp(`[${LM}\\d][${LM}\\d'’.\\-/]*`, 'gu'))];
  const words: string[] = [];
  let start = end;
  for (let i = tokens.length - 1; i >= 0 && words.length < max; i--) {
    const m = tokens[i]!;
    const gapEnd = i === tokens.length - 1 ? head.length : tokens[i + 1]!.index;
    const gap = head.slice(m.index + m[0].length, gapEnd);
    if (/[.;:()\n।|!?]/.test(gap) || (words.length > 0 && gap.includes(','))) break;
    // a word with a single full stop at its end ends the sentence before the place ("नव्हती."), an
    // abbreviation ("बी.एम.सी.", "Dr.") has more than one or is short
    if (/^[^.]{3,}\.$/u.test(m[0])) break;
    const w = m[0].replace(/[.'’-]+$/, '');
    const lw = norm(w);
    // a time or a count ("10টায়", "9:30", "২ জন") is never part of the place before it
    if (c.stops.has(lw) || /^\d{1,2}[:.]\d{2}$/.test(w) || /^\d+[^\d\s/-]/u.test(w) || c.approx.has(lw)) break;
    words.unshift(w);
    start = offset + m.index;
  }
  if (words.length === 0) return null;
  // as written between the first and the last word (a comma or a double space kept)
  const lastTok = tokens[tokens.length - 1]!;
  const lastEnd = offset + lastTok.index + lastTok[0].replace(/[.'’-]+$/, '').length;
  return { text: t.slice(start, lastEnd), start };
}

/** A word that is never part of a place in this pack's language: a pronoun or particle, a time word, "about". */
export function isPlaceStopWord(word: string, pack: LanguagePack): boolean {
  const c = compiled(pack);
  const w = norm(word);
  return c.stops.has(w) || c.approx.has(w) || /^\d/.test(w);
}
