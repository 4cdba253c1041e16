/**
 * Relevance retrieval over the BNS knowledge base: BM25 (MiniSearch) over each section's title,
 * description and English + Hindi keywords, tokenised on Unicode letter/mark/number classes,
 * lower-cased, Devanagari unstemmed, English lightly suffix-folded. The index is built once, on
 * first use, and shared by every drafter instance.
 */
import MiniSearch from 'minisearch';
import { BNS_SECTIONS, type LegalSectionSeed } from '../../legal/knowledge-base.ts';
import type { SectionCandidate } from '../types.ts';
import { foldEnglish, processTerm, tokenize } from './text.ts';

interface Doc {
  id: number;
  number: string;
  title: string;
  description: string;
  keywords: string;
}

let index: MiniSearch<Doc> | null = null;

function getIndex(): MiniSearch<Doc> {
  if (index) return index;
  const ms = new MiniSearch<Doc>({
    idField: 'id',
    fields: ['title', 'description', 'keywords'],
    storeFields: ['number'],
    tokenize: (text) => tokenize(text),
    processTerm: (term) => processTerm(term),
    searchOptions: { boost: { title: 2, keywords: 3, description: 1 }, combineWith: 'OR', prefix: false, fuzzy: false },
  });
  ms.addAll(
    BNS_SECTIONS.map((s, i) => ({ id: i, number: s.number, title: s.title, description: s.description, keywords: s.keywords.join(' ; ') })),
  );
  index = ms;
  return ms;
}

/** Terms of a text as the index sees them, de-duplicated, in first-seen order. */
function queryTerms(text: string, limit = 400): string[] {
  const seen = new Set<string>();
  for (const tok of tokenize(text)) {
    const t = processTerm(tok);
    if (t && !seen.has(t)) {
      seen.add(t);
      if (seen.size >= limit) break;
    }
  }
  return [...seen];
}

/**
 * Scale of BM25 scores at which a match counts as strong: confidence = (score / best) ×
 * (1 − e^(−best / SCALE)), so the best hit of a weak query is not reported as certain.
 */
const SCALE = 60;

interface RetrieveOptions {
  /** extra cue words (offence concepts, articles) weighted above the complaint's own words */
  cues?: string;
  limit?: number;
}

export function retrieve(text: string, opts: RetrieveOptions = {}): SectionCandidate[] {
  const limit = opts.limit ?? 8;
  const base = queryTerms(text);
  const cueTerms = opts.cues ? queryTerms(opts.cues, 80) : [];
  const cueSet = new Set(cueTerms);
  const terms = [...new Set([...base, ...cueTerms])];
  if (terms.length === 0) return [];
  const results = getIndex().search(terms.join(' '), {
    tokenize: (s) => s.split(' '),
    processTerm: (t) => t,
    boostTerm: (term) => (cueSet.has(term) ? 2 : 1),
  });
  if (results.length === 0) return [];
  results.sort((a, b) => b.score - a.score || (a.id as number) - (b.id as number));
  const best = results[0]?.score ?? 0;
  if (!(best > 0)) return [];
  const strength = 1 - Math.exp(-best / SCALE);
  return results.slice(0, limit).map((r) => ({
    act: 'BNS',
    number: String(r['number']),
    confidence: Math.round(Math.min(1, Math.max(0, (r.score / best) * strength)) * 1000) / 1000,
    source: 'RETRIEVED' as const,
  }));
}

// ───────────── keyword evidence (used by the section check, not for ranking) ─────────────

let keywordIndex: Map<string, string[]> | null = null;

function normTokens(s: string): string[] {
  return tokenize(s).map((t) => foldEnglish(t));
}

function getKeywordIndex(): Map<string, string[]> {
  if (keywordIndex) return keywordIndex;
  const m = new Map<string, string[]>();
  for (const s of BNS_SECTIONS) m.set(s.number, s.keywords.map((k) => ` ${normTokens(k).join(' ')} `).filter((k) => k.trim().length > 2));
  keywordIndex = m;
  return m;
}

/** The knowledge-base keywords of `number` that occur as whole words in the text. */
export function keywordEvidence(text: string, number: string): string[] {
  const kws = getKeywordIndex().get(number) ?? [];
  if (kws.length === 0) return [];
  const hay = ` ${normTokens(text).join(' ')} `;
  return kws.filter((k) => hay.includes(k)).map((k) => k.trim());
}

const BY_NUMBER = new Map<string, LegalSectionSeed>(BNS_SECTIONS.map((s) => [s.number, s]));

export function sectionSeed(number: string): LegalSectionSeed | undefined {
  return BY_NUMBER.get(number);
}
