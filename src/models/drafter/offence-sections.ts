/**
 * What follows from the offences a complaint describes: the BNS section each offence rule yields
 * (principal offence first, only numbers in the knowledge base), how serious the offence a section
 * punishes is, and the words each offence adds to the retrieval query.
 */
import { BNS_SECTIONS } from '../../legal/knowledge-base.ts';
import type { OffenceContext, OffenceFacts, OffenceKey } from './offences.ts';

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
