/**
 * submitComplaint through the real Yoga app, on every dialect, against a whole running system
 * (createRuntime: database, pg-boss, enqueuer or outbox relay, pub/sub, workers):
 *  - the mutation answers at once (complaint, FIR GENERATING, job QUEUED) and the worker drafts
 *    the FIR (acts, sections, summary, narrative, extracted fields, missingFields) with events in
 *    the documented stage order, seq 1..n and progress 0..1, the last one carrying the FIR;
 *  - input rules: text length in code points, byte-exact storage of Indic scripts and emoji,
 *    exactly one of text/audio/image, station ids, media refused without ASR/OCR;
 *  - uploads over the GraphQL multipart request spec (a real WAV and a real PNG, checked by
 *    content, never by name), transcribed by the fake model server (TRANSCRIBE first);
 *  - the mutation does not wait for a slow model.
 *
 * One throwaway database per dialect (creating a PGlite one costs most of the file's time);
 * several runtimes are started on it one after the other, each with its own pg-boss schema.
 */
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeIdOf, encodeGlobalId } from '../../src/global-id.ts';
import { createTestDb, dialects, type TestDb } from '../helpers/db.ts';
import { type Behaviour, drafterAnswer, type FakeModelServer, type RecordedRequest, startFakeModelServer } from '../helpers/fake-model-server.ts';
import { adminHeaders } from '../helpers/auth.ts';
import { addStation } from '../helpers/fixtures.ts';
import type { GqlResponse } from '../helpers/graphql.ts';
import { countRows, jobEnd, type RuntimeTestOptions, startRuntime, TERMINAL_JOB_STATUSES as TERMINAL, type TestRuntime as System } from '../helpers/runtime.ts';
import { deferred, type Deferred, waitFor, withTimeout } from '../helpers/wait.ts';

// ───────────────────────────── helpers ─────────────────────────────

type GqlBody = GqlResponse['body'];

/**
 * A request per the GraphQL multipart request spec: the FormData is serialised to real multipart
 * bytes (operations, map, then the file parts) and Yoga parses them back.
 */
async function multipart(sys: System, query: string, variables: Record<string, unknown>, files: Record<string, File>): Promise<GqlBody> {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query, variables }));
  const paths = Object.keys(files);
  form.append('map', JSON.stringify(Object.fromEntries(paths.map((p, i) => [String(i), [p]]))));
  paths.forEach((p, i) => form.append(String(i), files[p]!, files[p]!.name));
  const encoded = new Request('http://localhost/graphql', { method: 'POST', body: form });
  const contentType = encoded.headers.get('content-type')!;
  expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
  const bytes = new Uint8Array(await encoded.arrayBuffer());
  const res = await sys.rt.app!.fetch('http://localhost/graphql', {
    method: 'POST',
    // multipart is not JSON: it needs the CSRF header (docs/api.md); as ADMIN like every test request
    headers: { 'content-type': contentType, accept: 'application/graphql-response+json', 'x-graphql-csrf': '1', ...(await adminHeaders()) },
    body: bytes,
  });
  return (await res.json()) as GqlBody;
}

const complaintCount = (db: TestDb) => countRows(db, 'complaint');

/** A valid 16-bit mono PCM WAV of `samples` samples (a short sine tone). */
function makeWav(samples = 1600, rate = 8000): Uint8Array {
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 8000), i * 2);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16); // PCM fmt chunk size
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate * 2, 28); // byte rate
  h.writeUInt16LE(2, 32); // block align
  h.writeUInt16LE(16, 34); // bits per sample
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(data.length, 40);
  return new Uint8Array(Buffer.concat([h, data]));
}

/** A valid 2x2 8-bit greyscale PNG (signature, IHDR, IDAT, IEND with real CRCs). */
function makePng(): Uint8Array {
  const chunk = (type: string, body: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), body]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed) >>> 0);
    return Buffer.concat([len, typed, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0); // width
  ihdr.writeUInt32BE(2, 4); // height
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  const scanlines = Buffer.from([0, 0x00, 0xff, 0, 0xff, 0x00]); // filter byte + 2 pixels, twice
  return new Uint8Array(
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(scanlines)), chunk('IEND', Buffer.alloc(0))]),
  );
}

/** Bytes that match no known file signature (checked against file-type below). */
function noiseBytes(n = 4096): Uint8Array {
  const b = new Uint8Array(n);
  let x = 0x2545f491;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  b[0] = 0x01; // no signature starts with 0x01 0x7f
  b[1] = 0x7f;
  return b;
}

const AUDIO_TRANSCRIPT =
  'I, Ramesh Kumar, son of Suresh Kumar, resident of H.No. 45, Gandhi Nagar, Jaipur, state that on 10/03/2025 at around 7:30 pm my Samsung Galaxy A14 mobile phone worth Rs. 12,999 was stolen from my pocket at Sanganeri Gate bus stand. My mobile number is 9876543210.';
const OCR_TEXT =
  'On 10/03/2025 at about 9 pm my neighbour Mahesh Sharma forcibly entered my house at 12 Lake Road, Bhopal without permission, abused me in filthy language and threatened me. My wife witnessed the incident. Sunita Devi, 12 Lake Road, Bhopal.';

/**
 * The fake model server answering like real ASR/OCR/LLM servers (chat: schema-valid JSON);
 * `holdExtraction`: the answer to the first model call (fir_extraction) waits for it.
 */
function modelBehaviour(opts: { holdExtraction?: Promise<void> } = {}) {
  return async (req: RecordedRequest): Promise<Behaviour> => {
    if (req.kind === 'transcription') return { type: 'ok', content: { text: AUDIO_TRANSCRIPT, language: 'en' } };
    if (req.kind === 'ocr') return { type: 'ok', content: { text: OCR_TEXT } };
    if (req.schemaName === 'fir_extraction') await opts.holdExtraction;
    const content = drafterAnswer(req);
    if (content) return { type: 'ok', content };
    return { type: 'fail', status: 400 };
  };
}

const THEFT_TEXT =
  'I, Ramesh Kumar, son of Suresh Kumar, resident of H.No. 45, Gandhi Nagar, Jaipur, state that on 10/03/2025 at around 7:30 pm my Samsung Galaxy A14 mobile phone worth Rs. 12,999 was stolen from my pocket at Sanganeri Gate bus stand. I did not see who took it. My mobile number is 9876543210.';

const SUBMIT = /* GraphQL */ `
  mutation Submit($input: SubmitComplaintInput!) {
    submitComplaint(input: $input) {
      complaint { id source language text transcript receivedAt }
      fir { id status missingFields complainant { occupation } }
      job { id status stage progress attempts priority startedAt finishedAt }
    }
  }
`;

const FIR_FIELDS = /* GraphQL */ `
  id status summary narrative acts missingFields version
  sections { section { act number title } confidence source }
  complainant { name fatherOrHusbandName address contact occupation }
  incident { occurredFrom occurredTo place description }
  complaint { id source text transcript }
  latestJob { id }
`;

const JOB = /* GraphQL */ `
  query Job($id: ID!) {
    generationJob(id: $id) {
      id status stage progress attempts priority queuedAt startedAt finishedAt
      error { code message retryable }
      events { seq at stage status progress message fir { id status } }
      fir { ${FIR_FIELDS} }
    }
  }
`;

const TEXT_STAGES = ['QUEUED', 'SUMMARIZE', 'RETRIEVE_SECTIONS', 'CHECK_SECTIONS', 'DRAFT_NARRATIVE', 'ASSEMBLE', 'VALIDATE', 'DONE'];
const MEDIA_STAGES = ['QUEUED', 'TRANSCRIBE', ...TEXT_STAGES.slice(1)];

/** The invariants every finished job's event list must satisfy. */
function checkEvents(events: any[], stages: string[], firId: string, final: string) {
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  expect(events.map((e) => e.stage)).toEqual(stages);
  const progress = events.map((e) => e.progress);
  expect(progress[0]).toBe(0);
  expect(progress.at(-1)).toBe(1);
  for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1]);
  for (const p of progress) expect(p >= 0 && p <= 1).toBe(true);
  const at = events.map((e) => Date.parse(e.at));
  for (let i = 1; i < at.length; i++) expect(at[i]!).toBeGreaterThanOrEqual(at[i - 1]!);
  expect(events[0].status).toBe('QUEUED');
  for (const e of events.slice(1, -1)) expect(e.status).toBe('RUNNING');
  for (const e of events.slice(0, -1)) expect(e.fir).toBeNull();
  const last = events.at(-1);
  expect(last.status).toBe('SUCCEEDED');
  expect(last.fir).toEqual({ id: firId, status: final });
  for (const e of events) expect(typeof e.message === 'string' && e.message.length > 0).toBe(true);
}

function expectCode(body: GqlBody, code: string, message?: RegExp) {
  expect(body.data?.submitComplaint ?? null).toBeNull();
  expect(body.errors?.length, JSON.stringify(body)).toBeGreaterThan(0);
  expect(body.errors![0]!.extensions.code, JSON.stringify(body.errors)).toBe(code);
  if (message) expect(body.errors![0]!.message).toMatch(message);
}

// ───────────────────────────── tests ─────────────────────────────

describe.each(dialects)('submitComplaint (%s)', (dialect) => {
  let db: TestDb;
  let fake: FakeModelServer;
  let stationId: number;
  let station: string;
  let sys: System | undefined;

  beforeAll(async () => {
    fake = await startFakeModelServer();
    fake.setBehaviour(modelBehaviour());
    db = await createTestDb(dialect);
    ({ id: stationId, gid: station } = await addStation(db.db));
  });

  afterAll(async () => {
    await sys?.close();
    await fake?.close();
    await db?.drop();
  });

  async function switchTo(env: Record<string, string>, worker: boolean, hooks?: RuntimeTestOptions['hooks']) {
    await sys?.close();
    sys = undefined;
    sys = await startRuntime(db, { env, worker, hooks });
    return sys;
  }

  /** submitComplaint with one file in `field` (a GraphQL multipart request) and `input` besides */
  const submitFile = (field: 'audio' | 'image', file: File, input: Record<string, unknown> = {}) =>
    multipart(sys!, SUBMIT, { input: { stationId: station, [field]: null, ...input } }, { [`variables.input.${field}`]: file });

  /** Cancels a job that must not run (input checks); it must end CANCELLED or already ended. */
  async function cancel(s: System, jobId: string) {
    const { body } = await s.gql('mutation($id: ID!) { cancelGeneration(jobId: $id) { id status } }', { id: jobId });
    expect(body.errors ?? [], JSON.stringify(body.errors)).toEqual([]);
  }

  describe('input rules (no ASR/OCR configured, workers off)', () => {
    beforeAll(async () => {
      await switchTo({}, false);
      expect(sys!.rt.generation.media).toEqual({ asr: false, ocr: false });
    });

    afterAll(async () => {
      // Nothing submitted here may reach a later runtime's queue: every job cancelled, outbox drained.
      const open = await db.db.selectFrom('generation_job').select(['id', 'status']).where('status', 'not in', [...TERMINAL]).execute();
      expect(open).toEqual([]);
      if (sys?.rt.relay) {
        await waitFor(async () => (await countRows(db, 'job_outbox')) === 0, { message: 'the outbox to drain' });
      }
    });

    const submitText = (text: string, extra: Record<string, unknown> = {}) =>
      sys!.gql(SUBMIT, { input: { stationId: station, text, ...extra } }).then((r) => r.body);

    it('text length is counted in code points: 9 and 50,001 refused, 10 and 50,000 accepted', async () => {
      const before = await complaintCount(db);
      // 9 emoji are 18 UTF-16 units: a length check on UTF-16 units would accept them.
      const nine = '😀'.repeat(9);
      expect(nine.length).toBe(18);
      expectCode(await submitText(nine), 'BAD_USER_INPUT', /10 to 50,?000 characters, got 9/);
      const tooLong = 'क'.repeat(50_001);
      expectCode(await submitText(tooLong), 'BAD_USER_INPUT', /got 50,?001/);
      expect(await complaintCount(db)).toBe(before);

      // 10 code points that are 4 graphemes (क्ष is three code points): accepted.
      const ten = 'क्षक्षक्षक';
      expect([...ten].length).toBe(10);
      // 50,000 code points that are 100,000 UTF-16 units (emoji) mixed with Devanagari.
      const max = '🙏न'.repeat(25_000);
      expect([...max].length).toBe(50_000);
      expect(max.length).toBe(75_000);
      for (const text of [ten, max, '😀'.repeat(10)]) {
        const body = await submitText(text);
        expect(body.errors ?? [], JSON.stringify(body.errors)?.slice(0, 500)).toEqual([]);
        const p = body.data.submitComplaint;
        expect(p.complaint.text === text).toBe(true);
        expect(p.fir.status).toBe('GENERATING');
        expect(p.job.status).toBe('QUEUED');
        await cancel(sys!, p.job.id);
      }
      expect(await complaintCount(db)).toBe(before + 3);
    });

    it('stores and returns Hindi, Marathi, Tamil and emoji text byte for byte', async () => {
      const texts: Record<string, string> = {
        hi: 'मेरा नाम सुनीता देवी है। दिनांक 12/03/2025 को न्यू मार्केट में मेरा पर्स चोरी हो गया, जिसमें ₹8,500 थे।',
        mr: 'माझे नाव प्रकाश पाटील आहे. काल रात्री ११ वाजता पुण्यातील शिवाजीनगर येथे माझी दुचाकी चोरीला गेली.',
        ta: 'என் பெயர் முருகன். நேற்று இரவு சென்னை மெரினா கடற்கரையில் என் கைப்பேசி திருடப்பட்டது.',
        // ZWJ family, skin tone, flag, keycap, variation selector, a decomposed é (NFD) and a BOM-less RTL mark
        emoji: 'Phone stolen 😡📱 👨‍👩‍👧‍👦 👍🏽 🇮🇳 1️⃣ ❤️ cafe\u0301 \u200F end',
      };
      for (const [language, text] of Object.entries(texts)) {
        const body = await submitText(text, { language: language === 'emoji' ? 'en' : language });
        expect(body.errors ?? [], JSON.stringify(body.errors)).toEqual([]);
        const p = body.data.submitComplaint;
        expect(Buffer.from(p.complaint.text, 'utf8').equals(Buffer.from(text, 'utf8'))).toBe(true);
        expect(p.complaint.language).toBe(language === 'emoji' ? 'en' : language);
        expect(p.complaint.source).toBe('TEXT');
        await cancel(sys!, p.job.id);
        // read back through the API later (a fresh request) and straight from the table
        const again = await sys!.data('query($id: ID!) { node(id: $id) { ... on Complaint { text } } }', { id: p.complaint.id });
        expect(Buffer.from(again.node.text, 'utf8').equals(Buffer.from(text, 'utf8'))).toBe(true);
        const row = await db.db.selectFrom('complaint').select('text').where('id', '=', decodeIdOf('Complaint', p.complaint.id)).executeTakeFirstOrThrow();
        expect(Buffer.from(row.text!, 'utf8').equals(Buffer.from(text, 'utf8'))).toBe(true);
      }
    });

    it('exactly one of text, audio or image', async () => {
      const before = await complaintCount(db);
      expectCode((await sys!.gql(SUBMIT, { input: { stationId: station } })).body, 'BAD_USER_INPUT', /exactly one/i);
      const wav = new File([makeWav() as Uint8Array<ArrayBuffer>], 'complaint.wav', { type: 'audio/wav' });
      const png = new File([makePng() as Uint8Array<ArrayBuffer>], 'letter.png', { type: 'image/png' });
      expectCode(
        await multipart(sys!, SUBMIT, { input: { stationId: station, text: THEFT_TEXT, audio: null } }, { 'variables.input.audio': wav }),
        'BAD_USER_INPUT',
        /exactly one/i,
      );
      expectCode(
        await multipart(sys!, SUBMIT, { input: { stationId: station, audio: null, image: null } }, { 'variables.input.audio': wav, 'variables.input.image': png }),
        'BAD_USER_INPUT',
        /exactly one/i,
      );
      expect(await complaintCount(db)).toBe(before);
    });

    it('unknown station is NOT_FOUND; a malformed or foreign id is BAD_USER_INPUT; nothing is written', async () => {
      const before = await complaintCount(db);
      const jobsBefore = await db.db.selectFrom('generation_job').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      expectCode(await submitText(THEFT_TEXT, { stationId: encodeGlobalId('PoliceStation', stationId + 100_000) }), 'NOT_FOUND');
      expectCode(await submitText(THEFT_TEXT, { stationId: 'not a valid id!' }), 'BAD_USER_INPUT');
      expectCode(await submitText(THEFT_TEXT, { stationId: Buffer.from('PoliceStation:abc').toString('base64url') }), 'BAD_USER_INPUT');
      expectCode(await submitText(THEFT_TEXT, { stationId: encodeGlobalId('Fir', stationId) }), 'BAD_USER_INPUT');
      expect(await complaintCount(db)).toBe(before);
      const jobs = await db.db.selectFrom('generation_job').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      expect(Number(jobs.n)).toBe(Number(jobsBefore.n));
    });

    it('audio and image are refused at submit time without ASR/OCR, and no complaint row is written', async () => {
      const before = await complaintCount(db);
      const wav = new File([makeWav() as Uint8Array<ArrayBuffer>], 'complaint.wav', { type: 'audio/wav' });
      const png = new File([makePng() as Uint8Array<ArrayBuffer>], 'letter.png', { type: 'image/png' });
      expectCode(await submitFile('audio', wav), 'BAD_USER_INPUT', /ASR/);
      expectCode(await submitFile('image', png), 'BAD_USER_INPUT', /OCR/);
      expect(await complaintCount(db)).toBe(before);
      const media = await db.db.selectFrom('complaint_media').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      expect(Number(media.n)).toBe(0);
    });
  });

  describe('generation with the worker running (ASR and OCR on the fake model server)', () => {
    /** while set, the worker waits at the first stage of a job until `release` */
    let gate: { reached: Deferred<number>; release: Deferred<void> } | null = null;
    beforeAll(async () => {
      fake.reset();
      fake.setBehaviour(modelBehaviour());
      const beforeStage = async (_stage: string, jobId: number) => {
        if (!gate || gate.reached.settled) return;
        gate.reached.resolve(jobId);
        await gate.release.promise;
      };
      await switchTo({ ASR_URL: fake.url, OCR_URL: fake.url }, true, { beforeStage });
      expect(sys!.rt.generation.media).toEqual({ asr: true, ocr: true });
    });
    afterAll(() => gate?.release.resolve());

    let main: { complaint: any; fir: any; job: any } | undefined;

    it('answers at once: complaint, FIR GENERATING with everything missing, job QUEUED; before the job ends', async () => {
      // The worker is held at the job's first stage until the answer is in: a mutation that
      // waited for the job would never answer (and fail the test at its deadline).
      gate = { reached: deferred<number>(), release: deferred() };
      const { body } = await sys!.gql(SUBMIT, { input: { stationId: station, text: THEFT_TEXT, language: 'en', complainant: { occupation: 'Teacher' } } });
      expect(body.errors ?? [], JSON.stringify(body.errors)).toEqual([]);
      const p = body.data.submitComplaint;
      main = p;
      expect(p.complaint).toMatchObject({ source: 'TEXT', language: 'en', text: THEFT_TEXT, transcript: null });
      expect(Number.isNaN(Date.parse(p.complaint.receivedAt))).toBe(false);
      expect(p.fir.complainant.occupation).toBe('Teacher');
      expect(p.fir.status).toBe('GENERATING');
      // nothing drafted yet: every required field is missing
      expect(p.fir.missingFields).toEqual(
        expect.arrayContaining(['complainant.name', 'complainant.address', 'incident.occurredFrom', 'incident.place', 'incident.description', 'summary', 'narrative', 'acts', 'sections']),
      );
      // The payload is read after the commit, so the worker may already have picked the job up
      // (it is then held at its first stage, seen on PostgreSQL in CI); it has not ended.
      expect(['QUEUED', 'RUNNING']).toContain(p.job.status);
      expect(p.job).toMatchObject({ priority: 'NORMAL', finishedAt: null });
      expect(p.job.progress).toBeLessThan(1);
      if (p.job.status === 'QUEUED') expect(p.job).toMatchObject({ stage: 'QUEUED', progress: 0, attempts: 0, startedAt: null });
      else expect(p.job.attempts).toBe(1);
      // the worker does reach the job (the answer did not wait for it), and finishes once let go
      const jobId = decodeIdOf('GenerationJob', p.job.id);
      expect(await withTimeout(gate.reached.promise, 30_000, 'the worker to start the job')).toBe(jobId);
      const held = await db.db.selectFrom('generation_job').select(['status', 'finished_at']).where('id', '=', jobId).executeTakeFirstOrThrow();
      expect(held).toMatchObject({ status: 'RUNNING', finished_at: null });
      gate.release.resolve();
      expect(await jobEnd(db, jobId)).toBe('SUCCEEDED');
    });

    it('the worker drafts the FIR: events in stage order, acts, sections, summary, narrative, extracted fields', async () => {
      expect(main).toBeDefined();
      const p = main!;
      const jobId = decodeIdOf('GenerationJob', p.job.id);
      expect(await jobEnd(db, jobId)).toBe('SUCCEEDED');
      const job = (await sys!.data(JOB, { id: p.job.id })).generationJob;
      expect(job).toMatchObject({ status: 'SUCCEEDED', stage: 'DONE', progress: 1, attempts: 1, priority: 'NORMAL', error: null });
      expect(Date.parse(job.finishedAt)).toBeGreaterThanOrEqual(Date.parse(job.startedAt));
      expect(Date.parse(job.startedAt)).toBeGreaterThanOrEqual(Date.parse(job.queuedAt));
      checkEvents(job.events, TEXT_STAGES, p.fir.id, 'GENERATED');

      const fir = job.fir;
      expect(fir.id).toBe(p.fir.id);
      expect(fir.status).toBe('GENERATED');
      expect(fir.latestJob.id).toBe(p.job.id);
      expect(fir.acts).toEqual(['BNS']);
      expect(fir.sections.length).toBeGreaterThan(0);
      expect(fir.sections[0].section).toMatchObject({ act: 'BNS', number: '303(2)' });
      for (const s of fir.sections) {
        expect(s.confidence).toBeGreaterThan(0);
        expect(s.confidence).toBeLessThanOrEqual(1);
        expect(['RETRIEVED', 'MODEL_CHECKED']).toContain(s.source);
      }
      expect(fir.sections[0].source).toBe('MODEL_CHECKED');
      expect(fir.summary).toMatch(/Samsung Galaxy A14/);
      expect(fir.narrative).toMatch(/303\(2\)/);
      expect(fir.narrative).toMatch(/Ramesh Kumar/);
      expect(fir.complainant).toEqual({
        name: 'Ramesh Kumar',
        fatherOrHusbandName: 'Suresh Kumar',
        address: 'H.No. 45, Gandhi Nagar, Jaipur',
        contact: '9876543210',
        occupation: 'Teacher', // given at submission, kept
      });
      expect(fir.incident.place).toBe('Sanganeri Gate bus stand');
      expect(Date.parse(fir.incident.occurredFrom)).toBe(Date.parse('2025-03-10T19:30:00+05:30'));
      expect(fir.incident.description).toMatch(/stolen/);
      expect(fir.missingFields).toEqual([]);
      expect(fir.complaint).toMatchObject({ source: 'TEXT', text: THEFT_TEXT, transcript: null });
    });

    it('an audio upload (a real WAV) is transcribed first, the transcript stored, and drafted', async () => {
      fake.reset();
      const wav = makeWav();
      const body = await submitFile('audio', new File([wav as Uint8Array<ArrayBuffer>], 'recording.wav', { type: 'audio/wav' }), { language: 'en', priority: 'HIGH' });
      expect(body.errors ?? [], JSON.stringify(body.errors)).toEqual([]);
      const p = body.data.submitComplaint;
      expect(p.complaint).toMatchObject({ source: 'AUDIO', text: null, transcript: null, language: 'en' });
      expect(p.job.priority).toBe('HIGH');
      const stored = await db.db.selectFrom('complaint_media').select(['content_type', 'size']).where('complaint_id', '=', decodeIdOf('Complaint', p.complaint.id)).executeTakeFirstOrThrow();
      expect(stored).toEqual({ content_type: 'audio/wav', size: wav.byteLength });

      expect(await jobEnd(db, decodeIdOf('GenerationJob', p.job.id))).toBe('SUCCEEDED');
      const job = (await sys!.data(JOB, { id: p.job.id })).generationJob;
      checkEvents(job.events, MEDIA_STAGES, p.fir.id, 'GENERATED');
      expect(job.fir.complaint).toMatchObject({ source: 'AUDIO', text: null, transcript: AUDIO_TRANSCRIPT });
      expect(job.fir.complainant.name).toBe('Ramesh Kumar');
      expect(job.fir.sections[0].section.number).toBe('303(2)');

      const asr = fake.requests.filter((r) => r.kind === 'transcription');
      expect(asr).toHaveLength(1);
      expect(asr[0]!.files!.file!.data.equals(Buffer.from(wav))).toBe(true);
      expect(asr[0]!.files!.file!.contentType).toBe('audio/wav');
      expect(asr[0]!.fields).toMatchObject({ model: 'whisper-1', language: 'en' });
      expect(fake.requests.filter((r) => r.kind !== 'transcription')).toEqual([]); // built-in drafter: no LLM
    });

    it('an image upload (a real PNG) is read by OCR first, the text stored as transcript, and drafted', async () => {
      fake.reset();
      const png = makePng();
      const body = await submitFile('image', new File([png as Uint8Array<ArrayBuffer>], 'letter.png', { type: 'image/png' }), { language: 'en' });
      expect(body.errors ?? [], JSON.stringify(body.errors)).toEqual([]);
      const p = body.data.submitComplaint;
      expect(p.complaint).toMatchObject({ source: 'IMAGE', text: null, transcript: null });
      expect(await jobEnd(db, decodeIdOf('GenerationJob', p.job.id))).toBe('SUCCEEDED');
      const job = (await sys!.data(JOB, { id: p.job.id })).generationJob;
      checkEvents(job.events, MEDIA_STAGES, p.fir.id, 'GENERATED');
      expect(job.fir.complaint.transcript).toBe(OCR_TEXT);
      expect(job.fir.sections[0].section.number).toBe('329(4)');
      const ocr = fake.requests.filter((r) => r.kind === 'ocr');
      expect(ocr).toHaveLength(1);
      expect(ocr[0]!.files!.file!.data.equals(Buffer.from(png))).toBe(true);
      expect(ocr[0]!.files!.file!.contentType).toBe('image/png');
    });

    it('media is typed by its bytes: a .wav holding a PNG or noise, a .png holding a WAV are refused, nothing written', async () => {
      const { fileTypeFromBuffer } = await import('file-type');
      expect(await fileTypeFromBuffer(noiseBytes())).toBeUndefined();
      expect((await fileTypeFromBuffer(makePng()))?.mime).toBe('image/png');
      expect((await fileTypeFromBuffer(makeWav()))?.mime).toBe('audio/wav');
      const before = await complaintCount(db);
      const jobsBefore = await db.db.selectFrom('generation_job').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      fake.reset();
      const cases: Array<{ field: 'audio' | 'image'; file: File; detected: RegExp }> = [
        { field: 'audio', file: new File([makePng() as Uint8Array<ArrayBuffer>], 'complaint.wav', { type: 'audio/wav' }), detected: /detected image\/png/ },
        { field: 'audio', file: new File([noiseBytes() as Uint8Array<ArrayBuffer>], 'complaint.wav', { type: 'audio/wav' }), detected: /detected unknown/ },
        { field: 'image', file: new File([makeWav() as Uint8Array<ArrayBuffer>], 'letter.png', { type: 'image/png' }), detected: /detected audio\/wav/ },
        { field: 'image', file: new File([], 'empty.png', { type: 'image/png' }), detected: /empty/ },
      ];
      for (const c of cases) {
        const body = await submitFile(c.field, c.file);
        expectCode(body, 'BAD_USER_INPUT', c.detected);
        expect(body.errors![0]!.extensions.argument).toBe(`input.${c.field}`);
      }
      expect(await complaintCount(db)).toBe(before);
      const jobsAfter = await db.db.selectFrom('generation_job').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      expect(Number(jobsAfter.n)).toBe(Number(jobsBefore.n));
      expect(fake.requests).toEqual([]);
    });
  });

  describe('a slow model (the LLM on the fake server holds its first answer)', () => {
    const answer = deferred();
    beforeAll(async () => {
      fake.reset();
      fake.setBehaviour(modelBehaviour({ holdExtraction: answer.promise }));
      await switchTo({ LLM_URL: fake.url }, true);
    });
    afterAll(() => answer.resolve());

    it('the mutation answers before the job finishes', async () => {
      const { body } = await sys!.gql(SUBMIT, { input: { stationId: station, text: 'Someone stole my mobile phone from my pocket at the ISBT bus stand yesterday evening.' } });
      expect(body.errors ?? [], JSON.stringify(body.errors)).toEqual([]);
      const p = body.data.submitComplaint;
      expect(['QUEUED', 'RUNNING']).toContain(p.job.status);
      // the model's first answer is still held: the job is at (or before) its model call
      const extraction = await waitFor(() => fake.requests.find((r) => r.schemaName === 'fir_extraction'), { message: 'the worker to ask the model to summarise' });
      expect(extraction.json.messages.map((m: any) => m.content).join('\n')).toContain('ISBT bus stand');
      const now = (await sys!.data('query($id: ID!) { generationJob(id: $id) { status finishedAt } }', { id: p.job.id })).generationJob;
      expect(now).toEqual({ status: 'RUNNING', finishedAt: null });

      answer.resolve();
      expect(await jobEnd(db, decodeIdOf('GenerationJob', p.job.id))).toBe('SUCCEEDED');
      const job = (await sys!.data(JOB, { id: p.job.id })).generationJob;
      checkEvents(job.events, TEXT_STAGES, p.fir.id, 'GENERATED');
      expect(job.fir.summary).toBe('A mobile phone was stolen at a bus stand.');
    });

    it('no job is left QUEUED or RUNNING', async () => {
      const open = await db.db.selectFrom('generation_job').select(['id', 'status']).where('status', 'not in', [...TERMINAL]).execute();
      expect(open).toEqual([]);
      const outbox = await db.db.selectFrom('job_outbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      expect(Number(outbox.n)).toBe(0);
    });
  });
});
