/**
 * The benchmarks' baseline gateway: src/main.ts without admission (no authentication, query limits
 * or rate limits), so `bench:read` can print what those cost. Only this file asks for it; no
 * environment variable can.
 */
import { configOrExit } from '../../src/config.ts';
import { serve } from '../../src/server.ts';

await serve(configOrExit(), { unguarded: true });
