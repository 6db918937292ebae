/**
 * Hover texts: a unit ref anywhere (what the unit is and where it is defined), a group id, a
 * qualification (computed totals, size band), a rule of combination (whether and how it can be
 * met), a UAN or QAN (check-character verdict), and any key (the schema's description).
 */
import type { Hover, MarkupContent, Position } from 'vscode-languageserver-types';
import { levelName, qualificationLevelLabel, type QualificationModel, type RuleModel, type SpecModel } from '../core/model/spec.js';
import { qanCheckChar, QAN_FORM, uanCheckLetter, UAN_FORM } from '../core/model/identifiers.js';
import {
  amountRangeText,
  amountText,
  BANDS,
  bandFor,
  creditForTqt,
  qualifiedSizeWord,
  RQF_BANDS,
  rqfBandFor,
  sizeFacts,
  sizeText,
  type Measure,
  type QualType,
} from '../core/model/sizes.js';
import { describeRule, type ComboRule, type ComboUnit } from '../core/combination/index.js';
import { inScope } from '../core/combination/model.js';
import { baseName, toRange, type ServiceHost, type SpecFile } from './host.js';
import { refAt, unitDefinitions } from './navigation.js';
import { nodeAt, type PathSeg } from './yaml-nav.js';
import { schemaAt, typeWords } from './schema-info.js';
import { achievableText, analyseQualification, comboRulesOf, formatCount, type QualAnalysis } from './combination.js';

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
  const facts = sizeFacts(f);
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

function statedValue(v: QualificationModel['credit']): number | undefined {
  if (!v) return undefined;
  return v.kind === 'fixed' ? v.value : v.min;
}

/**
 * The size band its size falls in, as its framework defines the bands: the QCF credit bands (the
 * default, where credit is given), Ofqual's TQT words under the RQF; none under `framework: none`,
 * nor for a qualified size word ("Extended Certificate"), which the bands do not define.
 */
function bandLine(q: QualificationModel, framework: string | undefined, achievable?: { min: number; max: number }): string | undefined {
  if (framework === 'none') return undefined;
  const qualified = q.title ? qualifiedSizeWord(q.title) : undefined;
  if (qualified) return `Size band: none for an ${qualified} (a type name of its own, which the size bands do not define)`;
  const type = q.type;
  if (framework === 'rqf') {
    const tqt = statedValue(q.tqt);
    if (tqt === undefined) return 'Size band: unknown (no TQT: on the RQF the size words go by total qualification time)';
    const band = rqfBandFor(tqt);
    const label = `${BANDS[band].label.split(' ')[0]} (${RQF_BANDS[band].label} TQT, Ofqual)`;
    if (!type) return `Size band: ${label}`;
    return `Size band: ${label} — ${band === type ? `matches its type (${type}) ✓` : `but it is typed ${type} ✗`}`;
  }
  const credit = statedValue(q.credit) ?? achievable?.min;
  if (credit === undefined) return q.glh || q.tqt ? undefined : 'Size band: unknown (no credit value)';
  const band = bandFor(credit);
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
  const framework = file.analysis.model.document.framework;
  const about = [q.type, qualificationLevelLabel(q), q.qan ? `QAN ${q.qan}` : undefined].filter(Boolean);
  const lines = [`**${q.title ?? `Qualification ${q.index + 1}`}**${about.length ? ` (${about.join(', ')})` : ''}`];
  // The sizes it states; credit is said to be missing only where sizes are counted in credit.
  const statedParts = [q.credit || a.measure === 'credit' ? `credit ${sizeText(q.credit)}` : undefined, `GLH ${sizeText(q.glh)}`, `TQT ${sizeText(q.tqt)}`];
  const stated = `Stated: ${statedParts.filter(Boolean).join(' · ')}`;
  const finish = (achievable?: { min: number; max: number }) => {
    lines.push(stated);
    const band = bandLine(q, framework, achievable);
    if (band) lines.push(band);
    return lines.join('\n\n');
  };
  if (a.qp.missing.length) lines.push(`Units not found: ${a.qp.missing.join(', ')}`);
  if (a.fixed) {
    const units = a.qp.problem.units;
    lines.push(
      `Computed from its ${units.length} unit${units.length === 1 ? '' : 's'} (${units.map((u) => u.ref).join(', ')}): ${sumLine(units) || 'values missing'}`,
    );
    return finish();
  }
  const an = a.analysis;
  if (an instanceof Error) {
    lines.push(`The rules could not be analysed: ${an.message}`);
    return finish();
  }
  if (!q.rules.length) return finish();
  if (!an.feasible) {
    lines.push(`**No selection of units meets every rule**${an.conflict?.length ? `: ${an.conflict.map(code).join(' and ')} cannot be met together` : ''}.`);
    return finish();
  }
  const c = a.measure === 'credit' ? an.credit : null;
  lines.push(
    [
      c ? `Achievable: ${amountRangeText(c.min, c.max, 'credit')}` : undefined,
      an.glh ? `${c ? '' : 'Achievable: '}GLH ${an.glh.min}–${an.glh.max}` : undefined,
      an.tqt ? `${c || an.glh ? '' : 'Achievable: '}TQT ${an.tqt.min}–${an.tqt.max}` : undefined,
      `${formatCount(an.count)} valid selection${an.count === 1n ? '' : 's'}`,
    ]
      .filter(Boolean)
      .join(' · '),
  );
  if (c) lines.push(`Smallest: ${c.minExample.join(', ')} (${amountText(c.min, 'credit')})`);
  return finish(c ? { min: c.min, max: c.max ?? c.min } : undefined);
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

/** What a rule counts in: its own limits' measure, else the qualification's. */
function ruleMeasure(rule: ComboRule, fallback: Measure): Measure {
  if (rule.kind === 'count') {
    if (rule.minCredits !== undefined || rule.maxCredits !== undefined) return 'credit';
    if (rule.minGlh !== undefined || rule.maxGlh !== undefined) return 'glh';
    if (rule.minTqt !== undefined || rule.maxTqt !== undefined) return 'tqt';
  }
  if (rule.kind === 'levelShare') {
    if (rule.minCredits !== undefined) return 'credit';
    if (rule.minGlh !== undefined || rule.measure === 'glh') return 'glh';
  }
  return fallback;
}

function availability(rule: ComboRule, units: ComboUnit[], measure: Measure): string {
  const m = ruleMeasure(rule, measure);
  const total = (list: ComboUnit[]) => list.reduce((s, u) => s + (u[m] ?? 0), 0);
  switch (rule.kind) {
    case 'count': {
      const inside = units.filter((u) => inScope(rule, u));
      // A short list inline; a long one (32 units) is a wall of text: the count and sizes say enough.
      const list =
        inside.length && inside.length <= MAX_INLINE_UNITS ? ` (${inside.map((u) => `${u.ref} ${u[m] !== undefined ? u[m] : 'no size'}`).join(', ')})` : '';
      return `${inside.length} unit${inside.length === 1 ? '' : 's'} in scope, ${amountText(total(inside), m)} in all${list}`;
    }
    case 'mandatory': {
      const pool = new Set(units.map((u) => u.ref));
      const absent = rule.units.filter((r) => !pool.has(r));
      return absent.length ? `not on offer: ${absent.join(', ')}` : `all ${rule.units.length} on offer`;
    }
    case 'barred':
      return `a learner may take at most one of ${rule.units.join(', ')}`;
    case 'levelShare': {
      const high = total(units.filter((u) => u.level >= rule.level));
      const low = total(units.filter((u) => u.level < rule.level));
      return `${amountText(high, m)} on offer at ${levelName(rule.level)} or above, ${low} below`;
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
      `${parts.length > 1 ? '- ' : ''}${describeRule(p, titles)} — ${alone === undefined ? 'not analysed' : alone ? 'can be met on its own ✓' : '**can never be met** ✗'}; ${availability(p, a.qp.problem.units, a.measure)}.`,
    );
  }
  if (a.qp.missing.length) lines.push(`Units not found: ${a.qp.missing.join(', ')} (the rules are analysed once they exist).`);
  else if (an instanceof Error) lines.push(`The rules could not be analysed: ${an.message}`);
  else if (an.feasible) {
    const range = achievableText(an, a.measure);
    lines.push(`With the other rules: **met** ${waysText(an.count)}${range ? `, ${range}` : ''}.`);
    const c = a.measure === 'credit' ? an.credit : null;
    if (c) lines.push(`Smallest choice: ${c.minExample.join(', ')} (${amountText(c.min, 'credit')}).`);
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
