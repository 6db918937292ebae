import { describe, expect, it } from 'vitest';
import { DEFAULT_UNITS, findings, lint, only, spec, under } from '../../../../test/helpers/spec';

const ID = 'unit-ref-format';

describe(ID, () => {
  it('passes ISP and ILM style refs', () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
    const ilm = spec({
      units: [...DEFAULT_UNITS, { ref: '8750-213', title: 'Communicating with People', level: 2, glh: 6, credit: 1, tqt: null, uan: null, summary: true }],
    });
    expect(findings(lint(ilm), ID)).toEqual([]);
  });

  it('flags a ref in neither style, and suggests the upper-case form', () => {
    const text = spec({ units: [...DEFAULT_UNITS, { ref: 'l5b4', uan: 'F/651/5977', title: 'Manage Sales Technology Systems', glh: 20, tqt: 40, credit: 4 }] });
    const f = only(lint(text), ID);
    expect(f.severity).toBe('warning');
    expect(under(text, f)).toBe('l5b4');
    expect(f.message).toBe(
      "Unit ref 'l5b4' follows neither the ISP style (L5B1) nor the ILM style (8750-213), so its level and group cannot be checked. Did you mean L5B4?",
    );
  });
});
