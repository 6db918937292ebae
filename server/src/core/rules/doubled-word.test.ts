import { describe, expect, it } from 'vitest';
import { edit, expectFixResolves, findings, lint, safeFixes, spec, under } from '../../../../test/helpers/spec';

const ID = 'doubled-word';

describe(ID, () => {
  it('passes text without doubled words, and doubles that are good English ("had had")', () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
    expect(
      findings(lint(edit(spec(), 'text: Understand the sales cycle', 'text: Understand that that cycle had had its day', { after: 'ref: L5B1' })), ID),
    ).toEqual([]);
  });

  it('flags a doubled word at the two words, naming where it is, and removes the second safely', () => {
    const text = edit(spec(), 'text: Understand the sales cycle', 'text: Understand the the sales cycle', { after: 'ref: L5B1' });
    const f = findings(lint(text), ID);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('warning');
    expect(under(text, f[0]!)).toBe('the the');
    expect(f[0]!.message).toBe("'the the': the word 'the' is written twice in learning outcome 1 of unit L5B1.");
    const [fix] = safeFixes(f[0]!);
    expect(fix!.title).toBe("Remove the second 'the'");
    expect(expectFixResolves(text, f[0]!, fix)).toBe(spec());
  });

  it('finds a double across a change of case, and in prose', () => {
    const text = edit(spec(), '- Content for outcome 2', '- Content for For outcome 2', { after: 'ref: L5B3' });
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['for For']);
    expect(f[0]!.message).toBe("'for For': the word 'for' is written twice in indicative content 2 of unit L5B3.");
    expect(expectFixResolves(text, f[0]!, f[0]!.fixes[0])).toBe(spec());
  });

  it('points at each of two different doubles in one text', () => {
    const text = edit(spec(), 'title: Analyse Financial Performance', 'title: Analyse Analyse Financial Performance Performance');
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['Analyse Analyse', 'Performance Performance']);
  });
});
