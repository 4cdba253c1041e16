/**
 * The place of occurrence with its surroundings: whether it is the complainant's own home (then
 * their address is the surroundings), and otherwise the clause around the place as the complaint
 * gives it (the locality before a landmark, the comma-separated segments after it).
 */
import type { PlaceResult } from './places.ts';
import { type Sentence, hiRe, sentenceIndexAt } from './text.ts';
import { isPlaceStopWord } from './lang/generic-place.ts';
import type { LanguagePack } from './lang/index.ts';

const HOME_WORDS = 'বাড়ি|বাড়ি|ঘর|ઘર|મકાન|ಮನೆ|വീട|வீட|வீடு|ఇంట|ఇల్లు|ਘਰ|ਮਕਾਨ|घर|मकान';
const MY = 'আমার|আমাদের|મારા|મારું|અમારા|અમારું|ನನ್ನ|ನಮ್ಮ|എന്റെ|ഞങ്ങളുടെ|என்|எனது|எங்கள்|எங்க|నా|మా|ਮੇਰੇ|ਮੇਰਾ|ਸਾਡੇ|ਸਾਡਾ|माझ्या|आमच्या|माझे|आमचे|मेरे|हमारे';
const RE_OWN_HOME = new RegExp(`(?:^|\\s)(?:(?:${MY})\\s)?(?:${HOME_WORDS})[\\p{L}\\p{M}]*$`, 'u');
const RE_OWN_HOME_ANY = new RegExp(`(?<![\\p{L}\\p{M}])(?:${MY})\\s(?:${HOME_WORDS})[\\p{L}\\p{M}]*`, 'u');

const RE_MY_WORD = new RegExp(`^(?:${MY})$`, 'u');
const RE_HOME_WORD = new RegExp(`^(?:${HOME_WORDS})`, 'u');

/** the place phrase is only "(my) house": no one else's name before the house word */
function ownHomeOnly(place: string, pack: { functionWords?: readonly string[] } | undefined): boolean {
  const fw = new Set((pack?.functionWords ?? []).map((w) => w.normalize('NFC')));
  const words = place.split(/\s+/).filter((w) => !fw.has(w) && !RE_MY_WORD.test(w));
  return words.length === 1 && RE_HOME_WORD.test(words[0] ?? '');
}

function incidentText(t: string, sentences: readonly Sentence[], incident: ReadonlySet<number>): string {
  return [...incident].sort((a, b) => a - b).map((i) => (sentences[i] ? t.slice(sentences[i].start, sentences[i].end) : '')).join(' ');
}

/**
 * "আমাদের বাড়িতে", "ನಮ್ಮ ಮನೆಯ", "മകളുടെ വീട്ടിൽ" aside: at the complainant's own home (the place
 * read, or with no place read, the home the incident's sentences name) the surroundings are the
 * complainant's address. Null when it is not their home or no address is known.
 */
export function atOwnHome(
  t: string,
  sentences: readonly Sentence[],
  incident: ReadonlySet<number>,
  place: string | null,
  ownAddress: string | null,
  pack: LanguagePack,
): PlaceResult | null {
  const own = (place ? RE_OWN_HOME.exec(place) : null) ?? (place ? null : RE_OWN_HOME_ANY.exec(incidentText(t, sentences, incident)));
  if (own && ownAddress && (!place || ownHomeOnly(place, pack))) return { place: place ?? own[0], address: ownAddress, prep: '' };
  return null;
}

const RE_OWN_PREMISES = hiRe(
  `^(?:in front of |outside |near |inside |at )?(?:the )?complainant's (?:house|home|residence|flat|room|gate|plot|field|farm|shop)|^(?:मेरे|हमारे|मेरी|हमारी) (?:घर|मकान|कमरे|फ्लैट|दुकान)|^(?:माझ्या|आमच्या) (?:घर|दुकान)|^(?:আমার|আমাদের) (?:বাড়ি|ঘর|দোকান)`,
  'iu',
);
/** a date, a time or a clause word that ends a place read backwards */
const RE_PLACE_LEFT_STOP = hiRe(
  `^(?:\\d{1,2}[:.]\\d{2}|\\d{1,2}(?:[./-]\\d{1,2}){1,2}|am|pm|a\\.m\\.?|p\\.m\\.?|hrs|o'clock|on|at|when|while|i|we|he|she|they|was|were|had|have|reached|went|came|बजे|को|तो|जब|मैं|हम|वह|था|थी|थे|रोजी|वाजता|मी|আমি|টায়|তারিখে)$`,
  'iu',
);

const LATIN_PLACE_WORDS = new Set(
  'road marg lane street gali service main market bazaar bazar chowk nagar colony sector block phase village gaon mohalla ward cross circle junction highway bypass flyover bridge station stand stop gate side wali wala ke ki ka of near behind opposite outside'.split(' '),
);

/**
 * The surroundings of the place of occurrence as the complaint gives them: the complainant's own
 * address when it happened at their house or shop; else the place's clause, a few words before it
 * (the locality that precedes a landmark in Indian addresses, "विराम खंड स्थित हनुमान मंदिर") and,
 * in English, the comma-separated segments after it ("at Karol Bagh market, New Delhi").
 */
export function placeContext(
  t: string,
  sentences: readonly Sentence[],
  incident: ReadonlySet<number>,
  place: string | null,
  ownAddress: string | null,
  pack?: LanguagePack,
): string | null {
  if (!place) return null;
  if (RE_OWN_PREMISES.test(place)) return ownAddress;
  let at = -1;
  for (const i of [...incident].sort((a, b) => a - b)) {
    const s = sentences[i];
    if (!s) continue;
    const k = t.slice(s.start, s.end).indexOf(place);
    if (k >= 0) {
      at = s.start + k;
      break;
    }
  }
  if (at < 0) at = t.indexOf(place);
  if (at < 0) return null;
  const si = sentenceIndexAt(sentences, at);
  const sStart = sentences[si]?.start ?? 0;
  const sEnd = sentences[si]?.end ?? t.length;
  // left: up to six words in the same clause
  const left = t.slice(sStart, at);
  const words = [...left.matchAll(/[^\s,;:()"]+/gu)];
  let from = at;
  for (let i = words.length - 1, n = 0; i >= 0 && n < 6; i--, n++) {
    const w = words[i]!;
    const gap = left.slice(w.index + w[0].length, i === words.length - 1 ? left.length : words[i + 1]!.index);
    const word = w[0].replace(/[.,]+$/, '');
    if (/[;:()"\n।]/.test(gap) || RE_PLACE_LEFT_STOP.test(word) || (pack && isPlaceStopWord(word, pack))) break;
    // in Latin script only names (capitalised, numbered) and place words belong to a place
    if (/^[A-Za-z]/.test(word) && !/^[A-Z0-9]/.test(word) && !LATIN_PLACE_WORDS.has(word.toLowerCase())) break;
    from = sStart + w.index;
  }
  // right: ", Segment, Segment" (capitalised or numbered) after the place, Latin script only
  let to = at + place.length;
  const tail = t.slice(to, Math.min(sEnd, to + 90));
  const seg = /^(?:,? (?:[A-Z0-9][\w.'-]*(?: [A-Z0-9][\w.'-]*){0,3}))+/u.exec(tail);
  if (seg && /^[\x20-\x7e]*$/.test(seg[0])) to += seg[0].length;
  const context = t.slice(from, to).replace(/\s+/g, ' ').replace(/^[\s,]+|[\s,]+$/g, '');
  return context && context !== place ? context : null;
}
