import { describe, expect, it } from 'vitest';
import { DEFAULT_UNITS, edit, findings, lint, spec, under } from '../../../../test/helpers/spec';

const ID = 'unit-incomplete';

describe(ID, () => {
  it('passes units specified in full, and summary units', () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
    const summary = spec({ units: [...DEFAULT_UNITS.slice(0, 2), { ...DEFAULT_UNITS[2]!, summary: true }] });
    expect(findings(lint(summary), ID)).toEqual([]);
  });

  it('flags a full unit without UAN, TQT or purpose, at its ref', () => {
    const text = edit(
      spec({ units: [...DEFAULT_UNITS.slice(0, 2), { ...DEFAULT_UNITS[2]!, uan: null, tqt: null }] }),
      '    purpose: To enable learners to manage the work of unit L5B3.\n',
      '',
    );
    const f = findings(lint(text), ID);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('warning');
    expect(under(text, f[0]!)).toBe('L5B3');
    expect(f[0]!.message).toBe("Unit L5B3 has no UAN, TQT, purpose. Add them, or mark the unit 'summary: true' if it is specified in full elsewhere.");
  });

  it('flags assessor guidance missing for an outcome, at the list', () => {
    const text = edit(spec(), '      - lo: 2\n        text: |-\n          - Guidance for outcome 2\n', '', { after: 'ref: L5B1' });
    const f = findings(lint(text), ID);
    expect(f).toHaveLength(1);
    expect(under(text, f[0]!)).toBe('assessorGuidance');
    expect(f[0]!.message).toBe('Unit L5B1 has no assessor guidance for learning outcome 2.');
  });

  it('flags indicative content missing altogether', () => {
    const text = edit(
      spec(),
      '    indicativeContent:\n      - lo: 1\n        text: |-\n          - Content for outcome 1\n      - lo: 2\n        text: |-\n          - Content for outcome 2\n',
      '',
      { after: 'ref: L5B2' },
    );
    const f = findings(lint(text), ID);
    expect(f).toHaveLength(1);
    expect(under(text, f[0]!)).toBe('ref');
    expect(f[0]!.message).toBe('Unit L5B2 has no indicative content for learning outcomes 1, 2.');
  });
});
