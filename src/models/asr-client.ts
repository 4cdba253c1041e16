/**
 * Speech-to-text over the OpenAI-compatible transcription endpoint (whisper.cpp server,
 * faster-whisper-server / speaches, vLLM, LocalAI):
 *
 *   POST `${baseUrl}/v1/audio/transcriptions`, multipart/form-data:
 *     file            the audio bytes (with a filename and content type)
 *     model           model name
 *     language        optional ISO 639-1 hint ('hi', 'mr', 'ta', 'en')
 *     response_format 'json'
 *   → 200 { "text": "...", "language"?: "..." }
 *
 * Identical audio (by sha256 of the bytes) with the same model and language hint is answered
 * from the cache.
 */
import { z } from 'zod';
import { postToModel, modelServer, type FetchFn } from './http-model.ts';
import { createModelPolicy, createResultCache, sha256Hex, type ModelPolicy, type ModelPolicyOptions } from './resilience.ts';
import { ModelError } from './types.ts';

export interface AsrClientOptions {
  baseUrl: string;
  model: string;
  apiKey?: string;
  policy?: Partial<ModelPolicyOptions>;
  cacheSize?: number;
  fetch?: FetchFn;
}

export interface TranscribeInput {
  audio: Uint8Array;
  /** sent as the part's filename; servers use the extension to pick a decoder */
  filename?: string;
  mimeType?: string;
  language?: string | null;
}

export interface Transcript {
  text: string;
  language?: string;
}

export interface AsrClient {
  readonly label: string;
  readonly policy: ModelPolicy;
  transcribe(input: TranscribeInput, signal?: AbortSignal): Promise<Transcript>;
}

const transcriptionResponse = z.object({
  text: z.string(),
  language: z.string().nullish(),
});

export function createAsrClient(opts: AsrClientOptions): AsrClient {
  const server = modelServer('asr', opts.baseUrl, opts.apiKey, opts.fetch);
  const policy = createModelPolicy(server.label, opts.policy);
  const cache = createResultCache(opts.cacheSize ?? 64);

  return {
    label: server.label,
    policy,
    transcribe(input, signal) {
      const filename = input.filename ?? 'audio';
      const mimeType = input.mimeType ?? 'application/octet-stream';
      const language = input.language || undefined;
      const key = { kind: 'asr', url: server.baseUrl.href, model: opts.model, language, audio: sha256Hex(input.audio) };
      return cache.cached(key, async () => {
        const raw = await policy.execute((s) => {
          // A fresh form per attempt: a body is consumed by the request that sends it.
          const form = new FormData();
          form.append('file', new Blob([input.audio as Uint8Array<ArrayBuffer>], { type: mimeType }), filename);
          form.append('model', opts.model);
          if (language) form.append('language', language);
          form.append('response_format', 'json');
          return postToModel(server, '/v1/audio/transcriptions', form, s);
        }, signal);
        const parsed = transcriptionResponse.safeParse(raw);
        if (!parsed.success) {
          throw new ModelError('MODEL_BAD_OUTPUT', `model server ${server.label} answered without a "text" string`, false);
        }
        const out: Transcript = { text: parsed.data.text.trim() };
        if (parsed.data.language) out.language = parsed.data.language;
        return out;
      });
    },
  };
}
