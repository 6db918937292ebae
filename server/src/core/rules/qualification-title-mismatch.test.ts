import { describe, expect, it } from 'vitest';
import { applyFix, edit, findings, lint, spec, under } from '../../../../test/helpers/spec';

const ID = 'qualification-title-mismatch';
const printed = (...titles: string[]) =>
  edit(spec(), '    type: award\n', `    printedTitles:\n${titles.map((t) => `      - ${t}\n`).join('')}    type: award\n`);

describe(ID, () => {
  it('passes a qualification without printed titles, or printed as its title', () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
    expect(findings(lint(printed('Level 5 Award in Sales Planning')), ID)).toEqual([]);
  });

  it('flags a title printed another way, at the title, naming the words that differ', () => {
    // Award 610/5663/7: "Analysis Financial Performance" in Key Facts, "Analysing Financial Performance" in its heading
    const text = printed('Level 5 Award in Sales Plans');
    const f = findings(lint(text), ID);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('error');
    expect(under(text, f[0]!)).toBe('Level 5 Award in Sales Planning');
    expect(f[0]!.message).toBe(
      "The title of 610/5663/7 is printed two ways: 'Level 5 Award in Sales Planning' and 'Level 5 Award in Sales Plans' ('Planning' vs 'Plans'). A learner's certificate can carry only one: correct the one that is wrong.",
    );
    expect(f[0]!.related.map((r) => [under(text, r), r.message])).toEqual([['Level 5 Award in Sales Plans', "also printed as 'Level 5 Award in Sales Plans'"]]);
  });

  it('reports each differing printed title', () => {
    const text = printed('Level 5 Award in Sales Plans', 'Level 5 Award in Sales Planning', 'Level 5 Award in Planning Sales');
    expect(findings(lint(text), ID).map((f) => f.related.map((r) => under(text, r))[0])).toEqual([
      'Level 5 Award in Sales Plans',
      'Level 5 Award in Planning Sales',
    ]);
  });

  it('offers to take the printed title as the title (not applied by --fix)', () => {
    const text = printed('Level 5 Award in Sales Plans');
    const [f] = findings(lint(text), ID);
    expect(f!.fixes.map((x) => [x.title, !!x.safe])).toEqual([["Use 'Level 5 Award in Sales Plans' as the title", false]]);
    const out = applyFix(text, f!.fixes[0]!);
    expect(findings(lint(out), ID)).toEqual([]);
  });
});
