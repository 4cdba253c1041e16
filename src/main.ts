/**
 * Composition root of the gateway: the environment's config, then the server (src/server.ts).
 * With no environment set everything runs in this process on embedded PGlite.
 */
import { configOrExit } from './config.ts';

const config = configOrExit();
const { serve } = await import('./server.ts');
await serve(config);
