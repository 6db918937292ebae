import { describe, expect, it } from 'vitest';
import { CERTIFICATE_RULES, certificateSpec, findings, lint, only, under } from '../../../../test/helpers/spec';
import { statedNumbers } from './rule-text-numbers';

const ID = 'rule-text-numbers';
const NAME = "'Level 5 Certificate in Sales Planning'";
const withRule = (lines: string) => certificateSpec({ rules: CERTIFICATE_RULES + lines });

describe(ID, () => {
  it('reads only clear limit phrases', () => {
    const read = (t: string) => statedNumbers(t).map((s) => `${s.bound} ${s.value} ${s.measure}`);
    expect(read('Minimum 13 and maximum 36 credits')).toEqual(['min 13 credit', 'max 36 credit']);
    expect(read('A minimum of 13 credits, maximum 24 credits')).toEqual(['min 13 credit', 'max 24 credit']);
    expect(read('At least two BUSINESS units')).toEqual(['min 2 units']);
    expect(read('No more than two Level 4 units')).toEqual(['max 2 units']);
    expect(read('CORE units totalling 3 to 8 credits')).toEqual(['min 3 credit', 'max 8 credit']);
    expect(read('Three mandatory units and one optional unit, a combined total of 360 GLH.')).toEqual(['min 360 glh', 'max 360 glh']);
    expect(read('Units selected must equate to a minimum of 50% at Level 5 or above.')).toEqual(['min 50 percent']);
    expect(read('A minimum of 20 credits must be achieved at Level 3 or above')).toEqual(['min 20 credit']);
    expect(read('up to 120 guided learning hours')).toEqual(['max 120 glh']);
    // numbers that are levels, unit numbers, dates or counts without a limit word are not read
    expect(read('Units 201 and 202 are mandatory at Level 3 from 2024')).toEqual([]);
    expect(read('the remaining 7 credits from Groups 2 and 3')).toEqual([]);
    expect(read('At least 6 of the learners must be at Level 3 credits')).toEqual([]);
  });

  it('passes wording that agrees with the limits', () => {
    expect(findings(lint(certificateSpec()), ID)).toEqual([]);
  });

  it('flags a maximum in the wording that the limit contradicts (ILM: "maximum 36 credits", limit 17), at the words', () => {
    const text = withRule(
      '      - id: groups\n        text: Minimum 2 and maximum 6 credits from Business\n        groups: [business]\n        minCredits: 2\n        maxCredits: 5\n',
    );
    const f = only(lint(text), ID);
    expect(f.severity).toBe('warning');
    expect(under(text, f)).toBe('Minimum 2 and maximum 6 credits');
    expect(f.message).toBe(
      `The wording of rule 'groups' of ${NAME} says a maximum of 6 credits, but the rule's limit is 5 credits (maxCredits: 5): correct the wording or the limit.`,
    );
    expect(f.related.map((r) => under(text, r))).toEqual(['5']);
  });

  it('flags a stated limit the rule does not set, and a unit count that disagrees', () => {
    const missing = withRule(
      '      - id: b\n        text: At least 2 credits and at least two Business units\n        groups: [business]\n        minUnits: 3\n',
    );
    const f = findings(lint(missing), ID);
    expect(f.map((x) => under(missing, x))).toEqual(['At least 2 credits', 'at least two Business units']);
    expect(f[0]!.message).toBe(
      `The wording of rule 'b' of ${NAME} says a minimum of 2 credits, but the rule sets no such limit (minCredits): add the limit, or correct the wording.`,
    );
    expect(f[1]!.message).toContain("says a minimum of 2 units, but the rule's limit is 3 units (minUnits: 3)");
  });

  it('compares a level share with its percentage or amount', () => {
    const text = withRule('      - id: share\n        text: A minimum of 60% at Level 5 or above\n        levelShare: { level: 5, minPercent: 50 }\n');
    expect(only(lint(text), ID).message).toBe(
      `The wording of rule 'share' of ${NAME} says a minimum of 60%, but the rule's limit is 50% (minPercent: 50): correct the wording or the limit.`,
    );
    const amount = withRule(
      '      - id: share\n        text: A minimum of 8 credits must be at Level 5 or above\n        levelShare: { level: 5, minCredits: 8 }\n',
    );
    expect(findings(lint(amount), ID)).toEqual([]);
  });

  it('leaves the wording of mandatory and barred rules alone', () => {
    const text = withRule('      - id: m\n        text: At least three units are mandatory\n        mandatory: [L5B1]\n');
    expect(findings(lint(text), ID)).toEqual([]);
  });
});
