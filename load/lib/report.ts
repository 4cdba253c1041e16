/** Summary blocks on stdout and result files in load/results/ (gitignored). */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './gateway.ts';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memGiB: number;
  platform: string;
  node: string;
  commit: string | null;
  dirty: boolean | null;
  /** 1/5/15-minute load averages when the summary was taken (other work on the box skews results) */
  loadavg: number[];
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  let commit: string | null = null;
  let dirty: boolean | null = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'migrations'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim().length > 0;
  } catch {
    /* not a git checkout */
  }
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    commit,
    dirty,
    loadavg: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/** Prints a titled block of aligned `label  value` lines. */
export function printBlock(title: string, rows: Array<[string, string]>): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  const rule = '='.repeat(Math.max(title.length, 72));
  console.log(`\n${rule}\n${title}\n${rule}`);
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  console.log(rule);
}

/** Writes `data` to load/results/<name>-<timestamp>.json and returns the path. */
export function writeResult(name: string, data: unknown): string {
  const dir = join(REPO_ROOT, 'load', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = join(dir, `${name}-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}

export function log(message: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}
