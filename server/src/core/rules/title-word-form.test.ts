import { describe, expect, it } from 'vitest';
import { expectFixResolves, findings, lint, safeFixes, spec, under } from '../../../../test/helpers/spec';
import { formDifference } from './title-word-form';

const ID = 'title-word-form';
/** An Award named after its one unit, L5B1 "Analyse Financial Performance". */
const award = (title: string) =>
  spec({
    qualifications: `  - title: ${title}
    type: award
    level: 5
    qan: 610/5663/7
    glh: 25
    tqt: 50
    credit: 5
    units:
      - L5B1
`,
  });
const withSection = (text: string, body: string) => text.replace('groups:\n', `sections:\n  - title: Awards\n    body: |-\n      ${body}\ngroups:\n`);

describe(ID, () => {
  it('passes a qualification named after its unit in the -ing form, and one named otherwise', () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
    expect(findings(lint(award('Level 5 Award in Analysing Financial Performance')), ID)).toEqual([]);
    expect(findings(lint(award('Level 5 Award in Analyse Financial Performance')), ID)).toEqual([]);
    expect(findings(lint(award('Level 5 Award in Finance for Sales Managers')), ID)).toEqual([]);
  });

  it("reports 'Analysis' in the title where the unit has 'Analyse', at the word, with the -ing form as the fix", () => {
    const text = award('Level 5 Award in Analysis Financial Performance');
    const f = findings(lint(text), ID);
    expect(f).toHaveLength(1);
    expect(under(text, f[0]!)).toBe('Analysis');
    expect(f[0]!.message).toBe(
      "The title 'Level 5 Award in Analysis Financial Performance' names unit L5B1 'Analyse Financial Performance', but with 'Analysis' where the unit has 'Analyse' (named after its unit, a qualification would write 'Analysing'). Correct the one that is wrong.",
    );
    expect(f[0]!.related.map((r) => r.message)).toEqual(["unit L5B1: 'Analyse Financial Performance'"]);
    expect(safeFixes(f[0]!)).toEqual([]);
    expect(f[0]!.fixes.map((x) => x.title)).toEqual([
      "Write 'Analysing' (the unit's 'Analyse', as a qualification title puts it)",
      "Write 'Analyse', as the unit's title does",
    ]);
    expect(expectFixResolves(text, f[0]!, f[0]!.fixes[0])).toBe(award('Level 5 Award in Analysing Financial Performance'));
  });

  it('reports a restatement in the prose whose word form differs from the title it repeats', () => {
    const good = award('Level 5 Award in Analysing Financial Performance');
    expect(findings(lint(withSection(good, '- Level 5 Award in Analysing Financial Performance: L5B1 Analyse Financial Performance')), ID)).toEqual([]);
    const text = withSection(good, '- Level 5 Award in Analysing Financial Performances: L5B1 Analysed Financial Performance');
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['Performances', 'Analysed']);
    expect(f[0]!.message).toBe(
      "'Performances' in section 'Awards': the title it repeats, 'Level 5 Award in Analysing Financial Performance', has 'Performance'. Correct the one that is wrong.",
    );
    expect(f[1]!.message).toBe(
      "'Analysed' in section 'Awards': the title of unit L5B1, 'Analyse Financial Performance', has 'Analyse'. Correct the one that is wrong.",
    );
    expect(expectFixResolves(text, f[1]!, f[1]!.fixes[0])).toBe(
      withSection(good, '- Level 5 Award in Analysing Financial Performances: L5B1 Analyse Financial Performance'),
    );
  });

  it('names the restatement beside the title when the title is the odd one out', () => {
    const text = withSection(award('Level 5 Award in Analysis Financial Performance'), '- Level 5 Award in Analysing Financial Performance');
    const f = findings(lint(text), ID);
    expect(f).toHaveLength(1);
    expect(under(text, f[0]!)).toBe('Analysis');
    expect(f[0]!.related.map((r) => r.message)).toEqual(["unit L5B1: 'Analyse Financial Performance'", "repeated with 'Analysing' in section 'Awards'"]);
    expect(under(text, f[0]!.related[1]!)).toBe('Analysing');
  });

  it('compares only titles of two words or more, word by word, one word of the same stem apart', () => {
    expect(formDifference(['Manage', 'Recruitment'], ['Managing', 'Recruitment'])).toBeUndefined();
    expect(formDifference(['Plan', 'Sales'], ['Planning', 'Sales'])).toBeUndefined();
    expect(formDifference(['Customer', 'Buying', 'Process'], ['Customer', 'Buying', 'Processes'])).toEqual({ at: 2, title: 'Process', restated: 'Processes' });
    expect(formDifference(['Leadership'], ['Leading'])).toBeUndefined();
    expect(formDifference(['Manage', 'Recruitment'], ['Managed', 'Recruits'])).toBeUndefined(); // two words differ: not a restatement
    expect(formDifference(['Manage', 'Recruitment'], ['Support', 'Recruitment'])).toBeUndefined(); // another word, not another form
  });
});
