/**
 * Chooses the models from configuration: an LLM drafter when LLM_URL is set (retrieval stays the
 * built-in BM25 over the legal knowledge base), else the built-in deterministic drafter; ASR and
 * OCR clients when their URLs are set. With an LLM the built-in drafter is also the fallback for
 * model faults unless LLM_FALLBACK=false.
 */
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { createAsrClient } from './asr-client.ts';
import { createBuiltinDrafter } from './drafter/builtin-drafter.ts';
import { createLlmClient } from './llm-client.ts';
import { createLlmDrafter } from './llm-drafter.ts';
import { createOcrClient } from './ocr-client.ts';
import type { ModelPolicyOptions } from './resilience.ts';
import type { Drafter, Transcriber } from './types.ts';

export interface Models {
  drafter: Drafter;
  /** drafts when `drafter` has a model fault (LLM_FALLBACK): the built-in drafter */
  fallbackDrafter?: Drafter;
  asr?: Transcriber;
  ocr?: Transcriber;
}

const EXTENSIONS: Record<string, string> = {
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/ogg': 'ogg',
  'audio/opus': 'opus',
  'audio/mp4': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/aac': 'aac',
  'audio/flac': 'flac',
  'audio/x-flac': 'flac',
  'audio/webm': 'webm',
  'video/webm': 'webm',
  'audio/amr': 'amr',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/tiff': 'tiff',
  'image/heic': 'heic',
  'image/heif': 'heif',
};

export function createModels(config: Config, log: Logger): Models {
  const policy: Partial<ModelPolicyOptions> = {
    timeoutMs: config.MODEL_TIMEOUT_MS,
    retries: config.MODEL_RETRIES,
    concurrency: config.MODEL_CONCURRENCY,
    breakerThreshold: config.MODEL_BREAKER_THRESHOLD,
    halfOpenAfterMs: config.MODEL_BREAKER_HALF_OPEN_MS,
  };
  const builtin = createBuiltinDrafter();
  let drafter: Drafter = builtin;
  if (config.LLM_URL) {
    const llm = createLlmClient({ baseUrl: config.LLM_URL, model: config.LLM_MODEL, apiKey: config.LLM_API_KEY, policy, cacheSize: 500 });
    drafter = createLlmDrafter({ llm, retrieve: builtin.retrieveSections.bind(builtin) });
    log.info({ drafter: 'llm', server: new URL(config.LLM_URL).host }, 'models');
  }
  const models: Models = { drafter };
  if (drafter !== builtin && config.LLM_FALLBACK) models.fallbackDrafter = builtin;
  if (config.ASR_URL) {
    const asr = createAsrClient({ baseUrl: config.ASR_URL, model: config.ASR_MODEL, apiKey: config.LLM_API_KEY, policy, cacheSize: 100 });
    models.asr = {
      transcribe: async (m, signal) =>
        (await asr.transcribe({ audio: m.bytes, mimeType: m.contentType, filename: `complaint.${EXTENSIONS[m.contentType] ?? 'bin'}`, language: m.language }, signal)).text,
    };
  }
  if (config.OCR_URL) {
    const ocr = createOcrClient({ baseUrl: config.OCR_URL, policy, cacheSize: 100 });
    models.ocr = {
      transcribe: async (m, signal) =>
        (
          await ocr.recognize(
            { image: m.bytes, mimeType: m.contentType, filename: `complaint.${EXTENSIONS[m.contentType] ?? 'bin'}`, languages: m.language ? [m.language] : null },
            signal,
          )
        ).text,
    };
  }
  return models;
}
