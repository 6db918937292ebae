/** checkSelection reasons and hints, describeRule wording. */
import { describe, expect, it } from 'vitest';
import { checkSelection, describeRule, type ComboProblem, type ComboRule } from '../../../server/src/core/combination/index';
import { ILM_CERTIFICATE, ISP_CERTIFICATE, ISP_DIPLOMA, ISP_GROUP_TITLES } from './fixtures';

const reasons = (problem: ComboProblem, selected: string[]) => Object.fromEntries(checkSelection(problem, selected).rules.map((r) => [r.id, [r.ok, r.reason]]));

describe('checkSelection', () => {
  it('gives a reason per rule in plain words, and what is missing', () => {
    const check = checkSelection(ISP_CERTIFICATE, ['L5B1', 'L4B3', 'L4C1', 'L4C3', 'L4C7']);
    expect(check.ok).toBe(false);
    expect(reasons(ISP_CERTIFICATE, ['L5B1', 'L4B3', 'L4C1', 'L4C3', 'L4C7'])).toEqual({
      total: [true, 'Total: 18 credits, needs 13 to 36'],
      business: [true, 'Business: 2 units, needs at least 2'],
      core: [true, 'Core: 3 units, needs at least 2'],
      'leadership-or-self': [false, 'Leadership or Self: 0 units, needs at least 1'],
      level5: [false, 'Level 5 or above: 5 of 18 credits, needs 50%'],
    });
    // 100·(5 + 8) >= 50·(18 + 8), and 100·5 >= 50·(18 - 8).
    expect(check.missing).toEqual(['add 1 unit from Leadership or Self', 'add 8 credits at level 5 or above, or remove 8 credits below level 5']);
    expect(check.totals).toEqual({ units: 5, credits: 18, glh: 90, tqt: 180 });
    expect(check.unknownRefs).toEqual([]);
  });

  it('reports the examples of the issue', () => {
    expect(reasons(ISP_CERTIFICATE, ['L5B1'])['business']).toEqual([false, 'Business: 1 unit, needs at least 2']);
    // 12 of 25 credits at level 5 or above (no ISP selection has exactly 12 of 26).
    const sel = ['L5B1', 'L5B3', 'L5S3', 'L4B3', 'L4B5', 'L4B8', 'L4C1'];
    expect(reasons(ISP_CERTIFICATE, sel)['level5']).toEqual([false, 'Level 5 or above: 12 of 25 credits, needs 50%']);
    expect(checkSelection(ISP_CERTIFICATE, sel).missing).toContain('add 1 credit at level 5 or above, or remove 1 credit below level 5');
  });

  it('says which credits are missing from which groups', () => {
    const check = checkSelection(ISP_DIPLOMA, ['L5B1', 'L4B3', 'L4C1', 'L4C3', 'L4C7', 'L5L1', 'XX']);
    expect(check.ok).toBe(false);
    expect(check.unknownRefs).toEqual(['XX']);
    expect(check.missing).toEqual([
      'add 11 credits in total',
      'add 1 credit from Business',
      'add 2 credits from Core',
      'add 8 credits from Self',
      'remove XX: it is not among the units on offer',
    ]);
    expect(reasons(ISP_DIPLOMA, ['L5L1'])['leadership']).toEqual([true, 'Leadership: 8 credits, needs at least 8']);
  });

  it('names missing mandatory units and excess credits', () => {
    const check = checkSelection(ILM_CERTIFICATE, ['8570-228', '8750-300', '8750-302', '8750-307', '8750-326']);
    expect(check.rules.map((r) => r.reason)).toEqual([
      'Mandatory units: 8570-229 and 8570-205 not selected',
      'Total: 10 credits, needs 13 to 36',
      'Group 3: 8 credits, allows at most 6',
    ]);
    expect(check.missing).toEqual(['add mandatory unit 8570-229', 'add mandatory unit 8570-205', 'add 3 credits in total', 'remove 2 credits from Group 3']);
    expect(check.totals.tqt).toBeNull();
    expect(check.totals.glh).toBe(36);
  });

  it('handles barred combinations, unknown mandatory units and duplicates', () => {
    const problem: ComboProblem = {
      units: ISP_CERTIFICATE.units,
      groupTitles: ISP_GROUP_TITLES,
      rules: [
        { kind: 'barred', id: 'b', units: ['L5B1', 'L4B3'] },
        { kind: 'mandatory', id: 'm', units: ['L5B1', 'L9Z9'] },
        { kind: 'count', id: 'c', scopeUnits: ['L5B1', 'L5B2'], scopeGroups: ['core'], minUnits: 1, maxCredits: 10 },
      ],
    };
    const check = checkSelection(problem, ['L5B1', 'L4B3', 'L5B1']);
    expect(check.totals.units).toBe(2);
    expect(check.rules).toEqual([
      { id: 'b', ok: false, reason: 'Barred combination (L5B1, L4B3): 2 selected, allows at most 1' },
      { id: 'm', ok: false, reason: 'Mandatory unit L9Z9 is not among the units on offer, so this rule cannot be met' },
      { id: 'c', ok: true, reason: 'Core or units L5B1 or L5B2: 1 unit, needs at least 1; 5 credits, allows at most 10' },
    ]);
    expect(check.missing).toEqual(['keep only one of L5B1 and L4B3']);
  });

  it('treats the empty selection as 0 of 0 credits for a level share', () => {
    const problem: ComboProblem = { units: ISP_CERTIFICATE.units, rules: [{ kind: 'levelShare', id: 's', level: 5, minPercent: 50 }] };
    const check = checkSelection(problem, []);
    expect(check.ok).toBe(true);
    expect(check.rules[0]!.reason).toBe('Level 5 or above: 0 of 0 credits, needs 50%');
    expect(check.totals).toEqual({ units: 0, credits: 0, glh: 0, tqt: 0 });
  });
});

describe('describeRule', () => {
  const cases: [ComboRule, string][] = [
    [{ kind: 'count', id: 'a', scopeGroups: ['business'], minUnits: 2 }, 'At least 2 units from Business'],
    [{ kind: 'count', id: 'a', scopeGroups: ['leadership', 'self'], minUnits: 1 }, 'At least 1 unit from Leadership or Self'],
    [{ kind: 'count', id: 'a', minCredits: 13, maxCredits: 36 }, 'Between 13 and 36 credits in total'],
    [{ kind: 'count', id: 'a', minCredits: 37 }, 'At least 37 credits in total'],
    [{ kind: 'count', id: 'a', scopeGroups: ['group-3'], maxCredits: 6 }, 'At most 6 credits from group-3'],
    [{ kind: 'count', id: 'a', scopeGroups: ['core'], minUnits: 2, maxUnits: 2, minCredits: 9 }, 'Exactly 2 units and at least 9 credits from Core'],
    [{ kind: 'count', id: 'a', scopeUnits: ['L5B1', 'L5B2', 'L5B3'], maxUnits: 1 }, 'At most 1 unit from units L5B1, L5B2 or L5B3'],
    [{ kind: 'count', id: 'a', scopeGroups: ['self'] }, 'Any number of units from Self'],
    [{ kind: 'mandatory', id: 'm', units: ['8570-228', '8570-229', '8570-205'] }, 'Units 8570-228, 8570-229 and 8570-205 are mandatory'],
    [{ kind: 'mandatory', id: 'm', units: ['L5B1'] }, 'Unit L5B1 is mandatory'],
    [{ kind: 'barred', id: 'b', units: ['L5B1', 'L4B3'] }, 'Units L5B1 and L4B3 cannot be taken together'],
    [{ kind: 'barred', id: 'b', units: ['A', 'B', 'C'] }, 'At most one of A, B and C'],
    [{ kind: 'levelShare', id: 's', level: 5, minPercent: 50 }, 'At least 50% of credits from units at level 5 or above'],
  ];
  it.each(cases)('%j', (rule, words) => {
    expect(describeRule(rule, { ...ISP_GROUP_TITLES })).toBe(words);
  });
});
