/**
 * The combination engine, for one qualification of an open spec: what the code lens, the rule
 * hovers and the combination preview (qualspec/combination) show.
 */
import type { Range } from 'vscode-languageserver-types';
import { analyseCached, buildProblem, ruleKey, type QualProblem } from '../core/combination/from-spec.js';
import { checkSelection, describeRule, fillToMinimum, type Analysis, type ComboProblem, type ComboRule } from '../core/combination/index.js';
import { levelLabel, type QualificationModel, type RuleModel, type SpecModel } from '../core/model/spec.js';
import { amountRangeText, amountText, measureOf, type Measure } from '../core/model/sizes.js';
import type { WorkspaceIndex } from '../core/index.js';
import { toRange, type ServiceHost, type SpecFile } from './host.js';
import type { CombinationResult, QualificationInfo, StatedSize } from './protocol.js';

export interface QualAnalysis {
  q: QualificationModel;
  qp: QualProblem;
  /** An Award of fixed units: its units, all mandatory. */
  fixed: boolean;
  analysis: Analysis | Error;
  /** What its size is counted in: credit, or GLH (then TQT) where neither it nor its units give credit. */
  measure: Measure;
}

export const FIXED_RULE_ID = 'fixed-units';

/** The engine's problem for a qualification: its rules over its pool, or an Award's fixed units. */
export function qualProblem(model: SpecModel, q: QualificationModel, index: WorkspaceIndex, uri: string): { qp: QualProblem; fixed: boolean } {
  if (q.rules.length === 0 && q.units.length > 0) {
    const items = q.units.filter((m) => m.ref !== undefined).map((m) => ({ path: m.refPath, value: m.ref! }));
    const rule: RuleModel = {
      path: [...q.path, 'units'],
      index: 0,
      id: FIXED_RULE_ID,
      text: 'Every unit of the Award is mandatory',
      mandatory: { path: [...q.path, 'units'], items },
    };
    const fake: QualificationModel = {
      ...q,
      pool: { path: [...q.path, 'units'], units: { path: [...q.path, 'units'], items } },
      rules: [rule],
      hasRules: true,
    };
    return { qp: buildProblem(model, fake, index, uri), fixed: true };
  }
  return { qp: buildProblem(model, q, index, uri), fixed: false };
}

export function analyseQualification(model: SpecModel, q: QualificationModel, index: WorkspaceIndex, uri: string): QualAnalysis {
  const { qp, fixed } = qualProblem(model, q, index, uri);
  return { q, qp, fixed, analysis: analyseCached(qp.problem), measure: measureOf([q, ...qp.problem.units]) };
}

const sizeOf = (s: QualificationModel['credit']): StatedSize =>
  s
    ? s.kind === 'fixed'
      ? { kind: 'fixed', value: s.value }
      : { kind: 'range', ...(s.min !== undefined ? { min: s.min } : {}), ...(s.max !== undefined ? { max: s.max } : {}) }
    : null;

export function qualificationRange(file: SpecFile, q: QualificationModel): Range {
  return toRange(file.lines, file.analysis.parsed.locate(q.path));
}

export function qualifications(file: SpecFile): QualificationInfo[] {
  return file.analysis.model.qualifications.map((q) => ({
    index: q.index,
    title: q.title ?? null,
    type: q.type ?? null,
    qan: q.qan ?? null,
    range: qualificationRange(file, q),
  }));
}

/**
 * The achievable range in the measure it is counted in: "13–36 credits", "180–240 GLH"; undefined
 * when the analysis has no such range (a unit lacks the value).
 */
export function achievableText(a: Analysis, m: Measure): string | undefined {
  const r = m === 'credit' ? a.credit : a[m];
  return r ? amountRangeText(r.min, r.max, m) : undefined;
}

export function formatCount(n: bigint): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function groupOrder(problem: ComboProblem, model: SpecModel): string[] {
  const order: string[] = [];
  for (const g of model.groups) if (g.id && !order.includes(g.id)) order.push(g.id);
  for (const u of problem.units) if (!order.includes(u.group)) order.push(u.group);
  return order;
}

export function combination(host: ServiceHost, file: SpecFile, qIndex: number, selection: readonly string[] = []): CombinationResult | null {
  const model = file.analysis.model;
  const q = model.qualifications[qIndex];
  if (!q) return null;
  const { qp, fixed, analysis, measure } = analyseQualification(model, q, host.index, file.uri);
  const problem = qp.problem;
  const titles = problem.groupTitles ?? {};
  const groups = groupOrder(problem, model)
    .map((id) => ({
      id,
      title: titles[id] ?? id,
      units: problem.units
        .filter((u) => u.group === id)
        .map((u) => ({
          ref: u.ref,
          title: u.title ?? null,
          level: u.level,
          levelName: levelLabel(u.level) ?? `level ${u.level}`,
          credit: u.credit ?? null,
          glh: u.glh ?? null,
          tqt: u.tqt ?? null,
        })),
    }))
    .filter((g) => g.units.length > 0);
  const check = checkSelection(problem, selection);
  let fill: string[] | null = null;
  try {
    fill = fillToMinimum(problem, selection, { maxMillis: 2000 });
  } catch {
    fill = null;
  }
  const perRule = analysis instanceof Error ? undefined : new Map(analysis.perRule.map((r) => [r.id, r.feasible]));
  const rules = problem.rules.map((r, i) => {
    const src = qp.source.get(r.id);
    return {
      id: r.id,
      text: r.text ?? null,
      words: describeRule(r, titles),
      feasibleAlone: perRule?.get(r.id) ?? null,
      status: { ok: check.rules[i]?.ok ?? false, reason: check.rules[i]?.reason ?? '' },
      range: src ? toRange(file.lines, file.analysis.parsed.locate(src.path)) : null,
    };
  });
  const analysisInfo =
    analysis instanceof Error
      ? { feasible: false, conflict: null, credit: null, glh: null, tqt: null, count: '0', error: analysis.message }
      : {
          feasible: analysis.feasible,
          conflict: analysis.conflict,
          // No credit range where nothing gives credit (a spec sized in GLH): not "0 credits".
          credit:
            analysis.credit && measure === 'credit'
              ? {
                  min: analysis.credit.min,
                  max: analysis.credit.max ?? analysis.credit.min,
                  minExample: analysis.credit.minExample,
                  maxExample: analysis.credit.maxExample,
                }
              : null,
          glh: analysis.glh,
          tqt: analysis.tqt,
          count: analysis.count.toString(),
        };
  return {
    uri: file.uri,
    qualification: q.index,
    title: q.title ?? null,
    type: q.type ?? null,
    qan: q.qan ?? null,
    fixedUnits: fixed,
    measure,
    stated: { credit: sizeOf(q.credit), glh: sizeOf(q.glh), tqt: sizeOf(q.tqt) },
    groups,
    rules,
    analysis: analysisInfo,
    check: {
      ok: check.ok,
      rules: check.rules.map((r) => ({ ...r })),
      totals: { ...check.totals },
      unknownRefs: [...check.unknownRefs],
      missing: [...check.missing],
    },
    fill,
    missing: qp.missing,
    unsized: qp.unsized,
    range: qualificationRange(file, q),
  };
}

/** One line for a code lens: "13–36 credits · achievable". */
export function lensTitle(a: QualAnalysis): string {
  const { qp, analysis, fixed } = a;
  if (qp.missing.length) return `unknown unit${qp.missing.length > 1 ? 's' : ''} ${qp.missing.slice(0, 3).join(', ')}${qp.missing.length > 3 ? ' …' : ''}`;
  if (analysis instanceof Error) return 'rules could not be analysed';
  if (fixed) return fixedLens(a).title;
  if (!analysis.feasible) return `cannot be met${analysis.conflict?.length ? ` · conflict: ${analysis.conflict.join(', ')}` : ''}`;
  const range = achievableText(analysis, a.measure);
  return range ? `${range} · achievable` : 'achievable';
}

/**
 * The size a qualification is counted in: the one its rules are written in (minCredits, minGlh …),
 * else the one it states, else the one its units give: credits, or GLH for a GLH-only spec (BTEC
 * style), where a credit total would read 0.
 */
export function qualMeasure(a: QualAnalysis): Measure {
  const { q } = a;
  const says = (m: Measure) =>
    q.rules.some((r) =>
      m === 'credit'
        ? r.minCredits !== undefined || r.maxCredits !== undefined || r.levelShare?.minCredits !== undefined
        : m === 'glh'
          ? r.minGlh !== undefined || r.maxGlh !== undefined || r.levelShare?.minGlh !== undefined
          : r.minTqt !== undefined || r.maxTqt !== undefined,
    );
  const measures = ['credit', 'glh', 'tqt'] as const;
  for (const m of measures) if (says(m)) return m;
  for (const m of measures) if (q[m] !== undefined) return m;
  const units = a.qp.problem.units;
  for (const m of measures) if (units.some((u) => u[m] !== undefined)) return m;
  return 'credit';
}
const MEASURE_NAME: Record<Measure, string> = { credit: 'credit', glh: 'GLH', tqt: 'TQT' };

/**
 * An Award of fixed units: its size is the sum of its units'. Counted in credits, or in GLH (then
 * TQT) when neither the Award nor any unit gives credit. A unit without that size is named, and the
 * total is said to be of the units that have one: never a sum that silently counts it as 0.
 */
function fixedLens(a: QualAnalysis): { title: string; lacking: string[] } {
  const { qp, q } = a;
  const units = qp.problem.units;
  const n = new Set(q.units.map((m) => m.ref).filter((r): r is string => r !== undefined)).size;
  const measure = a.measure;
  const known = units.filter((u) => u[measure] !== undefined);
  const lacking = [...units.filter((u) => u[measure] === undefined).map((u) => u.ref), ...qp.unsized];
  const sum = known.reduce((s, u) => s + u[measure]!, 0);
  const stated = q[measure]?.kind === 'fixed' ? q[measure].value : undefined;
  const unitsWord = `${n} fixed unit${n === 1 ? '' : 's'}`;
  if (lacking.length === 0) {
    const agree = stated === undefined ? '' : stated === sum ? ' · totals agree' : ` · states ${stated}`;
    return { title: `${amountText(sum, measure)} · ${unitsWord}${agree}`, lacking };
  }
  const names = `${lacking.slice(0, 3).join(', ')}${lacking.length > 3 ? ' …' : ''}`;
  const lack = `${names} ${lacking.length === 1 ? 'has' : 'have'} no ${MEASURE_NAME[measure]}`;
  const head = known.length ? `${amountText(sum, measure)} from ${known.length} of ${n} units` : unitsWord;
  return { title: `${head} · ${lack}${stated !== undefined ? ` · states ${stated}` : ''}`, lacking };
}

export function lensTooltip(a: QualAnalysis): string {
  if (a.analysis instanceof Error) return a.analysis.message;
  const an = a.analysis;
  if (a.fixed) {
    if (fixedLens(a).lacking.length)
      return 'The Award’s size is the sum of its units’ sizes, so it cannot be checked until every unit has one. Open the combination preview.';
    return 'Every unit of the Award is mandatory. Open the combination preview.';
  }
  if (!an.feasible) return 'No selection of units meets every rule. Open the combination preview.';
  return `${formatCount(an.count)} valid selection${an.count === 1n ? '' : 's'}. Open the combination preview.`;
}

/** The combination rules made from one rule of the spec (a rule with min and mandatory gives two). */
export function comboRulesOf(qp: QualProblem, r: RuleModel): ComboRule[] {
  return qp.problem.rules.filter((x) => qp.source.get(x.id) === r);
}

export { ruleKey };
