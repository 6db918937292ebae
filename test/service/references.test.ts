import { describe, expect, it } from 'vitest';
import { references } from '../../server/src/service/index.js';
import { edit, spec } from '../helpers/spec';
import { workspace } from './helpers';

const URI = 'file:///w/spec.yaml';

describe('find references', () => {
  const refsAt = (text: string, needle: string, includeDeclaration: boolean) => {
    const ws = workspace({ [URI]: text });
    const f = ws.files.get(URI)!;
    // The position: inside the ref, on the needle's line (the needle's last word).
    const at = text.indexOf(needle) + needle.trimEnd().length - 2;
    expect(at).toBeGreaterThan(0);
    return references(ws.host, URI, f.lines.positionAt(at), includeDeclaration).map(
      (l) => text.slice(f.lines.offsetAt(l.range.start), f.lines.offsetAt(l.range.end)) + '@' + l.range.start.line,
    );
  };

  it('from the only use of a unit: that use and the definition', () => {
    const text = spec();
    const useLine = text.slice(0, text.indexOf('      - L5B2\n')).split('\n').length - 1;
    const defLine = text.slice(0, text.indexOf('  - ref: L5B2')).split('\n').length - 1;
    expect(refsAt(text, '      - L5B2\n', true).sort()).toEqual([`L5B2@${defLine}`, `L5B2@${useLine}`].sort());
    // Without the declaration, the use itself is still a reference.
    expect(refsAt(text, '      - L5B2\n', false)).toEqual([`L5B2@${useLine}`]);
  });

  it('from the only use of a unit defined nowhere: that use', () => {
    const text = edit(spec(), '      - L5B2\n', '      - L5B9\n');
    expect(refsAt(text, '      - L5B9\n', true)).toHaveLength(1);
    expect(refsAt(text, '      - L5B9\n', true)[0]).toMatch(/^L5B9@/);
  });

  it('from a definition used nowhere: the definition, when it is asked for', () => {
    const text = spec();
    expect(refsAt(text, '  - ref: L5B3', true).map((s) => s.split('@')[0])).toEqual(['L5B3']);
    expect(refsAt(text, '  - ref: L5B3', false)).toEqual([]);
  });
});
