/**
 * The random source and the words of the benchmark workspace generator (generate.ts): a seeded
 * PRNG, one stream per (seed, file, purpose), and the vocabulary and sentence makers its prose is
 * built from. Same key, same stream: the generator's bytes depend on nothing else.
 */

// ---------------------------------------------------------------------------------------------
// PRNG: a 32-bit string hash seeds one mulberry32 stream per (seed, file, purpose).

import { Prng } from '../test/helpers/prng';

function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** The tests' mulberry32 (test/helpers/prng.ts), seeded from a string key. */
export class Rng extends Prng {
  constructor(key: string) {
    super(hash32(key));
  }
  /** As Prng's, but draws nothing for p = 0, so the generator's streams (and so its bytes) stay as they were. */
  override chance(p: number): boolean {
    return p > 0 && super.chance(p);
  }
  shuffle<T>(list: readonly T[]): T[] {
    const a = [...list];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  }
}

// ---------------------------------------------------------------------------------------------
// Words. Plain, safe in plain YAML scalars (no ': ', no ' #', no leading indicator characters).

export const NOUNS = (
  'account customer market strategy forecast pipeline territory proposal tender stakeholder budget margin revenue ' +
  'profitability segment campaign portfolio relationship negotiation objection opportunity prospect contract pricing ' +
  'discount channel partner supplier procurement requirement solution product service value proposition risk ' +
  'compliance regulation policy procedure process performance target objective measure indicator report dashboard ' +
  'system platform database record analysis insight trend variance plan review feedback team colleague manager leader ' +
  'coach mentor learner behaviour skill knowledge competence capability development career progression recruitment ' +
  'induction motivation engagement culture change innovation idea decision problem evidence portfolio assessment ' +
  'criterion outcome standard framework model technique tool method approach practice principle ethic integrity ' +
  'communication presentation meeting conversation question listening rapport trust loyalty retention growth share ' +
  'competitor benchmark research survey interview data information resource time cost overhead cash flow invoice'
).split(' ');
export const VERBS = (
  'analyse evaluate explain describe identify assess review develop implement monitor measure manage plan prepare ' +
  'present negotiate agree communicate compare contrast justify recommend prioritise estimate calculate forecast ' +
  'design produce apply use select establish maintain improve support lead coach motivate influence research ' +
  'interpret summarise consult document record report agree'
).split(' ');
export const ADJECTIVES = (
  'effective strategic commercial financial operational organisational professional ethical digital relevant key ' +
  'appropriate current future potential typical different internal external long-term short-term regular formal ' +
  'informal structured critical competitive sustainable customer-focused measurable realistic accurate consistent'
).split(' ');
export const LINKS = 'and of for with within to across through by in on against'.split(' ');
export const AC_VERBS = [
  'Analyse',
  'Evaluate',
  'Explain',
  'Describe',
  'Identify',
  'Assess',
  'Review',
  'Develop',
  'Implement',
  'Monitor',
  'Produce',
  'Justify',
  'Recommend',
  'Compare',
  'Prepare',
  'Lead',
  'Plan',
  'Agree',
  'Present',
  'Use',
];
export const TITLE_VERBS = ['Manage', 'Develop', 'Lead', 'Analyse', 'Plan', 'Deliver', 'Evaluate', 'Build', 'Improve', 'Apply', 'Coordinate', 'Review'];
export const IC_STARTS = [
  'How to',
  'Why it is important to',
  'The ways to',
  'When to',
  'The benefits of being able to',
  'What is meant by being able to',
  'The tools used to',
  'Who needs to',
];
export const GROUPS: readonly { id: string; title: string; letter: string }[] = [
  { id: 'business', title: 'Business', letter: 'B' },
  { id: 'core', title: 'Core', letter: 'C' },
  { id: 'leadership', title: 'Leadership', letter: 'L' },
  { id: 'self', title: 'Self', letter: 'S' },
  { id: 'marketing', title: 'Marketing', letter: 'M' },
  { id: 'digital', title: 'Digital', letter: 'D' },
  { id: 'finance', title: 'Finance', letter: 'F' },
  { id: 'operations', title: 'Operations', letter: 'O' },
  { id: 'people', title: 'People', letter: 'P' },
  { id: 'technology', title: 'Technology', letter: 'T' },
  { id: 'regulation', title: 'Regulation', letter: 'R' },
  { id: 'accounts', title: 'Accounts', letter: 'A' },
];
export const SUBJECTS = [
  'Professional Sales',
  'Sales Management',
  'Account Management',
  'Business Development',
  'Key Account Leadership',
  'Sales Operations',
  'Customer Success',
  'Commercial Negotiation',
  'Channel Sales',
  'Retail Sales Leadership',
  'Inside Sales',
  'Field Sales',
  'Sales Enablement',
  'Bid and Tender Management',
  'Strategic Selling',
  'Sales Coaching',
];
export const BODIES = [
  'Institute of Sales Professionals',
  'Institute of Commercial Management',
  'Association of Sales Trainers',
  'Chartered Sales Board',
  'Federation of Selling Professionals',
  'Sales Leadership Council',
];
export const SECTION_IDS = [
  'introduction',
  'about-the-body',
  'sales-qualifications',
  'qualifications-structure',
  'about-the-level',
  'description-target-audience',
  'progression',
  'qualification-structures',
  'rules-of-combination',
  'tqt-glh-definitions',
  'entry-requirements',
  'rpl',
  'assessment',
  'simulation',
  'realistic-work-environment',
  'assessor-requirements',
  'iqa-requirements',
  'tutor-competence',
  'equality-and-diversity',
  'appendix-qualification-content',
];
export const STANDARDS = [
  'Level 4 Sales Executive Apprenticeship',
  'Level 5 Operations Manager Apprenticeship',
  'Level 6 Business to Business Sales Professional Apprenticeship',
  'Level 3 Team Leader Apprenticeship',
  'Level 5 Coaching Professional Apprenticeship',
  'Level 4 Marketing Executive Apprenticeship',
];

export function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Drop a word equal to the one before it (the doubled-word check would flag it). */
export function noDoubles(words: string[]): string[] {
  return clean(words.join(' ')).split(' ');
}

/** Remove every doubled word ("plan plan", "long-term term"), as the doubled-word check sees them. */
export function clean(s: string): string {
  for (;;) {
    const t = s.replace(/\b([A-Za-z]+)\s+\1\b/gi, '$1');
    if (t === s) return s;
    s = t;
  }
}

export function phrase(r: Rng, n: number): string {
  const w: string[] = [];
  while (w.length < n) {
    if (r.chance(0.3)) w.push(r.pick(ADJECTIVES));
    w.push(r.pick(NOUNS));
    if (w.length < n - 1) w.push(r.pick(LINKS));
  }
  return noDoubles(w).join(' ');
}

export function sentence(r: Rng, n: number): string {
  return cap(noDoubles(`${r.pick(VERBS)} the ${phrase(r, n)}`.split(' ')).join(' '));
}

export function paragraph(r: Rng, chars: number): string {
  const s: string[] = [];
  let len = 0;
  while (len < chars) {
    const t = `${sentence(r, r.int(8, 22))}${r.chance(0.3) ? `, e.g., ${phrase(r, r.int(3, 8))}` : ''}.`;
    s.push(t);
    len += t.length + 1;
  }
  return clean(s.join(' '));
}

export function titleWords(r: Rng, n: number): string {
  const words = [r.pick(TITLE_VERBS)];
  while (words.length < n) words.push(cap(r.pick(NOUNS)));
  return noDoubles(words).join(' ');
}

/** Wrap prose for a folded (>-) block scalar at `width`, indented by `indent`. */
export function folded(text: string, indent: string, width = 100): string {
  const lines: string[] = [];
  let cur = '';
  for (const w of text.split(' ')) {
    if (cur && cur.length + 1 + w.length > width) {
      lines.push(indent + cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(indent + cur);
  return lines.join('\n');
}
