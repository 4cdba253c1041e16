/**
 * OCR of photographed complaint letters over HTTP. There is no common standard for OCR servers,
 * so the gateway speaks this minimal protocol; a thin wrapper around Tesseract, PaddleOCR,
 * Surya or a cloud API serves it in a few lines:
 *
 *   POST `${baseUrl}/v1/ocr`, multipart/form-data:
 *     file       the image (or PDF) bytes, with filename and content type
 *     languages  optional, comma-separated language codes in order of likelihood ('hi,en')
 *   → 200 application/json { "text": "..." }     (other fields are ignored)
 *   → 4xx for an unreadable/unsupported file (not retried), 429/5xx when overloaded (retried)
 *
 * `path`, `fileField` and `languagesField` adapt it to servers that differ only in names.
 * Identical images (by sha256 of the bytes) with the same languages are answered from the cache.
 */
import { z } from 'zod';
import { postToModel, modelServer, type FetchFn } from './http-model.ts';
import { createModelPolicy, createResultCache, sha256Hex, type ModelPolicy, type ModelPolicyOptions } from './resilience.ts';
import { ModelError } from './types.ts';

export interface OcrClientOptions {
  baseUrl: string;
  apiKey?: string;
  policy?: Partial<ModelPolicyOptions>;
  cacheSize?: number;
  /** default '/v1/ocr' */
  path?: string;
  /** default 'file' */
  fileField?: string;
  /** default 'languages' */
  languagesField?: string;
  fetch?: FetchFn;
}

export interface OcrInput {
  image: Uint8Array;
  filename?: string;
  mimeType?: string;
  languages?: string[] | null;
}

export interface OcrResult {
  text: string;
}

export interface OcrClient {
  readonly label: string;
  readonly policy: ModelPolicy;
  recognize(input: OcrInput, signal?: AbortSignal): Promise<OcrResult>;
}

const ocrResponse = z.object({ text: z.string() });

export function createOcrClient(opts: OcrClientOptions): OcrClient {
  const server = modelServer('ocr', opts.baseUrl, opts.apiKey, opts.fetch);
  const policy = createModelPolicy(server.label, opts.policy);
  const cache = createResultCache(opts.cacheSize ?? 64);
  const path = opts.path ?? '/v1/ocr';
  const fileField = opts.fileField ?? 'file';
  const languagesField = opts.languagesField ?? 'languages';

  return {
    label: server.label,
    policy,
    recognize(input, signal) {
      const filename = input.filename ?? 'image';
      const mimeType = input.mimeType ?? 'application/octet-stream';
      const languages = (input.languages ?? []).map((l) => l.trim()).filter(Boolean).join(',');
      const key = { kind: 'ocr', url: server.baseUrl.href, path, languages, image: sha256Hex(input.image) };
      return cache.cached(key, async () => {
        const raw = await policy.execute((s) => {
          const form = new FormData();
          form.append(fileField, new Blob([input.image as Uint8Array<ArrayBuffer>], { type: mimeType }), filename);
          if (languages) form.append(languagesField, languages);
          return postToModel(server, path, form, s);
        }, signal);
        const parsed = ocrResponse.safeParse(raw);
        if (!parsed.success) {
          throw new ModelError('MODEL_BAD_OUTPUT', `model server ${server.label} answered without a "text" string`, false);
        }
        return { text: parsed.data.text.trim() };
      });
    },
  };
}
