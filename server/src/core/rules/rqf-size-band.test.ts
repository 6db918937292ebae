import { describe, expect, it } from 'vitest';
import { certificateSpec, configWith, edit, findings, lint, only, spec, under } from '../../../../test/helpers/spec';

const ID = 'rqf-size-band';
const rqf = (text: string) => edit(text, 'document:\n', 'document:\n  framework: rqf\n');

describe(ID, () => {
  it('passes an Award of 80 hours and a Certificate of 130–180 hours under the RQF', () => {
    expect(findings(lint(rqf(certificateSpec())), ID)).toEqual([]);
  });

  it('flags an Award of 130 hours TQT under the RQF, at the TQT, and says what the hours make', () => {
    const text = rqf(edit(edit(spec(), 'credit: 8', 'credit: 13'), 'tqt: 80', 'tqt: 130'));
    const f = only(lint(text), ID);
    expect(f.severity).toBe('warning');
    expect(under(text, f)).toBe('130');
    expect(f.message).toBe(
      "'Level 5 Award in Sales Planning' is called an Award, which on the RQF means a total qualification time of 120 hours or less (Ofqual), but its TQT is 130 hours (130 hours make a Certificate). Change its size or its title.",
    );
    expect(f.related.map((r) => under(text, r))).toEqual(['Level 5 Award in Sales Planning']);
  });

  it('judges by TQT, not credit: a Certificate of 12 credits and 125 hours fits', () => {
    const text = rqf(certificateSpec({ tqt: 125, glh: 60, credit: 12 }));
    expect(findings(lint(text), ID)).toEqual([]);
  });

  it('flags a Certificate whose TQT range runs into Diploma size', () => {
    const text = rqf(certificateSpec({ tqt: { min: 130, max: 480 } }));
    const f = only(lint(text), ID);
    expect(f.message).toContain('which on the RQF means a total qualification time of 121 to 369 hours (Ofqual), but its TQT is 130–480 hours.');
  });

  it('leaves a qualified size word alone (BTEC Nationals: an Extended Certificate of 480 hours)', () => {
    const text = rqf(certificateSpec({ title: 'Level 5 Extended Certificate in Sales Planning', tqt: 480, glh: 360 }));
    expect(findings(lint(text), ID)).toEqual([]);
    const plain = rqf(certificateSpec({ tqt: 480, glh: 360 }));
    expect(only(lint(plain), ID).message).toContain('(480 hours make a Diploma)');
  });

  it('is silent without framework: rqf (the QCF credit bands of size-band apply there)', () => {
    const text = edit(edit(spec(), 'credit: 8', 'credit: 13'), 'tqt: 80', 'tqt: 130');
    expect(findings(lint(text), ID)).toEqual([]);
    expect(findings(lint(edit(text, 'document:\n', 'document:\n  framework: qcf\n')), ID)).toEqual([]);
  });

  it('takes its severity from the configuration', () => {
    const text = rqf(edit(edit(spec(), 'credit: 8', 'credit: 13'), 'tqt: 80', 'tqt: 130'));
    expect(only(lint(text, configWith({ [ID]: 'error' })), ID).severity).toBe('error');
    expect(findings(lint(text, configWith({ [ID]: 'off' })), ID)).toEqual([]);
  });
});
