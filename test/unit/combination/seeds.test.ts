/**
 * Exact figures for the seed qualifications (fixtures.ts), each computed once by an independent
 * script, not by this engine:
 * - ISP Certificate and Diploma (32 units): oneoff/isp-brute.c, a C brute force over all 2^32
 *   subsets (per-half lookup tables of 16-bit masks, popcounts for unit counts; ~9 s on 2 cores).
 * - ILM Certificate (13 units): oneoff/ilm-brute.py, a Python brute force over all 2^13 subsets.
 * If a transcribed value in fixtures.ts changes, rerun those scripts (after updating their unit
 * tables) and update the figures here.
 */
import { describe, expect, it } from 'vitest';
import { analyse, checkSelection, enumerate, fillToMinimum, type ComboProblem } from '../../../server/src/core/combination/index';
import { ILM_CERTIFICATE, ISP_CERTIFICATE, ISP_DIPLOMA } from './fixtures';

function expectExamplesValid(problem: ComboProblem, min: number, max: number, minExample: string[], maxExample: string[]): void {
  const lo = checkSelection(problem, minExample);
  expect(lo.ok).toBe(true);
  expect(lo.totals.credits).toBe(min);
  const hi = checkSelection(problem, maxExample);
  expect(hi.ok).toBe(true);
  expect(hi.totals.credits).toBe(max);
}

describe('ISP Level 5 Certificate in Professional Sales', () => {
  it('has the brute-force figures', () => {
    const a = analyse(ISP_CERTIFICATE);
    expect(a.feasible).toBe(true);
    expect(a.perRule.every((r) => r.feasible)).toBe(true);
    expect(a.conflict).toBeNull();
    // oneoff/isp-brute.c: "certificate: count=5084459 credit=16..36 glh=80..180 tqt=160..360"
    expect(a.count).toBe(5084459n);
    expect([a.credit!.min, a.credit!.max]).toEqual([16, 36]);
    expect(a.glh).toEqual({ min: 80, max: 180 });
    expect(a.tqt).toEqual({ min: 160, max: 360 });
    expectExamplesValid(ISP_CERTIFICATE, 16, 36, a.credit!.minExample, a.credit!.maxExample);
  });

  it('cannot reach its stated minimum of 13 credits: the level share needs 16', () => {
    // Two business, two core and one leadership/self unit make 5 units of at least 3 credits
    // (15 credits); with at most half of them below level 5 the least is 16.
    const a = analyse(ISP_CERTIFICATE);
    expect(a.credit!.min).toBeGreaterThan(13);
    const filled = fillToMinimum(ISP_CERTIFICATE, []);
    expect(checkSelection(ISP_CERTIFICATE, filled!).totals.credits).toBe(16);
  });
});

describe('ISP Level 5 Diploma in Professional Sales', () => {
  it('has the brute-force figures', () => {
    const a = analyse(ISP_DIPLOMA);
    expect(a.feasible).toBe(true);
    expect(a.conflict).toBeNull();
    // oneoff/isp-brute.c: "diploma: count=2667486112 credit=37..147 glh=185..735 tqt=370..1470"
    expect(a.count).toBe(2667486112n);
    expect([a.credit!.min, a.credit!.max]).toEqual([37, 147]);
    expect(a.glh).toEqual({ min: 185, max: 735 });
    expect(a.tqt).toEqual({ min: 370, max: 1470 });
    expectExamplesValid(ISP_DIPLOMA, 37, 147, a.credit!.minExample, a.credit!.maxExample);
    // The whole pool is a valid Diploma (147 credits, 110 of them at level 5 or above).
    expect(a.credit!.maxExample).toHaveLength(32);
  });

  it('gives the same figures with one forward pass and with two halves', () => {
    for (const strategy of ['single', 'split'] as const) {
      const a = analyse(ISP_DIPLOMA, { strategy });
      expect(a.count).toBe(2667486112n);
      expect([a.credit!.min, a.credit!.max, a.glh!.min, a.glh!.max]).toEqual([37, 147, 185, 735]);
    }
  });
});

describe('ILM Level 2 Certificate in Sales Management', () => {
  it('has the brute-force figures; the published maximum of 36 credits is unreachable', () => {
    const a = analyse(ILM_CERTIFICATE);
    expect(a.feasible).toBe(true);
    // oneoff/ilm-brute.py: "count 475 credit 13 17 glh 45 76"
    expect(a.count).toBe(475n);
    expect([a.credit!.min, a.credit!.max]).toEqual([13, 17]);
    expect(a.glh).toEqual({ min: 45, max: 76 });
    expect(a.tqt).toBeNull(); // the fixture gives no TQT per unit
    expectExamplesValid(ILM_CERTIFICATE, 13, 17, a.credit!.minExample, a.credit!.maxExample);
    // 6 mandatory credits + all 5 of group 2 + at most 6 of group 3.
    expect(a.credit!.max).toBeLessThan(36);
  });

  it('lists all 475 selections page by page, with the brute-force split by credit', () => {
    const all: string[][] = [];
    for (let page = 0; ; page++) {
      const got = enumerate(ILM_CERTIFICATE, page, 100);
      all.push(...got);
      if (got.length < 100) break;
    }
    expect(all).toHaveLength(475);
    expect(new Set(all.map((s) => s.join())).size).toBe(475);
    const byCredit = new Map<number, number>();
    for (const s of all) {
      const check = checkSelection(ILM_CERTIFICATE, s);
      expect(check.ok).toBe(true);
      byCredit.set(check.totals.credits, (byCredit.get(check.totals.credits) ?? 0) + 1);
    }
    // oneoff/ilm-brute.py: "by credit [(13, 155), (14, 150), (15, 110), (16, 50), (17, 10)]"
    expect([...byCredit].sort((x, y) => x[0] - y[0])).toEqual([
      [13, 155],
      [14, 150],
      [15, 110],
      [16, 50],
      [17, 10],
    ]);
    // The first selection takes every unit it can, in pool order.
    expect(all[0]).toEqual([
      '8570-228',
      '8570-229',
      '8570-205',
      '8750-213',
      '8750-212',
      '8750-207',
      '8750-221',
      '8750-216',
      '8750-300',
      '8750-302',
      '8750-307',
    ]);
  });
});
