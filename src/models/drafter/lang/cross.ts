/**
 * Words that hold across the packs' scripts and English, for the offence rules (offences.ts): a
 * count of persons, a sum demanded "otherwise …", an unknown hand, a vehicle gone, a child taken
 * away, valuables, harassment, a sudden quarrel, fuel poured on a person, a blade, land and
 * buildings, a driver who fled. Pure data: one alternation per concept, every script in it.
 */
import { hiRe } from '../text.ts';
import { PACK_CURRENCY, PACK_LAKH, PACK_THOUSAND } from './index.ts';

const INDIC_COUNTS: Record<string, number> = {
  बारा: 12, पंधरा: 15, बारह: 12, पंद्रह: 15, বারো: 12, ਬਾਰਾਂ: 12, બાર: 12, பன்னிரண்டு: 12, పన్నెండు: 12, ಹನ್ನೆರಡು: 12,
  അഞ്ചോളം: 5, ആറോളം: 6, ഏഴോളം: 7, എട്ടോളം: 8, പന്ത്രണ്ടോളം: 12, പതിനഞ്ചോളം: 15, പന്ത്രണ്ട്: 12, പതിനഞ്ച്: 15,
  ಏಳೆಂಟು: 8, ಎಂಟತ್ತು: 10, ഇരുപതോളം: 20, ഇരുപത്: 20, പത്തോളം: 10, ఇరవై: 20, ಇಪ್ಪತ್ತು: 20, இருபது: 20, বিশ: 20, वीस: 20, ਵੀਹ: 20, વીસ: 20,
  পাঁচ: 5, ছয়: 6, সাত: 7, আট: 8, নয়: 9, দশ: 10, पाच: 5, सहा: 6, दहा: 10, ਪੰਜ: 5, ਛੇ: 6, ਸੱਤ: 7, ਅੱਠ: 8, ਦਸ: 10, પાંચ: 5, છ: 6, સાત: 7, આઠ: 8, દસ: 10, ஐந்து: 5, ஆறு: 6, ஏழு: 7, எட்டு: 8, பத்து: 10, ఐదు: 5, ఆరు: 6, ఏడు: 7, ఎనిమిది: 8, పది: 10, ಐದು: 5, ಆರು: 6, ಏಳು: 7, ಎಂಟು: 8, ಹತ್ತು: 10, ಐದಾರು: 6, ಆರೇಳು: 7, അഞ്ച്: 5, ആറ്: 6, ഏഴ്: 7, എട്ട്: 8, പത്ത്: 10, ఐదుగురు: 5, ఆరుగురు: 6, ఏడుగురు: 7, ఎనిమిదిమంది: 8, పదిమంది: 10,
};
export const NUMBER_WORDS: Record<string, number> = { five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, पांच: 5, छह: 6, सात: 7, आठ: 8, दस: 10, ...INDIC_COUNTS };
const INDIC_COUNT_ALT = Object.keys(INDIC_COUNTS).sort((a, b) => b.length - a.length).join('|');
const PERSON_WORDS = 'പേര|बंदिआं|ਬੰਦਿਆਂ|ઇસમ|जण|जणांनी|लोक|इसम|জন|লোক|পেয়াদা|பேர்|நபர்கள்|మంది|వ్యక్తులు|ಜನ|ಮಂದಿ|ವ್ಯಕ್ತಿಗಳು|പേർ|ആളുകൾ|അംഗ|જણ|શખ્સ|લોકો|ਜਣੇ|ਵਿਅਕਤੀ|ਬੰਦੇ';
/** "সাত-আটজন", "ఆరుగురు", "ಐದಾರು ಜನ": a count in words and the word for persons */
export const RE_OFFENDER_WORDS = new RegExp(
  `(?<![\\p{L}\\p{M}])(${INDIC_COUNT_ALT})(?:\\s?(?:-|ते|से|থেকে|ਤੋਂ|થી|ರಿಂದ)\\s?(${INDIC_COUNT_ALT}))?(?:(?:\\s[\\p{L}\\p{M}]+)?\\s?(?:${PERSON_WORDS})|(?<=గురు))`,
  'gu',
);

const MONEY = `(?:\\d[\\d,.]*\\s?(?:${[PACK_LAKH, PACK_THOUSAND, PACK_CURRENCY].filter(Boolean).join('|')}|lakh|lac|crore|thousand|hazaar|hazar|लाख|हजार|हज़ार|रुपये|रुपए|rs|₹)|(?:rs\\.?|₹|inr)\\s?\\d)`;
const OR_ELSE =
  'otherwise|or else|warna|varna|nahi to|nahin to|वरना|नहीं तो|नही तो|अन्यथा|नाहीतर|नाही तर|नाहीतर|ਨਹੀਂ ਤਾਂ|ਨਹੀ ਤਾਂ|નહીં તો|નહિ તો|নইলে|না হলে|না দিলে|இல்லையென்றால்|இல்லாவிட்டால்|தராவிட்டால்|లేకపోతే|ఇవ్వకపోతే|ಇಲ್ಲದಿದ್ದರೆ|ಕೊಡದಿದ್ದರೆ|ഇല്ലെങ്കിൽ|തന്നില്ലെങ്കിൽ';
/** a sum demanded with "otherwise …" in the same sentence, either way round */
export const RE_OR_ELSE_MONEY = new RegExp(`${MONEY}[^.।\\n]{0,90}(?:${OR_ELSE})|(?:${OR_ELSE})[^.।\\n]{0,60}${MONEY}`, 'iu');
/** sexual harassment named as such, in the packs' languages and English */
export const RE_SEXUAL_HARASSMENT =
  /sexual(?:ly)? harass\w*|sexual favou?rs?|यौन उत्पीड़न|यौन उत्पीडन|यौन शोषण|लैंगिक छळ|लैंगिक शोषण|कामाच्या ठिकाणी छळ|যৌন হয়রানি|যৌন হেনস্থা|ਜਿਨਸੀ ਸ਼ੋਸ਼ਣ|ਜਿਨਸੀ ਪਰੇਸ਼ਾਨੀ|જાતીય સતામણી|જાતીય શોષણ|பாலியல் துன்புறுத்தல்|లైంగిక వేధింపు|ಲೈಂಗಿಕ ಕಿರುಕುಳ|ലൈംഗിക പീഡനശ്രമ|ലൈംഗികാതിക്രമ/iu;
/** favours asked in return for a job, a promotion or a permanent post */
export const RE_QUID_PRO_QUO =
  /(?:promotion|permanent|job|increment|salary|प्रमोशन|नौकरी|परमनंट|पगार|नोकरी|कॉन्ट्रॅक्ट|পদোন্নতি|চাকরি|ਤਰੱਕੀ|ਨੌਕਰੀ|પ્રમોશન|નોકરી|பதவி உயர்வு|வேலை|ప్రమోషన్|ఉద్యోగ|ಬಡ್ತಿ|ಕೆಲಸ|പ്രമോഷൻ|ജോലി)[^.।\n]{0,80}(?:with me|go out|spend (?:the )?night|sleep with|मेरे साथ|साथ चल|माझ्याबरोबर|माझ्या सोबत|আমার সঙ্গে|ਮੇਰੇ ਨਾਲ|મારી સાથે|என்னுடன்|నాతో|ನನ್ನ ಜೊತೆ|എന്റെ കൂടെ)|(?:with me|go out|sleep with|मेरे साथ|साथ चल|माझ्याबरोबर|আমার সঙ্গে|ਮੇਰੇ ਨਾਲ|મારી સાથે|என்னுடன்|నాతో|ನನ್ನ ಜೊತೆ|എന്റെ കൂടെ)[^.।\n]{0,80}(?:promotion|permanent|job|प्रमोशन|नौकरी|परमनंट|नोकरी|कॉन्ट्रॅक्ट|চাকরি|ਨੌਕਰੀ|નોકરી|வேலை|ఉద్యోగ|ಕೆಲಸ|ജോലി)/iu;

/** an unknown hand, in the packs' scripts and English */
export const RE_SOMEONE =
  /\b(?:someone|somebody|some (?:unknown )?(?:person|persons|one)|unknown (?:person|persons|thief|thieves)|koi|kisi ne)\b|कोई|किसी ने|अज्ञात|कोणीतरी|कुणीतरी|अनोळखी|কেউ|কে বা কারা|অজ্ঞাত|ਕੋਈ|ਕਿਸੇ ਨੇ|ਨਾਮਲੂਮ|ਅਣਪਛਾਤ|કોઈ|અજાણ્યા|અજાણ્યો|யாரோ|அடையாளம் தெரியாத|ఎవరో|గుర్తుతెలియని|ಯಾರೋ|ಅಪರಿಚಿತ|ആരോ|അജ്ഞാത/iu;
/** "missing", "not there", "not found": a thing gone from where it was left */
export const RE_GONE =
  /^(?:missing|not found|could not find|disappeared|not there|was not there|gayab|wahan nahi|nahi mil)|^(?:नहीं मिल|गायब|जागेवर नव्हत|नव्हत|मिळून आल|ਉੱਥੇ ਨਹੀਂ|ਉਥੇ ਨਹੀਂ|ਨਹੀਂ ਮਿਲ|ਗਾਇਬ|ત્યાં નહ|ત્યાં ન હ|પત્તો|મળી આવ|ગાયબ|উধাও|পাওয়া যা|খুঁজে পা|కనిపించ|ಕಾಣೆ|ಸಿಗಲಿಲ್ಲ|காணவில்லை|കാണാനില്ല|കാണാതായ)/iu;
/** a vehicle, whose "not there" is its theft */
export const RE_VEHICLE =
  /\b(?:motorcycle|motor ?bike|bike|scooter|scooty|activa|car|tractor|truck|cycle|bicycle|auto|gaadi|gadi)\b|मोटरसाइकिल|मोटर साइकिल|बाइक|स्कूटी|गाडी|गाड़ी|ट्रैक्टर|दुचाकी|मोटारसायकल|बाईक|মোটরবাইক|বাইক|স্কুটি|সাইকেল|ਮੋਟਰਸਾਈਕਲ|ਸਕੂਟਰ|ਟਰੈਕਟਰ|એક્ટિવા|બાઇક|મોટરસાયકલ|ગાડી|பைக்|இருசக்கர|ஸ்கூட்டர்|బైక్|ద్విచక్ర|స్కూటర్|ಬೈಕ್|ದ್ವಿಚಕ್ರ|ಸ್ಕೂಟರ್|ബൈക്ക്|സ്കൂട്ടർ|ഇരുചക്ര/iu;
/** the words for a child, a son, a daughter (any script) */
const CHILD = '(?:son|అబ్బాయి|అమ్మాయి|బాలుడు|బాలిక|ಹುಡುಗ|ಹುಡುಗಿ|பையன்|சிறுவன்|சிறுமி|ആൺകുട്ടി|പെൺകുട്ടി|ਮੁੰਡਾ|daughter|child|boy|girl|बेटे|बेटी|बच्चे|बच्ची|लड़के|लड़की|मुलगा|मुलगी|मुलाला|मुलीला|ছেলে|মেয়ে|শিশু|ਲੜਕਾ|ਲੜਕੀ|ਮੁੰਡੇ|ਕੁੜੀ|ਬੱਚ|દીકરા|દીકરી|છોકરા|છોકરી|બાળક|மகன|மகள|குழந்தை|కొడుకు|కూతురు|పిల్ల|ಮಗ|ಮಗಳ|ಮಗು|മകന|മകള|കുട്ടി)';
/** a person who can go missing: a child, a son, a daughter, a wife (any script) */
export const RE_MISSING_PERSON = new RegExp(`${CHILD.slice(0, -1)}|wife|husband|पत्नी|पति|बायको|পত্নী|স্ত্রী|ਪਤਨੀ|પત્ની|மனைவி|భార్య|ಹೆಂಡತಿ|ഭാര്യ)`, 'iu');

/** a child taken away ("ਲੜਕਾ … ਨਾਲ ਲੈ ਗਿਆ", "દીકરાને … ઉઠાવી ગયું", "took my son away") */
export const RE_CHILD_TAKEN = new RegExp(
  CHILD +
    '[^.।\\n]{0,60}(?:took (?:him|her) away|took away|ले गया|ले गए|उठा ले|पळवून|উঠিয়ে নিয়ে|তুলে নিয়ে|ਲੈ ਗਿਆ|ਲੈ ਗਏ|ਚੁੱਕ ਕੇ|ઉઠાવી ગ|ઉપાડી ગ|லை ?தூக்கி|கடத்தி|घेऊन गेली|घेऊन गेला|ఎత్తుకెళ్ళ|తీసుకెళ్ళ|ಎತ್ತಿಕೊಂಡು ಹೋಗ|ಹೊತ್ತೊಯ್ದ|ಕರೆದುಕೊಂಡು ಹೋದ|കൊണ്ടുപോയ|കൂട്ടിക്കൊണ്ടുപോ|அழைத்துச் சென்ற|கூட்டிச் சென்ற|ले गई|নিয়ে গেছে|ਨਾਲ ਲੈ ਗਿਆ)',
  'giu',
);

/** valuables entrusted, in the packs' scripts: money, gold, jewellery, a vehicle, goods */
export const RE_VALUABLES =
  /টাকা|গয়না|গয়না|সোনা|গাড়ি|पैसे|रक्कम|दागिने|सोने|गाडी|ट्रॅक्टर|ਪੈਸੇ|ਰੁਪਏ|ਗਹਿਣੇ|ਸੋਨਾ|ਗੱਡੀ|ਟਰੈਕਟਰ|પૈસા|રૂપિયા|દાગીના|સોનું|ગાડી|ટ્રેક્ટર|பணம்|நகை|தங்க|வண்டி|டிராக்டர்|డబ్బు|సొమ్ము|నగలు|బంగారం|బంగారు|బండి|ట్రాక్టర్|వాహన|ಹಣ|ಚಿನ್ನ|ಒಡವೆ|ಗಾಡಿ|ಟ್ರ್ಯಾಕ್ಟರ್|ವಾಹನ|പണം|സ്വർണ|ആഭരണ|വാഹന|ട്രാക്ടർ/u;
/** harassment and torture, in the packs' scripts */
export const RE_HARASS =
  /harass|tortur|वेधि|వేధి|వేధింపు|హింసి|ಕಿರುಕುಳ|ಹಿಂಸೆ|ಹಿಂಸಿಸ|নির্যাতন|অত্যাচার|ਤੰਗ ਪਰੇਸ਼ਾਨ|ਤਸ਼ੱਦਦ|ਕੁੱਟਮਾਰ|ત્રાસ|હેરાન|சித்திரவதை|கொடுமை|துன்புறுத்|പീഡിപ്പി|ഉപദ്രവി|छळ|प्रताड|tang kar|pareshan/iu;

/** a sudden quarrel, a fight on the spur of the moment, in the packs' languages and English */
export const RE_SUDDEN_FIGHT =
  /\b(?:sudden(?:ly)? (?:quarrel|fight|altercation|scuffle)|heat of (?:the )?(?:moment|passion|argument)|spur of the moment|without premeditation)\b|अचानक (?:झगड़|झगड|विवाद|कहासुनी)|कहासुनी|तू-तू मैं-मैं|হঠাৎ (?:তর্ক|ঝগড়া|হাতাহাতি)|তর্কাতর্কি|ਅਚਾਨਕ (?:ਝਗੜ|ਤਕਰਾਰ)|ਤੂੰ-ਤੂੰ ਮੈਂ-ਮੈਂ|અચાનક (?:ઝઘડ|બોલાચાલી)|બોલાચાલી|अचानक भांडण|बाचाबाची|మాటా మాటా|అప్పటికప్పుడు|ಮಾತಿಗೆ ಮಾತು|ಅಲ್ಲೇ ಜಗಳ|திடீரென (?:தகராறு|சண்டை)|வாக்குவாதம்|പെട്ടെന്നുണ്ടായ (?:വാക്കുതർക്ക|തർക്ക)|വാക്കുതർക്ക/iu;
/** petrol or kerosene poured on a person (an attempt to burn them) */
const FUEL = 'petrol|kerosene|diesel|पेट्रोल|केरोसिन|मिट्टी का तेल|रॉकेल|পেট্রোল|কেরোসিন|ਪੈਟਰੋਲ|ਮਿੱਟੀ ਦਾ ਤੇਲ|પેટ્રોલ|કેરોસીન|பெட்ரோல்|மண்ணெண்ணெய்|పెట్రోల్|కిరోసిన్|ಪೆಟ್ರೋಲ್|ಸೀಮೆಎಣ್ಣೆ|പെട്രോൾ|മണ്ണെണ്ണ';
const ON_PERSON = 'on (?:me|him|her|my \\w+)|over (?:me|him|her)|मुझ पर|उस पर|उन पर|अंगावर|আমার গায়ে|গায়ে|ਮੇਰੇ ਉੱਤੇ|ਉਸ ਉੱਤੇ|મારા પર|તેના પર|என் மீது|அவர் மீது|நபர் மீது|నాపై|అతనిపై|ನನ್ನ ಮೇಲೆ|ಆತನ ಮೇಲೆ|ദേഹത്ത്';
export const RE_PETROL_ON_PERSON = new RegExp(`(?:${FUEL})[^.।\\n]{0,40}(?:${ON_PERSON})|(?:${ON_PERSON})[^.।\\n]{0,20}(?:${FUEL})`, 'iu');

/** a blade, an axe or a gun (an attack with one is an attempt to kill when death was threatened) */
export const RE_SHARP_WEAPON =
  /\b(?:knife|knives|sword|machete|sickle|axe|dagger|chopper|gun|pistol|revolver|katta|chaku|talwar|gandasa|farsa|kulhadi)\b|चाकू|छुरा|छुरी|तलवार|फरसा|गंडासा|कुल्हाड़ी|कुल्हाडी|तमंचा|कट्टा|पिस्तौल|कोयता|कोयत्या|विळा|ছুরি|কাটারি|দা দিয়ে|ভোজালি|রিভলভার|পিস্তল|ਚਾਕੂ|ਕਿਰਪਾਨ|ਤਲਵਾਰ|ਦਾਤਰ|ਗੰਡਾਸ|ਪਿਸਤੌਲ|છરી|છરો|ચપ્પુ|તલવાર|ધારિયું|તમંચો|பிடிவாள்|அரிவாள்|கத்தி|வெட்டுக்கத்தி|துப்பாக்கி|కత్తి|వేటకొడవలి|గొడ్డలి|తుపాకీ|ಚಾಕು|ಮಚ್ಚು|ಲಾಂಗ್|ಕುಡುಗೋಲು|ಪಿಸ್ತೂಲ್|കത്തി|വടിവാൾ|വാൾ|തോക്ക്/iu;

/** land, not a building, in the packs' languages and English (criminal trespass 329(3) rather than house-trespass) */
export const RE_LAND =
  /\b(?:land|field|farm|plot|orchard|agricultural|khet|zameen|jameen|kabza|kabja)|खेत|जमीन|ज़मीन|भूमि|प्लॉट|प्लाट|शेत|जागा|জমি|ক্ষেত|ਖੇਤ|ਜ਼ਮੀਨ|ਜਮੀਨ|ਪਲਾਟ|ખેતર|જમીન|પ્લોટ|વાડી|வயல்|நிலம்|நிலத்|மனை|తోట|పొలం|పొలా|భూమి|స్థలం|ಹೊಲ|ಜಮೀನ|ನಿವೇಶನ|ತೋಟ|പറമ്പ|ഭൂമി|വയൽ|സ്ഥല/iu;
export const RE_BUILDING =
  /\b(?:house|home|room|flat|shop|residence|ghar|makaan|makan|dukaan|dukan)\b|घर|मकान|कमरे|दुकान|বাড়ি|বাড়ি|ঘরে|দোকান|ਘਰ|ਮਕਾਨ|ਦੁਕਾਨ|ઘર|મકાન|દુકાન|வீட்|வீடு|கடை|ఇంట|ఇల్లు|దుకాణ|ಮನೆ|ಅಂಗಡಿ|വീട്|വീട്ടിൽ|കടയ/iu;

/** the driver fled the scene, in the packs' languages and English */
export const RE_FLED = hiRe(
  `\\b(?:fled|ran away|escaped|sped away|drove away|drove off|did not stop|didn't stop|without stopping|absconded|hit and run|hit-and-run|bhaag gaya|bhag gaya|faraar|farar)\\b|` +
    'भाग गया|भाग निकला|भाग गए|फरार|पळून|पसार|পালিয়ে|পালিয়ে|ফেরার|চম্পট|ਭੱਜ ਗਿਆ|ਫ਼ਰਾਰ|ਫਰਾਰ|ભાગી|નાસી|ફરાર|தப்பி|ஓடிவிட்ட|நிற்காமல்|పరారీ|పారిపో|ఆపకుండా|ಪರಾರಿ|ಓಡಿ ಹೋದ|ನಿಲ್ಲಿಸದೆ|കടന്നുകളഞ്ഞ|ഓടിച്ചുപോയ|നിർത്താതെ',
  'iu',
);

// ───────────── people named in a complaint ─────────────

/** titles before a person's name */
export const PERSON_TITLES =
  'শ্রীমতী|শ্রী|श्रीमती|श्री|सौ\\.|ਸ੍ਰੀਮਤੀ|ਸ਼੍ਰੀਮਤੀ|ਸ੍ਰੀ|ਸ਼੍ਰੀ|શ્રીમતી|શ્રી|திருமதி|திரு|செல்வி|శ్రీమతి|శ్రీ|ಶ್ರೀಮತಿ|ಶ್ರೀ|ശ്രീമതി|ശ്രീ';
/** "… called X": the name precedes these ("விக்னேஷ் என்பவன்", "রতন নামে", "ರಾಜು ಎಂಬ") */
export const CALLED = 'என்பவர்|என்பவன்|என்பவள்|என்கிற|নামে|নামের|नामक|नाम का|नाम की|नावाचा|नावाची|नावाचे|નામના|નામનો|નામની|ਨਾਮ ਦਾ|ਨਾਮ ਦੀ|ਨਾਮਕ|అనే|ಎಂಬ|ಎಂಬುವ|എന്ന് പേരുള്ള|എന്നയാൾ';
/** the words for an accused, before a name */
export const ACCUSED =
  'accused|अभियुक्त|आरोपी|आरोपीगण|मुल्जिम|विपक्षी|संशयित|অভিযুক্ত|ਦੋਸ਼ੀ|ਮੁਲਜ਼ਮ|ਮੁਲਜਮ|આરોપી|எதிரி|குற்றவாளி|నిందితుడు|నిందితులు|ಆರೋಪಿ|ಆರೋಪಿಗಳು|പ്രതി|പ്രതികൾ';
/** what a witness did: saw it, came running, told, was present */
export const RE_WITNESSED = new RegExp(
  '(?:saw|seen|witness\\w*|came running|was present|in (?:the )?presence|told|informed|called me|phoned|বলেন|জানান|জানায়|খবর দেন|खबर दी|सूचना दी|बताया|सांगितले|कळवले|ਦੱਸਿਆ|ਸੂਚਨਾ ਦਿੱਤੀ|જણાવ્યું|જાણ કરી|தெரிவித்த|சொன்ன|చెప్పా|తెలిపా|ತಿಳಿಸಿದ|ಹೇಳಿದ|അറിയിച്ചു|പറഞ്ഞു|देखा|देखकर|दौड़कर आ|दौड़ कर आ|गवाह|मौजूद|समक्ष|उपस्थित|पाहिल|धावत आल|साक्षीदार|हजर|' +
    'দেখেছেন|দেখেছে|দেখে|ছুটে আস|সাক্ষী|উপস্থিত|ਦੇਖਿਆ|ਵੇਖਿਆ|ਗਵਾਹ|ਮੌਜੂਦ|ਭੱਜ ਕੇ ਆ|ਹਾਜ਼ਰ|જોયું|જોયો|સાક્ષી|હાજર|દોડી આવ|' +
    'பார்த்த|சாட்சி|ஓடி வந்த|ஓடிச் சென்ற|உடன் இருந்த|చూశా|చూసి|చూశారు|సాక్షి|పరుగున వచ్చ|ನೋಡಿದ|ನೋಡಿ|ಸಾಕ್ಷಿ|ಓಡಿ ಬಂದ|ಜೊತೆಗಿದ್ದ|കണ്ട|സാക്ഷി|ഓടിയെത്തി|കൂടെ ഉണ്ടായിരുന്ന)',
  'iu',
);

/** the money demanded was not paid ("I have not paid anything", "ਮੈਂ ਕੋਈ ਪੈਸਾ ਨਹੀਂ ਦਿੱਤਾ") */
export const RE_NOT_PAID =
  /\b(?:(?:did|have|had) not (?:pay|paid|give|given)|didn't (?:pay|give)|haven't (?:paid|given)|not paid|refused to pay|paise? nahi? diye)\b|(?:पैसे|रुपये|रकम|कोई पैसा) नहीं दि|पैसे दिले नाहीत|पैसे दिलेले नाहीत|ਕੋਈ ਪੈਸਾ ਨਹੀਂ ਦਿੱਤਾ|ਪੈਸੇ ਨਹੀਂ ਦਿੱਤੇ|પૈસા આપ્યા નથી|કોઈ પૈસા આપ્યા નથી|কোনো টাকা দিইনি|টাকা দিইনি|টাকা দেইনি|பணம் (?:எதுவும் )?கொடுக்கவில்லை|பணம் தரவில்லை|డబ్బులు ఇవ్వలేదు|డబ్బు ఇవ్వలేదు|ಹಣ ಕೊಟ್ಟಿಲ್ಲ|ಹಣ ನೀಡಿಲ್ಲ|പണം (?:ഒന്നും )?നൽകിയിട്ടില്ല|പണം കൊടുത്തിട്ടില്ല/iu;
/** some of it was paid ("out of fear I gave him Rs 20,000") */
export const RE_PAID =
  /\b(?:(?:i|we) (?:gave|paid|transferred)|out of fear (?:i|we) (?:gave|paid)|have (?:already )?paid|paid (?:him|them|rs|₹))\b|डर (?:से|के मारे) (?:मैंने )?\S* ?(?:दे दिए|दिए)|मैंने \S+ (?:रुपये|रु\.?) दे दिए|भीतीने|ਡਰਦੇ ਮਾਰੇ|બીકના માર્યા|ડરના માર્યા|ভয়ে (?:আমি )?\S* ?(?:দিয়ে|দিয়েছি)|பயந்து|భయపడి|ಹೆದರಿ|ഭയന്ന്/iu;

/**
 * Where a victim is taken, not where an offence happens: a hospital is the place of occurrence
 * only when the complaint names no other place in the sentence (any script).
 */
export const RE_HOSPITAL = /hospital|হাসপাতাল|মেডিকেল|मेडिकल|अस्पताल|रुग्णालय|दवाखान|ਹਸਪਤਾਲ|હોસ્પિટલ|દવાખાન|ଡାକ୍ତରଖାନା|மருத்துவமனை|ஆஸ்பத்திரி|ఆసుపత్రి|హాస్పిటల్|ಆಸ್ಪತ್ರೆ|ಹಾಸ್ಪಿಟಲ್|ആശുപത്രി|ഹോസ്പിറ്റൽ/iu;
