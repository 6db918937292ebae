import { describe, expect, it } from 'vitest';
import { planCount } from '../../client/src/preview/plan-words';

describe("the preview's plan count", () => {
  it('does not count rules an empty plan meets only because nothing is chosen', () => {
    expect(planCount(0, 1, 6)).toBe('No units chosen yet: a plan must meet 6 rules.');
    expect(planCount(0, 1, 6)).not.toMatch(/1 of 6/);
  });
  it('counts met rules once units are chosen', () => {
    expect(planCount(2, 3, 6)).toBe('3 of 6 rules met.');
    expect(planCount(1, 0, 1)).toBe('0 of 1 rule met.');
  });
});
