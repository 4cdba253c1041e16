/**
 * The gateway under test as a child process (`node src/main.ts`) on a free 127.0.0.1 port, so the
 * load generator and the server never share an event loop. The child is killed when the benchmark
 * ends, fails, is interrupted (SIGINT/SIGTERM) or exits for any other reason.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** the repository root (load/lib/ -> ../..) */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface GatewayOptions {
  /** `{ DATABASE_URL }` or `{ DATA_DIR }` plus anything else; merged over the defaults below */
  env: Record<string, string | undefined>;
  /** how long to wait for GET /ready to answer 200 (migrations run first) */
  readyTimeoutMs?: number;
  /** the entry point, relative to the repository root */
  entry?: string;
  /** print the child's stderr as it arrives (it is always kept for error messages) */
  echoStderr?: boolean;
  /** extra node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=load/results/prof'] */
  nodeArgs?: string[];
}

export interface Gateway {
  port: number;
  /** http://127.0.0.1:<port> */
  origin: string;
  /** http://127.0.0.1:<port>/graphql */
  graphqlUrl: string;
  child: ChildProcess;
  /** the last lines the child wrote to stdout/stderr */
  output(): string;
  /** CPU time (user + system) the child has used so far, ms; null where /proc is unavailable */
  cpuTimeMs(): number | null;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the child has exited */
  stop(graceMs?: number): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (bound and released at once; a tiny race is acceptable here). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
  });
}

// ---- cleanup on every kind of exit --------------------------------------------------------------

const liveChildren = new Set<ChildProcess>();
const cleanups: Array<() => void | Promise<void>> = [];
let handlersInstalled = false;

/** Registers work to run once when the process ends (child kill, temp dir removal, ...). */
export function onCleanup(fn: () => void | Promise<void>): void {
  installHandlers();
  cleanups.push(fn);
}

let cleaning: Promise<void> | undefined;
/** Runs the cleanups (last registered first) once; safe to call repeatedly. */
export function runCleanups(): Promise<void> {
  cleaning ??= (async () => {
    for (const fn of cleanups.splice(0).reverse()) {
      try {
        await fn();
      } catch (err) {
        console.error('cleanup failed:', err instanceof Error ? err.message : err);
      }
    }
  })();
  return cleaning;
}

/** set by SIGINT/SIGTERM: children get a short grace period only */
let interrupted = false;

function killAll() {
  for (const c of liveChildren) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}

function installHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // last resort: synchronous kill of anything still running
  process.on('exit', killAll);
  // a crash anywhere (a stray rejected promise too) still stops the gateway and removes temp data
  for (const ev of ['uncaughtException', 'unhandledRejection'] as const) {
    process.on(ev, (err: unknown) => {
      console.error(`\n${ev}:`, err instanceof Error ? (err.stack ?? err.message) : err);
      void runCleanups().finally(() => process.exit(1));
    });
  }
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      if (interrupted) {
        // second signal: no more waiting
        killAll();
        process.exit(130);
      }
      interrupted = true;
      console.error(`\n${sig}: stopping the gateway and cleaning up`);
      void runCleanups().finally(() => process.exit(130));
    });
  }
}

/**
 * Runs `fn` with the whole benchmark bounded by `timeoutMs`; cleanups run at the end whatever
 * happens, and the process exits non-zero on error or timeout.
 */
export async function runBounded(timeoutMs: number, fn: () => Promise<void>): Promise<void> {
  installHandlers();
  const timer = setTimeout(() => {
    console.error(`\nbenchmark exceeded its time limit (${Math.round(timeoutMs / 1000)} s): aborting`);
    void runCleanups().finally(() => process.exit(2));
  }, timeoutMs);
  timer.unref();
  let code = 0;
  try {
    await fn();
  } catch (err) {
    console.error('\nbenchmark failed:', err instanceof Error ? (err.stack ?? err.message) : err);
    code = 1;
  } finally {
    clearTimeout(timer);
    await runCleanups();
  }
  process.exit(code);
}

// ---- the child ---------------------------------------------------------------------------------

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  installHandlers();
  const port = await freePort();
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({
    ...process.env,
    // never inherit the caller's database choice: the benchmark decides
    DATABASE_URL: undefined,
    DATA_DIR: undefined,
    JOBS_DATABASE_URL: undefined,
    REDIS_URL: undefined,
    PGBOSS_SCHEMA: undefined,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    EXPOSE_SQL_COUNT: 'true',
    ...options.env,
  })) {
    if (v !== undefined && v !== '') env[k] = v;
  }

  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.entry ?? 'src/main.ts'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  liveChildren.add(child);
  const tail: string[] = [];
  const keep = (chunk: Buffer, echo: boolean) => {
    const text = chunk.toString('utf8');
    if (echo) process.stderr.write(text);
    tail.push(...text.split('\n').filter(Boolean));
    if (tail.length > 60) tail.splice(0, tail.length - 60);
  };
  child.stdout!.on('data', (c: Buffer) => keep(c, false));
  child.stderr!.on('data', (c: Buffer) => keep(c, options.echoStderr ?? false));
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      liveChildren.delete(child);
      resolve();
    }),
  );

  const origin = `http://127.0.0.1:${port}`;
  const gateway: Gateway = {
    port,
    origin,
    graphqlUrl: `${origin}/graphql`,
    child,
    output: () => tail.join('\n'),
    cpuTimeMs: () => (child.pid ? processCpuMs(child.pid) : null),
    stop: async (graceMs = 10_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), interrupted ? Math.min(graceMs, 1000) : graceMs);
      await exited;
      clearTimeout(t);
    },
  };
  onCleanup(() => gateway.stop());

  await waitForReady(gateway, options.readyTimeoutMs ?? 120_000, exited);
  return gateway;
}

async function waitForReady(gw: Gateway, timeoutMs: number, exited: Promise<void>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let dead = false;
  void exited.then(() => (dead = true));
  let last = '';
  while (Date.now() < deadline) {
    if (dead) throw new Error(`gateway exited with code ${gw.child.exitCode} before it was ready:\n${gw.output()}`);
    try {
      const res = await fetch(`${gw.origin}/ready`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`gateway not ready after ${timeoutMs} ms (last: ${last}):\n${gw.output()}`);
}

let clockTicks: number | undefined;

/** user + system CPU time of a process from /proc/<pid>/stat (Linux), ms */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after the parenthesised command name; utime and stime are fields 14 and 15
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  } catch {
    return null;
  }
}
