import { describe, expect, it } from 'vitest';
import { DEFAULT_DOCUMENT, DEFAULT_UNITS, findings, lint, only, spec, under } from '../../../../test/helpers/spec';

const ID = 'unit-ref-format';

describe(ID, () => {
  const extra = { ref: '8750-213', title: 'Communicating with People', level: 2, glh: 6, credit: 1, tqt: null, uan: null, summary: true };

  it('passes refs of the declared convention, and judges none without one', () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
    const ilm = spec({ document: DEFAULT_DOCUMENT.replace('unitRefs: isp', 'unitRefs: ilm'), units: [{ ...extra }] });
    expect(findings(lint(ilm), ID)).toEqual([]);
    // 8750-213 in a document declaring the ISP convention is flagged; with no convention, nothing is.
    const mixed = spec({ units: [...DEFAULT_UNITS, extra] });
    expect(findings(lint(mixed), ID).map((f) => under(mixed, f))).toEqual(['8750-213']);
    const none = spec({ document: DEFAULT_DOCUMENT.replace('  unitRefs: isp\n', ''), units: [...DEFAULT_UNITS, extra, { ...extra, ref: '305' }] });
    expect(findings(lint(none), ID)).toEqual([]);
  });

  it('reads a declared pattern with named parts', () => {
    const doc = DEFAULT_DOCUMENT.replace('unitRefs: isp', 'unitRefs:\n    pattern: "U{level}{number:2}"');
    expect(findings(lint(spec({ document: doc, units: [{ ...extra, ref: 'U213' }] })), ID)).toEqual([]);
    const bad = spec({ document: doc, units: [{ ...extra, ref: 'U2133' }] });
    expect(only(lint(bad), ID).message).toContain("Unit ref 'U2133' does not follow the pattern U{level}{number:2}");
  });

  it('flags a ref in neither style, and suggests the upper-case form', () => {
    const text = spec({ units: [...DEFAULT_UNITS, { ref: 'l5b4', uan: 'F/651/5977', title: 'Manage Sales Technology Systems', glh: 20, tqt: 40, credit: 4 }] });
    const f = only(lint(text), ID);
    expect(f.severity).toBe('warning');
    expect(under(text, f)).toBe('l5b4');
    expect(f.message).toBe(
      "Unit ref 'l5b4' does not follow the isp convention (L{level}{group}{number}) that this document declares for its unit refs (e.g. L3B1), so its level and group cannot be read from it. Did you mean L5B4?",
    );
  });
});
