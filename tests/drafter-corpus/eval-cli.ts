/**
 * npm run eval:drafter                 tables per language and per crime head, tuning and test split
 *                                      (the LLM drafter when LLM_URL is set, else the built-in one)
 * npm run eval:drafter -- --misses     also list the tuning split's misses (never the test split's:
 *                                      the rules are not tuned on it)
 * npm run eval:drafter -- --json       the scores as JSON
 * npm run eval:drafter -- --assign-split
 *                                      give records without a split one, once: per language, 60% tune
 *                                      and 40% test by the SHA-256 of the id; existing splits never change
 *                                      (`-- --assign-split te kn`: only those languages)
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { pino } from 'pino';
import { parseConfig } from '../../src/config.ts';
import { createBuiltinDrafter } from '../../src/models/drafter/builtin-drafter.ts';
import { createModels } from '../../src/models/index.ts';
import { CORPUS_DIR, type CorpusRecord, type RecordResult, calibration, corpusFiles, evaluate, loadCorpus, score, table } from './evaluate.ts';

const args = new Set(process.argv.slice(2));

function assignSplit(only: string[]): void {
  const files = corpusFiles();
  const all: Array<{ file: string; records: CorpusRecord[] }> = files.map((f) => ({ file: f, records: JSON.parse(readFileSync(`${CORPUS_DIR}/${f}`, 'utf8')) }));
  const byLang = new Map<string, CorpusRecord[]>();
  for (const { records } of all) for (const r of records) byLang.set(r.language, [...(byLang.get(r.language) ?? []), r]);
  let assigned = 0;
  for (const [lang, records] of byLang) {
    if (only.length && !only.includes(lang)) continue;
    const fresh = records.filter((r) => !r.split);
    if (fresh.length === 0) continue;
    const hash = (id: string) => createHash('sha256').update(id).digest('hex');
    fresh.sort((a, b) => hash(a.id).localeCompare(hash(b.id)));
    const tune = Math.ceil(fresh.length * 0.6);
    fresh.forEach((r, i) => {
      r.split = i < tune ? 'tune' : 'test';
      assigned++;
    });
  }
  for (const { file, records } of all) {
    const ordered = records.map(({ id, language, crimeHead, basis, split, receivedAt, text, expected, ...rest }) => ({ id, language, split, crimeHead, basis, receivedAt, text, expected, ...rest }));
    writeFileSync(`${CORPUS_DIR}/${file}`, `${JSON.stringify(ordered, null, 2)}\n`);
  }
  console.log(`assigned a split to ${assigned} records`);
}

function pct(a: number, b: number): string {
  return b === 0 ? '–' : `${((100 * a) / b).toFixed(1)}%`;
}

async function main(): Promise<void> {
  if (args.has('--assign-split')) return assignSplit(process.argv.slice(2).filter((a) => !a.startsWith('--')));
  const records = loadCorpus();
  // With LLM_URL (and LLM_MODEL, LLM_API_KEY) set, the model path is measured: the drafter the
  // gateway would run, retrieval handing the model its candidate sections.
  const drafter = process.env.LLM_URL
    ? createModels(parseConfig({ ...process.env, DATABASE_URL: undefined }), pino({ level: 'warn' })).drafter
    : createBuiltinDrafter();
  console.log(`drafter: ${drafter.name}${process.env.LLM_URL ? ` (${new URL(process.env.LLM_URL).host})` : ''}`);
  // one warm-up pass so the timings below are not the index build
  await evaluate(drafter, records.slice(0, 3));
  const results = await evaluate(drafter, records);
  const part = (split: string) => results.filter((r) => r.split === split);
  if (args.has('--json')) {
    const out: Record<string, unknown> = {};
    for (const split of ['tune', 'test']) out[split] = { all: score(part(split)), calibration: calibration(records, part(split)) };
    console.log(JSON.stringify(out, null, 2));
    return;
  }
  console.log(`Drafter evaluation: ${records.length} complaints, ${new Set(records.map((r) => r.language)).size} languages, ${new Set(records.map((r) => r.crimeHead)).size} crime heads\n`);
  for (const split of ['tune', 'test', 'unsplit']) {
    const rs = part(split);
    if (rs.length === 0) continue;
    console.log(`## ${split} split (${rs.length})\n`);
    console.log(table(rs, (r) => r.language, 'language'));
    console.log('');
    console.log(table(rs, (r) => r.crimeHead, 'crime head'));
    const cal = calibration(records, rs);
    const s = score(rs);
    console.log(`\nsections given confidence >= 0.8: ${cal.n}, right ${pct(cal.right, cal.n)}; general provision listed first: ${s.generalFirst}; dates invented: ${s.dateInvented}; failed drafts: ${s.failed}\n`);
  }
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  console.log(`time per complaint (all stages): median ${ms[Math.floor(ms.length / 2)]?.toFixed(1)} ms, max ${ms[ms.length - 1]?.toFixed(1)} ms`);
  if (args.has('--misses')) printMisses(records, part('tune'));
}

function printMisses(records: readonly CorpusRecord[], rs: readonly RecordResult[]): void {
  const byId = new Map(records.map((r) => [r.id, r]));
  console.log('\n## tuning split misses\n');
  for (const r of rs) {
    const rec = byId.get(r.id)!;
    const bits: string[] = [];
    if (!r.top3) bits.push(`sections [${r.sections.map((s) => `${s.number}:${s.confidence}`).join(' ')}] want ${rec.expected.principal.join('|')}`);
    if (r.name === false) bits.push(`name ${JSON.stringify(r.got.name)} want ${JSON.stringify(rec.expected.complainant.name)}`);
    if (!r.date) bits.push(`date ${r.got.date} want ${rec.expected.incident.date}`);
    if (r.place === false) bits.push(`place ${JSON.stringify(r.got.place)} want ${JSON.stringify(rec.expected.incident.placeMustContain)}`);
    if (r.failed) bits.push(`FAILED ${r.failed}`);
    if (bits.length) console.log(`${r.id} (${r.crimeHead}): ${bits.join('; ')}`);
  }
}

await main();
