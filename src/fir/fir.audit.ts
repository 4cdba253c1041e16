/**
 * What an audit row may say about a changed FIR field. The audit log proves who changed what and
 * when; it must not become a second copy of people's personal data:
 *  - personal data (complainant details, suspects, witnesses, the incident's address and place) is
 *    recorded only as set / cleared: `"[redacted]"` or null. A hash would not do: a phone or
 *    passport number, or a short place name, hashes to something anyone can reverse by trying
 *    candidates.
 *  - free text (summary, narrative, incident description and delay reason, a rejection
 *    reason) can name people too; it is recorded as its length and a SHA-256 fingerprint, enough
 *    to tell whether two versions are the same text and to verify a text against the log.
 *  - everything else (status, version, FIR number, acts, section ids, incident times) in clear.
 */
import { createHash } from 'node:crypto';

export const REDACTED = '[redacted]';

const PERSONAL = new Set([
  'complainant.name',
  'complainant.dateOfBirth',
  'complainant.nationality',
  'complainant.fatherOrHusbandName',
  'complainant.address',
  'complainant.contact',
  'complainant.passportNumber',
  'complainant.occupation',
  'suspects',
  'witnesses',
  'incident.address',
  'incident.place',
]);

const FREE_TEXT = new Set(['summary', 'narrative', 'incident.description', 'incident.delayReason', 'rejectionReason']);

export interface TextFingerprint {
  chars: number;
  sha256: string;
}

function fingerprint(text: string): TextFingerprint {
  return { chars: [...text].length, sha256: createHash('sha256').update(text, 'utf8').digest('hex') };
}

/** The value an audit row records for `field` (an API field path such as `complainant.contact`). */
export function auditValue(field: string, value: unknown): unknown {
  if (value == null) return null;
  if (PERSONAL.has(field)) return Array.isArray(value) ? `${REDACTED} x${value.length}` : REDACTED;
  if (FREE_TEXT.has(field)) return fingerprint(String(value));
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** `{ field: [before, after] }` with every value passed through auditValue. */
export function auditChanges(changes: Record<string, [unknown, unknown]>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const [field, [before, after]] of Object.entries(changes)) out[field] = [auditValue(field, before), auditValue(field, after)];
  return out;
}
