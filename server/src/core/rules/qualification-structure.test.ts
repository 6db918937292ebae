import { describe, expect, it } from 'vitest';
import { CERTIFICATE_RULES, certificateSpec, DEFAULT_QUALIFICATIONS, edit, findings, lint, spec, under } from '../../../../test/helpers/spec';

const ID = 'qualification-structure';
const NAME = "'Level 5 Certificate in Sales Planning'";

describe(ID, () => {
  it('passes an Award with units and a Certificate with rules', () => {
    expect(findings(lint(certificateSpec()), ID)).toEqual([]);
  });

  it('flags an Award that lists no units, at its type', () => {
    const text = spec({ qualifications: DEFAULT_QUALIFICATIONS.replace('    units:\n      - L5B1\n      - L5B2\n', '') });
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['award']);
    expect(f[0]!.severity).toBe('error');
    expect(f[0]!.message).toBe("'Level 5 Award in Sales Planning' is an Award but lists no units: add its fixed units under 'units'.");
  });

  it('flags a Certificate without rules of combination', () => {
    const text = edit(certificateSpec(), '    rules:\n' + CERTIFICATE_RULES, '');
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['certificate']);
    expect(f[0]!.message).toBe(`${NAME} is a Certificate but has no rules of combination: add them under 'rules'.`);
  });

  it('flags a rule that sets no limit', () => {
    const text = certificateSpec({ rules: CERTIFICATE_RULES + '      - id: note\n        text: Centres should advise learners.\n' });
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['id: note']);
    expect(f[0]!.message).toBe(
      `Rule 'note' of ${NAME} sets no limit: give it minUnits, maxUnits, minCredits, maxCredits, minGlh, maxGlh, minTqt, maxTqt, mandatory, barred or levelShare.`,
    );
  });

  it('flags a minimum larger than its maximum', () => {
    const text = certificateSpec({ rules: CERTIFICATE_RULES + '      - groups: [business]\n        minUnits: 3\n        maxUnits: 2\n' });
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['3']);
    expect(f[0]!.message).toBe(`Rule 2 of ${NAME} asks for at least 3 units but at most 2.`);
  });

  it('takes a GLH limit as a limit, and flags a GLH minimum larger than its maximum', () => {
    const glhOnly = certificateSpec({ rules: CERTIFICATE_RULES + '      - id: hours\n        minGlh: 40\n' });
    expect(findings(lint(glhOnly), ID)).toEqual([]);
    const text = certificateSpec({ rules: CERTIFICATE_RULES + '      - id: hours\n        minGlh: 90\n        maxGlh: 60\n' });
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['90']);
    expect(f[0]!.message).toBe(`Rule 'hours' of ${NAME} asks for at least 90 guided learning hours but at most 60.`);
  });

  it('warns about a scope that does not apply to a mandatory rule', () => {
    const text = certificateSpec({ rules: CERTIFICATE_RULES + '      - id: core\n        groups: [business]\n        mandatory: [L5B1]\n' });
    const f = findings(lint(text), ID);
    expect(f.map((x) => [under(text, x), x.severity])).toEqual([['id: core', 'warning']]);
    expect(f[0]!.message).toContain("Rule 'core' of");
    expect(f[0]!.message).toContain('put those in a rule of their own');
  });
});
