import { describe, expect, it } from 'vitest';
import { edit, expectFixResolves, findings, lint, safeFixes, spec, under } from '../../../../test/helpers/spec';

const ID = 'term-case';
const PURPOSE = (ref: string) => `purpose: To enable learners to manage the work of unit ${ref}.`;
/** The spec with the purposes of L5B1, L5B2 and L5B3 replaced. */
const purposes = (a: string, b: string, c = 'To plan the work.') =>
  edit(
    edit(edit(spec(), PURPOSE('L5B1'), `purpose: ${JSON.stringify(a)}`), PURPOSE('L5B2'), `purpose: ${JSON.stringify(b)}`),
    PURPOSE('L5B3'),
    `purpose: ${JSON.stringify(c)}`,
  );

describe(ID, () => {
  it('passes a clean spec', () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
  });

  it('reports the lower-case use of a term written with capitals mid-sentence elsewhere, at the words', () => {
    const text = purposes('Learners agree the Sales Plan with their manager.', 'They review the Sales Plan monthly.', 'They update the sales plan.');
    const f = findings(lint(text), ID);
    expect(f).toHaveLength(1);
    expect(under(text, f[0]!)).toBe('sales plan');
    expect(f[0]!.severity).toBe('warning');
    expect(f[0]!.message).toBe(
      "'sales plan' in the purpose of unit L5B3 is written 'Sales Plan' elsewhere in the document (2 times): write the term the same way throughout.",
    );
    expect(f[0]!.related.map((r) => r.message)).toEqual(["written 'Sales Plan' in the purpose of unit L5B1"]);
    // Offered, not applied unasked: which form is right is the writer's choice.
    expect(safeFixes(f[0]!)).toEqual([]);
    expect(expectFixResolves(text, f[0]!, f[0]!.fixes[0])).toBe(
      purposes('Learners agree the Sales Plan with their manager.', 'They review the Sales Plan monthly.', 'They update the Sales Plan.'),
    );
  });

  it('reports the capitals when the lower case is the usual form, and reads terms with small words inside', () => {
    const text = purposes('Apply the rules of combination here.', 'Check the rules of combination.', 'Then the Rules of Combination apply.');
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['Rules of Combination']);
    expect(f[0]!.message).toContain("is written 'rules of combination' elsewhere in the document (2 times)");
  });

  it('does not count capitals at the start of a sentence, a line or a quotation, or in titles', () => {
    expect(findings(lint(purposes('Sales Plan reviews matter. Sales Plan updates too.', 'They update the sales plan.')), ID)).toEqual([]);
    expect(findings(lint(purposes('Write "Sales Plan" on it.', 'They update the sales plan.')), ID)).toEqual([]);
    const titled = edit(
      purposes('They update the organisational sales planning.', 'Plan.'),
      'text: Understand the sales cycle',
      'text: Understand the Organisational Sales Planning',
      { after: 'ref: L5B1' },
    );
    // "Organisational Sales Planning" is the title of unit L5B2: a name, not a term.
    expect(findings(lint(titled), ID)).toEqual([]);
  });

  it('leaves names after an acronym or a number, spelt-out acronyms and lists of examples alone', () => {
    for (const [a, b] of [
      ['Use the ISP Competency Framework here.', 'Apply a competency framework.'],
      ['Read the Level 5 Qualification Specification first.', 'Each qualification specification is short.'],
      ['Plan for Continuing Professional Development (CPD) each year.', 'Record continuing professional development.'],
      ['Use tools, e.g., Balanced Scorecard, SWOT etc.', 'Build a balanced scorecard.'],
      ['Use tools such as the Balanced Scorecard in planning.', 'Build a balanced scorecard.'],
    ]) {
      expect(findings(lint(purposes(a!, b!)), ID), a).toEqual([]);
    }
  });

  it('leaves Markdown headings and table headers alone', () => {
    const text = spec().replace(
      'groups:\n',
      'sections:\n  - title: Intro\n    body: |-\n      ## The Sales Plan\n\n      | The Sales Plan | Owner |\n      | --- | --- |\n      | the sales plan | a manager |\ngroups:\n',
    );
    expect(findings(lint(text), ID)).toEqual([]);
  });
});
