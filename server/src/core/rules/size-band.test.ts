import { describe, expect, it } from 'vitest';
import { certificate, certificateSpec, DEFAULT_QUALIFICATIONS, edit, findings, lint, only, spec, under } from '../../../../test/helpers/spec';

const ID = 'size-band';

describe(ID, () => {
  it('passes an Award of 8 credits and a Certificate of 13–18', () => {
    expect(findings(lint(certificateSpec()), ID)).toEqual([]);
  });

  it('flags an Award of 13 credits, and says what 13 credits make', () => {
    const text = edit(edit(spec(), 'credit: 8', 'credit: 13'), 'tqt: 80', 'tqt: 130');
    const f = only(lint(text), ID);
    expect(f.severity).toBe('error');
    expect(under(text, f)).toBe('13');
    expect(f.message).toBe(
      "'Level 5 Award in Sales Planning' is an Award (1–12 credits), but its credit value is 13 (13 credits make a Certificate). Change its size or its type.",
    );
    expect(f.related.map((r) => under(text, r))).toEqual(['award']);
  });

  it('flags a Certificate whose credit range leaves its band', () => {
    const text = certificateSpec({ credit: { min: 10, max: 18 } });
    const f = only(lint(text), ID);
    expect(under(text, f)).toBe('min: 10');
    expect(f.message).toContain("'Level 5 Certificate in Sales Planning' is a Certificate (13–36 credits), but its credit value is 10–18");
  });

  it('flags a Diploma below 37 credits', () => {
    const text = spec({
      qualifications:
        DEFAULT_QUALIFICATIONS +
        certificate({ type: 'diploma', title: 'Level 5 Diploma in Sales Planning', credit: 30, glh: 150, tqt: 300, rules: '      - minCredits: 30\n' }),
    });
    const f = only(lint(text), ID);
    expect(under(text, f)).toBe('30');
    expect(f.message).toContain('is a Diploma (37 credits or more), but its credit value is 30 (30 credits make a Certificate)');
  });

  it('applies the QCF credit bands under framework: qcf, and not under rqf or none (their size words are judged by TQT, or not at all)', () => {
    const award13 = edit(edit(spec(), 'credit: 8', 'credit: 13'), 'tqt: 80', 'tqt: 130');
    const withFramework = (fw: string) => edit(award13, 'document:\n', `document:\n  framework: ${fw}\n`);
    expect(only(lint(withFramework('qcf')), ID).message).toContain('is an Award (1–12 credits), but its credit value is 13');
    expect(findings(lint(withFramework('rqf')), ID)).toEqual([]);
    expect(findings(lint(withFramework('none')), ID)).toEqual([]);
  });
});
