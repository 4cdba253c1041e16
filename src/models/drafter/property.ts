/**
 * Money and property: rupee amounts in every form complainants write them (Rs. 25,000/-, ₹25000,
 * ₹ 1,20,000, 25 thousand, 2.5 lakh, 25,000 रुपये, ढाई लाख) and the articles lost (mobile phone,
 * gold chain, purse, cash, motorcycle...) with the value stated for each.
 */
import type { PropertyDraft } from '../types.ts';
import { type Span, overlapsAny } from './spans.ts';
import { PACK_CURRENCY, PACK_LAKH, PACK_THOUSAND, PACKS, alternation, norm } from './lang/index.ts';
import { type Sentence, L, WB, WE, hiRe, sentenceIndexAt } from './text.ts';

interface AmountMention extends Span {
  value: number;
  /** "total", "together", "कुल" before it */
  total: boolean;
  /** "in cash", "cash of", "नकद" next to it */
  cash: boolean;
}

const NUM = '(\\d{1,3}(?:,\\d{2,3})+(?:\\.\\d{1,2})?|\\d+(?:\\.\\d+)?)';
/** crore in the packs' scripts */
const CRORE_WORDS = 'ਕਰੋੜ|કરોડ|কোটি|கோடி|కోట్ల|కోటి|ಕೋಟಿ|കോടി|कोटी';
const RE_CRORE = new RegExp(`^(?:${CRORE_WORDS})`, 'u');
const PACK_MULT = [PACK_THOUSAND, PACK_LAKH, CRORE_WORDS].filter(Boolean).join('|');
/** number words 1..10 of every pack, with their values */
const PACK_NUMBER_VALUES = new Map<string, number>(
  Object.values(PACKS).flatMap((p) => Object.entries(p.numbers ?? {}).filter(([w]) => w.length >= 2).map(([w, n]) => [norm(w), n] as [string, number])),
);
const PACK_NUMBER_ALT = alternation(PACK_NUMBER_VALUES.keys());
const MULT = `(lakhs?|lacs?|crores?|cr\\.?|thousand|hazaa?r|hajar|हजार|लाख|करोड|k${PACK_MULT ? `|(?:${PACK_MULT})[${L}]*` : ''})`;
const CUR_PRE = `(?:rs\\.?|inr|₹|rupees|रु\\.?|रुपये|रुपए${PACK_CURRENCY ? `|(?:${PACK_CURRENCY})` : ''})`;
const CUR_POST = `(?:rupees?|rupaye|rupaiye|rupay|rs\\.?|inr|रुपये|रुपए|रुपया|रुपयों|रुपयो|रु\\.?|/-${PACK_CURRENCY ? `|(?:${PACK_CURRENCY})[${L}]*` : ''})`;

const RE_AMOUNT = hiRe(
  [
    // Rs. 25,000/- | ₹ 1,20,000 | Rs 2.5 lakh | INR 5000
    `(?<![${L}])${CUR_PRE} ?${NUM}(?: ?${MULT}(?![${L}]))?(?:/-)?`,
    // 25,000 रुपये | 5000/- | 2 lakh rupees
    `(?<![\\d,.])${NUM} ?(?:${MULT} ?)?${CUR_POST}(?![${L}])`,
    // 2.5 lakh | 25 thousand | 50 हजार | 10k
    `(?<![\\d,.])${NUM} ?(lakhs?|lacs?|crores?|thousand|hazaa?r|hajar|हजार|लाख|करोड${PACK_MULT ? `|(?:${PACK_MULT})` : ''})(?![${L}])|(?<![\\d,.])(\\d+)k(?![${L}\\d])`,
    // ढाई लाख | fifty thousand rupees | पांच हजार रुपये
    `${WB}(one|two|three|four|five|six|seven|eight|nine|ten|twenty|twenty-five|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|एक|दो|तीन|चार|पांच|छह|सात|आठ|नौ|दस|बीस|पच्चीस|तीस|चालीस|पचास|साठ|सत्तर|अस्सी|नब्बे|सौ|डेढ|ढाई) ` +
      `(lakhs?|lacs?|crores?|thousand|hazaa?r|हजार|लाख|करोड)${WE}(?: ?${CUR_POST})?`,
    // keemat approx 70,000 | value about 45,000 | किंमत अंदाजे 12,000 (a value word, and a bare number)
    `(?:keemat|kimat|qeemat|value[ds]?(?: at)?|worth|costing|priced at|मूल्य|कीमत|किंमत|मालियत|ਕੀਮਤ|કિંમત|মূল্য|দাম)(?: (?:is|of|was|hai|approx\\.?|approximately|about|around|lagbhag|karib|करीब|लगभग|अंदाजे|ਲਗਭਗ|આશરે|প্রায়))*:? ?${NUM}(?![\\d${L}]|[.,]\\d)(?! ?(?:${MULT}|${CUR_POST}|/-))`,
    // 12,000 cash | 5000 nakad | 20,000 रोख
    `(?<![\\d,.])${NUM} ?(?:cash|nakad|naqad|नकद|नकदी|रोख|ਨਕਦ|રોકડ|নগদ)(?![${L}])`,
    // ഏഴു ലക്ഷം | पाच लाख | ಐದು ಸಾವಿರ: a number word of a pack and a multiplier
    ...(PACK_NUMBER_ALT && PACK_MULT ? [`(?<![${L}])(${PACK_NUMBER_ALT})[${L}]{0,2} ?((?:${PACK_MULT})[${L}]*)`] : []),
  ].join('|'),
  'giu',
);

const WORD_NUM: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twenty: 20,
  'twenty-five': 25, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, 'a hundred': 100,
  एक: 1, दो: 2, तीन: 3, चार: 4, पांच: 5, छह: 6, सात: 7, आठ: 8, नौ: 9, दस: 10, बीस: 20, पच्चीस: 25, तीस: 30,
  चालीस: 40, पचास: 50, साठ: 60, सत्तर: 70, अस्सी: 80, नब्बे: 90, सौ: 100, डेढ: 1.5, ढाई: 2.5,
};

const PACK_THOUSAND_RE = PACK_THOUSAND ? new RegExp(`^(?:${PACK_THOUSAND})`, 'iu') : null;
const PACK_LAKH_RE = PACK_LAKH ? new RegExp(`^(?:${PACK_LAKH})`, 'iu') : null;

function multiplier(word: string | undefined): number {
  if (!word) return 1;
  const w = word.toLowerCase().replace(/\.$/, '');
  if (PACK_LAKH_RE?.test(w)) return 100_000;
  if (PACK_THOUSAND_RE?.test(w)) return 1000;
  if (/^(?:lakhs?|lacs?|लाख)$/u.test(w)) return 100_000;
  if (/^(?:crores?|cr|करोड)$/u.test(w) || RE_CRORE.test(w)) return 10_000_000;
  if (/^(?:thousand|hazaa?r|hajar|हजार|k)$/u.test(w)) return 1000;
  return 1;
}

const RE_TOTAL_BEFORE = hiRe('(?:total|together|in all|altogether|overall|कुल|सब मिलाकर|एकूण)[^.।\\n]{0,22}$', 'iu');
const RE_CASH_AFTER = hiRe('^ ?(?:\\(?in cash|cash|नकद|नकदी|कैश|रोख|nagad|naqad)', 'iu');
const RE_CASH_BEFORE = hiRe('(?:cash|नकद|नकदी|कैश|रोख|nagad)(?: amount)?(?: of| worth| amounting to)? ?[:\\-]? ?$', 'iu');

export function findAmounts(t: string, exclude: readonly Span[]): AmountMention[] {
  const out: AmountMention[] = [];
  for (const m of t.matchAll(RE_AMOUNT)) {
    const start = m.index;
    const end = start + m[0].length;
    if (overlapsAny(exclude, start, end)) continue;
    let value: number;
    if (m[1] !== undefined) value = Number(m[1].replace(/,/g, '')) * multiplier(m[2]);
    else if (m[3] !== undefined) value = Number(m[3].replace(/,/g, '')) * multiplier(m[4]);
    else if (m[5] !== undefined) value = Number(m[5].replace(/,/g, '')) * multiplier(m[6]);
    else if (m[7] !== undefined) value = Number(m[7]) * 1000;
    else if (m[8] !== undefined) value = (WORD_NUM[(m[8] ?? '').toLowerCase()] ?? 0) * multiplier(m[9]);
    // (group 11 is the multiplier inside the value alternative's lookahead, never set)
    else if (m[10] !== undefined) value = Number(m[10].replace(/,/g, ''));
    else if (m[12] !== undefined) value = Number(m[12].replace(/,/g, ''));
    else value = (PACK_NUMBER_VALUES.get(norm(m[13] ?? '')) ?? 0) * multiplier(m[14]);
    value = Math.round(value * 100) / 100;
    if (!Number.isFinite(value) || value <= 0 || value > 1e12) continue;
    const before = t.slice(Math.max(0, start - 40), start);
    const after = t.slice(end, end + 14);
    out.push({
      start,
      end,
      value,
      total: RE_TOTAL_BEFORE.test(before),
      cash: RE_CASH_AFTER.test(after) || RE_CASH_BEFORE.test(before),
    });
  }
  return out;
}

// ───────────── articles ─────────────

interface ItemDef {
  key: string;
  en: string;
  hi: string;
  /** English pattern (case-insensitive) */
  reEn: string;
  /** Devanagari / romanised pattern */
  reHi?: string;
  category: 'phone' | 'vehicle' | 'jewellery' | 'bag' | 'cash' | 'document' | 'electronics' | 'animal' | 'other';
  /** brand / model words may precede it (Samsung Galaxy A14 mobile phone, Honda Activa scooter) */
  branded?: boolean;
}

const ITEMS: ItemDef[] = [
  { key: 'mobile', en: 'mobile phone', hi: 'मोबाइल फोन', category: 'phone', branded: true,
    reEn: '(?:mobile|cell|smart) ?phones?|mobiles?|smartphones?|handsets?|phones?|iphone(?: \\d{1,2})?(?: pro| max| plus| mini)*',
    reHi: 'मोबाइल(?: फोन)?|मोबाईल(?: फोन)?|स्मार्टफोन|फोन|கைபேசி[\\u0B80-\\u0BFF]*|செல்போன்[\\u0B80-\\u0BFF]*' },
  { key: 'mangalsutra', en: 'mangalsutra', hi: 'मंगलसूत्र', category: 'jewellery', reEn: 'mangal ?sutras?', reHi: 'मंगलसूत्र' },
  { key: 'chain', en: 'gold chain', hi: 'सोने की चेन', category: 'jewellery',
    reEn: '(?:gold(?:en)? |silver )?chains?', reHi: '(?:सोने की |चांदी की |सोन्याची )?(?:चेन|चैन|जंजीर)|தங்கச் சங்கிலி[\\u0B80-\\u0BFF]*|சங்கிலி[\\u0B80-\\u0BFF]*' },
  { key: 'necklace', en: 'necklace', hi: 'हार', category: 'jewellery', reEn: 'necklaces?', reHi: 'सोने का हार|नेकलेस' },
  { key: 'jewellery', en: 'gold ornaments', hi: 'सोने-चांदी के जेवर', category: 'jewellery',
    reEn: '(?:gold(?:en)?(?: and silver)? |silver )?(?:ornaments|jewell?ery|jewelry)',
    reHi: '(?:सोने-चांदी के |सोने के |चांदी के |सोन्याचे )?(?:जेवर|जेवरात|गहने|आभूषण|दागिने)|(?:தங்க )?நகை[\\u0B80-\\u0BFF]*' },
  { key: 'ring', en: 'ring', hi: 'अंगूठी', category: 'jewellery', reEn: '(?:gold |diamond )?rings?', reHi: 'अंगूठी' },
  { key: 'earrings', en: 'earrings', hi: 'कान की बालियां', category: 'jewellery', reEn: 'ear ?rings?|ear ?tops', reHi: 'बालियां|झुमके|कुंडल' },
  { key: 'bangles', en: 'bangles', hi: 'कंगन', category: 'jewellery', reEn: '(?:gold )?bangles?', reHi: 'कंगन|चूडियां' },
  { key: 'watch', en: 'wrist watch', hi: 'घड़ी', category: 'other', reEn: 'wrist ?watch(?:es)?|smart ?watch(?:es)?', reHi: 'घडी' },
  { key: 'purse', en: 'purse', hi: 'पर्स', category: 'bag', reEn: 'purses?|wallets?', reHi: 'पर्स|बटुआ|पाकीट|पाकिट|பணப்பை[\\u0B80-\\u0BFF]*' },
  { key: 'bag', en: 'bag', hi: 'बैग', category: 'bag', reEn: '(?:hand ?|ladies |laptop |school )?bags?|backpacks?|briefcases?|suitcases?', reHi: 'बैग|थैला|अटैची' },
  { key: 'laptop', en: 'laptop', hi: 'लैपटॉप', category: 'electronics', branded: true, reEn: 'laptops?|notebook computer|macbook', reHi: 'लैपटॉप|लैपटाप' },
  { key: 'tablet', en: 'tablet', hi: 'टैबलेट', category: 'electronics', branded: true, reEn: 'ipad|tablet(?: computer)?', reHi: 'टैबलेट' },
  { key: 'camera', en: 'camera', hi: 'कैमरा', category: 'electronics', branded: true, reEn: 'cameras?', reHi: 'कैमरा' },
  { key: 'tv', en: 'television', hi: 'टीवी', category: 'electronics', branded: true, reEn: '(?:led |lcd )?(?:tv|television)(?: set)?', reHi: 'टीवी|टेलीविजन' },
  { key: 'motorcycle', en: 'motorcycle', hi: 'मोटरसाइकिल', category: 'vehicle', branded: true,
    reEn: 'motor ?cycles?|motor ?bikes?|bikes?|two-wheelers?|splendor(?: plus)?|pulsar(?: \\d{3})?|apache(?: rtr)?(?: \\d{3})?|platina|hf deluxe|honda shine|bullet|classic 350|royal enfield(?: classic)?(?: 350)?',
    reHi: 'मोटरसाइकिल|मोटर साइकिल|मोटरसायकल|बाइक|दुपहिया(?: वाहन)?|दोपहिया(?: वाहन)?|दुचाकी|இருசக்கர வாகன[\\u0B80-\\u0BFF]*' },
  { key: 'scooter', en: 'scooter', hi: 'स्कूटी', category: 'vehicle', branded: true,
    reEn: 'scooters?|scooty|activa(?: \\d?g)?|tvs jupiter|suzuki access(?: 125)?',
    reHi: 'स्कूटी|स्कूटर' },
  { key: 'car', en: 'car', hi: 'कार', category: 'vehicle', branded: true, reEn: 'cars|car(?! ?(?:park|parking))', reHi: 'कार' },
  { key: 'bicycle', en: 'bicycle', hi: 'साइकिल', category: 'vehicle', reEn: 'bi-?cycles?|cycles?', reHi: 'साइकिल' },
  { key: 'autorickshaw', en: 'auto-rickshaw', hi: 'ऑटो रिक्शा', category: 'vehicle', reEn: 'auto[- ]?rickshaws?|e-rickshaws?', reHi: 'ऑटो रिक्शा|ई-रिक्शा|टेम्पो' },
  { key: 'tractor', en: 'tractor', hi: 'ट्रैक्टर', category: 'vehicle', reEn: 'tractors?|trolley', reHi: 'ट्रैक्टर' },
  { key: 'vehicle', en: 'vehicle', hi: 'वाहन', category: 'vehicle', reEn: 'vehicles?', reHi: 'गाडी|वाहन|வாகன[\\u0B80-\\u0BFF]*' },
  { key: 'cash', en: 'cash', hi: 'नकदी', category: 'cash', reEn: 'cash|currency notes', reHi: 'नकदी|नकद|कैश|रोख|ரொக்க[\\u0B80-\\u0BFF]*(?: பண[\\u0B80-\\u0BFF]*)?' },
  { key: 'aadhaar', en: 'Aadhaar card', hi: 'आधार कार्ड', category: 'document', reEn: 'aadhaa?r(?: card)?', reHi: 'आधार कार्ड' },
  { key: 'pan', en: 'PAN card', hi: 'पैन कार्ड', category: 'document', reEn: 'pan card', reHi: 'पैन कार्ड' },
  { key: 'licence', en: 'driving licence', hi: 'ड्राइविंग लाइसेंस', category: 'document', reEn: 'driving licen[cs]e|\\bdl\\b', reHi: 'ड्राइविंग लाइसेंस' },
  { key: 'cards', en: 'ATM/debit card', hi: 'एटीएम कार्ड', category: 'document', reEn: '(?:atm|debit|credit) cards?', reHi: 'एटीएम कार्ड|डेबिट कार्ड|क्रेडिट कार्ड' },
  { key: 'documents', en: 'documents', hi: 'दस्तावेज', category: 'document', reEn: 'documents|papers|rc book|registration certificate', reHi: 'दस्तावेज|कागजात|कागज' },
  { key: 'cattle', en: 'cattle', hi: 'मवेशी', category: 'animal', reEn: 'buffalo(?:es)?|cows?|cattle|goats?|oxen|bullocks?', reHi: 'भैंस|गाय|बकरी|बकरियां|मवेशी|बैल' },
  { key: 'cylinder', en: 'gas cylinder', hi: 'गैस सिलेंडर', category: 'other', reEn: 'gas cylinders?|lpg cylinders?', reHi: 'सिलेंडर' },
];

const RE_ITEM_EN = new RegExp(ITEMS.map((it) => `(?<![${L}0-9])(${it.reEn})(?![${L}])`).join('|'), 'gi');
const RE_ITEM_HI = hiRe(ITEMS.map((it) => `${WB}(${it.reHi ?? '(?!x)x'})${WE}`).join('|'), 'gu');

/** sentences in which something was lost: stolen, snatched, robbed, missing, debited */
export const RE_LOSS = hiRe(
  [
    '\\b(?:stole|stolen|steal|steals|stealing|theft|thie(?:f|ves)|snatch\\w*|robb\\w*|loot\\w*|missing|took away|taken away|took|' +
      'grabbed|pick-?pocket\\w*|decamped|ran away with|fled with|made off|lost|disappeared|debited|deducted|withdrawn|transferred|' +
      'chori|chura\\w*|chheen\\w*|cheen\\w*|gayab|le gaye|le gaya|extort\\w*|misappropriat\\w*|embezzl\\w*|not return\\w*|took from me)\\b',
    `${WB}(?:चोरी|चुरा\\p{L}*|छीन\\p{L}*|छीना|झपट\\p{L}*|लूट\\p{L}*|गायब|ले गए|ले गया|ले गई|ले भागे|ले भागा|ले उडे|निकाल लिए|निकाल लिये|कट गए|कट गये|नहीं मिला|नहीं मिली|नहीं मिले|ले लिए|ले लिया|हडप\\p{L}*|चोरीस|चोरून|हिसकाव\\p{L}*|जागेवर नव्हत\\p{L}*|मिळून आल\\p{L}* नाही)`,
    'திருட|பறித்து|காணவில்லை|எடுக்கப்பட்டது',
  ].join('|'),
  'iu',
);

const RE_NOT_PROPERTY_AFTER = hiRe(
  "^ ?(?:number|no\\b|nos\\b|numbers|call|calls|banking|app|screen|(?:is |was )?(?:now )?(?:switched off|off|not reachable|unreachable)|on which|नंबर|नं|पर|किया|आया|करके|कर के|कर|बंद|से फोन|से कॉल)",
  'iu',
);
/** the offenders' vehicle: "on a red motorcycle", "bike-borne", "मोटरसाइकिल पर सवार" */
const RE_RIDDEN_BEFORE = /\b(?:on|by|riding|rode|fled on|came on|hit by|(?:fled|escaped|sped away|ran away|drove away|drove off|ran off|drove) with)\s+(?:a|an|the|their|his|her|one|two|my)?\s*(?:[a-z]+\s+)?$/i;
const RE_RIDDEN_AFTER = hiRe('^(?:-borne| borne|-riding| riders?| riding| पर सवार| सवार|पर सवार)', 'iu');

/** generic nouns that may point back to an article named in an earlier sentence */
const RE_GENERIC_SURFACE = hiRe('^(?:vehicles?|bikes?|motor ?cycles?|scooters?|scooty|cars?|two-wheelers?|phones?|mobiles?|mobile phones?|handsets?|गाडी|वाहन|फोन|मोबाइल|मोबाइल फोन|बाइक|स्कूटी|मोटरसाइकिल|வாகன[\\u0B80-\\u0BFF]*|கைபேசி[\\u0B80-\\u0BFF]*)$', 'i');

const RE_FROM_AFTER = hiRe(`^ ?(?:में से|से|मधून|मधील|मधून|இலிருந்து)${WE}`, 'i');
const RE_WORTH = hiRe('worth|value|valued|cost|price|priced|कीमत|किंमत|मूल्य|कीमती', 'i');
/** a vehicle registration number: MH 12 AB 1234, DL3CAB1234 */
export const RE_REG_NO = /(?<![A-Za-z0-9])([A-Z]{2}[ -]?\d{1,2}[ -]?[A-Z]{0,3}[ -]?\d{4})(?![A-Za-z0-9])/g;
const RE_BRAND_TOKEN = /^(?:[A-Z][A-Za-z0-9+]*|i[A-Z][A-Za-z0-9]*|[0-9]{1,4}[A-Za-z]{0,3}|\d+GB|\d+G|Pro|Max|Plus|Lite|Neo|Mini)$/;
const NOT_BRAND = new Set(['I', 'My', 'The', 'A', 'An', 'His', 'Her', 'Our', 'On', 'At', 'In', 'When', 'While', 'Then', 'Sir', 'Madam', 'Mr', 'Mrs', 'Rs', 'IMEI', 'SIM', 'No']);

const RE_MODEL = /\d|iphone|ipad|macbook|activa|splendor|pulsar|apache|jupiter|access|enfield|bullet|platina|shine|deluxe|classic/i;
/** categories whose English surface word is kept as written (wallet, gold chain, silver ornaments, buffalo) */
const SURFACE_CATEGORIES = new Set<ItemDef['category']>(['jewellery', 'bag', 'animal', 'other', 'electronics']);

function tidyModel(s: string): string {
  const t = s.replace(/\biphone/i, 'iPhone').replace(/\bipad/i, 'iPad').replace(/\bmacbook/i, 'MacBook');
  return /^[a-z]/.test(t) && !/^i[A-Z]/.test(t) ? t.charAt(0).toUpperCase() + t.slice(1) : t;
}

function singular(s: string): string {
  if (/(?:ornaments|jewellery|jewelry|earrings|bangles|cattle|oxen)$/.test(s)) return s;
  if (/(?:ches|shes|sses)$/.test(s)) return s.slice(0, -2);
  if (/buffaloes$/.test(s)) return s.slice(0, -2);
  return s.endsWith('s') && !s.endsWith('ss') ? s.slice(0, -1) : s;
}

interface ItemHit {
  def: ItemDef;
  start: number;
  end: number;
  sentence: number;
  description: string;
  value: number | null;
}

function brandBefore(t: string, start: number): string | null {
  const before = t.slice(Math.max(0, start - 60), start);
  const tokens = before.split(' ');
  if (tokens[tokens.length - 1] === '') tokens.pop();
  const picked: string[] = [];
  for (let i = tokens.length - 1; i >= 0 && picked.length < 5; i--) {
    const tok = (tokens[i] ?? '').replace(/[,()]/g, '');
    if (!tok || tok !== tokens[i] || NOT_BRAND.has(tok) || !RE_BRAND_TOKEN.test(tok)) break;
    picked.unshift(tok);
  }
  // a bare number is a quantity, not a model
  if (picked.length === 0 || picked.every((p) => /^\d/.test(p))) return null;
  while (picked.length && /^\d/.test(picked[0] ?? '')) picked.shift();
  return picked.length ? picked.join(' ') : null;
}

function findItemHits(t: string, sentences: readonly Sentence[], hindi: boolean): ItemHit[] {
  const hits: ItemHit[] = [];
  const scan = (re: RegExp, isHi: boolean) => {
    for (const m of t.matchAll(re)) {
      const idx = m.slice(1).findIndex((g) => g !== undefined);
      const def = ITEMS[idx];
      if (!def) continue;
      const start = m.index;
      const end = start + m[0].length;
      const after = t.slice(end, end + 24);
      const before = t.slice(Math.max(0, start - 24), start);
      if (def.category === 'phone') {
        if (RE_NOT_PROPERTY_AFTER.test(after)) continue;
        if (/\b(?:on|over|via|through|from|called|call)\s+(?:the\s+|my\s+|his\s+|her\s+|a\s+)?$/i.test(before)) continue;
        if (/(?:फोन|मोबाइल) (?:पर|से) $/u.test(before)) continue;
      }
      if (def.key === 'cash' && /^ ?(?:back|refund|withdraw)/i.test(after)) continue;
      if (def.key === 'vehicle' && /^ ?(?:number|no\b|नंबर)/iu.test(after)) continue;
      if (def.category === 'phone' && /\b(?:his|her|their|its)\s+$/i.test(before)) continue;
      if (def.category === 'vehicle' && (RE_RIDDEN_BEFORE.test(before) || RE_RIDDEN_AFTER.test(after))) continue;
      // the container or place something was taken from: "from my bag", "मेरे बैग से", "from the car"
      if (def.category !== 'cash' && (/\bfrom (?:my|the|our|his|her|inside (?:my|the))\s+(?:[a-z]+\s+)?$/i.test(before) || RE_FROM_AFTER.test(after))) continue;
      const surface = m[0];
      const label = hindi ? def.hi : def.en;
      let description = label;
      if (def.branded) {
        const brand = brandBefore(t, start);
        const model = RE_MODEL.test(surface) ? tidyModel(surface) : null;
        const parts = [brand, model].filter((x): x is string => Boolean(x));
        if (parts.length) description = `${parts.join(' ')} ${label}`;
      } else if (SURFACE_CATEGORIES.has(def.category)) {
        // as the complainant named it: "wallet", "gold chain", "सोने के जेवर"
        description = isHi ? surface : singular(surface.toLowerCase());
      }
      const count = !isHi ? /(?:^|[^\w])(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten) $/i.exec(t.slice(Math.max(0, start - 8), start)) : null;
      if (count?.[1] && !def.branded && def.category !== 'cash') description = `${count[1]} ${surface.toLowerCase()}`;
      else if (count?.[1] && def.branded && description === label) description = `${count[1]} ${surface.toLowerCase()}`;
      hits.push({ def, start, end, sentence: sentenceIndexAt(sentences, start), description, value: null });
    }
  };
  scan(RE_ITEM_EN, false);
  scan(RE_ITEM_HI, true);
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  // drop hits nested in an earlier, longer one ("mobile phone" contains "phone")
  const out: ItemHit[] = [];
  for (const h of hits) {
    const last = out[out.length - 1];
    if (last && h.start < last.end) continue;
    out.push(h);
  }
  return out;
}

interface PropertyResult {
  items: PropertyDraft[];
  /** item keys found in loss context (for offence rules) */
  keys: string[];
  /** any article other than cash/money/documents in loss context */
  physical: boolean;
}

/**
 * Articles lost, with values. Only articles named in a sentence that reports a loss count (or,
 * for "the vehicle was missing", the article named just before); each amount goes to the article
 * it follows in the same sentence unless it is a total; "₹3,000 in cash" makes a cash entry.
 */
export function findProperty(t: string, sentences: readonly Sentence[], amounts: readonly AmountMention[], hindi: boolean): PropertyResult {
  const hits = findItemHits(t, sentences, hindi);
  const lossSentences = new Set<number>();
  sentences.forEach((s, i) => {
    if (RE_LOSS.test(s.text)) lossSentences.add(i);
  });
  const chosen: ItemHit[] = [];
  for (const h of hits) if (lossSentences.has(h.sentence)) chosen.push(h);
  // "I parked my Hero Splendor ... When I returned, the vehicle was missing.": a generic noun in the
  // loss sentence points back to the article named (with its make) in the two sentences before
  for (const g of [...chosen]) {
    if (!RE_GENERIC_SURFACE.test(t.slice(g.start, g.end))) continue;
    const earlier = [...hits].reverse().find(
      (h) => h.sentence < g.sentence && h.sentence >= g.sentence - 2 && h.def.category === g.def.category &&
        (g.def.key === 'vehicle' || g.def.category === 'phone' || h.def.key === g.def.key) && h.description.length > g.description.length,
    );
    if (earlier && !chosen.includes(earlier)) chosen.push(earlier);
  }
  chosen.sort((a, b) => a.start - b.start);

  // values: the first non-total amount after the article and before the next article, same sentence
  const used = new Set<AmountMention>();
  for (let i = 0; i < chosen.length; i++) {
    const h = chosen[i] as ItemHit;
    const next = chosen.slice(i + 1).find((x) => x.sentence === h.sentence);
    const limit = next ? next.start : (sentences[h.sentence]?.end ?? t.length);
    const a = amounts.find((x) => !used.has(x) && !x.total && x.start >= h.end && x.start < limit && (!x.cash || h.def.key === 'cash') && x.start - h.end < 120);
    if (a) {
      h.value = a.value;
      used.add(a);
    } else if (h.def.key === 'cash') {
      const b = [...amounts].reverse().find((x) => !used.has(x) && x.end <= h.start && h.start - x.end <= 12);
      if (b) {
        h.value = b.value;
        used.add(b);
      }
    }
  }
  // "The vehicle is worth about ₹63,000": a value stated in a sentence of its own
  for (const h of chosen) {
    if (h.value !== null) continue;
    for (const h2 of hits) {
      if (h2.def.category !== h.def.category) continue;
      const a = amounts.find((x) => !used.has(x) && !x.total && x.start >= h2.end && x.start - h2.end < 50 && RE_WORTH.test(t.slice(h2.end, x.start)));
      if (a) {
        h.value = a.value;
        used.add(a);
        break;
      }
    }
  }
  // "wallet containing ₹3,000 in cash": a cash amount with no cash article of its own
  const extra: ItemHit[] = [];
  for (const a of amounts) {
    if (used.has(a) || !a.cash) continue;
    const si = sentenceIndexAt(sentences, a.start);
    if (!lossSentences.has(si)) continue;
    const cashDef = ITEMS.find((x) => x.key === 'cash') as ItemDef;
    extra.push({ def: cashDef, start: a.start, end: a.end, sentence: si, description: hindi ? cashDef.hi : cashDef.en, value: a.value });
    used.add(a);
  }
  const all = [...chosen, ...extra].sort((a, b) => a.start - b.start);

  // vehicles: registration number in the same or next sentence
  for (const h of all) {
    if (h.def.category !== 'vehicle') continue;
    const from = sentences[h.sentence]?.start ?? h.start;
    const to = sentences[h.sentence + 1]?.end ?? sentences[h.sentence]?.end ?? t.length;
    const reg = [...t.slice(from, to).matchAll(RE_REG_NO)].find((m) => /\d{4}$/.test(m[1] ?? ''));
    if (reg?.[1]) h.description = `${h.description} (${hindi ? 'रजिस्ट्रेशन नंबर' : 'registration no.'} ${reg[1]})`;
  }

  // one entry per article; a later mention may carry the value
  const byKey = new Map<string, ItemHit>();
  for (const h of all) {
    const k = h.def.category === 'vehicle' ? 'vehicle' : h.def.key;
    const prev = byKey.get(k);
    if (!prev) byKey.set(k, h);
    else {
      if (prev.value === null && h.value !== null) prev.value = h.value;
      if (prev.def.key === 'vehicle' && h.def.key !== 'vehicle') {
        prev.description = h.description;
        prev.def = h.def;
      } else if (h.description.length > prev.description.length && h.def.key === prev.def.key) {
        // the more specific mention wins: "Motorola G54 mobile phone" over "mobile phone"
        prev.description = h.description;
      }
    }
  }
  const items = [...byKey.values()].map((h) => ({ description: h.description, valueInr: h.value }));
  const keys = [...byKey.values()].map((h) => h.def.key);
  const physical = [...byKey.values()].some((h) => h.def.category !== 'cash' && h.def.category !== 'document');
  return { items, keys, physical };
}
