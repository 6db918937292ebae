/** The combination engine's problem for a qualification of the spec model (the adapter from the model, with its memoised analyses for the checks). */
import type { ComboProblem, ComboRule, ComboUnit } from './index.js';
import { analyse, assess, type Analysis, type Assessment } from './index.js';
import { levelRank, type QualificationModel, type RuleModel, type SpecModel } from '../model/spec.js';
import type { WorkspaceIndex } from '../workspace/index.js';
import { keepOn, memoOn } from '../model/memo.js';

export interface QualProblem {
  problem: ComboProblem;
  /** Refs the pool or the rules name that were not found (unknown-unit reports them). */
  missing: string[];
  /** Pool units lacking a size the rules count by (credit, GLH or TQT), or a level or group: they cannot be counted. */
  unsized: string[];
  /** Combo rule id -> the rule of the spec it came from. */
  source: Map<string, RuleModel>;
}

export const ruleKey = (r: RuleModel): string => r.id ?? `rule ${r.index + 1}`;

export function buildProblem(model: SpecModel, q: QualificationModel, index: WorkspaceIndex | undefined, uri: string): QualProblem {
  const missing: string[] = [];
  const unsized: string[] = [];
  const units: ComboUnit[] = [];
  const seen = new Set<string>();
  // The sizes the rules count by: a unit lacking one of them cannot be counted. With no rule counting
  // by a size, a unit needs credit, or else GLH (a spec sized in GLH only).
  const by = { credit: false, glh: false, tqt: false };
  for (const r of q.rules) {
    if (r.minCredits !== undefined || r.maxCredits !== undefined || r.levelShare?.minCredits !== undefined) by.credit = true;
    if (r.minGlh !== undefined || r.maxGlh !== undefined || r.levelShare?.minGlh !== undefined) by.glh = true;
    if (r.minTqt !== undefined || r.maxTqt !== undefined) by.tqt = true;
  }
  const sized = (credit: unknown, glh: unknown, tqt: unknown): boolean => {
    if (by.credit && typeof credit !== 'number') return false;
    if (by.glh && typeof glh !== 'number') return false;
    if (by.tqt && typeof tqt !== 'number') return false;
    return typeof credit === 'number' || typeof glh === 'number' || typeof tqt === 'number';
  };
  const add = (ref: string) => {
    if (seen.has(ref)) return;
    seen.add(ref);
    const local = model.unitsByRef.get(ref)?.[0];
    if (local) {
      if (!sized(local.credit, local.glh, local.tqt) || local.level === undefined || local.group === undefined) {
        unsized.push(ref);
        return;
      }
      units.push({
        ref,
        group: local.group,
        level: local.level,
        ...(local.credit !== undefined ? { credit: local.credit } : {}),
        ...(local.title !== undefined ? { title: local.title } : {}),
        ...(local.glh !== undefined ? { glh: local.glh } : {}),
        ...(local.tqt !== undefined ? { tqt: local.tqt } : {}),
      });
      return;
    }
    const other = index?.findUnit(ref).find((u) => u.uri !== uri);
    if (!other) {
      missing.push(ref);
      return;
    }
    const f = other.fields;
    const level = levelRank(f.level);
    if (!sized(f.credit, f.glh, f.tqt) || level === undefined) {
      unsized.push(ref);
      return;
    }
    units.push({
      ref,
      group: typeof f.group === 'string' ? f.group : '',
      level,
      ...(typeof f.credit === 'number' ? { credit: f.credit } : {}),
      ...(typeof f.title === 'string' ? { title: f.title } : {}),
      ...(typeof f.glh === 'number' ? { glh: f.glh } : {}),
      ...(typeof f.tqt === 'number' ? { tqt: f.tqt } : {}),
    });
  };
  if (q.pool) {
    const groups = new Set((q.pool.groups?.items ?? []).map((i) => i.value).filter((v): v is string => v !== undefined));
    for (const u of model.units) if (u.ref !== undefined && u.group !== undefined && groups.has(u.group)) add(u.ref);
    for (const it of q.pool.units?.items ?? []) if (it.value !== undefined) add(it.value);
  } else {
    for (const u of model.units) if (u.ref !== undefined) add(u.ref);
  }
  const rules: ComboRule[] = [];
  const source = new Map<string, RuleModel>();
  const refs = (l: RuleModel['units']) => (l?.items ?? []).map((i) => i.value).filter((v): v is string => v !== undefined);
  for (const r of q.rules) {
    const id = ruleKey(r);
    const text = r.text;
    const parts: ComboRule[] = [];
    const counts = [r.minUnits, r.maxUnits, r.minCredits, r.maxCredits, r.minGlh, r.maxGlh, r.minTqt, r.maxTqt];
    if (counts.some((x) => x !== undefined)) {
      parts.push({
        kind: 'count',
        id,
        ...(text ? { text } : {}),
        ...(r.groups ? { scopeGroups: refs(r.groups) } : {}),
        ...(r.units ? { scopeUnits: refs(r.units) } : {}),
        ...(r.minUnits !== undefined ? { minUnits: r.minUnits } : {}),
        ...(r.maxUnits !== undefined ? { maxUnits: r.maxUnits } : {}),
        ...(r.minCredits !== undefined ? { minCredits: r.minCredits } : {}),
        ...(r.maxCredits !== undefined ? { maxCredits: r.maxCredits } : {}),
        ...(r.minGlh !== undefined ? { minGlh: r.minGlh } : {}),
        ...(r.maxGlh !== undefined ? { maxGlh: r.maxGlh } : {}),
        ...(r.minTqt !== undefined ? { minTqt: r.minTqt } : {}),
        ...(r.maxTqt !== undefined ? { maxTqt: r.maxTqt } : {}),
      });
    }
    if (r.mandatory) {
      const list = refs(r.mandatory);
      for (const ref of list) if (!seen.has(ref)) missing.push(ref);
      parts.push({ kind: 'mandatory', id: parts.length ? `${id} (mandatory)` : id, ...(text ? { text } : {}), units: list });
    }
    if (r.barred) parts.push({ kind: 'barred', id: parts.length ? `${id} (barred)` : id, ...(text ? { text } : {}), units: refs(r.barred) });
    const ls = r.levelShare;
    if (ls?.level !== undefined && (ls.minPercent !== undefined || ls.minCredits !== undefined || ls.minGlh !== undefined))
      parts.push({
        kind: 'levelShare',
        id: parts.length ? `${id} (level share)` : id,
        ...(text ? { text } : {}),
        level: ls.level,
        ...(ls.minPercent !== undefined ? { minPercent: ls.minPercent } : {}),
        ...(ls.minCredits !== undefined ? { minCredits: ls.minCredits } : {}),
        ...(ls.minGlh !== undefined ? { minGlh: ls.minGlh } : {}),
      });
    for (const p of parts) {
      rules.push(p);
      source.set(p.id, r);
    }
  }
  // A percentage share in a spec sized in GLH only is a share of GLH.
  if (units.length && units.every((u) => u.credit === undefined))
    for (const p of rules) if (p.kind === 'levelShare' && p.minPercent !== undefined) p.measure = 'glh';
  const groupTitles: Record<string, string> = {};
  for (const g of model.groups) if (g.id && g.title) groupTitles[g.id] = g.title;
  return { problem: { units, rules, groupTitles }, missing: [...new Set(missing)], unsized, source };
}

/**
 * A result to keep in a cache, with strings of its own: the refs and rule ids in it are cut from a
 * spec's text, and V8 keeps the whole text alive behind a string cut from it (a cache of 256
 * results held over 100 MB of spec texts in the batch linter's workers).
 */
const kept = <T>(result: T): T => structuredClone(result);

const cache = new Map<string, Analysis | Error>();
const CACHE_MAX = 256;

const problemKey = (problem: ComboProblem): string => JSON.stringify([problem.units, problem.rules]);

/**
 * The result of `compute` (or the error it throws) for `key`: from `cache` (or `also`), else computed
 * and kept in `cache`, which forgets its least recently used entry past CACHE_MAX.
 */
function memo<T>(cache: Map<string, T | Error>, key: string, compute: () => T, also?: ReadonlyMap<string, T | Error>): T | Error {
  const hit = cache.get(key) ?? also?.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  let result: T | Error;
  try {
    result = kept(compute());
  } catch (e) {
    result = e instanceof Error ? e : new Error(String(e));
  }
  cache.set(key, result);
  if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value!);
  return result;
}

/** analyse(), memoised by the problem's content (an edit elsewhere in the file costs nothing). */
export function analyseCached(problem: ComboProblem, maxMillis = 2000): Analysis | Error {
  return memo(cache, problemKey(problem), () => analyse(problem, { maxMillis }));
}

const assessments = new Map<string, Assessment | Error>();

/** The cache key of a problem lintProblem() handed out (each is built once per qualification and check run). */
const KEY = Symbol('problemKey');

interface Built {
  model: SpecModel;
  index: WorkspaceIndex | undefined;
  generation: number;
  uri: string;
  qp: QualProblem;
}
/** Where lintProblem() keeps its last problem: on the qualification itself (see memoOn for why not a WeakMap). */
const BUILT = Symbol('lintProblem');
type Holds = QualificationModel & { [BUILT]?: Built };

/**
 * buildProblem() for the lint checks: the checks of a file (rules-achievable, credit-range-reachable)
 * share one problem per qualification instead of building it, and its cache key, each. Reused only
 * for the same model, index (same generation: unchanged since) and uri. The result is read-only.
 */
export function lintProblem(model: SpecModel, q: QualificationModel, index: WorkspaceIndex | undefined, uri: string): QualProblem {
  const generation = index?.generation ?? -1;
  const hit = (q as Holds)[BUILT];
  if (hit && hit.model === model && hit.index === index && hit.generation === generation && hit.uri === uri) return hit.qp;
  const qp = buildProblem(model, q, index, uri);
  keepOn(q, BUILT, { model, index, generation, uri, qp } satisfies Built);
  return qp;
}

/**
 * assess() (analyse() but the count, which the lint checks do not read), memoised by the problem's
 * content like analyseCached, in a cache of its own; an analysis already cached serves as well.
 */
export function assessCached(problem: ComboProblem, maxMillis = 2000): Assessment | Error {
  const key = memoOn(problem, KEY, () => problemKey(problem));
  return memo(assessments, key, () => assess(problem, { maxMillis }), cache);
}
