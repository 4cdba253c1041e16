/**
 * The complainant in the pack languages: the name from "my name is X", "Applicant: X, S/o …",
 * "I, X, son of …", a relation marker near the top or the signature under the letter's closing;
 * the father's or husband's name, age, address (after "resident of", or the address shape of the
 * self-introduction) and occupation; and where these particulars are in the text.
 */
import type { Relation } from '../names.ts';
import { addressRun, addressScore } from './address-shape.ts';
import { norm } from './index.ts';
import { wordsAfter, wordsBefore } from './name-words.ts';
import { compiled } from './pack-patterns.ts';
import type { LanguagePack } from './types.ts';

interface GenericComplainant {
  name: string | null;
  fatherOrHusbandName: string | null;
  relation: Relation | null;
  age: number | null;
  address: string | null;
  occupation: string | null;
  /** an address read from its shape alone (no "resident of" marker): used when nothing better is found */
  addressGuessed?: string;
  /** where the complainant's own particulars are (kept out of the place of occurrence) */
  spans: Array<{ start: number; end: number }>;
}

const HEAD = 700;

export function findGenericComplainant(t: string, pack: LanguagePack): GenericComplainant {
  const c = compiled(pack);
  const out: GenericComplainant = { name: null, fatherOrHusbandName: null, relation: null, age: null, address: null, occupation: null, spans: [] };
  const head = t.slice(0, Math.min(t.length, HEAD));

  // 1. "my name is X"
  if (c.myNameIs) {
    c.myNameIs.lastIndex = 0;
    const m = c.myNameIs.exec(t);
    if (m) {
      const w = wordsAfter(t, m.index + m[0].length, c);
      if (w) {
        out.name = w.text;
        out.spans.push({ start: m.index, end: w.end });
      }
    }
  }
  // 2. "मी X, वय 42", "Applicant: X, S/o …", "मैं आवेदक X पिता …": a name that a particular follows
  if (!out.name && c.introduced && c.particular) {
    c.introduced.lastIndex = 0;
    for (const m of head.matchAll(c.introduced)) {
      // "પતિનું નામ: X", "पिता का नाम X": a relative's name, not the complainant's
      if (c.relation) {
        c.relation.lastIndex = 0;
        if (c.relation.test(t.slice(Math.max(0, m.index - 16), m.index + 1))) continue;
      }
      const w = wordsAfter(t, m.index + m[0].length, c);
      if (!w) continue;
      c.particular.lastIndex = 0;
      if (!c.particular.test(t.slice(w.end, w.end + 40))) continue;
      out.name = w.text;
      out.spans.push({ start: m.index, end: w.end });
      break;
    }
  }
  // 3. "I, X, son of …"
  if (!out.name && c.iComma) {
    c.iComma.lastIndex = 0;
    const m = c.iComma.exec(head);
    if (m) {
      const w = wordsAfter(t, m.index + m[0].length, c);
      if (w) {
        out.name = w.text;
        out.spans.push({ start: m.index, end: w.end });
      }
    }
  }
  // 3. "X, S/o Y" (or "Y's son X"): the first relation marker near the top
  if (c.relation) {
    c.relation.lastIndex = 0;
    const m = c.relation.exec(head);
    if (m) {
      const marker = norm(m[1] ?? '');
      out.relation = c.relationKind.get(marker) ?? null;
      const after = wordsAfter(t, m.index + m[0].length, c, 3);
      const before = wordsBefore(t, m.index, c, 3);
      if (pack.relationOrder === 'name-marker') {
        if (before) out.fatherOrHusbandName = before.text;
        if (!out.name && after) out.name = after.text;
      } else {
        if (after) out.fatherOrHusbandName = after.text;
        if (!out.name && before) out.name = before.text;
      }
      out.spans.push({ start: before?.start ?? m.index, end: after?.end ?? m.index + m[0].length });
    }
  }
  // 4. the signature under the letter's closing
  if (!out.name && c.signOff) {
    c.signOff.lastIndex = 0;
    let last: RegExpExecArray | null = null;
    for (const m of t.matchAll(c.signOff)) last = m as RegExpExecArray;
    if (last) {
      const w = wordsAfter(t, last.index + last[0].length, c, 3);
      if (w) {
        out.name = w.text;
        out.spans.push({ start: last.index, end: w.end });
      }
    }
  }
  // age
  if (c.age) {
    c.age.lastIndex = 0;
    const m = c.age.exec(head);
    if (m) {
      const n = Number(m[1] ?? m[2]);
      if (n >= 5 && n <= 110) out.age = n;
    }
  }
  // address: the clause after "resident of" ("নিবাসী …", "ವಾಸ: …"), or the words before a trailing
  // "resident" word ("… എന്ന വിലാസത്തിൽ താമസിക്കുന്ന", "… லோ உంటాను"), whichever reads as an address
  if (c.residentOf) {
    c.residentOf.lastIndex = 0;
    const m = c.residentOf.exec(head);
    if (m) {
      const after = t.slice(m.index + m[0].length, m.index + m[0].length + 140);
      // a full stop ends the clause, not an abbreviation's ("नं. 4", "ता. जि.", "ಮನೆ ನಂ. 18")
      const stop = after.search(/[।\n|;]|(?<=[\p{L}\p{M}]{4,}|\d)\.(?=\s|$)|(?<=\S),\s?(?:\d{10}|\+91)/u);
      // the address is its short comma-separated parts; a long part is the sentence going on
      // ("…, ਪਟਿਆਲਾ, ਅਦਾਲਤ ਬਾਜ਼ਾਰ ਵਿੱਚ ‘…’ ਨਾਂ ਦੀ ਦੁਕਾਨ ਕਰਦਾ ਹਾਂ")
      const raw = (stop >= 0 ? after.slice(0, stop) : after).replace(/^[\s:\-–,.]+/, '');
      const parts = raw.split(',');
      const keep: string[] = [];
      for (const p of parts) {
        if (p.trim().split(/\s+/).length > 5) break;
        keep.push(p);
      }
      const clause = (keep.length ? keep.join(',') : '').replace(/[\s,\-–]+$/, '');
      const clauseLen = keep.length ? keep.join(',').length + (after.length - after.replace(/^[\s:\-–,.]+/, '').length) : 0;
      const before = t.slice(Math.max(0, m.index - 120), m.index);
      const cut = Math.max(before.lastIndexOf('।'), before.lastIndexOf('.'), before.lastIndexOf('\n'), before.lastIndexOf(':'), before.lastIndexOf(')'));
      const prev = before.slice(cut + 1).replace(/^[\s,]+/, '').replace(/[\s,\-–]+$/, '');
      const afterOk = clause.length >= 3 && /[\p{L}]/u.test(clause);
      const label = /^\s?[:：\-–]/.test(t.slice(m.index + m[0].length, m.index + m[0].length + 2));
      const useBefore = prev.length >= 3 && (!afterOk || (!label && addressScore(clause) === 0 && addressScore(prev) >= 1));
      if (useBefore) {
        const seg = addressRun(prev) ?? prev.slice(-120);
        out.address = seg;
        out.spans.push({ start: m.index - prev.length, end: m.index + m[0].length });
      } else if (afterOk) {
        out.address = clause.slice(0, 120);
        out.spans.push({ start: m.index, end: m.index + m[0].length + clauseLen });
      }
    }
  }
  // no marker: the run of comma-separated address parts in the self-introduction ("3/118, காமராஜர்
  // தெரு, கே.கே. நகர், மதுரை")
  if (!out.address) {
    const from = out.spans.length ? Math.min(...out.spans.map((x) => x.start)) : 0;
    const region = t.slice(from, Math.min(t.length, from + 400));
    const run = addressRun(region);
    if (run) {
      const at = region.indexOf(run);
      out.addressGuessed = run;
      out.spans.push({ start: from + at, end: from + at + run.length });
    }
  }
  if (c.occupations) {
    c.occupations.lastIndex = 0;
    const m = c.occupations.exec(head);
    if (m) out.occupation = m[0];
  }
  return out;
}
