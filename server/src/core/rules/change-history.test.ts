import { describe, expect, it } from 'vitest';
import { edit, findings, lint, spec, under } from '../../../../test/helpers/spec';

const ID = 'change-history';

describe(ID, () => {
  it('passes a history listed oldest first', () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
  });

  it('compares versions as numbers, not text (1.10 is later than 1.9)', () => {
    const text = edit(
      edit(edit(spec(), 'version: "1.0"', 'version: "1.9"'), 'version: "1.1"\n      date', 'version: "1.10"\n      date'),
      'version: "1.1"\n  published',
      'version: "1.10"\n  published',
    );
    expect(findings(lint(text), ID)).toEqual([]);
  });

  it('flags a version that is not later than the one before, with the earlier entry as related', () => {
    const text = edit(spec(), 'version: "1.0"', 'version: "1.2"');
    const f = findings(lint(text), ID);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('error');
    expect(under(text, f[0]!)).toBe('"1.1"');
    expect(f[0]!.span.start).toBe(text.indexOf('"1.1"\n      date'));
    expect(f[0]!.message).toBe(
      'Version 1.1 comes after version 1.2 in the change history, but is not later: list versions oldest first, each number higher than the last.',
    );
    expect(f[0]!.related.map((r) => under(text, r))).toEqual(['"1.2"']);
  });

  it('flags a date earlier than the entry before', () => {
    const text = edit(spec(), 'date: 2024-10-02', 'date: 2025-10-02');
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['2025-05-02']);
    expect(f[0]!.message).toBe('Version 1.1 is dated 2025-05-02, before the previous entry (2025-10-02): list changes oldest first.');
    expect(f[0]!.related.map((r) => under(text, r))).toEqual(['2025-10-02']);
  });
});
