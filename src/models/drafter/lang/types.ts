/**
 * A language pack: the words of one language that the built-in drafter's generic extractors need
 * (offence cues, calendar words, the way a complainant names themself, place and money words).
 * Pure data. Every string is matched after NFC normalisation, Indic digits as ASCII, case-folded
 * for Latin script. Stems are matched at the start of a word and may run on into the word's
 * suffixes (Dravidian and Indo-Aryan inflection), so give the shortest stem that is not ambiguous.
 */

/** Offence cue families (the same families the English/Hindi rules use; see offence-cues.ts and offences.ts). */
export type Cue =
  | 'theft' | 'snatch' | 'robbery' | 'dacoity' | 'force' | 'weapon' | 'hurt' | 'grievous' | 'death' | 'murder' | 'attemptMurder'
  | 'cheat' | 'impersonate' | 'forgery' | 'cbt' | 'trespass' | 'breakin' | 'night' | 'dwelling' | 'threat' | 'deathThreat'
  | 'insult' | 'dowry' | 'inlaws' | 'molest' | 'stalk' | 'modesty' | 'rape' | 'kidnap' | 'missingChild' | 'ransom'
  | 'mischief' | 'fire' | 'extortion' | 'traffic' | 'restraint' | 'confine' | 'conspiracy' | 'taking' | 'lost'
  | 'defame' | 'servant' | 'deed' | 'anonymous' | 'riot';

export interface LanguagePack {
  /** BCP-47 tag: 'bn', 'ta', 'hi-Latn' … */
  code: string;
  /** offence cue stems per family (see `Cue`; the English and Hindi patterns of each family are in offence-cues.ts) */
  cues: Partial<Record<Cue, readonly string[]>>;
  /** phrases that deny an injury, theft or threat ("no one was hurt"); masked before cue matching */
  negations: readonly string[];
  /** month names, abbreviations and inflected forms -> 1..12 */
  months: Readonly<Record<string, number>>;
  /** weekday names and inflected forms -> 0 (Sunday) .. 6 (Saturday) */
  weekdays: Readonly<Record<string, number>>;
  /** words meaning "last/previous" that may stand before a weekday */
  lastWeekday: readonly string[];
  /** relative day words -> offset from the received date in days (today 0, yesterday -1, day before yesterday -2) */
  relativeDays: Readonly<Record<string, number>>;
  /** what follows a number to mean "N days ago" ("দিন আগে") */
  daysAgo: readonly string[];
  /** number words 1..10 */
  numbers: Readonly<Record<string, number>>;
  /** parts of the day, as they qualify a time or a relative day */
  periods: Readonly<{ morning: readonly string[]; afternoon: readonly string[]; evening: readonly string[]; night: readonly string[] }>;
  /** what follows an hour to make a time ("বাজে", "மணிக்கு", "ವಾಜತಾ") */
  oclock: readonly string[];
  /** what precedes the complainant's own name ("আমার নাম", "என் பெயர்") */
  myNameIs: readonly string[];
  /** the first-person pronoun of "I, NAME, son of …" ("আমি", "நான்") */
  iPronoun: readonly string[];
  /** relation markers ("son of", "S/o", "পিতা", "த/பெ") */
  sonOf: readonly string[];
  daughterOf: readonly string[];
  wifeOf: readonly string[];
  /**
   * 'marker-name': "NAME, S/o FATHER" (the parent's name follows the marker);
   * 'name-marker': "FATHER's son NAME" (the parent's name precedes the marker).
   */
  relationOrder: 'marker-name' | 'name-marker';
  /** what precedes (or follows) an age ("aged", "বয়স", "வயது") */
  age: readonly string[];
  /** what introduces an address ("resident of", "নিবাসী", "সাকিন", "வசிக்கும்") */
  residentOf: readonly string[];
  /** common occupations as written in the language */
  occupations: readonly string[];
  /** letter closings after which the complainant's name follows ("Yours faithfully", "বিনীত", "இப்படிக்கு") */
  signOff: readonly string[];
  /** postpositions / words that follow a place name ("near", "in front of", "opposite") */
  placeAfter: readonly string[];
  /** place nouns that end a place name ("market", "bus stand", "temple", "road", "nagar", "village") */
  placeNouns: readonly string[];
  /** place nouns that stand before the name they qualify ("ग्राम <name>", "ਪਿੰਡ <name>", "village <name>") */
  placeBefore?: readonly string[];
  /**
   * pronouns, possessives, case particles, conjunctions and auxiliaries: words that are never part
   * of a person's or a place's name, so a name read forwards or backwards stops at them
   */
  functionWords?: readonly string[];
  /** words for rupees ("টাকা", "ரூ", "రూపాయలు") and multipliers */
  currency: readonly string[];
  thousand: readonly string[];
  lakh: readonly string[];
}
