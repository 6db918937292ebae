import { describe, expect, it } from 'vitest';
import { certificateSpec, edit, findings, lint, only, spec, under } from '../../../../test/helpers/spec';

const ID = 'glh-tqt';

describe(ID, () => {
  it('passes when GLH is at most TQT (equal is fine)', () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
    expect(findings(lint(edit(spec(), 'glh: 25', 'glh: 50')), ID)).toEqual([]);
    expect(findings(lint(certificateSpec()), ID)).toEqual([]);
  });

  it("flags a unit's GLH above its TQT, at the GLH", () => {
    const text = edit(spec(), 'glh: 25', 'glh: 60');
    const f = only(lint(text), ID);
    expect(f.severity).toBe('error');
    expect(under(text, f)).toBe('60');
    expect(f.message).toBe('Unit L5B1 has 60 GLH but only 50 hours of TQT: GLH is part of TQT, so it cannot be larger.');
    expect(f.related.map((r) => under(text, r))).toEqual(['50']);
    expect(f.fixes).toEqual([]);
  });

  it("flags a fixed-size qualification's GLH above its TQT", () => {
    const text = edit(spec(), 'glh: 40', 'glh: 90');
    const f = only(lint(text), ID);
    expect(under(text, f)).toBe('90');
    expect(f.message).toContain("'Level 5 Award in Sales Planning' has 90 GLH but only 80 hours of TQT");
    expect(f.related.map((r) => under(text, r))).toEqual(['80']);
  });

  it('compares the ends of GLH and TQT ranges', () => {
    const text = certificateSpec({ glh: { min: 140, max: 200 } });
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['140', '200']);
    expect(f[0]!.message).toContain('the smallest GLH (140) is more than the smallest TQT (130)');
    expect(f[1]!.message).toContain('the largest GLH (200) is more than the largest TQT (180)');
    expect(f.map((x) => x.related.map((r) => under(text, r)))).toEqual([['130'], ['180']]);
  });
});
