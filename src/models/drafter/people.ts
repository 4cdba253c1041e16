/**
 * The other people in an English, Hindi or light romanised Hindi complaint: the suspects (unknown
 * persons with their description, named accused, the caller's number in a fraud, the husband in a
 * cruelty complaint), the witnesses, and how many offenders there were. Everything extracted is
 * text the complaint contains; nothing is filled in by guesswork.
 */
import type { PersonDraft } from '../types.ts';
import { captureClause } from './complainant.ts';
import { EN_NAME, EN_WORD, HI_NAME, HI_NAME_STOP, HI_WORD, NOT_NAME, cleanEnName, cleanHiName, relationOf } from './names.ts';
import { NUMBER_WORDS_EN_HI } from './numbers.ts';
import type { PhoneHit } from './phones.ts';
import { type Sentence, WB, WE, capitalise, cleanPhrase, foldDevanagari, hiRe, sentenceIndexAt } from './text.ts';

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

function countOf(word: string | undefined, noun: string): number {
  if (word) {
    const w = word.toLowerCase();
    const range = /^(\d+)-(\d+)$/.exec(w) ?? /^(\S+)-(\S+)$/.exec(w);
    if (range) return Math.max(Number(range[2]) || NUMBER_WORDS_EN_HI[range[2] ?? ''] || 2, 2);
    if (/^\d+$/.test(w)) return Number(w);
    if (NUMBER_WORDS_EN_HI[w] !== undefined) return NUMBER_WORDS_EN_HI[w] as number;
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

interface SuspectResult {
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
