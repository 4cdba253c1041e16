/**
 * A real HTTP server on 127.0.0.1 speaking the model-server protocols the gateway uses:
 *
 *   POST /v1/chat/completions       OpenAI chat completions (JSON; response_format recorded)
 *   POST /v1/audio/transcriptions   OpenAI transcription (multipart: file, model, language, response_format)
 *   POST /v1/ocr                    the gateway's OCR protocol (multipart: file, languages) → { text }
 *   GET  /v1/models, /health        liveness
 *
 * Each POST is answered by a programmable behaviour and recorded (body, parsed JSON or multipart
 * parts, arrival time), so tests can count retries, check cache hits and inspect what was sent.
 *
 *   const fake = await startFakeModelServer();
 *   fake.setBehaviour([{ type: 'fail', status: 503 }, { type: 'ok', content: { narrative: 'x' } }]);
 *   fake.setBehaviour((req) => req.schemaName === 'fir_sections' ? ok(...) : ok(...));
 *   ...
 *   await fake.close();
 *
 * A queue is consumed one behaviour per request; once it is empty every request gets HTTP 500
 * (so a test that makes more calls than it planned sees failures, not silently reused answers).
 * A single behaviour (not in an array) answers every request.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Behaviour =
  /**
   * 200. Chat: `content` becomes choices[0].message.content (objects are JSON-encoded, strings
   * sent as they are). Transcription/OCR: `content` is the whole JSON body.
   */
  | { type: 'ok'; content: unknown; delayMs?: number; finishReason?: string }
  /** an HTTP error status with an OpenAI-style error body */
  | { type: 'fail'; status: number; delayMs?: number; body?: unknown }
  /** accept the request and never answer (until the client gives up or the server closes) */
  | { type: 'hang' }
  /** 200 with chat content that is not JSON (default), or any string given */
  | { type: 'garbage'; content?: string; delayMs?: number }
  /** send the headers and half the body, then destroy the socket */
  | { type: 'close-mid-response'; content?: unknown }
  /** destroy the socket without answering */
  | { type: 'reset' };

export type RequestKind = 'chat' | 'transcription' | 'ocr' | 'other';

export interface RecordedFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface RecordedRequest {
  /** 0-based arrival order */
  index: number;
  kind: RequestKind;
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** raw body bytes */
  body: Buffer;
  /** parsed body for JSON requests */
  json?: any;
  /** multipart requests: text fields and files */
  fields?: Record<string, string>;
  files?: Record<string, RecordedFile>;
  /** chat: response_format.json_schema.name, if any */
  schemaName?: string;
  /** performance.now() at arrival */
  at: number;
}

export type BehaviourFn = (req: RecordedRequest) => Behaviour | Promise<Behaviour>;

export interface FakeModelServer {
  /** base URL, e.g. http://127.0.0.1:40123 */
  url: string;
  port: number;
  /** every POST received, in arrival order */
  requests: RecordedRequest[];
  setBehaviour(b: Behaviour | Behaviour[] | BehaviourFn): void;
  /** requests being answered right now, and the most at any one time */
  readonly inFlight: number;
  readonly maxInFlight: number;
  /** forget recorded requests and the in-flight high-water mark */
  reset(): void;
  /** stops listening and destroys every open connection (hanging ones included) */
  close(): Promise<void>;
}

/** chat answer helper: `ok({ summary: '…' })` */
export function ok(content: unknown, delayMs?: number): Behaviour {
  return delayMs === undefined ? { type: 'ok', content } : { type: 'ok', content, delayMs };
}

export async function startFakeModelServer(opts: { port?: number } = {}): Promise<FakeModelServer> {
  let behaviour: Behaviour | Behaviour[] | BehaviourFn = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let inFlight = 0;
  let maxInFlight = 0;
  let received = 0;

  const next = async (req: RecordedRequest): Promise<Behaviour> => {
    if (typeof behaviour === 'function') return behaviour(req);
    if (!Array.isArray(behaviour)) return behaviour;
    return behaviour.shift() ?? { type: 'fail', status: 500, body: { error: { message: 'fake model server: no behaviour queued', type: 'no_behaviour' } } };
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(error), type: 'fake_server_error' } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method === 'GET' && (path === '/health' || path === '/v1/models')) {
      sendJson(res, 200, path === '/health' ? { status: 'ok' } : { object: 'list', data: [{ id: 'fake', object: 'model' }] });
      return;
    }
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let counted = true;
    const done = () => {
      if (counted) {
        counted = false;
        inFlight--;
      }
    };
    res.on('close', done);
    try {
      const body = await readBody(req);
      const recorded = await record(req, path, body);
      requests.push(recorded);
      if (recorded.kind === 'other' || req.method !== 'POST') {
        sendJson(res, 404, { error: { message: `no route ${req.method} ${path}`, type: 'not_found' } });
        return;
      }
      if (recorded.kind === 'chat' && recorded.json === undefined) {
        sendJson(res, 400, { error: { message: 'body is not JSON', type: 'invalid_request_error' } });
        return;
      }
      await respond(res, recorded, await next(recorded));
    } finally {
      if (res.writableEnded) done();
    }
  }

  async function record(req: IncomingMessage, path: string, body: Buffer): Promise<RecordedRequest> {
    const kind: RequestKind =
      path === '/v1/chat/completions' ? 'chat' : path === '/v1/audio/transcriptions' ? 'transcription' : path === '/v1/ocr' ? 'ocr' : 'other';
    const r: RecordedRequest = {
      index: received++,
      kind,
      method: req.method ?? 'GET',
      path,
      headers: req.headers,
      body,
      at: performance.now(),
    };
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('application/json')) {
      try {
        r.json = JSON.parse(body.toString('utf8'));
        const name = r.json?.response_format?.json_schema?.name;
        if (typeof name === 'string') r.schemaName = name;
      } catch {
        // recorded raw; chat answers 400
      }
    } else if (type.startsWith('multipart/form-data')) {
      // undici's multipart parser, the same one fetch clients use
      const form = await new Response(new Uint8Array(body), { headers: { 'content-type': type } }).formData();
      r.fields = {};
      r.files = {};
      for (const [name, value] of form) {
        if (typeof value === 'string') r.fields[name] = value;
        else r.files[name] = { filename: value.name, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) };
      }
    }
    return r;
  }

  async function respond(res: ServerResponse, req: RecordedRequest, b: Behaviour): Promise<void> {
    // A late answer on purpose (the behaviour under test: timeouts, concurrency limits), not a wait.
    if ('delayMs' in b && b.delayMs) await new Promise((r) => setTimeout(r, b.delayMs));
    if (res.destroyed) return;
    switch (b.type) {
      case 'ok':
        sendJson(res, 200, req.kind === 'chat' ? chatCompletion(req, b.content, b.finishReason) : b.content);
        return;
      case 'garbage':
        sendJson(res, 200, req.kind === 'chat' ? chatCompletion(req, b.content ?? 'Sure! Here is the JSON you asked for: {summary: oops') : (b.content ?? 'garbage'));
        return;
      case 'fail':
        sendJson(res, b.status, b.body ?? { error: { message: `fake failure ${b.status}`, type: b.status === 429 ? 'rate_limit_exceeded' : 'server_error' } });
        return;
      case 'hang':
        return; // the response stays open; close() destroys the socket
      case 'close-mid-response': {
        const payload = Buffer.from(JSON.stringify(req.kind === 'chat' ? chatCompletion(req, b.content ?? { partial: true }) : (b.content ?? { text: 'partial' })));
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(payload.length) });
        // destroy once the first half has been handed to the socket, so the client sees it arrive
        await new Promise<void>((resolve) => res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => resolve()));
        res.socket?.destroy();
        return;
      }
      case 'reset':
        res.socket?.destroy();
        return;
    }
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    setBehaviour(b) {
      behaviour = Array.isArray(b) ? [...b] : b;
    },
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    reset() {
      requests.length = 0;
      maxInFlight = inFlight;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
      });
    },
  };
}

function chatCompletion(req: RecordedRequest, content: unknown, finishReason = 'stop'): unknown {
  return {
    id: `chatcmpl-fake-${req.index}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: typeof req.json?.model === 'string' ? req.json.model : 'fake',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: typeof content === 'string' ? content : JSON.stringify(content) },
        finish_reason: finishReason,
      },
    ],
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(payload.length) });
  res.end(payload);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The first `enum` anywhere in a JSON schema (the LLM drafter sends candidate sections as one). */
export function findEnum(schema: unknown): string[] | null {
  if (!schema || typeof schema !== 'object') return null;
  if (Array.isArray((schema as any).enum)) return (schema as any).enum;
  for (const v of Object.values(schema)) {
    const found = findEnum(v);
    if (found) return found;
  }
  return null;
}

/**
 * A schema-valid answer to each JSON schema the LLM drafter (src/models/llm-drafter.ts) asks for,
 * or null for any other request.
 */
export function drafterAnswer(req: RecordedRequest): object | null {
  if (req.schemaName === 'fir_extraction') {
    return {
      summary: 'A mobile phone was stolen at a bus stand.',
      language: 'en',
      complainant: { name: 'Asha Verma', dateOfBirth: null, nationality: null, fatherOrHusbandName: null, address: '7 Mall Road, Jaipur', contact: null, passportNumber: null, occupation: null },
      incident: { occurredFrom: '2025-03-10T19:30:00+05:30', occurredTo: null, place: 'Sanganeri Gate bus stand', address: null, description: 'Mobile phone stolen from pocket.', delayReason: null },
      suspects: [],
      witnesses: [],
      property: [{ description: 'mobile phone', valueInr: 12999 }],
      amountsInr: [12999],
    };
  }
  if (req.schemaName === 'fir_sections') {
    const options = findEnum(req.json?.response_format?.json_schema?.schema) ?? [];
    return { sections: options.slice(0, 1).map((section) => ({ section, confidence: 0.9 })) };
  }
  if (req.schemaName === 'fir_narrative') return { narrative: 'The complainant states that her mobile phone was stolen.' };
  return null;
}
