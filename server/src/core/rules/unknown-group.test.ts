import { describe, expect, it } from 'vitest';
import { certificateSpec, edit, expectFixResolves, findings, lint, safeFixes, spec, under } from '../../../../test/helpers/spec';

const ID = 'unknown-group';

describe(ID, () => {
  it('passes groups that are declared', () => {
    expect(findings(lint(certificateSpec({ pool: '      groups: [business]' })), ID)).toEqual([]);
  });

  it("flags a unit's undeclared group, suggests the close one, and fixes it safely", () => {
    const text = edit(spec(), 'group: business', 'group: busines', { after: 'ref: L5B2' });
    const f = findings(lint(text), ID);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('error');
    expect(under(text, f[0]!)).toBe('busines');
    expect(f[0]!.message).toBe("Unit L5B2 names group 'busines', which is not declared under groups — did you mean 'business'?");
    const [fix] = safeFixes(f[0]!);
    expect(expectFixResolves(text, f[0]!, fix)).toBe(spec());
  });

  it('flags a group named by a rule of combination, listing the declared groups', () => {
    const text = certificateSpec({ rules: '      - groups: [leadership]\n        minUnits: 1\n      - minCredits: 13\n        maxCredits: 18\n' });
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['leadership']);
    expect(f[0]!.message).toBe(
      "A rule of 'Level 5 Certificate in Sales Planning' names group 'leadership', which is not declared under groups (declared: business).",
    );
    expect(f[0]!.fixes).toEqual([]);
  });

  it('flags a group named by a pool', () => {
    const text = certificateSpec({ pool: '      groups: [buisness]' });
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['buisness']);
    expect(f[0]!.message).toContain("The pool of 'Level 5 Certificate in Sales Planning' names group 'buisness'");
  });
});
