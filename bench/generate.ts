/**
 * A seeded generator of realistic qualspec workspaces for the benchmarks (issue 7).
 *
 * Each file looks like the ISP Level 5 spec: a document with a change history, facts, ~15 prose
 * sections, four groups, a dozen Awards, a Certificate and a Diploma whose rules of combination use
 * every rule kind (total credits, per-group and per-group-set unit and credit limits, a unit-scoped
 * limit, mandatory units, barred combinations, a level share, and — in a workspace of two or more
 * files — units drawn from another spec file), then ~40 units with learning outcomes, assessment
 * criteria, indicative content and assessor guidance of the ISP spec's sizes (about 8 KB a unit,
 * about 360 KB a file).
 *
 * - Unit refs, UANs and QANs are unique across the whole workspace and carry valid check characters.
 * - The stated credit, GLH and TQT ranges of the Certificate and the Diploma are exactly what their
 *   rules allow, by construction (see `certificate()` and `diploma()`), so a workspace generated
 *   with no injected errors lints clean.
 * - `errorRate` is the probability, per unit and per qualification, that one error is injected
 *   (a wrong credit, a bad check character, an AC numbering gap, a misspelt key, …); every injected
 *   error is listed in the manifest.
 * - Same options, same bytes: every file has its own PRNG streams derived from (seed, file index),
 *   so files can be generated one at a time, in any order, without holding the workspace in memory.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { qanCheckChar, uanCheckLetter, UAN_LETTERS } from '../server/src/core/model/identifiers.js';
import {
  Rng,
  VERBS,
  AC_VERBS,
  IC_STARTS,
  GROUPS,
  SUBJECTS,
  BODIES,
  SECTION_IDS,
  STANDARDS,
  clean,
  phrase,
  sentence,
  paragraph,
  titleWords,
  folded,
} from './words';

import { emitQual, emitUnit, type Qual, type SkUnit, type UnitData } from './emit';

export { Rng } from './words';

export interface GenerateOptions {
  /** Number of spec files (default 1,000). */
  files: number;
  /** Units per file, about (default 40; at least 40: four groups of at least ten). */
  units: number;
  seed: string | number;
  /** Probability per unit and per qualification of one injected error (default 0). */
  errorRate: number;
  /** Write a `# yaml-language-server: $schema=<ref>` modeline as the first line. */
  schemaRef?: string;
}

export const DEFAULT_OPTIONS: GenerateOptions = { files: 1000, units: 40, seed: 1, errorRate: 0 };

export interface Injected {
  file: string;
  kind: string;
  /** The unit ref or qualification title the error was put into. */
  where: string;
}

export interface GeneratedFile {
  name: string;
  text: string;
  injected: Injected[];
}

// ---------------------------------------------------------------------------------------------
// Identifiers with check characters, computed by the linter's own functions.

export function uanFor(n: number): string {
  const d = String(n).padStart(7, '0');
  const unchecked = `A/${d.slice(0, 3)}/${d.slice(3)}`;
  return uanCheckLetter(unchecked)! + unchecked.slice(1);
}

export function qanFor(n: number): string {
  const d = String(n).padStart(7, '0');
  const unchecked = `${d.slice(0, 3)}/${d.slice(3)}/0`;
  return unchecked.slice(0, -1) + qanCheckChar(unchecked)!;
}

const UNIT_SLOTS = 64; // unit numbers per file: UAN digits and ref numbers are file * 64 + k
const QUAL_SLOTS = 32;
const uanNumber = (file: number, k: number) => 6_500_000 + file * UNIT_SLOTS + k;
const qanNumber = (file: number, q: number) => 6_030_000 + file * QUAL_SLOTS + q;

// ---------------------------------------------------------------------------------------------
// The skeleton of a file (what other files need to know about it: its units), from its own stream.

interface Skeleton {
  file: number;
  level: number;
  groups: { id: string; title: string; letter: string }[];
  units: SkUnit[];
  byGroup: SkUnit[][];
}

const CREDITS = [3, 3, 3, 4, 4, 5, 5, 6, 6, 8];

function skeleton(opts: GenerateOptions, file: number): Skeleton {
  const r = new Rng(`${opts.seed}|skeleton|${file}`);
  const level = 3 + (file % 4); // 3..6
  const groups = r.shuffle(GROUPS).slice(0, 4);
  const n = Math.max(40, opts.units) + r.int(0, Math.max(2, Math.round(opts.units / 8)));
  const units: SkUnit[] = [];
  const byGroup: SkUnit[][] = groups.map(() => []);
  for (let k = 0; k < Math.min(n, UNIT_SLOTS); k++) {
    const group = k % 4;
    const slot = byGroup[group]!.length;
    let lvl: number;
    let credit: number;
    if (slot < 4) [lvl, credit] = [level, 3];
    else if (slot < 6) [lvl, credit] = [level, 4];
    else {
      const x = r.next();
      lvl = x < 0.3 ? level - 1 : x < 0.92 ? level : level + 1;
      credit = r.pick(CREDITS);
    }
    const ref = `L${lvl}${groups[group]!.letter}${file * UNIT_SLOTS + k + 1}`;
    const u: SkUnit = { k, ref, uan: uanFor(uanNumber(file, k)), level: lvl, group, credit, slot };
    units.push(u);
    byGroup[group]!.push(u);
  }
  // Group order in the file: units listed group by group, as published specs do.
  units.sort((a, b) => a.group - b.group || a.slot - b.slot);
  return { file, level, groups, units, byGroup };
}

// ---------------------------------------------------------------------------------------------
// The KSB texts of the workspace: one text per code per standard, everywhere.

function ksbText(opts: GenerateOptions, standard: number, code: string): string {
  const r = new Rng(`${opts.seed}|ksb|${standard}|${code}`);
  return clean(`${sentence(r, r.int(6, 16))}.`);
}

// ---------------------------------------------------------------------------------------------
// One file.

const UNIT_ERRORS = [
  'credit-tqt',
  'glh-tqt',
  'uan-check-character',
  'ac-numbering',
  'unknown-key',
  'title-case',
  'doubled-word',
  'yaml-type-trap',
  'unit-incomplete',
  'yaml-syntax',
] as const;
const QUAL_ERRORS = ['qan-check-digit', 'award-totals', 'title-level-size'] as const;

export function fileName(file: number, files: number): string {
  return `spec-${String(file + 1).padStart(Math.max(4, String(files).length), '0')}.yaml`;
}

function makeUnit(opts: GenerateOptions, r: Rng, sk: SkUnit, level: number): UnitData {
  const nLo = r.pick([2, 3, 3, 3, 3, 4, 4, 5]);
  const los: UnitData['los'] = [];
  for (let i = 1; i <= nLo; i++) {
    const nAc = r.pick([2, 3, 3, 3, 3, 4, 4, 5, 6]);
    const acs = [];
    for (let j = 1; j <= nAc; j++) acs.push({ number: `${i}.${j}`, quoted: true, text: clean(`${r.pick(AC_VERBS)} ${phrase(r, r.int(4, 10))}`) });
    los.push({ text: clean(`${r.chance(0.6) ? 'Be able to' : 'Understand'} ${r.pick(VERBS)} ${phrase(r, r.int(3, 7))}`), acs });
  }
  const ic = los.map(() => {
    const lines: string[] = [];
    const n = r.int(2, 14);
    for (let i = 0; i < n; i++)
      lines.push(clean(`- ${r.pick(IC_STARTS)} ${r.pick(VERBS)} ${phrase(r, r.int(5, 17))}${r.chance(0.3) ? `, e.g., ${phrase(r, r.int(4, 10))} etc.` : ''}`));
    return lines;
  });
  const ag = los.map((_, i) =>
    clean(
      `Learners should ${r.pick(VERBS)} at least ${r.pick(['two', 'three', 'four'])} ${phrase(r, r.int(4, 8))} (LO${i + 1}). ${paragraph(r, r.int(100, 650))}`,
    ),
  );
  const links: UnitData['links'] = [];
  const nStd = r.pick([0, 1, 1, 1, 2]);
  for (const s of r.shuffle(STANDARDS.map((_, i) => i)).slice(0, nStd)) {
    const codes = new Set<string>();
    const nk = r.int(1, 6);
    while (codes.size < nk) codes.add(`${r.pick(['K', 'S', 'B'])}${r.int(1, 24)}`);
    links.push({ standard: STANDARDS[s]!, ksbs: [...codes].sort().map((code) => ({ code, text: ksbText(opts, s, code) })) });
  }
  return {
    sk,
    title: titleWords(r, r.int(2, 5)),
    glh: sk.credit * 5,
    tqt: sk.credit * 10,
    credit: sk.credit,
    uan: sk.uan,
    purpose: clean(`To enable learners to ${r.pick(VERBS)} ${phrase(r, r.int(6, 12))} at level ${level}. ${paragraph(r, r.int(20, 140))}`),
    links,
    los,
    ic,
    ag,
    keys: { purpose: 'purpose' },
    dropLastAg: false,
    syntaxError: false,
  };
}

function injectUnitError(r: Rng, u: UnitData, kind: (typeof UNIT_ERRORS)[number]): void {
  switch (kind) {
    case 'credit-tqt':
      u.credit += 1;
      break;
    case 'glh-tqt':
      u.glh = u.tqt + 5;
      break;
    case 'uan-check-character': {
      const right = u.uan[0]!;
      u.uan = (UAN_LETTERS[(UAN_LETTERS.indexOf(right) + 1 + r.int(0, 9)) % 11] ?? 'A') + u.uan.slice(1);
      break;
    }
    case 'ac-numbering':
      u.los[0]!.acs[u.los[0]!.acs.length - 1]!.number = `1.${u.los[0]!.acs.length + 1}`;
      break;
    case 'unknown-key':
      u.keys.purpose = 'purpse';
      break;
    case 'title-case':
      u.title = u.title.charAt(1).toLowerCase() + u.title.slice(2);
      break;
    case 'doubled-word': {
      const ac = u.los[0]!.acs[0]!;
      const w = ac.text.split(' ');
      w.splice(1, 0, w[1]!);
      ac.text = w.join(' ');
      break;
    }
    case 'yaml-type-trap':
      u.los[0]!.acs[0]!.quoted = false;
      break;
    case 'unit-incomplete':
      u.dropLastAg = true;
      break;
    case 'yaml-syntax':
      u.syntaxError = true;
      break;
  }
}

function certificate(sk: Skeleton, subject: string, qan: string): Qual {
  const g = sk.groups.map((x) => x.id);
  const [b, c, d] = sk.byGroup as [SkUnit[], SkUnit[], SkUnit[]];
  const L = sk.level;
  return {
    title: `Level ${L} Certificate in ${subject}`,
    type: 'certificate',
    level: L,
    qan,
    glh: { min: 75, max: 180 },
    tqt: { min: 150, max: 360 },
    credit: { min: 15, max: 36 },
    rules: [
      ['id: total', 'text: A minimum of 13 credits, maximum 36 credits', 'minCredits: 13', 'maxCredits: 36'],
      ['id: mandatory', `text: Unit ${b[0]!.ref} is mandatory`, `mandatory: [${b[0]!.ref}]`],
      [`id: ${g[0]}-units`, `text: At least two ${g[0]!.toUpperCase()} units`, `groups: [${g[0]}]`, 'minUnits: 2'],
      [`id: ${g[1]}-units`, `text: At least two ${g[1]!.toUpperCase()} units`, `groups: [${g[1]}]`, 'minUnits: 2'],
      [
        `id: ${g[2]}-or-${g[3]}-units`,
        `text: At least one ${g[2]!.toUpperCase()} unit or ${g[3]!.toUpperCase()} unit`,
        `groups: [${g[2]}, ${g[3]}]`,
        'minUnits: 1',
      ],
      [`id: ${g[3]}-credits`, `text: No more than 12 credits from ${g[3]!.toUpperCase()} units`, `groups: [${g[3]}]`, 'maxCredits: 12'],
      [
        'id: optional-choice',
        `text: At most two of ${d[7]!.ref}, ${d[8]!.ref} and ${d[9]!.ref}`,
        `units: [${d[7]!.ref}, ${d[8]!.ref}, ${d[9]!.ref}]`,
        'maxUnits: 2',
      ],
      ['id: barred', `text: ${c[7]!.ref} and ${c[8]!.ref} may not be taken together`, `barred: [${c[7]!.ref}, ${c[8]!.ref}]`],
      ['id: level-share', `text: Units selected must equate to a minimum of 50% at Level ${L} or above.`, 'levelShare:', `  level: ${L}`, '  minPercent: 50'],
    ],
  };
}

/**
 * The Diploma: the four groups plus `foreign` units of another spec file. The group credit minimums
 * add up to 37, the total rule's minimum, and the witnesses meet each exactly (3+3+3, 3+3+3+3, 4+4,
 * 4+4), so the smallest valid selection has 37 credits, 185 GLH and 370 TQT; there is no maximum.
 */
function diploma(sk: Skeleton, subject: string, qan: string, foreign: string[]): Qual {
  const g = sk.groups.map((x) => x.id);
  const [b, , , e] = sk.byGroup as [SkUnit[], SkUnit[], SkUnit[], SkUnit[]];
  const L = sk.level;
  const mins = [9, 12, 8, 8];
  return {
    title: `Level ${L} Diploma in ${subject}`,
    type: 'diploma',
    level: L,
    qan,
    glh: { min: 185 },
    tqt: { min: 370 },
    credit: { min: 37 },
    pool: { groups: g, units: foreign },
    rules: [
      ['id: total', 'text: A minimum of 37 credits', 'minCredits: 37'],
      ['id: mandatory', `text: Unit ${b[0]!.ref} is mandatory`, `mandatory: [${b[0]!.ref}]`],
      ...g.map((id, i) => [
        `id: ${id}-credits`,
        `text: ${id.toUpperCase()} units totalling at least ${mins[i]} credits`,
        `groups: [${id}]`,
        `minCredits: ${mins[i]}`,
      ]),
      [
        'id: optional-choice',
        `text: At most one of ${b[7]!.ref}, ${b[8]!.ref} and ${b[9]!.ref}`,
        `units: [${b[7]!.ref}, ${b[8]!.ref}, ${b[9]!.ref}]`,
        'maxUnits: 1',
      ],
      ['id: barred', `text: ${e[7]!.ref} and ${e[8]!.ref} may not be taken together`, `barred: [${e[7]!.ref}, ${e[8]!.ref}]`],
      ['id: level-share', `text: Units selected must equate to a minimum of 50% at Level ${L} or above.`, 'levelShare:', `  level: ${L}`, '  minPercent: 50'],
    ],
  };
}

/** Generate file number `file` (0-based) of the workspace. */
export function generateFile(options: Partial<GenerateOptions>, file: number): GeneratedFile {
  const opts = { ...DEFAULT_OPTIONS, ...options };
  const sk = skeleton(opts, file);
  const r = new Rng(`${opts.seed}|text|${file}`);
  const er = new Rng(`${opts.seed}|errors|${file}`);
  const name = fileName(file, opts.files);
  const injected: Injected[] = [];
  const L = sk.level;
  const subject = `${r.pick(SUBJECTS)}${r.chance(0.5) ? ` ${r.pick(['Practice', 'Leadership', 'Skills', 'Principles'])}` : ''}`;
  const bodyIdx = r.int(0, BODIES.length - 1);
  const body = BODIES[bodyIdx]!;
  const short = body
    .split(' ')
    .filter((w) => /^[A-Z]/.test(w))
    .map((w) => w[0])
    .join('');
  const ssa = r.pick(['15.4 Marketing and Sales', '15.3 Business Management', '15.2 Administration']);

  const units = sk.units.map((u) => makeUnit(opts, r, u, L));
  for (const u of units)
    if (er.chance(opts.errorRate)) {
      const kind = er.pick(UNIT_ERRORS);
      injectUnitError(er, u, kind);
      injected.push({ file: name, kind, where: u.sk.ref });
    }

  // Awards: a unit or two of level L each, 12 credits at most.
  const quals: Qual[] = [];
  const levelL = units.filter((u) => u.sk.level === L && u.sk.slot >= 6);
  const nAwards = Math.min(levelL.length, r.int(10, 16));
  const chosen = r.shuffle(levelL).slice(0, nAwards);
  for (let i = 0; i < chosen.length; i++) {
    const first = chosen[i]!;
    const members = [first];
    const second = levelL.find((u) => u !== first && u.sk.credit + first.sk.credit <= 12 && !chosen.includes(u));
    if (second && r.chance(0.3)) members.push(second);
    const sum = (f: (u: UnitData) => number) => members.reduce((s, u) => s + f(u), 0);
    quals.push({
      title: `Level ${L} Award in ${first.title}${members.length > 1 ? ` and ${members[1]!.title}` : ''}`,
      type: 'award',
      level: L,
      qan: qanFor(qanNumber(file, i)),
      glh: sum((u) => u.sk.credit * 5),
      tqt: sum((u) => u.sk.credit * 10),
      credit: sum((u) => u.sk.credit),
      units: members.map((u) => u.sk.ref),
    });
  }
  quals.push(certificate(sk, subject, qanFor(qanNumber(file, QUAL_SLOTS - 2))));
  let foreign: string[] = [];
  if (opts.files > 1) {
    const other = skeleton(opts, (file + 1) % opts.files);
    foreign = other.units
      .filter((u) => u.slot === 6)
      .slice(0, 2)
      .map((u) => u.ref);
  }
  quals.push(diploma(sk, subject, qanFor(qanNumber(file, QUAL_SLOTS - 1)), foreign));
  for (const q of quals)
    if (er.chance(opts.errorRate)) {
      const kind = er.pick(QUAL_ERRORS);
      if (kind === 'qan-check-digit') q.qan = q.qan.slice(0, -1) + (q.qan.endsWith('1') ? '2' : '1');
      else if (kind === 'award-totals' && typeof q.credit === 'number') q.credit += 1;
      else if (kind === 'title-level-size') q.title = q.title.replace(`Level ${L}`, `Level ${L + 1}`);
      else continue;
      injected.push({ file: name, kind, where: q.title });
    }

  // The document.
  const out: string[] = [];
  if (opts.schemaRef) out.push(`# yaml-language-server: $schema=${opts.schemaRef}`);
  out.push(`# ${body} Level ${L} Qualifications in ${subject} (generated by bench/generate.ts, seed ${opts.seed}, file ${file + 1}).`);
  out.push('qualspec: 1');
  out.push('document:');
  out.push(`  awardingBody: ${body}`);
  out.push(`  awardingBodyShort: ${short}`);
  out.push(`  title: ${short} Level ${L} Qualifications in ${subject}`);
  out.push('  subtitle: Award, Certificate and Diploma Qualification Specifications');
  out.push(`  sectorSubjectArea: ${ssa}`);
  const nVersions = r.int(2, 4);
  const year = 2016 + r.int(0, 6);
  const versions = Array.from({ length: nVersions }, (_, i) => ({
    v: `1.${i}`,
    date: `${year + i}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
  }));
  out.push(`  version: "${versions[nVersions - 1]!.v}"`);
  out.push(`  published: ${versions[nVersions - 1]!.date}`);
  out.push('  changeHistory:');
  for (const v of versions) {
    out.push(`    - version: "${v.v}"`);
    out.push(`      date: ${v.date}`);
    out.push(`      summary: ${sentence(r, r.int(5, 14))}`);
    out.push(`      author: ${r.pick(['KA', 'SG', 'JM', 'RT', 'PL'])}`);
  }
  out.push('facts:');
  out.push(`  minimumAge: ${r.pick([16, 18, 19])}`);
  out.push(`  grading: ${r.pick(['pass', 'pass-merit-distinction'])}`);
  out.push(`  assessment: ${r.pick(['portfolio', 'assignment', 'mixed'])}`);
  out.push('  assessmentNote: >-');
  out.push(folded(paragraph(r, r.int(300, 600)), '    '));
  out.push('  entryRequirements: >-');
  out.push(folded(paragraph(r, r.int(200, 400)), '    '));
  out.push('  progression:');
  for (let i = r.int(2, 4); i > 0; i--)
    out.push(`    - ${short} Level ${Math.min(8, L + (i % 2))} ${r.pick(['Certificate', 'Diploma', 'Award'])} in ${r.pick(SUBJECTS)}`);
  out.push('  regions:');
  out.push('    - England');
  if (r.chance(0.5)) out.push('    - International');
  out.push('sections:');
  const nSections = r.int(14, 20);
  for (let i = 0; i < nSections; i++) {
    out.push(`  - id: ${SECTION_IDS[i]}`);
    out.push(`    title: ${titleWords(r, r.int(2, 5))}`);
    out.push('    body: |-');
    const paras = r.int(1, 4);
    for (let p = 0; p < paras; p++) {
      if (p) out.push('');
      if (r.chance(0.3)) for (let b = r.int(3, 7); b > 0; b--) out.push(`      - ${sentence(r, r.int(3, 12))}`);
      else out.push(`      ${paragraph(r, r.int(150, 700))}`);
    }
  }
  out.push('groups:');
  for (const g of sk.groups) {
    out.push(`  - id: ${g.id}`);
    out.push(`    title: ${g.title}`);
    out.push(`    letter: ${g.letter}`);
  }
  out.push('qualifications:');
  for (const q of quals) emitQual(out, q);
  out.push('units:');
  for (const u of units) emitUnit(out, u, sk.groups[u.sk.group]!.id, ssa);
  out.push('');
  return { name, text: out.join('\n'), injected };
}

/** Every file of the workspace, one at a time. */
export function* generateWorkspace(options: Partial<GenerateOptions>): Generator<GeneratedFile> {
  const opts = { ...DEFAULT_OPTIONS, ...options };
  for (let i = 0; i < opts.files; i++) yield generateFile(opts, i);
}

/** Write the workspace into `dir` (emptied of spec files first) with a manifest, workspace.json. */
export function writeWorkspace(dir: string, options: Partial<GenerateOptions>): { files: number; bytes: number; injected: Injected[] } {
  const opts = { ...DEFAULT_OPTIONS, ...options };
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (/^spec-\d+\.yaml$/.test(f) || f === 'workspace.json') rmSync(path.join(dir, f));
  let bytes = 0;
  const injected: Injected[] = [];
  for (const f of generateWorkspace(opts)) {
    writeFileSync(path.join(dir, f.name), f.text);
    bytes += Buffer.byteLength(f.text);
    injected.push(...f.injected);
  }
  writeFileSync(
    path.join(dir, 'workspace.json'),
    JSON.stringify({ generator: 'bench/generate.ts', options: opts, files: opts.files, bytes, injected }, null, 2) + '\n',
  );
  return { files: opts.files, bytes, injected };
}
