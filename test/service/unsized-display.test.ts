import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { codeLenses, hover } from '../../server/src/service/index.js';
import { combination } from '../../server/src/service/combination.js';
import { workspace } from './helpers';

const ROOT = path.resolve(__dirname, '../..');
const NVA = readFileSync(path.join(ROOT, 'specs/examples/nva-level-3-nationals-enterprise.yaml'), 'utf8');
const URI = 'file:///w/nva.yaml';
/** The BTEC-style spec (GLH only) with its first unit put at Entry Level 3. */
const [head, units] = NVA.split('\nunits:\n');
const text = `${head!}\nunits:\n${units!.replace('    level: 3\n', '    level: entry-3\n')}`;

describe('a GLH-only spec and an Entry level unit in the editor', () => {
  const ws = workspace({ [URI]: text });
  const file = ws.files.get(URI)!;
  const lines = text.split('\n');

  it('code lenses give the GLH range, not 0 credits', () => {
    const titles = codeLenses(ws.host, file).map((l) => l.command!.title);
    expect(titles.length).toBeGreaterThan(1);
    for (const t of titles) {
      expect(t).not.toMatch(/\b0 credits\b/);
      expect(t).toMatch(/\d+ GLH · achievable$/);
    }
  });

  it("a qualification's hover gives GLH and TQT, and no credit it does not have", () => {
    const qi = lines.findIndex((l) => l.startsWith('  - title:') && l.includes('Certificate'));
    const h = JSON.stringify(hover(ws.host, URI, { line: qi, character: 12 })?.contents);
    expect(h).toContain('Achievable: GLH');
    expect(h).not.toMatch(/0 credits|credit not given/);
  });

  it("a unit's hover and the preview say Entry Level 3, not Level 0", () => {
    const ui = lines.findIndex((l) => l.startsWith('  - ref:'));
    const h = JSON.stringify(hover(ws.host, URI, { line: ui, character: 10 })?.contents);
    expect(h).toContain('Entry Level 3 · GLH');
    expect(h).not.toContain('Level 0');
    const c = combination(ws.host, file, 0)!;
    const u = c.groups.flatMap((g) => g.units)[0]!;
    expect(u).toMatchObject({ level: 0, levelName: 'Entry Level 3', credit: null });
    expect(c.measure).toBe('glh');
    expect(c.analysis.credit).toBeNull();
  });
});
