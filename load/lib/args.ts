/** Command-line flags for the benchmarks (`npm run bench:x -- --flag value`). */
import { parseArgs } from 'node:util';

export type FlagSpec = Record<string, { type: 'string' | 'boolean'; default?: string | boolean; help: string }>;

export interface ParsedFlags {
  str(name: string): string | undefined;
  bool(name: string): boolean;
  /** an integer flag (underscores allowed: 1_000_000) within [min, max]; exits 2 when invalid */
  int(name: string, min: number, max: number): number;
}

export function parseFlags(usage: string, spec: FlagSpec, argv = process.argv.slice(2)): ParsedFlags {
  const help = () =>
    `${usage}\n\n${Object.entries(spec)
      .map(([k, v]) => `  --${k}${v.type === 'string' ? ' <value>' : ''}`.padEnd(30) + `${v.help}${v.default !== undefined && v.default !== false ? ` (default ${v.default})` : ''}`)
      .join('\n')}`;
  const fail = (message: string): never => {
    console.error(`${message}\n\n${help()}`);
    process.exit(2);
  };
  let values: Record<string, string | boolean | undefined> = {};
  try {
    const options = Object.fromEntries(Object.entries(spec).map(([k, v]) => [k, { type: v.type }]));
    values = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false })
      .values as Record<string, string | boolean | undefined>;
  } catch (err) {
    fail((err as Error).message);
  }
  if (values.help) {
    console.log(help());
    process.exit(0);
  }
  const get = (name: string) => values[name] ?? spec[name]?.default;
  return {
    str: (name) => {
      const v = get(name);
      return typeof v === 'string' && v !== '' ? v : undefined;
    },
    bool: (name) => get(name) === true,
    int: (name, min, max) => {
      const raw = String(get(name) ?? '');
      const n = Number(raw.replace(/_/g, ''));
      if (!/^\d[\d_]*$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
        fail(`--${name} must be an integer between ${min} and ${max}, got '${raw}'`);
      }
      return n;
    },
  };
}
