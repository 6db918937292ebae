/**
 * Plans valid under both versions: countBoth (the engine over the old and new rules together)
 * against an independent brute force over every subset of each version's pool.
 */
import { describe, expect, it } from 'vitest';
import { countBoth } from '../../server/src/core/diff/index';
import type { ComboProblem, ComboRule } from '../../server/src/core/combination/types';
import { brute } from '../unit/combination/brute';
import { randomProblem } from '../unit/combination/random';
import { Prng } from '../helpers/prng';

/** Selections valid under both, by brute force: the sets of refs valid in each version, intersected. */
function bruteBoth(a: ComboProblem, b: ComboProblem): number {
  const ba = brute(a);
  const bb = brute(b);
  const keys = new Set(ba.all.map((m) => ba.refsOf(m).sort().join(',')));
  return bb.all.filter((m) => keys.has(bb.refsOf(m).sort().join(','))).length;
}

/** A new version of a problem: some units change credit, level or group, one may go, one may come, rules shift. */
function revise(r: Prng, p: ComboProblem, keepShares: boolean): ComboProblem {
  const groups = [...new Set(p.units.map((u) => u.group)), 'gx'];
  let units = p.units.map((u) => {
    const v = { ...u };
    if (r.chance(0.15)) v.credit = r.int(1, 8);
    if (r.chance(0.1)) v.level = r.int(3, 6);
    if (r.chance(0.15)) v.group = r.pick(groups);
    return v;
  });
  if (units.length > 2 && r.chance(0.4)) units = units.filter((_, i) => i !== r.int(0, units.length - 1));
  if (r.chance(0.4)) units.push({ ref: `N${r.int(0, 99)}`, group: r.pick(groups), level: r.int(3, 6), credit: r.int(1, 8) });
  const seen = new Set<string>();
  units = units.filter((u) => !seen.has(u.ref) && seen.add(u.ref));
  const rules = p.rules.map((x): ComboRule => {
    if (x.kind === 'count' && r.chance(0.3)) return { ...x, minCredits: r.int(0, 12) };
    if (x.kind === 'levelShare' && !keepShares && r.chance(0.5)) return { ...x, minPercent: r.pick([25, 50, 75]) };
    return x;
  });
  if (r.chance(0.2))
    rules.push({
      kind: 'barred',
      id: 'nb',
      units: r
        .subset(
          units.map((u) => u.ref),
          0.3,
        )
        .slice(0, 3),
    });
  return { units, rules };
}

describe('countBoth', () => {
  it('equals a brute force over random old and new versions', () => {
    let exact = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const r = new Prng(seed);
      const a = randomProblem(r, 11);
      const b = revise(r, a, seed % 3 !== 0);
      const got = countBoth(a, b);
      if (got.count === null) {
        expect(got.reason, `seed ${seed}`).toMatch(/level-share|credit or level/);
        continue;
      }
      exact++;
      expect(Number(got.count), `seed ${seed}`).toBe(bruteBoth(a, b));
    }
    // Most cases are counted, not skipped: the test checks the engine path, not the refusal.
    expect(exact).toBeGreaterThan(250);
  });

  it('counts a renamed unit as the same unit', () => {
    const a: ComboProblem = {
      units: [
        { ref: 'A', group: 'g', level: 5, credit: 5 },
        { ref: 'B', group: 'g', level: 4, credit: 3 },
        { ref: 'C', group: 'h', level: 5, credit: 4 },
      ],
      rules: [{ kind: 'count', id: 't', minCredits: 8 }],
    };
    const b: ComboProblem = { ...a, units: a.units.map((u) => (u.ref === 'A' ? { ...u, ref: 'A2' } : u)) };
    // Valid under both: {A,B}, {A,C}, {A,B,C}, {B,C}? (7 credits: no) -> 3.
    expect(countBoth(a, b, new Map([['A', 'A2']]))).toEqual({ count: 3n });
    expect(countBoth(a, b)).toEqual({ count: 0n + BigInt(bruteBoth(a, b)) });
  });

  it('counts a tightened rule: plans under the old minimum stop being valid', () => {
    const units = [5, 3, 4, 6].map((credit, i) => ({ ref: `U${i}`, group: 'g', level: 5, credit }));
    const a: ComboProblem = { units, rules: [{ kind: 'count', id: 't', minCredits: 8 }] };
    const b: ComboProblem = { units, rules: [{ kind: 'count', id: 't', minCredits: 12 }] };
    const got = countBoth(a, b);
    expect(got.count).not.toBeNull();
    expect(Number(got.count)).toBe(bruteBoth(a, b));
    expect(Number(got.count)).toBe(brute(b).all.length);
    expect(brute(a).all.length).toBeGreaterThan(brute(b).all.length);
  });
});
