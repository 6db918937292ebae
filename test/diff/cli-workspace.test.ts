/**
 * `qualspec diff` over a workspace of several files (the built CLI, dist/cli.js, in real temporary git
 * repositories): a folder's YAML files that are not specs are skipped and named, and a qualification
 * whose pool names units another file defines is counted with that file's units, as each version has them.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempGitRepo, type TempRepo } from '../helpers/git-repo';
import type { DiffReport } from '../../server/src/core/diff/index';
import { certificate, spec } from '../helpers/spec';

const CLI = path.resolve(__dirname, '../../dist/cli.js');

let repo: TempRepo;
beforeEach(() => {
  repo = tempGitRepo('qualspec-diff-ws-');
});
afterEach(() => repo.remove());

const write = (rel: string, text: string): void => repo.write(rel, text);

const commitAll = (message: string): void => repo.commitAll(message);

function qualspec(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: repo.dir, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface Json {
  files: { rel: string; status: string; report?: DiffReport }[];
  skipped: { rel: string; versions: string[] }[];
}

/**
 * The Certificate (13–18 credits) draws on L5B1–L5B3 (5, 3 and 4 credits) of its own file and on
 * L5B4, defined in another file: 4 valid selections with L5B4 at 6 credits (13, 14, 15, 18), 3 with
 * it at 5 (13, 14, 17), all 3 of them valid before too (one plan lost: L5B2 + L5B3 + L5B4, now 12).
 */
const QUALS = spec({ qualifications: certificate({ pool: '      units: [L5B1, L5B2, L5B3, L5B4]\n' }) });
const more = (credit: number) =>
  spec({
    qualifications: '  []\n',
    units: [{ ref: 'L5B4', uan: 'F/651/5977', title: 'Manage Sales Technology Systems', glh: credit * 5, tqt: credit * 10, credit }],
  });
const WORKFLOW = 'name: build\non: push\njobs: {}\n';

describe('qualspec diff over a workspace', () => {
  it('the specs are valid as a workspace (L5B4 is found in the other file)', () => {
    write('specs/quals.yaml', QUALS);
    write('specs/more.yaml', more(6));
    const r = qualspec('lint', 'specs');
    expect(r.out).toMatch(/0 problems \(0 errors, 0 warnings\) in 2 files/);
    expect(r.code).toBe(0);
  });

  it('a folder: skips a YAML file that is not a spec, names it, and compares the specs', () => {
    write('specs/quals.yaml', QUALS);
    write('specs/more.yaml', more(6));
    write('specs/workflow.yaml', WORKFLOW);
    commitAll('v1');
    write('specs/more.yaml', more(5));
    write('specs/openapi.yml', 'openapi: 3.1.0\ninfo: { title: x, version: "1" }\n');
    const r = qualspec('diff', 'specs', '--against', 'HEAD', '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^qualspec: skipped 2 YAML files that are not specs: specs\/openapi\.yml \(new version\), specs\/workflow\.yaml \(/);
    const json = JSON.parse(r.out) as Json;
    expect(json.skipped).toEqual([
      { rel: 'specs/openapi.yml', versions: ['new'] },
      { rel: 'specs/workflow.yaml', versions: ['old', 'new'] },
    ]);
    expect(json.files.map((f) => [f.rel, f.status])).toEqual([
      ['specs/more.yaml', 'compared'],
      ['specs/quals.yaml', 'compared'],
    ]);
    // The qualification's file did not change, but the unit it draws from the other file did.
    const q = json.files[1]!.report!;
    expect(q.changes).toEqual([]);
    expect(q.impact).toHaveLength(1);
    expect(q.impact[0]).toMatchObject({
      before: '4',
      after: '3',
      both: '3',
      lost: '1',
      gained: '0',
      credit: { before: { min: 13, max: 18 }, after: { min: 13, max: 17 } },
    });
    expect(q.impact[0]!.note).toBeUndefined();
  });

  it('two folders on disk: each folder is its version’s workspace', () => {
    write('old/quals.yaml', QUALS);
    write('old/more.yaml', more(6));
    write('new/quals.yaml', QUALS);
    write('new/more.yaml', more(5));
    write('new/notes.yaml', 'title: meeting notes\n');
    const r = qualspec('diff', 'old', 'new', '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/skipped 1 YAML file that is not a spec: new\/notes\.yaml \(new version\)/);
    const q = (JSON.parse(r.out) as Json).files.find((f) => f.rel === 'new/quals.yaml')!.report!;
    expect([q.impact[0]!.before, q.impact[0]!.after]).toEqual(['4', '3']);
  });

  it('one file against a revision: the rest of its project is read at that revision too', () => {
    write('specs/quals.yaml', QUALS);
    write('specs/more.yaml', more(6));
    commitAll('v1');
    write('specs/more.yaml', more(5));
    const r = qualspec('diff', 'specs/quals.yaml', '--against', 'HEAD', '--format', 'json');
    expect(r.err).toBe('');
    const q = (JSON.parse(r.out) as Json).files[0]!.report!;
    expect([q.impact[0]!.before, q.impact[0]!.after, q.impact[0]!.both]).toEqual(['4', '3', '3']);
    const text = qualspec('diff', 'specs/quals.yaml', '--against', 'HEAD');
    expect(text.out).toMatch(/valid selections: 4 before, 3 after, 3 valid under both \(1 plans no longer valid, 0 newly valid\)/);
  });

  it('a unit defined in no file of a version: the figures say they leave it out', () => {
    write('specs/quals.yaml', QUALS);
    commitAll('v1: L5B4 not yet written');
    write('specs/more.yaml', more(6));
    const r = qualspec('diff', 'specs/quals.yaml', '--against', 'HEAD', '--format', 'json');
    const i = (JSON.parse(r.out) as Json).files[0]!.report!.impact[0]!;
    expect([i.before, i.after]).toEqual(['0', '4']);
    expect(i.note).toBe('Unit L5B4 is named but defined in no spec file of the old version, so the old figures leave it out.');
  });

  it('a folder with no spec in it says so, and exits 2', () => {
    write('a/workflow.yaml', WORKFLOW);
    write('b/workflow.yaml', WORKFLOW);
    const r = qualspec('diff', 'a', 'b');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^qualspec: there are no spec files to compare: skipped 1 YAML file that is not a spec: b\/workflow\.yaml \(it has no top-level `qualspec:` key/,
    );
  });
});
