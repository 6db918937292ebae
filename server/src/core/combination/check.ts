/** Checking one selection of units against the rules, with reasons and hints in plain words. */
import { joinWords, levelName, plural, requirement, scopeName } from './describe.js';
import { countBounds, inScope, shareWeights } from './model.js';
import type { ComboProblem, ComboRule, ComboUnit } from './types.js';

export interface RuleStatus {
  id: string;
  ok: boolean;
  /** In plain words: "Business: 1 unit, needs at least 2", "Level 5 or above: 12 of 26 credits, needs 50%". */
  reason: string;
}

export interface SelectionCheck {
  /** Every rule met and every selected ref is in the pool. */
  ok: boolean;
  rules: RuleStatus[];
  /** Over the selected units of the pool; glh / tqt are null when a selected unit lacks them. */
  totals: { units: number; credits: number; glh: number | null; tqt: number | null };
  /** Selected refs that are not in the pool. */
  unknownRefs: string[];
  /** What to change, e.g. "add 3 credits from Leadership or Self". */
  missing: string[];
}

function sum(units: readonly ComboUnit[], f: (u: ComboUnit) => number): number {
  return units.reduce((s, u) => s + f(u), 0);
}

function sumOpt(units: readonly ComboUnit[], field: 'glh' | 'tqt'): number | null {
  let s = 0;
  for (const u of units) {
    const v = u[field];
    if (typeof v !== 'number' || !Number.isFinite(v)) return null;
    s += v;
  }
  return s;
}

interface Outcome {
  status: RuleStatus;
  hints: string[];
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function checkRule(rule: ComboRule, chosen: readonly ComboUnit[], pool: ReadonlyMap<string, ComboUnit>, titles: Record<string, string> | undefined): Outcome {
  const hints: string[] = [];
  const done = (ok: boolean, reason: string): Outcome => ({ status: { id: rule.id, ok, reason }, hints });
  switch (rule.kind) {
    case 'count': {
      const inside = chosen.filter((u) => inScope(rule, u));
      const scope = scopeName(rule, titles);
      const label = scope === '' ? 'Total' : scope.charAt(0).toUpperCase() + scope.slice(1);
      const from = scope === '' ? ' in total' : ` from ${scope}`;
      const parts: string[] = [];
      let ok = true;
      const measure = (value: number, min: number | undefined, max: number | undefined, word: string): void => {
        const b = countBounds(min, max);
        if (!b) return;
        parts.push(`${plural(value, word)}, ${requirement(min, max)}`);
        if (value < b.lo) {
          ok = false;
          hints.push(`add ${plural(b.lo - value, word)}${from}`);
        } else if (value > b.hi) {
          ok = false;
          hints.push(`remove ${plural(value - b.hi, word)}${from}`);
        }
      };
      measure(inside.length, rule.minUnits, rule.maxUnits, 'unit');
      measure(
        sum(inside, (u) => u.credit ?? 0),
        rule.minCredits,
        rule.maxCredits,
        'credit',
      );
      measure(
        sum(inside, (u) => u.glh ?? 0),
        rule.minGlh,
        rule.maxGlh,
        'guided learning hour',
      );
      measure(
        sum(inside, (u) => u.tqt ?? 0),
        rule.minTqt,
        rule.maxTqt,
        'TQT hour',
      );
      if (parts.length === 0) return done(true, `${label}: no limit`);
      return done(ok, `${label}: ${parts.join('; ')}`);
    }
    case 'mandatory': {
      const absent = rule.units.filter((r) => !pool.has(r));
      if (absent.length > 0) {
        const which = joinWords(absent, 'and');
        return done(
          false,
          `Mandatory ${absent.length === 1 ? `unit ${which} is` : `units ${which} are`} not among the units on offer, so this rule cannot be met`,
        );
      }
      const picked = new Set(chosen.map((u) => u.ref));
      const missing = rule.units.filter((r) => !picked.has(r));
      for (const r of missing) {
        const title = pool.get(r)?.title;
        hints.push(`add mandatory unit ${r}${title ? ` (${title})` : ''}`);
      }
      if (missing.length === 0) return done(true, `Mandatory units: all ${rule.units.length} selected`);
      return done(false, `Mandatory units: ${joinWords(missing, 'and')} not selected`);
    }
    case 'barred': {
      const listed = new Set(rule.units);
      const picked = chosen.filter((u) => listed.has(u.ref)).map((u) => u.ref);
      const ok = picked.length <= 1;
      if (!ok) hints.push(`keep only one of ${joinWords(picked, 'and')}`);
      return done(ok, `Barred combination (${rule.units.join(', ')}): ${picked.length} selected, allows at most 1`);
    }
    case 'levelShare': {
      const reasons: string[] = [];
      let ok = true;
      const at = levelName(rule.level);
      const highUnits = chosen.filter((u) => u.level >= rule.level);
      const amount = (min: number | undefined, of: (u: ComboUnit) => number, word: string) => {
        if (min === undefined || min <= 0) return;
        const have = sum(highUnits, of);
        reasons.push(`${cap(at)} or above: ${plural(have, word)}, needs at least ${min}`);
        if (have < min) {
          ok = false;
          hints.push(`add ${plural(min - have, word)} at ${at} or above`);
        }
      };
      amount(rule.minCredits, (u) => u.credit ?? 0, 'credit');
      amount(rule.minGlh, (u) => u.glh ?? 0, 'guided learning hour');
      const p = rule.minPercent;
      if (p !== undefined && p > 0) {
        const word = rule.measure === 'glh' ? 'guided learning hour' : 'credit';
        const of = rule.measure === 'glh' ? (u: ComboUnit) => u.glh ?? 0 : (u: ComboUnit) => u.credit ?? 0;
        const total = sum(chosen, of);
        const high = sum(highUnits, of);
        const { high: wh, low: wl } = shareWeights(p);
        const shareOk = wh * high + wl * (total - high) >= 0;
        if (!shareOk) {
          ok = false;
          const low = total - high;
          const options: string[] = [];
          if (p < 100) options.push(`add ${plural(Math.ceil((p * total - 100 * high) / (100 - p) - 1e-9), word)} at ${at} or above`);
          if (p <= 100) {
            const remove = Math.ceil(total - (100 * high) / p - 1e-9);
            if (remove > 0 && remove <= low) options.push(`remove ${plural(remove, word)} below ${at}`);
          }
          if (options.length > 0) hints.push(options.join(', or '));
        }
        reasons.push(`${cap(at)} or above: ${high} of ${plural(total, word)}, needs ${p}%`);
      }
      return done(ok, reasons.length ? reasons.join('; ') : `${cap(at)} or above: no limit`);
    }
  }
}

/** Check a selection (refs) against every rule of the problem, with totals and hints. */
export function checkSelection(problem: ComboProblem, selected: readonly string[]): SelectionCheck {
  const pool = new Map<string, ComboUnit>();
  for (const u of problem.units) if (!pool.has(u.ref)) pool.set(u.ref, u);
  const seen = new Set<string>();
  const chosen: ComboUnit[] = [];
  const unknownRefs: string[] = [];
  for (const ref of selected) {
    if (seen.has(ref)) continue;
    seen.add(ref);
    const u = pool.get(ref);
    if (u) chosen.push(u);
    else unknownRefs.push(ref);
  }
  const rules: RuleStatus[] = [];
  const missing: string[] = [];
  for (const rule of problem.rules) {
    const { status, hints } = checkRule(rule, chosen, pool, problem.groupTitles);
    rules.push(status);
    missing.push(...hints);
  }
  for (const ref of unknownRefs) missing.push(`remove ${ref}: it is not among the units on offer`);
  return {
    ok: unknownRefs.length === 0 && rules.every((r) => r.ok),
    rules,
    totals: {
      units: chosen.length,
      credits: sum(chosen, (u) => u.credit ?? 0),
      glh: sumOpt(chosen, 'glh'),
      tqt: sumOpt(chosen, 'tqt'),
    },
    unknownRefs,
    missing,
  };
}
