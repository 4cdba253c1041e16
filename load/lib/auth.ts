/**
 * Benchmarks authenticate like any client: every gateway a benchmark starts verifies HS256 tokens
 * signed with BENCH_AUTH_SECRET (gatewayEnv adds it), and the clients here send an ADMIN token.
 * Rate budgets are set far above what a benchmark spends, so the limiter is consulted on every
 * request (its cost is measured) but never refuses; bench:read prints the gateway with and
 * without admission (load/lib/unguarded-gateway.ts).
 */
import { signToken } from '../../src/auth/tokens.ts';

export const BENCH_AUTH_SECRET = 'afirgen-benchmark-secret-not-for-production-0123456789';

export const BENCH_AUTH_ENV: Record<string, string> = {
  AUTH_JWT_SECRET: BENCH_AUTH_SECRET,
  RATE_LIMIT_COST_PER_MINUTE: '1000000000',
  RATE_LIMIT_GLOBAL_COST_PER_SECOND: '1000000000',
};

export const BENCH_TOKEN = await signToken(BENCH_AUTH_SECRET, { sub: 'bench-admin', role: 'ADMIN', expiresIn: '12h' });

/** `{ authorization: 'Bearer <ADMIN token>' }` */
export const AUTH_HEADERS: Readonly<Record<string, string>> = Object.freeze({ authorization: `Bearer ${BENCH_TOKEN}` });
