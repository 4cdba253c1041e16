/**
 * The complainant's particulars in English, Hindi and light romanised Hindi complaints: name (the
 * self-introduction nearest the top), father's or husband's name, age, occupation, address, phone,
 * nationality, passport and date of birth. Everything extracted is text the complaint contains;
 * nothing is filled in by guesswork.
 */
import type { ComplainantDraft } from '../types.ts';
import { findDates } from './dates.ts';
import { EN_NAME, HI_NAME, HI_REL_WORDS, HI_WORD, NAME_STOP, type Relation, cleanEnName, cleanHiName, relationOf } from './names.ts';
import type { PhoneHit } from './phones.ts';
import type { Span } from './spans.ts';
import { type Sentence, WB, WE, capitalise, cleanPhrase, hiRe, sentenceIndexAt } from './text.ts';

export interface ComplainantFacts extends ComplainantDraft {
  relation: Relation | null;
  age: number | null;
  /** span of the complainant's particulars (masked when looking for the place of occurrence) */
  spans: Span[];
}

// ───────────── the name ─────────────

const HI_NAME_END = `(?=,? ?(?:${HI_REL_WORDS}|उम्र|आयु|वय|निवासी|ग्राम|गांव|राहणार|S\\/o|D\\/o|W\\/o)${WE}|,|।|$)`;

interface NameHit {
  name: string;
  start: number;
  end: number;
}

const RE_C_EN: RegExp[] = [
  new RegExp(`\\bI,? (?:the undersigned,? )?${EN_NAME} ?,? ?(?=(?:S\\/o|D\\/o|W\\/o|H\\/o|s\\/o|d\\/o|w\\/o|son|daughter|wife|husband|aged|age|r\\/o|R\\/o|resident|residing|by profession|\\(|,))`, 'g'),
  new RegExp(`\\b[Mm]y (?:full )?name is ${EN_NAME}`, 'g'),
  new RegExp(`\\bI am ${EN_NAME}(?=,|\\.|;| and\\b| son\\b| daughter\\b| wife\\b| [SDWsdw]\\/o| [Rr]\\/o| aged\\b| from\\b| resident\\b| residing\\b| a resident\\b| by\\b|$)`, 'g'),
  new RegExp(`\\b(?:Name|NAME|Complainant(?:'s name)?|Name of (?:the )?[Cc]omplainant)\\s?[:\\-]\\s?${EN_NAME}`, 'g'),
  new RegExp(`(?:Yours (?:faithfully|sincerely|truly)|Sincerely|Regards|Thanking you)[,.]?\\s*\\(?${EN_NAME}`, 'g'),
  new RegExp(`\\n${EN_NAME}\\n(?=(?:Mobile|Mob|Phone|Contact|Ph|Tel|Cell)\\b)`, 'g'),
  // Hinglish: "main Rekha Agarwal, C-45 …", "prarthi Ram Sajeevan Patel putra …"
  new RegExp(`\\b(?:[Mm]ain|[Mm]ai|[Pp]rarthi|[Pp]rarthini|[Ss]hikayatkarta|[Aa]avedak|[Aa]awedak) ${EN_NAME}(?=,|\\s(?:putra|putri|patni|pita|pati|[SDWsdw]\\/o|umar|umra|age|aged|nivasi|niwasi|[Rr]\\/o|resident))`, 'g'),
  // a statement recorded by the police: "Statement of (injured) Shri X S/o …", "Complainant Kum. X, age 24"
  new RegExp(`\\b(?:[Ss]tatement of|[Cc]omplainant|[Ii]nformant)(?: the)?(?: injured| complainant| informant)? (?:Kum\\.? |Km\\.? |Kumari )?${EN_NAME},? ?(?=(?:S\\/o|D\\/o|W\\/o|s\\/o|d\\/o|w\\/o|son of|daughter of|wife of|aged?\\b|r\\/o|R\\/o|resident))`, 'g'),
];
const RE_C_ROMAN = /\bmera naam ((?:[A-Za-z]+ ){0,3}?[A-Za-z]+) (?:hai|h|he)\b/gi;
const RE_C_HI: RegExp[] = [
  hiRe(`मेरा नाम ${HI_NAME} (?:है|हैं|हे)`),
  hiRe(`${WB}(?:प्रार्थी|प्रार्थिनी|शिकायतकर्ता|शिकायतकर्ती|निवेदक|निवेदिका|वादी|वादिनी|मैं|मी),? (?:श्री |श्रीमती |सुश्री |कुमारी )?${HI_NAME},? ?${HI_NAME_END}`),
  hiRe(`(?:नाम|प्रार्थी का नाम|शिकायतकर्ता का नाम) ?[:\\-] ?${HI_NAME}${HI_NAME_END}`),
  hiRe(`(?:भवदीय|भवदीया|प्रार्थी|प्रार्थिनी|निवेदक)[,\\s]*\\n\\s*${HI_NAME}(?=\\n|$|,)`),
];

function findComplainantName(t: string): NameHit | null {
  const hits: NameHit[] = [];
  for (const re of RE_C_EN) {
    for (const m of t.matchAll(re)) {
      const name = cleanEnName(m[1]);
      if (!name) continue;
      const start = m.index + m[0].indexOf(m[1] ?? '');
      hits.push({ name, start, end: start + (m[1] ?? '').length });
      break;
    }
  }
  for (const m of t.matchAll(RE_C_ROMAN)) {
    const name = (m[1] ?? '').split(' ').map((w) => capitalise(w)).join(' ');
    if (name && !NAME_STOP.has(name)) hits.push({ name, start: m.index, end: m.index + m[0].length });
    break;
  }
  for (const re of RE_C_HI) {
    for (const m of t.matchAll(re)) {
      const name = cleanHiName(m[1]);
      if (!name) continue;
      const start = m.index + m[0].lastIndexOf(m[1] ?? '');
      hits.push({ name, start, end: start + (m[1] ?? '').length });
      break;
    }
  }
  if (hits.length === 0) return null;
  // the pattern nearest the top of the complaint is the self-introduction
  hits.sort((a, b) => a.start - b.start);
  return hits[0] ?? null;
}

// ───────────── particulars near the name ─────────────

const RE_REL_EN = new RegExp(
  `(?<![A-Za-z])(S\\/[Oo]|D\\/[Oo]|W\\/[Oo]|H\\/[Oo]|s\\/o|d\\/o|w\\/o|h\\/o|son of|daughter of|wife of|husband of)\\.?\\s?[:\\-]?\\s?(?:(?:Shri|Sh|Sri|Mr|Late|Lt)\\.? )?${EN_NAME}`,
);
const RE_REL_HI = hiRe(`(${HI_REL_WORDS})(?: श्री| स्व\\.?| स्वर्गीय| स्व०)? ${HI_NAME}(?=,? ?(?:उम्र|आयु|वय|निवासी|ग्राम|गांव|मोहल्ला|राहणार|हूं|हूँ|है|का|की|मो\\.|मोबाइल)${WE}|,|।|$|\\n)`, 'u');

const RE_AGE = hiRe(
  `(?:\\baged?\\s?(?:about|around|approx\\.?|approximately)?\\s?[:\\-]?\\s?(\\d{1,3})(?!\\d)|(?<!\\d)(\\d{1,3})\\s?(?:years?|yrs?)\\.?(?: old| of age)|(?:उम्र|आयु|वय)\\s?(?:लगभग|करीब|सुमारे)?\\s?[:\\-]?\\s?(\\d{1,3})(?!\\d)|(?<!\\d)(\\d{1,3})\\s?(?:वर्षीय|साल का|साल की))`,
  'iu',
);

const RE_ADDR_MARK = hiRe(
  `(?:\\b(?:resident of|residing at|presently residing at|permanently residing at|r\\/o|living at|I live at|I live in|I reside at|I stay at|address)\\b\\s?[:\\-]?\\s?|${WB}(?:निवासी|निवास|पता|रहने वाला|रहने वाली|राहणार|रा\\.)${WE}\\s?[:\\-]?\\s?)`,
  'iu',
);

const RE_CLAUSE_STOP = hiRe(
  `(?:,\\s*|\\s+)(?:aged?|age|mobile|mob\\.?|ph\\.?|phone|contact|tel\\.?|do hereby|hereby|would like|wish to|want to|state that|states that|report(?:s)? (?:that|the)|complain(?:s)? (?:that|against)|submit(?:s)? that|inform(?:s)? (?:that|you)|and i|i am|i was|i have|who|working|by profession|occupation|email|e-mail|aadhaar|s\\/o|d\\/o|w\\/o|son of|daughter of|wife of)(?![a-z])` +
    `|(?:,\\s*|\\s+)(?:(?:का|की|के) (?:रहने वाला|रहने वाली|रहने वाले|निवासी)|उम्र|आयु|वय|मोबाइल|मो\\.|फोन|है|हूं|हूँ|हैं|ने|को|आहे|यांनी|तक्रार|दिनांक)${WE}|[\\n।;]|\\.(?=\\s+[A-Z\\u0900-\\u097F]|\\s*$)`,
  'giu',
);

const ABBR_BEFORE_DOT = /(?:^|[\s,(])(?:no|h|hno|st|rd|nr|opp|sec|ph|vill|po|ps|dist|distt|teh|near|flat|apt|blk|[A-Z]|नं|मो)$/i;

/** Text from `start` up to the end of the clause (address-like captures), at most `max` characters. */
export function captureClause(t: string, start: number, max = 160): string {
  const win = t.slice(start, start + max);
  RE_CLAUSE_STOP.lastIndex = 0;
  for (const m of win.matchAll(RE_CLAUSE_STOP)) {
    if (m[0] === '.' || m[0].startsWith('.')) {
      const before = win.slice(0, m.index);
      if (ABBR_BEFORE_DOT.test(before)) continue;
    }
    return cleanPhrase(win.slice(0, m.index));
  }
  return cleanPhrase(win);
}

const OCCUPATIONS_EN = [
  'daily wage labourer', 'daily wage worker', 'auto-rickshaw driver', 'auto rickshaw driver', 'auto driver', 'taxi driver', 'cab driver',
  'truck driver', 'e-rickshaw driver', 'driver', 'farmer', 'shopkeeper', 'labourer', 'labour', 'teacher', 'student', 'businessman',
  'businesswoman', 'housewife', 'homemaker', 'software engineer', 'engineer', 'doctor', 'nurse', 'clerk', 'government employee',
  'government servant', 'bank employee', 'private employee', 'vendor', 'street vendor', 'vegetable vendor', 'tailor', 'carpenter',
  'electrician', 'plumber', 'mechanic', 'security guard', 'watchman', 'retired government employee', 'retired teacher', 'retired',
  'salesman', 'accountant', 'lawyer', 'advocate', 'contractor', 'delivery executive', 'delivery boy', 'journalist', 'pensioner',
  'mason', 'painter', 'barber', 'cook', 'domestic worker', 'maid', 'priest', 'pharmacist',
];
const RE_OCC_EN = new RegExp(
  `\\b(?:by profession (?:a |an )?|by occupation (?:a |an )?|working as (?:a |an )?|work as (?:a |an )?|employed as (?:a |an )?|occupation\\s?[:\\-]\\s?|profession\\s?[:\\-]\\s?)([A-Za-z][A-Za-z -]{1,40}?)(?=[,.;\\n]| and | at | in | with | for | who |$)` +
    `|\\bI am (?:a |an )?(?:(?:retired |self-employed )?)(${OCCUPATIONS_EN.join('|')})\\b|\\b(${OCCUPATIONS_EN.join('|')}) by profession\\b`,
  'i',
);
const RE_OCC_I_AM = new RegExp(`\\bI am (?:a |an )?(?:retired |self-employed )?(${OCCUPATIONS_EN.join('|')})\\b`, 'i');
const OCC_HI = ['दिहाडी मजदूर', 'मजदूर', 'किसान', 'दुकानदार', 'ऑटो चालक', 'रिक्शा चालक', 'ड्राइवर', 'चालक', 'शिक्षक', 'शिक्षिका', 'अध्यापक', 'व्यापारी', 'छात्र', 'छात्रा', 'गृहिणी', 'इंजीनियर', 'डॉक्टर', 'नर्स', 'ठेकेदार', 'दर्जी', 'मिस्त्री', 'सरकारी कर्मचारी', 'प्राइवेट नौकरी', 'सुरक्षा गार्ड', 'चौकीदार', 'सब्जी विक्रेता', 'रेहडी वाला', 'सेवानिवृत्त'];
const RE_OCC_HI = hiRe(
  `(?:पेशा|पेशे से|व्यवसाय|व्यवसाय से|काम)\\s?[:\\-]?\\s?(${OCC_HI.join('|')}|${HI_WORD}(?: ${HI_WORD})?)(?=,|।| हूं| हूँ| है| का${WE}|$)` +
    `|${WB}(?:मैं|मी) (?:एक |पेशे से )?(${OCC_HI.join('|')}) (?:हूं|हूँ|आहे)`,
  'u',
);

const RE_NATIONALITY = hiRe(
  `\\b(?:nationality\\s?[:\\-]?\\s?|citizen of )([A-Z][a-z]+)|\\b(Indian|Nepali|Nepalese|Bangladeshi|Bhutanese|Sri Lankan|Afghan) (?:national|citizen)\\b|(?:राष्ट्रीयता|नागरिकता)\\s?[:\\-]?\\s?(${HI_WORD})|${WB}(भारतीय|नेपाली) नागरिक`,
  'u',
);
const RE_PASSPORT = hiRe('(?:passport|पासपोर्ट)\\s?(?:no\\.?|number|#|नं\\.?|नंबर|संख्या)?\\s?[:\\-]?\\s?([A-Z][0-9]{7})(?![0-9A-Za-z])', 'iu');
const RE_DOB = hiRe('(?:date of birth|\\bdob\\b|d\\.o\\.b\\.?|born on|जन्म ?तिथि|जन्म दिनांक|जन्मतारीख)\\s?[:\\-]?\\s?', 'iu');

// ───────────── the complainant ─────────────

const RE_STILL_ABOUT_ME = hiRe(`^\\s*(?:I (?:am|live|reside|stay|work)\\b|My (?:address|age|occupation)\\b|Address\\b|R\\/o\\b|(?:मैं|मी)${WE}|मेरा पता|मेरी उम्र|पता|निवासी)`, '');

export function findComplainant(t: string, sentences: readonly Sentence[], received: Date, phones: readonly PhoneHit[]): ComplainantFacts {
  const facts: ComplainantFacts = {
    name: null, fatherOrHusbandName: null, relation: null, age: null, address: null, contact: null,
    occupation: null, nationality: null, passportNumber: null, dateOfBirth: null, spans: [],
  };
  const hit = findComplainantName(t);
  // The self-introduction: from the name to the end of its sentence (and the next line of a letter).
  let win: Span;
  if (hit) {
    facts.name = hit.name;
    // the sentence of the name, and the next one when it goes on about the complainant
    const si = sentenceIndexAt(sentences, hit.start);
    let end = sentences[si]?.end ?? hit.end;
    const next = sentences[si + 1];
    if (next && RE_STILL_ABOUT_ME.test(next.text)) end = next.end;
    win = { start: hit.start, end: Math.min(t.length, end, hit.end + 300) };
  } else {
    // No name: only first-person statements count ("I am a resident of...", "मैं ... निवासी हूं").
    const fp = /\bI (?:am|live|reside|stay)\b|\bmy (?:address|age)\b|मैं|मेरी उम्र|मी /iu.exec(t);
    win = fp ? { start: fp.index, end: Math.min(t.length, fp.index + 220) } : { start: 0, end: 0 };
  }
  const region = t.slice(win.start, win.end);

  if (hit) {
    const after = t.slice(hit.end, hit.end + 90);
    const rel = RE_REL_EN.exec(after);
    const relHi = RE_REL_HI.exec(after);
    const first = rel && (!relHi || rel.index <= relHi.index) ? rel : relHi;
    if (first && first.index <= 12) {
      const name = first === rel ? cleanEnName(first[2]) : cleanHiName(first[2]);
      if (name) {
        facts.fatherOrHusbandName = name;
        facts.relation = relationOf(first[1] ?? '');
      }
    }
  }
  if (win.end > win.start) {
    const age = RE_AGE.exec(region);
    const n = age ? Number(age[1] ?? age[2] ?? age[3] ?? age[4]) : NaN;
    if (n > 0 && n < 120) facts.age = n;
    const addr = RE_ADDR_MARK.exec(region);
    if (addr) {
      const at = win.start + addr.index + addr[0].length;
      const a = captureClause(t, at);
      if (a.length >= 3) {
        facts.address = a;
        facts.spans.push({ start: at, end: at + a.length });
      }
    }
    const occ = RE_OCC_EN.exec(region) ?? RE_OCC_HI.exec(region);
    if (occ) {
      const o = cleanPhrase(occ[1] ?? occ[2] ?? occ[3] ?? '');
      if (o && o.length <= 40 && !/^(?:a|an|the|resident|i)$/i.test(o)) facts.occupation = /[a-z]/i.test(o) ? capitalise(o.toLowerCase()) : o;
    }
  }
  if (hit) {
    const addrEnd = facts.spans[0]?.end ?? hit.end;
    facts.spans.push({ start: hit.start, end: Math.max(hit.end, addrEnd) });
  }
  // "I am a farmer" anywhere in the complaint
  if (!facts.occupation) {
    const occ = RE_OCC_I_AM.exec(t);
    if (occ?.[1]) facts.occupation = capitalise(occ[1].toLowerCase());
  }
  if (facts.age === null) {
    const m = hiRe('(?:\\bI am (\\d{1,3}) (?:years?|yrs?)(?: old)?|मेरी (?:उम्र|आयु) (?:लगभग )?(\\d{1,3}))', 'iu').exec(t);
    const n = m ? Number(m[1] ?? m[2]) : NaN;
    if (n > 0 && n < 120) facts.age = n;
  }

  const nat = RE_NATIONALITY.exec(t);
  if (nat) facts.nationality = nat[1] ?? nat[2] ?? nat[3] ?? nat[4] ?? null;
  const pp = RE_PASSPORT.exec(t);
  if (pp?.[1]) facts.passportNumber = pp[1].toUpperCase();
  const dob = RE_DOB.exec(t);
  if (dob) {
    const after = t.slice(dob.index + dob[0].length, dob.index + dob[0].length + 30);
    const d = findDates(after, received).find((x) => !x.relative && x.start === 0);
    if (d) facts.dateOfBirth = `${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;
  }

  const own = phones.find((p) => p.own) ?? (hit ? phones.find((p) => !p.other && p.start >= win.start && p.start < win.end + 40) : undefined);
  if (own) facts.contact = own.number;
  return facts;
}
