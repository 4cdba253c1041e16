/**
 * Address shapes that hold across the packs' scripts and English: the comma-separated parts that
 * read as an address (a house number, a street, a locality, a town, a PIN code) and the run of
 * them in a self-introduction, told apart from an age or a phone number.
 */

/** words that make a comma-separated part an address part, in the packs' scripts and English */
const RE_ADDRESS_WORD =
  /(?:^|[\s,])(?:no\.?|house|h\.? ?no|flat|door|नं|नंबर|क्र|प्लॉट|फ्लॅट|रूम|मु\.|street|road|rd|lane|nagar|colony|layout|cross|main|sector|phase|block|ward|village|post|taluk|tehsil|district|dist|mandal|apartments?|society|chawl|पो\.?|ग्राम|गांव|गाव|मोहल्ला|वार्ड|नगर|कॉलोनी|रोड|मार्ग|गली|जिला|जि\.|ता\.|तहसील|চক|পাড়া|রোড|গ্রাম|জেলা|থানা|ਪਿੰਡ|ਮਕਾਨ|ਨੰ|ਜ਼ਿਲ੍ਹਾ|ਤਹਿਸੀਲ|ਮੁਹੱਲਾ|ਗਲੀ|ગામ|સોસાયટી|ફ્લેટ|રોડ|તા\.|જિ\.|જિલ્લો|કતવ|கதவு|எண்|தெரு|சாலை|நகர்|காலனி|கிராம|மாவட்ட|வட்ட|ఇంటి|నం|వీధి|రోడ్డు|నగర్|కాలనీ|గ్రామ|మండల|జిల్లా|ಮನೆ|ನಂ|ಕ್ರಾಸ್|ರಸ್ತೆ|ನಗರ|ಬಡಾವಣೆ|ಲೇಔಟ್|ಗ್ರಾಮ|ತಾಲೂಕು|ಜಿಲ್ಲೆ|ಕಾಲೋನಿ|ഹൗസ്|വീട്|ലെയിൻ|റോഡ്|നഗർ|കോളനി|പി\.ഒ|ജില്ല|വാർഡ്)/iu;

/** a sentence's end: a danda, a line break, or a full stop after a word (not an abbreviation's "नं.", "கே.கே.") */
const SENTENCE_END = /[।\n:]|(?<=[\p{L}\p{M}]{4,}|\d)\.(?=\s|$)/u;

/** an age or a phone number is a number too, but no part of an address */
const RE_NOT_ADDRESS_NUMBER = /वय|उम्र|आयु|বয়স|ਉਮਰ|ઉંમર|வயது|వయస్సు|వయసు|ವಯಸ್ಸು|ವಯಸ್ಸ|വയസ്സ്|വയസ്|age|aged|\d{10}|\d{5} ?\d{5}/iu;

/** How many of the comma-separated parts of `s` read as address parts. */
export function addressScore(s: string): number {
  return s
    .split(',')
    .filter((p) => !RE_NOT_ADDRESS_NUMBER.test(p) && (/\d/.test(p) || RE_ADDRESS_WORD.test(p)))
    .length;
}

/**
 * The longest run of comma-separated parts that reads as an address: it starts at a part with a
 * number or an address word and goes on over short parts (a locality, a town, "- 680003").
 */
export function addressRun(region: string): string | null {
  const parts: Array<{ text: string; at: number }> = [];
  let at = 0;
  for (const p of region.split(',')) {
    parts.push({ text: p, at });
    at += p.length + 1;
  }
  let best: { from: number; to: number; score: number } | null = null;
  for (let i = 0; i < parts.length; i++) {
    const first = parts[i]!.text.trim();
    if (!first || RE_NOT_ADDRESS_NUMBER.test(first) || !(RE_ADDRESS_WORD.test(first) || /^\d[\d\-/]*\b/u.test(first)) || first.split(/\s+/).length > 5) continue;
    let j = i;
    let score = 1;
    let tail = 0;
    while (j + 1 < parts.length) {
      const next = parts[j + 1]!.text.trim();
      if (!next || next.split(/\s+/).length > 4 || /[:।\n]/u.test(next) || RE_NOT_ADDRESS_NUMBER.test(next)) {
        // the town before the sentence ends: "…, மதுரை. செல்: …"
        const raw = parts[j + 1]!.text;
        const end = raw.search(SENTENCE_END);
        const head = end > 0 ? raw.slice(0, end) : '';
        if (head.trim() && head.trim().split(/\s+/).length <= 3 && !RE_NOT_ADDRESS_NUMBER.test(head)) {
          j++;
          tail = head.length;
        }
        break;
      }
      j++;
      if (/\d/.test(next) || RE_ADDRESS_WORD.test(next)) score++;
    }
    if (j > i || /\d/.test(first)) {
      const span = { from: parts[i]!.at, to: parts[j]!.at + (tail || parts[j]!.text.length), score: score + (j - i) };
      if (!best || span.score > best.score) best = span;
    }
    i = j;
  }
  if (!best || best.score < 2) return null;
  const text = region.slice(best.from, best.to);
  // a sentence end inside the last part ends the address ("மதுரை. செல்: …")
  const cut = text.search(SENTENCE_END);
  const out = (cut >= 0 ? text.slice(0, cut) : text).replace(/^[\s,]+|[\s,.\-–]+$/g, '');
  return out.length >= 4 ? out.slice(0, 140) : null;
}
