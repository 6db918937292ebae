/**
 * Hover texts: a unit ref anywhere (what the unit is and where it is defined), a group id, a
 * qualification (computed totals, size band), a rule of combination (whether and how it can be
 * met), a UAN or QAN (check-character verdict), and any key (the schema's description).
 */
import type { Hover, MarkupContent, Position } from 'vscode-languageserver-types';
import type { QualificationModel, RuleModel, SpecModel } from '../core/model/spec.js';
import { qanCheckChar, QAN_FORM, uanCheckLetter, UAN_FORM } from '../core/model/identifiers.js';
import { BANDS, bandFor, creditForTqt, sizeText, type QualType } from '../core/model/sizes.js';
import { describeRule, type ComboRule, type ComboUnit } from '../core/combination/index.js';
import { inScope } from '../core/combination/model.js';
import { baseName, toRange, type ServiceHost, type SpecFile } from './host.js';
import { refAt, unitDefinitions } from './navigation.js';
import { nodeAt, type PathSeg } from './yaml-nav.js';
import { schemaAt, typeWords } from './schema-info.js';
import { analyseQualification, comboRulesOf, formatCount, rangeText, type QualAnalysis } from './combination.js';

const md = (value: string): MarkupContent => ({ kind: 'markdown', value });

const code = (s: string | number) => `\`${String(s).replace(/`/g, "'")}\``;

function plainIfNeeded(host: ServiceHost, text: string): MarkupContent {
  if (host.features.markdown) return md(text);
  return { kind: 'plaintext', value: text.replace(/\*\*|`/g, '') };
}

export function hover(host: ServiceHost, uri: string, position: Position): Hover | null {
  const file = host.file(uri);
  if (!file) return null;
  const offset = file.lines.offsetAt(position);
  const ref = refAt(file, offset);
  if (ref) {
    const text = ref.kind === 'unit' ? unitHover(host, file, ref.ref) : groupHover(host, file, ref.ref);
    return { contents: plainIfNeeded(host, text), range: toRange(file.lines, ref.span) };
  }
  const hit = nodeAt(file.analysis.parsed, offset);
  if (!hit) return null;
  const text = nodeHover(host, file, hit.path, hit.part, hit.scalar);
  if (!text) return null;
  return { contents: plainIfNeeded(host, text), range: toRange(file.lines, hit.span) };
}

// ------------------------------------------------------------------ units and groups

function groupTitleIn(host: ServiceHost, uri: string, id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  return host.index.get(uri)?.groups.find((g) => g.id === id)?.title;
}

function lineOf(host: ServiceHost, uri: string, offset: number): number {
  const l = host.lines(uri);
  return l ? l.positionAt(offset).line + 1 : 1;
}

export function unitHover(host: ServiceHost, file: SpecFile, ref: string): string {
  const defs = unitDefinitions(host, ref, file.uri);
  if (!defs.length) return `**Unit ${ref}** is not defined in this file or elsewhere in the workspace.`;
  const u = defs[0]!;
  const f = u.fields;
  const lines: string[] = [];
  lines.push(`**Unit ${ref}**${typeof f.title === 'string' ? ` — ${f.title}` : ''}`);
  const facts: string[] = [];
  if (f.level !== undefined) facts.push(`Level ${f.level}`);
  if (f.credit !== undefined) facts.push(`${f.credit} credit${f.credit === 1 ? '' : 's'}`);
  if (f.glh !== undefined) facts.push(`GLH ${f.glh}`);
  if (f.tqt !== undefined) facts.push(`TQT ${f.tqt}`);
  if (typeof f.group === 'string') {
    const gt = groupTitleIn(host, u.uri, f.group);
    facts.push(`group ${gt ? `${gt} (${code(f.group)})` : code(f.group)}`);
  }
  if (facts.length) lines.push(facts.join(' · '));
  if (typeof f.uan === 'string') lines.push(`UAN ${f.uan} — ${uanVerdict(f.uan)}`);
  const where = (x: typeof u) =>
    `${x.uri === file.uri ? 'this file' : baseName(x.uri)}, line ${lineOf(host, x.uri, x.refSpan.start)}${x.summary ? ' (summary)' : ''}`;
  lines.push(`Defined in ${where(u)}${defs.length > 1 ? `; also in ${defs.slice(1, 4).map(where).join('; ')}${defs.length > 4 ? ' …' : ''}` : ''}`);
  if (u.specifiedIn) lines.push(`Specified in full in ${u.specifiedIn}`);
  return lines.join('\n\n');
}

function groupHover(host: ServiceHost, file: SpecFile, id: string): string {
  const summary = host.index.get(file.uri);
  const g = summary?.groups.find((x) => x.id === id);
  if (!g) return `**Group ${code(id)}** is not declared under \`groups\` in this file.`;
  const units = summary!.units.filter((u) => u.fields.group === id);
  const credits = units.reduce((s, u) => s + (typeof u.fields.credit === 'number' ? u.fields.credit : 0), 0);
  const list = units.map((u) => u.ref);
  return [
    `**Group ${code(id)}**${g.title ? ` — ${g.title}` : ''}`,
    `${units.length} unit${units.length === 1 ? '' : 's'}, ${credits} credits${list.length ? `: ${list.slice(0, 12).join(', ')}${list.length > 12 ? ' …' : ''}` : ''}`,
  ].join('\n\n');
}

// ------------------------------------------------------------------ identifiers

export function uanVerdict(uan: string): string {
  if (!UAN_FORM.test(uan)) return `not of the form L/NNN/NNNN (e.g. A/651/5975)`;
  const expected = uanCheckLetter(uan)!;
  return expected === uan[0] ? `check letter ${uan[0]} matches its digits ✓` : `check letter ${uan[0]} does not match its digits: they imply ${expected} ✗`;
}

export function qanVerdict(qan: string): string {
  if (!QAN_FORM.test(qan)) return `not of the form NNN/NNNN/C (e.g. 610/5663/7)`;
  const expected = qanCheckChar(qan)!;
  const actual = qan.slice(-1);
  return expected === actual
    ? `check character ${actual} matches its digits ✓`
    : `check character ${actual} does not match its digits: they imply ${expected} ✗`;
}

// ------------------------------------------------------------------ nodes

const QUAL_FIELDS = new Set(['title', 'type', 'level', 'credit', 'glh', 'tqt']);

function nodeHover(host: ServiceHost, file: SpecFile, path: PathSeg[], part: 'key' | 'value', scalar: unknown): string | undefined {
  const model = file.analysis.model;
  const last = path[path.length - 1];
  if (part === 'value' && typeof scalar === 'string' && last === 'uan') return `**UAN ${scalar}** — ${uanVerdict(scalar)}`;
  if (part === 'value' && typeof scalar === 'string' && last === 'qan') {
    const q = path[0] === 'qualifications' && typeof path[1] === 'number' ? model.qualifications[path[1]] : undefined;
    return `**QAN ${scalar}** — ${qanVerdict(scalar)}${q?.title ? `\n\n${q.title}` : ''}`;
  }
  if (path[0] === 'qualifications' && typeof path[1] === 'number') {
    const q = model.qualifications[path[1]];
    if (q) {
      if (path[2] === 'rules' && typeof path[3] === 'number' && part === 'value') {
        const r = q.rules[path[3]];
        if (r) return ruleHover(host, file, q, r);
      }
      if (part === 'value' && (path.length === 2 || (path.length >= 3 && QUAL_FIELDS.has(String(path[2])) && path.length <= 4)))
        return qualificationHover(host, file, q);
      if (part === 'key' && path.length === 3 && path[2] === 'rules') return `${keyHover(path)}\n\n---\n\n${qualificationHover(host, file, q)}`;
    }
  }
  if (path[0] === 'units' && typeof path[1] === 'number' && part === 'value' && typeof scalar === 'number' && ['credit', 'tqt', 'glh'].includes(String(last))) {
    const u = model.units[path[1]];
    const base = keyHover(path);
    if (u?.tqt !== undefined && u.credit !== undefined) {
      const want = creditForTqt(u.tqt);
      return `${base}\n\nTQT ${u.tqt} hours → ${want} credits${want === u.credit ? ' ✓' : `, but the unit states ${u.credit} ✗`}`;
    }
    return base;
  }
  if (part === 'key') return keyHover(path);
  // Enumerated and numeric values: their key's description.
  if (
    typeof scalar === 'boolean' ||
    typeof scalar === 'number' ||
    (typeof scalar === 'string' && (schemaAt(path)?.alternatives.some((a) => Array.isArray(a.enum)) ?? false))
  )
    return keyHover(path);
  return undefined;
}

function keyHover(path: PathSeg[]): string {
  const view = schemaAt(path);
  const name = String(path[path.length - 1]);
  if (!view) return `**${name}** is not a key of the spec format here.`;
  const words = typeWords(path);
  return [`**${name}**${words ? ` — ${words}` : ''}`, view.description ?? ''].filter(Boolean).join('\n\n');
}

// ------------------------------------------------------------------ qualifications and rules

function statedCredit(q: QualificationModel): number | undefined {
  if (!q.credit) return undefined;
  return q.credit.kind === 'fixed' ? q.credit.value : q.credit.min;
}

function bandLine(q: QualificationModel, achievable?: { min: number; max: number }): string {
  const credit = statedCredit(q) ?? achievable?.min;
  if (credit === undefined) return 'Size band: unknown (no credit value)';
  const band = bandFor(credit);
  const type = q.type;
  const label = BANDS[band].label;
  if (!type) return `Size band: ${label}`;
  const upper = q.credit?.kind === 'range' ? q.credit.max : undefined;
  const upperBand: QualType | undefined = upper !== undefined ? bandFor(upper) : undefined;
  const ok = band === type && (upperBand === undefined || upperBand === type);
  return `Size band: ${label} — ${ok ? `matches its type (${type}) ✓` : `but it is typed ${type} ✗`}`;
}

function sumLine(units: ComboUnit[]): string {
  const sum = (f: 'credit' | 'glh' | 'tqt') => (units.every((u) => typeof u[f] === 'number') ? units.reduce((s, u) => s + (u[f] as number), 0) : undefined);
  const c = sum('credit');
  const g = sum('glh');
  const t = sum('tqt');
  return [c !== undefined ? `${c} credits` : undefined, g !== undefined ? `GLH ${g}` : undefined, t !== undefined ? `TQT ${t}` : undefined]
    .filter(Boolean)
    .join(' · ');
}

export function qualificationHover(host: ServiceHost, file: SpecFile, q: QualificationModel): string {
  const a = analyseQualification(file.analysis.model, q, host.index, file.uri);
  const head = `**${q.title ?? `Qualification ${q.index + 1}`}**${[q.type, q.level !== undefined ? `level ${q.level}` : undefined, q.qan ? `QAN ${q.qan}` : undefined].filter(Boolean).length ? ` (${[q.type, q.level !== undefined ? `level ${q.level}` : undefined, q.qan ? `QAN ${q.qan}` : undefined].filter(Boolean).join(', ')})` : ''}`;
  const lines = [head];
  const stated = `Stated: credit ${sizeText(q.credit)} · GLH ${sizeText(q.glh)} · TQT ${sizeText(q.tqt)}`;
  if (a.qp.missing.length) lines.push(`Units not found: ${a.qp.missing.join(', ')}`);
  if (a.fixed) {
    const units = a.qp.problem.units;
    lines.push(
      `Computed from its ${units.length} unit${units.length === 1 ? '' : 's'} (${units.map((u) => u.ref).join(', ')}): ${sumLine(units) || 'values missing'}`,
    );
    lines.push(stated);
    lines.push(bandLine(q));
    return lines.join('\n\n');
  }
  const an = a.analysis;
  if (an instanceof Error) {
    lines.push(`The rules could not be analysed: ${an.message}`);
    lines.push(stated, bandLine(q));
    return lines.join('\n\n');
  }
  if (!q.rules.length) {
    lines.push(stated, bandLine(q));
    return lines.join('\n\n');
  }
  if (!an.feasible) {
    lines.push(`**No selection of units meets every rule**${an.conflict?.length ? `: ${an.conflict.map(code).join(' and ')} cannot be met together` : ''}.`);
  } else {
    const c = an.credit!;
    lines.push(
      [
        `Achievable: ${rangeText(c.min, c.max)}`,
        an.glh ? `GLH ${an.glh.min}–${an.glh.max}` : undefined,
        an.tqt ? `TQT ${an.tqt.min}–${an.tqt.max}` : undefined,
        `${formatCount(an.count)} valid selection${an.count === 1n ? '' : 's'}`,
      ]
        .filter(Boolean)
        .join(' · '),
    );
    lines.push(`Smallest: ${c.minExample.join(', ')} (${c.min} credits)`);
  }
  lines.push(stated);
  lines.push(bandLine(q, an.credit ? { min: an.credit.min, max: an.credit.max ?? an.credit.min } : undefined));
  return lines.join('\n\n');
}

/** At most this many units are listed inline in a rule's hover. */
const MAX_INLINE_UNITS = 6;

/** How many ways a learner can choose, in words a reader takes in at a glance (not "5,084,459"). */
function waysText(n: bigint): string {
  if (n === 1n) return 'in exactly one way';
  if (n < 1000n) return `in ${formatCount(n)} ways`;
  const x = Number(n);
  const [div, word] = x >= 1e9 ? [1e9, 'billion'] : x >= 1e6 ? [1e6, 'million'] : [1e3, 'thousand'];
  return `in over ${Math.floor((x / div) * 10) / 10} ${word} ways`;
}

function availability(rule: ComboRule, units: ComboUnit[], titles: Record<string, string> | undefined): string {
  switch (rule.kind) {
    case 'count': {
      const inside = units.filter((u) => inScope(rule, u));
      const credits = inside.reduce((s, u) => s + (u.credit ?? 0), 0);
      // A short list inline; a long one (32 units) is a wall of text: the count and credits say enough.
      const list = inside.length && inside.length <= MAX_INLINE_UNITS ? ` (${inside.map((u) => `${u.ref} ${u.credit}`).join(', ')})` : '';
      return `${inside.length} unit${inside.length === 1 ? '' : 's'} in scope, ${credits} credits in all${list}`;
    }
    case 'mandatory': {
      const pool = new Set(units.map((u) => u.ref));
      const absent = rule.units.filter((r) => !pool.has(r));
      return absent.length ? `not on offer: ${absent.join(', ')}` : `all ${rule.units.length} on offer`;
    }
    case 'barred':
      return `a learner may take at most one of ${rule.units.join(', ')}`;
    case 'levelShare': {
      const high = units.filter((u) => u.level >= rule.level).reduce((s, u) => s + (u.credit ?? 0), 0);
      const low = units.filter((u) => u.level < rule.level).reduce((s, u) => s + (u.credit ?? 0), 0);
      void titles;
      return `${high} credits on offer at level ${rule.level} or above, ${low} below`;
    }
  }
}

export function ruleHover(host: ServiceHost, file: SpecFile, q: QualificationModel, r: RuleModel): string {
  const a: QualAnalysis = analyseQualification(file.analysis.model, q, host.index, file.uri);
  const parts = comboRulesOf(a.qp, r);
  const titles = a.qp.problem.groupTitles;
  const lines: string[] = [`**Rule ${code(r.id ?? `rule ${r.index + 1}`)}** of ${q.title ?? `qualification ${q.index + 1}`}`];
  if (!parts.length) {
    lines.push('This rule sets no limit the engine can check (give a scope and a minimum or maximum, mandatory or barred units, or a level share).');
    return lines.join('\n\n');
  }
  const an = a.analysis;
  for (const p of parts) {
    const alone = an instanceof Error ? undefined : an.perRule.find((x) => x.id === p.id)?.feasible;
    lines.push(
      `${parts.length > 1 ? '- ' : ''}${describeRule(p, titles)} — ${alone === undefined ? 'not analysed' : alone ? 'can be met on its own ✓' : '**can never be met** ✗'}; ${availability(p, a.qp.problem.units, titles)}.`,
    );
  }
  if (a.qp.missing.length) lines.push(`Units not found: ${a.qp.missing.join(', ')} (the rules are analysed once they exist).`);
  else if (an instanceof Error) lines.push(`The rules could not be analysed: ${an.message}`);
  else if (an.feasible) {
    const c = an.credit!;
    lines.push(`With the other rules: **met** ${waysText(an.count)}, ${rangeText(c.min, c.max)}.`);
    lines.push(`Smallest choice: ${c.minExample.join(', ')} (${c.min} credits).`);
  } else {
    const inConflict = an.conflict?.some((id) => parts.some((p) => p.id === id));
    lines.push(
      `With the other rules: **no selection meets them all**${an.conflict?.length ? ` — ${an.conflict.map(code).join(' and ')} conflict${inConflict ? ' (this rule is one of them)' : ''}` : ''}.`,
    );
  }
  return lines.join('\n\n');
}

export function modelOf(file: SpecFile): SpecModel {
  return file.analysis.model;
}
