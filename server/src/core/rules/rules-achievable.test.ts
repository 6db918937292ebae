import { describe, expect, it } from 'vitest';
import { CERTIFICATE_RULES, certificateSpec, findings, lint, under } from '../../../../test/helpers/spec';

const ID = 'rules-achievable';
const NAME = "'Level 5 Certificate in Sales Planning'";

describe(ID, () => {
  it('passes rules that can be met together (units: L5B1 5, L5B2 3, L5B3 4, L5B4 6 credits)', () => {
    expect(findings(lint(certificateSpec()), ID)).toEqual([]);
    const rules =
      CERTIFICATE_RULES + '      - id: mandatory\n        mandatory: [L5B4]\n      - id: two-units\n        groups: [business]\n        minUnits: 2\n';
    expect(findings(lint(certificateSpec({ rules })), ID)).toEqual([]);
  });

  it('flags a rule that can never be met on its own, at the rule, saying why', () => {
    const text = certificateSpec({ rules: CERTIFICATE_RULES + '      - id: five-units\n        groups: [business]\n        minUnits: 5\n' });
    const f = findings(lint(text), ID);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('error');
    expect(under(text, f[0]!)).toBe('id: five-units');
    expect(f[0]!.message).toBe(
      `${NAME}: rule 'five-units' (At least 5 units from Business) can never be met: it needs at least 5 units, but only 4 are available.`,
    );
  });

  it('flags rules that cannot be met together, with each rule as related location', () => {
    // at most two units give at most 6 + 5 = 11 credits
    const text = certificateSpec({ rules: CERTIFICATE_RULES + '      - id: two-units\n        maxUnits: 2\n' });
    const f = findings(lint(text), ID);
    expect(f).toHaveLength(1);
    expect(under(text, f[0]!)).toBe('rules');
    expect(f[0]!.message).toContain(`The rules of ${NAME} cannot all be met at once: no selection of units satisfies 'total' and 'two-units' together`);
    expect(f[0]!.related.map((r) => under(text, r))).toEqual(['id: total', 'id: two-units']);
  });

  it('flags a mandatory unit outside the pool the qualification draws on', () => {
    const text = certificateSpec({
      pool: '      units: [L5B1, L5B2, L5B3]',
      rules: '      - id: total\n        minCredits: 12\n      - id: mandatory\n        mandatory: [L5B4]\n',
    });
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['id: mandatory']);
    expect(f[0]!.message).toBe(
      `${NAME}: rule 'mandatory' (Unit L5B4 is mandatory) can never be met: L5B4 is not among the units the qualification may draw on.`,
    );
  });
});
