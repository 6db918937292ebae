import { describe, expect, it } from 'vitest';
import { DEFAULT_DOCUMENT, DEFAULT_UNITS, configWith, edit, expectFixResolves, findings, lint, only, spec, under } from '../../../../test/helpers/spec';
import { parseConfig } from '../config/config';

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

  it("reads the workspace's convention from .qualspec.yaml (unitRefs) where the document declares none, and the document's wins", () => {
    const cg = spec({
      document: DEFAULT_DOCUMENT.replace('  unitRefs: isp\n', ''),
      units: [...DEFAULT_UNITS, { ref: '"201"', title: 'Principles of Customer Service', level: 3, glh: 20, credit: 3, tqt: null, uan: null, summary: true }],
    });
    expect(findings(lint(cg), ID)).toEqual([]);
    const { config, problems } = parseConfig('unitRefs: city-and-guilds\n', 'file:///ws/.qualspec.yaml', [ID]);
    expect(problems).toEqual([]);
    const f = only(lint(cg, config), ID);
    expect(under(cg, f)).toBe('3');
    expect(f.message).toBe('Unit 201 is at level 3, but its ref says level 2. Correct the level or the ref.');
    const declared = edit(cg, 'document:\n', 'document:\n  unitRefs: btec\n');
    expect(findings(lint(declared, { ...configWith({}), unitRefs: 'city-and-guilds' }), ID)).toEqual([]);
  });

  it('reports a .qualspec.yaml unitRefs that is neither a preset nor a pattern', () => {
    const bad = parseConfig('unitRefs: cityandguilds\n', 'file:///ws/.qualspec.yaml', [ID]);
    expect(bad.problems.map((p) => p.message)).toEqual([
      '\'unitRefs\' is a preset (isp, ilm, city-and-guilds, btec) or { pattern: "L{level}{group}{number}" }.',
    ]);
    expect(bad.config.unitRefs).toBeUndefined();
    const pattern = parseConfig('unitRefs:\n  pattern: "{level}{number:2}"\n', 'file:///ws/.qualspec.yaml', [ID]);
    expect(pattern.problems).toEqual([]);
    expect(pattern.config.unitRefs).toEqual({ pattern: '{level}{number:2}' });
    const notOne = parseConfig('unitRefs:\n  pattern: L5B1\n', 'file:///ws/.qualspec.yaml', [ID]);
    expect(notOne.problems.map((p) => p.message)).toEqual([
      '\'L5B1\' is not a unit-ref pattern: write the ref with its parts in braces, e.g. "L{level}{group}{number}".',
    ]);
  });
});
