/**
 * Generating one FIR of the synthetic seed from its planned skeleton: the people, places and time
 * line, the complaint (text from the templates of seed-text.ts), the FIR row and its BNS sections,
 * appended as flat value arrays in the column order of COMPLAINT_COLUMNS, FIR_COLUMNS and
 * FIR_SECTION_COLUMNS. Each FIR draws from its own random stream, so the rows do not depend on
 * the batch size or on which session inserts them.
 */
import { FIR_STATUSES } from '../fir/fir.status.ts';
import { type Bi, DELAY_REASONS, INVESTIGATION_STATUSES, type Lang, NAMES, type NamePool, OCCUPATIONS, REJECTION_REASONS, type State, STREETS } from './seed-data.ts';
import { istDate, istIsoDate, istTime, pad2 } from './seed-format.ts';
import {
  DAY, DRAFT, FAILED, GENERATED, GENERATING, HOUR, MINUTE, type PlannedStation, personName, REGISTERED, REJECTED, type Skeletons, UNDER_REVIEW,
} from './seed-plan.ts';
import { cumulative, mix, pickCumulative, Rng } from './seed-rng.ts';
import type { SectionRef } from './seed-rows.ts';
import { CRIMES, type Crime, complaintText, narrativeText, type Person, type TextCtx } from './seed-text.ts';

/** the columns of the values `FirGenerator.generate` appends, in their order */
export const COMPLAINT_COLUMNS = ['id', 'station_id', 'source', 'language', 'text', 'transcript', 'media_ref', 'media_type', 'received_at'] as const;
export const FIR_COLUMNS = [
  'id', 'station_id', 'complaint_id', 'status', 'fir_number', 'complainant_name', 'complainant_dob', 'complainant_nationality',
  'complainant_father_or_husband_name', 'complainant_address', 'complainant_contact', 'complainant_passport_number',
  'complainant_occupation', 'incident_from', 'incident_to', 'incident_place', 'incident_address', 'incident_description',
  'incident_delay_reason', 'acts', 'summary', 'narrative', 'suspects', 'witnesses', 'investigation_officer_id',
  'investigation_status', 'investigation_action_taken', 'investigation_despatch_date', 'rejection_reason', 'version',
  'created_by', 'created_at', 'updated_at', 'registered_at',
] as const;
export const FIR_SECTION_COLUMNS = ['fir_id', 'section_id', 'confidence', 'source'] as const;

/** statuses whose FIR has been drafted by the model (summary + narrative present) */
const HAS_TEXT = [false, false, true, true, true, true, false];

const CRIME_TOTAL_WEIGHT = CRIMES.reduce((s, c) => s + c.weight, 0);

function pickCrime(r: Rng): Crime {
  let x = r.next() * CRIME_TOTAL_WEIGHT;
  for (const c of CRIMES) {
    x -= c.weight;
    if (x < 0) return c;
  }
  return CRIMES[CRIMES.length - 1] as Crime;
}

function baseNumber(n: string): string {
  return n.replace(/\s*\(.*$/, '').trim();
}

function pickLang(r: Rng, state: State): Lang {
  const x = r.next();
  for (const [lang, p] of state.languages) if (x < p) return lang;
  return 'en';
}

const SECTION_SOURCES_REGISTERED = cumulative([15, 60, 25]);
const SECTION_SOURCES = cumulative([45, 50, 5]);
const SOURCE_NAMES = ['RETRIEVED', 'MODEL_CHECKED', 'OFFICER'] as const;

export class FirGenerator {
  r: Rng;
  runSeed: number;
  stations: PlannedStation[];
  sections: SectionRef[];
  /** exact number, and number without sub-section -> first section with it */
  byNumber: Map<string, SectionRef>;
  byBase: Map<string, SectionRef>;
  sk: Skeletons;
  base: { complaint: number; fir: number };
  now: number;

  constructor(
    runSeed: number,
    stations: PlannedStation[],
    sections: SectionRef[],
    sk: Skeletons,
    base: { complaint: number; fir: number },
    now: number,
  ) {
    this.r = new Rng(0);
    this.runSeed = runSeed;
    this.stations = stations;
    this.sections = sections;
    this.byNumber = new Map();
    this.byBase = new Map();
    for (const s of sections) {
      if (!this.byNumber.has(s.number)) this.byNumber.set(s.number, s);
      const b = baseNumber(s.number);
      if (!this.byBase.has(b)) this.byBase.set(b, s);
    }
    this.sk = sk;
    this.base = base;
    this.now = now;
  }

  person(pool: NamePool, male: boolean, age: number, surname?: Bi): Person & { surname: Bi } {
    const n = personName(this.r, pool, male, surname);
    return { name: n.name, local: n.local, male, age, surname: n.surname };
  }

  /** Appends one complaint, one FIR and its sections to the value arrays. */
  generate(i: number, cv: unknown[], fv: unknown[], xv: unknown[]): void {
    // Each FIR has its own stream, so the data does not depend on the batch size.
    const r = this.r.reset(mix(this.runSeed, i));
    const sk = this.sk;
    const st = this.stations[sk.station[i]!]!;
    const status = sk.status[i]!;
    const created = sk.created[i]!;
    const now = this.now;
    const crime = pickCrime(r);
    const lang = pickLang(r, st.state);
    const pool = r.pick(NAMES[st.state.region]);

    // People
    const female = r.chance(crime.female);
    const age = crime.key === 'DOWRY_CRUELTY' ? r.range(20, 38) : r.range(18, 74);
    const married = female && (crime.key === 'DOWRY_CRUELTY' || (age > 24 && r.chance(0.75)));
    const p = this.person(pool, !female, age);
    const relation = !female ? 'S/o' : married ? 'W/o' : 'D/o';
    const rel = this.person(pool, true, married ? age + r.range(1, 7) : age + r.range(22, 32), p.surname);
    const other = this.person(r.pick(NAMES[st.state.region]), true, r.range(22, 60));
    const witness = this.person(r.pick(NAMES[st.state.region]), r.chance(0.7), r.range(20, 65));

    // Places
    const d = st.district;
    const loc = r.chance(0.7) ? st.locality : r.pick(d.localities);
    const loc2 = r.pick(d.localities);
    const house = `${r.chance(0.3) ? `${r.pick(['A', 'B', 'C', 'D'])}-` : ''}${r.range(1, 450)}`;
    const street = r.pick(STREETS);
    const pin = `${d.pin}0${pad2(r.range(1, 60))}`;
    const address = `${house}, ${street}, ${loc[0]}, ${d.name[0]}, ${st.state.name} - ${pin}`;
    const addrLocal =
      lang === 'hi' ? `मकान नं. ${house}, ${loc[1] ?? loc[0]}, ${d.name[1] ?? d.name[0]}` : lang === 'mr' ? `घर क्र. ${house}, ${loc[1] ?? loc[0]}, ${d.name[1] ?? d.name[0]}` : `${house}, ${loc[1] ?? loc[0]}, ${d.name[1] ?? d.name[0]}`;

    // Time line: incident, report (complaint received), FIR created, updated, registered
    const reportDelay = r.chance(0.6)
      ? 30 * MINUTE + r.next() * 11.5 * HOUR
      : r.chance(0.75)
        ? 12 * HOUR + r.next() * 60 * HOUR
        : 3 * DAY + r.next() * 27 * DAY;
    const incidentTo = Math.floor(created - reportDelay);
    const [dmin, dmax] = crime.durationMin;
    const incidentFrom = incidentTo - r.range(dmin, dmax) * MINUTE;
    const received = created - Math.min(reportDelay / 2, r.range(1, 45) * MINUTE);
    const date2 =
      crime.key === 'HOUSE_BREAKING'
        ? istDate(incidentTo)
        : crime.key === 'DOWRY_CRUELTY'
          ? istDate(incidentFrom - r.range(200, 2500) * DAY)
          : istDate(incidentFrom - r.range(5, 60) * DAY);
    const contact = `${r.pick(['9', '8', '7', '6'])}${r.digits(9)}`;

    const c: TextCtx = {
      r,
      lang,
      p,
      rel,
      relation,
      other,
      witness,
      city: d.name[0],
      cityLocal: d.name[1] ?? d.name[0],
      locality: loc[0],
      localityLocal: loc[1] ?? loc[0],
      locality2: loc2[0],
      address,
      addressLocal: addrLocal,
      date: istDate(incidentFrom),
      time: istTime(incidentFrom),
      date2,
      rto: r.pick(st.state.rto),
      contact,
    };
    const t = crime.build(c);

    // Complaint
    const complaintId = this.base.complaint + i + 1;
    const text = complaintText(c, t, st.name, st.nameLocal);
    const srcX = r.next();
    const source = srcX < 0.82 ? 'TEXT' : srcX < 0.94 ? 'AUDIO' : 'IMAGE';
    const ym = istIsoDate(received).slice(0, 7).replace('-', '/');
    let mediaRef: string | null = null;
    let mediaType: string | null = null;
    if (source === 'AUDIO') {
      const [ext, type] = r.pick([['ogg', 'audio/ogg'], ['m4a', 'audio/mp4'], ['webm', 'audio/webm'], ['mp3', 'audio/mpeg']] as const);
      mediaRef = `media/complaints/${ym}/${complaintId}.${ext}`;
      mediaType = type;
    } else if (source === 'IMAGE') {
      const [ext, type] = r.pick([['jpg', 'image/jpeg'], ['png', 'image/png']] as const);
      mediaRef = `media/complaints/${ym}/${complaintId}.${ext}`;
      mediaType = type;
    }
    cv.push(
      complaintId,
      st.id,
      source,
      lang,
      source === 'TEXT' ? text : null,
      source === 'TEXT' ? null : text,
      mediaRef,
      mediaType,
      new Date(received),
    );

    // Sections
    const firId = this.base.fir + i + 1;
    const chosen = this.chooseSections(crime);
    const sectionList = chosen.map((s) => s.number).join(', ');
    const srcCum = status === REGISTERED ? SECTION_SOURCES_REGISTERED : SECTION_SOURCES;
    for (let k = 0; k < chosen.length; k++) {
      const conf = k === 0 ? 0.78 + r.next() * 0.21 : 0.42 + r.next() * 0.45;
      xv.push(firId, chosen[k]!.id, Math.round(conf * 1000) / 1000, SOURCE_NAMES[pickCumulative(srcCum, r.next())]);
    }

    // FIR
    const occupation = p.male || r.chance(0.6) ? r.pick(OCCUPATIONS) : 'Homemaker';
    const hasText = HAS_TEXT[status]!;
    const receivedHow = source === 'AUDIO' ? 'gave an oral complaint' : source === 'IMAGE' ? 'gave a handwritten complaint' : 'gave a written complaint';
    const summary = hasText ? t.summary : null;
    const narrative = hasText ? narrativeText(c, t, st.name, st.nameLocal, sectionList, receivedHow, occupation, istDate(created)) : null;
    const reg = sk.registered[i]!;
    const isReg = status === REGISTERED;
    const regYear = isReg ? new Date(reg).getUTCFullYear() : 0;
    const firNumber = isReg ? `${st.code}-${regYear}-${String(sk.serial[i]).padStart(5, '0')}` : null;
    let updated: number;
    let version: number;
    switch (status) {
      case DRAFT:
        updated = created;
        version = 1;
        break;
      case GENERATING:
        updated = created + r.range(2, 50) * 1000;
        version = 1;
        break;
      case FAILED:
        updated = created + r.range(30, 300) * 1000;
        version = 1;
        break;
      case GENERATED:
        updated = created + r.range(20, 180) * 1000;
        version = r.range(1, 2);
        break;
      case UNDER_REVIEW:
        updated = created + r.range(5, 24 * 60) * MINUTE;
        version = 2;
        break;
      case REGISTERED:
        updated = reg;
        version = r.chance(0.8) ? 3 : 2;
        break;
      default: // REJECTED
        updated = created + r.range(60, 5 * 24 * 60) * MINUTE;
        version = r.range(2, 3);
    }
    updated = Math.max(created, Math.min(updated, now));
    const io = isReg ? r.pick(st.investigators) : null;
    const ageDays = (now - created) / DAY;
    fv.push(
      firId,
      st.id,
      complaintId,
      FIR_STATUSES[status],
      firNumber,
      p.name,
      `${new Date(created).getUTCFullYear() - age}-${pad2(r.range(1, 12))}-${pad2(r.range(1, 28))}`,
      'Indian',
      rel.name,
      address,
      `+91 ${contact}`,
      r.chance(0.03) ? `${String.fromCharCode(65 + r.int(26))}${r.digits(7)}` : null,
      occupation,
      new Date(incidentFrom),
      new Date(incidentTo),
      t.place,
      `${loc[0]}, ${d.name[0]}, ${st.state.name} - ${pin}`,
      t.fact.charAt(0).toUpperCase() + t.fact.slice(1) + '.',
      reportDelay > 3 * DAY ? r.pick(DELAY_REASONS) : null,
      '["BNS"]',
      summary,
      narrative,
      JSON.stringify(t.suspects),
      JSON.stringify(t.witnesses),
      io,
      isReg ? (ageDays < 30 ? 'Under investigation' : r.pick(INVESTIGATION_STATUSES)) : null,
      isReg ? t.actionTaken : null,
      isReg ? istIsoDate(reg + r.int(2) * DAY) : null,
      status === REJECTED ? r.pick(REJECTION_REASONS) : null,
      version,
      // The writer on duty: one per station per 8-hour shift (keeps the created_by index's
      // insertion points to one per station at a time).
      st.writers[(Math.floor(created / (8 * HOUR)) + st.id) % st.writers.length],
      new Date(created),
      new Date(updated),
      isReg ? new Date(reg) : null,
    );
  }

  /** 1–3 distinct sections: the offence's own sections found in the table, else random ones. */
  chooseSections(crime: Crime): SectionRef[] {
    const r = this.r;
    const out: SectionRef[] = [];
    for (const num of crime.sections) {
      const s = this.byNumber.get(num) ?? this.byBase.get(baseNumber(num));
      if (!s || out.includes(s)) continue;
      if (out.length === 0 || r.chance(0.55)) out.push(s);
      if (out.length === 3) break;
    }
    if (out.length === 0) {
      const want = Math.min(this.sections.length, r.range(1, 3));
      while (out.length < want) {
        const s = r.pick(this.sections);
        if (!out.includes(s)) out.push(s);
      }
    }
    return out;
  }
}
