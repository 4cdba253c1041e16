/**
 * People the pack-language complaints name apart from the complainant, told apart as suspects
 * (an accused word before the name, an offence told right after it) or witnesses (anyone else
 * named: the neighbour who came running, the shopkeeper who called).
 */
import { type Sentence, sentenceIndexAt } from '../text.ts';
import { ACCUSED, CALLED, PERSON_TITLES, RE_WITNESSED } from './cross.ts';
import { wordsAfter, wordsBefore } from './name-words.ts';
import { LM, compiled } from './pack-patterns.ts';
import type { LanguagePack } from './types.ts';

const RE_TITLED = new RegExp(`(?<![${LM}])(?:${PERSON_TITLES})\\.?\\s`, 'gu');
const RE_CALLED = new RegExp(`\\s(?:${CALLED})(?![${LM}])`, 'gu');
const RE_ACCUSED_NAME = new RegExp(`(?<![${LM}])(?:${ACCUSED})(?:\\s?(?:no\\.?|नं\\.?|क्र\\.?)?\\s?\\d)?[\\s:,-]+(?!(?:${PERSON_TITLES}))`, 'giu');
const RE_ACCUSED_BEFORE = new RegExp(`(?:${ACCUSED})[\\s:,-]*$`, 'iu');

interface GenericPeople {
  suspects: string[];
  witnesses: string[];
}

/**
 * People the complaint names apart from the complainant: after a title ("শ্রী বাপি হালদার"), before
 * "called" ("விக்னேஷ் என்பவன்"), after the word for an accused ("ಆರೋಪಿ ರಾಜು"). An accused word before
 * the name makes a suspect; what a witness does after it in the sentence (saw, came running, was
 * present) makes a witness; a person with neither role is left out rather than guessed.
 */
export function findGenericPeople(
  t: string,
  sentences: readonly Sentence[],
  pack: LanguagePack,
  complainant: string | null,
  offenceAfter: (text: string) => boolean,
  relative: string | null = null,
): GenericPeople {
  const c = compiled(pack);
  // a given name and a surname; Gujarati and Marathi put the father's name between them
  const max = pack.code === 'gu' || pack.code === 'mr' ? 3 : 2;
  const out: GenericPeople = { suspects: [], witnesses: [] };
  const seen = new Set<string>([complainant, relative].filter((x): x is string => !!x));
  const consider = (name: string | null, at: number, end: number, accused: boolean) => {
    if (!name || name.length < 2 || seen.has(name) || [...seen].some((x) => x.includes(name) || name.includes(x))) return;
    const si = sentenceIndexAt(sentences, at);
    const sent = sentences[si];
    const after = sent ? t.slice(end, Math.min(sent.end, end + 50)) : '';
    // an accused word, or an offence told right after the name with no witnessing in it, makes a
    // suspect; anyone else named (the neighbour who came, the shopkeeper who called) a witness
    const acts = !RE_WITNESSED.test(after) && offenceAfter(after.slice(0, 60));
    const role = accused || acts ? 'suspects' : 'witnesses';
    seen.add(name);
    out[role].push(name);
  };
  for (const m of t.matchAll(RE_TITLED)) {
    const w = wordsAfter(t, m.index + m[0].length, c, max);
    if (w) consider(w.text, m.index, w.end, RE_ACCUSED_BEFORE.test(t.slice(Math.max(0, m.index - 24), m.index)));
  }
  for (const m of t.matchAll(RE_CALLED)) {
    const w = wordsBefore(t, m.index, c, max);
    if (w) consider(w.text, w.start, m.index + m[0].length, RE_ACCUSED_BEFORE.test(t.slice(Math.max(0, w.start - 24), w.start)));
  }
  for (const m of t.matchAll(RE_ACCUSED_NAME)) {
    const w = wordsAfter(t, m.index + m[0].length, c, max);
    if (w) consider(w.text, m.index, w.end, true);
  }
  return out;
}
