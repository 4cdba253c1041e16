/**
 * What offence a complaint describes, by deterministic rules over cue words (English, Hindi,
 * romanised Hindi) and the facts already extracted, and the BNS sections that follow from it,
 * principal offence first. Shared by the summary (offence word), the retrieval query (cue terms)
 * and the section check (the rules themselves).
 */
import { BNS_SECTIONS } from '../../legal/knowledge-base.ts';
import {
  NUMBER_WORDS,
  RE_BUILDING,
  RE_CHILD_TAKEN,
  RE_FLED,
  RE_GONE,
  RE_HARASS,
  RE_LAND,
  RE_MISSING_PERSON,
  RE_OFFENDER_WORDS,
  RE_NOT_PAID,
  RE_OR_ELSE_MONEY,
  RE_PAID,
  RE_PETROL_ON_PERSON,
  RE_QUID_PRO_QUO,
  RE_SEXUAL_HARASSMENT,
  RE_SHARP_WEAPON,
  RE_SOMEONE,
  RE_SUDDEN_FIGHT,
  RE_VALUABLES,
  RE_VEHICLE,
} from './lang/cross.ts';
import { packCues } from './lang/index.ts';
import type { Cue } from './lang/types.ts';
import { type Sentence, WB, foldDevanagari, hiRe, sentenceIndexAt } from './text.ts';

export type OffenceKey =
  | 'murder' | 'attemptMurder' | 'dowryDeath' | 'rape' | 'dacoity' | 'robbery' | 'robberyHurt' | 'ransom' | 'kidnapping'
  | 'housebreaking' | 'extortion' | 'cruelty' | 'fireHouse' | 'fire' | 'grievousWeapon' | 'grievous' | 'weaponHurt'
  | 'dwellingTheft' | 'snatching' | 'cheating' | 'molestation' | 'cbt' | 'impersonation' | 'forgery' | 'theft'
  | 'rashDriving' | 'trafficHurt' | 'trafficGrievous' | 'negligentDeath' | 'stalking' | 'sexualHarassment' | 'suddenFightHomicide' | 'hitAndRun' | 'servantTheft' | 'modestyInsult' | 'trespass' | 'hurt'
  | 'deathThreat' | 'threat' | 'mischief' | 'insult' | 'confinement' | 'restraint' | 'conspiracy' | 'commonIntention'
  | 'culpableHomicide' | 'landTrespass' | 'cbtServant' | 'forgeryValuable' | 'defamation' | 'anonThreat' | 'rioting' | 'armedRioting';



const CUES: Record<Cue, RegExp> = {
  theft: hiRe(
    `\\b(?:stole|stolen|steal(?:s|ing)?|theft|thie(?:f|ves)|flicked|pinched|pilfer\\w*|pick-?pocket(?:ed|ing|ers?)?|burglar(?:y|s|ies)?|shoplift\\w*|chori|chura\\w*|chor)\\b` +
      `|${WB}(?:चोरी|चुरा\\p{L}*|चोर|चोरों|जेब कट\\p{L}*|जेबकतरे|चोरीस|चोरून|चोरट\\p{L}*)`,
    'giu',
  ),
  taking: hiRe(
    `\\b(?:missing|took away|taken away|took|grabbed|decamped|ran away with|fled with|made off with|not found|could not find|disappeared|gayab)\\b|${WB}(?:गायब|ले गए|ले गया|ले गई|ले भागे|ले भागा|नहीं मिला|नहीं मिली|नहीं मिले)`,
    'giu',
  ),
  snatch: hiRe(
    `\\b(?:snatch\\w*|grabbed (?:it )?and (?:ran|fled|sped)|jhapat\\w*|chheen\\w*|cheen (?:liya|li|kar))\\b|${WB}(?:छीन\\p{L}*|छीना|झपट\\p{L}*|झपटमारी|हिसकाव\\p{L}*)`,
    'giu',
  ),
  robbery: hiRe(
    `\\b(?:robb(?:ed|ery|eries|er|ers)|rob|loot(?:ed|ing)?|mugg(?:ed|ing)|waylaid|knife-? ?point|gun-? ?point|at the point of (?:a )?(?:knife|gun|pistol)|loot liya|lut liya|lut gaya)\\b` +
      `|${WB}(?:लूट\\p{L}*|लुटेरे|लुटेरों|लूटपाट|जबरी चोरी)`,
    'giu',
  ),
  dacoity: hiRe(`\\b(?:dacoit(?:y|s|ies)?|dakaiti)\\b|${WB}(?:डकैती|डाकू|डकैत\\p{L}*|दरोडा)`, 'giu'),
  force: hiRe(
    `\\b(?:tied (?:up )?(?:me|him|her|us|them|the \\w+|my \\w+)(?: up)?|gagged|held (?:us|them|me|the \\w+) hostage|at (?:gun|knife)-? ?point|(?:show(?:ed|ing|n)?|brandish\\w*|point(?:ed|ing)|took out|pulled out|waving) (?:a |his |their |an )?(?:knife|gun|pistol|revolver|country-made pistol|katta|weapon|dagger|blade|sword)|threatened (?:me |us )?(?:with|at)|put (?:a|the|his|their) (?:knife|gun|pistol|revolver|katta|country-made pistol) (?:to|on|at|against)|at (?:gun|knife)-?point|held (?:a |the )?(?:knife|gun|pistol) to|tied (?:my|our|his|her) (?:hands|legs)|overpowered|pinned me|forcibly took|by force)\\b` +
      `|${WB}(?:चाकू|छुरा|छुरी|तमंचा|कट्टा|पिस्तौल|रिवॉल्वर|हथियार|बंदूक)(?: \\p{L}+)? (?:दिखा\\p{L}*|तान\\p{L}*|अडा\\p{L}*|सटा\\p{L}*|की नोक)|${WB}(?:चाकू|तमंचे|पिस्तौल|बंदूक) की नोक|धाक दाखव`,
    'giu',
  ),
  weapon: hiRe(
    `\\b(?:knife|knives|stabbed|stab|blade|sword|axe|iron rod|rod|lathi|lathis|stick|sticks|danda|dandas|sharp weapon|sharp-edged|weapon|brick|bricks|stones?|acid|gun|pistol|revolver|katta|bottle|hockey stick|baseball bat|cricket bat|belt|sickle|hammer)\\b` +
      `|${WB}(?:चाकू|छुरा|छुरी|लाठी|लाठियों|डंडा|डंडे|डंडों|रॉड|सरिया|ईंट|पत्थर|कुल्हाडी|तलवार|फरसा|हथियार|धारदार|तेजाब|एसिड|तमंचा|कट्टा|पिस्तौल|बंदूक|गोली|बेल्ट|हॉकी|दांडक\\p{L}*)`,
    'giu',
  ),
  hurt: hiRe(
    `\\b(?:beat(?:en|ing|s)?|hit (?:me|him|her|us|my|them)|hitting|slapp(?:ed|ing)|slaps?|punch(?:ed|es|ing)?|kick(?:ed|ing|s)?|assault(?:ed|ing)?|attack(?:ed|ing)?|injur(?:ed|y|ies|ing)|hurt|thrash(?:ed|ing)?|manhandl(?:ed|ing)|push(?:ed)? (?:me|him|her)|stabbed|bleeding|wounds?|wounded|maar-? ?peet|maarpeet|marpit|peeta|peet(?:a|i)|maara)\\b` +
      `|${WB}(?:मारपीट|मार-पीट|मारा-पीटा|मारा|मारी|मारे|पीटा|पीटी|पीट\\p{L}*|थप्पड\\p{L}*|लात|लातों|घूंस\\p{L}*|मुक्के|चोट|चोटें|घायल|जख्मी|हमला|मारहाण|जखमी)`,
    'giu',
  ),
  grievous: hiRe(
    `\\b(?:fractur(?:e|ed|es)|broken (?:bone|arm|leg|hand|teeth|tooth|nose|jaw|ribs?)|broke (?:my|his|her) (?:arm|leg|hand|nose|teeth|tooth|jaw|ribs?)|grievous(?:ly)?|lost (?:my|his|her) (?:eye|sight|hearing|tooth|teeth)|serious(?:ly)? injur\\w*|dislocat\\w*)\\b` +
      `|${WB}(?:हड्डी टूट\\p{L}*|फ्रैक्चर|गंभीर (?:चोट|रूप से घायल|घायल)|दांत तोड\\p{L}*|हाथ तोड\\p{L}*|पैर तोड\\p{L}*|गंभीर जखमी)`,
    'giu',
  ),
  death: hiRe(`\\b(?:died|death|dead|deceased|passed away|succumbed|dead body|declared (?:him|her|them) dead|brought dead)\\b|${WB}(?:मौत|मृत्यु|मर गई|मर गया|मृत|शव|लाश)`, 'giu'),
  murder: hiRe(`\\b(?:murder(?:ed)?|killed (?:my|him|her|them)|hacked to death|beaten to death|stabbed to death)\\b|${WB}(?:हत्या|मार डाला|कत्ल|खून कर दिया)`, 'giu'),
  attemptMurder: hiRe(`\\b(?:tried to (?:set|burn) (?:him|her|me|us|them|my \\w+)(?: on fire| alive| ablaze)?|set (?:him|her|me|my \\w+) (?:on fire|ablaze)|poured (?:petrol|kerosene|diesel|acid) (?:on|over) (?:him|her|me|my \\w+)|tried to kill|attempted to (?:kill|murder)|attempt to (?:murder|kill)|intention to kill|tried to strangle|fired (?:at|upon)|shot at)\\b|(?:जान से मारने की (?:कोशिश|नीयत)|हत्या का प्रयास|हत्या की कोशिश|गला दबा\\p{L}*|गोली चला\\p{L}*)`, 'giu'),
  cheat: hiRe(
    `\\b(?:cheat(?:ed|ing|er|s)?|promis\\w* to (?:get|arrange|provide|give) (?:me |my \\w+ )?(?:a |an )?(?:job|admission|visa|seat|loan|allotment|flat|plot)|on the pretext of|switched off (?:his|her|their) (?:phone|mobile)s?|fraud(?:ster|sters|ulent(?:ly)?|ulently)?|frauds|dup(?:ed|e)|scam(?:med|mer|mers|s)?|swindl\\w*|con(?:ned)? me|otp|upi|kyc|phishing|fake (?:call|link|website|app|job|loan|offer|profile|customer care)|debited|deducted from my account|lured|induced|false(?:ly)? promis\\w*|thag(?:i|a|e)?|dhokha(?:dhadi)?|` +
      `part-?time job|work from home|prepaid tasks?|tasks? to earn|(?:asked|asking) (?:me )?(?:to deposit|to pay|to transfer|for more money)|` +
      `investment (?:scheme|app|plan|platform)|trading (?:app|platform)|lottery|won a prize|processing (?:fee|charges)|registration (?:fee|charges)|` +
      `advance (?:fee|payment)|promised (?:me )?(?:a |an )?(?:job|returns|loan|visa|refund)|promis(?:ed|ing) to (?:pay|repay|return|refund|give back)|cheques? (?:was |were |got )?(?:bounced|dishonou?red)|fake offer letter|in the name of (?:a )?(?:job|loan|kyc|refund|visa))\\b` +
      `|${WB}(?:ठग\\p{L}*|धोखा\\p{L}*|धोखे|फ्रॉड|फर्जीवाडा|ओटीपी|झांसा|झांसे|नौकरी (?:के नाम पर|लगवाने)|लोन के नाम पर|पैसे ऐंठ\\p{L}*|लॉटरी|टास्क|खाते से (?:पैसे|रुपये|रकम) (?:कट|निकाल)\\p{L}*|फसवणूक|फसवून)`,
    'giu',
  ),
  impersonate: hiRe(
    `\\b(?:pretend(?:ed|ing)? to be|posing as|posed as|claimed to be|claiming to be|introduced himself as|introduced herself as|said (?:he|she) was (?:from|an?)|impersonat\\w*|calling from (?:the )?\\w+ (?:bank|customer care)|from \\w+(?: \\w+)? (?:bank )?customer care)\\b` +
      `|(?:अधिकारी बताकर|खुद को [^।]{1,40} बता(?:कर|या)|बनकर|अधिकारी असल्याचे सांगून|कर्मचारी बताकर)`,
    'giu',
  ),
  forgery: hiRe(`\\b(?:forg(?:ed|ery|ing)|fake (?:documents?|papers|registry|certificates?|marksheets?|aadhaa?r|stamp|signature)|forged signature|fabricated documents?)\\b|(?:जालसाजी|फर्जी (?:दस्तावेज|कागजात|रजिस्ट्री|हस्ताक्षर|प्रमाण)|कूटरचित|जाली (?:दस्तावेज|हस्ताक्षर))`, 'giu'),
  cbt: hiRe(
    `\\b(?:entrust(?:ed)?|breach of trust|(?:has|had) sold (?:it|them|my \\w+)|sold (?:it|them) (?:off|away)|misappropriat\\w*|embezzl\\w*|for safe ?keeping|did not return|not returning|refus(?:ed|es|ing) to return|has not returned|never returned|kept (?:my|the) (?:money|jewellery|deposit)|did not deposit|not deposited|false entries|siphoned|amanat)\\b` +
      `|(?:अमानत|खयानत|गबन|विश्वासघात|वापस नहीं (?:कर|कि|दि|लौटा)\\p{L}*|लौटाने से (?:इनकार|मना)|पैसे (?:भी )?वापस नहीं|न ही (?:पैसे|रुपये|रकम) (?:वापस|लौटा)|हडप\\p{L}*)`,
    'giu',
  ),
  trespass: hiRe(
    `\\b(?:(?:entered|barged into|forced (?:his|her|their) way into|came into|forcibly entered|trespass(?:ed|ing)? (?:into|in)|sneaked into|broke into|intruded into|entered into) (?:my|our|the|her|his) (?:house|home|residence|room|flat|premises|shop|courtyard|compound)|house[- ]trespass|trespass\\w*|ghar (?:mein|me) ghus\\w*|(?:entered|encroached (?:on|upon)?|forcibly occupied|illegally occupied|entered into|came into|barged into) (?:my|our|the|his|her) (?:agricultural )?(?:land|field|farm|plot|orchard|garden|property))\\b` +
      `|(?:(?:घर|मकान|कमरे|दुकान|आंगन) में (?:जबरदस्ती |जबरन |बिना अनुमति )?घुस\\p{L}*|घर में घुस|जबरन घुस\\p{L}*|जबरदस्ती घुस\\p{L}*|घुस आए|घुस आया|घुसकर|गृह अतिचार|घरात घुस\\p{L}*)`,
    'giu',
  ),
  breakin: hiRe(
    `\\b(?:broke into|broken into|break-?in|house-?breaking|burglary|burgled|lock (?:was |had been )?broken|broke (?:open )?(?:the |a )?(?:[a-z]+ )?lock|broken (?:the )?(?:[a-z]+ )?lock|lock of [^.]{0,40}(?:was |had been )?broken|forced open|broke open|broken open|latch (?:was )?broken|broke the (?:door|window|latch)|ransacked)\\b` +
      `|(?:ताला टूट\\p{L}*|ताला तोड\\p{L}*|तोडकर|सेंध\\p{L}*|नकबजनी|कुंडी तोड\\p{L}*|दरवाजा तोड\\p{L}*|घरफोडी|कुलूप तोड\\p{L}*)`,
    'giu',
  ),
  night: hiRe(`\\b(?:night|midnight|after sunset|before sunrise|late evening|early morning hours)\\b|${WB}(?:रात|रात्रि|आधी रात|रात्री)`, 'giu'),
  dwelling: hiRe(
    `\\b(?:from|in|inside|of) (?:my|our|the|his|her) (?:house|home|residence|room|flat|bedroom|almirah|cupboard|locker|almira|shop|godown|temple|office|parked car|car|vehicle|bus|train|truck|auto)\\b|\\b(?:from|on) the (?:back|rear|front|passenger) seat\\b|(?:car|gaadi|gadi) (?:me|mein|ke andar) (?:rakha|rakhi|rakhe)|(?:pichli|peechli|aagli) seat|\\b(?:almirah|almira|cupboard|locker)\\b` +
      `|(?:घर से|घर में|घर के अंदर|मकान से|मकान में|कमरे से|कमरे में|अलमारी|दुकान से|दुकान में|मंदिर से|मंदिर में|कपाट)`,
    'giu',
  ),
  threat: hiRe(`\\b(?:threat(?:en(?:ed|ing|s)?|s)?|intimidat\\w*|dire consequences|dhamki|dhamkaya)\\b|${WB}(?:धमकी|धमका\\p{L}*|डराया|डरा-धमका\\p{L}*|धमकावले)`, 'giu'),
  deathThreat: hiRe(
    `\\b(?:threat(?:en(?:ed|ing)?)? to kill|(?:will|would|shall|going to) kill|kill (?:me|you|him|her|us|my|them)|threat to (?:my |our )?life|life threat|jaan se maar\\w*|threatened to (?:burn|shoot|stab|murder|eliminate)|face dire consequences)\\b` +
      `|(?:जान से मार\\p{L}*|मार डालेंगे|मार डालूंगा|जान का खतरा|जान से खत्म|जला देंगे|गोली मार देंगे|खत्म कर देंगे|जीवे मारण्याची)`,
    'giu',
  ),
  insult: hiRe(`\\b(?:abus(?:ed|ing|ive)|filthy language|foul language|gaali|gali|galiyan|insult(?:ed|ing)?|humiliat\\w*|swore at|cursed)\\b|(?:गाली\\p{L}*|गालियां|अपमान\\p{L}*|बेइज्जत\\p{L}*|अभद्र|शिवीगाळ|अपशब्द)`, 'giu'),
  dowry: hiRe(`\\b(?:dowry|dahej)\\b|(?:दहेज|हुंडा)`, 'giu'),
  inlaws: hiRe(
    `\\b(?:in-laws?|inlaws|mother-in-law|father-in-law|sister-in-law|brother-in-law|son-in-law|matrimonial home|sasural|my husband|her husband|my sister's husband|(?:was |were |got )?married (?:in \\d{4} )?to)\\b|(?:ससुराल|सास|ससुर|ननद|देवर|जेठ|मेरे पति|पति ने|पति और|पति व|सासरच)`,
    'giu',
  ),
  molest: hiRe(
    `\\b(?:molest(?:ed|ing|ation)?|outrag\\w* (?:her|my) modesty|touched (?:me |her )?(?:inappropriately|indecently|wrongly|badly)|groped|grabbed (?:my|her) (?:hand|dupatta|breast|chest)|pulled (?:my|her) dupatta|touched (?:my|her) (?:chest|breasts?|body|private parts|back|waist|thighs?|hips)|(?:touched|groped|pressed)[^.]{0,40}in a (?:bad|wrong|dirty|vulgar) (?:way|manner)|pressed (?:himself|his body) against|bad touch|eve-? ?teas\\w*|misbehaved with (?:me|her|my)|tried to disrobe|chhedchhad)\\b` +
      `|(?:छेडछाड|छेडखानी|गलत तरीके से छु\\p{L}*|गलत नीयत से|दुपट्टा खींच\\p{L}*|अश्लील हरकत|बदतमीजी|लज्जा भंग|विनयभंग)`,
    'giu',
  ),
  stalk: hiRe(`\\b(?:stalk(?:ed|ing|s)?|follows? me (?:daily|every ?day|regularly|everywhere|repeatedly)|following me (?:daily|every ?day|regularly|everywhere|for)|keeps following)\\b|(?:पीछा कर\\p{L}*|पीछा करता)`, 'giu'),
  modesty: hiRe(`\\b(?:lewd (?:comments?|remarks?|gestures?)|vulgar (?:comments?|remarks?|gestures?|messages?)|obscene (?:gestures?|comments?|remarks?|messages?)|passed comments|whistled at)\\b|(?:अश्लील (?:टिप्पणी|इशारे|कमेंट)|फब्तियां|भद्दे कमेंट)`, 'giu'),
  rape: hiRe(`\\b(?:rape[ds]?|raping|sexually assaulted|forced (?:physical|sexual) relations?|forcibly had sex)\\b|(?:बलात्कार|दुष्कर्म|जबरदस्ती संबंध|जबरन शारीरिक संबंध)`, 'giu'),
  kidnap: hiRe(`\\b(?:kidnap\\w*|abduct\\w*|(?:your|my) (?:son|daughter|child|boy|girl|husband|wife) is with us|we have (?:your|my) (?:son|daughter|child)|enticed (?:away|my)|lured away|took away my (?:son|daughter|child)|forcibly took (?:my )?(?:son|daughter|child))\\b|(?:अपहरण|अगवा|बहला-? ?फुसला\\p{L}*|भगा ले गया|भगाकर ले गया|उठा ले गए)`, 'giu'),
  missingChild: hiRe(
    `\\b(?:my (?:minor )?(?:son|daughter|child|grandson|granddaughter|sister|brother),? (?:aged? )?[^.]{0,40}(?:is|has been|went) missing|(?:son|daughter|child) (?:is|has been) missing|has not returned home|did not return home|minor (?:girl|boy) missing)\\b` +
      `|(?:(?:बेटा|बेटी|पुत्र|पुत्री|बच्चा|बच्ची|लडका|लडकी)[^।]{0,50}(?:लापता|गायब|घर नहीं लौट\\p{L}*|वापस नहीं आ\\p{L}*))`,
    'giu',
  ),
  ransom: hiRe(`\\b(?:ransom|phirauti|for (?:his|her|their|my \\w+'?s?) (?:release|safe return)|arrange (?:rs\\.?|₹|inr)? ?[\\d,.]+ ?(?:lakhs?|crores?|thousand)?)\\b|(?:फिरौती)`, 'giu'),
  mischief: hiRe(
    `\\b(?:damag(?:ed|ing)|vandali[sz](?:ed|ing)|smash(?:ed|ing)|(?:broke|broken|shattered) (?:the |my |our )?(?:windows?|window panes?|glass(?:es)?|windshield|windscreen|car|vehicle|furniture|tv|television|shop|bike|motorcycle|headlights?|mirror|gate|wall|cctv camera)|slashed (?:the )?tyres|punctured (?:the )?tyres|tod-? ?phod)\\b` +
      `|(?:तोडफोड|शीशा तोड\\p{L}*|शीशे तोड\\p{L}*|गाडी तोड\\p{L}*|नुकसान पहुंचा\\p{L}*|क्षतिग्रस्त|सामान तोड\\p{L}*|नष्ट कर\\p{L}*|बर्बाद कर\\p{L}*|(?:फसल|पेड|पौधे) (?:काट|उजाड|नष्ट)\\p{L}*)`,
    'giu',
  ),
  fire: hiRe(`\\b(?:set(?:ting)? (?:fire to|on fire|ablaze|fire)|set my [a-z]+ on fire|torched|burnt down|burned down|completely burnt|gutted|arson|petrol bomb|poured (?:petrol|kerosene|diesel))\\b|(?:आग लगा\\p{L}*|आग के हवाले|जला दिया|फूंक दिया)`, 'giu'),
  extortion: hiRe(`\\b(?:extort\\w*|hafta|protection money|rangdari|blackmail\\w*|sextortion|demand(?:ed|ing|s)? (?:money|rs\\.?|₹|\\d)[^.]{0,60}(?:or else|otherwise|threat\\w*|kill\\w*|defam\\w*|viral|release|leak\\w*|upload\\w*)|pay (?:up|money)[^.]{0,30}or else|pay (?:rs\\.?|₹|inr)? ?[\\d,]+[^.]{0,60}(?:otherwise|or else|else they|else he|else we)|obscene video[^.]{0,80}(?:pay|money|demand)|agar bachna hai|(?:warna|varna|nahi to)[^.]{0,60}(?:lakh|hazaar|paise|rupaye|de do|dena)|(?:lakh|hazaar|paise|rupaye) (?:de do|do|dena hoga|dene honge)[^.]{0,40}(?:warna|varna|nahi to))\\b|(?:रंगदारी|(?:अवैध|जबरन|जबरदस्ती) वसूली|ब्लैकमेल\\p{L}*|हफ्ता|खंडणी)`, 'giu'),
  traffic: hiRe(`\\b(?:rash(?:ly)?|negligen(?:t|tly|ce)|high speed|over-?speed\\w*|accident|collided|collision|rammed|(?:hit|knocked) (?:my|the|our) (?:scooter|bike|motorcycle|car|vehicle|cycle|bicycle|auto)|hit and run|run over)\\b|(?:टक्कर|दुर्घटना|एक्सीडेंट|लापरवाही से|तेज रफ्तार|तेज गति|धडक)`, 'giu'),
  restraint: hiRe(`\\b(?:stopped (?:me|us|my)|blocked (?:my|our|the) (?:way|path|road)|surrounded (?:me|us)|did not let (?:me|us) (?:go|pass))\\b|(?:रास्ता रोक\\p{L}*|रोक लिया|घेर लिया|रोककर)`, 'giu'),
  confine: hiRe(`\\b(?:locked (?:me|us|her|him) (?:up|in|inside)|confined (?:me|us|her|him)|held (?:me|us) captive|kept (?:me|us) locked)\\b|(?:कमरे में बंद|बंद कर दिया|बंधक बना\\p{L}*)`, 'giu'),
  lost: hiRe(`\\b(?:i (?:have )?lost|got lost|was lost|were lost|misplaced|fell (?:down )?(?:from|out of)|dropped (?:it|my))\\b|(?:खो (?:दिया|दी|दिए|गया|गई|गए)|गुम हो|कहीं गिर)`, 'giu'),
  defame: hiRe(
    `\\b(?:defam\\w*|tarnish(?:ed|ing)? (?:my|our|her|his) (?:image|reputation|name)|malign\\w*|character assassination|fake (?:instagram|facebook|social media|twitter|whatsapp)? ?(?:account|profile|id)|morphed (?:photos?|pictures?|images?|videos?)|(?:instagram|facebook|social media) (?:account|profile|id|page) in (?:my|her|the) name|using my (?:profile )?(?:photos?|pictures?)|as if it (?:is|was) me|impersonating me online|(?:spread(?:ing)?|posted|circulated) (?:false|fake|defamatory) (?:news|rumou?rs?|posts?|allegations|messages))\\b` +
      `|(?:मानहानि|बदनाम\\p{L}*|साख|(?:इज़्ज़त|इज्जत|प्रतिष्ठा|सम्मान) (?:को ठेस|खराब|धूमिल)|छवि (?:खराब|धूमिल)|झूठी पोस्ट|फर्जी (?:आईडी|प्रोफाइल|अकाउंट)|अश्लील (?:फोटो|तस्वीर) (?:वायरल|पोस्ट)|बदनामी)`,
    'giu',
  ),
  servant: hiRe(
    `\\b(?:employee|employed|servant|maid|domestic help|accountant|cashier|collection (?:boy|agent)|salesman|sales ?executive|manager of (?:my|our)|worker|working (?:in|at|with|for) (?:my|our) (?:firm|shop|company|office|house|factory)|worked (?:in|at|with|for) (?:my|our) (?:firm|shop|company|office|house|factory)|driver of (?:my|our)|munim)\\b` +
      `|(?:कर्मचारी|नौकर|नौकरानी|मुनीम|कैशियर|एकाउंटेंट|अकाउंटेंट|घरेलू सहायक|काम करता था|काम करती थी|काम करता है|नोकर|कामगार)`,
    'giu',
  ),
  deed: hiRe(
    `\\b(?:sale deed|gift deed|deed|will|registry|title (?:deed|documents?)|power of attorney|promissory note|cheques?|bond|mutation|jamabandi|patta|khata)\\b` +
      `|(?:बैनामा|विक्रय पत्र|रजिस्ट्री|वसीयत|मुख्तारनामा|पावर ऑफ अटॉर्नी|दानपत्र|चेक|खरेदीखत|मृत्युपत्र)`,
    'giu',
  ),
  riot: hiRe(
    `\\b(?:riot(?:s|ing|ers)?|mob|unlawful assembly|came (?:in|as) a (?:group|mob|crowd)|a group of (?:\\d{1,2}|ten|twenty|many)|armed (?:group|mob))\\b` +
      `|(?:बलवा|दंगा|भीड़|भीड|गुट बनाकर|झुंड|एकत्र होकर|जमाव|दंगल|ಗುಂಪಾಗಿ|ದೊಂಬಿ|দাঙ্গা|দলবদ্ধ|கலவரம்|கும்பலாக|అల్లర్లు|గుంపుగా|കലാപം|സംഘം ചേർന്ന്|તોફાન|ટોળું|ટોળા|ਦੰਗਾ|ਝੁੰਡ|जमाव|दंगल|टोळक)`,
    'giu',
  ),
  anonymous: hiRe(
    `\\b(?:anonymous(?:ly)?|unknown (?:numbers?|callers?|persons? (?:called|messaged))|different (?:unknown )?numbers|(?:does|did) not (?:tell|give|disclose) (?:his|her|their) name|unsigned (?:letter|note)|anjaan (?:numbers?|number se)|apna naam nahi bata\\w*)\\b` +
      `|(?:गुमनाम|अज्ञात नंबर|अनजान नंबर|नाम नहीं बता\\p{L}*|बेनामी पत्र|निनावी)`,
    'giu',
  ),
  conspiracy: hiRe(`\\b(?:conspir\\w*|in connivance|hand in glove|criminal conspiracy|saazish|sajish)\\b|(?:साजिश|षड्यंत्र|षडयंत्र|मिलीभगत)`, 'giu'),
};

/**
 * Light Marathi and Tamil cue words (stems; Tamil is agglutinative), so that the commonest
 * complaints in those languages still reach the right offence. Far from complete.
 */
const EXTRA_CUES: Partial<Record<Cue, string>> = {
  theft: 'चोरट|चोरी गेल|திருட',
  taking: 'जागेवर नव्हत|मिळून आल[ीे] नाही|मिळाल[ीे] नाही|காணவில்லை|எடுத்துச் சென்ற',
  snatch: 'हिसकाव|பறித்து|பறிப்பு',
  robbery: 'जबरी चोरी|लुटल|வழிப்பறி|கொள்ளை',
  force: 'धाक दाखव|கத்தியைக் காட்டி|கத்தியை காட்டி|துப்பாக்கியைக் காட்டி|அரிவாளைக் காட்டி',
  weapon: 'दांडक|काठी|चाकू|கத்தி|கம்பால்|கம்பு|அரிவாள்|கட்டையால்',
  hurt: 'मारहाण|दुखापत|जखमी|அடித்து|தாக்கி|தாக்குதல்|காயம்|காயமடை',
  grievous: 'फ्रॅक्चर|हाड मोडल|எலும்பு முறிவு',
  cheat: 'फसवणूक|फसवून|नोकरी लावून देतो|असे सांगून|ஏமாற்ற|மோசடி|வாங்கித் தருவதாக',
  cbt: 'परत केले नाहीत|परत दिले नाहीत|திருப்பித் தரவில்லை',
  threat: 'धमकी|மிரட்டல்|மிரட்டி',
  deathThreat: 'जीवे मारण्याची|ठार मारण्याची|கொலை மிரட்டல்|கொன்று விடுவதாக',
  insult: 'शिवीगाळ|शिवी|தகாத வார்த்தை|திட்டி',
  dowry: 'हुंडा|வரதட்சணை',
  inlaws: 'सासरच|पती व|கணவர்|மாமியார்',
  breakin: 'कुलूप तोड|घरफोडी|பூட்டு உடைக்கப்பட்டு|பூட்டை உடைத்து',
  dwelling: 'घरातील|कपाटातील|வீட்டில்|வீட்டின்|பீரோவில்',
  traffic: 'भरधाव|निष्काळजीपणे|धडक|அதிவேகமாக|கவனக்குறைவாக|மோதியது|விபத்து',
  kidnap: 'अपहरण|கடத்த',
  mischief: 'तोडफोड|சேதப்படுத்த',
  molest: 'विनयभंग|பாலியல் தொல்லை',
};
for (const [cue, extra] of Object.entries(EXTRA_CUES) as Array<[Cue, string]>) {
  CUES[cue] = new RegExp(`${CUES[cue].source}|${foldDevanagari(extra)}`, CUES[cue].flags);
}

const NEGATIONS = hiRe(
  `\\b(?:no (?:one|body) (?:was )?(?:hurt|injured)|no injur(?:y|ies)|not (?:injured|hurt|beaten)|without (?:any )?injur(?:y|ies)|did not (?:beat|hit|hurt|touch|threaten|attack)|didn't (?:beat|hit|hurt|touch|threaten|attack)|no (?:threat|weapon)s?|nobody (?:was )?hurt|(?:nobody|no one|no-one) stole|(?:was|were|is|are) not stolen|did not steal|didn't steal|not a theft|(?:there is |there was |with )?no fracture|not fractured)\\b|(?:कोई चोट नहीं|चोट नहीं आई|चोट नहीं लगी|मारपीट नहीं|धमकी नहीं|चोरी नहीं)`,
  'giu',
);

/** a person beating a person (not a vehicle hitting one) */
const RE_BEATING = hiRe(
  `\\b(?:slapp(?:ed|ing)|punch(?:ed|es|ing)|kick(?:ed|ing)|beat (?:me|him|her|us)|thrash(?:ed|ing)|assault(?:ed|ing)|thappad|mukke|ghoonse|laat maar\\w*|maar ?peet|marpit)\\b|(?:थप्पड|घूंसे|मुक्के|लात|मारपीट|पीटा|पीटने)`,
  'iu',
);
const RE_OFFENDER_COUNT = hiRe(
  `\\b(\\d{1,2}|five|six|seven|eight|nine|ten)(?: ?(?:-|to|or) ?(\\d{1,2}))? (?:armed |masked |unknown |unidentified )?(?:persons|men|people|robbers|dacoits|miscreants|boys|youths|assailants|criminals)\\b` +
    `|${WB}(\\d{1,2}|पांच|छह|सात|आठ|दस)(?:-(\\d{1,2}))? (?:हथियारबंद |नकाबपोश |अज्ञात )?(?:लोग|लोगों|व्यक्ति|व्यक्तियों|बदमाश|बदमाशों|डकैत|युवक|युवकों)` +
    // "7-8 ಜನರು", "৬-৭ জন", "5 பேர்": a number and the word for persons, in any script
    `|(?<![\\d.,/:-])(\\d{1,2})(?: ?(?:-|ते|से|থেকে|ਤੋਂ|થી) ?(\\d{1,2}))?(?: [^\\s\\d.,;:।]+)? ?(?:പേര|जण|लोक|इसम|জন|লোক|பேர்|நபர்கள்|మంది|వ్యక్తులు|ಜನ|ವ್ಯಕ್ತಿಗಳು|പേർ|ആളുകൾ|જણ|લોકો|ਜਣੇ|ਵਿਅਕਤੀ|ਬੰਦੇ)`,
  'giu',
);

export interface OffenceFacts {
  offences: Set<OffenceKey>;
  /** cue families with the positions they were found at */
  cues: Partial<Record<Cue, number[]>>;
  /** the driver of a fatal accident fled (BNS 106(2) rather than 106(1)) */
  hitAndRun?: boolean;
  /** the extortion money was demanded but not paid (308(3)/(4) rather than 308(2)/(5)) */
  extortionUnpaid?: boolean;
}

export interface OffenceContext {
  /** an article other than money was taken (from the property extractor) */
  physicalProperty: boolean;
  /** any property at all in a loss context */
  anyProperty: boolean;
  /** estimate of the number of offenders */
  offenders: number;
  /** the time of occurrence is known to be at night */
  nightTime: boolean;
  /** largest amount mentioned */
  maxAmount: number;
  /** the complaint's language: its pack's cue words apply */
  language?: string;
}

function mask(t: string, negations: RegExp | null): string {
  const masked = t.replace(NEGATIONS, (m) => ' '.repeat(m.length));
  return negations ? masked.replace(negations, (m) => ' '.repeat(m.length)) : masked;
}

export function detectOffences(t: string, sentences: readonly Sentence[], ctx: OffenceContext): OffenceFacts {
  const pack = packCues(ctx.language);
  const text = mask(t, pack?.negations ?? null);
  const cues: Partial<Record<Cue, number[]>> = {};
  for (const [key, re] of Object.entries(CUES) as Array<[Cue, RegExp]>) {
    const pos: number[] = [];
    for (const m of text.matchAll(re)) pos.push(m.index);
    if (pos.length) cues[key] = pos;
  }
  // the complaint's own language pack
  for (const [key, re] of Object.entries(pack?.cues ?? {}) as Array<[Cue, RegExp]>) {
    const pos = cues[key] ?? [];
    for (const m of text.matchAll(re)) if (!pos.includes(m.index)) pos.push(m.index);
    if (pos.length) cues[key] = pos.sort((x, y) => x - y);
  }
  // "প্রাণে মেরে ফেলার হুমকি", "जान से मारने की धमकी", "threatened to beat": the blow or the
  // killing is what was threatened, not what was done
  const threats = [...(cues.threat ?? []), ...(cues.deathThreat ?? [])];
  if (threats.length) {
    const threatened = (p: number) =>
      threats.some((q) => (q > p && q - p < 32 && !/[.।\n!?]/.test(text.slice(p, q))) || (q < p && p - q < 24 && /^threat\w* (?:to|that)\b/i.test(text.slice(q, p))));
    // (a house or a shop threatened with burning or breaking is not yet burnt or broken)
    for (const c of ['hurt', 'murder', 'attemptMurder', 'fire', 'mischief'] as const) {
      const kept = (cues[c] ?? []).filter((p) => !threatened(p));
      if (kept.length) cues[c] = kept;
      else delete cues[c];
    }
  }
  // "someone took it", "the bike was not there": a taking by an unknown hand is a theft; a child
  // taken away is a kidnapping
  if (cues.taking?.length) {
    for (const p of cues.taking) {
      const si = sentenceIndexAt(sentences, p);
      const sent = sentences[si]?.text ?? '';
      const gone = RE_GONE.test(text.slice(p, p + 30));
      if (RE_SOMEONE.test(sent) || (gone && RE_VEHICLE.test(sent) && !cues.traffic?.length)) (cues.theft ??= []).push(p);
    }
  }
  for (const m of text.matchAll(RE_CHILD_TAKEN)) (cues.kidnap ??= []).push(m.index);
  // a defamation complaint quotes the accusation ("posted that I am a thief"): no theft in it
  if (cues.defame?.length) {
    const defamed = new Set(cues.defame.map((p) => sentenceIndexAt(sentences, p)));
    for (const c of ['theft', 'robbery', 'taking', 'cheat', 'cbt'] as const) {
      const kept = (cues[c] ?? []).filter((p) => !defamed.has(sentenceIndexAt(sentences, p)));
      if (kept.length) cues[c] = kept;
      else delete cues[c];
    }
  }
  const has = (c: Cue) => (cues[c]?.length ?? 0) > 0;
  const sentOf = (c: Cue) => new Set((cues[c] ?? []).map((p) => sentenceIndexAt(sentences, p)));
  /** two cue families in the same or adjacent sentences */
  const near = (a: Cue, b: Cue, span = 1) => {
    const sa = sentOf(a);
    for (const s of sentOf(b)) for (let d = -span; d <= span; d++) if (sa.has(s + d)) return true;
    return false;
  };

  /** the text of the sentences a cue family occurs in */
  const sentencesWith = (c: Cue) => [...sentOf(c)].map((i) => sentences[i]?.text ?? '').join(' ');
  const o = new Set<OffenceKey>();
  // a collision followed by a beating is an assault: the hurt is the people's, not the vehicle's
  const beaten = RE_BEATING.test(text);
  const traffic = has('traffic') && !has('robbery') && !has('snatch');
  const cheating = has('cheat') && (ctx.anyProperty || ctx.maxAmount > 0 || has('impersonate') || (cues.cheat?.length ?? 0) >= 2);
  const takingCue = has('theft') || has('snatch') || (has('taking') && ctx.anyProperty);
  const forceWithTaking =
    (has('force') && (takingCue || has('snatch'))) ||
    // "took him to hospital" is a taking word too: a taking is robbery only when property went with it
    ((has('snatch') || has('theft') || has('taking')) &&
      (near('snatch', 'hurt', 0) || near('theft', 'hurt', 0) || (ctx.anyProperty && near('taking', 'hurt', 0)) || near('snatch', 'weapon', 0) || near('snatch', 'deathThreat')));
  // "the house was looted" after a break-in with no one threatened or hurt is house-breaking and theft
  const quietBreakIn = has('breakin') && !has('force') && !has('weapon') && !has('hurt') && !has('threat') && !has('deathThreat');
  const robberyWords = has('robbery') && !quietBreakIn && (!cheating || has('force') || has('weapon') || ctx.physicalProperty);
  // "hand over what you have, or we'll beat you", and it is taken there and then: robbery
  const takenUnderThreat = (has('threat') || has('deathThreat')) && ctx.physicalProperty && !cheating && (near('threat', 'taking', 0) || near('threat', 'theft', 0) || near('deathThreat', 'taking', 0));
  const robbery = robberyWords || ((forceWithTaking || takenUnderThreat) && !traffic);

  // "हत्या की धमकी" is a threat, not a murder, unless a death is reported
  if (has('murder') && (has('death') || !has('deathThreat'))) o.add('murder');
  // a death reported after an assault: murder when a weapon was used on the victim, else
  // culpable homicide not amounting to murder (one blow, a fall); the investigating officer decides
  else if (has('death') && has('hurt') && !has('traffic') && !has('dowry') && near('death', 'hurt', 3)) {
    o.add(near('weapon', 'hurt', 0) ? 'murder' : 'culpableHomicide');
  } else if (has('death') && !has('traffic') && !has('dowry') && RE_SUDDEN_FIGHT.test(text)) o.add('culpableHomicide');
  // killed in a sudden quarrel (no premeditation): culpable homicide is the first charge, murder the other
  if (o.has('murder') && RE_SUDDEN_FIGHT.test(text) && !has('conspiracy')) o.add('suddenFightHomicide');
  if (has('attemptMurder')) o.add('attemptMurder');
  else if (RE_PETROL_ON_PERSON.test(text)) o.add('attemptMurder');
  // "I'll finish you today", and a blade or a gun used on the victim: an attempt to murder
  else if (!o.has('murder') && !o.has('culpableHomicide') && has('deathThreat') && (has('hurt') || has('grievous')) && RE_SHARP_WEAPON.test(`${sentencesWith('hurt')} ${sentencesWith('grievous')}`)) o.add('attemptMurder');
  if (has('rape')) o.add('rape');
  if (has('dowry') && has('death')) o.add('dowryDeath');

  // "6-7 persons", "five armed men": the most offenders any mention counts
  let offenders = ctx.offenders;
  for (const m of [...text.matchAll(RE_OFFENDER_COUNT), ...text.matchAll(RE_OFFENDER_WORDS)]) {
    for (const g of m.slice(1)) if (g) offenders = Math.max(offenders, Number(g) || NUMBER_WORDS[g.toLowerCase()] || NUMBER_WORDS[g] || 0);
  }
  if (has('dacoity') || (robbery && offenders >= 5)) o.add('dacoity');
  else if (robbery) {
    o.add('robbery');
    if (has('hurt') && (near('robbery', 'hurt') || near('snatch', 'hurt') || near('force', 'hurt') || near('theft', 'hurt'))) o.add('robberyHurt');
  }
  const propertyOffence = o.has('dacoity') || o.has('robbery');

  if (!propertyOffence && has('snatch') && !traffic) o.add('snatching');
  // a sum demanded for a kidnapped person's release is ransom in any language
  const ransomDemand = has('kidnap') && (RE_OR_ELSE_MONEY.test(text) || ctx.maxAmount >= 10_000);
  if ((has('ransom') || ransomDemand) && (has('kidnap') || has('missingChild'))) o.add('ransom');
  // "no trace of it" is a missing thing unless the complaint speaks of a person (the bike, not a son)
  else if (has('kidnap') || (has('missingChild') && RE_MISSING_PERSON.test(text))) o.add('kidnapping');

  // "I lost my wallet" / "मोबाइल खो गया": a loss, not a theft, unless a taking is alleged
  const lostOnly = has('lost') && !has('theft') && !has('snatch') && !has('breakin');
  // theft: a taking word, or a loss word with property, and not a cheating case in which only money moved
  let theft = !propertyOffence && !o.has('snatching') && !lostOnly && (has('theft') || (has('taking') && ctx.anyProperty && !cheating && !traffic && !o.has('kidnapping')));
  if (theft && cheating && !ctx.physicalProperty) theft = false;
  if (theft && o.has('kidnapping') && !ctx.physicalProperty) theft = false;

  if (has('breakin') && (theft || has('trespass') || ctx.anyProperty || has('dwelling'))) o.add('housebreaking');
  // stolen by the complainant's own servant or employee: theft by clerk or servant (BNS 306)
  if (theft && !o.has('housebreaking') && has('servant') && (near('servant', 'theft', 3) || near('servant', 'taking', 3))) o.add('servantTheft');
  else if (theft && (o.has('housebreaking') || near('theft', 'dwelling', 0) || (has('trespass') && near('theft', 'trespass')))) o.add('dwellingTheft');
  else if (theft) o.add('theft');
  if (has('trespass') && !o.has('housebreaking')) {
    // entering land, not a building: criminal trespass; a house, room or shop: house-trespass
    const landOnly = RE_LAND.test(text) && !RE_BUILDING.test(sentencesWith('trespass'));
    o.add(landOnly ? 'landTrespass' : 'trespass');
  }

  // "pay two lakh, otherwise we will finish you" in any language: a demand with a threat is extortion
  const demanded = (has('threat') || has('deathThreat')) && !has('extortion') && !cheating && RE_OR_ELSE_MONEY.test(text);
  if ((has('extortion') || demanded) && !propertyOffence) o.add('extortion');
  // a husband's repeated violence against his wife is cruelty even without a dowry demand
  const domestic = has('inlaws') && (has('hurt') || has('threat')) && /\b(?:daily|every ?day|always|regularly|often|repeatedly|habitually|for (?:the last )?(?:\w+ )?(?:years|months)|since (?:the |our |her )?marriage|drinks|drunk)\b|रोज|रोजाना|आए दिन|अक्सर|शादी के बाद से|शराब पीकर|नशे में|दररोज|लग्नानंतर|दारू पिऊन|ದಿನಾಲೂ|ಪ್ರತಿದಿನ|ಕುಡಿದು|প্রতিদিন|রোজ|মদ খেয়ে|নেশা করে|தினமும்|குடித்துவிட்டு|ప్రతిరోజు|రోజూ|తాగి|ദിവസവും|മദ്യപിച്ച്|રોજ|દારૂ પીને|ਰੋਜ਼|ਸ਼ਰਾਬ ਪੀ ਕੇ|\b(?:roz|rozana|daaru|daru|sharab|nashe|shadi ke baad se)\b/iu.test(text);
  const cruelty = domestic || (has('dowry') && (has('hurt') || has('insult') || has('threat') || /harass|torture|tortur|प्रताड|प्रताडित|छळ|cruel|demand|मांग/iu.test(text))) ||
    (has('inlaws') && RE_HARASS.test(text)) ||
    (has('inlaws') && /harass\w*|tortur\w*|cruel\w*|प्रताड[\u0900-\u097F]*|छळ|mental(?:ly)? and physical(?:ly)?|शारीरिक और मानसिक/iu.test(text));
  if (cruelty && !o.has('dowryDeath')) o.add('cruelty');

  if (has('fire')) o.add(/\b(?:house|home|hut|shop|building|godown|shed)\b|घर|मकान|झोपडी|दुकान/iu.test(sentencesWith('fire')) && !/\b(?:motorcycle|bike|scooter|car|vehicle|activa|splendor|tractor|truck|auto)\b|मोटरसाइकिल|बाइक|गाडी|वाहन|कार/iu.test(sentencesWith('fire')) ? 'fireHouse' : 'fire');

  if (traffic && beaten && !has('death')) {
    if (/rash|high speed|over-?speed|tez raftar|तेज रफ्तार|लापरवाही/iu.test(text)) o.add('rashDriving');
  } else if (traffic && (has('hurt') || has('grievous') || has('death'))) {
    if (has('death') && !has('murder')) o.add('negligentDeath');
    else if (has('grievous')) o.add('trafficGrievous');
    else o.add('trafficHurt');
    o.add('rashDriving');
  } else if (traffic && /rash|high speed|over-?speed|तेज रफ्तार|तेज गति|लापरवाही/iu.test(text)) {
    o.add('rashDriving');
  }

  if (has('hurt') && (!traffic || beaten) && !propertyOffence && !o.has('murder') && !o.has('culpableHomicide')) {
    const weaponInHurt = near('weapon', 'hurt', 0);
    if (has('grievous') && weaponInHurt) o.add('grievousWeapon');
    else if (has('grievous')) o.add('grievous');
    else if (weaponInHurt) o.add('weaponHurt');
    else o.add('hurt');
  } else if (has('grievous') && !traffic && !propertyOffence && !o.has('murder') && (has('weapon') || has('hurt'))) {
    o.add('grievous');
  }

  if (has('molest')) o.add('molestation');
  // named as sexual harassment, or favours demanded for a job or a promotion: BNS 75
  if (RE_SEXUAL_HARASSMENT.test(text) || (RE_QUID_PRO_QUO.test(text) && (has('molest') || has('modesty') || has('threat')))) o.add('sexualHarassment');
  if (has('stalk')) o.add('stalking');
  if (has('modesty') && !o.has('molestation')) o.add('modestyInsult');

  // "promised to pay for the treatment" in an accident report is no cheating
  if (cheating && !(traffic && (cues.cheat?.length ?? 0) < 2)) {
    o.add('cheating');
    if (has('impersonate')) o.add('impersonation');
  }
  if (has('forgery')) o.add(has('deed') && near('forgery', 'deed', 2) ? 'forgeryValuable' : 'forgery');
  if (has('defame') && !o.has('extortion')) o.add('defamation');
  if (has('cbt') && (ctx.anyProperty || ctx.maxAmount > 0 || RE_VALUABLES.test(text) || /money|amount|jewell?ery|ornaments|stridhan|\b(?:car|bike|scooter|truck|tractor|vehicle|goods|stock|gold)\b|पैसे|रुपये|रकम|जेवर|गहने|स्त्रीधन/iu.test(text)) && !propertyOffence && !theft) o.add(has('servant') && near('servant', 'cbt', 3) ? 'cbtServant' : 'cbt');

  if (!propertyOffence && !o.has('extortion')) {
    if (has('deathThreat')) o.add('deathThreat');
    else if (has('threat')) o.add('threat');
    if ((has('deathThreat') || has('threat')) && has('anonymous')) o.add('anonThreat');
  }
  // five or more acting together with force: rioting (armed with deadly weapons: 191(3))
  if ((has('riot') || offenders >= 5) && offenders >= 5 && (has('hurt') || has('mischief') || has('weapon')) && !o.has('dacoity') && !o.has('robbery')) {
    o.add(has('weapon') ? 'armedRioting' : 'rioting');
  }
  if (has('mischief') && !o.has('fire') && !o.has('fireHouse')) {
    // a lock or door broken to get in is part of the house-breaking
    const onlyEntry = o.has('housebreaking') && !/window|glass|car|vehicle|furniture|tv|शीशा|गाडी|तोडफोड/iu.test(text);
    if (!onlyEntry && !traffic) o.add('mischief');
  }
  if (has('insult')) o.add('insult');
  if (has('confine') && !o.has('kidnapping')) o.add('confinement');
  if (has('restraint') && !propertyOffence && !o.has('snatching') && !o.has('kidnapping') && (o.has('hurt') || o.has('weaponHurt') || o.has('insult') || o.has('threat') || o.has('deathThreat') || o.has('molestation'))) o.add('restraint');
  if (has('conspiracy') && o.size > 0) o.add('conspiracy');

  const principalish = [...o].some((k) => !['insult', 'threat', 'deathThreat', 'restraint', 'conspiracy', 'commonIntention'].includes(k));
  if (ctx.offenders >= 2 && principalish && !o.has('dacoity') && !o.has('cruelty') && !o.has('dowryDeath') && !o.has('cheating')) o.add('commonIntention');
  // the driver fled after a fatal accident: 106(2) (escaping without reporting it)
  const hitAndRun = o.has('negligentDeath') && RE_FLED.test(text);
  if (hitAndRun) o.add('hitAndRun');
  const extortionUnpaid = o.has('extortion') && RE_NOT_PAID.test(text) && !RE_PAID.test(text);
  return { offences: o, cues, hitAndRun, extortionUnpaid };
}

// ───────────── sections ─────────────

const KB_NUMBERS = new Set(BNS_SECTIONS.map((s) => s.number));

export interface PlannedSection {
  number: string;
  key: OffenceKey;
  rank: number;
}

interface Rule {
  key: OffenceKey;
  rank: number;
  section: (ctx: OffenceContext, facts: OffenceFacts) => string | null;
}

/** Every section a rule can yield (for ranking sections cited in a complaint). */
const RULE_SECTIONS: Partial<Record<OffenceKey, string[]>> = {
  housebreaking: ['331(4)', '331(3)', '331(2)', '331(1)'],
  extortion: ['308(5)', '308(4)', '308(3)', '308(2)'],
  mischief: ['324(4)', '324(2)'],
};

const RULES: Rule[] = [
  { key: 'murder', rank: 100, section: () => '103(1)' },
  { key: 'dowryDeath', rank: 99, section: () => '80' },
  { key: 'suddenFightHomicide', rank: 101, section: () => '105' },
  { key: 'culpableHomicide', rank: 98, section: () => '105' },
  { key: 'rape', rank: 97, section: () => '64' },
  { key: 'dacoity', rank: 96, section: () => '310(2)' },
  { key: 'attemptMurder', rank: 95, section: () => '109' },
  { key: 'robbery', rank: 90, section: () => '309(4)' },
  { key: 'robberyHurt', rank: 89, section: () => '309(6)' },
  { key: 'ransom', rank: 88, section: () => '140(2)' },
  { key: 'kidnapping', rank: 87, section: () => '137(2)' },
  {
    key: 'housebreaking', rank: 85,
    section: (ctx, f) => {
      const night = ctx.nightTime || (f.cues.night?.length ?? 0) > 0;
      // breaking in to steal: a theft word, a taking with property, or property reported gone
      const toCommit = f.offences.has('dwellingTheft') || f.offences.has('theft') || (f.cues.theft?.length ?? 0) > 0 || ((f.cues.taking?.length ?? 0) > 0 && ctx.anyProperty);
      if (toCommit) return night ? '331(4)' : '331(3)';
      return night ? '331(2)' : '331(1)';
    },
  },
  { key: 'fireHouse', rank: 84, section: () => '326(g)' },
  // extortion done (property delivered) is 308(2) / 308(5) in fear of death; demanded and refused,
  // putting in fear in order to extort is 308(3) / 308(4)
  {
    key: 'extortion', rank: 83,
    section: (_c, f) => {
      const death = (f.cues.deathThreat?.length ?? 0) > 0;
      if (f.extortionUnpaid) return death ? '308(4)' : '308(3)';
      return death ? '308(5)' : '308(2)';
    },
  },
  { key: 'cruelty', rank: 82, section: () => '85' },
  { key: 'armedRioting', rank: 81, section: () => '191(3)' },
  { key: 'grievousWeapon', rank: 80, section: () => '118(2)' },
  { key: 'grievous', rank: 79, section: () => '117(2)' },
  { key: 'servantTheft', rank: 78.5, section: () => '306' },
  { key: 'dwellingTheft', rank: 78, section: () => '305' },
  { key: 'snatching', rank: 77, section: () => '304' },
  { key: 'cheating', rank: 76, section: () => '318(4)' },
  // the specific charge when the complaint is of harassment for favours (BNS 75(2), up to three years)
  { key: 'sexualHarassment', rank: 75.5, section: () => '75(2)' },
  { key: 'molestation', rank: 75, section: () => '74' },
  { key: 'weaponHurt', rank: 74, section: () => '118(1)' },
  { key: 'cbtServant', rank: 73, section: () => '316(4)' },
  { key: 'cbt', rank: 72, section: () => '316(2)' },
  { key: 'impersonation', rank: 70, section: () => '319(2)' },
  { key: 'forgeryValuable', rank: 71, section: () => '338' },
  { key: 'forgery', rank: 69, section: () => '336(3)' },
  { key: 'theft', rank: 68, section: () => '303(2)' },
  { key: 'negligentDeath', rank: 67, section: () => '106(1)' },
  // 106(2) (escaping after a fatal accident) was held back when the BNS came into force on
  // 1 July 2024: it follows 106(1) for the officer to decide, never replaces it
  { key: 'hitAndRun', rank: 66.9, section: () => '106(2)' },
  // grievous hurt by rash driving (up to three years) is the graver charge than rash driving (six months)
  { key: 'trafficGrievous', rank: 66.5, section: () => '125(b)' },
  { key: 'rashDriving', rank: 66, section: () => '281' },
  { key: 'trafficHurt', rank: 65, section: () => '125(a)' },
  { key: 'stalking', rank: 64, section: () => '78' },
  { key: 'fire', rank: 63, section: () => '326(f)' },
  { key: 'trespass', rank: 60, section: () => '329(4)' },
  { key: 'landTrespass', rank: 59, section: () => '329(3)' },
  { key: 'defamation', rank: 55, section: () => '356(2)' },
  { key: 'hurt', rank: 58, section: () => '115(2)' },
  { key: 'rioting', rank: 57, section: () => '191(2)' },
  { key: 'anonThreat', rank: 51, section: () => '351(4)' },
  { key: 'deathThreat', rank: 50, section: () => '351(3)' },
  { key: 'threat', rank: 48, section: () => '351(2)' },
  { key: 'mischief', rank: 45, section: (ctx) => (ctx.maxAmount >= 20_000 && ctx.maxAmount < 100_000 ? '324(4)' : '324(2)') },
  { key: 'modestyInsult', rank: 44, section: () => '79' },
  { key: 'insult', rank: 40, section: () => '352' },
  { key: 'confinement', rank: 39, section: () => '127(2)' },
  { key: 'restraint', rank: 38, section: () => '126(2)' },
  { key: 'conspiracy', rank: 6, section: () => '61(2)' },
  { key: 'commonIntention', rank: 5, section: () => '3(5)' },
];

/** How serious the offence a section punishes is, by the rules' order (0 for sections no rule yields). */
const SECTION_RANK = new Map<string, number>();
for (const r of RULES) {
  const yields = RULE_SECTIONS[r.key] ?? [r.section({ physicalProperty: false, anyProperty: false, offenders: 1, nightTime: false, maxAmount: 0 }, { offences: new Set(), cues: {} })];
  for (const n of yields) if (n && !SECTION_RANK.has(n)) SECTION_RANK.set(n, r.rank);
}
export function sectionRank(number: string): number {
  return SECTION_RANK.get(number) ?? 0;
}

/** The sections the rules select, principal offence first; only numbers present in the knowledge base. */
export function planSections(facts: OffenceFacts, ctx: OffenceContext): PlannedSection[] {
  const out: PlannedSection[] = [];
  for (const r of RULES) {
    if (!facts.offences.has(r.key)) continue;
    const n = r.section(ctx, facts);
    if (n && KB_NUMBERS.has(n) && !out.some((p) => p.number === n)) out.push({ number: n, key: r.key, rank: r.rank });
  }
  // cruelty cases: the hurt is part of the cruelty charge but is still cited (115(2) after 85)
  return out.sort((a, b) => b.rank - a.rank);
}

/** Words added to the retrieval query for each detected offence, so the index sees the legal concept. */
export const CUE_TERMS: Partial<Record<OffenceKey, string>> = {
  murder: 'murder हत्या', attemptMurder: 'attempt murder', dowryDeath: 'dowry death', rape: 'rape',
  dacoity: 'dacoity डकैती', robbery: 'robbery looted लूट', robberyHurt: 'robbery hurt', ransom: 'kidnapping ransom',
  kidnapping: 'kidnapping अपहरण', housebreaking: 'house breaking burglary lock broken', extortion: 'extortion',
  cruelty: 'cruelty dowry husband', fireHouse: 'fire house', fire: 'fire mischief', grievousWeapon: 'grievous hurt weapon',
  grievous: 'grievous hurt', weaponHurt: 'hurt weapon', dwellingTheft: 'theft house', snatching: 'snatching snatched झपटमारी',
  cheating: 'cheating fraud ठगी', molestation: 'molestation modesty', cbt: 'criminal breach trust', impersonation: 'impersonation',
  forgery: 'forgery', theft: 'theft stolen चोरी', rashDriving: 'rash driving', trafficHurt: 'rash negligent hurt',
  trafficGrievous: 'rash negligent grievous hurt', negligentDeath: 'death negligence', stalking: 'stalking',
  modestyInsult: 'insult modesty', trespass: 'house trespass', hurt: 'hurt assault मारपीट', deathThreat: 'threat kill',
  threat: 'criminal intimidation threat', mischief: 'mischief damage', insult: 'insult abuse', confinement: 'wrongful confinement',
  restraint: 'wrongful restraint', conspiracy: 'conspiracy', culpableHomicide: 'culpable homicide', landTrespass: 'criminal trespass',
  cbtServant: 'criminal breach trust servant', forgeryValuable: 'forgery valuable security', defamation: 'defamation',
};

const INCIDENT_CUES: readonly Cue[] = [
  'theft', 'snatch', 'robbery', 'dacoity', 'force', 'hurt', 'grievous', 'murder', 'attemptMurder', 'cheat', 'cbt', 'trespass', 'breakin',
  'threat', 'deathThreat', 'insult', 'dowry', 'molest', 'stalk', 'rape', 'kidnap', 'missingChild', 'mischief', 'fire', 'extortion',
  'forgery', 'traffic',
];
const INCIDENT_RE = INCIDENT_CUES.map((c) => new RegExp(CUES[c].source, CUES[c].flags.replace('g', '')));

/** Whether a piece of text tells of an offence (any cue family). */
export function hasOffenceCue(text: string, language?: string | null): boolean {
  if (INCIDENT_RE.some((re) => re.test(text))) return true;
  const pack = packCues(language);
  if (!pack) return false;
  for (const c of INCIDENT_CUES) {
    const re = pack.cues[c];
    if (!re) continue;
    // a global pattern's test() leaves lastIndex behind, and matchAll() starts from it: the next
    // complaint's cues would be searched from the middle of its text
    re.lastIndex = 0;
    const hit = re.test(text);
    re.lastIndex = 0;
    if (hit) return true;
  }
  return false;
}
