/**
 * Place of occurrence: "at/near/in <Place>", well-known spots (market, bus stand, railway station,
 * ATM...) with the locality they are in, "in front of my house", and the Hindi forms "<X> के पास",
 * "<X> बाजार में", "<X> नगर में". The place is kept short; a fuller address (", New Delhi - 110024")
 * goes to `address` when the complaint gives one.
 */
import { type Span, overlapsAny } from './spans.ts';
import { RE_HOSPITAL } from './lang/cross.ts';
import { type Sentence, WB, WE, cleanPhrase, foldDevanagari, hiRe, sentenceIndexAt } from './text.ts';

export interface PlaceResult {
  place: string | null;
  address: string | null;
  /** how the complaint relates the incident to the place: 'at' | 'near' | 'in' | Hindi postposition */
  prep: string | null;
}

const SPOTS_EN =
  'bus stand|bus stop|bus depot|bus station|railway station|metro station|railway platform|railway crossing|market|bazaar|bazar|mandi|mall|' +
  'ATM|bank|temple|mandir|mosque|masjid|church|gurudwara|park|garden|hospital|school|college|university|cinema hall|cinema|theatre|' +
  'petrol pump|chowk|crossing|junction|square|circle|highway|flyover|bridge|parking lot|parking|toll plaza|dhaba|hotel|restaurant|' +
  'showroom|hospital gate|college gate|main road|bus|train|auto|airport|ground|playground|factory|godown|warehouse|office|shop';
const SPOT_QUALIFIERS = new Set(['main', 'vegetable', 'fish', 'sabzi', 'local', 'old', 'new', 'central', 'weekly', 'bank', 'crowded', 'government', 'private', 'district', 'city', 'civil', 'public', 'grain', 'fruit', 'cloth', 'super', 'general', 'sabji', 'nearby', 'interstate', 'isbt']);

const PROPER = "[A-Z][a-zA-Z'.]*(?:[ -](?:[A-Z][a-zA-Z'.]*|\\d{1,4}[A-Z]?)){0,4}";
const NOT_PLACE = new Set(
  ('I My The A An He She They We It On At In This That When While After Before Then Sir Madam Mr Mrs Ms Shri Smt Dr ' +
    'January February March April May June July August September October November December Monday Tuesday Wednesday ' +
    'Thursday Friday Saturday Sunday UPI OTP KYC IMEI SIM PIN ATM CCTV FIR Paytm PhonePe Google GPay BHIM WhatsApp Telegram ' +
    'Facebook Instagram YouTube Amazon Flipkart SBI HDFC ICICI Axis Kotak Canara State Aadhaar PAN RC Rs INR Police Station ' +
    'SHO Hon Respected Kindly Please Yours Subject Complaint Mobile Phone Samsung Redmi Vivo Oppo Realme OnePlus Nokia ' +
    'Motorola Honda Hero Bajaj TVS Suzuki Royal Maruti Hyundai Tata Mahindra Toyota iPhone IST AM PM Hrs Unknown God').split(' '),
);
const PLACE_STOP = new Set(['On', 'At', 'When', 'While', 'After', 'Before', 'Then', 'I', 'My', 'The', 'And', 'Around', 'About', 'He', 'She', 'They', 'We', 'It', 'Sir', 'Madam', 'IST', 'AM', 'PM']);

const RE_NOT_OCCURRENCE = /\b(?:treated|admitted|taken to|took (?:me|him|her|us) to|rushed (?:me |him |her )?to|reported (?:it )?(?:to|at)|approached|referred|informed|employed|works? (?:at|in|as)|working (?:at|in|as)|studying|studies|posted|medical examination)\b[^.\n]{0,24}$/i;
const RE_NOT_OCCURRENCE_HI = hiRe('^ ?(?:में|पर)? ?(?:भर्ती|इलाज|उपचार|ले गए|ले जाया)', 'i');
/** one more comma-separated part of an address: a capitalised name, a sector/block, a PIN code */
const RE_ADDRESS_SEGMENT = /^, ?((?:[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*){0,3}|(?:Sector|Block|Phase|Gali|Lane|Road|Ward|No\.?) ?[\dA-Z-]+|[\u0900-\u097F]+(?: [\u0900-\u097F]+){0,2})(?: ?- ?\d{6})?|\d{6})(?=[,.;:\n।)]|$| [a-z\u0900-\u097F])/;
/** exactly one spot word (no global state, unlike RE_SPOT_EN) */
const RE_ONE_SPOT_EN = new RegExp(`^(?:${SPOTS_EN})$`, 'i');
const RE_SPOT_EN = new RegExp(`(?<![A-Za-z])(${SPOTS_EN})(?![A-Za-z])`, 'gi');
const RE_PREP_PROPER = new RegExp(`\\b(at|near|in|outside|opposite|behind|inside|from|on) (?:the )?(${PROPER})`, 'g');
const RE_MY_PLACE = /\b(in front of|outside|near|at|inside|in|from|of|into|to) (?:my|our) (house|home|residence|door|doorstep|shop|office|flat|room|gate|village|field|farm|land|plot|orchard)\b/gi;

const SPOTS_HI =
  'बाजार|बाज़ार|मार्केट|बस स्टैंड|बस स्टॉप|बस स्टाप|बस अड्डा|बस अड्डे|बस स्टेशन|रेलवे स्टेशन|मेट्रो स्टेशन|स्टेशन|एटीएम|ATM|बैंक|मंदिर|मस्जिद|गुरुद्वारा|चर्च|पार्क|' +
  'अस्पताल|स्कूल|कॉलेज|चौक|चौराहा|चौराहे|तिराहा|तिराहे|मंडी|मॉल|सिनेमा|पेट्रोल पंप|रोड|मार्ग|गली|कॉलोनी|मोहल्ला|मोहल्ले|हाईवे|पुल|ढाबा|होटल|दुकान|गेट|बस स्टॉपवर|परिसर|परिसरात';
const RE_SPOT_HI = hiRe(`(?<![\\u0900-\\u097FA-Za-z])((?:[\\u0900-\\u0963\\u0966-\\u097FA-Za-z]+ ){0,3})(${SPOTS_HI})(?: (में|पर|के पास|के सामने|के बाहर|से|पे|जवळ|मध्ये|वर))?${WE}`);
const RE_NEAR_HI = hiRe(`(?<![\\u0900-\\u097F])((?:[\\u0900-\\u0963\\u0966-\\u097F]+ ){0,2}[\\u0900-\\u0963\\u0966-\\u097F]+) (के पास|के सामने|के नजदीक|के निकट|के बाहर|जवळ|येथे|परिसरात)${WE}`);
const LOCALITY_SUFFIX = hiRe('(?:नगर|विहार|बाग|पुर|पुरी|पुरा|गंज|गढ|बाद|कॉलोनी|मोहल्ला|सेक्टर|गांव|ग्राम|बस्ती|खेडा|वाडी|वाडा|पेठ|चौक|मंडी|बाजार|कुंज|एन्क्लेव|धाम|गली|मार्ग|रोड)$', 'u');
const RE_IN_HI = hiRe(`(?<![\\u0900-\\u097F])((?:[\\u0900-\\u0963\\u0966-\\u097F]+ ){0,2}[\\u0900-\\u0963\\u0966-\\u097F]+) (में|मध्ये)${WE}`);
const RE_BEFORE_NAME_HI = hiRe(`${WB}(मोहल्ला|मोहल्ले|ग्राम|गांव|गाँव|कस्बा|कस्बे|सेक्टर|मौजा|गाव) ((?:[\\u0900-\\u0963\\u0966-\\u097F]+|\\d{1,3}[A-Za-z]?)(?: [\\u0900-\\u0963\\u0966-\\u097F]+)?)`);
const RE_MY_PLACE_HI = hiRe(`${WB}(मेरे|हमारे|मेरी|हमारी) (घर|मकान|दुकान|कमरे|ऑफिस|खेत|प्लॉट|बगीचे) (के सामने|के बाहर|के पास|में|से|पर)${WE}`);
const RE_ROMAN = /\b([A-Z][a-z]+(?: [A-Z][a-z]+){0,2}(?: (?:market|bazaar|bazar|chowk|mandi))?) (?:ke paas|ke pass|mein|me|par)\b/g;

const HI_PLACE_STOP = new Set(
  foldDevanagari(
    'का की के को में से ने है था थी थे मैं मेरा मेरी मेरे हम हमारे अपने अपनी एक दो तीन चार पांच दिनांक बजे लगभग करीब तभी जब और व तथा ' +
      'उसने उन्होंने किसी कोई अज्ञात व्यक्ति युवक लोग रहा रही रहे गया गई गए था पैदल घर लौट वापस जा आ रहा समय दौरान वह यह उस इस भीड ' +
      'फायदा उठाकर शाम सुबह रात दोपहर आज कल पर तो भी ही सेवा महोदय श्रीमान थाना थानाध्यक्ष निवासी पुत्र पुत्री पत्नी उम्र वर्ष मी माझ्या माझा रोजी सुमारे वाजता',
  ).split(' '),
);

function hiPlaceWords(raw: string): string | null {
  const words = raw.trim().split(/\s+/).filter(Boolean);
  const kept: string[] = [];
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i] as string;
    if (HI_PLACE_STOP.has(w) || /^\d/.test(w)) break;
    kept.unshift(w);
  }
  return kept.length ? kept.join(' ') : null;
}

interface Candidate {
  pos: number;
  end: number;
  place: string;
  prep: string;
  score: number;
}

function cleanProper(raw: string): string | null {
  const words = raw.split(/[ ]/);
  const kept: string[] = [];
  for (const w of words) {
    if (PLACE_STOP.has(w)) break;
    kept.push(w);
  }
  while (kept.length && /^\d/.test(kept[kept.length - 1] ?? '') && kept.length === 1) kept.pop();
  if (!kept.length) return null;
  // "Shri Ganesh Mandir": an honorific opens a temple's or a shop's name, not a person's here
  if (kept.length > 1 && /^(?:Shri|Sri|Shree)$/.test(kept[0] ?? '')) return kept.join(' ').replace(/[.']+$/, '');
  if (NOT_PLACE.has((kept[0] ?? '').replace(/\.$/, ''))) return null;
  const s = kept.join(' ').replace(/[.']+$/, '');
  return s.length >= 3 ? s : null;
}

export function findPlace(t: string, sentences: readonly Sentence[], masked: readonly Span[], incident: ReadonlySet<number>, hindi: boolean): PlaceResult {
  const cands: Candidate[] = [];
  const stationSentences = new Set<number>();
  sentences.forEach((s, i) => {
    if (/police station|station house officer|\bS\.?H\.?O\b|\bP\.?S\.?\b|थाना|थानाध्यक्ष|पोलीस ठाणे|पोलीस निरीक्षक|काவல் நிலைய/iu.test(s.text) && !incident.has(i)) stationSentences.add(i);
  });
  const add = (pos: number, end: number, place: string | null, prep: string, base: number) => {
    if (!place || overlapsAny(masked, pos, end)) return;
    // where the complainant was treated, reported or works is not where the offence happened
    if (RE_NOT_OCCURRENCE.test(t.slice(Math.max(0, pos - 40), pos)) || RE_NOT_OCCURRENCE_HI.test(t.slice(end, end + 24))) return;
    const si = sentenceIndexAt(sentences, pos);
    if (stationSentences.has(si)) return;
    // a hospital is where a victim is taken; the scene only when nothing else is named
    const hospital = RE_HOSPITAL.test(place) ? -4 : 0;
    cands.push({ pos, end, place, prep, score: base + hospital + (incident.has(si) ? 3 : 0) });
  };

  // "at the bus stop in Lajpat Nagar", "at Karol Bagh market", "near the ATM"
  for (const m of t.matchAll(RE_SPOT_EN)) {
    const spot = m[1] ?? '';
    if (/^(?:bus|train|auto|office|shop|bank)$/i.test(spot)) {
      // only as a place when introduced by a preposition ("in a crowded bus", "at the bank")
      const before = t.slice(Math.max(0, m.index - 24), m.index);
      if (!/\b(?:in|at|inside|outside|near|from|on) (?:the |a |an |my )?(?:\w+ )?$/i.test(before)) continue;
    }
    if (/^ATM$/i.test(spot) && /^ ?(?:card|pin)/i.test(t.slice(m.index + spot.length, m.index + spot.length + 6))) continue;
    if (/^bank$/i.test(spot) && /^ ?(?:account|a\/c|helpline|official|officer|manager|statement|details|customer|balance|of|app)/i.test(t.slice(m.index + 4, m.index + 20))) continue;
    const before = t.slice(Math.max(0, m.index - 60), m.index);
    const afterStart = m.index + spot.length;
    const after = t.slice(afterStart, afterStart + 60);
    const properBefore = new RegExp(`(${PROPER}) $`).exec(before);
    const properAfter = new RegExp(`^,?(?: ['‘"“][^'’"”\\n]{2,40}['’"”])?,? (?:in|at|of|near|on|,) (?:the )?(${PROPER})`).exec(after);
    const qual = /(?:^|[^A-Za-z])([a-z]+) $/.exec(before);
    let place = spot;
    if (qual?.[1] && SPOT_QUALIFIERS.has(qual[1].toLowerCase())) place = `${qual[1]} ${spot}`;
    let pos = m.index;
    let end = afterStart;
    let base = 2;
    const pb = properBefore ? cleanProper(properBefore[1] ?? '') : null;
    const pa = properAfter ? cleanProper(properAfter[1] ?? '') : null;
    if (pb && !qual) {
      place = `${pb} ${spot}`;
      pos = m.index - (properBefore?.[0].length ?? 0);
      base = 4;
    } else if (pa) {
      place = `${pa} ${place}`;
      end = afterStart + (properAfter?.[0].length ?? 0);
      base = 4;
    }
    const prepM = /\b(at|near|in|outside|opposite|behind|inside|from|on)(?: the| a| an)?(?: \w+)? ?$/i.exec(t.slice(Math.max(0, pos - 20), pos));
    add(pos, end, place, prepM?.[1]?.toLowerCase() ?? 'at', base);
  }
  for (const m of t.matchAll(RE_PREP_PROPER)) {
    const place = cleanProper(m[2] ?? '');
    if (!place) continue;
    // "in Delhi" after a spot is part of that spot's candidate; a bare proper noun scores lower
    const start = m.index + m[0].length - (m[2] ?? '').length;
    add(start, start + place.length, place, (m[1] ?? 'at').toLowerCase(), /^(?:in|from|on)$/.test(m[1] ?? '') ? 1 : 2);
  }
  for (const m of t.matchAll(RE_MY_PLACE)) {
    const where = (m[1] ?? '').toLowerCase();
    const noun = (m[2] ?? '').toLowerCase();
    const prep = where === 'in front of' ? '' : where === 'of' || where === 'into' || where === 'from' || where === 'to' ? 'at' : where;
    const what = noun === 'home' || noun === 'door' || noun === 'doorstep' ? 'house' : noun;
    add(m.index, m.index + m[0].length, `${where === 'in front of' ? 'in front of ' : ''}complainant's ${what}`, prep, 2);
  }
  for (const m of t.matchAll(RE_ROMAN)) {
    const place = cleanProper(m[1] ?? '');
    if (place) add(m.index, m.index + m[0].length, place, 'near', 1);
  }

  if (hindi || /[\u0900-\u097F]/.test(t)) {
    for (const m of t.matchAll(RE_SPOT_HI)) {
      const words = hiPlaceWords(m[1] ?? '');
      const spot = m[2] ?? '';
      if (/^(?:बैंक|दुकान|गेट|रोड|मार्ग|गली)$/u.test(spot) && !words) continue;
      const place = words ? `${words} ${spot}` : spot;
      const start = m.index + (m[1] ?? '').length - (words ? words.length + 1 : 0);
      add(Math.max(m.index, start), m.index + m[0].length, place, m[3] ?? 'में', words ? 4 : 2);
    }
    for (const m of t.matchAll(RE_NEAR_HI)) {
      const words = hiPlaceWords(m[1] ?? '');
      if (!words || /^(?:घर|मकान|उस|इस)$/u.test(words)) continue;
      add(m.index, m.index + m[0].length, words, m[2] ?? 'के पास', 3);
    }
    for (const m of t.matchAll(RE_IN_HI)) {
      const words = hiPlaceWords(m[1] ?? '');
      if (!words || !LOCALITY_SUFFIX.test(words.split(' ').pop() ?? '')) continue;
      add(m.index, m.index + m[0].length, words, m[2] ?? 'में', 2);
    }
    for (const m of t.matchAll(RE_BEFORE_NAME_HI)) {
      const words = (m[2] ?? '').split(' ');
      const kept: string[] = [];
      for (const w of words) {
        if (HI_PLACE_STOP.has(w) || /^(?:में|मे|पर|से|के|की|का|को|थाना|जिला|तहसील|निवासी)$/u.test(w)) break;
        kept.push(w);
      }
      if (!kept.length) continue;
      const place = `${m[1]} ${kept.join(' ')}`;
      add(m.index, m.index + place.length, place, 'में', 3);
    }
    for (const m of t.matchAll(RE_MY_PLACE_HI)) {
      const noun = m[2] ?? 'घर';
      add(m.index, m.index + m[0].length, `प्रार्थी ${noun === 'कमरे' ? 'के कमरे' : noun === 'दुकान' ? 'की दुकान' : `के ${noun}`}`, m[3] ?? 'में', 2);
    }
  }
  if (cands.length === 0) return { place: null, address: null, prep: null };
  cands.sort((a, b) => b.score - a.score || a.pos - b.pos);
  let best = cands[0] as Candidate;
  // "the mandir", "the office": the same spot named elsewhere in the complaint ("Shri Sankat Mochan
  // Hanuman Mandir, Trimurti Nagar", "his office 'M.K. Career Point' at Bhoothnath Road")
  const bare = /^(?:[a-z]+ )?([A-Za-z]+)$/.exec(best.place);
  if (bare?.[1] && RE_ONE_SPOT_EN.test(bare[1])) {
    const spot = bare[1].toLowerCase();
    const named = cands.find((c) => c !== best && c.place.toLowerCase().endsWith(` ${spot}`) && /^[A-Z0-9]/.test(c.place));
    if (named) best = { ...named, prep: best.prep };
  }
  // a bare noun ("मोहल्ले", "घर", "market") gives way to a named place told with the offence
  if (/^[\p{L}\p{M}]+$/u.test(best.place) && !/^[A-Z]/.test(best.place)) {
    const named = cands.find((c) => c !== best && c.score >= best.score - 1 && c.place.includes(' ') && !RE_HOSPITAL.test(c.place));
    if (named) best = named;
  }

  // a fuller address right after the place: ", New Delhi - 110024", ", Sector 15, Noida"
  let address: string | null = null;
  const segments: string[] = [];
  let rest = t.slice(best.end, best.end + 120);
  for (;;) {
    const m = RE_ADDRESS_SEGMENT.exec(rest);
    if (!m?.[1]) break;
    const seg = m[1].trim();
    const first = seg.split(' ')[0] ?? '';
    if (PLACE_STOP.has(first) || NOT_PLACE.has(first) || HI_PLACE_STOP.has(first)) break;
    segments.push(seg);
    rest = rest.slice(m[0].length);
  }
  if (segments.length) address = cleanPhrase(`${best.place}, ${segments.join(', ')}`);
  else if (!/complainant's|प्रार्थी/.test(best.place)) {
    // the other places named with the offence (the road, the locality), in the complaint's order
    // (at the complainant's own premises the surroundings are their address, see place-context.ts)
    const others = cands
      .filter((c) => c !== best && c.score >= 3 && !RE_HOSPITAL.test(c.place) && !best.place.includes(c.place) && !c.place.includes(best.place))
      .sort((a, b) => a.pos - b.pos);
    const parts = [best.place];
    for (const c of others) if (parts.length < 3 && !parts.some((p) => p.includes(c.place) || c.place.includes(p))) parts.push(c.place);
    if (parts.length > 1) address = parts.join(', ');
  }
  return { place: best.place.length > 80 ? best.place.slice(0, 80) : best.place, address, prep: best.prep };
}
