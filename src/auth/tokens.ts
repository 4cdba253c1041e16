/**
 * JWT verification with jose: HS256 with a shared secret, or RS256/ES256 from a JWKS URL (jose's
 * remote key set caches the keys, picks up rotation and refetches for an unknown `kid` at most
 * once per cooldown). `exp` is required, `iss`/`aud` are checked when configured, and a small
 * clock skew is allowed. Tokens are verified, never decoded blindly; `alg: none` and any algorithm
 * not configured are refused by jose itself.
 *
 * Verified tokens are remembered until they expire (an LRU keyed by the token's digest), so a
 * client sending the same token on every request pays for one signature check, not one each.
 */
import { createHash } from 'node:crypto';
import { createRemoteJWKSet, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';

export interface TokenSettings {
  /** HS256 shared secret */
  secret?: string | null;
  /** RS256/ES256 keys */
  jwksUrl?: string | null;
  issuer?: string | null;
  audience?: string | null;
  clockSkewSeconds?: number;
  /** cooldown between JWKS refetches for an unknown kid (ms; default 60 s) */
  jwksCooldownMs?: number;
}

/** Why a token was refused; never carries the token or its claims. */
export type AuthFailure = 'malformed' | 'invalid' | 'expired' | 'claims' | 'unknown-officer' | 'role-mismatch';

export class AuthError extends Error {
  readonly reason: AuthFailure;
  constructor(reason: AuthFailure, message: string) {
    super(message);
    this.name = 'AuthError';
    this.reason = reason;
  }
}

export interface VerifiedClaims extends JWTPayload {
  sub: string;
  role: string;
  exp: number;
}

export interface TokenVerifier {
  verify(token: string): Promise<VerifiedClaims>;
}

const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

export function createTokenVerifier(settings: TokenSettings): TokenVerifier {
  if (!settings.secret && !settings.jwksUrl) throw new Error('a token verifier needs a secret or a JWKS URL');
  const key = settings.jwksUrl
    ? createRemoteJWKSet(new URL(settings.jwksUrl), { cooldownDuration: settings.jwksCooldownMs ?? 60_000, cacheMaxAge: 10 * 60_000 })
    : new TextEncoder().encode(settings.secret!);
  const algorithms = settings.jwksUrl ? ['RS256', 'ES256'] : ['HS256'];
  const options = {
    algorithms,
    requiredClaims: ['exp', 'sub'],
    clockTolerance: settings.clockSkewSeconds ?? 30,
    ...(settings.issuer ? { issuer: settings.issuer } : {}),
    ...(settings.audience ? { audience: settings.audience } : {}),
  };
  const verified = new LRUCache<string, VerifiedClaims>({ max: 10_000 });
  const skewMs = (settings.clockSkewSeconds ?? 30) * 1000;

  return {
    async verify(token) {
      if (token.length > 8192 || token.split('.').length !== 3) throw new AuthError('malformed', 'The token is not a JWT');
      const id = digest(token);
      const known = verified.get(id);
      if (known) {
        if (known.exp * 1000 + skewMs > Date.now()) return known;
        verified.delete(id);
        throw new AuthError('expired', 'The token has expired');
      }
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, key as Parameters<typeof jwtVerify>[1], options));
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === 'ERR_JWT_EXPIRED') throw new AuthError('expired', 'The token has expired');
        if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') throw new AuthError('claims', 'The token is not for this service');
        throw new AuthError('invalid', 'The token could not be verified');
      }
      if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 200 || typeof payload.role !== 'string') {
        throw new AuthError('claims', 'The token lacks a valid sub or role');
      }
      const claims = payload as VerifiedClaims;
      verified.set(id, claims, { ttl: Math.max(1, claims.exp * 1000 + skewMs - Date.now()) });
      return claims;
    },
  };
}

/** The bearer token of an Authorization header; null when there is none. */
export function bearerToken(authorization: string | null | undefined): string | null {
  if (authorization == null || authorization === '') return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!m) throw new AuthError('malformed', 'The Authorization header must be "Bearer <token>"');
  return m[1]!;
}

/** Signs an HS256 token (the embedded default's `npm run token`, tests). */
export async function signToken(
  secret: string,
  claims: { sub: string; role: string; expiresIn?: string | number; issuer?: string | null; audience?: string | null },
): Promise<string> {
  let jwt = new SignJWT({ role: claims.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '12h');
  if (claims.issuer) jwt = jwt.setIssuer(claims.issuer);
  if (claims.audience) jwt = jwt.setAudience(claims.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
