/**
 * gzip or brotli response bodies by the client's Accept-Encoding, q-values respected (negotiator,
 * the parser Express and Koa use): `br;q=0.5, gzip` gets gzip, `gzip;q=0` gets none. Bodies
 * smaller than `minBytes` go as they are (compressing them costs more than it saves), and so do
 * streams (SSE, multipart, incremental delivery) and responses already encoded.
 *
 * Responses served from the response cache repeat the same bytes, so compressed bodies are kept
 * in a small LRU keyed by the body's digest: a warm cache compresses each body once per process.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import Negotiator from 'negotiator';

export interface CompressionOptions {
  /** bodies shorter than this are sent uncompressed; default 1024 */
  minBytes?: number;
  /** bytes of compressed bodies kept for repeated responses; default 32 MiB */
  memoBytes?: number;
}

const ENCODINGS = ['br', 'gzip'];
/** negotiator 1.x; its published types still describe 0.6, without the `preferred` option */
type NegotiatorV1 = { encoding(available: string[], options: { preferred: string[] }): string | undefined };
const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

function encode(body: Buffer, encoding: string): Promise<Buffer> {
  // Brotli quality 5 and gzip level 6: close to the best ratio for JSON at a fraction of the CPU of
  // the maximum settings.
  return encoding === 'br'
    ? brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : gz(body, { level: 6 });
}

export interface Compressor {
  minBytes: number;
  /** the encoding to use for this Accept-Encoding (q-values respected, brotli first on a tie), or undefined */
  negotiate(acceptEncoding: string | null | undefined): 'br' | 'gzip' | undefined;
  /** the body compressed, memoised by digest (repeated cached answers are compressed once) */
  compress(body: Buffer, encoding: 'br' | 'gzip', digest?: string): Promise<Buffer>;
}

export function createCompressor(options: CompressionOptions = {}): Compressor {
  const memo = new LRUCache<string, Buffer>({ maxSize: options.memoBytes ?? 32 * 1024 * 1024, sizeCalculation: (b) => b.length + 64 });
  return {
    minBytes: options.minBytes ?? 1024,
    negotiate(accept) {
      if (!accept) return undefined;
      const e = (new Negotiator({ headers: { 'accept-encoding': accept } }) as NegotiatorV1).encoding(ENCODINGS, { preferred: ENCODINGS });
      return e === 'br' || e === 'gzip' ? e : undefined;
    },
    async compress(body, encoding, digest) {
      const key = `${encoding}:${digest ?? createHash('sha1').update(body).digest('base64url')}`;
      let out = memo.get(key);
      if (!out) {
        out = await encode(body, encoding);
        memo.set(key, out);
      }
      return out;
    },
  };
}

export function useCompression(options: CompressionOptions & { compressor?: Compressor } = {}): Plugin {
  const compressor = options.compressor ?? createCompressor(options);
  const minBytes = compressor.minBytes;
  return {
    async onResponse({ request, response, setResponse, fetchAPI }) {
      const accept = request.headers.get('accept-encoding');
      if (!response.body || response.headers.has('content-encoding')) return;
      const type = response.headers.get('content-type') ?? '';
      if (!/json|text\/html|javascript|text\/plain/.test(type) || /event-stream|multipart/.test(type)) return;
      const length = Number(response.headers.get('content-length') ?? Number.NaN);
      if (Number.isFinite(length) && length < minBytes) return;
      const encoding = compressor.negotiate(accept);
      // Whatever this client accepted, the representation depends on Accept-Encoding.
      if (!/accept-encoding/i.test(response.headers.get('vary') ?? '')) response.headers.append('vary', 'Accept-Encoding');
      if (!encoding) return;
      const body = Buffer.from(await response.arrayBuffer());
      // A plain copy of the headers: the server's Headers copy constructor loses the content type
      // Yoga sets (whatwg-node stores it apart).
      const headers: Record<string, string> = {};
      response.headers.forEach((v, k) => {
        headers[k.toLowerCase()] = v;
      });
      if (body.length < minBytes) {
        setResponse(new fetchAPI.Response(new Uint8Array(body) as Uint8Array<ArrayBuffer>, { status: response.status, statusText: response.statusText, headers }));
        return;
      }
      const out = await compressor.compress(body, encoding);
      headers['content-encoding'] = encoding;
      headers['content-length'] = String(out.length);
      setResponse(new fetchAPI.Response(new Uint8Array(out) as Uint8Array<ArrayBuffer>, { status: response.status, statusText: response.statusText, headers }));
    },
  };
}
