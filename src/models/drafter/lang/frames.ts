/**
 * The fixed sentences of the built-in narrative ("Brief facts of the case: …") in the languages
 * that have no hand-written template (English and Hindi have theirs in narrative.ts). The
 * complainant's own account is quoted as written; only these frames are translated. Placeholders:
 * {date} {who} {when} {place} {sections}.
 */
interface NarrativeFrame {
  heading: string;
  /** "On {date}, {who} submitted a complaint at the police station stating as follows:" */
  intro: string;
  complainant: string;
  /** "As per the complaint, the incident took place {when} at {place}." (either part may be empty) */
  incident: string;
  on: string;
  at: string;
  property: string;
  suspects: string;
  witnesses: string;
  /** "… prima facie disclose offence(s) punishable u/s {sections}. Submitted for registration …" */
  sections: string;
  noSection: string;
  /** a summary's opening when no date is known */
  summaryPrefix: string;
}

export const FRAMES: Readonly<Record<string, NarrativeFrame>> = {
  bn: {
    heading: 'ঘটনার সংক্ষিপ্ত বিবরণ:',
    intro: '{date} তারিখে {who} থানায় অভিযোগ দাখিল করে নিম্নরূপ জানান:',
    complainant: 'অভিযোগকারী',
    incident: 'অভিযোগ অনুযায়ী ঘটনাটি {when} {place} ঘটে।',
    on: '{date} তারিখে',
    at: '{place}-এ',
    property: 'সংশ্লিষ্ট সম্পত্তি:',
    suspects: 'সন্দেহভাজন/অভিযুক্ত:',
    witnesses: 'সাক্ষী:',
    sections: 'বর্ণিত তথ্যে প্রাথমিকভাবে ভারতীয় ন্যায় সংহিতা, ২০২৩-এর ধারা {sections} (u/s {sections} BNS) অনুযায়ী অপরাধ সংঘটিত হয়েছে বলে প্রতীয়মান হয়। এফআইআর নথিভুক্ত করে তদন্তের জন্য পেশ করা হল।',
    noSection: 'বর্ণিত তথ্য থেকে কোনো নির্দিষ্ট ধারা চিহ্নিত করা যায়নি; বিষয়টি আধিকারিকের পরীক্ষার জন্য পেশ করা হল।',
    summaryPrefix: 'অভিযোগ:',
  },
  gu: {
    heading: 'બનાવની ટૂંકી હકીકત:',
    intro: 'તા. {date}ના રોજ {who}એ પોલીસ સ્ટેશનમાં ફરિયાદ રજૂ કરી નીચે મુજબ જણાવ્યું:',
    complainant: 'ફરિયાદી',
    incident: 'ફરિયાદ મુજબ બનાવ {when} {place} બન્યો.',
    on: 'તા. {date}ના રોજ',
    at: '{place} ખાતે',
    property: 'સંબંધિત મિલકત:',
    suspects: 'શંકાસ્પદ/આરોપી:',
    witnesses: 'સાક્ષી:',
    sections: 'જણાવેલ હકીકતો પરથી પ્રથમદર્શી રીતે ભારતીય ન્યાય સંહિતા, 2023ની કલમ {sections} (u/s {sections} BNS) હેઠળ ગુનો બનતો જણાય છે. એફઆઈઆર નોંધી તપાસ માટે રજૂ.',
    noSection: 'જણાવેલ હકીકતો પરથી કોઈ ચોક્કસ કલમ નક્કી થઈ શકી નથી; બાબત અધિકારીની ચકાસણી માટે રજૂ.',
    summaryPrefix: 'ફરિયાદ:',
  },
  kn: {
    heading: 'ಪ್ರಕರಣದ ಸಂಕ್ಷಿಪ್ತ ವಿವರ:',
    intro: '{date} ರಂದು {who} ಪೊಲೀಸ್ ಠಾಣೆಗೆ ದೂರು ಸಲ್ಲಿಸಿ ಈ ಕೆಳಗಿನಂತೆ ತಿಳಿಸಿರುತ್ತಾರೆ:',
    complainant: 'ದೂರುದಾರರು',
    incident: 'ದೂರಿನ ಪ್ರಕಾರ ಘಟನೆ {when} {place} ನಡೆದಿರುತ್ತದೆ.',
    on: '{date} ರಂದು',
    at: '{place} ಯಲ್ಲಿ',
    property: 'ಸಂಬಂಧಿಸಿದ ಸ್ವತ್ತು:',
    suspects: 'ಶಂಕಿತರು/ಆರೋಪಿಗಳು:',
    witnesses: 'ಸಾಕ್ಷಿಗಳು:',
    sections: 'ತಿಳಿಸಿದ ಅಂಶಗಳಿಂದ ಮೇಲ್ನೋಟಕ್ಕೆ ಭಾರತೀಯ ನ್ಯಾಯ ಸಂಹಿತೆ, 2023ರ ಕಲಂ {sections} (u/s {sections} BNS) ಅಡಿಯಲ್ಲಿ ಅಪರಾಧ ಕಂಡುಬರುತ್ತದೆ. ಪ್ರಥಮ ವರ್ತಮಾನ ವರದಿ ದಾಖಲಿಸಿ ತನಿಖೆಗೆ ಸಲ್ಲಿಸಲಾಗಿದೆ.',
    noSection: 'ತಿಳಿಸಿದ ಅಂಶಗಳಿಂದ ನಿರ್ದಿಷ್ಟ ಕಲಂ ಗುರುತಿಸಲಾಗಲಿಲ್ಲ; ಅಧಿಕಾರಿಯ ಪರಿಶೀಲನೆಗೆ ಸಲ್ಲಿಸಲಾಗಿದೆ.',
    summaryPrefix: 'ದೂರು:',
  },
  ml: {
    heading: 'സംഭവത്തിന്റെ ചുരുക്കം:',
    intro: '{date} തീയതി {who} പോലീസ് സ്റ്റേഷനിൽ പരാതി നൽകി ഇപ്രകാരം അറിയിച്ചു:',
    complainant: 'പരാതിക്കാരൻ',
    incident: 'പരാതി പ്രകാരം സംഭവം {when} {place} നടന്നു.',
    on: '{date} തീയതി',
    at: '{place} വെച്ച്',
    property: 'ബന്ധപ്പെട്ട വസ്തുക്കൾ:',
    suspects: 'സംശയിക്കപ്പെടുന്നവർ/പ്രതികൾ:',
    witnesses: 'സാക്ഷികൾ:',
    sections: 'പറഞ്ഞ വസ്തുതകളിൽ നിന്ന് പ്രഥമദൃഷ്ട്യാ ഭാരതീയ ന്യായ സംഹിത, 2023 വകുപ്പ് {sections} (u/s {sections} BNS) പ്രകാരമുള്ള കുറ്റം വെളിപ്പെടുന്നു. എഫ്ഐആർ രജിസ്റ്റർ ചെയ്ത് അന്വേഷണത്തിനായി സമർപ്പിക്കുന്നു.',
    noSection: 'പറഞ്ഞ വസ്തുതകളിൽ നിന്ന് പ്രത്യേക വകുപ്പ് കണ്ടെത്താനായില്ല; ഉദ്യോഗസ്ഥന്റെ പരിശോധനയ്ക്കായി സമർപ്പിക്കുന്നു.',
    summaryPrefix: 'പരാതി:',
  },
  mr: {
    heading: 'थोडक्यात हकीकत:',
    intro: 'दिनांक {date} रोजी {who} यांनी पोलीस ठाण्यात तक्रार देऊन खालीलप्रमाणे सांगितले:',
    complainant: 'तक्रारदार',
    incident: 'तक्रारीनुसार घटना {when} {place} घडली.',
    on: 'दिनांक {date} रोजी',
    at: '{place} येथे',
    property: 'संबंधित मालमत्ता:',
    suspects: 'संशयित/आरोपी:',
    witnesses: 'साक्षीदार:',
    sections: 'नमूद हकीकतीवरून प्रथमदर्शनी भारतीय न्याय संहिता, 2023 चे कलम {sections} (u/s {sections} BNS) अन्वये गुन्हा घडल्याचे दिसून येते. प्रथम खबर नोंदवून तपासासाठी सादर.',
    noSection: 'नमूद हकीकतीवरून विशिष्ट कलम निश्चित करता आले नाही; प्रकरण अधिकाऱ्यांच्या तपासणीसाठी सादर.',
    summaryPrefix: 'तक्रार:',
  },
  pa: {
    heading: 'ਘਟਨਾ ਦਾ ਸੰਖੇਪ ਵੇਰਵਾ:',
    intro: 'ਮਿਤੀ {date} ਨੂੰ {who} ਨੇ ਥਾਣੇ ਵਿੱਚ ਸ਼ਿਕਾਇਤ ਦੇ ਕੇ ਹੇਠ ਲਿਖੇ ਅਨੁਸਾਰ ਦੱਸਿਆ:',
    complainant: 'ਸ਼ਿਕਾਇਤਕਰਤਾ',
    incident: 'ਸ਼ਿਕਾਇਤ ਅਨੁਸਾਰ ਘਟਨਾ {when} {place} ਵਾਪਰੀ।',
    on: 'ਮਿਤੀ {date} ਨੂੰ',
    at: '{place} ਵਿਖੇ',
    property: 'ਸਬੰਧਤ ਸੰਪਤੀ:',
    suspects: 'ਸ਼ੱਕੀ/ਦੋਸ਼ੀ:',
    witnesses: 'ਗਵਾਹ:',
    sections: 'ਦੱਸੇ ਤੱਥਾਂ ਤੋਂ ਪਹਿਲੀ ਨਜ਼ਰੇ ਭਾਰਤੀ ਨਿਆਂ ਸੰਹਿਤਾ, 2023 ਦੀ ਧਾਰਾ {sections} (u/s {sections} BNS) ਅਧੀਨ ਜੁਰਮ ਬਣਦਾ ਹੈ। ਐਫਆਈਆਰ ਦਰਜ ਕਰਕੇ ਤਫ਼ਤੀਸ਼ ਲਈ ਪੇਸ਼ ਹੈ।',
    noSection: 'ਦੱਸੇ ਤੱਥਾਂ ਤੋਂ ਕੋਈ ਖ਼ਾਸ ਧਾਰਾ ਪਛਾਣੀ ਨਹੀਂ ਜਾ ਸਕੀ; ਮਾਮਲਾ ਅਧਿਕਾਰੀ ਦੀ ਜਾਂਚ ਲਈ ਪੇਸ਼ ਹੈ।',
    summaryPrefix: 'ਸ਼ਿਕਾਇਤ:',
  },
  ta: {
    heading: 'வழக்கின் சுருக்கம்:',
    intro: '{date} அன்று {who} காவல் நிலையத்தில் புகார் அளித்து பின்வருமாறு தெரிவித்தார்:',
    complainant: 'புகார்தாரர்',
    incident: 'புகாரின்படி சம்பவம் {when} {place} நடந்தது.',
    on: '{date} அன்று',
    at: '{place} பகுதியில்',
    property: 'தொடர்புடைய சொத்து:',
    suspects: 'சந்தேக நபர்கள்/எதிரிகள்:',
    witnesses: 'சாட்சிகள்:',
    sections: 'கூறப்பட்ட உண்மைகளின்படி முதல் நோக்கில் பாரதிய நியாய சன்ஹிதா, 2023 பிரிவு {sections} (u/s {sections} BNS) இன் கீழ் குற்றம் நடந்துள்ளது தெரிகிறது. முதல் தகவல் அறிக்கை பதிவு செய்து புலன் விசாரணைக்கு சமர்ப்பிக்கப்படுகிறது.',
    noSection: 'கூறப்பட்ட உண்மைகளிலிருந்து குறிப்பிட்ட பிரிவை அடையாளம் காண முடியவில்லை; அலுவலரின் பரிசீலனைக்கு சமர்ப்பிக்கப்படுகிறது.',
    summaryPrefix: 'புகார்:',
  },
  te: {
    heading: 'కేసు సంక్షిప్త వివరాలు:',
    intro: '{date} న {who} పోలీస్ స్టేషన్‌లో ఫిర్యాదు చేసి ఈ క్రింది విధంగా తెలిపారు:',
    complainant: 'ఫిర్యాదుదారు',
    incident: 'ఫిర్యాదు ప్రకారం సంఘటన {when} {place} జరిగింది.',
    on: '{date} న',
    at: '{place} వద్ద',
    property: 'సంబంధిత ఆస్తి:',
    suspects: 'అనుమానితులు/నిందితులు:',
    witnesses: 'సాక్షులు:',
    sections: 'తెలిపిన వాస్తవాల ప్రకారం ప్రాథమికంగా భారతీయ న్యాయ సంహిత, 2023 సెక్షన్ {sections} (u/s {sections} BNS) కింద నేరం జరిగినట్లు కనిపిస్తోంది. ఎఫ్ఐఆర్ నమోదు చేసి దర్యాప్తుకు సమర్పించడమైనది.',
    noSection: 'తెలిపిన వాస్తవాల నుండి నిర్దిష్ట సెక్షన్ గుర్తించలేకపోయాము; అధికారి పరిశీలనకు సమర్పించడమైనది.',
    summaryPrefix: 'ఫిర్యాదు:',
  },
};
