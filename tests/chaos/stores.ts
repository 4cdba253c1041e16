/**
 * Store instances of the chaos suite's own, on spare ports, so a scenario can kill and restart
 * them without touching the machine's services (which other test runs share): a MariaDB and a
 * PostgreSQL with throwaway data directories, started from the Debian binaries. Redis is
 * tests/helpers/cache.ts ScratchRedis.
 *
 * Both are run as their system users (mysql, postgres) because neither server runs as root; the
 * child is the server process itself, never a wrapper, so `kill()` signals the server.
 * A restart reuses the data directory and port: a client sees the same server come back, after
 * crash recovery when it was SIGKILLed.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canConnect } from '../helpers/cache.ts';
import { freePort } from '../helpers/processes.ts';
import { waitFor, withTimeout } from '../helpers/wait.ts';

function userIds(name: string): { uid: number; gid: number } {
  return { uid: Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim()), gid: Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim()) };
}

abstract class ScratchServer {
  port = 0;
  protected dir = '';
  protected proc: ChildProcess | null = null;
  protected log = '';
  abstract readonly label: string;
  protected abstract init(): void;
  protected abstract spawnServer(): ChildProcess;
  protected abstract ready(): Promise<boolean>;

  get running(): boolean {
    return !!this.proc && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  async start(): Promise<this> {
    if (!this.dir) {
      this.port = await freePort();
      this.dir = mkdtempSync(join(tmpdir(), `afirgen-chaos-${this.label}-`));
      this.init();
    }
    this.log = '';
    const proc = this.spawnServer();
    this.proc = proc;
    proc.stdout?.setEncoding('utf8').on('data', (s: string) => void (this.log = (this.log + s).slice(-8000)));
    proc.stderr?.setEncoding('utf8').on('data', (s: string) => void (this.log = (this.log + s).slice(-8000)));
    await waitFor(
      async () => {
        if (proc.exitCode !== null) throw new Error(`${this.label} on port ${this.port} exited with ${proc.exitCode}:\n${this.log}`);
        return (await canConnect(this.port)) && (await this.ready());
      },
      { timeoutMs: 60_000, intervalMs: 50, message: () => `${this.label} to accept connections on port ${this.port}\n${this.log}` },
    );
    return this;
  }

  /** SIGKILL (a crash) by default; SIGTERM for a clean shutdown. */
  async stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const p = this.proc;
    this.proc = null;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill(signal);
    await withTimeout(exited, 30_000, `${this.label} to exit after ${signal}`);
  }

  /** SIGSTOP/SIGCONT: a server that freezes with its connections open. */
  signal(sig: 'SIGSTOP' | 'SIGCONT'): void {
    this.proc?.kill(sig);
  }

  async destroy(): Promise<void> {
    await this.stop();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = '';
  }
}

/** A MariaDB of our own: root with an empty password over TCP, database `afirgen_chaos`. */
export class ScratchMariaDb extends ScratchServer {
  readonly label = 'mariadb';
  get url(): string {
    return `mysql://root@127.0.0.1:${this.port}/afirgen_chaos`;
  }
  protected init(): void {
    const { uid, gid } = userIds('mysql');
    chownSync(this.dir, uid, gid);
    execFileSync(
      'mariadb-install-db',
      ['--no-defaults', `--datadir=${join(this.dir, 'data')}`, '--user=mysql', '--auth-root-authentication-method=normal', '--skip-test-db'],
      { stdio: 'pipe' },
    );
  }
  protected spawnServer(): ChildProcess {
    return spawn(
      '/usr/sbin/mariadbd',
      [
        '--no-defaults',
        `--datadir=${join(this.dir, 'data')}`,
        '--user=mysql',
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(this.dir, 'sock')}`,
        `--pid-file=${join(this.dir, 'pid')}`,
        '--skip-log-bin',
        '--innodb-buffer-pool-size=128M',
        '--innodb-flush-log-at-trx-commit=2',
        '--max-connections=500',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
  }
  protected async ready(): Promise<boolean> {
    try {
      execFileSync('mariadb', ['-h127.0.0.1', `-P${this.port}`, '-uroot', '--connect-timeout=2', '-e', 'create database if not exists afirgen_chaos character set utf8mb4 collate utf8mb4_bin'], { stdio: 'pipe' });
      return true;
    } catch {
      return false;
    }
  }
}

function postgresBin(name: string): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(base, v, 'bin', name))) return join(base, v, 'bin', name);
  throw new Error(`no PostgreSQL ${name} under ${base}`);
}

/** A PostgreSQL of our own: user postgres, trust authentication, database `postgres`. */
export class ScratchPostgres extends ScratchServer {
  readonly label = 'postgres';
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }
  protected init(): void {
    const ids = userIds('postgres');
    chownSync(this.dir, ids.uid, ids.gid);
    mkdirSync(join(this.dir, 'run'));
    chownSync(join(this.dir, 'run'), ids.uid, ids.gid);
    execFileSync(postgresBin('initdb'), ['-D', join(this.dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8'], { stdio: 'pipe', ...ids });
  }
  protected spawnServer(): ChildProcess {
    const ids = userIds('postgres');
    return spawn(
      postgresBin('postgres'),
      ['-D', join(this.dir, 'data'), '-p', String(this.port), '-k', join(this.dir, 'run'), '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200'],
      { stdio: ['ignore', 'pipe', 'pipe'], ...ids },
    );
  }
  protected async ready(): Promise<boolean> {
    try {
      execFileSync(postgresBin('pg_isready'), ['-h', '127.0.0.1', '-p', String(this.port), '-t', '2'], { stdio: 'pipe' });
      return true;
    } catch {
      return false;
    }
  }
}
