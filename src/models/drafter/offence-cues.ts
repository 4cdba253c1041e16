/**
 * The offence cue words of English, Hindi and romanised Hindi (with light Marathi and Tamil
 * stems), one pattern per cue family; the negations masked before matching ("no one was hurt");
 * and the patterns for a beating and for a count of offenders. Data for the offence rules of
 * offences.ts; the other languages' cue stems are in their packs (lang/<code>.ts).
 */
import { WB, foldDevanagari, hiRe } from './text.ts';
import type { Cue } from './lang/types.ts';

export const CUES: Record<Cue, RegExp> = {
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

export const NEGATIONS = hiRe(
  `\\b(?:no (?:one|body) (?:was )?(?:hurt|injured)|no injur(?:y|ies)|not (?:injured|hurt|beaten)|without (?:any )?injur(?:y|ies)|did not (?:beat|hit|hurt|touch|threaten|attack)|didn't (?:beat|hit|hurt|touch|threaten|attack)|no (?:threat|weapon)s?|nobody (?:was )?hurt|(?:nobody|no one|no-one) stole|(?:was|were|is|are) not stolen|did not steal|didn't steal|not a theft|(?:there is |there was |with )?no fracture|not fractured)\\b|(?:कोई चोट नहीं|चोट नहीं आई|चोट नहीं लगी|मारपीट नहीं|धमकी नहीं|चोरी नहीं)`,
  'giu',
);

/** a person beating a person (not a vehicle hitting one) */
export const RE_BEATING = hiRe(
  `\\b(?:slapp(?:ed|ing)|punch(?:ed|es|ing)|kick(?:ed|ing)|beat (?:me|him|her|us)|thrash(?:ed|ing)|assault(?:ed|ing)|thappad|mukke|ghoonse|laat maar\\w*|maar ?peet|marpit)\\b|(?:थप्पड|घूंसे|मुक्के|लात|मारपीट|पीटा|पीटने)`,
  'iu',
);
export const RE_OFFENDER_COUNT = hiRe(
  `\\b(\\d{1,2}|five|six|seven|eight|nine|ten)(?: ?(?:-|to|or) ?(\\d{1,2}))? (?:armed |masked |unknown |unidentified )?(?:persons|men|people|robbers|dacoits|miscreants|boys|youths|assailants|criminals)\\b` +
    `|${WB}(\\d{1,2}|पांच|छह|सात|आठ|दस)(?:-(\\d{1,2}))? (?:हथियारबंद |नकाबपोश |अज्ञात )?(?:लोग|लोगों|व्यक्ति|व्यक्तियों|बदमाश|बदमाशों|डकैत|युवक|युवकों)` +
    // "7-8 ಜನರು", "৬-৭ জন", "5 பேர்": a number and the word for persons, in any script
    `|(?<![\\d.,/:-])(\\d{1,2})(?: ?(?:-|ते|से|থেকে|ਤੋਂ|થી) ?(\\d{1,2}))?(?: [^\\s\\d.,;:।]+)? ?(?:പേര|जण|लोक|इसम|জন|লোক|பேர்|நபர்கள்|మంది|వ్యక్తులు|ಜನ|ವ್ಯಕ್ತಿಗಳು|പേർ|ആളുകൾ|જણ|લોકો|ਜਣੇ|ਵਿਅਕਤੀ|ਬੰਦੇ)`,
  'giu',
);
