/**
 * Text utilities shared by the built-in drafter: normalisation for matching (Indic digits to ASCII,
 * nukta and chandrabindu folding), sentence splitting, language detection, tokenisation for the
 * section index, IST calendar arithmetic and rupee formatting. Everything here is pure.
 */

/** Analysis reads at most this much of a complaint: bounds the cost of pathological inputs. */
export const MAX_ANALYSED_CHARS = 20_000;

const INDIC_DIGIT_ZEROS = [0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66];

function indicDigitsToAscii(s: string): string {
  return s.replace(/[\u0966-\u096F\u09E6-\u09EF\u0A66-\u0A6F\u0AE6-\u0AEF\u0B66-\u0B6F\u0BE6-\u0BEF\u0C66-\u0C6F\u0CE6-\u0CEF\u0D66-\u0D6F]/g, (ch) => {
    const cp = ch.codePointAt(0) ?? 0;
    for (const z of INDIC_DIGIT_ZEROS) if (cp >= z && cp <= z + 9) return String(cp - z);
    return ch;
  });
}

/**
 * Folds spelling variants that complainants type interchangeably, so that one pattern matches
 * both: nukta dropped (फ़ोन = फोन, पड़ोसी = पडोसी), chandrabindu as anusvara (गाँव = गांव),
 * zero-width joiners removed, Indic digits as ASCII. Applied to complaint text and to the
 * Devanagari patterns alike (see `hiRe`).
 */
export function foldDevanagari(s: string): string {
  return indicDigitsToAscii(
    s
      .normalize('NFD')
      .replace(/\u093C/g, '')
      .normalize('NFC')
      .replace(/\u0901/g, '\u0902')
      .replace(/[\u200B-\u200D\u2060\uFEFF]/g, ''),
  );
}

export interface Normalised {
  /** the text every extractor reads */
  text: string;
  /** map[i] = index in the raw complaint of character i of `text` */
  map: number[];
  raw: string;
}

const NUKTA_LETTERS: Record<string, string> = {
  '\u0958': 'क', '\u0959': 'ख', '\u095A': 'ग', '\u095B': 'ज', '\u095C': 'ड', '\u095D': 'ढ', '\u095E': 'फ', '\u095F': 'य',
  '\u0929': 'न', '\u0931': 'र', '\u0934': 'ळ',
};
const DROPPED = /[\u093C\u200B-\u200D\u2060\uFEFF]/;

/**
 * The text every extractor reads, folded like `foldDevanagari`, typographic quotes and dashes as
 * ASCII, runs of horizontal whitespace collapsed, line breaks kept (they end sentences and header
 * lines) — with a map back to the raw text, so that what is extracted can be returned as written
 * (बाज़ार, not बाजार).
 */
export function normaliseWithMap(input: string): Normalised {
  const raw = input.length > MAX_ANALYSED_CHARS ? input.slice(0, MAX_ANALYSED_CHARS) : input;
  const out: string[] = [];
  const map: number[] = [];
  const emit = (ch: string, i: number) => {
    out.push(ch);
    map.push(i);
  };
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code === 0x093c || (code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff) continue;
    let ch = raw[i] as string;
    if (code === 0x0d) {
      if (raw.charCodeAt(i + 1) === 0x0a) continue;
      ch = '\n';
    }
    const last = out[out.length - 1];
    if (ch === '\n') {
      if (last === undefined || last === '\n') continue;
      if (last === ' ') {
        out[out.length - 1] = '\n';
        map[map.length - 1] = i;
        continue;
      }
      emit('\n', i);
      continue;
    }
    if (code === 0x20 || code === 0x09 || code === 0x0b || code === 0x0c || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000) {
      if (code === 0x2028 || code === 0x2029) {
        if (last !== undefined && last !== '\n') emit('\n', i);
        continue;
      }
      if (last === undefined || last === ' ' || last === '\n') continue;
      emit(' ', i);
      continue;
    }
    if (code >= 0x0900 && code <= 0x0d6f) {
      const zero = INDIC_DIGIT_ZEROS.find((z) => code >= z && code <= z + 9);
      if (zero !== undefined) ch = String(code - zero);
      else if (NUKTA_LETTERS[ch]) ch = NUKTA_LETTERS[ch] as string;
      else if (code === 0x0901) ch = '\u0902';
    } else if (code >= 0x2010 && code <= 0x2212) {
      if (code === 0x2018 || code === 0x2019 || code === 0x201b || code === 0x2032) ch = "'";
      else if (code === 0x201c || code === 0x201d || code === 0x201e || code === 0x2033) ch = '"';
      else if (code <= 0x2015 || code === 0x2212) ch = '-';
    }
    emit(ch, i);
  }
  while (out.length && (out[out.length - 1] === ' ' || out[out.length - 1] === '\n')) {
    out.pop();
    map.pop();
  }
  return { text: out.join(''), map, raw };
}

/** A phrase found in the normalised text, as the complainant wrote it; the phrase itself otherwise. */
export function restoreSpelling(n: Normalised, phrase: string | null | undefined): string | null {
  if (phrase === null || phrase === undefined) return null;
  if (!phrase) return phrase;
  const at = n.text.indexOf(phrase);
  if (at < 0) return phrase;
  const a = n.map[at];
  let b = n.map[at + phrase.length - 1];
  if (a === undefined || b === undefined) return phrase;
  while (b + 1 < n.raw.length && DROPPED.test(n.raw[b + 1] as string)) b++;
  const original = n.raw.slice(a, b + 1).replace(/\s+/g, ' ').trim();
  return original || phrase;
}

/** A RegExp whose source is folded like the text it runs on (so patterns may be written with nukta). */
export function hiRe(source: string, flags = 'gu'): RegExp {
  const src = foldDevanagari(source).replace(/\\p\{L\}/g, '[\\u0900-\\u097F]');
  // Without property escapes the 'u' flag buys nothing here (all scripts involved are in the BMP)
  // and makes case-insensitive patterns far slower to compile.
  return new RegExp(src, /\\[pP]\{/.test(src) ? flags : flags.replace('u', ''));
}

/**
 * Letters and marks of the scripts complaints come in (Latin, Devanagari and the other Indic
 * blocks; vowel signs are marks): a "word character" for boundaries, since JS `\b` only knows
 * ASCII. Explicit ranges rather than \p{L}: case-insensitive Unicode property classes make V8
 * regex compilation slow by orders of magnitude.
 */
export const L = 'A-Za-z\\u00C0-\\u024F\\u0900-\\u0963\\u0966-\\u0DFF';
/** Start-of-word guard that works for Devanagari (JS `\b` only knows ASCII). */
export const WB = `(?<![${L}0-9])`;
/** End-of-word guard. */
export const WE = `(?![${L}0-9])`;

export interface Sentence {
  start: number;
  end: number;
  text: string;
}

const ABBREVIATIONS = new Set([
  'no', 'nos', 'h', 'hno', 'st', 'rd', 'nr', 'opp', 'mr', 'mrs', 'ms', 'dr', 'smt', 'shri', 'sh', 'sri', 'km',
  'sec', 'ph', 'mob', 'vill', 'po', 'ps', 'dist', 'distt', 'teh', 'tel', 'rs', 'inr', 'approx', 'vs', 'etc',
  'a', 'p', 'm', 'i', 'e', 'g', 'govt', 'pvt', 'ltd', 'co', 'jr', 'sr', 'late', 'ft', 'apt', 'blk', 'flat',
  'mohd', 'md', 'sk', 'nagar', 'नं', 'मो', 'श्री', 'स्व', 'डॉ', 'मा', 'ता', 'जि',
]);

/** Splits into sentences at . ! ? । ॥ ; and line breaks, not after abbreviations, initials or inside numbers. */
export function splitSentences(t: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    const text = t.slice(start, end);
    if (text.trim()) out.push({ start, end, text });
    start = end;
  };
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    if (ch === '\n' || ch === '\u0964' || ch === '\u0965' || ch === '!' || ch === '?' || ch === ';') {
      push(i + 1);
    } else if (ch === '.') {
      const next = t[i + 1];
      if (next !== undefined && next !== ' ' && next !== '\n') continue; // 12.5, H.No.12, a.m.
      let j = i - 1;
      while (j >= 0 && /[\p{L}\p{M}]/u.test(t[j] ?? '')) j--;
      const word = t.slice(j + 1, i).toLowerCase();
      if (ABBREVIATIONS.has(word)) continue;
      if (word.length === 1 && /\p{Lu}/u.test(t[j + 1] ?? '')) continue; // initials: R. K. Sharma
      push(i + 1);
    }
  }
  push(t.length);
  return out;
}

/** Index of the sentence containing offset `pos` (-1 when none). */
export function sentenceIndexAt(sentences: readonly Sentence[], pos: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid] as Sentence;
    if (pos < s.start) hi = mid - 1;
    else if (pos >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

// ───────────── language ─────────────

const MARATHI_MARKERS = hiRe(
  `${WB}(?:आहे|आहेत|होते|होती|होता|माझ्या|माझा|माझी|माझे|मला|आणि|रोजी|वाजता|नाही|केली|केले|त्यांनी|असताना|यांनी|आम्ही|तक्रार|येथे|मी|घेऊन|गेलो|गेले|दिली|झाली|झाले|राहणार|वय|` +
    `असून|असे|म्हणत|सांगितले|सांगतात|समजले|असल्याचे|करून|झाला|मध्ये|व|यांची|यांचा|नसताना|आमच्या|त्यांच्या|तिला|त्याला|त्यांना|गेली|गेला|होऊन|लागले|आरोपीने|फिर्यादी)${WE}`,
);
/** Hindi function words Marathi does not use (the balance against the Marathi ones) */
const HINDI_MARKERS = hiRe(`${WB}(?:है|हैं|था|थी|थे|और|में|का|के|को|से|ने|नहीं|गया|गई|गए|किया|मैं|मेरा|मेरी|मेरे|मुझे|हूं|हूँ|रहा|रही|लिया|दिया)${WE}`);

/** Romanised Hindi function words: frequent in Hinglish, rare in English. */
const HINGLISH_WORDS = new Set(
  ('hai hain tha thi mera meri mere mujhe mujhse humne hamara hamari hamare maine unhone usne uske uski unke ' +
    'ko ne se ki ka ke aur nahi nahin kiya kiye gaya gayi gaye liya liye diya diye raha rahi rahe wala wali wale ' +
    'kar karke karne kuch bhi yeh woh ek mein hua hui hue tak sath saath abhi kal parso ' +
    'bola boli bole bataya lekin phir jab kaha kyunki isliye aap apna apni apne').split(' '),
);

/**
 * Language of a complaint: the submitted tag when given (primary subtag, lower-case, with
 * `-Latn` kept for romanised Hindi), else by script, which is decisive for the Indic languages:
 * Devanagari is Hindi unless Marathi function words dominate, every other Indic script has its
 * own language, and Latin script is Hinglish ('hi-Latn') when romanised Hindi function words make
 * up a good share of it, else English. (A statistical detector such as eld or cld3 was tried on
 * paper and not taken: the script already answers for the Indic languages, and neither knows
 * Hinglish, the one hard case.)
 */
export function detectLanguage(text: string, given?: string | null): string {
  const raw = (given ?? '').trim().toLowerCase();
  const tag = raw.split(/[-_]/)[0] ?? '';
  if (/^[a-z]{2,3}$/.test(tag)) return tag === 'hi' && /[-_]latn\b/.test(raw) ? 'hi-Latn' : tag;
  const sample = text.length > 4000 ? text.slice(0, 4000) : text;
  let deva = 0;
  let latin = 0;
  const other: Record<string, number> = {};
  for (const ch of sample) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0x0900 && cp <= 0x097f) deva++;
    else if ((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) latin++;
    else if (cp >= 0x0980 && cp <= 0x0dff) {
      const code =
        cp < 0x0a00 ? 'bn' : cp < 0x0a80 ? 'pa' : cp < 0x0b00 ? 'gu' : cp < 0x0b80 ? 'or' : cp < 0x0c00 ? 'ta' : cp < 0x0c80 ? 'te' : cp < 0x0d00 ? 'kn' : 'ml';
      other[code] = (other[code] ?? 0) + 1;
    }
  }
  const best = Object.entries(other).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  // an Indic script outweighs the Latin of English words mixed into it ("UPI", "mobile")
  const indic = Math.max(deva, best?.[1] ?? 0);
  if (indic === 0 && latin === 0) return 'en';
  if (indic * 3 >= latin || indic >= 200) {
    if (deva >= (best?.[1] ?? 0)) {
      const folded = foldDevanagari(sample);
      const markers = folded.match(MARATHI_MARKERS)?.length ?? 0;
      const hindi = folded.match(HINDI_MARKERS)?.length ?? 0;
      const words = folded.match(/[\u0900-\u097F]+/g)?.length ?? 1;
      // Marathi when its function words are frequent and outnumber Hindi's
      return markers >= 2 && markers / words >= 0.04 && markers > hindi ? 'mr' : 'hi';
    }
    return best![0];
  }
  const words = sample.toLowerCase().match(/[a-z]+/g) ?? [];
  let hinglish = 0;
  for (const w of words) if (HINGLISH_WORDS.has(w)) hinglish++;
  return words.length >= 5 && hinglish / words.length >= 0.12 ? 'hi-Latn' : 'en';
}

// ───────────── tokenisation for retrieval ─────────────

const EN_STOP = new Set(
  ('a an the and or but if of in on at to for from by with without into onto over under about above below near ' +
    'i me my mine we us our you your he him his she her they them their it its this that these those there here ' +
    'is am are was were be been being have has had do does did will would shall should can could may might must ' +
    'not no yes so then than when while where which who whom whose what why how as also very just only even ' +
    'sir madam respected kindly please request complaint police station dated date day time am pm hrs about ' +
    'around approx approximately some any all one two three four five six seven eight nine ten after before ' +
    'up down out off again once same other such own more most few both each per via s t').split(' '),
);

const HI_STOP = new Set(
  foldDevanagari(
    ('का की के को में से पर ने है हैं था थी थे हो हुआ हुई हुए और तथा व एवं या कि जो जब तब तो भी ही यह वह ये वे ' +
      'इस उस इन उन मैं मेरा मेरी मेरे मुझे मुझसे हम हमारा हमारी हमारे हमें आप आपका उसका उसकी उसके उन्होंने उसने ' +
      'कर करके किया किये किए करने करना कहा गया गई गए गये रहा रही रहे था दिया दी दिए लिए लिया ले दे एक दो तीन ' +
      'लगभग करीब समय दिनांक बजे श्रीमान महोदय निवेदन थाना प्रार्थी प्रार्थिनी कृपया अतः'),
  ).split(' '),
);

/** Splits on anything that is not a letter, mark or number; lower-cases; folds Devanagari variants. */
export function tokenize(text: string): string[] {
  return foldDevanagari(text).toLowerCase().split(/[^\p{L}\p{M}\p{N}]+/u).filter((w) => w.length > 0);
}

/**
 * Light English suffix folding (no stemming for Devanagari): snatched/snatching/snatches ->
 * snatch, robbery/robbed -> robb, cheated -> cheat. Same function at index and query time.
 */
export function foldEnglish(w: string): string {
  if (!/^[a-z]+$/.test(w) || w.length <= 3) return w;
  let s = w;
  if (s.endsWith('ies') && s.length > 4) s = `${s.slice(0, -3)}y`;
  else if (s.endsWith('sses')) s = s.slice(0, -2);
  else if (s.endsWith('ing') && s.length > 5) s = s.slice(0, -3);
  else if (s.endsWith('ed') && s.length > 4) s = s.slice(0, -2);
  else if (s.endsWith('es') && s.length > 4 && /(?:ch|sh|x|ss)es$/.test(s)) s = s.slice(0, -2);
  else if (s.endsWith('s') && !s.endsWith('ss') && !s.endsWith('us') && s.length > 3) s = s.slice(0, -1);
  if (s.endsWith('ery') && s.length > 5) s = s.slice(0, -3); // robbery -> robb, snatchery
  else if (s.endsWith('y') && s.length > 4) s = s.slice(0, -1);
  if (s.length > 4 && /([bdgklmnprt])\1$/.test(s)) s = s.slice(0, -1); // robb -> rob, slapp -> slap
  if (s.endsWith('e') && s.length > 4) s = s.slice(0, -1);
  return s;
}

/** Term processing for the index and the query: stop words dropped, English folded. */
export function processTerm(term: string): string | null {
  const w = term.toLowerCase();
  if (w.length === 0) return null;
  if (/^\d+$/.test(w)) return null; // amounts, dates, phone numbers carry no legal meaning
  if (EN_STOP.has(w) || HI_STOP.has(w)) return null;
  if (w.length === 1 && /^[a-z]$/.test(w)) return null;
  return foldEnglish(w);
}

// ───────────── dates in IST ─────────────

const IST_OFFSET_MIN = 330;

export interface IstParts {
  y: number;
  m: number; // 1..12
  d: number;
  h: number;
  min: number;
  /** 0 = Sunday */
  dow: number;
}

export function istParts(date: Date): IstParts {
  const t = new Date(date.getTime() + IST_OFFSET_MIN * 60_000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), min: t.getUTCMinutes(), dow: t.getUTCDay() };
}

/** The instant of an IST wall-clock time. */
export function istDate(y: number, m: number, d: number, h = 0, min = 0): Date {
  return new Date(Date.UTC(y, m - 1, d, h, min) - IST_OFFSET_MIN * 60_000);
}

export function isValidYmd(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 2200) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Calendar arithmetic on an IST date (y, m, d) -> (y, m, d) shifted by `days`. */
export function addDays(y: number, m: number, d: number, days: number): { y: number; m: number; d: number } {
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** The year of a day and month written without one: the latest such date not after the day the complaint came in. */
export function yearOfUndated(rec: IstParts, m: number, d: number): number {
  return m > rec.m || (m === rec.m && d > rec.d + 1) ? rec.y - 1 : rec.y;
}

/** Offset in days (0 or negative) from the received date back to weekday `dow`; a week back when `strictlyBefore` and it is that day. */
export function weekdayOffset(rec: IstParts, dow: number, strictlyBefore: boolean): number {
  let diff = (rec.dow - dow + 7) % 7;
  if (diff === 0 && strictlyBefore) diff = 7;
  return -diff;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** DD/MM/YYYY in IST */
export function formatIstDate(date: Date): string {
  const p = istParts(date);
  return `${pad2(p.d)}/${pad2(p.m)}/${p.y}`;
}

/** HH:MM in IST */
export function formatIstTime(date: Date): string {
  const p = istParts(date);
  return `${pad2(p.h)}:${pad2(p.min)}`;
}

/** Whether an instant falls exactly on IST midnight (a date given without a time). */
export function isIstMidnight(date: Date): boolean {
  const p = istParts(date);
  return p.h === 0 && p.min === 0;
}

/** Coerces what may have been through JSON (ISO string) back to a Date; null when unusable. */
export function asDate(v: unknown): Date | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === 'string' || typeof v === 'number') {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

// ───────────── money ─────────────

/** ₹ with Indian digit grouping: 125000 -> ₹1,25,000; paise kept when present. */
export function formatInr(n: number): string {
  const neg = n < 0;
  const abs = Math.abs(n);
  const whole = Math.floor(abs);
  const paise = Math.round((abs - whole) * 100);
  const s = String(whole);
  let grouped = s;
  if (s.length > 3) {
    const last3 = s.slice(-3);
    const rest = s.slice(0, -3).replace(/\B(?=(\d{2})+(?!\d))/g, ',');
    grouped = `${rest},${last3}`;
  }
  return `${neg ? '-' : ''}₹${grouped}${paise ? `.${pad2(paise)}` : ''}`;
}

/** Collapses whitespace and trims punctuation left over at the edges of a captured phrase. */
export function cleanPhrase(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:\-–(]+/, '')
    .replace(/[\s,;:\-–(]+$/, '')
    .replace(/\s*[.।]$/, '')
    .trim();
}

/** Trims to at most `max` characters at a word boundary, adding an ellipsis when cut. */
export function trimAtWord(s: string, max: number): string {
  const t = s.trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const sp = cut.lastIndexOf(' ');
  return `${(sp > max * 0.6 ? cut.slice(0, sp) : cut).replace(/[\s,;:]+$/, '')}…`;
}

export function capitalise(s: string): string {
  return s.length ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}
