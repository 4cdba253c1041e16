/**
 * graphql-ws (subprotocol `graphql-transport-ws`) from the benchmark side.
 *
 *  - `GraphqlWsConnection`: a minimal client on `ws` (connection_init/ack, subscribe, next/error/
 *    complete, ping/pong) that timestamps every message on arrival, before parsing, with
 *    `epochNow()` (µs resolution), so a receive time can be compared with a server timestamp
 *    (same machine, same clock).
 *  - `WsClientProcess`: many such connections in a **separate process** (this file forked with
 *    IPC), so thousands of sockets and their message parsing neither share the gateway's CPU
 *    accounting nor the benchmark's event loop. The parent opens groups of connections, waits for
 *    them, collects what they received and closes them.
 *
 *   const client = await WsClientProcess.start();
 *   await client.open({ group: 'a', url: 'ws://127.0.0.1:4000/graphql', connections: 50,
 *                       subscriptionsPerConnection: 20, payload: { query, variables }, waitFirstEvent: true });
 *   await client.completed('a', 60_000);
 *   const { subscriptions } = await client.collect('a');   // per subscription: [recvAt, seq, at][]
 *   await client.close('a'); await client.stop();
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { AUTH_HEADERS } from './auth.ts';

/** wall-clock time in epoch ms with sub-millisecond resolution (comparable across processes) */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

export interface SubscribePayload {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

export interface SubscriptionHandlers {
  /** `recvAt`: epochNow() when the frame arrived, before JSON parsing */
  next(payload: any, recvAt: number): void;
  error?(errors: unknown): void;
  complete?(): void;
}

export class GraphqlWsConnection {
  readonly socket: WebSocket;
  readonly #subs = new Map<string, SubscriptionHandlers>();
  #nextId = 1;
  #closed = false;
  #onClose: Array<(code: number, reason: string) => void> = [];

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data: Buffer) => {
      const recvAt = epochNow();
      let msg: { id?: string; type: string; payload?: unknown };
      try {
        msg = JSON.parse(data.toString('utf8'));
      } catch {
        return;
      }
      switch (msg.type) {
        case 'next':
          this.#subs.get(msg.id!)?.next(msg.payload, recvAt);
          break;
        case 'error': {
          const h = this.#subs.get(msg.id!);
          this.#subs.delete(msg.id!);
          h?.error?.(msg.payload);
          break;
        }
        case 'complete': {
          const h = this.#subs.get(msg.id!);
          this.#subs.delete(msg.id!);
          h?.complete?.();
          break;
        }
        case 'ping':
          this.#send({ type: 'pong' });
          break;
      }
    });
    socket.on('close', (code, reason) => {
      this.#closed = true;
      const pending = [...this.#subs.values()];
      this.#subs.clear();
      for (const h of pending) h.error?.([{ message: `socket closed (${code} ${reason.toString()})` }]);
      for (const fn of this.#onClose) fn(code, reason.toString());
    });
  }

  /** Opens a socket and completes the connection_init / connection_ack handshake. */
  static open(url: string, opts: { timeoutMs?: number; connectionParams?: Record<string, unknown> } = {}): Promise<GraphqlWsConnection> {
    const timeoutMs = opts.timeoutMs ?? 30_000;
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, 'graphql-transport-ws', { perMessageDeflate: false, handshakeTimeout: timeoutMs });
      const timer = setTimeout(() => fail(new Error(`no connection_ack within ${timeoutMs} ms`)), timeoutMs);
      const fail = (err: Error) => {
        clearTimeout(timer);
        socket.removeAllListeners();
        socket.on('error', () => {});
        socket.terminate();
        reject(err);
      };
      socket.once('error', fail);
      socket.once('unexpected-response', (_req, res) => fail(new Error(`HTTP ${res.statusCode} on upgrade`)));
      socket.once('close', (code, reason) => fail(new Error(`closed before ack (${code} ${reason.toString()})`)));
      socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: opts.connectionParams ?? { ...AUTH_HEADERS } })));
      const onAck = (data: Buffer) => {
        let msg: { type?: string };
        try {
          msg = JSON.parse(data.toString('utf8'));
        } catch {
          return;
        }
        if (msg.type !== 'connection_ack') return;
        clearTimeout(timer);
        socket.off('message', onAck);
        socket.removeAllListeners('error');
        socket.removeAllListeners('close');
        socket.removeAllListeners('unexpected-response');
        socket.on('error', () => {}); // surfaced as 'close'
        resolve(new GraphqlWsConnection(socket));
      };
      socket.on('message', onAck);
    });
  }

  get isOpen(): boolean {
    return !this.#closed && this.socket.readyState === WebSocket.OPEN;
  }

  /** number of subscriptions that have neither completed nor failed */
  get active(): number {
    return this.#subs.size;
  }

  onClose(fn: (code: number, reason: string) => void): void {
    this.#onClose.push(fn);
  }

  subscribe(payload: SubscribePayload, handlers: SubscriptionHandlers): string {
    const id = String(this.#nextId++);
    this.#subs.set(id, handlers);
    this.#send({ id, type: 'subscribe', payload });
    return id;
  }

  unsubscribe(id: string): void {
    if (this.#subs.delete(id)) this.#send({ id, type: 'complete' });
  }

  close(code = 1000): Promise<void> {
    if (this.#closed || this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.socket.terminate();
        resolve();
      }, 5000);
      this.socket.once('close', () => {
        clearTimeout(t);
        resolve();
      });
      this.socket.close(code);
    });
  }

  #send(msg: unknown) {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(msg));
  }
}

// ---- the client process ------------------------------------------------------------------------

export interface OpenRequest {
  group: string;
  url: string;
  connections: number;
  subscriptionsPerConnection: number;
  payload: SubscribePayload;
  /** handshakes in flight at once */
  parallel?: number;
  /** resolve only when every subscription has received its first `next` */
  waitFirstEvent?: boolean;
  timeoutMs?: number;
}

export interface OpenResult {
  connections: number;
  subscriptions: number;
  failedConnections: number;
  failedSubscriptions: number;
  /** first few error messages */
  errors: string[];
  ms: number;
}

/** One subscription's record: every `next` as [recvAt epoch ms, seq, at epoch ms] (seq/at of the root field, NaN when absent). */
export interface SubscriptionRecord {
  connection: number;
  events: Array<[number, number, number]>;
  completed: boolean;
  error: string | null;
}

type Command =
  | ({ cmd: 'open' } & OpenRequest)
  | { cmd: 'completed'; group: string; timeoutMs: number }
  | { cmd: 'collect'; group: string }
  | { cmd: 'close'; group: string }
  | { cmd: 'stats' };

interface Group {
  connections: GraphqlWsConnection[];
  subs: SubscriptionRecord[];
  settled: number;
  waiters: Array<() => void>;
}

/** Parent side: a forked client process speaking the commands above over IPC. */
export class WsClientProcess {
  readonly child: ChildProcess;
  #seq = 0;
  readonly #pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  #exited = false;

  private constructor(child: ChildProcess) {
    this.child = child;
    child.on('message', (m: { id: number; ok: boolean; result?: unknown; error?: string }) => {
      const p = this.#pending.get(m.id);
      if (!p) return;
      this.#pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(m.error));
    });
    child.once('exit', (code, signal) => {
      this.#exited = true;
      for (const p of this.#pending.values()) p.reject(new Error(`ws client process exited (${signal ?? code})`));
      this.#pending.clear();
    });
  }

  /** Forks this file as the client process (it inherits the file-descriptor limit). */
  static async start(opts: { execArgv?: string[] } = {}): Promise<WsClientProcess> {
    const child = fork(fileURLToPath(import.meta.url), ['--ws-client-child'], {
      execArgv: opts.execArgv ?? ['--max-old-space-size=4096'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    const client = new WsClientProcess(child);
    await client.#call({ cmd: 'stats' });
    return client;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  open(req: OpenRequest): Promise<OpenResult> {
    return this.#call({ cmd: 'open', ...req });
  }

  /** Waits until every subscription of the group completed or failed; returns how many are still running. */
  completed(group: string, timeoutMs: number): Promise<{ settled: number; total: number; running: number }> {
    return this.#call({ cmd: 'completed', group, timeoutMs });
  }

  collect(group: string): Promise<{ subscriptions: SubscriptionRecord[] }> {
    return this.#call({ cmd: 'collect', group });
  }

  close(group: string): Promise<{ closed: number }> {
    return this.#call({ cmd: 'close', group });
  }

  stats(): Promise<{ rss: number; heapUsed: number; openConnections: number }> {
    return this.#call({ cmd: 'stats' });
  }

  async stop(): Promise<void> {
    if (this.#exited) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.kill('SIGTERM');
    const t = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(t);
  }

  #call<T = any>(cmd: Command): Promise<T> {
    if (this.#exited) return Promise.reject(new Error('ws client process has exited'));
    const id = ++this.#seq;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.child.send({ id, ...cmd });
    });
  }
}

function rootField(payload: any): { seq: number; at: number } {
  const data = payload?.data;
  const field = data && typeof data === 'object' ? (Object.values(data)[0] as any) : null;
  return {
    seq: typeof field?.seq === 'number' ? field.seq : Number.NaN,
    at: typeof field?.at === 'string' ? Date.parse(field.at) : Number.NaN,
  };
}

async function pool<T>(items: number, parallel: number, fn: (i: number) => Promise<T>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, items) }, async () => {
      while (next < items) await fn(next++);
    }),
  );
}

function runChild() {
  const groups = new Map<string, Group>();
  const group = (name: string) => {
    let g = groups.get(name);
    if (!g) {
      g = { connections: [], subs: [], settled: 0, waiters: [] };
      groups.set(name, g);
    }
    return g;
  };
  const settle = (g: Group) => {
    g.settled++;
    if (g.settled >= g.subs.length) for (const w of g.waiters.splice(0)) w();
  };

  async function open(req: OpenRequest): Promise<OpenResult> {
    const g = group(req.group);
    const started = performance.now();
    const errors: string[] = [];
    const note = (m: string) => {
      if (errors.length < 5) errors.push(m);
    };
    let failedConnections = 0;
    let failedSubscriptions = 0;
    let subscriptions = 0;
    const firsts: Promise<void>[] = [];
    const deadline = Date.now() + (req.timeoutMs ?? 300_000);
    await pool(req.connections, req.parallel ?? 100, async () => {
      if (Date.now() > deadline) {
        failedConnections++;
        return;
      }
      let conn: GraphqlWsConnection;
      try {
        conn = await GraphqlWsConnection.open(req.url, { timeoutMs: 30_000 });
      } catch (err) {
        failedConnections++;
        note((err as Error).message);
        return;
      }
      const index = g.connections.push(conn) - 1;
      for (let s = 0; s < req.subscriptionsPerConnection; s++) {
        const rec: SubscriptionRecord = { connection: index, events: [], completed: false, error: null };
        g.subs.push(rec);
        subscriptions++;
        let first!: () => void;
        if (req.waitFirstEvent) firsts.push(new Promise<void>((r) => (first = r)));
        let done = false;
        const end = () => {
          if (done) return;
          done = true;
          first?.();
          settle(g);
        };
        conn.subscribe(req.payload, {
          next: (payload, recvAt) => {
            if (payload?.errors?.length) {
              rec.error ??= JSON.stringify(payload.errors).slice(0, 300);
              note(rec.error);
            }
            const { seq, at } = rootField(payload);
            rec.events.push([recvAt, seq, at]);
            first?.();
          },
          error: (e) => {
            rec.error = JSON.stringify(e).slice(0, 300);
            failedSubscriptions++;
            note(rec.error);
            end();
          },
          complete: () => {
            rec.completed = true;
            end();
          },
        });
      }
    });
    if (req.waitFirstEvent) {
      const left = Math.max(1000, deadline - Date.now());
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(firsts), new Promise<void>((r) => (timer = setTimeout(r, left)))]);
      clearTimeout(timer);
      const without = g.subs.filter((s) => s.events.length === 0 && !s.error).length;
      if (without) note(`${without} subscriptions got no first event within the time limit`);
    }
    return { connections: req.connections - failedConnections, subscriptions, failedConnections, failedSubscriptions, errors, ms: performance.now() - started };
  }

  async function handle(c: Command): Promise<unknown> {
    switch (c.cmd) {
      case 'open':
        return open(c);
      case 'completed': {
        const g = group(c.group);
        if (g.settled < g.subs.length) {
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, c.timeoutMs);
            g.waiters.push(() => {
              clearTimeout(t);
              resolve();
            });
          });
        }
        return { settled: g.settled, total: g.subs.length, running: g.subs.length - g.settled };
      }
      case 'collect':
        return { subscriptions: group(c.group).subs };
      case 'close': {
        const g = group(c.group);
        const n = g.connections.length;
        await Promise.all(g.connections.map((x) => x.close()));
        groups.delete(c.group);
        return { closed: n };
      }
      case 'stats': {
        let open = 0;
        for (const g of groups.values()) for (const x of g.connections) if (x.isOpen) open++;
        const m = process.memoryUsage();
        return { rss: m.rss, heapUsed: m.heapUsed, openConnections: open };
      }
    }
  }

  process.on('message', (m: { id: number } & Command) => {
    handle(m).then(
      (result) => process.send!({ id: m.id, ok: true, result }),
      (err) => process.send!({ id: m.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
  });
  // the parent went away: nothing left to serve
  process.on('disconnect', () => process.exit(0));
  process.on('SIGINT', () => {}); // the parent decides when to stop (Ctrl-C reaches the whole group)
}

if (import.meta.main && process.argv.includes('--ws-client-child')) runChild();

// ---- the inspector of a child (forced GC, exact memory) -----------------------------------------

/**
 * A DevTools-protocol session with a process started with `--inspect=127.0.0.1:<port>`: forces a
 * full garbage collection and reads `process.memoryUsage()` inside it, so memory deltas are not
 * blurred by garbage that merely has not been collected yet.
 */
export class InspectorSession {
  readonly #socket: WebSocket;
  #seq = 0;
  readonly #pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.on('message', (data: Buffer) => {
      const msg = JSON.parse(data.toString('utf8')) as { id?: number; result?: unknown; error?: { message: string } };
      if (msg.id === undefined) return;
      const p = this.#pending.get(msg.id);
      this.#pending.delete(msg.id);
      if (msg.error) p?.reject(new Error(msg.error.message));
      else p?.resolve(msg.result);
    });
    socket.on('close', () => {
      for (const p of this.#pending.values()) p.reject(new Error('inspector session closed'));
      this.#pending.clear();
    });
  }

  /** Connects to the inspector on 127.0.0.1:`port` (retrying while the process starts). */
  static async connect(port: number, timeoutMs = 30_000): Promise<InspectorSession> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    while (Date.now() < deadline) {
      try {
        const list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{ webSocketDebuggerUrl: string }>;
        const url = list[0]?.webSocketDebuggerUrl;
        if (!url) throw new Error('no inspector target');
        const socket = new WebSocket(url, { perMessageDeflate: false });
        await new Promise<void>((resolve, reject) => {
          socket.once('open', () => resolve());
          socket.once('error', reject);
        });
        socket.on('error', () => {});
        return new InspectorSession(socket);
      } catch (err) {
        last = err;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    throw new Error(`could not attach to the inspector on port ${port}: ${(last as Error)?.message}`);
  }

  call<T = any>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.#seq;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Full GC (twice: finalizers of the first can free more), then process.memoryUsage() in the process. */
  async gcAndMeasure(): Promise<NodeJS.MemoryUsage> {
    await this.call('HeapProfiler.collectGarbage');
    await this.call('HeapProfiler.collectGarbage');
    const r = await this.call<{ result: { value: string } }>('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true });
    return JSON.parse(r.result.value);
  }

  close(): void {
    this.#socket.close();
  }
}
