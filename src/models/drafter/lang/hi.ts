/**
 * Hindi (Devanagari): only the complainant and place words of the pack-driven extractors, used
 * where the hand-built Hindi extractors (people.ts, places.ts) find nothing. Hindi offence cues,
 * months and relative dates live in offences.ts and dates.ts, so those fields stay empty here.
 */
import type { LanguagePack } from './types.ts';

export const PACK: LanguagePack = {
  code: 'hi',
  cues: {},
  negations: [],
  months: {},
  weekdays: {},
  lastWeekday: [],
  relativeDays: {},
  daysAgo: [],
  numbers: {},
  periods: { morning: [], afternoon: [], evening: [], night: [] },
  oclock: [],
  myNameIs: ['मेरा नाम', 'मेरी नाम', 'हमारा नाम'],
  iPronoun: ['मैं', 'में', 'हम'],
  sonOf: ['पुत्र', 'सुपुत्र', 'पिता', 'पिता का नाम', 'पुत्र श्री'],
  daughterOf: ['पुत्री', 'सुपुत्री'],
  wifeOf: ['पत्नी', 'धर्मपत्नी', 'पति', 'पति का नाम'],
  relationOrder: 'marker-name',
  age: ['उम्र', 'आयु', 'उम्र करीब', 'उम्र लगभग', 'वर्ष'],
  residentOf: ['निवासी', 'निवासिनी', 'साकिन', 'पता', 'ग्राम', 'रहने वाला', 'रहने वाली'],
  occupations: ['किसान', 'मजदूर', 'दुकानदार', 'व्यापारी', 'शिक्षक', 'अध्यापक', 'छात्र', 'छात्रा', 'गृहिणी', 'ड्राइवर', 'चालक', 'नौकरी', 'प्राइवेट नौकरी', 'व्यवसाय'],
  signOff: ['प्रार्थी', 'प्रार्थिनी', 'भवदीय', 'भवदीया', 'निवेदक', 'निवेदिका', 'शिकायतकर्ता', 'आपका विश्वासी'],
  placeAfter: ['के पास', 'के सामने', 'के नजदीक', 'के बाहर', 'के अंदर', 'के पीछे', 'के निकट', 'स्थित'],
  placeNouns: ['बाजार', 'चौराहा', 'चौराहे', 'चौक', 'बस स्टैंड', 'बस अड्डा', 'बस अड्डे', 'स्टेशन', 'मंदिर', 'मस्जिद', 'सड़क', 'रोड', 'गली', 'मोहल्ला', 'कॉलोनी', 'नगर', 'पुलिया', 'पुल', 'हाईवे', 'मार्ग', 'पार्क', 'अस्पताल', 'एटीएम', 'मॉल'],
  currency: [],
  thousand: [],
  lakh: [],
  suspectNouns: [],
  witnessWords: [],
};
