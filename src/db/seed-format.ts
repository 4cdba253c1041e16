/**
 * Small formatters of the synthetic seed: rupee amounts, IST dates and times, and the made-up
 * numbers and people the offence templates of seed-text.ts drop into their text (vehicle
 * registrations, IMEIs, mobile numbers, an unknown suspect, a word by the complainant's gender).
 */
import type { Rng } from './seed-rng.ts';
import { COLOURS } from './seed-data.ts';

const IST = 330 * 60_000;

/** ₹ with Indian digit grouping: 125000 -> ₹1,25,000. */
export function inr(n: number): string {
  const s = String(Math.round(n));
  if (s.length <= 3) return `₹${s}`;
  const last3 = s.slice(-3);
  const rest = s.slice(0, -3).replace(/\B(?=(\d{2})+(?!\d))/g, ',');
  return `₹${rest},${last3}`;
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** 'DD/MM/YYYY' and 'HH:MM' in IST */
export function istDate(ms: number): string {
  const d = new Date(ms + IST);
  return `${pad2(d.getUTCDate())}/${pad2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}
export function istTime(ms: number): string {
  const d = new Date(ms + IST);
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}
/** 'YYYY-MM-DD' in IST */
export function istIsoDate(ms: number): string {
  const d = new Date(ms + IST);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

export const unknownSuspect = (r: Rng, what: string) => ({
  name: 'Unknown',
  description: `${what}, about ${r.range(20, 35)} years old, ${r.pick(['thin build', 'medium build', 'stout build'])}, wearing a ${r.pick(COLOURS)} ${r.pick(['shirt', 'T-shirt', 'jacket', 'hoodie'])}`,
  address: 'Not known',
});

/** the word for a male complainant, else the one for a female one */
export const g = (c: { p: { male: boolean } }, male: string, female: string) => (c.p.male ? male : female);

/** a vehicle registration number of the station's state: RTO code, two letters, four digits */
export function reg(c: { r: Rng; rto: string }): string {
  const r = c.r;
  return `${c.rto}${String.fromCharCode(65 + r.int(26))}${String.fromCharCode(65 + r.int(26))}${r.digits(4)}`;
}

export function imei(r: Rng): string {
  return `86${r.digits(13)}`;
}

export function mobile(r: Rng): string {
  return `${r.pick(['9', '8', '7', '6'])}${r.digits(9)}`;
}
