/**
 * Token verification (src/auth/tokens.ts) and the whole HTTP path that uses it (authenticate.ts,
 * admission.ts, use-admission.ts through an in-process Yoga app over a seeded PGlite):
 *  - HS256: valid, forged, expired (and within the clock skew), `alg: none`, a tampered payload,
 *    a missing `exp`/`sub`, a pinned algorithm, issuer and audience, headers that are no bearer
 *    token, and the officer rules (sub must be an Officer whose row has the token's role);
 *  - JWKS from a local node:http server: RS256 and ES256, HS256 refused, key rotation (an unknown
 *    kid refetches the set), a burst of unknown kids (at most one fetch per cooldown) and the
 *    verified-token cache (a cached token is not checked again, an expired one is refused).
 * A refusal never echoes the token.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { admissionOf, createApp } from '../../src/app.ts';
import { AuthError, createTokenVerifier, type TokenSettings, type TokenVerifier } from '../../src/auth/tokens.ts';
import { seedDemoIfEmpty } from '../../src/db/seed.ts';
import { encodeGlobalId } from '../../src/global-id.ts';
import { testApp } from '../helpers/app.ts';
import { TEST_AUTH_SECRET, tokenFor } from '../helpers/auth.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { graphqlClient, type GqlResponse } from '../helpers/graphql.ts';
import { waitFor } from '../helpers/wait.ts';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSec = () => Math.floor(Date.now() / 1000);
const hs = new TextEncoder().encode(TEST_AUTH_SECRET);

/** An HS256 token with exactly these claims (no defaults), signed with `secret`. */
function signed(claims: Record<string, unknown>, options: { secret?: string; alg?: string } = {}): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: options.alg ?? 'HS256', typ: 'JWT' }).sign(options.secret ? new TextEncoder().encode(options.secret) : hs);
}

/** The AuthError reason a verification fails with (fails the test when it succeeds). */
async function reasonOf(verifier: TokenVerifier, token: string): Promise<string> {
  try {
    const claims = await verifier.verify(token);
    throw new Error(`expected a refusal, the token was accepted: ${JSON.stringify(claims)}`);
  } catch (err) {
    if (!(err instanceof AuthError)) throw err;
    if (token.length > 8) expect(err.message).not.toContain(token);
    return err.reason;
  }
}

/** The same token with its payload replaced (header and signature kept). */
function withPayload(token: string, change: (claims: Record<string, unknown>) => Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  return `${header}.${b64(change(JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'))))}.${signature}`;
}

/** What a refusal says, by reason (src/auth/tokens.ts, authenticate.ts). */
const MESSAGES = {
  malformed: /^(The token is not a JWT|The Authorization header must be "Bearer <token>")$/,
  invalid: /^The token could not be verified$/,
  expired: /^The token has expired$/,
  claims: /^(The token is not for this service|The token lacks a valid sub or role|The token names no known role)$/,
  'unknown-officer': /^The token names no officer of this service$/,
  'role-mismatch': /^The token's role is not the officer's role$/,
} as const;

const unsigned = (claims: Record<string, unknown>) => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;

describe('createTokenVerifier with an HS256 secret', () => {
  const verifier = createTokenVerifier({ secret: TEST_AUTH_SECRET, clockSkewSeconds: 30 });
  const valid = () => ({ sub: 'someone', role: 'CITIZEN', exp: nowSec() + 600 });

  it('accepts a valid token and returns its claims', async () => {
    const claims = await verifier.verify(await signed(valid()));
    expect(claims).toMatchObject({ sub: 'someone', role: 'CITIZEN' });
    expect(claims.exp).toBeGreaterThan(nowSec());
  });

  it('refuses a forged token, alg none, a tampered payload and an algorithm it is not configured for', async () => {
    expect(await reasonOf(verifier, await signed(valid(), { secret: 'another-secret-another-secret-0123456789' }))).toBe('invalid');
    expect(await reasonOf(verifier, unsigned(valid()))).toBe('invalid');
    const good = await signed(valid());
    expect(await reasonOf(verifier, withPayload(good, (c) => ({ ...c, role: 'ADMIN' })))).toBe('invalid');
    expect(await reasonOf(verifier, `${good}x`)).toBe('invalid');
    // the right secret, but HS512: only HS256 is allowed
    expect(await reasonOf(verifier, await signed(valid(), { alg: 'HS512' }))).toBe('invalid');
  });

  it('refuses an expired token beyond the skew, accepts one within it, and a zero skew refuses it', async () => {
    expect(await reasonOf(verifier, await signed({ ...valid(), exp: nowSec() - 120 }))).toBe('expired');
    const recent = await signed({ ...valid(), exp: nowSec() - 10 });
    expect((await verifier.verify(recent)).sub).toBe('someone');
    expect(await reasonOf(createTokenVerifier({ secret: TEST_AUTH_SECRET, clockSkewSeconds: 0 }), recent)).toBe('expired');
    // a token not valid yet (nbf beyond the skew)
    expect(await reasonOf(verifier, await signed({ ...valid(), nbf: nowSec() + 300 }))).toBe('claims');
  });

  it('requires exp, sub and a string role', async () => {
    expect(await reasonOf(verifier, await signed({ sub: 'someone', role: 'CITIZEN' }))).toBe('claims');
    expect(await reasonOf(verifier, await signed({ role: 'CITIZEN', exp: nowSec() + 600 }))).toBe('claims');
    expect(await reasonOf(verifier, await signed({ ...valid(), role: 7 }))).toBe('claims');
    expect(await reasonOf(verifier, await signed({ ...valid(), sub: '' }))).toBe('claims');
  });

  it('checks audience and issuer when configured', async () => {
    const strict = createTokenVerifier({ secret: TEST_AUTH_SECRET, audience: 'afirgen', issuer: 'https://idp.test' });
    const right = { ...valid(), aud: 'afirgen', iss: 'https://idp.test' };
    expect((await strict.verify(await signed(right))).aud).toBe('afirgen');
    expect((await strict.verify(await signed({ ...right, aud: ['other', 'afirgen'] }))).sub).toBe('someone');
    expect(await reasonOf(strict, await signed({ ...right, aud: 'other' }))).toBe('claims');
    expect(await reasonOf(strict, await signed({ ...right, iss: 'https://evil.test' }))).toBe('claims');
    const { aud: _a, ...noAudience } = right;
    expect(await reasonOf(strict, await signed(noAudience))).toBe('claims');
    const { iss: _i, ...noIssuer } = right;
    expect(await reasonOf(strict, await signed(noIssuer))).toBe('claims');
  });

  it('refuses what is not a JWT', async () => {
    for (const t of ['', 'not-a-jwt', 'a.b', 'a.b.c.d', `${'a'.repeat(9000)}.b.c`]) expect(await reasonOf(verifier, t)).toBe('malformed');
    expect(await reasonOf(verifier, 'a.b.c')).toBe('invalid');
  });
});

describe('the HTTP path (in-process app over seeded PGlite)', () => {
  let db: TestDb;
  let api: ReturnType<typeof testApp>;
  let officer: { id: number; gid: string; stationGid: string };
  let sho: { id: number };
  const VIEWER = '{ viewer { id role station { id } } }';

  beforeAll(async () => {
    db = await createTestDb('pglite');
    await seedDemoIfEmpty(db.db);
    api = testApp(db);
    const first = (role: string) => db.db.selectFrom('officer').select(['id', 'station_id']).where('role', '=', role).orderBy('id').executeTakeFirstOrThrow();
    const o = await first('OFFICER');
    officer = { id: o.id, gid: encodeGlobalId('Officer', o.id), stationGid: encodeGlobalId('PoliceStation', o.station_id!) };
    sho = { id: (await first('STATION_HOUSE_OFFICER')).id };
  });
  afterAll(async () => {
    await db?.drop();
  });

  const as = (authorization: string) => api.gql(VIEWER, undefined, { authorization });

  /**
   * The 401 of a refused token. The admission's error carries `extensions.reason`, but the error
   * normaliser (use-error-codes.ts PUBLIC_EXTENSIONS) drops it from responses, so over HTTP the
   * reason is told by the message; `reasonAt` checks the reason the app's own admission gives.
   */
  function expect401(res: GqlResponse, reason: keyof typeof MESSAGES, token?: string) {
    expect(res.status, res.text).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors, res.text).toHaveLength(1);
    const error = res.body.errors![0]!;
    expect(error.extensions.code).toBe('UNAUTHENTICATED');
    expect(error.message, `the message of a "${reason}" refusal`).toMatch(MESSAGES[reason]);
    expect(error.extensions.reason).toBe(reason);
    if (token) {
      expect(res.text).not.toContain(token);
      for (const part of token.split('.').filter((p) => p.length > 8)) expect(res.text).not.toContain(part);
    }
  }

  /** The reason the app's admission refuses an Authorization header with. */
  async function reasonAt(authorization: string): Promise<unknown> {
    const who = await admissionOf(api.app).authenticate(authorization);
    if (who.ok) throw new Error(`expected a refusal, got the viewer ${JSON.stringify(who.viewer)}`);
    expect(who.status).toBe(401);
    expect(who.error.extensions.code).toBe('UNAUTHENTICATED');
    return who.error.extensions.reason;
  }

  it("accepts a valid officer token: the viewer is that officer, with its row's station", async () => {
    const res = await as(`Bearer ${await tokenFor('OFFICER', officer.id)}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.data.viewer).toEqual({ id: officer.gid, role: 'OFFICER', station: { id: officer.stationGid } });
    // "bearer" is case-insensitive
    expect((await as(`bearer ${await tokenFor('OFFICER', officer.id)}`)).body.data.viewer.id).toBe(officer.gid);
  });

  it('accepts a token that expired within the clock skew', async () => {
    const token = await signed({ sub: officer.gid, role: 'OFFICER', exp: nowSec() - 5 });
    expect((await as(`Bearer ${token}`)).body.data?.viewer?.id).toBe(officer.gid);
  });

  it.each([
    ['forged (another secret)', () => tokenFor('OFFICER', 0, { secret: 'an-attackers-secret-an-attackers-secret-0123' }), 'invalid'],
    ['expired beyond the skew', () => signed({ sub: 'x', role: 'ADMIN', exp: nowSec() - 3600 }), 'expired'],
    ['alg none', async () => unsigned({ sub: 'test-admin', role: 'ADMIN', exp: nowSec() + 600 }), 'invalid'],
    ['tampered payload (role raised, signature kept)', async () => withPayload(await tokenFor('CITIZEN', 'c-1'), (c) => ({ ...c, role: 'ADMIN' })), 'invalid'],
    ['missing exp', () => signed({ sub: 'test-admin', role: 'ADMIN' }), 'claims'],
    ['a role that does not exist', () => signed({ sub: 'x', role: 'SUPERUSER', exp: nowSec() + 600 }), 'claims'],
    ['an officer sub that is no officer', () => tokenFor('OFFICER', 2_000_000_000), 'unknown-officer'],
    ['an officer sub that is another type', () => tokenFor('OFFICER', encodeGlobalId('PoliceStation', 1)), 'unknown-officer'],
    ['an officer sub that is no global id', () => tokenFor('DISTRICT_ADMIN', 'not a global id'), 'unknown-officer'],
  ] as const)('refuses %s with 401 UNAUTHENTICATED', async (_name, make, reason) => {
    const token = await make();
    expect401(await as(`Bearer ${token}`), reason, token);
    expect(await reasonAt(`Bearer ${token}`)).toBe(reason);
  });

  it("refuses a role claim that disagrees with the officer's row, either way", async () => {
    // an OFFICER token for a STATION_HOUSE_OFFICER, and an officer claiming to be its SHO
    const mismatched = [await tokenFor('OFFICER', sho.id), await tokenFor('STATION_HOUSE_OFFICER', officer.id), await tokenFor('DISTRICT_ADMIN', officer.id)];
    for (const token of mismatched) {
      expect401(await as(`Bearer ${token}`), 'role-mismatch', token);
      expect(await reasonAt(`Bearer ${token}`)).toBe('role-mismatch');
    }
    // the same officers with their rows' roles are admitted
    expect((await as(`Bearer ${await tokenFor('STATION_HOUSE_OFFICER', sho.id)}`)).body.data?.viewer?.role).toBe('STATION_HOUSE_OFFICER');
  });

  it('refuses an Authorization header that is not "Bearer <jwt>"', async () => {
    const token = await tokenFor('OFFICER', officer.id);
    expect401(await as('Bearer not-a-jwt'), 'malformed');
    expect401(await as(token), 'malformed', token);
    expect401(await as(`Basic ${Buffer.from('admin:admin').toString('base64')}`), 'malformed');
    expect401(await as('Bearer'), 'malformed');
    expect401(await as(`Bearer ${token} ${token}`), 'malformed', token);
    expect401(await as('Bearer a.b.c'), 'invalid');
    for (const header of ['Bearer not-a-jwt', token, 'Basic YWRtaW46YWRtaW4=', 'Bearer']) expect(await reasonAt(header)).toBe('malformed');
  });

  it('no header at all is the anonymous, not a refusal: public fields answer, the rest is UNAUTHENTICATED', async () => {
    const anon = await api.gql('{ viewer { id } legalSections(first: 1) { edges { node { id } } } }', undefined, { authorization: '' });
    expect(anon.status, anon.text).toBe(200);
    expect(anon.body.errors).toBeUndefined();
    expect(anon.body.data.viewer).toBeNull();
    expect(anon.body.data.legalSections.edges).toHaveLength(1);
    const stations = await api.gql('{ stations(first: 1) { edges { node { id } } } }', undefined, { authorization: '' });
    expect(stations.body.errors?.map((e) => [e.extensions.code, e.message])).toEqual([['UNAUTHENTICATED', 'Sign in to do this: send Authorization: Bearer <token>']]);
  });

  it('checks issuer and audience over HTTP when the app is configured with them', async () => {
    const app = createApp({ db: db.db, log: pino({ level: 'silent' }), auth: { secret: TEST_AUTH_SECRET, audience: 'afirgen', issuer: 'https://idp.test' } });
    const client = graphqlClient(app.fetch, 'http://localhost/graphql');
    const call = async (options: { audience?: string; issuer?: string }) =>
      client.gql(VIEWER, undefined, { authorization: `Bearer ${await tokenFor('OFFICER', officer.id, options)}` });
    expect((await call({ audience: 'afirgen', issuer: 'https://idp.test' })).body.data?.viewer?.id).toBe(officer.gid);
    expect401(await call({ audience: 'someone-else', issuer: 'https://idp.test' }), 'claims');
    expect401(await call({ audience: 'afirgen', issuer: 'https://evil.test' }), 'claims');
    expect401(await call({}), 'claims');
  });
});

describe('JWKS (RS256 and ES256 keys from a local server)', () => {
  let server: Server;
  let url: string;
  /** what the server serves; each test starts from the first RSA and EC keys */
  let served: JWK[] = [];
  /** arrival times of the JWKS requests */
  const fetches: number[] = [];
  const keys: Record<string, { privateKey: CryptoKey; jwk: JWK; alg: 'RS256' | 'ES256' }> = {};

  async function addKey(kid: string, alg: 'RS256' | 'ES256') {
    const { privateKey, publicKey } = await generateKeyPair(alg);
    keys[kid] = { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' }, alg };
  }
  const sign = (kid: string, claims: Record<string, unknown> = {}, headerKid = kid) =>
    new SignJWT({ role: 'CITIZEN', ...claims })
      .setProtectedHeader({ alg: keys[kid]!.alg, kid: headerKid, typ: 'JWT' })
      .setSubject((claims.sub as string | undefined) ?? 'citizen-1')
      .setExpirationTime((claims.exp as number | undefined) ?? nowSec() + 600)
      .sign(keys[kid]!.privateKey);
  const verifier = (settings: Partial<TokenSettings> = {}) => createTokenVerifier({ jwksUrl: url, ...settings });

  beforeAll(async () => {
    await Promise.all([addKey('rsa-1', 'RS256'), addKey('ec-1', 'ES256'), addKey('rsa-2', 'RS256'), addKey('rogue', 'RS256')]);
    server = createServer((req, res) => {
      fetches.push(Date.now());
      if (req.url !== '/jwks.json') return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/jwk-set+json' }).end(JSON.stringify({ keys: served }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  beforeEach(() => {
    served = [keys['rsa-1']!.jwk, keys['ec-1']!.jwk];
    fetches.length = 0;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('verifies RS256 and ES256 tokens, fetching the key set once', async () => {
    const v = verifier();
    expect(await v.verify(await sign('rsa-1'))).toMatchObject({ sub: 'citizen-1', role: 'CITIZEN' });
    expect(await v.verify(await sign('ec-1'))).toMatchObject({ sub: 'citizen-1', role: 'CITIZEN' });
    expect(await v.verify(await sign('rsa-1', { role: 'ADMIN' }))).toMatchObject({ role: 'ADMIN' });
    expect(fetches).toHaveLength(1);
  });

  it('refuses HS256 (even signed with the public key), alg none, a key it does not serve and an expired token', async () => {
    const v = verifier();
    expect(await reasonOf(v, await signed({ sub: 'x', role: 'ADMIN', exp: nowSec() + 600 }))).toBe('invalid');
    // algorithm confusion: HS256 keyed with the RSA public key's modulus
    const confused = await signed({ sub: 'x', role: 'ADMIN', exp: nowSec() + 600 }, { secret: keys['rsa-1']!.jwk.n! });
    expect(await reasonOf(v, confused)).toBe('invalid');
    expect(await reasonOf(v, unsigned({ sub: 'x', role: 'ADMIN', exp: nowSec() + 600 }))).toBe('invalid');
    // refused on the algorithm alone: junk tokens cannot make the gateway fetch the key set
    expect(fetches).toHaveLength(0);
    // signed by a key the server does not serve, under a kid it does
    expect(await reasonOf(v, await sign('rogue', {}, 'rsa-1'))).toBe('invalid');
    expect(await reasonOf(v, withPayload(await sign('ec-1'), (c) => ({ ...c, role: 'ADMIN' })))).toBe('invalid');
    expect(await reasonOf(v, await sign('rsa-1', { exp: nowSec() - 3600 }))).toBe('expired');
  });

  it('picks up a rotated key: a token with a new kid is accepted once the set is refetched', async () => {
    const cooldown = 300;
    const v = verifier({ jwksCooldownMs: cooldown });
    await v.verify(await sign('rsa-1'));
    expect(fetches).toHaveLength(1);
    served = [keys['rsa-2']!.jwk, keys['ec-1']!.jwk];
    const rotated = await sign('rsa-2', { sub: 'after-rotation' });
    const claims = await waitFor(() => v.verify(rotated).catch((err) => (err instanceof AuthError ? null : Promise.reject(err))), {
      timeoutMs: 10_000,
      intervalMs: 25,
      message: 'the token of the new key to be accepted',
    });
    expect(claims.sub).toBe('after-rotation');
    // one refetch for the unknown kid, not one per attempt
    expect(fetches).toHaveLength(2);
    expect(fetches[1]! - fetches[0]!).toBeGreaterThanOrEqual(cooldown - 5);
  });

  it('a burst of tokens with unknown kids fetches the set at most once per cooldown', async () => {
    const cooldown = 300;
    const v = verifier({ jwksCooldownMs: cooldown });
    await v.verify(await sign('rsa-1'));
    expect(fetches).toHaveLength(1);
    const unknown = await Promise.all(Array.from({ length: 20 }, (_, i) => sign('rogue', {}, `unknown-${i}`)));
    const burst = async () => {
      const before = fetches.length;
      const reasons = await Promise.all(unknown.map((t) => reasonOf(v, t)));
      expect(new Set(reasons)).toEqual(new Set(['invalid']));
      expect(fetches.length - before, 'fetches of one burst').toBeLessThanOrEqual(1);
    };
    // right after a fetch: within the cooldown, nothing is fetched
    await burst();
    expect(fetches.length).toBeLessThanOrEqual(2);
    // bursts keep coming: the set is refetched, but never twice within one cooldown
    await waitFor(
      async () => {
        await burst();
        return fetches.length >= 4;
      },
      { timeoutMs: 15_000, intervalMs: 20, message: () => `three refetches (${fetches.length} fetches so far)` },
    );
    for (let i = 1; i < fetches.length; i++) expect(fetches[i]! - fetches[i - 1]!, `gap before fetch ${i}`).toBeGreaterThanOrEqual(cooldown - 5);
  });

  it('remembers a verified token: it is not checked against the key set again, even after its key is gone', async () => {
    // cooldown 0: every unknown kid refetches, so a check that did happen would show as a fetch
    const v = verifier({ jwksCooldownMs: 0 });
    const cached = await sign('rsa-1', { sub: 'cached' });
    expect((await v.verify(cached)).sub).toBe('cached');
    expect((await v.verify(cached)).sub).toBe('cached');
    expect(fetches).toHaveLength(1);
    served = [keys['rsa-2']!.jwk];
    await v.verify(await sign('rsa-2'));
    expect(fetches).toHaveLength(2);
    // the remembered token is answered from memory: no fetch, still accepted
    expect((await v.verify(cached)).sub).toBe('cached');
    expect(fetches).toHaveLength(2);
    // a new token of the removed key is checked, refetches and is refused
    expect(await reasonOf(v, await sign('rsa-1', { sub: 'fresh' }))).toBe('invalid');
    expect(fetches).toHaveLength(3);
  });

  it('refuses a remembered token once it expires (no clock skew)', async () => {
    const v = verifier({ clockSkewSeconds: 0 });
    const exp = nowSec() + 2;
    const token = await sign('ec-1', { exp });
    expect((await v.verify(token)).exp).toBe(exp);
    const reason = await waitFor(() => v.verify(token).then(() => null, (err) => (err instanceof AuthError ? err.reason : Promise.reject(err))), {
      timeoutMs: 10_000,
      intervalMs: 50,
      message: 'the remembered token to be refused after its exp',
    });
    expect(reason).toBe('expired');
    expect(Date.now()).toBeGreaterThanOrEqual(exp * 1000);
    expect(fetches).toHaveLength(1);
  });

  it('over HTTP: an app configured with the JWKS URL admits an ES256 officer token and refuses HS256', async () => {
    const db = await createTestDb('pglite');
    try {
      await seedDemoIfEmpty(db.db);
      const row = await db.db.selectFrom('officer').select('id').where('role', '=', 'OFFICER').orderBy('id').executeTakeFirstOrThrow();
      const gid = encodeGlobalId('Officer', row.id);
      const app = createApp({ db: db.db, log: pino({ level: 'silent' }), auth: { jwksUrl: url } });
      const client = graphqlClient(app.fetch, 'http://localhost/graphql');
      const ok = await client.gql('{ viewer { id role } }', undefined, { authorization: `Bearer ${await sign('ec-1', { sub: gid, role: 'OFFICER' })}` });
      expect(ok.body.data?.viewer, ok.text).toEqual({ id: gid, role: 'OFFICER' });
      const hs256 = await tokenFor('OFFICER', row.id);
      const refused = await client.gql('{ viewer { id } }', undefined, { authorization: `Bearer ${hs256}` });
      expect(refused.status).toBe(401);
      expect(refused.body.errors?.map((e) => [e.extensions.code, e.message])).toEqual([['UNAUTHENTICATED', 'The token could not be verified']]);
      expect(refused.text).not.toContain(hs256);
    } finally {
      await db.drop();
    }
  });
});
