/**
 * Names of people as English and Hindi complaints write them: the shape of a name (capitalised
 * words, initials, Devanagari words), the words that end one or are never one, the cleaning of a
 * captured name, and the relation markers (S/o, D/o, W/o, H/o; पुत्र, पुत्री, पत्नी, पति).
 */
import { foldDevanagari } from './text.ts';

export type Relation = 'S/o' | 'D/o' | 'W/o' | 'H/o';

export const EN_WORD = "(?:[A-Z]\\.(?: ?[A-Z]\\.)*|(?:Mohd|Md|Sk|Smt|Shri)\\.|[A-Z][a-zA-Z'-]+)";
export const EN_NAME = `((?:(?:Mr|Mrs|Ms|Miss|Shri|Sri|Smt|Sh|Dr|Kumari|Km|Sushri)\\.? )?${EN_WORD}(?: ${EN_WORD}){0,4})`;
const HONORIFIC = /^(?:Mr|Mrs|Ms|Miss|Shri|Sri|Smt|Sh|Dr|Kumari|Km|Sushri|Late)\.?\s+/;

export const NAME_STOP = new Set(
  ('I One On At In The My Sir Madam S D W R H C Son Daughter Wife Husband Resident Aged Age Mobile Mob Phone And Who From ' +
    'Village Vill House Dated Date Police Station PS Subject To Dear Respected Yours Complainant Address Near Opposite ' +
    'Am Was Is Have Had Working Kindly Please Today Yesterday When While After Before Then This That It We Our He She ' +
    'They His Her Their With Without For Of By As But Also Sector Block Flat Room Street Road Lane Colony Nagar ' +
    'Contact Tel Email Aadhaar PAN Occupation Profession Nationality Passport Registration Reg IMEI SIM No UPI OTP KYC ' +
    'ATM CCTV FIR SHO Inspector Constable Officer Rs INR Hon Honourable Thanking Thanks Regards Sincerely Faithfully Truly').split(' '),
);
export const NOT_NAME = new Set(
  ('January February March April May June July August September October November December Monday Tuesday Wednesday ' +
    'Thursday Friday Saturday Sunday Paytm PhonePe Google Pay GPay BHIM WhatsApp Telegram Facebook Instagram YouTube ' +
    'Amazon Flipkart SBI HDFC ICICI Axis Bank Kotak Canara Baroda Punjab National State India Indian Hindu Muslim ' +
    'Sikh Christian Unknown Someone Somebody Nobody Police Station Samsung Redmi Vivo Oppo Realme OnePlus Nokia Motorola ' +
    'Honda Hero Bajaj TVS Suzuki Royal Enfield Activa Splendor Pulsar Apache Maruti Hyundai Tata Mahindra Toyota ' +
    'Delhi Mumbai Pune Kolkata Chennai Bengaluru Bangalore Hyderabad Lucknow Jaipur Patna Bhopal Nagpur Dubai Canada ' +
    'God Lord Government Court Hospital Market Metro Railway Bus Temple School College University Company').split(' '),
);

/** Cleans a captured English name: drops honorifics and everything from the first non-name word. */
export function cleanEnName(raw: string | undefined): string | null {
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

export const HI_WORD = '[\\u0900-\\u0963\\u0971-\\u097F]+';
export const HI_NAME_STOP = new Set(
  foldDevanagari('का की के ने को से में है हैं था थी थे और व तथा एक अपने अपनी अपना मेरे मेरी मेरा मैं यह वह आज कल दिनांक लगभग करीब ' +
    'अज्ञात व्यक्ति किसी कोई जो कि पर तो भी ही हूं हूँ पुत्र पुत्री पत्नी निवासी उम्र आयु ग्राम गांव थाना जिला मोहल्ला ' +
    'शिकायत प्रार्थी प्रार्थिनी श्रीमान महोदय निवेदन विषय सेवा मुझे मुझसे हम हमारे उनके उसके साथ द्वारा बताया रहा रही ' +
    'मोबाइल फोन घर पडोसी आरोपी पति सास ससुर देवर जेठ ननद भाई बहन पिता माता दोस्त मित्र नाम बजे रात सुबह शाम दोपहर').split(' '),
);

export function cleanHiName(raw: string | undefined): string | null {
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

export const HI_NAME = `((?:${HI_WORD} ){0,3}?${HI_WORD})`;
export const HI_REL_WORDS = 'पुत्र|पुत्री|पत्नी|सुपुत्र|सुपुत्री|धर्मपत्नी|पति';

/** The relation a marker word stands for ("S/o", "son of", "पुत्र" …). */
export function relationOf(word: string): Relation {
  const w = word.toLowerCase();
  if (w.startsWith('s') || w === 'पुत्र' || w === 'सुपुत्र') return 'S/o';
  if (w.startsWith('d') || w === 'पुत्री' || w === 'सुपुत्री') return 'D/o';
  if (w.startsWith('w') || w === 'पत्नी' || w === 'धर्मपत्नी') return 'W/o';
  return 'H/o';
}
