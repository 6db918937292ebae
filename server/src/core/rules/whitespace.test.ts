import { describe, expect, it } from 'vitest';
import { edit, expectFixResolves, findings, lint, safeFixes, spec, under } from '../../../../test/helpers/spec';

const ID = 'whitespace';

describe(ID, () => {
  it('passes tidy titles and statements', () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
  });

  it('flags a double space in a title, and tidies it safely', () => {
    const text = edit(spec(), 'title: Analyse Financial Performance', 'title: Analyse  Financial Performance');
    const f = findings(lint(text), ID);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('warning');
    expect(under(text, f[0]!)).toBe('Analyse  Financial Performance');
    expect(f[0]!.message).toBe('The title of unit L5B1 has double spaces: write it on one line with single, ordinary spaces.');
    const [fix] = safeFixes(f[0]!);
    const out = expectFixResolves(text, f[0]!, fix);
    expect(out).toContain('title: Analyse Financial Performance\n');
  });

  it('flags leading and trailing spaces inside quotes, and a non-breaking space', () => {
    const text = edit(spec(), 'text: Explain part one of outcome 1', 'text: " Explain part\u00a0one of outcome 1 "', { after: 'ref: L5B2' });
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['" Explain part\u00a0one of outcome 1 "']);
    expect(f[0]!.message).toBe(
      'The text of criterion 1.1 of unit L5B2 has leading or trailing spaces and tabs or non-breaking spaces: write it on one line with single, ordinary spaces.',
    );
    const out = expectFixResolves(text, f[0]!, f[0]!.fixes[0]);
    expect(out).toContain('text: "Explain part one of outcome 1"\n');
  });

  it('does not rewrite a block scalar, but still reports the line break', () => {
    const text = edit(spec(), 'title: Market Research for Sales Strategy', 'title: |-\n      Market Research\n      for Sales Strategy');
    const f = findings(lint(text), ID);
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('The title of unit L5B3 has a line break: write it on one line with single, ordinary spaces.');
    expect(f[0]!.fixes).toEqual([]);
  });
});
