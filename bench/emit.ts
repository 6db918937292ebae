/**
 * The YAML text of the benchmark generator's units and qualifications (generate.ts builds their
 * data, these write it out as a spec file lays it out: folded prose, sizes as numbers or ranges).
 */
import { folded } from './words';

export interface SkUnit {
  k: number;
  ref: string;
  uan: string;
  level: number;
  group: number;
  credit: number;
  /** Index within its group; 0-3 are the level-L 3-credit witnesses, 4-5 the level-L 4-credit ones. */
  slot: number;
}

export interface UnitData {
  sk: SkUnit;
  title: string;
  glh: number;
  tqt: number;
  credit: number;
  uan: string;
  purpose: string;
  links: { standard: string; ksbs: { code: string; text: string }[] }[];
  los: { text: string; acs: { number: string; quoted: boolean; text: string }[] }[];
  ic: string[][];
  ag: string[];
  keys: { purpose: string };
  dropLastAg: boolean;
  syntaxError: boolean;
}

export function emitUnit(out: string[], u: UnitData, groupId: string, ssa: string): void {
  out.push(`  - ref: ${u.sk.ref}`);
  out.push(`    uan: ${u.uan}`);
  out.push(`    title: ${u.title}`);
  out.push(`    level: ${u.sk.level}`);
  out.push(`    group: ${groupId}`);
  out.push(`    glh: ${u.glh}`);
  out.push(`    tqt: ${u.tqt}`);
  out.push(`    credit: ${u.credit}`);
  if (u.syntaxError) out.push('   note: indented one space too few');
  out.push(`    ${u.keys.purpose}: >-`);
  out.push(folded(u.purpose, '      '));
  if (!u.links.length) out.push('    apprenticeshipLinks: []');
  else {
    out.push('    apprenticeshipLinks:');
    for (const l of u.links) {
      out.push(`      - standard: ${l.standard}`);
      out.push('        ksbs:');
      for (const k of l.ksbs) {
        out.push(`          - code: ${k.code}`);
        out.push(`            text: ${k.text}`);
      }
    }
  }
  out.push(`    sectorSubjectArea: ${ssa}`);
  out.push('    learningOutcomes:');
  u.los.forEach((lo, i) => {
    out.push(`      - number: ${i + 1}`);
    out.push(`        text: ${lo.text}`);
    out.push('        criteria:');
    for (const ac of lo.acs) {
      out.push(`          - number: ${ac.quoted ? `"${ac.number}"` : ac.number}`);
      out.push(`            text: ${ac.text}`);
    }
  });
  out.push('    indicativeContent:');
  u.ic.forEach((lines, i) => {
    out.push(`      - lo: ${i + 1}`);
    out.push('        text: |-');
    for (const l of lines) out.push(`          ${l}`);
  });
  out.push('    assessorGuidance:');
  u.ag.forEach((text, i) => {
    if (u.dropLastAg && i === u.ag.length - 1) return;
    out.push(`      - lo: ${i + 1}`);
    out.push('        text: |-');
    out.push(`          ${text}`);
  });
}

export interface Qual {
  title: string;
  type: 'award' | 'certificate' | 'diploma';
  level: number;
  qan: string;
  glh: number | { min?: number; max?: number };
  tqt: number | { min?: number; max?: number };
  credit: number | { min?: number; max?: number };
  units?: string[];
  pool?: { groups: string[]; units: string[] };
  rules?: string[][]; // pre-rendered rule lines (without the leading "- ")
}

export function size(out: string[], key: string, v: Qual['glh']): void {
  if (typeof v === 'number') out.push(`    ${key}: ${v}`);
  else {
    out.push(`    ${key}:`);
    if (v.min !== undefined) out.push(`      min: ${v.min}`);
    if (v.max !== undefined) out.push(`      max: ${v.max}`);
  }
}

export function emitQual(out: string[], q: Qual): void {
  out.push(`  - title: ${q.title}`);
  out.push(`    type: ${q.type}`);
  out.push(`    level: ${q.level}`);
  out.push(`    qan: ${q.qan}`);
  size(out, 'glh', q.glh);
  size(out, 'tqt', q.tqt);
  size(out, 'credit', q.credit);
  if (q.units) {
    out.push('    units:');
    for (const u of q.units) out.push(`      - ${u}`);
  }
  if (q.pool) {
    out.push('    pool:');
    out.push(`      groups: [${q.pool.groups.join(', ')}]`);
    if (q.pool.units.length) out.push(`      units: [${q.pool.units.join(', ')}]`);
  }
  if (q.rules) {
    out.push('    rules:');
    for (const r of q.rules) r.forEach((l, i) => out.push(`${i === 0 ? '      - ' : '        '}${l}`));
  }
}

/**
 * The Certificate: every unit of the file may be chosen. Its smallest valid selection is five
 * 3-credit level-L units (2 + 2 + 1 units by the group rules, every unit has at least 3 credits),
 * which the witnesses of groups 0-2 give (15 credits); its largest is 36 (the total rule), which the
 * twelve witnesses of groups 0-2 reach exactly; GLH and TQT are 5x and 10x the credit for every unit.
 */
