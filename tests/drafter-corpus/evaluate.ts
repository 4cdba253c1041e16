/**
 * Evaluation of a Drafter on the complaint corpus in this folder (see FORMAT.md): principal
 * section top-1 / top-3, field accuracy (complainant name, incident date, place), invented values,
 * confidence calibration and failed drafts, per language and per crime head, for the tuning and the
 * test split. Used by `npm run eval:drafter` (eval-cli.ts) and by tests/models/drafter-corpus.test.ts.
 *
 * Scoring is mechanical and strict: a name is right when it equals the expected one after case,
 * honorifics, punctuation and spacing are folded; a date when the IST calendar day of occurredFrom
 * is the expected day, and a complaint that states no date must give none; a place when every
 * `placeMustContain` string occurs in the drafted place or address.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BNS_SECTIONS } from '../../src/legal/knowledge-base.ts';
import type { DraftInput, Drafter, Extraction, SectionCandidate } from '../../src/models/types.ts';
import { validateDraft } from '../../src/generation/validate.ts';

export const CORPUS_DIR = fileURLToPath(new URL('.', import.meta.url));

export interface CorpusRecord {
  id: string;
  language: string;
  crimeHead: string;
  basis?: string;
  split?: 'tune' | 'test';
  receivedAt: string;
  text: string;
  expected: {
    principal: string[];
    accompanying: string[];
    complainant: {
      name: string | null;
      fatherOrHusbandName?: string | null;
      age?: number | null;
      address?: string | null;
      contact?: string | null;
      occupation?: string | null;
    };
    incident: { date: string | null; time?: string | null; placeMustContain: string[] | null };
    property?: Array<{ description: string; valueInr?: number | null }>;
    suspects?: string[];
    witnesses?: string[];
  };
}

export function corpusFiles(dir = CORPUS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

export function loadCorpus(dir = CORPUS_DIR): CorpusRecord[] {
  const out: CorpusRecord[] = [];
  for (const f of corpusFiles(dir)) out.push(...(JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as CorpusRecord[]));
  return out;
}

const GENERAL = new Set(BNS_SECTIONS.filter((s) => s.dependsOnPrincipalOffence).map((s) => s.number));

export interface RecordResult {
  id: string;
  language: string;
  crimeHead: string;
  split: string;
  failed: string | null;
  sections: SectionCandidate[];
  top1: boolean;
  top3: boolean;
  generalFirst: boolean;
  name: boolean | null;
  nameInvented: boolean;
  date: boolean;
  dateInvented: boolean;
  place: boolean | null;
  address: boolean | null;
  /** the expected property values found among the drafted ones (null when none is expected) */
  property: boolean | null;
  /** a suspect / a witness the complaint names (verbatim) is among the drafted ones (null when it names none) */
  suspect: boolean | null;
  witness: boolean | null;
  got: { name: string | null; date: string | null; place: string | null; address: string | null };
  ms: number;
}

function istDay(d: Date | string | null | undefined): string | null {
  if (!d) return null;
  const t = typeof d === 'string' ? new Date(d) : d;
  if (Number.isNaN(t.getTime())) return null;
  return new Date(t.getTime() + 330 * 60_000).toISOString().slice(0, 10);
}

const HONORIFICS =
  /^(?:mr|mrs|ms|miss|shri|sri|smt|sh|dr|kumari|km|late|श्री|श्रीमती|सुश्री|कुमारी|स्व|श्रीमान|শ্রী|শ্রীমতী|திரு|திருமதி|செல்வி|శ్రీ|శ్రీమతి|ಶ್ರೀ|ಶ್ರೀಮತಿ|ശ്രീ|ശ്രീമതി|શ્રી|શ્રીમતી|ਸ੍ਰੀ|ਸ਼੍ਰੀ|ਸ੍ਰੀਮਤੀ|ਸ਼੍ਰੀਮਤੀ)\.?\s+/iu;

/** Initials before a given name ("ந. ராஜேந்திரன்", "K. Vineesh"): part of the name as written, optional in a match. */
const INITIALS = /^(?:\p{L}\p{M}*\.\s*){1,3}(?=\p{L}\p{M}*\p{L})/u;

export function foldName(s: string | null | undefined): string {
  let t = (s ?? '').normalize('NFC').trim();
  for (let i = 0; i < 3; i++) t = t.replace(HONORIFICS, '');
  t = t.replace(INITIALS, '');
  return t
    .toLowerCase()
    .replace(/[\p{P}\p{S}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function contains(hay: string, needle: string): boolean {
  return hay.normalize('NFC').toLowerCase().includes(needle.normalize('NFC').toLowerCase().trim());
}

export async function evaluateRecord(drafter: Drafter, r: CorpusRecord): Promise<RecordResult> {
  const input: DraftInput = { text: r.text, receivedAt: new Date(r.receivedAt), language: null };
  const started = performance.now();
  let failed: string | null = null;
  let extraction: Extraction | null = null;
  let sections: SectionCandidate[] = [];
  let narrative = '';
  try {
    extraction = await drafter.summarize(input);
    const candidates = await drafter.retrieveSections(input, extraction);
    sections = await drafter.checkSections(input, extraction, candidates);
    narrative = await drafter.draftNarrative(input, extraction, sections);
    const problems = validateDraft({ narrative, sections, extraction });
    if (problems.length) failed = problems.join('; ');
  } catch (err) {
    failed = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  }
  const ms = performance.now() - started;
  const numbers = sections.map((s) => s.number);
  const principal = new Set(r.expected.principal);
  const e = r.expected;
  const gotName = extraction?.complainant.name ?? null;
  const gotDate = istDay(extraction?.incident.occurredFrom ?? null);
  const gotPlace = extraction?.incident.place ?? null;
  const gotAddress = extraction?.complainant.address ?? null;
  const placeHay = `${gotPlace ?? ''} | ${extraction?.incident.address ?? ''}`;
  return {
    id: r.id,
    language: r.language,
    crimeHead: r.crimeHead,
    split: r.split ?? 'unsplit',
    failed,
    sections,
    top1: numbers.length > 0 && principal.has(numbers[0]!),
    top3: numbers.slice(0, 3).some((n) => principal.has(n)),
    generalFirst: numbers.length > 0 && GENERAL.has(numbers[0]!),
    name: e.complainant.name ? foldName(gotName) === foldName(e.complainant.name) : null,
    nameInvented: !e.complainant.name && !!gotName,
    date: e.incident.date ? gotDate === e.incident.date : gotDate === null,
    dateInvented: !e.incident.date && gotDate !== null,
    place: e.incident.placeMustContain?.length ? e.incident.placeMustContain.every((p) => contains(placeHay, p)) : null,
    address: e.complainant.address ? !!gotAddress && (contains(gotAddress, e.complainant.address) || contains(e.complainant.address, gotAddress)) : null,
    property: propertyRight(e.property ?? [], extraction),
    suspect: namedFound(r.text, e.suspects ?? [], extraction?.suspects ?? []),
    witness: namedFound(r.text, e.witnesses ?? [], extraction?.witnesses ?? []),
    got: { name: gotName, date: gotDate, place: gotPlace, address: gotAddress },
    ms,
  };
}

/**
 * Property: every value the complaint states for what was lost is drafted (as an item's value or an
 * amount the draft lists), or the stated total is; null when the complaint values nothing.
 */
function propertyRight(expected: ReadonlyArray<{ valueInr?: number | null }>, ex: Extraction | null): boolean | null {
  const want = expected.map((p) => p.valueInr).filter((v): v is number => typeof v === 'number' && v > 0);
  if (want.length === 0) return null;
  const got = new Set([...(ex?.property ?? []).map((p) => p.valueInr ?? 0), ...(ex?.amountsInr ?? [])].filter((v) => v > 0));
  const total = want.reduce((a, b) => a + b, 0);
  return want.every((v) => got.has(v)) || got.has(total);
}

/** People the complaint names verbatim (not descriptions): at least one of them is drafted, by name. */
function namedFound(text: string, expected: readonly string[], got: ReadonlyArray<{ name?: string | null }>): boolean | null {
  const named = expected.filter((n) => n && text.includes(n));
  if (named.length === 0) return null;
  return named.some((n) => got.some((p) => !!p.name && (contains(p.name, n) || (p.name.length >= 3 && contains(n, p.name)))));
}

export interface Score {
  n: number;
  top1: number;
  top3: number;
  failed: number;
  generalFirst: number;
  nameN: number;
  name: number;
  dateN: number;
  date: number;
  dateInvented: number;
  placeN: number;
  place: number;
  addressN: number;
  address: number;
  propertyN: number;
  property: number;
  suspectN: number;
  suspect: number;
  witnessN: number;
  witness: number;
}

const OPTIONAL_MEASURES = ['name', 'place', 'address', 'property', 'suspect', 'witness'] as const;

export function score(results: readonly RecordResult[]): Score {
  const s: Score = { n: 0, top1: 0, top3: 0, failed: 0, generalFirst: 0, nameN: 0, name: 0, dateN: 0, date: 0, dateInvented: 0, placeN: 0, place: 0, addressN: 0, address: 0, propertyN: 0, property: 0, suspectN: 0, suspect: 0, witnessN: 0, witness: 0 };
  for (const r of results) {
    s.n++;
    if (r.top1) s.top1++;
    if (r.top3) s.top3++;
    if (r.failed) s.failed++;
    if (r.generalFirst) s.generalFirst++;
    s.dateN++;
    if (r.date) s.date++;
    if (r.dateInvented) s.dateInvented++;
    // a measure a record has nothing to say about (null) is left out of its denominator
    for (const k of OPTIONAL_MEASURES) {
      if (r[k] === null) continue;
      s[`${k}N`]++;
      if (r[k]) s[k]++;
    }
  }
  return s;
}

/** Among sections given confidence >= `at`, the share that are expected (principal or accompanying). */
export function calibration(records: readonly CorpusRecord[], results: readonly RecordResult[], at = 0.8): { n: number; right: number } {
  const byId = new Map(records.map((r) => [r.id, r]));
  let n = 0;
  let right = 0;
  for (const res of results) {
    const r = byId.get(res.id);
    if (!r) continue;
    const ok = new Set([...r.expected.principal, ...r.expected.accompanying]);
    for (const s of res.sections) {
      if (s.confidence < at) continue;
      n++;
      if (ok.has(s.number)) right++;
    }
  }
  return { n, right };
}

export async function evaluate(drafter: Drafter, records: readonly CorpusRecord[]): Promise<RecordResult[]> {
  const out: RecordResult[] = [];
  for (const r of records) out.push(await evaluateRecord(drafter, r));
  return out;
}

const pct = (a: number, b: number) => (b === 0 ? '–' : `${Math.round((100 * a) / b)}%`);

/** A Markdown table of scores grouped by `key`, with an "all" row. */
export function table(results: readonly RecordResult[], key: (r: RecordResult) => string, label: string): string {
  const groups = new Map<string, RecordResult[]>();
  for (const r of results) {
    const k = key(r);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const rows = [...groups.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  rows.push(['all', [...results]]);
  const lines = [
    `| ${label} | n | top-1 | top-3 | name | date | place | address | property | suspect | witness | failed |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const [k, rs] of rows) {
    const s = score(rs);
    lines.push(
      `| ${k} | ${s.n} | ${pct(s.top1, s.n)} | ${pct(s.top3, s.n)} | ${pct(s.name, s.nameN)} | ${pct(s.date, s.dateN)} | ${pct(s.place, s.placeN)} | ${pct(s.address, s.addressN)} | ${pct(s.property, s.propertyN)} | ${pct(s.suspect, s.suspectN)} | ${pct(s.witness, s.witnessN)} | ${s.failed} |`,
    );
  }
  return lines.join('\n');
}
