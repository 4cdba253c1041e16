/**
 * `npm run token -- --role OFFICER --sub <officer id>`: prints a token the gateway accepts, signed
 * with AUTH_JWT_SECRET or the embedded default's secret in DATA_DIR (the same one `npm start` made
 * or will make). For officer roles `--sub` is the Officer's global id (or its number); ADMIN and
 * CITIZEN take any stable id (default: `admin`, `citizen-1`). `--expires 1h` sets the lifetime
 * (default 12h). With AUTH_JWKS_URL set, tokens come from your identity provider, not from here.
 */
import { parseArgs } from 'node:util';
import { configOrExit } from '../config.ts';
import { encodeGlobalId } from '../global-id.ts';
import { tokenSettings } from './keys.ts';
import { signToken } from './tokens.ts';
import { OFFICER_ROLES, type Role, ROLES } from './viewer.ts';

const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'ADMIN' },
    sub: { type: 'string' },
    expires: { type: 'string', default: '12h' },
  },
});
const role = (values.role ?? 'ADMIN').toUpperCase() as Role;
if (!ROLES.includes(role)) {
  console.error(`--role must be one of ${ROLES.join(', ')}`);
  process.exit(2);
}
const config = configOrExit();
if (config.AUTH_JWKS_URL) {
  console.error('AUTH_JWKS_URL is set: tokens are issued by your identity provider, not by this command.');
  process.exit(2);
}
let sub = values.sub;
if (OFFICER_ROLES.has(role)) {
  if (!sub) {
    console.error(
      `--sub <officer id> is required for ${role}: the officer's station and district come from its row.\n` +
        'Find officers with an ADMIN token: { stations(first: 5) { edges { node { name officers { id name role } } } } }',
    );
    process.exit(2);
  }
  if (/^\d+$/.test(sub)) sub = encodeGlobalId('Officer', sub);
}
sub ??= role === 'ADMIN' ? 'admin' : 'citizen-1';
const settings = tokenSettings(config);
const token = await signToken(settings.secret!, { sub, role, expiresIn: values.expires, issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE });
process.stdout.write(`${token}\n`);
