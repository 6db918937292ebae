import { describe, expect, it } from 'vitest';
import { DEFAULT_GROUPS, DEFAULT_UNITS, findings, lint, spec, under } from '../../../../test/helpers/spec';

const ID = 'duplicate-ref';

describe(ID, () => {
  it('passes unique refs and group ids', () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
  });

  it('flags the second definition of a unit ref, pointing at the first', () => {
    const text = spec({ units: [...DEFAULT_UNITS, { ...DEFAULT_UNITS[2]!, ref: 'L5B2' }] });
    const f = findings(lint(text), ID);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('error');
    expect(under(text, f[0]!)).toBe('L5B2');
    expect(f[0]!.span.start).toBe(text.lastIndexOf('ref: L5B2') + 5);
    expect(f[0]!.message).toBe('Unit L5B2 is defined more than once in this file: give each unit its own ref, or remove the copy.');
    expect(f[0]!.related.map((r) => r.span.start)).toEqual([text.indexOf('ref: L5B2') + 5]);
  });

  it('flags a group declared twice', () => {
    const text = spec({ groups: DEFAULT_GROUPS + '  - id: business\n    title: Business again\n' });
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['business']);
    expect(f[0]!.span.start).toBe(text.lastIndexOf('id: business') + 4);
    expect(f[0]!.message).toBe("Group 'business' is declared twice: give each group its own id, or remove the copy.");
    expect(f[0]!.related.map((r) => r.span.start)).toEqual([text.indexOf('id: business') + 4]);
  });
});
