/**
 * DRAFT_NARRATIVE for the built-in drafter: the "brief facts of the case" in the complaint's
 * language (a Hindi template for Hindi complaints, the frames of lang/frames.ts for Bengali,
 * Gujarati, Kannada, Malayalam, Marathi, Punjabi, Tamil and Telugu, English otherwise). It quotes the complainant's
 * own account and restates only what was extracted; the sections are cited as "u/s 303(2) BNS".
 */
import type { DraftInput, Extraction, PersonDraft, PropertyDraft, SectionCandidate } from '../types.ts';
import { analyse } from './extract.ts';
import { FRAMES } from './lang/frames.ts';
import { sectionSeed } from './retrieve.ts';
import { asDate, capitalise, formatInr, formatIstDate, formatIstTime, isIstMidnight } from './text.ts';

/** The complainant's account is quoted up to this many characters. */
const MAX_QUOTE_CHARS = 2500;

const TITLE_HI: Record<string, string> = {
  '3(5)': 'सामान्य आशय', '61(2)': 'आपराधिक षड्यंत्र', '64': 'बलात्कार', '74': 'स्त्री की लज्जा भंग करने के आशय से हमला',
  '78': 'पीछा करना', '79': 'स्त्री की लज्जा का अपमान', '80': 'दहेज मृत्यु', '85': 'पति या उसके नातेदार द्वारा क्रूरता',
  '103(1)': 'हत्या', '106(1)': 'उपेक्षा द्वारा मृत्यु', '109': 'हत्या का प्रयत्न', '115(2)': 'स्वेच्छया उपहति कारित करना',
  '117(2)': 'स्वेच्छया घोर उपहति कारित करना', '118(1)': 'खतरनाक आयुधों द्वारा स्वेच्छया उपहति', '118(2)': 'खतरनाक आयुधों द्वारा स्वेच्छया घोर उपहति',
  '125(a)': 'दूसरों के जीवन को संकट में डालकर उपहति', '125(b)': 'दूसरों के जीवन को संकट में डालकर घोर उपहति', '126(2)': 'सदोष अवरोध',
  '127(2)': 'सदोष परिरोध', '137(2)': 'व्यपहरण', '140(2)': 'फिरौती के लिए व्यपहरण', '281': 'सार्वजनिक मार्ग पर उतावलेपन से वाहन चलाना',
  '303(2)': 'चोरी', '304': 'झपटमारी', '305': 'निवास-गृह आदि में चोरी', '308(2)': 'उद्दापन', '308(5)': 'मृत्यु या घोर उपहति के भय से उद्दापन',
  '309(4)': 'लूट', '309(6)': 'लूट करने में स्वेच्छया उपहति', '310(2)': 'डकैती', '316(2)': 'आपराधिक न्यासभंग', '318(4)': 'छल और संपत्ति परिदान हेतु बेईमानी से उत्प्रेरित करना',
  '319(2)': 'प्रतिरूपण द्वारा छल', '324(2)': 'रिष्टि', '324(4)': 'रिष्टि (बीस हजार रुपये या अधिक की हानि)', '326(f)': 'अग्नि द्वारा रिष्टि', '326(g)': 'अग्नि द्वारा गृह नष्ट करने के आशय से रिष्टि',
  '329(3)': 'आपराधिक अतिचार', '329(4)': 'गृह-अतिचार', '331(1)': 'गृह-भेदन', '331(2)': 'रात्रि में गृह-भेदन', '331(3)': 'अपराध करने हेतु गृह-भेदन',
  '331(4)': 'रात्रि में अपराध करने हेतु गृह-भेदन', '336(3)': 'छल के प्रयोजन से कूटरचना', '351(2)': 'आपराधिक अभित्रास',
  '351(3)': 'मृत्यु या घोर उपहति की धमकी द्वारा आपराधिक अभित्रास', '352': 'शांति भंग कराने के आशय से साशय अपमान',
};

const RELATION_HI: Record<string, string> = { 'S/o': 'पुत्र', 'D/o': 'पुत्री', 'W/o': 'पत्नी', 'H/o': 'पति' };

function quote(text: string): string {
  const t = text.replace(/\r\n?/g, '\n').replace(/[^\S\n]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim();
  if (t.length <= MAX_QUOTE_CHARS) return t;
  const cut = t.slice(0, MAX_QUOTE_CHARS);
  const sp = Math.max(cut.lastIndexOf(' '), cut.lastIndexOf('\n'));
  return `${(sp > MAX_QUOTE_CHARS * 0.8 ? cut.slice(0, sp) : cut).trimEnd()} …`;
}

/** "303(2), 317(2) BNS and 66D IT Act" — act order as first cited */
function citeSections(sections: readonly SectionCandidate[]): string {
  const byAct = new Map<string, string[]>();
  for (const s of sections) {
    const act = (s.act || 'BNS').trim();
    const list = byAct.get(act) ?? [];
    if (!list.includes(s.number)) list.push(s.number);
    byAct.set(act, list);
  }
  return [...byAct.entries()].map(([act, nums]) => `${nums.join(', ')} ${act}`).join(' and ');
}

function titles(sections: readonly SectionCandidate[], hindi: boolean): string {
  const out: string[] = [];
  for (const s of sections) {
    if ((s.act || 'BNS') !== 'BNS') continue;
    const t = hindi ? TITLE_HI[s.number] ?? sectionSeed(s.number)?.title : sectionSeed(s.number)?.title;
    if (t && !out.includes(t)) out.push(t);
  }
  return out.join('; ');
}

function people(list: readonly PersonDraft[], hindi: boolean): string[] {
  return list
    .filter((p) => p.name || p.description)
    .map((p) => {
      const bits = [p.name, p.description && p.name ? `(${p.description})` : p.description, p.address ? (hindi ? `निवासी ${p.address}` : `r/o ${p.address}`) : null];
      return bits.filter(Boolean).join(' ');
    });
}

function propertyList(items: readonly PropertyDraft[], hindi: boolean): string[] {
  return items.map((p) => (p.valueInr ? `${p.description} (${hindi ? 'कीमत' : 'value'} ${formatInr(p.valueInr)})` : p.description));
}

export function draftNarrative(input: DraftInput, ex: Extraction, sections: readonly SectionCandidate[]): string {
  const a = analyse(input.text, input.receivedAt, input.language);
  const language = ex.language || a.language;
  const hindi = language === 'hi';
  const received = asDate(input.receivedAt);
  const c = ex.complainant ?? {};
  const relation = c.fatherOrHusbandName && c.fatherOrHusbandName === a.complainant.fatherOrHusbandName ? a.complainant.relation : null;
  const age = a.complainant.age;
  const from = asDate(ex.incident?.occurredFrom);
  const to = asDate(ex.incident?.occurredTo);
  const place = ex.incident?.place ?? null;
  const address = ex.incident?.address ?? null;
  const cited = citeSections(sections);
  const propertyItems = propertyList(ex.property ?? [], hindi);
  const suspects = people(ex.suspects ?? [], hindi);
  const witnesses = people(ex.witnesses ?? [], hindi);
  const amounts = ex.amountsInr ?? [];
  const account = quote(input.text ?? '');

  const frame = FRAMES[language];
  if (frame) {
    const fill = (tpl: string, v: Record<string, string>) => tpl.replace(/\{(\w+)\}/g, (_m, k: string) => v[k] ?? '');
    const who = [
      c.name ? `${frame.complainant} ${c.name}` : frame.complainant,
      c.fatherOrHusbandName ? `(${relation ?? 'S/o, D/o, W/o'} ${c.fatherOrHusbandName})` : null,
      c.address ? `— ${c.address}` : null,
      c.contact ? `(${c.contact})` : null,
    ].filter(Boolean).join(' ');
    const paras: string[] = [frame.heading];
    paras.push(received ? fill(frame.intro, { date: formatIstDate(received), who }) : fill(frame.intro, { date: '', who }).trim());
    paras.push(`"${account}"`);
    const facts: string[] = [];
    if (from || place) {
      const when = from ? `${fill(frame.on, { date: formatIstDate(from) })}${isIstMidnight(from) ? '' : ` ${formatIstTime(from)}`}` : '';
      facts.push(fill(frame.incident, { when, place: place ? fill(frame.at, { place }) : '' }).replace(/\s+/g, ' '));
    }
    if (propertyItems.length) facts.push(`${frame.property} ${propertyItems.join('; ')}.`);
    if (suspects.length) facts.push(`${frame.suspects} ${suspects.join('; ')}.`);
    if (witnesses.length) facts.push(`${frame.witnesses} ${witnesses.join('; ')}.`);
    if (facts.length) paras.push(facts.join(' '));
    paras.push(sections.length ? fill(frame.sections, { sections: cited.replace(/ BNS$/, '') }) : frame.noSection);
    return paras.join('\n\n');
  }

  if (hindi) {
    const who = [
      c.name ? `शिकायतकर्ता ${c.name}` : 'शिकायतकर्ता',
      c.fatherOrHusbandName ? `${relation ? RELATION_HI[relation] : 'पिता/पति का नाम'} ${c.fatherOrHusbandName}` : null,
      age ? `उम्र ${age} वर्ष` : null,
      c.occupation ? `व्यवसाय ${c.occupation}` : null,
      c.address ? `निवासी ${c.address}` : null,
      c.contact ? `मोबाइल ${c.contact}` : null,
    ].filter(Boolean).join(', ');
    const paras: string[] = ['संक्षिप्त तथ्य:'];
    paras.push(`${received ? `दिनांक ${formatIstDate(received)} को ` : ''}${who} ने थाने पर शिकायत प्रस्तुत कर निम्नानुसार बताया:`);
    paras.push(`"${account}"`);
    const facts: string[] = [];
    if (from || place) {
      let s = 'शिकायत के अनुसार घटना';
      if (from) s += ` दिनांक ${formatIstDate(from)}${isIstMidnight(from) ? '' : ` को लगभग ${formatIstTime(from)} बजे`}`;
      if (to) s += ` से दिनांक ${formatIstDate(to)}${isIstMidnight(to) ? '' : ` लगभग ${formatIstTime(to)} बजे`} के बीच`;
      if (place) s += ` ${place}${address && address !== place ? ` (${address})` : ''} में`;
      facts.push(`${s} घटित हुई।`);
    }
    if (propertyItems.length) facts.push(`संबंधित संपत्ति: ${propertyItems.join('; ')}।`);
    else if (amounts.length) facts.push(`शिकायत में उल्लिखित राशि: ${amounts.map(formatInr).join(', ')}।`);
    if (suspects.length) facts.push(`संदिग्ध/आरोपी: ${suspects.join('; ')}।`);
    if (witnesses.length) facts.push(`गवाह: ${witnesses.join('; ')}।`);
    if (ex.incident?.delayReason) facts.push(`सूचना में विलंब का कारण: ${ex.incident.delayReason}।`);
    if (facts.length) paras.push(facts.join(' '));
    if (sections.length) {
      const t = titles(sections, true);
      paras.push(`शिकायत में वर्णित तथ्यों से प्रथम दृष्टया धारा ${cited.replace(/\bBNS\b/g, 'भारतीय न्याय संहिता, 2023')} (u/s ${cited})${t ? ` — ${t} —` : ''} के अंतर्गत अपराध घटित होना पाया जाता है। अतः प्रथम सूचना रिपोर्ट दर्ज कर विवेचना हेतु प्रस्तुत है।`);
    } else {
      paras.push('शिकायत में वर्णित तथ्यों से किसी विशिष्ट धारा की पहचान नहीं हो सकी; प्रकरण अधिकारी के परीक्षण हेतु प्रस्तुत है।');
    }
    return paras.join('\n\n');
  }

  const particulars = [
    c.fatherOrHusbandName ? `${relation ?? 'father/husband:'} ${c.fatherOrHusbandName}` : null,
    age ? `aged ${age} years` : null,
    c.occupation ? `${c.occupation.toLowerCase()} by occupation` : null,
    c.address ? `resident of ${c.address}` : null,
  ].filter(Boolean);
  let who = c.name ? `the complainant, ${c.name}` : 'the complainant';
  if (particulars.length) who += `, ${particulars.join(', ')}`;
  if (c.contact) who += ` (contact: ${c.contact})`;
  if (c.name || particulars.length) who += ',';
  const paras: string[] = ['Brief facts of the case:'];
  paras.push(`${received ? `On ${formatIstDate(received)}, ${who}` : capitalise(who)} submitted a complaint at the police station stating as follows:`);
  paras.push(`"${account}"`);
  const facts: string[] = [];
  if (from || place) {
    let s = 'As per the complaint, the incident took place';
    if (from) s += ` on ${formatIstDate(from)}${isIstMidnight(from) ? '' : ` at about ${formatIstTime(from)} hrs`}`;
    if (to) s += ` and continued till ${formatIstDate(to)}${isIstMidnight(to) ? '' : ` ${formatIstTime(to)} hrs`}`;
    if (place) s += ` at ${place.replace(/^in front of /, 'the place in front of ')}${address && address !== place ? ` (${address})` : ''}`;
    facts.push(`${s}.`);
  }
  if (propertyItems.length) facts.push(`Property involved: ${propertyItems.join('; ')}.`);
  else if (amounts.length) facts.push(`Amount(s) mentioned in the complaint: ${amounts.map(formatInr).join(', ')}.`);
  if (suspects.length) facts.push(`Suspect(s)/accused: ${suspects.join('; ')}.`);
  if (witnesses.length) facts.push(`Witness(es): ${witnesses.join('; ')}.`);
  if (ex.incident?.delayReason) facts.push(`Reason for delay in reporting: ${ex.incident.delayReason}.`);
  if (facts.length) paras.push(facts.join(' '));
  if (sections.length) {
    const t = titles(sections, false);
    paras.push(`The facts stated prima facie disclose the commission of offence(s) punishable u/s ${cited}${t ? ` (${t})` : ''}. The matter is submitted for registration of the FIR and investigation.`);
  } else {
    paras.push('No specific offence section could be identified from the facts stated; the matter is submitted for examination by the officer.');
  }
  return paras.join('\n\n');
}
