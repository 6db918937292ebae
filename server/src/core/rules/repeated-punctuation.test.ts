import { describe, expect, it } from 'vitest';
import { edit, expectFixResolves, findings, lint, safeFixes, spec, under } from '../../../../test/helpers/spec';
import { repeatedMarks } from './repeated-punctuation';

const ID = 'repeated-punctuation';
const PURPOSE = 'purpose: To enable learners to manage the work of unit L5B1.';
const purpose = (to: string) => edit(spec(), PURPOSE, `purpose: ${JSON.stringify(to)}`);

describe(ID, () => {
  it('passes a clean spec', () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
  });

  it('reports a doubled comma at the marks and removes the extra one safely', () => {
    const text = purpose('To plan sales,, forecasts and budgets.');
    const f = findings(lint(text), ID);
    expect(f).toHaveLength(1);
    expect(under(text, f[0]!)).toBe(',,');
    expect(f[0]!.message).toBe("The comma is written twice in a row (',,') in the purpose of unit L5B1: write it once.");
    const [fix] = safeFixes(f[0]!);
    expect(expectFixResolves(text, f[0]!, fix)).toBe(purpose('To plan sales, forecasts and budgets.'));
  });

  it("reports ';;', '!!!', '??' and two full stops; the fix for '..' is offered but not applied unasked", () => {
    const text = purpose('Plan;; act!!! Why?? Review..');
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual([';;', '!!!', '??', '..']);
    expect(f[1]!.message).toContain("written 3 times in a row ('!!!')");
    expect(f[3]!.message).toBe("Two full stops ('..') in the purpose of unit L5B1: write one, or three for an ellipsis ('...').");
    expect(safeFixes(f[3]!)).toEqual([]);
    expect(expectFixResolves(text, f[3]!, f[3]!.fixes[0])).toBe(purpose('Plan;; act!!! Why?? Review.'));
  });

  it('leaves an ellipsis, a row of dots, paths, codes and placeholders alone', () => {
    expect(repeatedMarks('Wait... and …. then ..... or ../docs and a/../b, std::string, 20??-01')).toEqual([]);
    expect(findings(lint(purpose('Wait... then see ../docs or std::map.')), ID)).toEqual([]);
  });

  it('reads titles and learning outcomes too', () => {
    const text = edit(spec(), 'text: Understand the sales cycle', 'text: Understand the sales cycle,,', { after: 'ref: L5B1' });
    expect(findings(lint(text), ID).map((f) => f.message)).toEqual([
      "The comma is written twice in a row (',,') in learning outcome 1 of unit L5B1: write it once.",
    ]);
  });
});
