/**
 * Shutdown as an orchestrator or a terminal does it: SIGTERM to a gateway that holds idle
 * keep-alive connections and a live graphql-ws subscription, and SIGTERM to `npm start` itself
 * (npm runs the script through `sh -c`; without `exec` the shell, not node, got the signal and
 * node stayed alive after npm had gone). Embedded PGlite in a fresh DATA_DIR, no demo seed.
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminHeaders, TEST_AUTH_ENV } from '../helpers/auth.ts';
import { childEnv, freePort, ROOT, ServiceProcess, START_TIMEOUT_MS, wsClient } from '../helpers/processes.ts';
import { waitFor, withTimeout } from '../helpers/wait.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function env(): Promise<{ env: NodeJS.ProcessEnv; port: number }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'afirgen-shutdown-'));
  dirs.push(dataDir);
  return {
    port,
    env: childEnv({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_DEMO: 'false', LOG_LEVEL: 'info', NODE_ENV: 'development', ...TEST_AUTH_ENV }),
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** one GET over the keep-alive agent: the connection stays open and idle afterwards */
function keepAliveGet(agent: Agent, port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('shutdown', () => {
  it(
    'SIGTERM with idle keep-alive connections and an open graphql-ws connection: WebSocket closed 1001, exit 0 within 10 s',
    async () => {
      const { env: e, port } = await env();
      const server = new ServiceProcess('gateway', 'shutdown-gateway', e);
      try {
        await server.ready(START_TIMEOUT_MS);
        const agent = new Agent({ keepAlive: true, maxSockets: 4 });
        await Promise.all([1, 2, 3, 4].map(() => keepAliveGet(agent, port, '/health')));
        const headers = await adminHeaders();
        const res = await fetch(`${server.base}/graphql`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ stations(first: 1) { totalCount } }' }) });
        expect(res.status).toBe(200);

        // not lazy: the socket stays open with or without a subscription (a lazy client closes
        // itself with 1000 once its last subscription ends)
        const client = wsClient(server.base, { lazy: false });
        const codes: number[] = [];
        client.on('closed', (event) => void codes.push((event as { code: number }).code));
        await waitFor(() => client.counts.connected === 1, { timeoutMs: 10_000, message: 'the WebSocket to connect' });

        const started = Date.now();
        const exit = await server.stop(12_000);
        const took = Date.now() - started;
        expect(exit.signal).toBeNull(); // not the SIGKILL stop() sends after its budget
        expect(exit.code).toBe(0);
        expect(took).toBeLessThan(10_000);
        await waitFor(() => codes.length > 0, { timeoutMs: 5_000, message: 'the WebSocket close event' });
        expect(codes[0]).toBe(1001);
        agent.destroy();
      } finally {
        if (server.running) await server.kill();
      }
    },
    START_TIMEOUT_MS + 30_000,
  );

  it(
    'a second SIGTERM while the first is still draining exits at once',
    async () => {
      const { env: e, port } = await env();
      const server = new ServiceProcess('gateway', 'shutdown-twice', e);
      try {
        await server.ready(START_TIMEOUT_MS);
        // A request whose headers never end: the connection is busy, not idle, so the first
        // SIGTERM's drain waits for it (until the 6 s cut).
        const socket = connect(port, '127.0.0.1');
        socket.on('error', () => undefined);
        await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
        socket.write('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n');
        server.proc.kill('SIGTERM');
        await waitFor(() => server.logLines.some((l) => l.msg === 'shutting down'), { timeoutMs: 5_000, intervalMs: 10, message: 'the first shutdown to begin' });
        expect(server.running).toBe(true);
        const second = Date.now();
        server.proc.kill('SIGTERM');
        const exit = await withTimeout(server.exited, 5_000, 'exit after the second SIGTERM');
        expect(exit).toEqual({ code: 0, signal: null });
        expect(Date.now() - second).toBeLessThan(3_000);
        expect(server.logLines.some((l) => l.msg === 'second signal: exiting now')).toBe(true);
        socket.destroy();
      } finally {
        if (server.running) await server.kill();
      }
    },
    START_TIMEOUT_MS + 30_000,
  );

  it(
    'SIGTERM to `npm start` reaches node: both are gone, node exits 0',
    async () => {
      const { env: e, port } = await env();
      const npm = spawn('npm', ['start'], { cwd: ROOT, env: { ...e, PATH: `${join(ROOT, 'node_modules/.bin')}:${e.PATH}` }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      npm.stdout!.on('data', (b) => (out += b));
      npm.stderr!.on('data', (b) => (out += b));
      const npmExit = new Promise((resolve) => npm.once('exit', resolve));
      let nodePid = 0;
      try {
        await waitFor(
          async () => {
            try {
              return (await fetch(`http://127.0.0.1:${port}/health`)).ok;
            } catch {
              return false;
            }
          },
          { timeoutMs: START_TIMEOUT_MS, intervalMs: 200, message: 'npm start to serve' },
        );
        // the process listening on the port: npm's child (the script's shell replaced by node)
        const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(npm.pid)], { encoding: 'utf8' }).trim().split(/\s+/).map(Number);
        nodePid = children.find((p) => p > 0) ?? 0;
        expect(nodePid).toBeGreaterThan(0);
        npm.kill('SIGTERM');
        await withTimeout(npmExit, 10_000, 'npm to exit');
        await waitFor(() => !alive(nodePid), { timeoutMs: 10_000, intervalMs: 50, message: 'node started by npm to exit' });
        expect(out).toContain('"msg":"stopped"');
      } finally {
        if (nodePid && alive(nodePid)) process.kill(nodePid, 'SIGKILL');
        if (npm.exitCode === null) npm.kill('SIGKILL');
      }
    },
    START_TIMEOUT_MS + 30_000,
  );
});
