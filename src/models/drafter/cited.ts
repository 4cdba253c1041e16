/**
 * Sections a complaint cites itself ("under Section 379 IPC", "धारा 420 भादवि", "u/s 303(2) BNS",
 * "ধারা ৩৭৯", "பிரிவு 420"), as BNS numbers of the knowledge base. Complainants and their lawyers
 * still write the old IPC numbers; those are mapped through the equivalence table. A number with a
 * section word but no act named is read as IPC when it is an IPC number (what complainants cite),
 * else as BNS. Text is the normalised complaint (Indic digits already ASCII).
 */
import { BNS_SECTIONS } from '../../legal/knowledge-base.ts';

const IPC_TO_BNS = new Map<string, string[]>();
for (const s of BNS_SECTIONS) {
  for (const ipc of s.ipc) IPC_TO_BNS.set(ipc, [...(IPC_TO_BNS.get(ipc) ?? []), s.number]);
}
const BNS_NUMBERS = new Set(BNS_SECTIONS.map((s) => s.number));
const BNS_BASES = new Map<string, string>();
for (const s of BNS_SECTIONS) {
  const b = s.number.replace(/\(.*$/, '');
  if (!BNS_BASES.has(b)) BNS_BASES.set(b, s.number);
}

const SECTION_WORDS =
  'sections?|secs?\\.|u\\/s|u\\/ss|under section|धारा(?:ओं)?|धाराओं|कलम|ধারা|பிரிவு(?:கள்)?|సెక్షన్|సెక్షన్లు|ಸೆಕ್ಷನ್|ಕಲಂ|ವಕುಪ್ಪು|വകുപ്പ്|വകുപ്പുകൾ|સેક્શન|કલમ|ਧਾਰਾ|ਧਾਰਾਵਾਂ|dhara';
const IPC_WORDS =
  'ipc|i\\.p\\.c\\.?|indian penal code|भादवि|भा\\.द\\.वि\\.?|भा\\.दं\\.वि\\.?|भादंवि|भा\\.दं\\.सं\\.?|भारतीय दंड संहिता|भारतीय दण्ड संहिता|आईपीसी|ভারতীয় দণ্ডবিধি|ভাদবি|আইপিসি|இ\\.த\\.ச\\.?|இந்திய தண்டனைச் சட்டம்|ஐபிசி|ఐపీసీ|ఐ\\.పి\\.సి|భారత శిక్షాస్మృతి|ಐಪಿಸಿ|ಭಾರತೀಯ ದಂಡ ಸಂಹಿತೆ|ഐപിസി|ഐ\\.പി\\.സി|ഇന്ത്യൻ ശിക്ഷാ നിയമം|આઈપીસી|આઇપીસી|ઇ\\.પી\\.કો\\.?|ઇપીકો|ભારતીય દંડ સંહિતા|ਆਈਪੀਸੀ|ਆਈ\\.ਪੀ\\.ਸੀ|ਭਾਰਤੀ ਦੰਡ ਸੰਹਿਤਾ';
const BNS_WORDS =
  'bns|b\\.n\\.s\\.?|bharatiya nyaya sanhita|भारतीय न्याय संहिता|बीएनएस|ভারতীয় ন্যায় সংহিতা|বিএনএস|பாரதிய நியாய சன்ஹிதா|பிஎன்எஸ்|భారతీయ న్యాయ సంహిత|ಭಾರತೀಯ ನ್ಯಾಯ ಸಂಹಿತೆ|ഭാരതീയ ന്യായ സംഹിത|ભારતીય ન્યાય સંહિતા|ਭਾਰਤੀ ਨਿਆਂ ਸੰਹਿਤਾ';

const NUM = '\\d{2,3}(?:\\s?[A-Za-z](?![A-Za-z]))?(?:\\s?\\(\\d{1,2}\\))?(?:\\s?\\([a-z]\\))?';
const LIST = `${NUM}(?:\\s?(?:,|/|&|and|और|व|एवं|तथा|ও|மற்றும்|మరియు|ಮತ್ತು|ഉം|અને|ਅਤੇ|ते)\\s?${NUM})*`;
const RE_CITED = new RegExp(
  `(?:(?<![\\p{L}\\p{M}])(?<sw>${SECTION_WORDS})\\s?[:\\-]?\\s?(?<list1>${LIST})(?:\\s?(?:of|की|के|का|अंतर्गत|अन्तर्गत|ऑफ)?\\s?(?:the\\s)?(?<act1>${IPC_WORDS}|${BNS_WORDS}))?)` +
    `|(?:(?<![\\p{L}\\p{M}])(?<act2>${IPC_WORDS}|${BNS_WORDS})\\s?(?:की\\s|के\\s|चे\\s|ની\\s|ਦੀ\\s)?(?:${SECTION_WORDS})?\\s?[:\\-]?\\s?(?<list2>${LIST}))` +
    `|(?:(?<list3>${LIST})\\s?(?:${IPC_WORDS}|${BNS_WORDS}))`,
  'giu',
);
const RE_ACT_IN_TAIL = new RegExp(`(${IPC_WORDS})|(${BNS_WORDS})`, 'iu');
const IS_BNS = new RegExp(`^(?:${BNS_WORDS})$`, 'iu');

interface CitedSection {
  /** BNS number in the knowledge base */
  number: string;
  /** as the complaint cited it, e.g. 'IPC 379' */
  cited: string;
}

function bnsFor(raw: string, act: 'IPC' | 'BNS' | null): string[] {
  const n = raw.replace(/\s+/g, '').toUpperCase();
  const base = n.replace(/\(.*$/, '');
  if (act === 'BNS' || (act === null && !IPC_TO_BNS.has(n) && !IPC_TO_BNS.has(base))) {
    const lower = raw.replace(/\s+/g, '').replace(/\(([A-Z])\)/g, (_m, c: string) => `(${c.toLowerCase()})`);
    if (BNS_NUMBERS.has(lower)) return [lower];
    const b = BNS_BASES.get(lower.replace(/\(.*$/, ''));
    return b ? [b] : [];
  }
  // An IPC number split into several BNS sections (506 -> 351(2), 351(3)) maps to the first, the
  // base offence; the rules pick the aggravated form from the facts.
  return (IPC_TO_BNS.get(n) ?? IPC_TO_BNS.get(base) ?? []).slice(0, 1);
}

/** Sections cited in the text, mapped to BNS, in order of first mention, without duplicates. */
export function citedSections(text: string): CitedSection[] {
  const out: CitedSection[] = [];
  for (const m of text.matchAll(RE_CITED)) {
    const g = m.groups ?? {};
    const list = g['list1'] ?? g['list2'] ?? g['list3'];
    if (!list) continue;
    let actWord = g['act1'] ?? g['act2'] ?? null;
    if (!actWord && g['list3']) actWord = RE_ACT_IN_TAIL.exec(m[0])?.[0] ?? null;
    if (!actWord) {
      // "धारा 379, 411 भादवि के तहत": the act may follow the list a few words later
      const tail = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
      actWord = RE_ACT_IN_TAIL.exec(tail)?.[0] ?? null;
    }
    const act = actWord ? (IS_BNS.test(actWord.trim()) ? 'BNS' : 'IPC') : null;
    if (!actWord && !g['sw']) continue;
    for (const raw of list.match(new RegExp(NUM, 'giu')) ?? []) {
      for (const number of bnsFor(raw, act)) {
        if (!out.some((c) => c.number === number)) out.push({ number, cited: `${act ?? 'section'} ${raw.replace(/\s+/g, '')}` });
      }
    }
  }
  return out;
}
