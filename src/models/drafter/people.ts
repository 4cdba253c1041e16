/**
 * People in a complaint: the complainant's particulars (name, father's or husband's name, age,
 * occupation, address, phone, nationality, passport, date of birth), the suspects (unknown persons
 * with their description, named accused) and the witnesses, in English, Hindi and light romanised
 * Hindi. Everything extracted is text the complaint contains; nothing is filled in by guesswork.
 */
import type { ComplainantDraft, PersonDraft } from '../types.ts';
import type { Span } from './dates.ts';
import { findDates } from './dates.ts';
import { type Sentence, WB, WE, capitalise, cleanPhrase, foldDevanagari, hiRe, sentenceIndexAt } from './text.ts';

export type Relation = 'S/o' | 'D/o' | 'W/o' | 'H/o';

export interface ComplainantFacts extends ComplainantDraft {
  relation: Relation | null;
  age: number | null;
  /** span of the complainant's particulars (masked when looking for the place of occurrence) */
  spans: Span[];
}

// ───────────── names ─────────────

const EN_WORD = "(?:[A-Z]\\.(?: ?[A-Z]\\.)*|(?:Mohd|Md|Sk|Smt|Shri)\\.|[A-Z][a-zA-Z'-]+)";
const EN_NAME = `((?:(?:Mr|Mrs|Ms|Miss|Shri|Sri|Smt|Sh|Dr|Kumari|Km|Sushri)\\.? )?${EN_WORD}(?: ${EN_WORD}){0,4})`;
const HONORIFIC = /^(?:Mr|Mrs|Ms|Miss|Shri|Sri|Smt|Sh|Dr|Kumari|Km|Sushri|Late)\.?\s+/;

const NAME_STOP = new Set(
  ('I One On At In The My Sir Madam S D W R H C Son Daughter Wife Husband Resident Aged Age Mobile Mob Phone And Who From ' +
    'Village Vill House Dated Date Police Station PS Subject To Dear Respected Yours Complainant Address Near Opposite ' +
    'Am Was Is Have Had Working Kindly Please Today Yesterday When While After Before Then This That It We Our He She ' +
    'They His Her Their With Without For Of By As But Also Sector Block Flat Room Street Road Lane Colony Nagar ' +
    'Contact Tel Email Aadhaar PAN Occupation Profession Nationality Passport Registration Reg IMEI SIM No UPI OTP KYC ' +
    'ATM CCTV FIR SHO Inspector Constable Officer Rs INR Hon Honourable Thanking Thanks Regards Sincerely Faithfully Truly').split(' '),
);
const NOT_NAME = new Set(
  ('January February March April May June July August September October November December Monday Tuesday Wednesday ' +
    'Thursday Friday Saturday Sunday Paytm PhonePe Google Pay GPay BHIM WhatsApp Telegram Facebook Instagram YouTube ' +
    'Amazon Flipkart SBI HDFC ICICI Axis Bank Kotak Canara Baroda Punjab National State India Indian Hindu Muslim ' +
    'Sikh Christian Unknown Someone Somebody Nobody Police Station Samsung Redmi Vivo Oppo Realme OnePlus Nokia Motorola ' +
    'Honda Hero Bajaj TVS Suzuki Royal Enfield Activa Splendor Pulsar Apache Maruti Hyundai Tata Mahindra Toyota ' +
    'Delhi Mumbai Pune Kolkata Chennai Bengaluru Bangalore Hyderabad Lucknow Jaipur Patna Bhopal Nagpur Dubai Canada ' +
    'God Lord Government Court Hospital Market Metro Railway Bus Temple School College University Company').split(' '),
);

/** Cleans a captured English name: drops honorifics and everything from the first non-name word. */
function cleanEnName(raw: string | undefined): string | null {
  if (!raw) return null;
  let s = raw.trim().replace(HONORIFIC, '');
  const words = s.split(' ');
  const kept: string[] = [];
  for (const w of words) {
    const bare = w.replace(/\.$/, '');
    if (NAME_STOP.has(bare) || NAME_STOP.has(w)) break;
    kept.push(w);
  }
  s = kept.join(' ').trim().replace(/(?<=[a-z]{2})\.$/, '');
  if (!s || s.length < 2) return null;
  if (kept.every((w) => NOT_NAME.has(w.replace(/\.$/, '')))) return null;
  if (kept.some((w) => NOT_NAME.has(w) && ['Police', 'Station', 'Bank', 'Market', 'Hospital', 'Company', 'Court'].includes(w))) return null;
  if (/^[A-Z]\.?$/.test(s)) return null;
  return s;
}

const HI_WORD = '[\\u0900-\\u0963\\u0971-\\u097F]+';
const HI_NAME_STOP = new Set(
  foldDevanagari('का की के ने को से में है हैं था थी थे और व तथा एक अपने अपनी अपना मेरे मेरी मेरा मैं यह वह आज कल दिनांक लगभग करीब ' +
    'अज्ञात व्यक्ति किसी कोई जो कि पर तो भी ही हूं हूँ पुत्र पुत्री पत्नी निवासी उम्र आयु ग्राम गांव थाना जिला मोहल्ला ' +
    'शिकायत प्रार्थी प्रार्थिनी श्रीमान महोदय निवेदन विषय सेवा मुझे मुझसे हम हमारे उनके उसके साथ द्वारा बताया रहा रही ' +
    'मोबाइल फोन घर पडोसी आरोपी पति सास ससुर देवर जेठ ननद भाई बहन पिता माता दोस्त मित्र नाम बजे रात सुबह शाम दोपहर').split(' '),
);

function cleanHiName(raw: string | undefined): string | null {
  if (!raw) return null;
  const words = raw.trim().replace(/^(?:श्री|श्रीमती|सुश्री|कुमारी|स्व\.?|स्वर्गीय)\s+/u, '').split(/\s+/);
  const kept: string[] = [];
  for (const w of words) {
    if (HI_NAME_STOP.has(w)) {
      if (kept.length === 0) continue; // leading function words: "को मोहन लाल"
      break;
    }
    kept.push(w);
  }
  const s = kept.join(' ').replace(/[,.]$/, '').trim();
  return s.length >= 2 ? s : null;
}

const HI_NAME = `((?:${HI_WORD} ){0,3}?${HI_WORD})`;
const HI_REL_WORDS = 'पुत्र|पुत्री|पत्नी|सुपुत्र|सुपुत्री|धर्मपत्नी|पति';
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

function relationOf(word: string): Relation {
  const w = word.toLowerCase();
  if (w.startsWith('s') || w === 'पुत्र' || w === 'सुपुत्र') return 'S/o';
  if (w.startsWith('d') || w === 'पुत्री' || w === 'सुपुत्री') return 'D/o';
  if (w.startsWith('w') || w === 'पत्नी' || w === 'धर्मपत्नी') return 'W/o';
  return 'H/o';
}

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

// ───────────── phones ─────────────

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

// ───────────── suspects and witnesses ─────────────

const COUNT_EN = '(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|some|several|few|a few|many|\\d{1,2}|\\d-\\d|group of|gang of)';
const ADJ_EN = '(?:unknown|unidentified|masked|armed|young|strange|suspicious|bike-borne|motorcycle-borne|scooter-borne|tall|short|stout|thin|drunk|drunken|other)';
const NOUN_EN = '(?:persons?|people|men|man|boys?|youths?|miscreants?|thie(?:f|ves)|robbers?|snatchers?|assailants?|culprits?|criminals?|fraudsters?|callers?|individuals?|strangers?|women|woman|ladies|lady|girls?|dacoits?|goons?|rowdies|rowdy|intruders?|burglars?|pickpockets?|someone|somebody|some one)';
const VEH_EN = '(?: on an? (?:[a-z]+ )?(?:motorcycle|motor cycle|bike|scooter|scooty|two-wheeler|car|auto|activa)(?: without (?:a )?number plate)?)?';
const RE_GROUP_EN = new RegExp(`\\b(?:(${COUNT_EN}) )?((?:${ADJ_EN}[ ,]{1,2}(?:and )?){0,3})(${NOUN_EN})\\b(${VEH_EN})`, 'gi');
const INHERENT_EN = /^(?:miscreants?|thie(?:f|ves)|robbers?|snatchers?|assailants?|culprits?|criminals?|fraudsters?|dacoits?|goons?|rowdies|rowdy|intruders?|burglars?|pickpockets?|someone|somebody|some one)$/i;

const COUNT_HI = '(?:एक|दो|तीन|चार|पांच|छह|सात|आठ|नौ|दस|कई|कुछ|\\d{1,2}|\\d-\\d|दो-तीन|तीन-चार|चार-पांच)';
const NOUN_HI = '(?:व्यक्ति|व्यक्तियों|युवक|युवकों|लडके|लडकों|बदमाश|बदमाशों|लोग|लोगों|चोर|चोरों|लुटेरे|लुटेरों|महिला|महिलाओं|शख्स|आदमी|आदमियों|इसम|इसमांनी|अनोळखी|नकाबपोश|डकैत|डकैतों|ठग|ठगों)';
const VEH_HI = '(?:(?:मोटरसाइकिल|मोटर साइकिल|बाइक|स्कूटी|स्कूटर|कार|ऑटो) ?(?:पर )?सवार )?';
const RE_GROUP_HI = hiRe(`(${VEH_HI})(?:(किसी|कोई) )?(?:(${COUNT_HI}) )?((?:अज्ञात|अनजान|नकाबपोश|हथियारबंद|संदिग्ध|अनोळखी) )?(${NOUN_HI})${WE}`);

const NUMBER_OF: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  एक: 1, दो: 2, तीन: 3, चार: 4, पांच: 5, छह: 6, सात: 7, आठ: 8, नौ: 9, दस: 10,
};

function countOf(word: string | undefined, noun: string): number {
  if (word) {
    const w = word.toLowerCase();
    const range = /^(\d+)-(\d+)$/.exec(w) ?? /^(\S+)-(\S+)$/.exec(w);
    if (range) return Math.max(Number(range[2]) || NUMBER_OF[range[2] ?? ''] || 2, 2);
    if (/^\d+$/.test(w)) return Number(w);
    if (NUMBER_OF[w] !== undefined) return NUMBER_OF[w] as number;
    if (/^(?:some|several|few|a few|many|group of|gang of|कई|कुछ)$/u.test(w)) return 2;
  }
  return /(?:s|men|people|ies|ves|ों|लोग)$/u.test(noun) ? 2 : 1;
}

const OFFENCE_VERB = hiRe(
  `\\b(?:abus|beat|hit|slap|punch|kick|attack|assault|threat|stole|steal|snatch|took|grab|cheat|harass|push|broke|demand|forc|touch|molest|kidnap|abduct|rob|loot|misbehav|enter|barg|fled|escap|stopp|showed|shot|stab|tortur|defraud|induc|promis|lur)\\w*` +
    `|${WB}(?:मार|पीट|गाली|धमक|चोरी|छीन|झपट|लूट|ठग|धोखा|झांसा|घुस|छेड|तोड|फरार|भाग|रोक|दिखा|प्रताड|मांग|ले गए|ले गया|ले लिए|ले लिया|ले लिये|हडप|ऐंठ|बहला|नष्ट|नुकसान|बर्बाद)`,
  'iu',
);
const WITNESS_VERB = hiRe(
  `\\b(?:saw|seen|witness\\w*|intervened|was present|were present|rescued|came to (?:my )?(?:rescue|help)|called to say|informed me|helped|was with me|were with me)\\b|${WB}(?:देखा|देखी|देखे|बीच-बचाव|बीच बचाव|बचाया|छुडाया|मौजूद|उपस्थित|गवाह)`,
  'iu',
);

const REL_NOUNS_EN = "neighbou?r|ex-boyfriend|ex-husband|ex-fianc[eé]e?|fianc[eé]e?|husband|landlord|tenant|employer|brother-in-law|sister-in-law|father-in-law|mother-in-law|cousin|relative|friend|colleague|(?:business )?partner|ex-husband|boyfriend|servant|maid|driver|manager|agent|contractor|shopkeeper|nephew|uncle|brother|son-in-law|classmate|supervisor|owner|dealer|broker|accused";
const RE_NAMED_EN = new RegExp(
  `\\b(?:[Oo]ne|[Aa]ccused|named|called|(?:[Mm]y|[Oo]ur|[Tt]he|[Hh]is|[Hh]er) (?:${REL_NOUNS_EN})(?:,)?|[Aa] person named|[Aa] man named|[Aa] woman named)\\s${EN_NAME}`,
  'g',
);
const RE_BY_NAME = new RegExp(`\\b(?:by|with) ${EN_NAME}(?= and\\b| who\\b| s\\/o| [SsDdWw]\\/[Oo]| son of|,|\\.| r\\/o| resident)`, 'g');

const REL_NOUNS_HI = 'पडोसी|पडोसन|आरोपी|अभियुक्त|पति|ससुर|सास|देवर|जेठ|ननद|जेठानी|देवरानी|मकान मालिक|किरायेदार|दुकानदार|रिश्तेदार|दोस्त|मित्र|साथी|नौकर|ड्राइवर|एजेंट|ठेकेदार|मालिक|भाई|भतीजा|शेजारी|नामक|नाम के|नाम का';
const RE_NAMED_HI = hiRe(`(?:${REL_NOUNS_HI}) (?:श्री )?${HI_NAME}(?=,? ?(?:पुत्र|पुत्री|पत्नी|निवासी|ने|व|और|तथा|सहित|के साथ|याने|यांनी|याने)${WE})`);
const RE_NAMED_HI2 = hiRe(`${WB}${HI_NAME} (पुत्र|पुत्री|पत्नी) (?:श्री )?${HI_NAME}(?:,? निवासी ([^,।]{3,60}?))? ने${WE}`);

const RE_WITNESS_EN: RegExp[] = [
  new RegExp(`\\b(?:in the presence of|witnessed by|witness(?:es)?\\s?[:\\-]\\s?|eye-?witness(?:es)?\\s?[:\\-]?\\s?)\\s?((?:(?:Mr|Mrs|Shri|Smt|Sri)\\.? )?${EN_WORD}(?: ${EN_WORD}){0,3}(?:(?:, | and )(?:(?:Mr|Mrs|Shri|Smt|Sri)\\.? )?${EN_WORD}(?: ${EN_WORD}){0,3}){0,4})`, 'g'),
  new RegExp(`\\b(?:my |our |a |the )?(neighbou?r|friend|brother|sister|colleague|cousin|relative|son|daughter|passer-by|shopkeeper|security guard)(?:,)? ${EN_NAME}(?:,)? (?:who )?(?:also )?(?=saw|witnessed|intervened|was present|was with me|came to|called to say|rescued|helped)`, 'g'),
  new RegExp(`(?<![A-Za-z.])${EN_NAME} (?:who )?(?:also )?(?:saw|witnessed) (?:the|this|the whole) (?:incident|occurrence|theft|assault|fight|quarrel)`, 'g'),
];
const RE_WITNESS_HI: RegExp[] = [
  hiRe(`(?:गवाह|गवाहों|साक्षी|चश्मदीद)\\s?[:\\-]?\\s?((?:श्री )?${HI_WORD}(?: ${HI_WORD}){0,2}(?:(?:,| व| और| तथा) (?:श्री )?${HI_WORD}(?: ${HI_WORD}){0,2}){0,3})`),
  hiRe(`${WB}(?:(?:पडोसी|दोस्त|मित्र|भाई|बहन|रिश्तेदार|राहगीर|दुकानदार) )?${HI_NAME} (?:ने|भी) (?:यह |पूरी |सारी )?(?:घटना|वारदात) (?:देखी|देखा)`),
  hiRe(`${WB}${HI_NAME} (?:की|के) (?:उपस्थिति|मौजूदगी|समक्ष) में`),
];

const RE_LEAD_NAME_EN = /^\s*(?:(?:Mr|Shri|Sri|Smt|Mrs|Sh)\.? )?([A-Z][a-z]+(?: [A-Z][a-z]+){1,3})(?=,| (?:who|had|has|came|took|promised|called|beat|hit|abused|threatened|stole|snatched|cheated|induced|asked|demanded|forcibly|entered|started|along|s\/o|S\/o|son of|r\/o|resident)\b)/;
const RE_LEAD_NAME_HI = hiRe(`^\\s*(?:श्री )?${HI_NAME} ने${WE}`, '');
const HI_COMMON_NOUNS = new Set(
  foldDevanagari('चोरों चोर बदमाशों बदमाश युवकों युवक लोगों लोग व्यक्तियों व्यक्ति आरोपी आरोपियों पुलिस डॉक्टर बैंक कंपनी दुकानदार उन्होंने उसने मैंने हमने किसी सबने उन').split(' '),
);

/** "I was married to Rakesh Kumar", "मेरी शादी ... राकेश कुमार के साथ हुई" */
const RE_HUSBAND_EN = new RegExp(`\\b(?:married to|my husband,?|husband(?:'s name is| named))\\s${EN_NAME}`);
const RE_HUSBAND_HI = hiRe(`(?:शादी|विवाह)[^।]{0,40}? ${HI_NAME} (?:के साथ|से) (?:हुई|हुआ)|(?:मेरे पति|पति) (?:श्री )?${HI_NAME}(?= (?:ने|और|व|तथा|मुझे|मेरे)${WE})`, '');

export function findHusband(t: string): string | null {
  const en = RE_HUSBAND_EN.exec(t);
  if (en) return cleanEnName(en[1]);
  const hi = RE_HUSBAND_HI.exec(t);
  if (hi) return cleanHiName(hi[1] ?? hi[2]);
  return null;
}

export interface SuspectResult {
  suspects: PersonDraft[];
  witnesses: PersonDraft[];
  /** best estimate of the number of offenders (0 when none is described) */
  offenders: number;
}

export function findPeople(t: string, sentences: readonly Sentence[], complainantName: string | null, phones: readonly PhoneHit[], hindi: boolean): SuspectResult {
  const suspects: PersonDraft[] = [];
  const witnesses: PersonDraft[] = [];
  const seenNames = new Set<string>();
  if (complainantName) seenNames.add(complainantName.toLowerCase());
  let offenders = 0;

  const addWitness = (name: string | null, description: string | null) => {
    if (name && seenNames.has(name.toLowerCase())) return;
    if (name) seenNames.add(name.toLowerCase());
    witnesses.push({ name, description, address: null });
  };
  const addSuspect = (p: PersonDraft, n: number) => {
    if (p.name) {
      if (seenNames.has(p.name.toLowerCase())) return;
      seenNames.add(p.name.toLowerCase());
    } else if (suspects.some((s) => !s.name && s.description === p.description)) return;
    suspects.push(p);
    offenders += n;
  };

  // witnesses first, so that "my neighbour Ravi saw the incident" is not taken for an accused
  for (const [i, re] of RE_WITNESS_EN.entries()) {
    for (const m of t.matchAll(re)) {
      if (i === 1) {
        const name = cleanEnName(m[2]);
        if (name) addWitness(name, capitalise((m[1] ?? '').toLowerCase()));
      } else {
        for (const part of (m[1] ?? '').split(/, | and /)) {
          const name = cleanEnName(part);
          if (name) addWitness(name, null);
        }
      }
    }
  }
  for (const [i, re] of RE_WITNESS_HI.entries()) {
    for (const m of t.matchAll(re)) {
      if (i === 0) {
        for (const part of (m[1] ?? '').split(/,| व | और | तथा /u)) {
          const name = cleanHiName(part);
          if (name) addWitness(name, null);
        }
      } else {
        const name = cleanHiName(m[1]);
        if (name) addWitness(name, null);
      }
    }
  }

  // named accused
  for (const m of t.matchAll(RE_NAMED_EN)) {
    const name = cleanEnName(m[1]);
    if (!name) continue;
    const after = t.slice(m.index + m[0].length, m.index + m[0].length + 90);
    const lead = m[0].slice(0, m[0].length - (m[1] ?? '').length).trim().replace(/,$/, '');
    if (WITNESS_VERB.test(after.slice(0, 40)) && !/^(?:one|accused)$/i.test(lead)) continue;
    const relation = /^(?:my|our|the|his|her) /i.test(lead) ? lead.replace(/^(?:my|our|the|his|her) /i, '') : null;
    const isAccused = /^(?:one|accused|named|called|a \w+ named)$/i.test(lead) || OFFENCE_VERB.test(after);
    if (!isAccused) continue;
    const addr = /^,? ?(?:(?:[SsDdWw]\/[Oo]|son of|daughter of|wife of) [^,]{2,40},? )?(?:r\/o|R\/o|resident of) /.exec(after);
    const parent = new RegExp(`^,? ?([SsDdWw]\\/[Oo]|son of|daughter of|wife of)\\.? ${EN_NAME}`).exec(after);
    const parentName = parent ? cleanEnName(parent[2]) : null;
    const parentText = parentName ? `${relationOf(parent?.[1] ?? '')} ${parentName}` : null;
    addSuspect({
      name,
      description: [relation ? capitalise(relation.toLowerCase()) : null, parentText].filter(Boolean).join(', ') || null,
      address: addr ? captureClause(t, m.index + m[0].length + addr[0].length, 100) || null : null,
    }, 1);
  }
  for (const m of t.matchAll(RE_BY_NAME)) {
    const name = cleanEnName(m[1]);
    if (!name || seenNames.has(name.toLowerCase())) continue;
    const before = t.slice(Math.max(0, m.index - 60), m.index);
    if (!/\b(?:beaten|assaulted|attacked|cheated|threatened|abused|harassed|stabbed|slapped|hit|robbed|duped|defrauded|kidnapped|molested|insulted)\b[^.]{0,20}$/i.test(before)) continue;
    addSuspect({ name, description: null, address: null }, 1);
  }
  for (const m of t.matchAll(RE_NAMED_HI2)) {
    const name = cleanHiName(m[1]);
    if (!name) continue;
    const father = cleanHiName(m[3]);
    addSuspect({ name, description: father ? `${m[2]} ${father}` : null, address: m[4] ? cleanPhrase(m[4]) : null }, 1);
  }
  for (const m of t.matchAll(RE_NAMED_HI)) {
    const name = cleanHiName(m[1]);
    if (!name) continue;
    const lead = m[0].slice(0, m[0].indexOf(m[1] ?? '')).trim().replace(/ श्री$/u, '');
    const after = t.slice(m.index + m[0].length, m.index + m[0].length + 80);
    if (WITNESS_VERB.test(after.slice(0, 40))) continue;
    if (!OFFENCE_VERB.test(after) && !/^(?:आरोपी|अभियुक्त)$/u.test(lead)) continue;
    addSuspect({ name, description: /^(?:नामक|नाम के|नाम का)$/u.test(lead) ? null : lead, address: null }, 1);
  }

  // a sentence that opens with a name and goes on to tell what that person did
  for (const sent of sentences) {
    const en = RE_LEAD_NAME_EN.exec(sent.text);
    const hi = en ? null : RE_LEAD_NAME_HI.exec(sent.text);
    const m = en ?? hi;
    if (!m) continue;
    const name = en ? cleanEnName(m[1]) : cleanHiName(m[1]);
    if (!name || name.split(' ').length < (en ? 2 : 1)) continue;
    if (en && (m[1] ?? '').split(' ').some((w) => NOT_NAME.has(w))) continue;
    if (hi && (m[1] ?? '').split(' ').some((w) => HI_NAME_STOP.has(w) || HI_COMMON_NOUNS.has(w))) continue;
    const rest = sent.text.slice(m.index + m[0].length);
    if (!OFFENCE_VERB.test(rest) || (WITNESS_VERB.test(rest.slice(0, 40)) && !OFFENCE_VERB.test(rest.slice(0, 40)))) continue;
    addSuspect({ name, description: null, address: null }, 1);
  }

  // unknown / described offenders
  const groupDescriptions: Array<{ pos: number; p: PersonDraft; n: number }> = [];
  for (const m of t.matchAll(RE_GROUP_EN)) {
    const count = m[1];
    const adj = (m[2] ?? '').trim();
    const noun = m[3] ?? '';
    const veh = (m[4] ?? '').trim();
    const inherent = INHERENT_EN.test(noun);
    const qualified = /unknown|unidentified|masked|armed|suspicious|borne/i.test(adj);
    const after = t.slice(m.index + m[0].length, m.index + m[0].length + 60);
    const sIdx = sentenceIndexAt(sentences, m.index);
    const sentenceText = sentences[sIdx]?.text ?? '';
    if (!inherent && !qualified && !(count && (veh || OFFENCE_VERB.test(after)))) continue;
    if (/^(?:someone|somebody|some one)$/i.test(noun) && !OFFENCE_VERB.test(sentenceText)) continue;
    if (/^(?:callers?)$/i.test(noun) && !qualified) continue;
    if (/^,? (?:named|called|by the name)\b/i.test(after)) continue;
    if (/\b(?:police|constable|officer|doctor|passers?-by|public|crowd)\b/i.test(adj)) continue;
    if (WITNESS_VERB.test(after.slice(0, 30)) && !inherent) continue;
    let description = cleanPhrase(`${count ?? ''} ${adj} ${noun} ${veh}`.replace(/\s+/g, ' '));
    if (/^(?:someone|somebody|some one)$/i.test(noun)) description = 'Unknown person';
    const n = countOf(count, noun);
    groupDescriptions.push({ pos: m.index, p: { name: null, description: capitalise(description), address: null }, n });
  }
  for (const m of t.matchAll(RE_GROUP_HI)) {
    const veh = (m[1] ?? '').trim();
    const indef = m[2];
    const count = m[3];
    const adj = (m[4] ?? '').trim();
    const noun = m[5] ?? '';
    const after = t.slice(m.index + m[0].length, m.index + m[0].length + 60);
    const inherent = /^(?:बदमाश|बदमाशों|चोर|चोरों|लुटेरे|लुटेरों|डकैत|डकैतों|ठग|ठगों|नकाबपोश)$/u.test(noun);
    if (!adj && !inherent && !indef && !(count && (veh || OFFENCE_VERB.test(after)))) continue;
    if (!adj && !inherent && indef && !OFFENCE_VERB.test(after)) continue;
    if (WITNESS_VERB.test(after.slice(0, 30)) && !inherent && !adj) continue;
    const description = cleanPhrase(`${veh} ${count ?? ''} ${adj} ${noun}`.replace(/\s+/g, ' '));
    const n = count ? countOf(count, noun) : /ों$|लोग$/u.test(noun) ? 2 : 1;
    groupDescriptions.push({ pos: m.index, p: { name: null, description: description || 'अज्ञात व्यक्ति', address: null }, n });
  }
  groupDescriptions.sort((a, b) => a.pos - b.pos);
  // a later mention of the same group ("the two men") does not add offenders
  let groupMax = 0;
  for (const g of groupDescriptions) {
    const before = suspects.length;
    const o = offenders;
    addSuspect(g.p, 0);
    offenders = o;
    if (suspects.length > before) groupMax = Math.max(groupMax, g.n);
  }
  offenders += groupMax;

  // the caller's number in an online fraud
  for (const p of phones) {
    if (!p.other) continue;
    const description = hindi ? `मोबाइल नंबर ${p.number} का उपयोगकर्ता` : `User of mobile number ${p.number}`;
    if (!suspects.some((s) => s.description === description)) {
      suspects.push({ name: null, description, address: null });
      if (offenders === 0) offenders = 1;
    }
  }

  // "with his brother and friends", "अपने साथियों के साथ"
  if (/\b(?:along with|with|and) (?:his|her|their) (?:(?:two|three|four|five|\d+) )?(?:brothers?|sons?|friends|associates|accomplices|companions|relatives|family|men)\b/i.test(t) || hiRe('(?:अपने )?(?:साथियों|दोस्तों|भाइयों|भाई|बेटों) (?:के साथ|सहित|को लेकर)|साथ मिलकर', 'u').test(t)) {
    offenders = Math.max(offenders, 2);
  }
  return { suspects, witnesses, offenders };
}

