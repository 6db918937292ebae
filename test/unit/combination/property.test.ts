/**
 * Property tests: on random rule sets over at most 16 units, everything the engine reports equals
 * a brute-force enumeration of all subsets (brute.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  analyse,
  assess,
  checkSelection,
  enumerate,
  fillToMinimum,
  type Analysis,
  type ComboProblem,
  type ComboRule,
} from '../../../server/src/core/combination/index';
import { indexPool, layout, prepare } from '../../../server/src/core/combination/model';
import { chooseOrder } from '../../../server/src/core/combination/order';
import { brute, feasibleRules, popcount, type Brute } from './brute';
import { Prng } from '../../helpers/prng';
import { randomProblem } from './random';

const CASES = 400;

function expectRange(problem: ComboProblem, b: Brute, a: Analysis): void {
  if (b.all.length === 0) {
    expect(a.credit).toBeNull();
    expect(a.glh).toBeNull();
    expect(a.tqt).toBeNull();
    return;
  }
  const credits = b.all.map((m) => b.credit[m]!);
  const min = Math.min(...credits);
  const max = Math.max(...credits);
  expect(a.credit).not.toBeNull();
  expect(a.credit!.min).toBe(min);
  expect(a.credit!.max).toBe(max);
  // The examples are valid selections, in pool order, that reach the bounds.
  for (const [example, bound] of [
    [a.credit!.minExample, min],
    [a.credit!.maxExample, max],
  ] as const) {
    const m = b.maskOf(example);
    expect(b.refsOf(m)).toEqual(example);
    expect(b.all.includes(m)).toBe(true);
    expect(b.credit[m]).toBe(bound);
  }
  // Fewest units among the selections of least credit.
  const fewest = Math.min(...b.all.filter((m) => b.credit[m] === min).map(popcount));
  expect(a.credit!.minExample.length).toBe(fewest);
  const hasGlh = problem.units.every((u) => u.glh !== undefined);
  const hasTqt = problem.units.every((u) => u.tqt !== undefined);
  const range = (arr: Float64Array) => ({ min: Math.min(...b.all.map((m) => arr[m]!)), max: Math.max(...b.all.map((m) => arr[m]!)) });
  expect(a.glh).toEqual(hasGlh ? range(b.glh) : null);
  expect(a.tqt).toEqual(hasTqt ? range(b.tqt) : null);
}

function expectConflict(problem: ComboProblem, b: Brute, a: Analysis): void {
  if (b.all.length > 0) {
    expect(a.conflict).toBeNull();
    return;
  }
  expect(a.conflict).not.toBeNull();
  const ids = problem.rules.map((r) => r.id);
  const set = a.conflict!.map((id) => ids.indexOf(id));
  expect(set.every((i) => i >= 0)).toBe(true);
  expect(feasibleRules(b, set)).toBe(false);
  // No smaller set of rules conflicts (so in particular no proper subset of this one).
  const R = problem.rules.length;
  for (let s = 0; s < 1 << R; s++) {
    if (popcount(s) >= set.length) continue;
    const sub = ids.map((_, i) => i).filter((i) => s & (1 << i));
    expect(feasibleRules(b, sub), `rules ${sub.join(',')} conflict`).toBe(true);
  }
}

describe('combination engine = brute force', () => {
  it(`agrees on ${CASES} random problems`, () => {
    const r = new Prng(20240611);
    let infeasible = 0;
    let empties = 0;
    for (let c = 0; c < CASES; c++) {
      const problem = randomProblem(r);
      const b = brute(problem);
      const label = `case ${c}: ${JSON.stringify(problem)}`;
      const a = analyse(problem, { checkKeys: true });
      expect(a.count, label).toBe(BigInt(b.all.length));
      expect(a.feasible, label).toBe(b.all.length > 0);
      if (!a.feasible) infeasible++;
      if (b.all.includes(0)) empties++;
      expect(
        a.perRule.map((x) => x.feasible),
        label,
      ).toEqual(problem.rules.map((_, i) => feasibleRules(b, [i])));
      expect(a.perRule.map((x) => x.id)).toEqual(problem.rules.map((x) => x.id));
      expectRange(problem, b, a);
      expectConflict(problem, b, a);

      // assess() (the lint checks' entry point) reports the same figures, examples included, but
      // the count, whichever strategy: it does not count, and searches the rules one by one only
      // when they cannot all be met.
      for (const strategy of ['auto', 'single', 'split'] as const) {
        const { count, ...rest } = strategy === 'auto' ? a : analyse(problem, { strategy, checkKeys: true });
        expect(count).toBe(a.count);
        expect(assess(problem, { strategy, checkKeys: true }), `assess, ${strategy} ${label}`).toEqual(rest);
      }

      // Both strategies (one forward pass; two halves joined) give the same figures.
      for (const strategy of ['single', 'split'] as const) {
        const s = analyse(problem, { strategy, checkKeys: true });
        expect(s.count, `${strategy} ${label}`).toBe(a.count);
        expect(s.credit?.min).toBe(a.credit?.min);
        expect(s.credit?.max).toBe(a.credit?.max);
        expect(s.glh).toEqual(a.glh);
        expect(s.tqt).toEqual(a.tqt);
        if (s.credit) {
          for (const ex of [s.credit.minExample, s.credit.maxExample]) expect(b.all.includes(b.maskOf(ex))).toBe(true);
          expect(b.credit[b.maskOf(s.credit.minExample)]).toBe(a.credit!.min);
          expect(s.credit.minExample.length).toBe(a.credit!.minExample.length);
          expect(b.credit[b.maskOf(s.credit.maxExample)]).toBe(a.credit!.max);
        }
      }

      // Paging: every page equals the brute-force list cut the same way.
      const size = r.int(1, 7);
      const pages = Math.ceil(b.all.length / size);
      for (const page of new Set([0, 1, r.int(0, pages + 1), pages - 1, pages])) {
        if (page < 0) continue;
        expect(enumerate(problem, page, size, { checkKeys: true }), `page ${page} of ${size}, ${label}`).toEqual(
          b.all.slice(page * size, page * size + size).map(b.refsOf),
        );
      }

      // checkSelection agrees with the brute force on a few selections.
      for (let t = 0; t < 4; t++) {
        const m = t === 0 && b.all.length ? r.pick(b.all) : r.int(0, (1 << b.n) - 1);
        const check = checkSelection(problem, b.refsOf(m));
        expect(check.ok, `selection ${b.refsOf(m).join(',')}, ${label}`).toBe(b.all.includes(m));
        expect(check.rules.map((x) => x.ok)).toEqual(problem.rules.map((_, i) => b.valid[i]![m] === 1));
        expect(check.totals.credits).toBe(b.credit[m]);
        expect(check.totals.units).toBe(popcount(m));
      }

      // fillToMinimum: a smallest-credit valid superset (fewest units among those).
      const start = b.n ? r.int(0, (1 << b.n) - 1) & r.int(0, (1 << b.n) - 1) & r.int(0, (1 << b.n) - 1) : 0;
      const supersets = b.all.filter((m) => (m & start) === start);
      const filled = fillToMinimum(problem, b.refsOf(start), { checkKeys: true });
      if (supersets.length === 0) {
        expect(filled, label).toBeNull();
      } else {
        expect(filled, label).not.toBeNull();
        const m = b.maskOf(filled!);
        expect(b.refsOf(m)).toEqual(filled);
        expect(m & start).toBe(start);
        expect(b.all.includes(m)).toBe(true);
        const least = Math.min(...supersets.map((x) => b.credit[x]!));
        expect(b.credit[m]).toBe(least);
        expect(popcount(m)).toBe(Math.min(...supersets.filter((x) => b.credit[x] === least).map(popcount)));
      }
    }
    // The generator covers both outcomes and the empty selection.
    expect(infeasible).toBeGreaterThan(CASES / 20);
    expect(infeasible).toBeLessThan(CASES * 0.8);
    expect(empties).toBeGreaterThan(0);
  });

  it('agrees when the state vector is too wide for a numeric key', () => {
    const r = new Prng(99);
    for (let c = 0; c < 5; c++) {
      const units = Array.from({ length: 14 }, (_, i) => ({ ref: `U${i}`, group: 'g', level: r.int(3, 6), credit: r.int(5, 9), glh: 10, tqt: 20 }));
      const refs = units.map((u) => u.ref);
      // Ten credit counters over overlapping halves of the pool, all live at once.
      const rules: ComboRule[] = Array.from({ length: 10 }, (_, k) => ({
        kind: 'count',
        id: `c${k}`,
        scopeUnits: refs.filter((_, i) => (i * 7 + k * 3) % 10 < 6),
        minCredits: r.int(5, 20),
        maxCredits: r.int(30, 70),
      }));
      rules.push({ kind: 'levelShare', id: 's', level: 5, minPercent: 40 });
      const problem: ComboProblem = { units, rules };
      const prep = prepare(
        problem,
        indexPool(units),
        rules.map((_, i) => i),
      );
      expect(layout(prep, chooseOrder(prep)).keys.some((k) => !k.numeric)).toBe(true);
      const b = brute(problem);
      const a = analyse(problem, { checkKeys: true });
      expect(a.count).toBe(BigInt(b.all.length));
      if (b.all.length) expect(a.credit!.min).toBe(Math.min(...b.all.map((m) => b.credit[m]!)));
      expect(enumerate(problem, 1, 3)).toEqual(b.all.slice(3, 6).map(b.refsOf));
    }
  });

  it('fillToMinimum returns null for a unit outside the pool', () => {
    const r = new Prng(7);
    const problem = randomProblem(r);
    expect(fillToMinimum(problem, ['NOT-A-UNIT'])).toBeNull();
  });
});
