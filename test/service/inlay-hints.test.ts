/** Inlay hints from the service over in-memory specs: which derived numbers are shown, and which are not. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inlayHints } from '../../server/src/service/index.js';
import { edit, spec } from '../helpers/spec';
import { workspace } from './helpers';

const URI = 'file:///w/spec.yaml';
const hintsOf = (text: string) => {
  const ws = workspace({ [URI]: text });
  const lines = text.split('\n');
  return inlayHints(ws.host, ws.files.get(URI)!).map((h) => ({ line: lines[h.position.line]!.trim(), label: h.label }));
};

describe('inlay hints', () => {
  it('say nothing on a spec whose sizes are all stated and agree', () => {
    expect(hintsOf(spec())).toEqual([]);
  });

  it('give a unit’s credit from its TQT, rounded down, when it states none', () => {
    const text = edit(spec(), '    credit: 3  # one credit per 10 hours of TQT\n', '');
    expect(hintsOf(edit(text, 'tqt: 30  # hours', 'tqt: 39  # hours'))).toContainEqual({ line: 'tqt: 39  # hours', label: '3 credits (TQT ÷ 10)' });
  });

  it('give no credit hint in a spec that counts no credits (GLH and TQT only)', () => {
    const text = spec().replace(/^ {4}credit: \d+.*\n/gm, '');
    expect(text).not.toContain('credit:');
    expect(hintsOf(text).filter((h) => String(h.label).includes('credit'))).toEqual([]);
  });

  it('stay quiet where a stated size disagrees: that is a finding, not a hint', () => {
    expect(hintsOf(edit(spec(), 'credit: 8', 'credit: 9'))).toEqual([]);
  });

  it('give the GLH a BTEC-style qualification’s rules allow once it no longer states it', () => {
    const nva = readFileSync(path.resolve(__dirname, '../../specs/examples/nva-level-3-nationals-enterprise.yaml'), 'utf8');
    expect(hintsOf(nva)).toEqual([]);
    const text = nva.replace('    glh: 360\n', '');
    expect(text).not.toBe(nva);
    expect(hintsOf(text)).toEqual([{ line: 'rules:', label: 'rules allow 360 GLH' }]);
  });
});
