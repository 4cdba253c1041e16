/**
 * The built-in deterministic drafter: the default when no LLM server is configured. Rule-based
 * extraction (English, Hindi, light romanised Hindi), BM25 section retrieval over the BNS
 * knowledge base, rule-checked sections and a templated narrative that quotes the complaint.
 * Pure functions: no I/O, no clock, no randomness; the same input always gives the same draft.
 */
import { type DraftInput, type Drafter, type Extraction, ModelError, type SectionCandidate } from '../types.ts';
import { checkSections } from './check.ts';
import { analyse, summarize } from './extract.ts';
import { draftNarrative } from './narrative.ts';
import { CUE_TERMS } from './offence-sections.ts';
import { retrieve } from './retrieve.ts';

function guard(signal: AbortSignal | undefined, stage: string): void {
  if (signal?.aborted) throw new ModelError('ABORTED', `builtin drafter: ${stage} aborted`, false, { cause: signal.reason });
}

function wrap<T>(stage: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ModelError) throw err;
    // A bug here is not going to fix itself on retry.
    throw new ModelError('DRAFTER_FAILED', `builtin drafter: ${stage} failed: ${err instanceof Error ? err.message : String(err)}`, false, { cause: err });
  }
}

/** Query cues for retrieval: the offence concepts the rules saw and the articles involved. */
function retrievalCues(input: DraftInput, extraction: Extraction): string {
  const a = analyse(input.text, input.receivedAt, input.language);
  const words: string[] = [];
  for (const k of a.offences.offences) {
    const w = CUE_TERMS[k];
    if (w) words.push(w);
  }
  for (const p of extraction.property ?? []) if (p?.description) words.push(p.description);
  return words.join(' ');
}

export function createBuiltinDrafter(): Drafter {
  return {
    name: 'builtin',
    async summarize(input, signal) {
      guard(signal, 'summarize');
      return wrap('summarize', () => summarize(input));
    },
    async retrieveSections(input, extraction, signal): Promise<SectionCandidate[]> {
      guard(signal, 'retrieveSections');
      return wrap('retrieveSections', () => retrieve(input.text ?? '', { cues: retrievalCues(input, extraction), limit: 8 }));
    },
    async checkSections(input, _extraction, candidates, signal) {
      guard(signal, 'checkSections');
      return wrap('checkSections', () => checkSections(analyse(input.text, input.receivedAt, input.language), candidates));
    },
    async draftNarrative(input, extraction, sections, signal) {
      guard(signal, 'draftNarrative');
      return wrap('draftNarrative', () => draftNarrative(input, extraction, sections));
    },
  };
}
