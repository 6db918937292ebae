import { describe, expect, it } from 'vitest';
import {
  certificateSpec,
  DEFAULT_QUALIFICATIONS,
  edit,
  expectFixResolves,
  findings,
  lint,
  lintAll,
  otherSpec,
  safeFixes,
  spec,
  under,
  URI,
  URI_B,
} from '../../../../test/helpers/spec';

const ID = 'unknown-unit';
const naming = (ref: string) => spec({ qualifications: DEFAULT_QUALIFICATIONS.replace('      - L5B2\n', `      - L5B2\n      - ${ref}\n`) });

describe(ID, () => {
  it('passes units defined in the file', () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
  });

  it('passes a unit defined in another spec file of the workspace', () => {
    const text = naming('L5C1');
    const res = lintAll([
      { uri: URI, text },
      { uri: URI_B, text: otherSpec() },
    ]);
    expect(findings(res.get(URI)!, ID)).toEqual([]);
  });

  it('flags a unit defined nowhere, at the ref', () => {
    const text = naming('L6S2');
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['L6S2']);
    expect(f[0]!.severity).toBe('error');
    expect(f[0]!.message).toBe('No unit L6S2 is defined in this file or elsewhere in the workspace.');
    expect(f[0]!.fixes).toEqual([]);
  });

  it('suggests the one close ref as a safe fix', () => {
    const text = edit(spec(), '      - L5B2\n', '      - L5B22\n');
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['L5B22']);
    expect(f[0]!.message).toBe('No unit L5B22 is defined in this file or elsewhere in the workspace — did you mean L5B2?');
    const [fix] = safeFixes(f[0]!);
    expect(fix!.title).toBe('Change to L5B2');
    expect(expectFixResolves(text, f[0]!, fix)).toBe(spec());
  });

  it('offers several close refs, none of them applied by --fix', () => {
    const text = edit(spec(), '      - L5B2\n', '      - L5B9\n');
    const f = findings(lint(text), ID);
    expect(f[0]!.message).toBe('No unit L5B9 is defined in this file or elsewhere in the workspace — did you mean L5B1 or L5B2 or L5B3?');
    expect(f[0]!.fixes.map((x) => [x.title, !!x.safe, !!x.preferred])).toEqual([
      ['Change to L5B1', false, true],
      ['Change to L5B2', false, false],
      ['Change to L5B3', false, false],
    ]);
  });

  it('checks the units a rule of combination names, with suggestions from other files', () => {
    const text = certificateSpec({ rules: '      - mandatory: [L5C3]\n      - minCredits: 13\n        maxCredits: 18\n' });
    const res = lintAll([
      { uri: URI, text },
      { uri: URI_B, text: otherSpec() },
    ]);
    const f = findings(res.get(URI)!, ID);
    expect(f.map((x) => under(text, x))).toEqual(['L5C3']);
    expect(f[0]!.message).toContain('did you mean L5B3 or L5C1 or L5C2?');
  });
});
