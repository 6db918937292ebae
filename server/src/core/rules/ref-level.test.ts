import { describe, expect, it } from 'vitest';
import { DEFAULT_DOCUMENT, DEFAULT_UNITS, edit, expectFixResolves, findings, lint, only, spec, under } from '../../../../test/helpers/spec';

const ID = 'ref-level';

describe(ID, () => {
  it('passes levels that match the ref', () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
  });

  it('flags an ISP unit whose level is not the digit in its ref', () => {
    const text = edit(spec(), 'level: 5', 'level: 4', { after: 'ref: L5B2' });
    const f = only(lint(text), ID);
    expect(f.severity).toBe('error');
    expect(under(text, f)).toBe('4');
    expect(f.message).toBe('Unit L5B2 is at level 4, but its ref says level 5. Correct the level or the ref.');
    expect(f.related.map((r) => under(text, r))).toEqual(['L5B2']);
    expect(f.fixes.map((x) => [x.title, !!x.safe])).toEqual([['Set level to 5', false]]);
    expect(expectFixResolves(text, f, f.fixes[0])).toBe(spec());
  });

  it('reads the level of an ILM ref from its unit number (8750-3xx is level 3)', () => {
    const text = spec({
      document: DEFAULT_DOCUMENT.replace('unitRefs: isp', 'unitRefs: ilm'),
      units: [
        ...DEFAULT_UNITS,
        { ref: '8750-302', title: 'Planning Change in the Workplace', level: 2, glh: 9, credit: 2, tqt: null, uan: null, summary: true },
      ],
    });
    const f = only(lint(text), ID);
    expect(under(text, f)).toBe('2');
    expect(f.message).toContain('Unit 8750-302 is at level 2, but its ref says level 3');
  });
});
