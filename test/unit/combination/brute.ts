/**
 * Brute force over every subset of a small pool (<= 20 units), written independently of the
 * engine: each rule is evaluated literally on bit masks (bit i = pool unit i).
 */
import type { ComboProblem, ComboRule } from '../../../server/src/core/combination/types';

export function popcount(x: number): number {
  let c = 0;
  while (x) {
    x &= x - 1;
    c++;
  }
  return c;
}

/** Per-mask sums of a per-unit value, by adding the lowest bit to the mask without it. */
function sums(n: number, value: (i: number) => number): Float64Array {
  const out = new Float64Array(1 << n);
  for (let m = 1; m < 1 << n; m++) {
    const low = m & -m;
    out[m] = out[m ^ low]! + value(31 - Math.clz32(low));
  }
  return out;
}

export interface Brute {
  n: number;
  /** valid[r][mask]: rule r holds for the selection `mask`. */
  valid: Uint8Array[];
  credit: Float64Array;
  glh: Float64Array;
  tqt: Float64Array;
  /** Masks meeting every rule, in the engine's listing order (see the sort below). */
  all: number[];
  maskOf(refs: readonly string[]): number;
  refsOf(mask: number): string[];
}

/** Does `percent` of `total` fit in `high`? Exactly, for percentages with up to 6 decimals. */
function shareHolds(high: number, total: number, percent: number): boolean {
  if (percent <= 0) return true;
  let scale = 1;
  while (scale < 1e6 && Math.abs(percent * scale - Math.round(percent * scale)) > 1e-9) scale *= 10;
  return 100 * scale * high >= Math.round(percent * scale) * total;
}

export function brute(problem: ComboProblem): Brute {
  const units = problem.units;
  const n = units.length;
  if (n > 20) throw new Error('brute force is for small pools');
  const index = new Map(units.map((u, i) => [u.ref, i]));
  const maskOf = (refs: readonly string[]): number => refs.reduce((m, r) => (index.has(r) ? m | (1 << index.get(r)!) : m), 0);
  const credit = sums(n, (i) => units[i]!.credit ?? 0);
  const glh = sums(n, (i) => units[i]!.glh ?? 0);
  const tqt = sums(n, (i) => units[i]!.tqt ?? 0);
  const valid = problem.rules.map((rule: ComboRule) => {
    const v = new Uint8Array(1 << n);
    switch (rule.kind) {
      case 'count': {
        const unscoped = rule.scopeGroups === undefined && rule.scopeUnits === undefined;
        let scope = 0;
        units.forEach((u, i) => {
          if (unscoped || rule.scopeGroups?.includes(u.group) || rule.scopeUnits?.includes(u.ref)) scope |= 1 << i;
        });
        for (let m = 0; m < 1 << n; m++) {
          const k = popcount(m & scope);
          const c = credit[m & scope]!;
          const g = glh[m & scope]!;
          const t = tqt[m & scope]!;
          v[m] = Number(
            (rule.minUnits === undefined || k >= rule.minUnits) &&
              (rule.maxUnits === undefined || k <= rule.maxUnits) &&
              (rule.minCredits === undefined || c >= rule.minCredits) &&
              (rule.maxCredits === undefined || c <= rule.maxCredits) &&
              (rule.minGlh === undefined || g >= rule.minGlh) &&
              (rule.maxGlh === undefined || g <= rule.maxGlh) &&
              (rule.minTqt === undefined || t >= rule.minTqt) &&
              (rule.maxTqt === undefined || t <= rule.maxTqt),
          );
        }
        break;
      }
      case 'mandatory': {
        const known = rule.units.every((r) => index.has(r));
        const need = maskOf(rule.units);
        for (let m = 0; m < 1 << n; m++) v[m] = Number(known && (m & need) === need);
        break;
      }
      case 'barred': {
        const listed = maskOf(rule.units);
        for (let m = 0; m < 1 << n; m++) v[m] = Number(popcount(m & listed) <= 1);
        break;
      }
      case 'levelShare': {
        let high = 0;
        units.forEach((u, i) => {
          if (u.level >= rule.level) high |= 1 << i;
        });
        const of = rule.measure === 'glh' ? glh : credit;
        for (let m = 0; m < 1 << n; m++)
          v[m] = Number(
            shareHolds(of[m & high]!, of[m]!, rule.minPercent ?? 0) &&
              (rule.minCredits === undefined || credit[m & high]! >= rule.minCredits) &&
              (rule.minGlh === undefined || glh[m & high]! >= rule.minGlh),
          );
        break;
      }
    }
    return v;
  });
  const all: number[] = [];
  for (let m = 0; m < 1 << n; m++) if (valid.every((v) => v[m])) all.push(m);
  // Listing order: units grouped by group (groups in order of first appearance, pool order
  // within); compare at the first unit where two selections differ; selecting it comes first.
  const groupRank = new Map<string, number>();
  units.forEach((u) => groupRank.has(u.group) || groupRank.set(u.group, groupRank.size));
  const listing = units.map((_, i) => i).sort((a, b) => groupRank.get(units[a]!.group)! - groupRank.get(units[b]!.group)! || a - b);
  const rank = (m: number): number => {
    let r = 0;
    listing.forEach((p, k) => {
      if (m & (1 << p)) r |= 1 << (n - 1 - k);
    });
    return r;
  };
  all.sort((a, b) => rank(b) - rank(a));
  return {
    n,
    valid,
    credit,
    glh,
    tqt,
    all,
    maskOf,
    refsOf: (mask) => units.filter((_, i) => mask & (1 << i)).map((u) => u.ref),
  };
}

/** Whether the rules with the given indices can all be met together. */
export function feasibleRules(b: Brute, rules: readonly number[]): boolean {
  for (let m = 0; m < 1 << b.n; m++) if (rules.every((r) => b.valid[r]![m])) return true;
  return false;
}
