import { describe, expect, it } from 'vitest';
import { certificateSpec, findings, lint, only, under } from '../../../../test/helpers/spec';

const ID = 'size-ranges';

describe(ID, () => {
  it('passes a TQT range that matches the credit range', () => {
    expect(findings(lint(certificateSpec()), ID)).toEqual([]);
    // TQT 189 is still 18 credits
    expect(findings(lint(certificateSpec({ tqt: { min: 130, max: 189 } })), ID)).toEqual([]);
  });

  it('flags a smallest TQT that the smallest credit value does not allow', () => {
    const text = certificateSpec({ tqt: { min: 140, max: 180 } });
    const f = only(lint(text), ID);
    expect(f.severity).toBe('error');
    expect(under(text, f)).toBe('140');
    expect(f.message).toContain("'Level 5 Certificate in Sales Planning'");
    expect(f.message).toContain('the smallest TQT is 140 hours, but the smallest credit value, 13, means 130 to 139 hours of TQT');
    expect(f.related.map((r) => under(text, r))).toEqual(['13']);
  });

  it('flags a largest TQT that the largest credit value does not allow', () => {
    const text = certificateSpec({ tqt: { min: 130, max: 369 } });
    const f = only(lint(text), ID);
    expect(under(text, f)).toBe('369');
    expect(f.message).toContain('the largest TQT is 369 hours, but the largest credit value, 18, means 180 to 189 hours of TQT');
    expect(f.related.map((r) => under(text, r))).toEqual(['18']);
  });

  it('flags a range that runs backwards', () => {
    const text = certificateSpec({ glh: { min: 90, max: 65 } });
    const f = only(lint(text), ID);
    expect(f.message).toContain('the GLH range runs from 90 down to 65');
    expect(under(text, f)).toBe('min: 90');
  });

  it('flags a largest TQT without a largest credit value', () => {
    const text = certificateSpec({ credit: { min: 13 }, tqt: { min: 130, max: 180 } });
    const f = only(lint(text), ID);
    expect(under(text, f)).toBe('180');
    expect(f.message).toContain('has a largest TQT (180) but no largest credit value');
  });

  it('flags a fixed credit value stated with a TQT range', () => {
    const text = certificateSpec({ credit: 15, glh: 75, tqt: { min: 150, max: 159 } });
    const f = only(lint(text), ID);
    expect(under(text, f)).toBe('min: 150');
    expect(f.message).toBe(
      "'Level 5 Certificate in Sales Planning' has a fixed size of 15 credits, but its TQT is given as a range: state the one TQT value of the qualification.",
    );
    expect(f.related.map((r) => under(text, r))).toEqual(['15']);
  });

  it('flags a credit range stated with a single GLH value', () => {
    const text = certificateSpec({ glh: 80 });
    const f = only(lint(text), ID);
    expect(under(text, f)).toBe('80');
    expect(f.message).toContain('has a credit range, but a single GLH value (80)');
  });
});
