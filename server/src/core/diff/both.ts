/**
 * How many selections of units are valid under two versions of a qualification's rules at once —
 * exactly, by the combination engine, never by listing selections.
 *
 * A selection valid under both versions uses only units in both pools, meets the old rules with the
 * units' old values and the new rules with their new values. When every unit of both pools keeps its
 * credit and level, that is one problem for the engine: the units of both pools, the old rules and
 * the new rules together (each rule's group scope turned into the units its own version puts in those
 * groups, so that a unit moved to another group is counted as each version counts it).
 *
 * When some units changed credit or level (k of them), the count is split by which of those units
 * the selection takes (2^k cases, k ≤ {@link MAX_CHANGED}). In each case those units are fixed: they
 * leave the pool, and each rule is shifted by what they contribute under its own version (a count
 * rule's bounds drop by their units and credits in its scope; a barred list met by one of them bars
 * the others; a mandatory one not taken makes the case empty). A level share cannot be shifted by a
 * constant, so the fixed units stay in as "ballast" selected in every case and outside every count
 * scope: when all level-share rules of both versions ask the same share at the same level, the
 * stricter of the two versions' ballasts stands for both (Σ w + min(a, b) ≥ 0 is exactly both
 * Σ w + a ≥ 0 and Σ w + b ≥ 0). Level shares that differ between versions while units changed credit
 * or level are not counted (a reason is given).
 */
import type { ComboProblem, ComboRule, ComboUnit, CountRule } from '../combination/index.js';
import { Guard } from '../combination/guard.js';
import { indexPool, prepare } from '../combination/model.js';
import { solve } from '../combination/sweep.js';

/** What a diff needs of a problem: the exact count and the achievable ranges (no search of each rule alone, no conflict). */
export interface Counted {
  feasible: boolean;
  count: bigint;
  credit: { min: number; max: number } | null;
  glh: { min: number; max: number } | null;
  tqt: { min: number; max: number } | null;
}

/**
 * One pass of the engine's sweep (engine.ts, the part of analyse() that counts): the number of
 * valid selections and the credit, GLH and TQT ranges. Throws ComboTimeoutError past maxMillis.
 */
export function countAndRanges(problem: ComboProblem, maxMillis = 2000): Counted {
  const res = solve(
    prepare(
      problem,
      indexPool(problem.units),
      problem.rules.map((_, i) => i),
    ),
    new Guard({ maxMillis }),
  );
  const has = (f: 'glh' | 'tqt') => problem.units.every((u) => typeof u[f] === 'number' && Number.isFinite(u[f]));
  if (res.minPath === null) return { feasible: false, count: 0n, credit: null, glh: null, tqt: null };
  return {
    feasible: true,
    count: res.count ?? 0n,
    credit: { min: res.minCredit, max: res.maxCredit },
    glh: has('glh') ? { min: res.minGlh, max: res.maxGlh } : null,
    tqt: has('tqt') ? { min: res.minTqt, max: res.maxTqt } : null,
  };
}

export const MAX_CHANGED = 8;

export type BothCount = { count: bigint } | { count: null; reason: string };

const BALLAST_GROUP = '\u0000ballast';

function renamed(p: ComboProblem, rename: ReadonlyMap<string, string>): ComboProblem {
  if (rename.size === 0) return p;
  const m = (r: string) => rename.get(r) ?? r;
  return {
    ...p,
    units: p.units.map((u) => ({ ...u, ref: m(u.ref) })),
    rules: p.rules.map((r): ComboRule => {
      switch (r.kind) {
        case 'count':
          return r.scopeUnits ? { ...r, scopeUnits: r.scopeUnits.map(m) } : r;
        case 'mandatory':
        case 'barred':
          return { ...r, units: r.units.map(m) };
        default:
          return r;
      }
    }),
  };
}

/** The refs of a count rule's scope in its own version's pool (undefined scope = every unit). */
function scopeRefs(rule: CountRule, units: readonly ComboUnit[]): Set<string> {
  const all = rule.scopeGroups === undefined && rule.scopeUnits === undefined;
  return new Set(units.filter((u) => all || (rule.scopeGroups?.includes(u.group) ?? false) || (rule.scopeUnits?.includes(u.ref) ?? false)).map((u) => u.ref));
}

interface Version {
  tag: string;
  p: ComboProblem;
  byRef: Map<string, ComboUnit>;
}

/**
 * The number of selections valid under both `before` and `after` (`rename`: old ref -> new ref for
 * units that changed ref). Throws what the engine throws (a timeout past `maxMillis` per run).
 */
export function countBoth(before: ComboProblem, after: ComboProblem, rename: ReadonlyMap<string, string> = new Map(), maxMillis = 2000): BothCount {
  const a: Version = { tag: 'before', p: renamed(before, rename), byRef: new Map() };
  const b: Version = { tag: 'after', p: after, byRef: new Map() };
  for (const v of [a, b]) for (const u of v.p.units) if (!v.byRef.has(u.ref)) v.byRef.set(u.ref, u);
  const shared = [...b.byRef.values()].filter((u) => a.byRef.has(u.ref));
  const changed = shared.filter((u) => {
    const o = a.byRef.get(u.ref)!;
    return o.credit !== u.credit || o.level !== u.level;
  });
  if (changed.length > MAX_CHANGED)
    return {
      count: null,
      reason: `${changed.length} units changed credit or level; plans valid under both versions are counted only when at most ${MAX_CHANGED} do`,
    };
  const changedRefs = new Set(changed.map((u) => u.ref));
  const free = shared.filter((u) => !changedRefs.has(u.ref));
  const shares = [a, b].flatMap((v) => v.p.rules.filter((r) => r.kind === 'levelShare').map((r) => ({ v, r })));
  const shareKinds = new Set(shares.map(({ r }) => (r.kind === 'levelShare' ? `${r.level}|${r.minPercent}` : '')));
  if (changed.length > 0 && shareKinds.size > 1)
    return {
      count: null,
      reason: 'the level-share rules differ between the versions while some units changed credit or level, which the engine cannot count together',
    };
  // Per version and rule index (the two versions may share rule objects).
  const scopes = new Map<string, Set<string>>();
  for (const v of [a, b]) v.p.rules.forEach((r, i) => r.kind === 'count' && scopes.set(`${v.tag} ${i}`, scopeRefs(r, v.p.units)));
  let total = 0n;
  for (let mask = 0; mask < 1 << changed.length; mask++) {
    const taken = changed.filter((_, i) => mask & (1 << i));
    const takenRefs = new Set(taken.map((u) => u.ref));
    const rules: ComboRule[] = [];
    let empty = false;
    const weightOf = (v: Version): number => {
      // Σ over the taken units of their level-share weight, for comparing the versions' ballasts.
      const share = v.p.rules.find((r) => r.kind === 'levelShare');
      // Only a percentage of credits has a ballast here; an absolute or GLH share is not compared.
      if (!share || share.kind !== 'levelShare' || share.minPercent === undefined) return Infinity;
      const pct = share.minPercent;
      return taken.reduce((s, u) => {
        const x = v.byRef.get(u.ref)!;
        const credit = x.credit ?? 0;
        return s + (x.level >= share.level ? (100 - pct) * credit : -pct * credit);
      }, 0);
    };
    for (const v of [a, b]) {
      v.p.rules.forEach((r, i) => {
        const id = `${v.tag} ${i}: ${r.id}`;
        switch (r.kind) {
          case 'count': {
            const scope = scopes.get(`${v.tag} ${i}`)!;
            const fixedIn = taken.filter((u) => scope.has(u.ref));
            const k = fixedIn.length;
            const c = fixedIn.reduce((s, u) => s + (v.byRef.get(u.ref)!.credit ?? 0), 0);
            const rule: CountRule = { kind: 'count', id, scopeUnits: free.filter((u) => scope.has(u.ref)).map((u) => u.ref) };
            if (r.minUnits !== undefined) rule.minUnits = Math.max(0, r.minUnits - k);
            if (r.maxUnits !== undefined) rule.maxUnits = r.maxUnits - k;
            if (r.minCredits !== undefined) rule.minCredits = Math.max(0, r.minCredits - c);
            if (r.maxCredits !== undefined) rule.maxCredits = r.maxCredits - c;
            if ((rule.maxUnits ?? 0) < 0 || (rule.maxCredits ?? 0) < 0) empty = true;
            rules.push(rule);
            break;
          }
          case 'mandatory': {
            if (r.units.some((ref) => changedRefs.has(ref) && !takenRefs.has(ref))) empty = true;
            rules.push({ kind: 'mandatory', id, units: r.units.filter((ref) => !takenRefs.has(ref)) });
            break;
          }
          case 'barred': {
            const hit = r.units.filter((ref) => takenRefs.has(ref)).length;
            const rest = r.units.filter((ref) => !takenRefs.has(ref) && !changedRefs.has(ref));
            if (hit >= 2) empty = true;
            else if (hit === 1) rules.push({ kind: 'count', id, scopeUnits: rest, maxUnits: 0 });
            else rules.push({ kind: 'barred', id, units: rest });
            break;
          }
          case 'levelShare':
            rules.push({ ...r, id });
            break;
        }
      });
    }
    if (empty) continue;
    // Ballast for the level shares: the taken units as the stricter version has them.
    let ballast: ComboUnit[] = [];
    if (taken.length && shares.length) {
      const withShare = [a, b].filter((v) => v.p.rules.some((r) => r.kind === 'levelShare'));
      const strict = withShare.reduce((x, y) => (weightOf(y) < weightOf(x) ? y : x));
      ballast = taken.map((u) => ({ ...strict.byRef.get(u.ref)!, ref: `\u0000${u.ref}`, group: BALLAST_GROUP }));
      rules.push({ kind: 'mandatory', id: 'ballast', units: ballast.map((u) => u.ref) });
    }
    const problem: ComboProblem = { units: [...free, ...ballast], rules };
    total += countAndRanges(problem, maxMillis).count;
  }
  return { count: total };
}
