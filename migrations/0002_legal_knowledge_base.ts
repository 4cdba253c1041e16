/**
 * Loads the BNS legal knowledge base into `legal_section` and `ipc_bns_equivalence`. The sections
 * come from 0002_legal_knowledge_base.data.json beside this file: src/legal/knowledge-base.ts as it
 * was when this migration was written, generated from it once and frozen, so that editing the
 * knowledge base never changes what this migration loads. A change to the knowledge base is a new
 * migration (tests/db/migrations.test.ts fails until there is one).
 *
 * Idempotent and dialect-neutral: it reads what is already there by (act, number), inserts only
 * the missing sections in batches, reads the ids back by (act, number) (never relying on insertId
 * / RETURNING), then inserts only the missing equivalences. Running it again inserts nothing, so a
 * seed can call `loadLegalKnowledgeBase` safely.
 */
import type { Kysely, Transaction } from 'kysely';
import SECTIONS from './0002_legal_knowledge_base.data.json' with { type: 'json' };

/** One entry of the data file: the shape of src/legal/knowledge-base.ts's LegalSectionSeed then. */
interface LegalSectionSeed {
  number: string;
  title: string;
  description: string;
  punishment: string;
  cognizable: boolean;
  bailable: boolean;
  triableBy: string;
  keywords: string[];
  ipc: string[];
  dependsOnPrincipalOffence?: true;
}

const BNS_SECTIONS: readonly LegalSectionSeed[] = SECTIONS as readonly LegalSectionSeed[];

const ACT = 'BNS';
/** rows per INSERT: ~10 parameters a row keeps every statement far below driver limits */
const BATCH = 50;

type Db = Kysely<any> | Transaction<any>;

export async function up(db: Kysely<any>): Promise<void> {
  await loadLegalKnowledgeBase(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await inTransaction(db, async (trx) => {
    const numbers = shippedNumbers();
    const ownIds = trx.selectFrom('legal_section').select('id').where('act', '=', ACT).where('number', 'in', numbers);
    await trx.deleteFrom('ipc_bns_equivalence').where('section_id', 'in', ownIds).execute();
    await trx.deleteFrom('legal_section').where('act', '=', ACT).where('number', 'in', numbers).execute();
  });
}

/**
 * Inserts whatever part of the knowledge base is missing. `inserted` counts new `legal_section`
 * rows, `equivalences` new `ipc_bns_equivalence` rows; both are 0 when everything is loaded.
 */
export async function loadLegalKnowledgeBase(db: Kysely<any>): Promise<{ inserted: number; equivalences: number }> {
  return inTransaction(db, async (trx) => {
    const numbers = shippedNumbers();

    const present = new Set(
      (await trx.selectFrom('legal_section').select('number').where('act', '=', ACT).where('number', 'in', numbers).execute()).map(
        (r: { number: string }) => r.number,
      ),
    );
    const missing = BNS_SECTIONS.filter((s) => !present.has(s.number));
    for (const batch of chunks(missing, BATCH)) {
      await trx.insertInto('legal_section').values(batch.map(toRow)).execute();
    }

    const idByNumber = new Map<string, number>(
      (await trx.selectFrom('legal_section').select(['id', 'number']).where('act', '=', ACT).where('number', 'in', numbers).execute()).map(
        (r: { id: number | string; number: string }) => [r.number, Number(r.id)],
      ),
    );

    const existingPairs = new Set(
      (
        await trx
          .selectFrom('ipc_bns_equivalence')
          .select(['ipc_section', 'section_id'])
          .where('section_id', 'in', [...idByNumber.values()])
          .execute()
      ).map((r: { ipc_section: string; section_id: number | string }) => pairKey(r.ipc_section, Number(r.section_id))),
    );
    const newPairs: Array<{ ipc_section: string; section_id: number }> = [];
    for (const section of BNS_SECTIONS) {
      const sectionId = idByNumber.get(section.number);
      if (sectionId === undefined) throw new Error(`legal knowledge base: BNS ${section.number} was not stored`);
      for (const ipc of new Set(section.ipc)) {
        const key = pairKey(ipc, sectionId);
        if (existingPairs.has(key)) continue;
        existingPairs.add(key);
        newPairs.push({ ipc_section: ipc, section_id: sectionId });
      }
    }
    for (const batch of chunks(newPairs, BATCH * 4)) {
      await trx.insertInto('ipc_bns_equivalence').values(batch).execute();
    }

    return { inserted: missing.length, equivalences: newPairs.length };
  });
}

function toRow(s: LegalSectionSeed) {
  const derivative = s.dependsOnPrincipalOffence === true;
  return {
    act: ACT,
    number: s.number,
    title: s.title,
    description: s.description,
    punishment: s.punishment,
    // The classification of common intention, abetment, conspiracy etc. follows the principal
    // offence: stored as unknown rather than as a nominal value.
    cognizable: derivative ? null : s.cognizable,
    bailable: derivative ? null : s.bailable,
    triable_by: s.triableBy,
    // one space between keywords so the full-text indexes see every word
    keywords: s.keywords.join(' '),
  };
}

function shippedNumbers(): string[] {
  return BNS_SECTIONS.map((s) => s.number);
}

function pairKey(ipc: string, sectionId: number): string {
  return `${ipc}\u0000${sectionId}`;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Kysely's Migrator already wraps a migration in a transaction where the dialect supports
 * transactional DDL (PostgreSQL/PGlite) and passes that Transaction in; a Transaction cannot open
 * another one, so reuse it. Called from a seed (or on MySQL), open our own.
 */
async function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return (db as Kysely<any>).transaction().execute((trx) => fn(trx));
}
