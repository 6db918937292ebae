// The workspace session on its own (no server, no I/O): projects, cross-file findings, remapping
// after an edit that moves them, and which open files an edit elsewhere makes stale.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config/config.js';
import { summaryOf } from './fast-summary.js';
import { changedUnits, semanticKey, WorkspaceSession } from './session.js';

const ILM = readFileSync(path.resolve(__dirname, '../../../../specs/ilm-l2-sales-management.yaml'), 'utf8');
const summary = (uri: string, text: string) => summaryOf(uri, text).summary;

/** Two projects: file:///a/… and file:///b/…. */
function session(): WorkspaceSession {
  return new WorkspaceSession({ projectOf: (uri) => (uri.startsWith('file:///a/') ? 'file:///a' : 'file:///b'), configFor: () => DEFAULT_CONFIG });
}

const A1 = 'file:///a/one.yaml';
const A2 = 'file:///a/two.yaml';
const B1 = 'file:///b/one.yaml';

describe('WorkspaceSession', () => {
  it('reports cross-file findings within a project only, and only once the first scan is done', () => {
    const s = session();
    s.set(summary(A1, ILM));
    s.set(summary(A2, ILM));
    s.set(summary(B1, ILM));
    expect(s.recompute().size).toBe(0);
    expect(s.workspaceFindings(A1)).toEqual([]);
    s.ready = true;
    const changed = s.recompute();
    // The same spec twice in project a: the same QAN and unit refs in both files.
    expect([...changed].sort()).toEqual([A1, A2]);
    expect(s.workspaceFindings(A1).length).toBeGreaterThan(0);
    expect(s.workspaceFindings(A1).every((f) => f.uri === A1)).toBe(true);
    expect(s.workspaceFindings(B1)).toEqual([]);
    // A file's own findings are merged in order.
    const own = s
      .workspaceFindings(A1)
      .slice(0, 1)
      .map((f) => ({ ...f, ruleId: 'own' }));
    expect(s.findings(A1, own)).toHaveLength(s.workspaceFindings(A1).length + 1);
    // Taking the duplicate away clears both files.
    const change = s.delete(A2)!;
    expect(change.prev?.uri).toBe(A2);
    const after = s.changed([change], []);
    expect(after.show).toEqual(new Set([A1]));
    expect(s.workspaceFindings(A1)).toEqual([]);
    expect(s.delete(A2)).toBeUndefined();
  });

  it('moves cross-file findings after an edit that changes nothing they read, without running the checks', () => {
    const s = session();
    s.ready = true;
    s.set(summary(A1, ILM));
    s.set(summary(A2, ILM));
    s.recompute();
    const runs = s.workspaceRuns;
    const before = s.workspaceFindings(A1).map((f) => f.span.start);
    // A comment line added at the top: every span of the file moves by its length.
    const edited = `# a note\n${ILM}`;
    const prev = s.get(A1)!;
    const next = summary(A1, edited);
    expect(semanticKey(next)).toBe(semanticKey(prev));
    s.set(next);
    const moved = s.remap(A1, prev, next);
    expect(moved).toBeDefined();
    expect(s.workspaceFindings(A1).map((f) => f.span.start)).toEqual(before.map((o) => o + 9));
    // The other file's findings point at A1 as related locations: they moved too.
    expect(moved!.has(A2)).toBe(true);
    expect(s.workspaceRuns).toBe(runs);
  });

  it('an edit that changes a unit marks the open files that use it (and do not define it) for a recheck', () => {
    const s = session();
    s.ready = true;
    s.set(summary(A1, ILM));
    s.recompute();
    const prev = s.get(A1)!;
    const text = ILM.replace(/(- ref: 8570-228[\s\S]*?glh: )(\d+)/, (_m, a: string, n: string) => `${a}${Number(n) + 1}`);
    expect(text).not.toBe(ILM);
    const change = s.set(summary(A1, text));
    expect(change.prev).toBe(prev);
    expect(changedUnits(change.prev, change.next)).toEqual(new Set(['8570-228']));
    const span = { start: 0, end: 1 };
    const uses = [{ uri: A2, ref: '8570-228', span, kind: 'unit' as const }];
    const r = s.changed(
      [change],
      [
        { uri: A2, uses, definesUnit: () => false },
        { uri: 'file:///a/three.yaml', uses, definesUnit: () => true },
        { uri: 'file:///a/four.yaml', uses: [{ ...uses[0]!, ref: '8570-229' }], definesUnit: () => false },
      ],
    );
    expect(r.recheck).toEqual(new Set([A2]));
  });

  it('forgets everything on clear', () => {
    const s = session();
    s.ready = true;
    s.set(summary(A1, ILM));
    s.set(summary(A2, ILM));
    s.recompute();
    s.clear();
    expect(s.uris()).toEqual([]);
    expect(s.workspaceFindings(A1)).toEqual([]);
  });
});
