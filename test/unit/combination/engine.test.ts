/** Conflicts, large counts, the split run on mid-size pools, bad input, timeout and abort. */
import { describe, expect, it } from 'vitest';
import {
  analyse,
  ComboInputError,
  ComboTimeoutError,
  enumerate,
  fillToMinimum,
  type ComboProblem,
  type ComboRule,
  type ComboUnit,
} from '../../../server/src/core/combination/index';
import { Prng } from '../../helpers/prng';
import { ILM_CERTIFICATE, ISP_UNITS } from './fixtures';

/** A pool like the benchmark's synthetic qualification, scaled by `perGroup`. */
function synthetic(seed: number, groups: number, perGroup: number): ComboProblem {
  const r = new Prng(seed);
  const units: ComboUnit[] = [];
  for (let i = 0; i < groups * perGroup; i++) {
    const credit = r.pick([3, 3, 4, 4, 5, 6, 8, 10]);
    units.push({ ref: `S${i}`, group: `g${i % groups}`, level: r.pick([3, 4, 4, 5, 5, 5, 6]), credit, glh: credit * 5, tqt: credit * 10 });
  }
  const ref = (i: number) => units[i]!.ref;
  const rules: ComboRule[] = [
    { kind: 'count', id: 'total', minCredits: 10 * groups, maxCredits: 20 * groups },
    ...Array.from({ length: groups }, (_, k): ComboRule => ({ kind: 'count', id: `g${k}`, scopeGroups: [`g${k}`], minUnits: 1, maxUnits: 4 })),
    { kind: 'count', id: 'g0-credits', scopeGroups: ['g0'], minCredits: 8 },
    { kind: 'count', id: 'g1-g2', scopeGroups: ['g1', 'g2'], minCredits: 10, maxCredits: 30 },
    { kind: 'count', id: 'g3-g4-max', scopeGroups: ['g3', 'g4'], maxCredits: 20 },
    { kind: 'count', id: 'optional', scopeUnits: [ref(3), ref(3 + groups), ref(3 + 2 * groups)], maxUnits: 1 },
    { kind: 'mandatory', id: 'mandatory', units: [ref(0), ref(groups + 1)] },
    { kind: 'barred', id: 'barred', units: [ref(1), ref(2)] },
    { kind: 'barred', id: 'barred-3', units: [ref(4), ref(5), ref(2 * groups + 4)] },
    { kind: 'levelShare', id: 'share', level: 5, minPercent: 50 },
  ];
  return { units, rules };
}

describe('analyse', () => {
  it('names a smallest conflict', () => {
    const problem: ComboProblem = {
      ...ILM_CERTIFICATE,
      rules: [...ILM_CERTIFICATE.rules, { kind: 'count', id: 'at-least-18', minCredits: 18 }],
    };
    const a = analyse(problem);
    expect(a.feasible).toBe(false);
    expect(a.count).toBe(0n);
    expect(a.perRule.every((r) => r.feasible)).toBe(true);
    // 6 credits in group 1, 5 in group 2 and at most 6 in group 3: 17 at most, mandatory units or not.
    expect(a.conflict).toEqual(['group-3-max', 'at-least-18']);
    expect(a.credit).toBeNull();
  });

  it('reports a mandatory unit missing from the pool as a rule that cannot be met alone', () => {
    const problem: ComboProblem = { ...ILM_CERTIFICATE, rules: [...ILM_CERTIFICATE.rules, { kind: 'mandatory', id: 'ghost', units: ['8750-999'] }] };
    const a = analyse(problem);
    expect(a.perRule.find((r) => r.id === 'ghost')!.feasible).toBe(false);
    expect(a.conflict).toEqual(['ghost']);
  });

  it('counts every subset when there are no rules, beyond 2^53', () => {
    expect(analyse({ units: ISP_UNITS, rules: [] }).count).toBe(2n ** 32n);
    const big: ComboProblem = {
      units: Array.from({ length: 120 }, (_, i) => ({ ref: `U${i}`, group: `g${i % 5}`, level: 4 + (i % 3), credit: 1 + (i % 7) })),
      rules: [],
    };
    const a = analyse(big);
    expect(a.count).toBe(2n ** 120n);
    expect(a.credit!.min).toBe(0);
    expect(a.credit!.max).toBe(big.units.reduce((s, u) => s + (u.credit ?? 0), 0));
    expect(a.glh).toBeNull();
    // The empty selection counts when every rule allows it.
    expect(analyse({ units: [], rules: [] }).count).toBe(1n);
    expect(enumerate({ units: [], rules: [] }, 0, 5)).toEqual([[]]);
  });

  it('gives the same figures in one forward pass and in two halves on mid-size pools', () => {
    for (const [seed, groups, perGroup] of [
      [1, 5, 8],
      [2, 6, 7],
      [3, 4, 12],
    ] as const) {
      const problem = synthetic(seed, groups, perGroup);
      const single = analyse(problem, { strategy: 'single', checkKeys: true });
      const split = analyse(problem, { strategy: 'split', checkKeys: true });
      const auto = analyse(problem, { checkKeys: true });
      for (const other of [split, auto]) {
        expect(other.count).toBe(single.count);
        expect(other.credit?.min).toBe(single.credit?.min);
        expect(other.credit?.max).toBe(single.credit?.max);
        expect(other.glh).toEqual(single.glh);
        expect(other.tqt).toEqual(single.tqt);
      }
      expect(single.count).toBeGreaterThan(0n);
    }
  });
});

describe('bad input', () => {
  it('rejects duplicate refs and fractional credits', () => {
    const u: ComboUnit = { ref: 'A', group: 'g', level: 5, credit: 3 };
    expect(() => analyse({ units: [u, u], rules: [] })).toThrow(ComboInputError);
    expect(() => analyse({ units: [{ ...u, credit: 2.5 }], rules: [] })).toThrow(/whole numbers/);
  });
});

describe('timeout and abort', () => {
  const big = synthetic(9, 8, 25);

  it('throws ComboTimeoutError past maxMillis instead of hanging', () => {
    let error: unknown;
    try {
      analyse(big, { maxMillis: 1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ComboTimeoutError);
    expect((error as ComboTimeoutError).reason).toBe('timeout');
    expect((error as Error).message).toMatch(/time budget/);
  });

  it('throws ComboTimeoutError when the signal is aborted', () => {
    const controller = new AbortController();
    controller.abort();
    const signal = controller.signal;
    for (const run of [() => analyse(ILM_CERTIFICATE, { signal }), () => enumerate(big, 0, 10, { signal }), () => fillToMinimum(big, [], { signal })]) {
      expect(run).toThrow(ComboTimeoutError);
      try {
        run();
      } catch (e) {
        expect((e as ComboTimeoutError).reason).toBe('aborted');
      }
    }
  });
});
