/**
 * Built-in drafter CPU benchmark: CPU time of a whole draft (summarize, retrieve, check,
 * narrative) per complaint of about 2,000 characters, in every language of the evaluation corpus.
 * Each complaint of the corpus is padded with its own sentences to ~2,000 characters and drafted
 * with a fresh received date every time (so the per-complaint memo never answers across
 * iterations). CPU time is process.cpuUsage (user + system) around each draft, which is what a
 * busy worker pays; the goal is under 200 ms per complaint.
 *
 *   npm run bench:drafter [-- --iterations 5 --chars 2000]
 *
 * See load/README.md.
 */
import { parseFlags } from '../lib/args.ts';
import { createBuiltinDrafter } from '../../src/models/drafter/builtin-drafter.ts';
import { loadCorpus } from '../../tests/drafter-corpus/evaluate.ts';

const flags = parseFlags('usage: npm run bench:drafter -- [flags]', {
  iterations: { type: 'string', default: '5', help: 'drafts of each complaint' },
  chars: { type: 'string', default: '2000', help: 'length each complaint is padded to' },
});
const iterations = flags.int('iterations', 1, 1000);
const chars = flags.int('chars', 100, 20_000);

const drafter = createBuiltinDrafter();
const records = loadCorpus();
if (records.length === 0) throw new Error('no complaints in tests/drafter-corpus');

function pad(text: string): string {
  let out = text;
  while (out.length < chars) out += `\n${text}`;
  return out.slice(0, chars);
}

async function draft(text: string, receivedAt: Date): Promise<void> {
  const input = { text, receivedAt, language: null };
  const extraction = await drafter.summarize(input);
  const candidates = await drafter.retrieveSections(input, extraction);
  const sections = await drafter.checkSections(input, extraction, candidates);
  await drafter.draftNarrative(input, extraction, sections);
}

// warm up: the retrieval index and the regular expressions are built on first use
for (const r of records.slice(0, 5)) await draft(pad(r.text), new Date(r.receivedAt));

const byLang = new Map<string, number[]>();
let day = 0;
for (let i = 0; i < iterations; i++) {
  for (const r of records) {
    const text = pad(r.text);
    const receivedAt = new Date(Date.parse(r.receivedAt) + ++day * 60_000);
    const before = process.cpuUsage();
    await draft(text, receivedAt);
    const used = process.cpuUsage(before);
    const ms = (used.user + used.system) / 1000;
    byLang.set(r.language, [...(byLang.get(r.language) ?? []), ms]);
  }
}

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
};
const all = [...byLang.values()].flat();
console.log(`Built-in drafter, CPU ms per ${chars}-character complaint (${records.length} complaints x ${iterations}, node ${process.version})\n`);
console.log('| language | drafts | median | p95 | max |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [lang, xs] of [...byLang.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
  console.log(`| ${lang} | ${xs.length} | ${q(xs, 0.5).toFixed(1)} | ${q(xs, 0.95).toFixed(1)} | ${Math.max(...xs).toFixed(1)} |`);
}
console.log(`| all | ${all.length} | ${q(all, 0.5).toFixed(1)} | ${q(all, 0.95).toFixed(1)} | ${Math.max(...all).toFixed(1)} |`);
const max = Math.max(...all);
console.log(`\ngoal: under 200 ms CPU per complaint: ${max < 200 ? 'met' : 'NOT met'} (max ${max.toFixed(1)} ms)`);
