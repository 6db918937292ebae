import { describe, expect, it } from 'vitest';
import { DEFAULT_UNITS, edit, expectFixResolves, findings, lint, safeFixes, spec, under } from '../../../../test/helpers/spec';

const ID = 'yaml-type-trap';

describe(ID, () => {
  it('passes quoted versions and criterion numbers', () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
  });

  it('flags a version that YAML reads as a number, with a safe fix to quote it', () => {
    const text = edit(spec(), 'version: "1.1"\n  published', 'version: 1.10\n  published');
    const f = findings(lint(text), ID);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('error');
    expect(under(text, f[0]!)).toBe('1.10');
    expect(f[0]!.message).toContain('YAML reads 1.10 as the number 1.1, not the text \'1.10\': quote it ("1.10")');
    const [fix] = safeFixes(f[0]!);
    expect(fix!.title).toBe('Quote it: "1.10"');
    expect(expectFixResolves(text, f[0]!, fix)).toBe(edit(spec(), 'version: "1.1"\n  published', 'version: "1.10"\n  published'));
  });

  it('flags a criterion number written as a number, and keeps the comment after it', () => {
    const text = edit(spec(), 'number: "1.2"', 'number: 1.2  # second criterion', { after: 'ref: L5B1' });
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['1.2']);
    expect(f[0]!.message).toContain('quote it ("1.2")');
    expect(f[0]!.message).toContain('criterion');
    const out = expectFixResolves(text, f[0]!, f[0]!.fixes[0]);
    expect(out).toContain('number: "1.2"  # second criterion');
  });

  it('warns about a plain yes/no that older YAML tools read as true/false', () => {
    const text = edit(spec(), 'title: Business', 'title: No');
    const f = findings(lint(text), ID);
    expect(f.map((x) => [under(text, x), x.severity])).toEqual([['No', 'warning']]);
    expect(f[0]!.message).toBe('\'No\' is read as text here, but older YAML tools read it as false: quote it ("No") so every tool agrees.');
    expect(expectFixResolves(text, f[0]!, safeFixes(f[0]!)[0])).toContain('title: "No"');
  });

  it('does not advise quoting yes where the format wants true or false (the schema check reports it)', () => {
    const text = edit(spec({ units: [...DEFAULT_UNITS.slice(0, 2), { ...DEFAULT_UNITS[2]!, summary: true }] }), 'summary: true', 'summary: yes');
    const all = lint(text);
    expect(findings(all, ID)).toEqual([]);
    expect(findings(all, 'schema').map((x) => [under(text, x), x.message])).toEqual([
      ['yes', "'summary' in unit L5B3 should be true or false, not text ('yes')."],
    ]);
  });
});
