import { describe, expect, it } from 'vitest';
import { DEFAULT_UNITS, findings, lint, lintAll, OTHER_UNITS, otherSpec, spec, under, URI, URI_B } from '../../../../test/helpers/spec';

const ID = 'unit-copy-mismatch';
const copyIn = (o: Partial<(typeof DEFAULT_UNITS)[number]>) => otherSpec({ units: [...OTHER_UNITS, { ...DEFAULT_UNITS[0]!, group: 'core', ...o }] });

describe(ID, () => {
  it('passes a unit reproduced field for field (its group id is local to each file)', () => {
    const res = lintAll([
      { uri: URI, text: spec() },
      { uri: URI_B, text: copyIn({}) },
    ]);
    expect([...res.values()].flatMap((f) => findings(f, ID))).toEqual([]);
  });

  it('leaves a ref defined twice in one file to duplicate-ref', () => {
    const text = spec({ units: [...DEFAULT_UNITS, { ...DEFAULT_UNITS[0]!, credit: 6, tqt: 60 }] });
    expect(findings(lint(text), ID)).toEqual([]);
  });

  it('flags each differing field, in both files, with the related location in the other', () => {
    const b = copyIn({ title: 'Analysing Financial Performance', glh: 30, tqt: 60, credit: 6 });
    const res = lintAll([
      { uri: URI, text: spec() },
      { uri: URI_B, text: b },
    ]);
    const fa = findings(res.get(URI)!, ID);
    const fb = findings(res.get(URI_B)!, ID);
    expect(fa.map((x) => under(spec(), x))).toEqual(['Analyse Financial Performance', '25', '50', '5']);
    expect(fb.map((x) => under(b, x))).toEqual(['Analysing Financial Performance', '30', '60', '6']);
    expect(fa[0]!.severity).toBe('error');
    expect(fa[0]!.message).toBe(
      'Unit L5B1 has the title "Analyse Financial Performance" here but "Analysing Financial Performance" in b.yaml: a unit reproduced in two specs must agree.',
    );
    expect(fa[3]!.message).toBe('Unit L5B1 has the credit 5 here but 6 in b.yaml: a unit reproduced in two specs must agree.');
    expect(fa[3]!.related.map((r) => [r.uri, under(b, r)])).toEqual([[URI_B, '6']]);
  });

  it('flags one unit ref carrying two UANs in two files', () => {
    const b = copyIn({ uan: 'Y/650/7928' });
    const res = lintAll([
      { uri: URI, text: spec() },
      { uri: URI_B, text: b },
    ]);
    const fb = findings(res.get(URI_B)!, ID);
    expect(fb.map((x) => under(b, x))).toEqual(['Y/650/7928']);
    expect(fb[0]!.message).toContain('has the UAN "Y/650/7928" here but "A/651/5975" in a.yaml');
  });
});
