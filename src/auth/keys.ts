/**
 * The embedded default's signing secret: made once in the data directory (mode 0600) and reused,
 * so tokens from `npm run token` keep working across restarts. An in-memory data directory
 * (`memory://`) gets a fresh secret per process. Production configures AUTH_JWT_SECRET or
 * AUTH_JWKS_URL instead (config.ts refuses to start without one).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TokenSettings } from './tokens.ts';

export function embeddedSecret(dataDir: string): string {
  if (dataDir.startsWith('memory://')) return randomBytes(32).toString('base64url');
  const file = join(dataDir, 'auth-secret');
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  // wx: two processes starting at once do not overwrite each other's secret.
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw err;
  }
}

/** Token settings from the config: the configured secret or JWKS, else the embedded secret. */
export function tokenSettings(config: {
  AUTH_JWT_SECRET?: string;
  AUTH_JWKS_URL?: string;
  AUTH_ISSUER?: string;
  AUTH_AUDIENCE?: string;
  AUTH_CLOCK_SKEW_SECONDS: number;
  DATA_DIR: string;
}): TokenSettings & { embedded: boolean } {
  const embedded = !config.AUTH_JWT_SECRET && !config.AUTH_JWKS_URL;
  return {
    secret: config.AUTH_JWKS_URL ? null : (config.AUTH_JWT_SECRET ?? embeddedSecret(config.DATA_DIR)),
    jwksUrl: config.AUTH_JWKS_URL ?? null,
    issuer: config.AUTH_ISSUER ?? null,
    audience: config.AUTH_AUDIENCE ?? null,
    clockSkewSeconds: config.AUTH_CLOCK_SKEW_SECONDS,
    embedded,
  };
}
