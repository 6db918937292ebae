import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeLenses } from '../../server/src/service/index.js';
import { edit, spec } from '../helpers/spec';
import { workspace } from './helpers';

const URI = 'file:///w/spec.yaml';
const lensOf = (text: string) => {
  const ws = workspace({ [URI]: text });
  return codeLenses(ws.host, ws.files.get(URI)!)[0]!.command!;
};

describe("an Award's code lens", () => {
  it('gives the sum of its fixed units and whether it agrees with the stated credit', () => {
    expect(lensOf(spec()).title).toBe('8 credits · 2 fixed units · totals agree');
    expect(lensOf(edit(spec(), 'credit: 8', 'credit: 9')).title).toBe('8 credits · 2 fixed units · states 9');
  });

  it('names a unit without credit instead of counting it as 0', () => {
    const text = edit(spec(), '    credit: 3  # one credit per 10 hours of TQT\n', '');
    const lens = lensOf(text);
    expect(lens.title).toBe('5 credits from 1 of 2 units · L5B2 has no credit · states 8');
    expect(lens.tooltip).toContain('cannot be checked until every unit has one');
  });

  it('names a unit with no size at all (left out of the combination)', () => {
    let text = edit(spec(), '    credit: 3  # one credit per 10 hours of TQT\n', '');
    text = edit(text, '    glh: 15\n    tqt: 30  # hours\n', '');
    expect(lensOf(text).title).toBe('5 credits from 1 of 2 units · L5B2 has no credit · states 8');
  });

  it('counts in GLH when neither the Award nor its units give credit', () => {
    let text = spec().replace(/^ {4}credit: \d+.*\n/gm, '');
    expect(text).not.toContain('credit:');
    expect(lensOf(text).title).toBe('40 GLH · 2 fixed units · totals agree');
    text = edit(text, '    glh: 15\n', '');
    expect(lensOf(text).title).toBe('25 GLH from 1 of 2 units · L5B2 has no GLH · states 40');
  });
});

describe("a qualification's code lens in a GLH-only spec", () => {
  it('gives the GLH its rules allow, not 0 credits (BTEC-style units have no credit)', () => {
    const text = readFileSync(path.resolve(__dirname, '../../specs/examples/nva-level-3-nationals-enterprise.yaml'), 'utf8');
    expect(text).not.toMatch(/^\s+credit:/m);
    const ws = workspace({ [URI]: text });
    const titles = codeLenses(ws.host, ws.files.get(URI)!).map((l) => l.command!.title);
    // Each qualification's GLH as its rules total it (minGlh = maxGlh in each).
    const glh = [...text.matchAll(/^ {8}minGlh: (\d+)$/gm)].map((m) => m[1]);
    expect(glh.length).toBe(titles.length);
    expect(titles).toEqual(glh.map((g) => `${g} GLH · achievable`));
  });
});
