/**
 * The contract between the generation pipeline and whatever drafts an FIR: the built-in
 * deterministic drafter (default) or an LLM-backed one. Every stage of the job calls one method.
 */

export interface PersonDraft {
  name?: string | null;
  description?: string | null;
  address?: string | null;
}

export interface ComplainantDraft {
  name?: string | null;
  dateOfBirth?: string | null; // YYYY-MM-DD
  nationality?: string | null;
  fatherOrHusbandName?: string | null;
  address?: string | null;
  contact?: string | null;
  passportNumber?: string | null;
  occupation?: string | null;
}

export interface IncidentDraft {
  occurredFrom?: Date | null;
  occurredTo?: Date | null;
  place?: string | null;
  address?: string | null;
  description?: string | null;
  delayReason?: string | null;
}

export interface PropertyDraft {
  description: string;
  valueInr?: number | null;
}

/** What could be read out of the complaint. Fields the complaint does not state stay empty. */
export interface Extraction {
  summary: string;
  language: string;
  complainant: ComplainantDraft;
  incident: IncidentDraft;
  suspects: PersonDraft[];
  witnesses: PersonDraft[];
  property: PropertyDraft[];
  /** amounts in rupees mentioned anywhere in the complaint */
  amountsInr: number[];
}

export interface SectionCandidate {
  act: string; // 'BNS'
  number: string; // '303(2)'
  /** 0..1 */
  confidence: number;
  source: 'RETRIEVED' | 'MODEL_CHECKED';
}

export interface DraftInput {
  text: string;
  /** BCP-47-ish language tag given at submission, if any ('en', 'hi', 'mr', 'ta') */
  language?: string | null;
  /** complainant details given with the submission; they win over extracted ones */
  complainant?: ComplainantDraft | null;
  /** when the complaint was received; relative dates ("yesterday") resolve against it */
  receivedAt: Date;
}

/** Speech-to-text (ASR) or OCR: media bytes in, the complaint's text out. */
export interface Transcriber {
  transcribe(media: { bytes: Uint8Array; contentType: string; language?: string | null }, signal?: AbortSignal): Promise<string>;
}

export interface Drafter {
  readonly name: string;
  /** SUMMARIZE: summary and extracted facts */
  summarize(input: DraftInput, signal?: AbortSignal): Promise<Extraction>;
  /** RETRIEVE_SECTIONS: candidate sections by relevance, best first */
  retrieveSections(input: DraftInput, extraction: Extraction, signal?: AbortSignal): Promise<SectionCandidate[]>;
  /** CHECK_SECTIONS: the applicable sections among the candidates, principal offence first */
  checkSections(input: DraftInput, extraction: Extraction, candidates: SectionCandidate[], signal?: AbortSignal): Promise<SectionCandidate[]>;
  /** DRAFT_NARRATIVE: the FIR narrative (brief facts of the case) */
  draftNarrative(input: DraftInput, extraction: Extraction, sections: SectionCandidate[], signal?: AbortSignal): Promise<string>;
}

/** Raised by model clients and drafters; `retryable` decides whether the job stage is retried. */
export class ModelError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  constructor(code: string, message: string, retryable: boolean, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModelError';
    this.code = code;
    this.retryable = retryable;
  }
}
