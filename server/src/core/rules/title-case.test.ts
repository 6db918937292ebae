import { describe, expect, it } from 'vitest';
import { edit, findings, lint, spec, under } from '../../../../test/helpers/spec';

const ID = 'title-case';

describe(ID, () => {
  it('passes titles and statements that start with a capital (or e.g., eBay)', () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
    expect(findings(lint(edit(spec(), 'text: Explain part one of outcome 2', 'text: eBay and other marketplaces', { after: 'ref: L5B1' })), ID)).toEqual([]);
  });

  it('flags a unit title with a lost first letter', () => {
    // "ales Territory Management" in the ISP document
    const text = edit(spec(), 'title: Organisational Sales Planning', 'title: rganisational Sales Planning');
    const f = findings(lint(text), ID);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('warning');
    expect(under(text, f[0]!)).toBe('rganisational Sales Planning');
    expect(f[0]!.message).toBe("The title of unit L5B2 starts with a lowercase letter ('rganisational…'): is its first letter missing or damaged?");
    expect(f[0]!.fixes).toEqual([]);
  });

  it('flags an assessment criterion starting lowercase', () => {
    const text = edit(spec(), 'text: Describe part two of outcome 1', 'text: describe part two of outcome 1', { after: 'ref: L5B3' });
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['describe part two of outcome 1']);
    expect(f[0]!.message).toContain('The text of criterion 1.2 of unit L5B3');
  });

  it('leaves prose alone', () => {
    const text = edit(spec(), 'purpose: To enable', 'purpose: to enable', { after: 'ref: L5B1' });
    expect(findings(lint(text), ID)).toEqual([]);
  });
});
