import { describe, expect, it } from 'vitest';
import { DEFAULT_UNITS, findings, lint, lintAll, OTHER_UNITS, otherSpec, spec, under, URI, URI_B } from '../../../../test/helpers/spec';

const ID = 'duplicate-uan';

describe(ID, () => {
  it('passes distinct UANs across two files', () => {
    const res = lintAll([
      { uri: URI, text: spec() },
      { uri: URI_B, text: otherSpec() },
    ]);
    expect(findings(res.get(URI)!, ID)).toEqual([]);
    expect(findings(res.get(URI_B)!, ID)).toEqual([]);
  });

  it('passes one unit reproduced in two files with its one UAN', () => {
    const b = otherSpec({ units: [...OTHER_UNITS, { ...DEFAULT_UNITS[0]!, group: 'core' }] });
    const res = lintAll([
      { uri: URI, text: spec() },
      { uri: URI_B, text: b },
    ]);
    expect(findings(res.get(URI_B)!, ID)).toEqual([]);
  });

  it('flags two units of one file with one UAN, each pointing at the other', () => {
    const text = spec({ units: [DEFAULT_UNITS[0]!, DEFAULT_UNITS[1]!, { ...DEFAULT_UNITS[2]!, uan: 'A/651/5975' }] });
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['A/651/5975', 'A/651/5975']);
    expect(f[0]!.severity).toBe('error');
    expect(f[0]!.message).toBe('UAN A/651/5975 is given to unit L5B1 and also to unit L5B3: a UAN identifies exactly one unit.');
    expect(f[1]!.message).toBe('UAN A/651/5975 is given to unit L5B3 and also to unit L5B1: a UAN identifies exactly one unit.');
    expect(f[0]!.related.map((r) => r.span)).toEqual([f[1]!.span]);
  });

  it('flags one UAN on two different units in two files, with the related location in the other file', () => {
    // Y/650/7928 is given to L5L5 in the ISP Awards table; the unit's own UAN is T/651/5991.
    const b = otherSpec({ units: [{ ...OTHER_UNITS[0]!, uan: 'A/651/5975' }, OTHER_UNITS[1]!] });
    const res = lintAll([
      { uri: URI, text: spec() },
      { uri: URI_B, text: b },
    ]);
    const fa = findings(res.get(URI)!, ID);
    const fb = findings(res.get(URI_B)!, ID);
    expect(fa.map((x) => under(spec(), x))).toEqual(['A/651/5975']);
    expect(fb.map((x) => under(b, x))).toEqual(['A/651/5975']);
    expect(fb[0]!.message).toBe('UAN A/651/5975 is given to unit L5C1 and also to unit L5B1: a UAN identifies exactly one unit.');
    expect(fb[0]!.related).toHaveLength(1);
    expect(fb[0]!.related[0]!.uri).toBe(URI);
    expect(under(spec(), fb[0]!.related[0]!)).toBe('A/651/5975');
    expect(fb[0]!.related[0]!.message).toBe('UAN A/651/5975 on unit L5B1');
  });
});
