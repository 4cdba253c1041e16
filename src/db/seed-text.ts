/**
 * Text templates of the synthetic seed: per kind of offence (CRIMES), the complaint text in
 * English, Hindi, Marathi and Tamil plus the English facts an FIR is drafted from, and the frame
 * around it (complaint letter, FIR narrative). Template data only: the randomness is in
 * seed-rng.ts, the formatters the templates call in seed-format.ts, the choice of an offence in
 * seed-fir.ts. Every template is a plain string over a context, so a million complaints cost
 * seconds, not minutes.
 */
import { BANKS, CARS, COLOURS, COUNTRIES, type Lang, PHONES, SPOTS, UPI_APPS, VEHICLES } from './seed-data.ts';
import { g, imei, inr, mobile, reg, unknownSuspect } from './seed-format.ts';
import type { Rng } from './seed-rng.ts';

export interface Person {
  name: string;
  /** in the local script, or the Latin name where the region has none */
  local: string;
  male: boolean;
  age: number;
}

export interface TextCtx {
  r: Rng;
  lang: Lang;
  /** complainant */
  p: Person;
  /** relative (father or husband) */
  rel: Person;
  /** 'S/o' | 'D/o' | 'W/o' */
  relation: string;
  /** another person of the region, used as suspect, husband or neighbour */
  other: Person;
  witness: Person;
  city: string;
  cityLocal: string;
  locality: string;
  localityLocal: string;
  locality2: string;
  address: string;
  addressLocal: string;
  /** incident date and time in IST, 'DD/MM/YYYY' and 'HH:MM' */
  date: string;
  time: string;
  /** a second date (earlier or later, depending on the offence), 'DD/MM/YYYY' */
  date2: string;
  rto: string;
  contact: string;
}

export interface CrimeText {
  /** first-person account in ctx.lang, the body of the complaint */
  core: string;
  /** third-person English facts, for the incident description and the FIR narrative */
  fact: string;
  /** one-line English summary */
  summary: string;
  /** English subject line */
  subject: string;
  place: string;
  suspects: Array<{ name: string; description: string; address: string }>;
  witnesses: Array<{ name: string; description: string; address: string }>;
  actionTaken: string;
}

export interface Crime {
  key: string;
  weight: number;
  /** probability the complainant is a woman */
  female: number;
  /** BNS section numbers in order of relevance; matched exactly, else by the number without sub-section */
  sections: readonly string[];
  /** incident lasts [min, max] minutes (house-breaking: days) */
  durationMin: readonly [number, number];
  build(c: TextCtx): CrimeText;
}

export const CRIMES: readonly Crime[] = [
  {
    key: 'MOBILE_THEFT',
    weight: 22,
    female: 0.35,
    sections: ['303(2)', '317(2)'],
    durationMin: [5, 60],
    build(c) {
      const r = c.r;
      const [phone, price] = r.pick(PHONES);
      const amount = inr(price - r.int(4) * 1000);
      const spot = r.pick(SPOTS);
      const id = imei(r);
      const place = `${c.locality} ${spot}, ${c.city}`;
      const core =
        c.lang === 'hi'
          ? `दिनांक ${c.date} को लगभग ${c.time} बजे मैं ${c.localityLocal} बाज़ार में ${g(c, 'था', 'थी')}, तभी भीड़ का फ़ायदा उठाकर किसी अज्ञात व्यक्ति ने मेरा ${phone} मोबाइल फ़ोन (कीमत लगभग ${amount}) चोरी कर लिया। फ़ोन का IMEI नंबर ${id} है और उसमें मेरा सिम नंबर ${c.contact} चालू था। आसपास काफ़ी तलाश करने पर भी फ़ोन नहीं मिला।`
          : c.lang === 'mr'
            ? `दिनांक ${c.date} रोजी सुमारे ${c.time} वाजता मी ${c.localityLocal} बस स्टॉपवर बसची वाट पाहत असताना अज्ञात व्यक्तीने गर्दीचा फायदा घेऊन माझ्या खिशातून माझा ${phone} मोबाईल फोन (किंमत अंदाजे ${amount}) चोरून नेला. मोबाईलचा IMEI क्रमांक ${id} आहे.`
            : c.lang === 'ta'
              ? `${c.date} அன்று சுமார் ${c.time} மணிக்கு ${c.localityLocal} பேருந்து நிறுத்தத்தில் நின்றுகொண்டிருந்தபோது, கூட்டத்தைப் பயன்படுத்தி அடையாளம் தெரியாத நபர் ஒருவர் என் ${phone} கைபேசியை (மதிப்பு சுமார் ${amount}) திருடிச் சென்றுவிட்டார். IMEI எண்: ${id}.`
              : r.chance(0.5)
                ? `On ${c.date} at around ${c.time}, I was waiting at the ${spot} in ${c.locality}. It was very crowded. When I checked my pocket, my ${phone} mobile phone (IMEI ${id}), worth about ${amount}, was missing. I suspect someone in the crowd stole it. The SIM number ${c.contact} was active in the phone. I searched nearby and called my number, but it was switched off.`
                : `I am writing to report that my ${phone} phone was stolen on ${c.date} at about ${c.time} while I was travelling in a crowded bus from ${c.locality} to ${c.locality2}. The phone was in my ${r.pick(['back pocket', 'bag', 'shirt pocket'])}. It is worth ${amount} and its IMEI number is ${id}. I have already blocked the SIM.`;
      return {
        core,
        fact: `an unknown person stole the complainant's ${phone} mobile phone (IMEI ${id}), worth about ${amount}, at the ${spot} in ${c.locality} on ${c.date} at about ${c.time} hrs, taking advantage of the crowd`,
        summary: `Theft of ${phone} mobile phone worth ${amount} at ${c.locality} ${spot}, ${c.city} on ${c.date}.`,
        subject: 'theft of my mobile phone',
        place,
        suspects: r.chance(0.3) ? [unknownSuspect(r, 'Male')] : [],
        witnesses: [],
        actionTaken: `Spot inspected; CCTV footage near the ${spot} collected; IMEI ${id} blocked and tracked through CEIR.`,
      };
    },
  },
  {
    key: 'CHAIN_SNATCHING',
    weight: 8,
    female: 0.92,
    sections: ['304', '3(5)'],
    durationMin: [1, 5],
    build(c) {
      const r = c.r;
      const grams = r.range(8, 40);
      const amount = inr(grams * r.range(5800, 7200));
      const colour = r.pick(COLOURS);
      const core =
        c.lang === 'hi'
          ? `दिनांक ${c.date} को शाम लगभग ${c.time} बजे मैं ${c.localityLocal} के पास पैदल घर लौट ${g(c, 'रहा था', 'रही थी')}, तभी पीछे से मोटरसाइकिल पर सवार दो अज्ञात युवक आए और पीछे बैठे युवक ने मेरे गले से ${grams} ग्राम की सोने की चेन (कीमत लगभग ${amount}) झपट ली और दोनों तेज़ी से फ़रार हो गए।`
          : c.lang === 'mr'
            ? `दिनांक ${c.date} रोजी संध्याकाळी सुमारे ${c.time} वाजता मी ${c.localityLocal} परिसरात पायी घरी जात असताना मोटारसायकलवरून आलेल्या दोन अनोळखी इसमांनी माझ्या गळ्यातील ${grams} ग्रॅम सोन्याची चेन (किंमत ${amount}) हिसकावून पळ काढला.`
            : c.lang === 'ta'
              ? `${c.date} அன்று மாலை சுமார் ${c.time} மணிக்கு நான் ${c.localityLocal} அருகே நடந்து சென்றுகொண்டிருந்தபோது, இருசக்கர வாகனத்தில் வந்த இரண்டு நபர்கள் என் கழுத்தில் இருந்த ${grams} கிராம் தங்கச் சங்கிலியை (மதிப்பு ${amount}) பறித்துச் சென்றனர்.`
              : `On ${c.date} at about ${c.time}, I was walking back home near ${c.locality} when two persons on a ${colour} motorcycle came from behind. The pillion rider snatched my ${grams} gram gold chain, worth about ${amount}, from my neck and they sped away towards ${c.locality2}. The rider was wearing a helmet; the pillion rider wore a ${r.pick(COLOURS)} jacket. I could not note the number plate.`;
      return {
        core,
        fact: `two unknown persons on a ${colour} motorcycle snatched the complainant's ${grams} gram gold chain, worth about ${amount}, near ${c.locality} on ${c.date} at about ${c.time} hrs and fled towards ${c.locality2}`,
        summary: `Chain snatching: ${grams} g gold chain worth ${amount} snatched by two motorcycle-borne persons near ${c.locality}, ${c.city}.`,
        subject: 'snatching of my gold chain',
        place: `Near ${c.locality}, ${c.city}`,
        suspects: [unknownSuspect(r, 'Male (motorcycle rider)'), unknownSuspect(r, 'Male (pillion rider)')],
        witnesses: r.chance(0.4) ? [{ name: c.witness.name, description: 'Passer-by who saw the incident', address: `${c.locality}, ${c.city}` }] : [],
        actionTaken: 'Route CCTV footage being scanned; snatchers with similar modus operandi being checked; jewellers alerted.',
      };
    },
  },
  {
    key: 'UPI_FRAUD',
    weight: 18,
    female: 0.4,
    sections: ['318(4)', '319(2)', '336(3)'],
    durationMin: [10, 120],
    build(c) {
      const r = c.r;
      const amountN = r.chance(0.7) ? r.range(2, 95) * 1000 + r.range(0, 9) * 100 : r.range(1, 30) * 10000;
      const amount = inr(amountN);
      const bank = r.pick(BANKS);
      const app = r.pick(UPI_APPS);
      const caller = mobile(r);
      const txns = r.range(1, 6);
      const upiId = `${r.pick(['pay', 'kyc', 'help', 'refund', 'care'])}${r.digits(5)}@${r.pick(['ybl', 'okaxis', 'paytm', 'oksbi', 'ibl'])}`;
      const task = r.chance(0.3);
      const core =
        c.lang === 'hi'
          ? `दिनांक ${c.date} को मेरे मोबाइल पर ${caller} नंबर से एक व्यक्ति ने ख़ुद को ${bank} का अधिकारी बताकर फ़ोन किया और KYC अपडेट करने के नाम पर एक लिंक भेजा। लिंक खोलने और OTP बताने के बाद मेरे खाते से ${app} (UPI) के माध्यम से ${txns} बार में कुल ${amount} निकाल लिए गए। पैसे ${upiId} पर भेजे गए हैं।`
          : c.lang === 'mr'
            ? `दिनांक ${c.date} रोजी ${bank} चा अधिकारी असल्याचे सांगून एका व्यक्तीने ${caller} या क्रमांकावरून मला फोन केला व KYC अपडेट करण्यासाठी लिंक पाठवली. लिंक उघडून OTP सांगितल्यानंतर माझ्या बँक खात्यातून ${app} (UPI) द्वारे एकूण ${amount} काढून घेण्यात आले.`
            : c.lang === 'ta'
              ? `${c.date} அன்று ${bank} அதிகாரி என்று கூறி ஒருவர் ${caller} என்ற எண்ணிலிருந்து என்னை அழைத்து KYC புதுப்பிக்க வேண்டும் என்று கூறினார். அவர் அனுப்பிய இணைப்பைத் திறந்து OTP பகிர்ந்த பிறகு, என் வங்கிக் கணக்கிலிருந்து ${app} (UPI) மூலம் ${amount} எடுக்கப்பட்டது.`
              : task
                ? `On ${c.date2} I was contacted on WhatsApp from ${caller} about a part-time job of liking YouTube videos and rating hotels. After I was paid small amounts at first, they asked me to deposit money for "prepaid tasks" to earn higher commission. Between ${c.date2} and ${c.date} I transferred a total of ${amount} through ${app} to ${upiId} and other accounts. Now they are asking for more money to release my earnings and have removed me from the Telegram group.`
                : `On ${c.date} at about ${c.time}, I received a call from ${caller}. The caller said he was from ${bank} customer care and that my KYC would expire today and my account would be blocked. He sent me a link by SMS. I opened the link and entered my details and the OTP I received. Soon after, ${amount} was debited from my account in ${txns} UPI transaction(s) to ${upiId}. I immediately called the bank helpline and the cyber helpline 1930 and blocked my account.`;
      return {
        core,
        fact: task
          ? `unknown persons lured the complainant with a part-time online task job and induced the complainant to transfer ${amount} through ${app} to ${upiId} and other accounts between ${c.date2} and ${c.date}`
          : `an unknown caller from mobile number ${caller}, impersonating an official of ${bank}, induced the complainant to open a link and share an OTP on ${c.date}, after which ${amount} was debited from the complainant's account through ${txns} UPI transaction(s) to ${upiId}`,
        summary: task
          ? `Online task-job fraud: complainant cheated of ${amount} paid through ${app} (${c.city}).`
          : `UPI fraud: caller impersonating ${bank} official obtained OTP; ${amount} debited in ${txns} transaction(s).`,
        subject: 'online fraud and cheating through UPI',
        place: `Online (complainant's residence at ${c.locality}, ${c.city})`,
        suspects: [{ name: 'Unknown', description: `User of mobile number ${caller} and UPI ID ${upiId}`, address: 'Not known' }],
        witnesses: [],
        actionTaken: `Complaint reported on the National Cyber Crime Reporting Portal; ${bank} and the beneficiary bank asked to freeze ${upiId}; call detail records of ${caller} requisitioned.`,
      };
    },
  },
  {
    key: 'HOUSE_BREAKING',
    weight: 10,
    female: 0.35,
    sections: ['331(4)', '305', '303(2)'],
    durationMin: [1440, 14400],
    build(c) {
      const r = c.r;
      const grams = r.range(10, 120);
      const cash = r.range(5, 150) * 1000;
      const amount = inr(grams * r.range(5800, 7200) + cash);
      const core =
        c.lang === 'hi'
          ? `दिनांक ${c.date} को मैं सपरिवार घर पर ताला लगाकर अपने गाँव ${g(c, 'गया था', 'गई थी')}। दिनांक ${c.date2} को वापस आने पर देखा कि मुख्य दरवाज़े का ताला टूटा हुआ था और अलमारी में रखे सोने-चाँदी के ज़ेवर (लगभग ${grams} ग्राम) व नक़द ${inr(cash)}, कुल ${amount} का सामान चोरी हो चुका था।`
          : c.lang === 'mr'
            ? `दिनांक ${c.date} रोजी मी कुटुंबासह घराला कुलूप लावून गावी ${g(c, 'गेलो', 'गेले')} होतो. दिनांक ${c.date2} रोजी परत आल्यावर घराचे कुलूप तोडलेले दिसले व कपाटातील सोन्याचे दागिने (सुमारे ${grams} ग्रॅम) आणि रोख ${inr(cash)} असा एकूण ${amount} चा ऐवज चोरीस गेल्याचे लक्षात आले.`
            : c.lang === 'ta'
              ? `${c.date} அன்று நான் குடும்பத்துடன் வீட்டைப் பூட்டிவிட்டு சொந்த ஊருக்குச் சென்றிருந்தேன். ${c.date2} அன்று திரும்பி வந்தபோது வீட்டின் பூட்டு உடைக்கப்பட்டு, பீரோவில் இருந்த ${grams} கிராம் தங்க நகைகள் மற்றும் ரொக்கப் பணம் ${inr(cash)}, மொத்தம் ${amount} மதிப்புள்ள பொருட்கள் திருடப்பட்டிருந்தன.`
              : `On ${c.date} I locked my house and went to our native place with my family. On ${c.date2} my neighbour ${c.witness.name} called to say that the lock of our main door was broken. When we returned, the almirah in the bedroom had been forced open and gold ornaments of about ${grams} grams and cash of ${inr(cash)}, together worth about ${amount}, were missing. The house was ransacked.`;
      return {
        core,
        fact: `between ${c.date} and ${c.date2}, while the complainant's house at ${c.address} was locked, unknown persons broke the lock of the main door and stole gold ornaments of about ${grams} grams and cash of ${inr(cash)}, together worth about ${amount}, from the almirah`,
        summary: `House-breaking and theft at ${c.locality}, ${c.city}: gold ornaments (${grams} g) and cash, total ${amount}, stolen from locked house.`,
        subject: 'house-breaking and theft at my residence',
        place: `Complainant's residence, ${c.locality}, ${c.city}`,
        suspects: [],
        witnesses: [{ name: c.witness.name, description: 'Neighbour who first noticed the broken lock', address: `${c.locality}, ${c.city}` }],
        actionTaken: 'Spot inspected with dog squad and fingerprint expert; chance prints lifted; receivers of stolen property being checked.',
      };
    },
  },
  {
    key: 'VEHICLE_THEFT',
    weight: 12,
    female: 0.2,
    sections: ['303(2)', '317(2)'],
    durationMin: [60, 600],
    build(c) {
      const r = c.r;
      const vehicle = r.pick(VEHICLES);
      const no = reg(c);
      const colour = r.pick(COLOURS);
      const amount = inr(r.range(25, 140) * 1000);
      const core =
        c.lang === 'hi'
          ? `दिनांक ${c.date} की रात मैंने अपनी ${vehicle} (रजिस्ट्रेशन नंबर ${no}, रंग ${colour}) घर के बाहर खड़ी की थी। सुबह देखा तो गाड़ी ग़ायब थी। आसपास काफ़ी तलाश करने पर भी नहीं मिली। गाड़ी की चाबी मेरे पास है।`
          : c.lang === 'mr'
            ? `दिनांक ${c.date} रोजी रात्री मी माझी ${vehicle} दुचाकी (नोंदणी क्रमांक ${no}) घरासमोर लावली होती. सकाळी पाहिले असता गाडी जागेवर नव्हती. आजूबाजूला शोध घेतला परंतु मिळून आली नाही.`
            : c.lang === 'ta'
              ? `${c.date} அன்று இரவு என் ${vehicle} இருசக்கர வாகனத்தை (பதிவு எண் ${no}) வீட்டின் முன் நிறுத்தியிருந்தேன். மறுநாள் காலை பார்த்தபோது வாகனம் காணவில்லை. அக்கம்பக்கத்தில் தேடியும் கிடைக்கவில்லை.`
              : `On ${c.date} at about ${c.time} I parked my ${vehicle} (registration no. ${no}, ${colour}) outside ${r.pick(['my house', 'the market', 'my office', 'the railway station'])} at ${c.locality}. When I returned after about ${r.range(1, 9)} hours, the vehicle was missing. I searched the area but could not find it. The key and the RC book are with me. The vehicle is worth about ${amount}.`;
      return {
        core,
        fact: `the complainant's ${vehicle} (registration no. ${no}, ${colour}), worth about ${amount}, parked at ${c.locality} on ${c.date} at about ${c.time} hrs, was stolen by an unknown person`,
        summary: `Theft of ${vehicle} ${no} (${colour}) parked at ${c.locality}, ${c.city}.`,
        subject: `theft of my two-wheeler ${no}`,
        place: `${c.locality}, ${c.city}`,
        suspects: r.chance(0.15) ? [unknownSuspect(r, 'Male seen on CCTV')] : [],
        witnesses: [],
        actionTaken: `Vehicle number ${no} circulated to all stations and the ZIPNET portal; CCTV footage of the parking area collected.`,
      };
    },
  },
  {
    key: 'ASSAULT',
    weight: 10,
    female: 0.3,
    sections: ['115(2)', '352', '351(2)'],
    durationMin: [5, 30],
    build(c) {
      const r = c.r;
      const cause = r.pick([
        ['parking of my vehicle', 'गाड़ी खड़ी करने', 'गाडी लावण्याच्या', 'வாகன நிறுத்தம்'],
        ['an old money dispute', 'पुराने पैसों के लेन-देन', 'जुन्या पैशांच्या व्यवहाराच्या', 'பழைய பணத் தகராறு'],
        ['drainage water flowing in front of his house', 'नाली के पानी', 'गटारीच्या पाण्याच्या', 'கழிவுநீர்'],
      ] as const);
      const core =
        c.lang === 'hi'
          ? `दिनांक ${c.date} को लगभग ${c.time} बजे ${cause[1]} की बात पर पड़ोसी ${c.other.local} ने मुझे गाली-गलौज करते हुए लाठी से मारा-पीटा, जिससे मेरे सिर और हाथ में चोटें आईं। जाते समय उसने जान से मारने की धमकी भी दी।`
          : c.lang === 'mr'
            ? `दिनांक ${c.date} रोजी सुमारे ${c.time} वाजता ${cause[2]} कारणावरून शेजारी राहणारा ${c.other.local} याने मला शिवीगाळ करून लाकडी दांडक्याने मारहाण केली व जीवे मारण्याची धमकी दिली.`
            : c.lang === 'ta'
              ? `${c.date} அன்று ${c.time} மணிக்கு ${cause[3]} தொடர்பான தகராறில் பக்கத்து வீட்டைச் சேர்ந்த ${c.other.local} என்னைத் தகாத வார்த்தைகளால் திட்டி, கம்பால் அடித்து, கொலை மிரட்டல் விடுத்தார்.`
              : `On ${c.date} at about ${c.time}, my neighbour ${c.other.name} started abusing me over ${cause[0]}. When I objected, he and his brother beat me with a wooden stick, causing injuries to my head and right hand, and threatened to kill me if I went to the police. My neighbour ${c.witness.name} saw the incident and intervened. I was treated at the government hospital.`;
      return {
        core,
        fact: `the accused ${c.other.name}, a neighbour, abused the complainant over ${cause[0]}, beat the complainant with a wooden stick causing injuries to the head and hand, and threatened to kill the complainant on ${c.date} at about ${c.time} hrs`,
        summary: `Assault and criminal intimidation by neighbour ${c.other.name} over ${cause[0]} at ${c.locality}, ${c.city}.`,
        subject: 'assault and threat to my life',
        place: `In front of the complainant's house, ${c.locality}, ${c.city}`,
        suspects: [{ name: c.other.name, description: `Neighbour, about ${c.other.age} years old`, address: `${c.locality}, ${c.city}` }],
        witnesses: [{ name: c.witness.name, description: 'Neighbour, eyewitness', address: `${c.locality}, ${c.city}` }],
        actionTaken: `Injured sent for medical examination (MLC obtained); statement of witness ${c.witness.name} recorded; notice issued to the accused.`,
      };
    },
  },
  {
    key: 'ROBBERY',
    weight: 4,
    female: 0.2,
    sections: ['309(4)', '3(5)'],
    durationMin: [2, 10],
    build(c) {
      const r = c.r;
      const [phone] = r.pick(PHONES);
      const cash = r.range(5, 60) * 100;
      const amount = inr(cash);
      const core =
        c.lang === 'hi'
          ? `दिनांक ${c.date} की रात लगभग ${c.time} बजे ${c.localityLocal} के पास दो बदमाशों ने मुझे रोककर चाकू दिखाया और मेरा पर्स व ${phone} मोबाइल छीन लिया। पर्स में ${amount} नक़द और आधार कार्ड था। दोनों बिना नंबर की स्कूटी से भाग गए।`
          : c.lang === 'mr'
            ? `दिनांक ${c.date} रोजी रात्री सुमारे ${c.time} वाजता ${c.localityLocal} जवळ दोन इसमांनी चाकूचा धाक दाखवून माझे पाकीट व ${phone} मोबाईल हिसकावून नेले. पाकिटात ${amount} रोख होते.`
            : c.lang === 'ta'
              ? `${c.date} அன்று இரவு ${c.time} மணிக்கு ${c.localityLocal} அருகே இரண்டு நபர்கள் கத்தியைக் காட்டி மிரட்டி என் பணப்பை மற்றும் ${phone} கைபேசியைப் பறித்துச் சென்றனர். பணப்பையில் ${amount} ரொக்கம் இருந்தது.`
              : `On ${c.date} at around ${c.time} at night, while I was returning home near ${c.locality}, two persons stopped me, showed a knife and snatched my wallet containing ${amount} in cash, my ${phone} mobile phone and my Aadhaar card. They fled on a scooter without a number plate towards ${c.locality2}.`;
      return {
        core,
        fact: `two unknown persons stopped the complainant near ${c.locality} on ${c.date} at about ${c.time} hrs, threatened the complainant with a knife and robbed a wallet containing ${amount} in cash and a ${phone} mobile phone`,
        summary: `Robbery at knife-point near ${c.locality}, ${c.city}: cash ${amount} and ${phone} phone taken.`,
        subject: 'robbery at knife-point',
        place: `Near ${c.locality}, ${c.city}`,
        suspects: [unknownSuspect(r, 'Male armed with a knife'), unknownSuspect(r, 'Male')],
        witnesses: [],
        actionTaken: 'Nakabandi conducted; history-sheeters of the area checked; CCTV on the escape route examined.',
      };
    },
  },
  {
    key: 'JOB_FRAUD',
    weight: 5,
    female: 0.25,
    sections: ['318(4)', '316(2)', '61(2)'],
    durationMin: [30, 120],
    build(c) {
      const r = c.r;
      const amount = inr(r.range(50, 600) * 1000);
      const country = r.pick(COUNTRIES);
      const core =
        c.lang === 'hi'
          ? `${c.other.local} ने ${country} में नौकरी लगवाने का झाँसा देकर मुझसे दिनांक ${c.date2} से ${c.date} के बीच अलग-अलग किस्तों में कुल ${amount} ले लिए, लेकिन न तो वीज़ा दिलाया और न ही पैसे वापस किए। अब उसका फ़ोन बंद है।`
          : c.lang === 'mr'
            ? `${c.other.local} याने ${country} येथे नोकरी लावून देतो असे सांगून माझ्याकडून दिनांक ${c.date2} ते ${c.date} दरम्यान वेळोवेळी एकूण ${amount} घेतले. परंतु आजपर्यंत नोकरी लावली नाही व पैसेही परत केले नाहीत.`
            : c.lang === 'ta'
              ? `${c.other.local} என்பவர் ${country} நாட்டில் வேலை வாங்கித் தருவதாகக் கூறி ${c.date2} முதல் ${c.date} வரை என்னிடம் ${amount} பெற்றுக்கொண்டார். இதுவரை வேலையும் வாங்கித் தரவில்லை, பணத்தையும் திருப்பித் தரவில்லை.`
              : `${c.other.name}, who runs a placement agency at ${c.locality2}, promised me a job in ${country} and took ${amount} from me in instalments for visa and processing charges between ${c.date2} and ${c.date}. He gave me a fake offer letter. He has not arranged any visa, is not returning the money, and his phone is now switched off.`;
      return {
        core,
        fact: `the accused ${c.other.name} induced the complainant with a false promise of a job in ${country} and took ${amount} between ${c.date2} and ${c.date}, and has neither arranged the job nor returned the money`,
        summary: `Job fraud: ${c.other.name} took ${amount} promising employment in ${country}.`,
        subject: 'cheating in the name of an overseas job',
        place: `Office of the accused, ${c.locality2}, ${c.city}`,
        suspects: [{ name: c.other.name, description: 'Placement agent', address: `${c.locality2}, ${c.city}` }],
        witnesses: r.chance(0.5) ? [{ name: c.witness.name, description: 'Present when money was paid', address: `${c.locality}, ${c.city}` }] : [],
        actionTaken: 'Bank statements of the complainant and the accused requisitioned; raid at the agency office; other victims being identified.',
      };
    },
  },
  {
    key: 'DOWRY_CRUELTY',
    weight: 5,
    female: 1,
    sections: ['85', '115(2)', '351(2)'],
    durationMin: [10, 60],
    build(c) {
      const r = c.r;
      const amount = inr(r.range(2, 20) * 50000);
      const core =
        c.lang === 'hi'
          ? `मेरी शादी ${c.date2} को ${c.rel.local} के साथ हुई थी। शादी के बाद से ही मेरे पति और ससुराल वाले ${amount} और एक कार की माँग को लेकर मुझे शारीरिक और मानसिक रूप से प्रताड़ित कर रहे हैं। दिनांक ${c.date} को उन्होंने मेरे साथ मारपीट की और मुझे घर से निकाल दिया।`
          : c.lang === 'mr'
            ? `माझे लग्न ${c.date2} रोजी ${c.rel.local} यांच्याशी झाले आहे. लग्नानंतर पती व सासरचे लोक माहेरहून ${amount} आणण्यासाठी माझा शारीरिक व मानसिक छळ करीत आहेत. दिनांक ${c.date} रोजी त्यांनी मला मारहाण करून घराबाहेर काढले.`
            : c.lang === 'ta'
              ? `எனக்கு ${c.date2} அன்று ${c.rel.local} உடன் திருமணம் ஆனது. திருமணம் ஆனதிலிருந்து என் கணவர் மற்றும் அவரது குடும்பத்தினர் ${amount} வரதட்சணை கேட்டு என்னை அடித்துத் துன்புறுத்தி வருகின்றனர். ${c.date} அன்று என்னை அடித்து வீட்டை விட்டு வெளியேற்றினர்.`
              : `I was married to ${c.rel.name} on ${c.date2}. Since the marriage, my husband and my in-laws have been demanding ${amount} and a car as dowry. They regularly abuse and beat me. On ${c.date} at about ${c.time} they beat me and pushed me out of the house. My parents have the details of the gifts given at the marriage.`;
      return {
        core,
        fact: `the complainant's husband ${c.rel.name} and his relatives subjected her to cruelty for a dowry demand of ${amount} since the marriage on ${c.date2}, beat her and turned her out of the matrimonial home on ${c.date}`,
        summary: `Cruelty for dowry (${amount} demanded) by husband ${c.rel.name} and in-laws; complainant assaulted and turned out of the house.`,
        subject: 'cruelty and harassment for dowry',
        place: `Matrimonial home, ${c.locality}, ${c.city}`,
        suspects: [
          { name: c.rel.name, description: 'Husband', address: `${c.locality}, ${c.city}` },
          { name: `${c.other.name}`, description: 'Relative of the husband', address: `${c.locality}, ${c.city}` },
        ],
        witnesses: [{ name: c.witness.name, description: 'Relative of the complainant', address: `${c.locality2}, ${c.city}` }],
        actionTaken: 'Complainant sent for medical examination; referred to the Women Help Desk for counselling; statements of the parents recorded.',
      };
    },
  },
  {
    key: 'RASH_DRIVING',
    weight: 4,
    female: 0.3,
    sections: ['281', '125(a)'],
    durationMin: [1, 5],
    build(c) {
      const r = c.r;
      const car = r.pick(CARS);
      const no = reg(c);
      const core =
        c.lang === 'hi'
          ? `दिनांक ${c.date} को लगभग ${c.time} बजे मैं अपनी स्कूटी से ${c.localityLocal} रोड पर जा ${g(c, 'रहा था', 'रही थी')}, तभी तेज़ रफ़्तार और लापरवाही से चलाई जा रही एक ${car} कार (नंबर ${no}) ने मुझे पीछे से टक्कर मार दी, जिससे मेरे पैर में गंभीर चोट आई। चालक गाड़ी लेकर भाग गया।`
          : c.lang === 'mr'
            ? `दिनांक ${c.date} रोजी सुमारे ${c.time} वाजता मी स्कूटरवरून ${c.localityLocal} रस्त्याने जात असताना भरधाव वेगात व निष्काळजीपणे चालवलेल्या ${car} कारने (क्रमांक ${no}) मला धडक दिली. यात माझ्या पायाला दुखापत झाली.`
            : c.lang === 'ta'
              ? `${c.date} அன்று ${c.time} மணிக்கு நான் என் ஸ்கூட்டரில் ${c.localityLocal} சாலையில் சென்றுகொண்டிருந்தபோது, அதிவேகமாகவும் கவனக்குறைவாகவும் ஓட்டி வந்த ${car} கார் (பதிவு எண் ${no}) என் மீது மோதியது. எனக்குக் காலில் காயம் ஏற்பட்டது.`
              : `On ${c.date} at around ${c.time}, I was riding my scooter on ${c.locality} main road when a ${car} bearing no. ${no}, driven at high speed and rashly, hit my scooter from behind. I fell and sustained a fracture to my left leg. The driver fled with the car. Passers-by took me to the hospital.`;
      return {
        core,
        fact: `a ${car} bearing registration no. ${no}, driven rashly and negligently at high speed, hit the complainant's scooter on ${c.locality} main road on ${c.date} at about ${c.time} hrs, injuring the complainant, and the driver fled`,
        summary: `Hit and run: ${car} ${no} hit complainant's scooter on ${c.locality} main road, ${c.city}; complainant injured.`,
        subject: 'accident caused by rash driving',
        place: `${c.locality} main road, ${c.city}`,
        suspects: [{ name: 'Unknown', description: `Driver of ${car} ${no}`, address: 'Not known' }],
        witnesses: r.chance(0.6) ? [{ name: c.witness.name, description: 'Passer-by who took the injured to hospital', address: `${c.locality}, ${c.city}` }] : [],
        actionTaken: `Owner of vehicle ${no} traced through VAHAN; site plan prepared; MLC of the injured obtained.`,
      };
    },
  },
];

/** Salutation, complainant particulars, body and closing around a crime's core text. */
export function complaintText(c: TextCtx, t: CrimeText, station: string, stationLocal: string): string {
  const p = c.p;
  switch (c.lang) {
    case 'hi': {
      const rel = p.male ? 'पुत्र' : c.relation === 'W/o' ? 'पत्नी' : 'पुत्री';
      return `सेवा में, श्रीमान थानाध्यक्ष महोदय, थाना ${stationLocal}, ${c.cityLocal}। विषय: प्रथम सूचना रिपोर्ट दर्ज करने हेतु। महोदय, निवेदन है कि ${g(c, 'प्रार्थी', 'प्रार्थिनी')} ${p.local} ${rel} ${c.rel.local}, उम्र ${p.age} वर्ष, निवासी ${c.addressLocal} है। ${t.core} अतः श्रीमान जी से निवेदन है कि रिपोर्ट दर्ज कर उचित क़ानूनी कार्रवाई करने की कृपा करें। मोबाइल: ${c.contact}`;
    }
    case 'mr':
      return `प्रति, मा. पोलीस निरीक्षक, ${stationLocal} पोलीस ठाणे, ${c.cityLocal}. विषय: तक्रार अर्ज. मी ${p.local}, वय ${p.age} वर्षे, राहणार ${c.addressLocal}, ${g(c, 'तक्रार देतो', 'तक्रार देते')} की, ${t.core} तरी कृपया गुन्हा दाखल करून योग्य ती कारवाई करावी ही विनंती. मोबाईल: ${c.contact}`;
    case 'ta':
      return `அனுப்புநர்: ${p.local}, வயது ${p.age}, முகவரி: ${c.addressLocal}. பெறுநர்: காவல் ஆய்வாளர், ${stationLocal} காவல் நிலையம், ${c.cityLocal}. ஐயா, ${t.core} எனவே வழக்குப் பதிவு செய்து உரிய நடவடிக்கை எடுக்குமாறு பணிவுடன் கேட்டுக்கொள்கிறேன். கைபேசி: ${c.contact}`;
    default:
      if (c.r.chance(0.25)) {
        // Informal, as typed at a help desk or sent from a phone.
        return `Sir, my name is ${p.name} and I live at ${c.address}. ${t.core} Please help and file my complaint. My number is ${c.contact}.`;
      }
      return `To,\nThe Station House Officer,\n${station} Police Station, ${c.city}.\n\nSubject: Complaint regarding ${t.subject}.\n\nRespected Sir/Madam,\n\nI, ${p.name}, ${c.relation} ${c.rel.name}, aged ${p.age} years, residing at ${c.address}, wish to report the following.\n\n${t.core}\n\nKindly register an FIR and take necessary action.\n\n${p.name}\nMobile: ${c.contact}`;
  }
}

/**
 * The FIR narrative (statement of facts). Hindi complaints get a Hindi narrative; others English.
 * Deliberately compact: the particulars live in their own columns, and every character of
 * summary + narrative goes through the full-text index.
 */
export function narrativeText(
  c: TextCtx,
  t: CrimeText,
  station: string,
  stationLocal: string,
  sectionList: string,
  received: string,
  occupation: string,
  reportedOn: string,
): string {
  const p = c.p;
  if (c.lang === 'hi') {
    const rel = p.male ? 'पुत्र' : c.relation === 'W/o' ? 'पत्नी' : 'पुत्री';
    return `${g(c, 'वादी', 'वादिनी')} ${p.local} ${rel} ${c.rel.local}, उम्र ${p.age} वर्ष, निवासी ${c.localityLocal}, ${c.cityLocal} ने थाना ${stationLocal} पर सूचना दी कि ${t.core} प्रथम दृष्टया धारा ${sectionList} बीएनएस का अपराध घटित होना पाया गया।`;
  }
  return `On ${reportedOn}, ${p.name} (${c.relation} ${c.rel.name}, aged ${p.age}, ${occupation.toLowerCase()}) of ${c.locality}, ${c.city} ${received} at ${station} Police Station stating that ${t.fact}. Prima facie offence(s) under Section(s) ${sectionList} BNS are made out.`;
}
