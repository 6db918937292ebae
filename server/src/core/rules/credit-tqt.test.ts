import { describe, expect, it } from 'vitest';
import { certificateSpec, edit, expectFixResolves, findings, lint, only, spec, under } from '../../../../test/helpers/spec';

const ID = 'credit-tqt';

describe(ID, () => {
  it('passes when every credit is TQT / 10', () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
    expect(findings(lint(certificateSpec()), ID)).toEqual([]);
  });

  it('rounds down: TQT 59 is still worth 5 credits', () => {
    const text = edit(spec(), 'tqt: 50  #', 'tqt: 59  #');
    expect(findings(lint(text), ID)).toEqual([]);
  });

  it("flags a unit's credit that is not its TQT / 10, at the credit value", () => {
    const text = edit(spec(), 'credit: 5  #', 'credit: 6  #');
    const f = only(lint(text), ID);
    expect(f.severity).toBe('error');
    expect(under(text, f)).toBe('6');
    expect(f.message).toContain('L5B1');
    expect(f.message).toContain('6 credits');
    expect(f.message).toContain('TQT of 50');
    expect(f.message).toContain('worth 5 credits');
    expect(f.related.map((r) => under(text, r))).toEqual(['50']);
  });

  it('offers to set the credit, or the TQT; neither is applied by --fix', () => {
    const text = edit(spec(), 'credit: 5  #', 'credit: 6  #');
    const f = only(lint(text), ID);
    expect(f.fixes.map((x) => x.title)).toEqual(['Set credit to 5 (TQT 50 / 10)', 'Set TQT to 60 (6 credits × 10)']);
    expect(f.fixes.every((x) => !x.safe)).toBe(true);
    const a = expectFixResolves(text, f, f.fixes[0]);
    expect(a).toBe(spec());
    const b = expectFixResolves(text, f, f.fixes[1]);
    expect(b).toContain('tqt: 60  # hours\n    credit: 6  #');
  });

  it('checks a fixed-size qualification too', () => {
    const text = edit(spec(), 'credit: 8', 'credit: 9');
    const f = only(lint(text), ID);
    expect(under(text, f)).toBe('9');
    expect(f.message).toContain("'Level 5 Award in Sales Planning' has 9 credits but a TQT of 80 hours");
    expect(f.related.map((r) => under(text, r))).toEqual(['80']);
    expectFixResolves(text, f, f.fixes[0]);
  });

  it('reads TQT 369 as 36 credits', () => {
    const text = edit(edit(spec(), 'tqt: 50  #', 'tqt: 369  #'), 'credit: 5  #', 'credit: 37  #');
    const f = only(lint(text), ID);
    expect(f.message).toContain('worth 36 credits');
  });
});
