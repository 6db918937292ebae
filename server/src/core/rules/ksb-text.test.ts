import { describe, expect, it } from 'vitest';
import { DEFAULT_UNITS, findings, ksb, lint, lintAll, OTHER_UNITS, otherSpec, spec, under, URI, URI_B } from '../../../../test/helpers/spec';

const ID = 'ksb-text';
const FULL = 'Financial management techniques and implications of decisions for budgets.';
const SHORT = 'Financial management techniques.';

describe(ID, () => {
  it('passes one text per code, ignoring spacing and a final full stop', () => {
    const a = spec({
      units: [
        { ...DEFAULT_UNITS[0]!, extra: ksb('K7', FULL) },
        { ...DEFAULT_UNITS[1]!, extra: ksb('K7', FULL.replace('techniques and', 'techniques  and').replace(/\.$/, '')) },
        DEFAULT_UNITS[2]!,
      ],
    });
    expect(findings(lint(a), ID)).toEqual([]);
  });

  it('passes the same code with other texts in different standards', () => {
    const a = spec({
      units: [
        { ...DEFAULT_UNITS[0]!, extra: ksb('K7', FULL) },
        { ...DEFAULT_UNITS[1]!, extra: ksb('K7', SHORT, 'Level 4 Sales Executive Apprenticeship') },
        DEFAULT_UNITS[2]!,
      ],
    });
    expect(findings(lint(a), ID)).toEqual([]);
  });

  it('flags the less used wording, in the other file, pointing at the usual one', () => {
    const a = spec({ units: [{ ...DEFAULT_UNITS[0]!, extra: ksb('K7', FULL) }, ...DEFAULT_UNITS.slice(1)] });
    const b = otherSpec({
      units: [
        { ...OTHER_UNITS[0]!, extra: ksb('K7', SHORT) },
        { ...OTHER_UNITS[1]!, extra: ksb('K7', FULL) },
      ],
    });
    const res = lintAll([
      { uri: URI, text: a },
      { uri: URI_B, text: b },
    ]);
    expect(findings(res.get(URI)!, ID)).toEqual([]);
    const f = findings(res.get(URI_B)!, ID);
    expect(f.map((x) => under(b, x))).toEqual([SHORT]);
    expect(f[0]!.severity).toBe('warning');
    expect(f[0]!.message).toBe(
      `K7 of 'Level 5 Operations Manager Apprenticeship' reads "Financial management techniques" here (unit L5C1), but "${FULL.replace(/\.$/, '')}" in 2 other places: one code of one standard has one text.`,
    );
    expect(f[0]!.related.map((r) => [r.uri, r.message])).toEqual([
      [URI, 'K7 in L5B1'],
      [URI_B, 'K7 in L5C2'],
    ]);
    expect(under(a, f[0]!.related[0]!)).toBe(FULL);
  });
});
