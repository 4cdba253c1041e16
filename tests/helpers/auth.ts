/**
 * Tokens for tests: every test app and runtime verifies HS256 tokens signed with TEST_AUTH_SECRET
 * (see app.ts, runtime.ts and processes.ts here), and the request helpers send an ADMIN token
 * unless a test sends its own `authorization` header (`''` sends none: the anonymous).
 */
import { signToken } from '../../src/auth/tokens.ts';
import type { Role } from '../../src/auth/viewer.ts';
import { encodeGlobalId } from '../../src/global-id.ts';

export const TEST_AUTH_SECRET = 'test-secret-for-the-afirgen-test-suite-0123456789';

/** createApp's `auth` option for tests */
export const testAuth = { secret: TEST_AUTH_SECRET };

/** environment of a test runtime or child gateway process */
export const TEST_AUTH_ENV = { AUTH_JWT_SECRET: TEST_AUTH_SECRET };

/** A token for `role`; officer roles take the officer's numeric id (or its global id). */
export function tokenFor(role: Role, sub: string | number, options: { expiresIn?: string | number; secret?: string; audience?: string; issuer?: string } = {}): Promise<string> {
  const subject = typeof sub === 'number' ? encodeGlobalId('Officer', sub) : sub;
  return signToken(options.secret ?? TEST_AUTH_SECRET, { sub: subject, role, expiresIn: options.expiresIn ?? '1h', audience: options.audience, issuer: options.issuer });
}

let admin: Promise<string> | null = null;

/** The ADMIN token the helpers send by default (sub `test-admin`). */
export function adminToken(): Promise<string> {
  admin ??= tokenFor('ADMIN', 'test-admin', { expiresIn: '24h' });
  return admin;
}

/** `{ authorization: 'Bearer <admin token>' }` */
export async function adminHeaders(): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await adminToken()}` };
}

/**
 * Headers with the default ADMIN authorization unless `headers` has its own (any case);
 * an empty `authorization` is removed, so the request is anonymous.
 */
export async function withAuth(headers: Record<string, string> = {}): Promise<Record<string, string>> {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === 'authorization');
  if (key === undefined) return { ...(await adminHeaders()), ...headers };
  if (headers[key] !== '') return headers;
  const { [key]: _drop, ...rest } = headers;
  return rest;
}
