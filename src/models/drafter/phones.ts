/**
 * Phone numbers in a complaint (Indian mobiles, with or without +91 / 0, spaced or not), each told
 * apart as the complainant's own or the caller's / suspect's by the words around it; account,
 * IMEI and transaction numbers are not phones.
 */
import type { Span } from './spans.ts';
import { WB, WE, hiRe } from './text.ts';

export interface PhoneHit extends Span {
  number: string;
  /** the complainant's own number */
  own: boolean;
  /** the suspect's / caller's number */
  other: boolean;
}

const RE_PHONE = /(?<![\d+])(?:(?:\+|00)?91[ -]?|0)?([6-9]\d{4})[ -]?(\d{5})(?!\d)|(?<![\d+])(?:(?:\+|00)?91[ -]?)?([6-9]\d{2})[ -](\d{3})[ -](\d{4})(?!\d)/g;
const RE_PHONE_NOT = /(?:account|a\/c|acct|imei|aadhaa?r|pan|txn|transaction|utr|ref(?:erence)?|upi id|card|ifsc|policy|order|fir)\s?(?:no\.?|number|id)?\s?[:\-]?\s?$/i;
const RE_PHONE_OTHER_BEFORE = hiRe(
  `(?:\\b(?:from|caller|called|calling|by|accused|suspect|fraudster|his|her|their|unknown|whatsapp(?:ed)? from|number of the|call from|calls from|message from|sms from)\\b[^.\\n।]{0,22}$)`,
  'iu',
);
const RE_PHONE_OTHER_AFTER = hiRe(`^\\s?(?:नंबर|नं\\.?)?\\s?(?:से|वरून|वरुन)${WE}`, 'iu');
const RE_PHONE_OWN_BEFORE = hiRe(
  `(?:\\b(?:my|mobile|mob|ph|phone|contact|tel|cell|sim|whatsapp)\\b|${WB}(?:मेरा|मेरे|मोबाइल|मो|संपर्क|फोन|सिम|मोबाईल)${WE})[^.\\n।]{0,30}$`,
  'iu',
);

export function findPhones(t: string): PhoneHit[] {
  const out: PhoneHit[] = [];
  for (const m of t.matchAll(RE_PHONE)) {
    const start = m.index;
    const end = start + m[0].length;
    const number = m[1] ? `${m[1]}${m[2]}` : `${m[3]}${m[4]}${m[5]}`;
    const before = t.slice(Math.max(0, start - 48), start);
    if (RE_PHONE_NOT.test(before)) continue;
    const near = t.slice(Math.max(0, start - 26), start);
    const after = t.slice(end, end + 14);
    const other = RE_PHONE_OTHER_BEFORE.test(near) || RE_PHONE_OTHER_AFTER.test(after);
    const own = !other && RE_PHONE_OWN_BEFORE.test(before);
    out.push({ start, end, number, own, other });
  }
  return out;
}
