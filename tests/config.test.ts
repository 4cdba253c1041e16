import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, redactUrl } from '../src/config.ts';

/** The ConfigError thrown for `env`, or a failure when nothing is thrown. */
function errorFor(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`parseConfig(${JSON.stringify(env)}) did not throw`);
}

describe('parseConfig', () => {
  it('defaults: embedded PGlite in ./.data, port 4000, demo seed and GraphiQL on', () => {
    const c = parseConfig({});
    expect(c.database).toEqual({ kind: 'pglite', dataDir: './.data' });
    expect(c.PORT).toBe(4000);
    expect(c.HOST).toBe('0.0.0.0');
    expect(c.NODE_ENV).toBe('development');
    expect(c.LOG_LEVEL).toBe('info');
    expect(c.seedDemo).toBe(true);
    expect(c.graphiql).toBe(true);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.REDIS_URL).toBeUndefined();
    expect(c.JOBS_DATABASE_URL).toBeUndefined();
    expect(c.DB_POOL_SIZE).toBe(10);
    expect(c.EXPOSE_SQL_COUNT).toBe(false);
  });

  it("'' counts as unset", () => {
    const blank = parseConfig({
      PORT: '',
      HOST: '',
      LOG_LEVEL: '',
      DATABASE_URL: '',
      REDIS_URL: '',
      JOBS_DATABASE_URL: '',
      DATA_DIR: '',
      SEED_DEMO: '',
      GRAPHIQL: '',
      NODE_ENV: '',
      DB_POOL_SIZE: '',
    });
    expect(blank).toEqual(parseConfig({}));
  });

  it('reads the variables it is given', () => {
    const c = parseConfig({ PORT: '8080', HOST: '127.0.0.1', LOG_LEVEL: 'debug', DATA_DIR: '/var/lib/afirgen', DB_POOL_SIZE: '25' });
    expect(c.PORT).toBe(8080);
    expect(c.HOST).toBe('127.0.0.1');
    expect(c.LOG_LEVEL).toBe('debug');
    expect(c.DB_POOL_SIZE).toBe(25);
    expect(c.database).toEqual({ kind: 'pglite', dataDir: '/var/lib/afirgen' });
  });

  it.each([
    ['mysql://app:pw@db:3306/afirgen', 'mysql'],
    ['postgres://app:pw@db:5432/afirgen', 'postgres'],
    ['postgresql://app@db/afirgen', 'postgres'],
  ] as const)('DATABASE_URL=%s chooses %s', (url, kind) => {
    const c = parseConfig({ DATABASE_URL: url });
    expect(c.database).toEqual({ kind, url });
    expect(c.DATABASE_URL).toBe(url);
  });

  it('SEED_DEMO defaults to false with a DATABASE_URL, and can be turned on', () => {
    expect(parseConfig({ DATABASE_URL: 'mysql://db/afirgen' }).seedDemo).toBe(false);
    expect(parseConfig({ DATABASE_URL: 'postgres://db/afirgen' }).seedDemo).toBe(false);
    expect(parseConfig({ DATABASE_URL: 'mysql://db/afirgen', SEED_DEMO: 'true' }).seedDemo).toBe(true);
    expect(parseConfig({ SEED_DEMO: 'false' }).seedDemo).toBe(false);
    expect(parseConfig({ SEED_DEMO: '0' }).seedDemo).toBe(false);
    expect(parseConfig({ SEED_DEMO: '1' }).seedDemo).toBe(true);
  });

  // Production needs a way to verify tokens (issue 13), so these production configs carry a secret.
  const PRODUCTION = { NODE_ENV: 'production', AUTH_JWT_SECRET: 'a-production-secret-of-32-characters-or-more' };

  it('GraphiQL is off in production unless asked for', () => {
    expect(parseConfig(PRODUCTION).graphiql).toBe(false);
    expect(parseConfig({ ...PRODUCTION, GRAPHIQL: 'true' }).graphiql).toBe(true);
    expect(parseConfig({ GRAPHIQL: 'false' }).graphiql).toBe(false);
  });

  it('production refuses to start without AUTH_JWT_SECRET or AUTH_JWKS_URL; a short secret is refused anywhere', () => {
    const err = errorFor({ NODE_ENV: 'production' });
    expect(err.message).toMatch(/\bAUTH_JWT_SECRET\b/);
    expect(err.message).toMatch(/\bAUTH_JWKS_URL\b/);
    expect(() => parseConfig(PRODUCTION)).not.toThrow();
    expect(() => parseConfig({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp.example.in/.well-known/jwks.json' })).not.toThrow();
    // development makes its own secret in the data directory
    expect(() => parseConfig({})).not.toThrow();
    expect(errorFor({ AUTH_JWT_SECRET: 'too-short' }).message).toMatch(/\bAUTH_JWT_SECRET\b/);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['DATABASE_URL', 'ftp://x'],
    ['DATABASE_URL', 'mysql:/missing-slash'],
    ['LOG_LEVEL', 'loud'],
    ['REDIS_URL', 'http://x'],
    ['JOBS_DATABASE_URL', 'mysql://db/jobs'],
    ['SEED_DEMO', 'yes'],
    ['NODE_ENV', 'staging'],
    ['DB_POOL_SIZE', '0'],
  ])('%s=%s throws a ConfigError naming the variable', (name, value) => {
    const err = errorFor({ [name]: value });
    expect(err.message).toMatch(new RegExp(`\\b${name}\\b`));
    // only the bad variable is named
    for (const other of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'REDIS_URL', 'SEED_DEMO']) {
      if (other !== name && !name.endsWith(other)) expect(err.message).not.toMatch(new RegExp(`\\b${other}\\b`));
    }
  });

  it('names every bad variable at once', () => {
    const err = errorFor({ PORT: 'x', LOG_LEVEL: 'loud', REDIS_URL: 'http://x' });
    for (const name of ['PORT', 'LOG_LEVEL', 'REDIS_URL']) expect(err.message).toContain(name);
  });

  it('a bad value does not leak into the message as a credential', () => {
    // The message names the variable; a URL the user typed may hold a password.
    const err = errorFor({ DATABASE_URL: 'ftp://user:s3cret@host/db' });
    expect(err.message).toContain('DATABASE_URL');
    expect(err.message).not.toContain('s3cret');
  });

  it('the result is frozen', () => {
    const c = parseConfig({});
    expect(Object.isFrozen(c)).toBe(true);
    // ES modules are strict: writing to a frozen object throws.
    expect(() => {
      (c as { PORT: number }).PORT = 1;
    }).toThrow(TypeError);
    expect(c.PORT).toBe(4000);
  });

  it('does not read process.env when given an env', () => {
    const saved = process.env.PORT;
    process.env.PORT = 'not-a-port';
    try {
      expect(parseConfig({}).PORT).toBe(4000);
    } finally {
      if (saved === undefined) delete process.env.PORT;
      else process.env.PORT = saved;
    }
  });
});

describe('redactUrl', () => {
  it('hides the password and keeps the rest', () => {
    const r = redactUrl('mysql://app:s3cret@db.internal:3306/afirgen');
    expect(r).not.toContain('s3cret');
    expect(r).toBe('mysql://app:***@db.internal:3306/afirgen');
  });

  it('hides a password that needs percent-encoding', () => {
    const r = redactUrl('postgres://app:p%40ss%3Aword@db/afirgen');
    expect(r).not.toMatch(/p%40ss|p@ss|word/);
    expect(r).toContain('db/afirgen');
  });

  it('leaves a URL without a password as it was', () => {
    expect(redactUrl('postgres://postgres@127.0.0.1:5432/afirgen_test')).toBe('postgres://postgres@127.0.0.1:5432/afirgen_test');
    expect(redactUrl('redis://127.0.0.1:6379/0')).toBe('redis://127.0.0.1:6379/0');
  });

  it('does not echo an unparseable URL (it could be a password)', () => {
    const r = redactUrl('not a url s3cret');
    expect(r).not.toContain('s3cret');
  });
});
