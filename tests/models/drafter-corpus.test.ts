/**
 * The built-in drafter on the evaluation corpus (tests/drafter-corpus, written apart from the
 * drafter from public kinds of material; see its FORMAT.md). The corpus itself is checked first
 * (its expected answers must be verbatim from the text and in the knowledge base, or the scores
 * below mean nothing), then what must hold on all of it: no failed draft, no general provision as
 * the principal offence, nothing invented, text returned byte for byte; and floors under the
 * scores of the test split (the split the rules are never tuned on), so that a change that makes
 * drafting worse on unseen complaints fails here. `npm run eval:drafter` prints the full tables.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { BNS_SECTIONS } from '../../src/legal/knowledge-base.ts';
import { createBuiltinDrafter } from '../../src/models/drafter/builtin-drafter.ts';
import { calibration, type CorpusRecord, evaluate, loadCorpus, type RecordResult, score } from '../drafter-corpus/evaluate.ts';

const KB = new Map(BNS_SECTIONS.map((s) => [s.number, s]));
const drafter = createBuiltinDrafter();

const records: CorpusRecord[] = loadCorpus();
const LANGUAGES = [...new Set(records.map((r) => r.language))].sort();
let results: RecordResult[] = [];

beforeAll(async () => {
  results = await evaluate(drafter, records);
}, 120_000);

describe('the evaluation corpus', () => {
  it('has at least 240 complaints in all 11 languages (Hinglish included), each with at least 10, and at least 25 crime heads', () => {
    expect(records.length).toBeGreaterThanOrEqual(240);
    expect(LANGUAGES).toEqual(['bn', 'en', 'gu', 'hi', 'hi-Latn', 'kn', 'ml', 'mr', 'pa', 'ta', 'te']);
    for (const lang of LANGUAGES) expect(records.filter((r) => r.language === lang).length, lang).toBeGreaterThanOrEqual(10);
    expect(new Set(records.map((r) => r.crimeHead)).size).toBeGreaterThanOrEqual(25);
  });

  it('is split once into tuning and test parts, in every language', () => {
    for (const r of records) expect(['tune', 'test'], r.id).toContain(r.split);
    for (const lang of LANGUAGES) {
      const mine = records.filter((r) => r.language === lang);
      expect(mine.filter((r) => r.split === 'test').length, lang).toBeGreaterThanOrEqual(Math.floor(mine.length * 0.3));
    }
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
  });

  it('expects only knowledge-base sections, never a general provision as the principal offence', () => {
    for (const r of records) {
      expect(r.expected.principal.length, r.id).toBeGreaterThan(0);
      for (const n of [...r.expected.principal, ...r.expected.accompanying]) expect(KB.has(n), `${r.id} ${n}`).toBe(true);
      for (const n of r.expected.principal) expect(KB.get(n)?.dependsOnPrincipalOffence, `${r.id} ${n}`).toBeUndefined();
    }
  });

  it('gives verbatim expected values: names and places occur in the complaint as written', () => {
    for (const r of records) {
      const c = r.expected.complainant;
      for (const v of [c.name, c.fatherOrHusbandName, c.address, c.contact, c.occupation]) if (v) expect(r.text, `${r.id}: ${v}`).toContain(v);
      for (const p of r.expected.incident.placeMustContain ?? []) expect(r.text, `${r.id}: ${p}`).toContain(p);
      if (r.expected.incident.date) expect(r.expected.incident.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});

describe('the built-in drafter on the whole corpus', () => {
  it('never fails a draft, and never lists a general provision first', () => {
    const failed = results.filter((r) => r.failed).map((r) => `${r.id}: ${r.failed}`);
    expect(failed).toEqual([]);
    expect(results.filter((r) => r.generalFirst).map((r) => r.id)).toEqual([]);
  });

  it('returns extracted names and places as written in the complaint, and quotes it byte for byte', async () => {
    for (const r of records) {
      const input = { text: r.text, receivedAt: new Date(r.receivedAt) };
      const ex = await drafter.summarize(input);
      const narrative = await drafter.draftNarrative(input, ex, []);
      const collapsed = r.text.replace(/\r\n?/g, '\n').replace(/[^\S\n]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim();
      if (collapsed.length <= 2500) expect(narrative, r.id).toContain(collapsed);
      // letters as written (a dropped abbreviation dot, "J.A Hospital", is tolerated)
      const letters = (x: string) => x.replace(/[\s.]+/g, ' ').trim();
      const flat = letters(r.text);
      if (ex.complainant.name) expect(flat, r.id).toContain(letters(ex.complainant.name));
      // the English and Hindi extractors compose places ("my house" -> "complainant's house", "the bus stop at
      // Avanti Vihar" -> "Avanti Vihar bus stop"); in every other language the place is quoted
      if (ex.incident.place && !['en', 'hi', 'hi-Latn'].includes(r.language)) expect(flat, r.id).toContain(letters(ex.incident.place));
    }
  });

  it('offers sections it is sure of (confidence >= 0.8) rightly at least 90% of the time', () => {
    const cal = calibration(records, results);
    expect(cal.n).toBeGreaterThan(0);
    expect(cal.right / cal.n).toBeGreaterThanOrEqual(0.9);
  });

  it('never invents a date the complaint does not state in more than 3% of complaints', () => {
    const s = score(results);
    expect(s.dateInvented / s.n).toBeLessThanOrEqual(0.03);
  });
});

describe('floors on the test split (never tuned on)', () => {
  // Floors sit a little under the latest measured scores (README, "Drafting"), so that a real
  // regression fails while the noise of a single complaint does not.
  const test = () => results.filter((r) => r.split === 'test');

  it('principal section in the top 3', () => {
    const s = score(test());
    expect(s.top3 / s.n).toBeGreaterThanOrEqual(FLOORS.top3);
  });

  it('principal section in the top 3, per language', () => {
    for (const [lang, floor] of Object.entries(FLOORS.top3PerLanguage)) {
      const s = score(test().filter((r) => r.language === lang));
      expect(s.n, lang).toBeGreaterThan(0);
      expect(s.top3 / s.n, lang).toBeGreaterThanOrEqual(floor);
    }
  });

  it('complainant name, incident date and place', () => {
    const s = score(test());
    expect(s.name / s.nameN).toBeGreaterThanOrEqual(FLOORS.name);
    expect(s.date / s.dateN).toBeGreaterThanOrEqual(FLOORS.date);
    expect(s.place / s.placeN).toBeGreaterThanOrEqual(FLOORS.place);
  });
});

// Measured 2026-12-07 (session 4) on the test split (139 complaints): top-3 73%, name 85%, date 87%,
// place 35%. Names and dates meet their goals (85%); sections (90% overall, 80% per language) and
// places (75%) do not. Floors sit a complaint or so under each figure.
const FLOORS = {
  top3: 0.68,
  top3PerLanguage: {
    en: 0.83, hi: 0.65, 'hi-Latn': 0.5, mr: 0.58, bn: 0.57, gu: 0.4, kn: 0.72, ml: 0.7, pa: 0.85, ta: 0.7, te: 0.57,
  } as Record<string, number>,
  name: 0.83,
  date: 0.84,
  place: 0.3,
};

describe('the built-in drafter on text it was never written for', () => {
  it('drafts any mix of corpus sentences and noise without failing, in bounded work', async () => {
    const sentences = records.flatMap((r) => r.text.split(/(?<=[.।!?])\s+/u)).filter((s) => s.length > 0);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.constantFrom(...sentences), fc.string({ unit: 'grapheme', maxLength: 200 })), { minLength: 1, maxLength: 12 }),
        fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
        async (parts, receivedAt) => {
          const input = { text: parts.join(' '), receivedAt };
          const ex = await drafter.summarize(input);
          const sections = await drafter.checkSections(input, ex, await drafter.retrieveSections(input, ex));
          const narrative = await drafter.draftNarrative(input, ex, sections);
          expect(narrative.length).toBeGreaterThan(0);
          for (const s of sections) {
            expect(KB.has(s.number)).toBe(true);
            expect(s.confidence).toBeGreaterThanOrEqual(0);
            expect(s.confidence).toBeLessThanOrEqual(1);
          }
          if (sections[0]) expect(KB.get(sections[0].number)?.dependsOnPrincipalOffence).toBeUndefined();
          // nothing invented: an incident date is never after the complaint came in
          if (ex.incident.occurredFrom) expect(new Date(ex.incident.occurredFrom).getTime()).toBeLessThanOrEqual(receivedAt.getTime() + 2 * 86_400_000);
        },
      ),
      { numRuns: 150 },
    );
  });
});
