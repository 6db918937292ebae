import { describe, expect, it } from 'vitest';
import { edit, findings, lint, spec, under } from '../../../../test/helpers/spec';

const ID = 'lo-text-keys';

describe(ID, () => {
  it('passes indicative content and guidance keyed once to each outcome', () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
  });

  it('flags indicative content for an outcome the unit does not have', () => {
    const text = edit(spec(), '      - lo: 2\n', '      - lo: 3\n', { after: 'ref: L5B2' });
    const f = findings(lint(text), ID);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('error');
    expect(under(text, f[0]!)).toBe('3');
    expect(f[0]!.message).toBe('Indicative content of unit L5B2 is given for learning outcome 3, but the unit has outcomes 1, 2 only.');
  });

  it('flags two guidance entries for one outcome', () => {
    const text = edit(spec(), '      - lo: 2\n', '      - lo: 1\n', { after: ['ref: L5B1', 'assessorGuidance:'] });
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['1']);
    expect(f[0]!.message).toBe('Assessor guidance of unit L5B1 has two entries for learning outcome 1: merge them.');
  });
});
