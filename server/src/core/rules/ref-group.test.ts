import { describe, expect, it } from 'vitest';
import { DEFAULT_GROUPS, DEFAULT_UNITS, expectFixResolves, findings, lint, only, spec, under } from '../../../../test/helpers/spec';

const ID = 'ref-group';
const GROUPS = DEFAULT_GROUPS + '  - id: core\n    title: Core\n    letter: C\n';

describe(ID, () => {
  it('passes units in the group their letter names', () => {
    expect(findings(lint(spec({ groups: GROUPS })), ID)).toEqual([]);
  });

  it('says nothing when no group declares a letter', () => {
    const text = spec({ groups: '  - id: business\n    title: Business\n', units: [...DEFAULT_UNITS.slice(0, 2), { ...DEFAULT_UNITS[2]!, ref: 'L5C3' }] });
    expect(findings(lint(text), ID)).toEqual([]);
  });

  it('flags a unit in another group than its letter names, and offers to move it', () => {
    const text = spec({ groups: GROUPS, units: [...DEFAULT_UNITS.slice(0, 2), { ...DEFAULT_UNITS[2]!, group: 'core' }] });
    const f = only(lint(text), ID);
    expect(f.severity).toBe('error');
    expect(under(text, f)).toBe('core');
    expect(f.message).toBe("Unit L5B3 is in group 'core', but the letter B in its ref stands for 'business' (Business).");
    expect(f.related.map((r) => under(text, r))).toEqual(['B']);
    expect(f.fixes.map((x) => [x.title, !!x.safe])).toEqual([["Move it to group 'business'", false]]);
    expect(expectFixResolves(text, f, f.fixes[0])).toBe(spec({ groups: GROUPS }));
  });

  it('flags a ref whose letter no group declares', () => {
    const text = spec({ groups: GROUPS, units: [...DEFAULT_UNITS.slice(0, 2), { ...DEFAULT_UNITS[2]!, ref: 'L5X3' }] });
    const f = only(lint(text), ID);
    expect(under(text, f)).toBe('L5X3');
    expect(f.message).toBe('Unit L5X3 carries the group letter X, but no group declares that letter (B, C).');
  });
});
