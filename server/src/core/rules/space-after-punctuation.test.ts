import { describe, expect, it } from 'vitest';
import { edit, expectFixResolves, findings, lint, safeFixes, spec, under } from '../../../../test/helpers/spec';
import { missingSpaces } from './space-after-punctuation';

const ID = 'space-after-punctuation';
const PURPOSE = 'purpose: To enable learners to manage the work of unit L5B1.';
const purpose = (to: string) => edit(spec(), PURPOSE, `purpose: ${to}`);

describe(ID, () => {
  it('passes a clean spec', () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
  });

  it('reports a missing space after a full stop at the two words, and adds the space safely', () => {
    const text = purpose('To plan sales.The plan is reviewed.');
    const f = findings(lint(text), ID);
    expect(f).toHaveLength(1);
    expect(under(text, f[0]!)).toBe('sales.The');
    expect(f[0]!.severity).toBe('warning');
    expect(f[0]!.message).toBe("'sales.The' in the purpose of unit L5B1: a space is missing after the '.' (write 'sales. The').");
    const [fix] = safeFixes(f[0]!);
    expect(expectFixResolves(text, f[0]!, fix)).toBe(purpose('To plan sales. The plan is reviewed.'));
  });

  it("reports '!' and '?', and a comma or semicolon between lower-case words, in every prose field", () => {
    const text = edit(
      edit(purpose('Why plan?Because it pays!Always.'), 'text: Understand the sales cycle', 'text: Understand the sales cycle,pipeline;and forecast', {
        after: 'ref: L5B2',
      }),
      '- Content for outcome 1',
      '- Content for outcome one.Then more',
      { after: 'ref: L5B3' },
    );
    expect(findings(lint(text), ID).map((f) => under(text, f))).toEqual(['plan?Because', 'pays!Always', 'cycle,pipeline', 'pipeline;and', 'one.Then']);
  });

  it('leaves decimals, refs, abbreviations, URLs, e-mail addresses, file names and codes alone', () => {
    for (const s of [
      'Credit 1.5 at 8570-229, see L5B1.',
      'Use tools, e.g.Excel, i.e.Word, in the U.K.Today.',
      'See www.example.Com/Path or https://isp.org/About.Us and sales@isp.Org today.',
      'Open Report.Docx, the Spec.Final.Pdf or config.Yaml now.',
      'Set ISP.Level and sales.ISP and a,b and x;y here.',
    ]) {
      expect(findings(lint(purpose(JSON.stringify(s))), ID), s).toEqual([]);
    }
  });

  it('finds the place inside a block scalar, and in a Markdown section but not in its code', () => {
    expect(missingSpaces('Plan `sales.Then` and sales.Then').map((m) => m.before)).toEqual(['sales', 'sales']);
    const text = spec().replace(
      'groups:\n',
      'sections:\n  - title: Intro\n    body: |-\n      Plan the work.Then `code.Here` and [a link](http://x.org/a.Html).\ngroups:\n',
    );
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['work.Then']);
  });
});
