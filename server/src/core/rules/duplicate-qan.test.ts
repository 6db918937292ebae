import { describe, expect, it } from 'vitest';
import { DEFAULT_QUALIFICATIONS, findings, lint, lintAll, OTHER_QUALIFICATIONS, otherSpec, spec, under, URI, URI_B } from '../../../../test/helpers/spec';

const ID = 'duplicate-qan';

describe(ID, () => {
  it('passes distinct QANs across two files', () => {
    const res = lintAll([
      { uri: URI, text: spec() },
      { uri: URI_B, text: otherSpec() },
    ]);
    expect([...res.values()].flatMap((f) => findings(f, ID))).toEqual([]);
  });

  it('flags one QAN on two different qualifications in two files, each pointing at the other', () => {
    const b = otherSpec({ qualifications: OTHER_QUALIFICATIONS.replace('610/5664/9', '610/5663/7') });
    const res = lintAll([
      { uri: URI, text: spec() },
      { uri: URI_B, text: b },
    ]);
    const fa = findings(res.get(URI)!, ID);
    const fb = findings(res.get(URI_B)!, ID);
    expect(fa.map((x) => under(spec(), x))).toEqual(['610/5663/7']);
    expect(fb.map((x) => under(b, x))).toEqual(['610/5663/7']);
    expect(fa[0]!.severity).toBe('error');
    expect(fa[0]!.message).toBe(
      "QAN 610/5663/7 is given to 'Level 5 Award in Sales Planning' and also to 'Level 5 Award in Tender Management': a QAN identifies exactly one qualification.",
    );
    expect(fa[0]!.related.map((r) => [r.uri, under(b, r), r.message])).toEqual([[URI_B, '610/5663/7', "QAN 610/5663/7: 'Level 5 Award in Tender Management'"]]);
  });

  it('flags one qualification specified twice in a file', () => {
    const text = spec({ qualifications: DEFAULT_QUALIFICATIONS + DEFAULT_QUALIFICATIONS });
    const f = findings(lint(text), ID);
    expect(f.map((x) => x.span.start)).toEqual([text.indexOf('610/5663/7'), text.lastIndexOf('610/5663/7')]);
    expect(f[0]!.message).toBe("QAN 610/5663/7 ('Level 5 Award in Sales Planning') is specified 2 times; specify each qualification once.");
  });
});
