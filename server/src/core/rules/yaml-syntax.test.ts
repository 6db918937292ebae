import { describe, expect, it } from 'vitest';
import { edit, findings, lint, spec, under } from '../../../../test/helpers/spec';

const ID = 'yaml-syntax';

describe(ID, () => {
  it('passes well-formed YAML', () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
  });

  it('flags a duplicate key, at the second key, in plain words', () => {
    const text = edit(spec(), '    glh: 25\n', '    glh: 25\n    glh: 26\n');
    const f = findings(lint(text), ID);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('error');
    expect(under(text, f[0]!)).toBe('glh');
    expect(f[0]!.span.start).toBe(text.indexOf('glh: 26'));
    expect(f[0]!.message).toContain('This key appears twice in the same place');
  });

  it('flags an alias and does not expand it', () => {
    const text = edit(spec(), '    glh: 25\n', '    glh: &g 25\n').replace('    glh: 15\n', '    glh: *g\n');
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['*g']);
    expect(f[0]!.message).toContain('YAML aliases (*g) are not allowed in a spec file');
  });

  it('flags a missing closing quote, and still checks the rest of the file', () => {
    const text = edit(spec(), 'title: Analyse Financial Performance', 'title: "Analyse Financial Performance');
    const all = lint(text);
    const f = findings(all, ID);
    expect(f.length).toBeGreaterThan(0);
    expect(f.some((x) => x.span.start >= text.indexOf('"Analyse') && x.span.start <= text.indexOf('    level: 5', text.indexOf('"Analyse')) + 20)).toBe(true);
  });

  it('explains a colon and a space inside a value, and a key on two lines, in plain words', () => {
    const colon = edit(spec(), 'title: Analyse Financial Performance', 'title: Analyse: Financial Performance');
    const c = findings(lint(colon), ID);
    expect(c.length).toBeGreaterThan(0);
    expect(c[0]!.message).toMatch(/^YAML reads a colon followed by a space as the start of another key: put a value holding one in quotes/);
    expect(colon.slice(colon.lastIndexOf('\n', c[0]!.span.start) + 1, colon.indexOf('\n', c[0]!.span.start))).toContain('title: Analyse: Financial');
    const twoLines = edit(spec(), '    glh: 25\n', '    glh\n    tqt: 50\n');
    const t = findings(lint(twoLines), ID);
    expect(t.map((x) => x.message)).toContain(
      'A key must fit on one line; is a colon missing at the end of the previous line? (YAML: Implicit keys need to be on a single line)',
    );
  });

  it('flags an empty file and a file that is not a mapping', () => {
    const empty = findings(lint(''), ID);
    expect(empty.map((x) => x.message)).toEqual(['The file is empty: a spec file starts with `qualspec: 1` and a document section.']);
    const list = '- a\n- b\n';
    const l = findings(lint(list), ID);
    expect(l.map((x) => x.message)).toEqual([
      "The file's top level is a list; a spec file is a mapping of keys (qualspec, document, groups, qualifications, units).",
    ]);
    expect(under(list, l[0]!)).toBe(list);
  });
});
