import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ChunkCache, parseSpecText } from '../../server/src/core/parse/parse';
import { splitChunks } from '../../server/src/core/parse/chunker';

const SPEC = `# yaml-language-server: $schema=../schemas/qualspec.schema.json
qualspec: 1
document:
  title: T  # a comment
  version: "1.0"
units:
  - ref: L5B1
    credit: 5
    learningOutcomes:
      - number: 1
        text: |-
          - a
          - b
  # comment between items
  - ref: L5B2
    credit: 4
groups:
- id: business
  title: Business
- id: core
  title: Core
`;

describe('chunked parsing', () => {
  it('splits top-level entries and sequence items', () => {
    const chunks = splitChunks(SPEC)!;
    expect(chunks.map((c) => `${c.kind}:${c.key}:${c.index}`)).toEqual([
      'preamble::0',
      'entry:qualspec:0',
      'entry:document:0',
      'seq-head:units:0',
      'seq-item:units:0',
      'seq-item:units:1',
      'seq-head:groups:0',
      'seq-item:groups:0',
      'seq-item:groups:1',
    ]);
    // chunks tile the text
    expect(chunks.map((c) => SPEC.slice(c.start, c.end)).join('')).toBe(SPEC);
  });

  it('yields the same data as parsing the whole text', () => {
    expect(parseSpecText(SPEC).data).toEqual(parseYaml(SPEC));
    expect(parseSpecText(SPEC, { whole: true }).data).toEqual(parseYaml(SPEC));
  });

  it('locates paths to exact source spans', () => {
    const p = parseSpecText(SPEC);
    const at = (path: (string | number)[], part?: 'key' | 'value') => {
      const s = p.locate(path, part);
      return SPEC.slice(s.start, s.end);
    };
    expect(at(['units', 1, 'credit'])).toBe('4');
    expect(at(['units', 1, 'credit'], 'key')).toBe('credit');
    expect(at(['units', 0, 'learningOutcomes', 0, 'text'])).toBe('|-\n          - a\n          - b\n');
    expect(at(['document', 'version'])).toBe('"1.0"');
    expect(at(['groups', 1, 'title'])).toBe('Core');
    expect(p.has(['units', 2])).toBe(false);
    // a missing path falls back to the nearest ancestor that exists
    expect(at(['units', 1, 'glh'])).toContain('ref: L5B2');
  });

  it('re-parses only the chunk an edit touched', () => {
    const cache = new ChunkCache();
    const first = parseSpecText(SPEC, { cache });
    expect(first.reparsedChunks).toBe(9);
    const edited = SPEC.replace('credit: 4', 'credit: 44');
    const second = parseSpecText(edited, { cache });
    expect(second.reparsedChunks).toBe(1);
    expect((second.data as { units: { credit: number }[] }).units[1]!.credit).toBe(44);
    const s = second.locate(['groups', 0, 'id']);
    expect(edited.slice(s.start, s.end)).toBe('business');
  });

  it('reports syntax errors with spans and keeps the rest', () => {
    const bad = SPEC.replace('    credit: 4', '    credit: [4');
    const p = parseSpecText(bad);
    expect(p.problems.length).toBeGreaterThan(0);
    expect(p.problems[0]!.span.start).toBeGreaterThan(bad.indexOf('ref: L5B2'));
    expect((p.data as { groups: unknown[] }).groups).toHaveLength(2);
  });

  it('reports a duplicate top-level key', () => {
    const p = parseSpecText(SPEC + 'qualspec: 2\n');
    expect(p.problems.map((x) => x.code)).toContain('DUPLICATE_KEY');
  });

  it('refuses aliases without expanding them', () => {
    const bomb =
      'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n';
    const p = parseSpecText(bomb);
    expect(p.problems.some((x) => x.code === 'ALIAS')).toBe(true);
    expect(JSON.stringify(p.data).length).toBeLessThan(500);
  });

  it('falls back to a whole parse for documents the splitter does not handle', () => {
    const multi = 'a: 1\n---\nb: 2\n';
    expect(splitChunks(multi)).toBeUndefined();
    const p = parseSpecText(multi);
    expect(p.problems.length).toBeGreaterThan(0);
  });

  it('does not let __proto__ keys reach the prototype', () => {
    const p = parseSpecText('__proto__:\n  polluted: true\n');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(p.data)).toBe(Object.prototype);
  });
});
