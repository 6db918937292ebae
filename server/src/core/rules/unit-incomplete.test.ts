import { describe, expect, it } from 'vitest';
import { DEFAULT_DOCUMENT, DEFAULT_UNITS, edit, findings, lint, spec, under } from '../../../../test/helpers/spec';
import { LETTERED_UNIT } from '../../../../test/helpers/lettered';

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

  it('takes assessor guidance given once for the whole unit as covering every outcome', () => {
    expect(findings(lint(spec({ extraUnits: LETTERED_UNIT })), ID)).toEqual([]);
  });

  it('asks no UAN or TQT of a unit where no unit of the file has one (an RQF spec sized in GLH only), but does under the QCF', () => {
    const glhOnly = (s: string) => s.replace(/^ {4}(uan|tqt|credit): .*\n/gm, '');
    const text = glhOnly(spec());
    expect(text).not.toContain('uan:');
    expect(findings(lint(text), ID)).toEqual([]);
    const qcf = edit(text, 'document:\n', 'document:\n  framework: qcf\n');
    expect(qcf).toContain(DEFAULT_DOCUMENT.split('\n')[0]!);
    const f = findings(lint(qcf), ID);
    expect(f.map((x) => [under(qcf, x), x.message])).toEqual([
      ['L5B1', "Unit L5B1 has no UAN, TQT. Add them, or mark the unit 'summary: true' if it is specified in full elsewhere."],
      ['L5B2', "Unit L5B2 has no UAN, TQT. Add them, or mark the unit 'summary: true' if it is specified in full elsewhere."],
      ['L5B3', "Unit L5B3 has no UAN, TQT. Add them, or mark the unit 'summary: true' if it is specified in full elsewhere."],
    ]);
  });
});
