/**
 * Client for any OpenAI-compatible chat-completions server (llama.cpp `llama-server`, vLLM,
 * Ollama, …), asking for JSON constrained by a JSON schema and validating it with zod.
 *
 * Protocol: POST `${baseUrl}/v1/chat/completions` with
 *   { model, messages, temperature: 0, stream: false,
 *     response_format: { type: 'json_schema', json_schema: { name, schema, strict: true } } }
 * and the answer read from `choices[0].message.content`.
 *
 * Servers that enforce the schema with a grammar rarely produce bad JSON, but some (older
 * Ollama, truncated output at max_tokens) do; one repair round trip is made, sending back the bad
 * output and what was wrong with it. A second bad answer is MODEL_BAD_OUTPUT, not retryable: a
 * server that returned garbage twice for a prompt at temperature 0 will keep doing so.
 */
import { z } from 'zod';
import { postToModel, modelServer, type FetchFn } from './http-model.ts';
import { createModelPolicy, createResultCache, type ModelPolicy, type ModelPolicyOptions } from './resilience.ts';
import { ModelError } from './types.ts';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface JsonSchemaSpec<T> {
  /** schema name sent to the server: letters, digits, '_' and '-' */
  name: string;
  /** JSON schema for constrained decoding */
  jsonSchema: Record<string, unknown>;
  /** the same shape, validating the answer */
  zod: z.ZodType<T>;
}

/** Builds a JsonSchemaSpec whose JSON schema is generated from the zod schema. */
export function jsonSchemaSpec<T>(name: string, schema: z.ZodType<T>): JsonSchemaSpec<T> {
  const { $schema: _ignored, ...jsonSchema } = z.toJSONSchema(schema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return { name, jsonSchema, zod: schema };
}

export interface LlmClientOptions {
  baseUrl: string;
  model: string;
  apiKey?: string;
  policy?: Partial<ModelPolicyOptions>;
  /** results kept in the LRU; 0 disables */
  cacheSize?: number;
  /** upper bound on generated tokens, if the server should be told one */
  maxTokens?: number;
  /** for tests and instrumentation */
  fetch?: FetchFn;
}

/** What the drafter needs from an LLM. */
export interface LlmJsonClient {
  completeJson<T>(messages: ChatMessage[], schema: JsonSchemaSpec<T>, signal?: AbortSignal): Promise<T>;
}

export interface LlmClient extends LlmJsonClient {
  readonly label: string;
  readonly policy: ModelPolicy;
}

const chatResponse = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish() }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
});

type Checked<T> = { ok: true; value: T } | { ok: false; problem: string; detail: string };

export function createLlmClient(opts: LlmClientOptions): LlmClient {
  const server = modelServer('llm', opts.baseUrl, opts.apiKey, opts.fetch);
  const policy = createModelPolicy(server.label, opts.policy);
  const cache = createResultCache(opts.cacheSize ?? 256);

  const chat = async (messages: ChatMessage[], spec: JsonSchemaSpec<unknown>, signal?: AbortSignal) => {
    const body: Record<string, unknown> = {
      model: opts.model,
      messages,
      temperature: 0,
      stream: false,
      response_format: { type: 'json_schema', json_schema: { name: spec.name, schema: spec.jsonSchema, strict: true } },
    };
    if (opts.maxTokens) body.max_tokens = opts.maxTokens;
    const raw = await policy.execute((s) => postToModel(server, '/v1/chat/completions', body, s), signal);
    const parsed = chatResponse.safeParse(raw);
    if (!parsed.success) {
      throw new ModelError('MODEL_BAD_OUTPUT', `model server ${server.label} answered without choices[0].message`, false);
    }
    const choice = parsed.data.choices[0]!;
    return { content: choice.message.content ?? '', truncated: choice.finish_reason === 'length' };
  };

  return {
    label: server.label,
    policy,
    completeJson<T>(messages: ChatMessage[], spec: JsonSchemaSpec<T>, signal?: AbortSignal): Promise<T> {
      const key = { kind: 'llm', url: server.baseUrl.href, model: opts.model, maxTokens: opts.maxTokens, messages, schema: spec.name, jsonSchema: spec.jsonSchema };
      return cache.cached(key, async () => {
        const first = await chat(messages, spec, signal);
        const checked = check(first.content, spec, first.truncated);
        if (checked.ok) return checked.value;

        const repair: ChatMessage[] = [
          ...messages,
          { role: 'assistant', content: first.content },
          {
            role: 'user',
            content:
              `Your reply was not usable: ${checked.detail}\n` +
              `Reply again with only the corrected JSON object, matching the "${spec.name}" schema exactly. No prose, no code fences.`,
          },
        ];
        const second = await chat(repair, spec, signal);
        const rechecked = check(second.content, spec, second.truncated);
        if (rechecked.ok) return rechecked.value;
        throw new ModelError(
          'MODEL_BAD_OUTPUT',
          `model server ${server.label} returned ${rechecked.problem} for schema ${spec.name}, also after one repair attempt`,
          false,
        );
      });
    },
  };
}

/**
 * Parses and validates one answer. `problem` is safe for error messages (no content);
 * `detail` goes back to the model only and may quote the issue messages.
 */
function check<T>(content: string, spec: JsonSchemaSpec<T>, truncated: boolean): Checked<T> {
  let json: unknown;
  try {
    json = JSON.parse(stripFence(content));
  } catch {
    const why = truncated ? 'the JSON was cut off (output length limit reached)' : 'it is not valid JSON';
    return { ok: false, problem: truncated ? 'truncated JSON' : 'invalid JSON', detail: why + '.' };
  }
  const result = spec.zod.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.slice(0, 10);
  const paths = issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`).join('; ');
  return {
    ok: false,
    problem: `JSON not matching the schema (${paths})`,
    detail: 'the JSON does not match the schema: ' + issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') + '.',
  };
}

/** Some servers wrap JSON in a Markdown code fence despite response_format. */
function stripFence(content: string): string {
  const m = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/i.exec(content);
  return m ? m[1]! : content;
}
