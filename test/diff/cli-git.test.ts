/**
 * `qualspec diff` as a user runs it: the built CLI (dist/cli.js, `npm run build:dev`) in real
 * temporary git repositories, two versions committed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempGitRepo, type TempRepo } from '../helpers/git-repo';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const ISP = readFileSync(path.join(ROOT, 'specs/isp-level-5-professional-sales.yaml'), 'utf8');
const SPEC = 'specs/isp.yaml';

let repo: TempRepo;
beforeEach(() => {
  repo = tempGitRepo('qualspec-diff-');
});
afterEach(() => repo.remove());

const git = (...args: string[]): string => repo.git(...args);
const write = (rel: string, text: string): void => repo.write(rel, text);

function commit(rel: string, text: string, message: string): void {
  write(rel, text);
  repo.commitAll(message);
}

function qualspec(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: repo.dir, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Version 1.3 of the ISP spec: one criterion reworded, the Diploma's Business minimum raised, with or without a version bump. */
function revised(bump: boolean): string {
  let t = ISP.replace('Estimate the potential lifetime value of customer accounts', 'Estimate the lifetime value of key customer accounts')
    .replace(
      'BUSINESS units totalling at least 9 credits\n        groups: [business]\n        minCredits: 9',
      'BUSINESS units totalling at least 12 credits\n        groups: [business]\n        minCredits: 12',
    )
    // Comment-only and whitespace-only changes are not changes.
    .replace('units:\n  - ref: L5B1\n', 'units:\n  # The Business units.\n  - ref: L5B1\n');
  if (bump)
    t = t
      .replace('  version: "1.2"\n', '  version: "1.3"\n')
      .replace('  changeHistory:\n', '  changeHistory:\n')
      .replace(
        /(\n {2}changeHistory:\n(?: {4}.*\n|\n)*)/,
        (m) => `${m}    - version: "1.3"\n      date: 2026-12-07\n      summary: Reworded AC 1.1 of L5B1; Diploma Business minimum 9 -> 12 credits.\n`,
      );
  return t;
}

describe('qualspec diff in a git repository', () => {
  it('reports the working tree against HEAD by meaning, with the impact on learners', () => {
    commit(SPEC, ISP, 'v1.2');
    write(SPEC, revised(true));
    const r = qualspec('diff', SPEC, '--against', 'HEAD', '--format', 'json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { files: { report: import('../../server/src/core/diff/index').DiffReport }[] };
    const rep = json.files[0]!.report;
    const keys = rep.changes.map((c) => c.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'unit L5B1 ac 1.1',
        "qualification 610/5684/4 rule 'business-credits' text",
        "qualification 610/5684/4 rule 'business-credits' minCredits",
      ]),
    );
    // No change for the comment, and nothing else.
    expect(keys.filter((k) => !k.startsWith('document') && !k.startsWith('history'))).toHaveLength(3);
    const ac = rep.changes.find((c) => c.key === 'unit L5B1 ac 1.1')!;
    expect(ac).toMatchObject({ kind: 'changed', sensitive: 'outcomes' });
    expect(ac.words).toEqual([
      { op: 'same', text: 'Estimate the' },
      { op: 'removed', text: 'potential' },
      { op: 'same', text: 'lifetime value of' },
      { op: 'added', text: 'key' },
      { op: 'same', text: 'customer accounts' },
    ]);
    const diploma = rep.impact.find((q) => q.qan === '610/5684/4')!;
    const lost = BigInt(diploma.lost!);
    expect(lost).toBeGreaterThan(0n);
    expect(BigInt(diploma.before!) - BigInt(diploma.both!)).toBe(lost);
    // Raising a minimum only removes plans: every plan valid now was valid before.
    expect(diploma.both).toBe(diploma.after);
    expect(diploma.gained).toBe('0');
    expect(rep.impact.find((q) => q.qan === '610/5683/2')).toMatchObject({ lost: '0', gained: '0' });
  });

  it('--check fails when the content changed but the version and the change history did not', () => {
    commit(SPEC, ISP, 'v1.2');
    write(SPEC, revised(false));
    const r = qualspec('diff', SPEC, '--against', 'HEAD', '--check');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/the document version is still 1\.2/);
    expect(r.out).toMatch(/No new change-history entry records this version/);
    write(SPEC, revised(true));
    expect(qualspec('diff', SPEC, '--against', 'HEAD', '--check').code).toBe(0);
  });

  it('diffs two revisions by folder, and --changelog drafts an entry that is valid YAML', () => {
    commit(SPEC, ISP, 'v1.2');
    commit(SPEC, revised(false), 'edits');
    git('tag', 'v1.2-edits');
    const r = qualspec('diff', 'specs', '--against', 'HEAD~1', '--changelog');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const entry = (parse(r.out) as { version: string; date: string; summary: string }[])[0]!;
    expect(entry.version).toBe('1.3');
    expect(entry.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(entry.summary).toMatch(/Unit L5B1 Analyse Financial Performance: assessment criterion 1\.1 reworded/);
    expect(entry.summary).toMatch(
      /Level 5 Diploma in Professional Sales \(610\/5684\/4\): rule 'business-credits': published wording changed; minimum credits 9 -> 12\./,
    );
  });

  it('markdown and github formats', () => {
    commit(SPEC, ISP, 'v1.2');
    write(SPEC, revised(false));
    const md = qualspec('diff', SPEC, '--against', 'HEAD', '--format', 'markdown');
    expect(md.out).toMatch(/### Impact on learners/);
    expect(md.out).toMatch(/Estimate the ~~potential~~ lifetime value of \*\*key\*\* customer accounts/);
    const gh = qualspec('diff', SPEC, '--against', 'HEAD', '--format', 'github', '--check');
    expect(gh.code).toBe(1);
    expect(gh.out).toMatch(/^::error file=specs\/isp\.yaml,line=\d+,title=qualspec diff version-not-changed::/m);
  });

  it('two files on disk', () => {
    write('old/isp.yaml', ISP);
    write('new/isp.yaml', revised(true));
    const r = qualspec('diff', 'old/isp.yaml', 'new/isp.yaml');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Assessment criterion 1\.1 reworded/);
    expect(r.out).toMatch(/valid selections: 2,667,486,112 before/);
  });
});

describe('qualspec diff: bad input gets a clear message and exit 2, never a stack trace', () => {
  const expectClean = (r: { code: number | null; err: string }, message: RegExp) => {
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.err).not.toMatch(/internal error/);
  };

  it('a revision that does not exist', () => {
    commit(SPEC, ISP, 'v1.2');
    expectClean(qualspec('diff', SPEC, '--against', 'no-such-tag'), /there is no git revision 'no-such-tag'/);
  });

  it('a file that is not in the revision', () => {
    commit('README.md', 'hello\n', 'first');
    write(SPEC, ISP);
    expectClean(qualspec('diff', SPEC, '--against', 'HEAD'), /specs\/isp\.yaml does not exist at revision HEAD/);
  });

  it('a file that is not a spec in one version', () => {
    commit(SPEC, 'name: build\non: push\n', 'a workflow, not a spec');
    write(SPEC, ISP);
    expectClean(qualspec('diff', SPEC, '--against', 'HEAD'), /HEAD:specs\/isp\.yaml is not a qualification spec/);
  });

  it('a YAML error in the old version', () => {
    commit(SPEC, ISP.replace('  version: "1.2"\n', '  version: "1.2\n'), 'broken');
    write(SPEC, ISP);
    expectClean(qualspec('diff', SPEC, '--against', 'HEAD'), /^qualspec: HEAD:specs\/isp\.yaml:\d+:\d+: not valid YAML/);
  });

  it('outside a git repository, and bad usage', () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'qualspec-nogit-'));
    try {
      writeFileSync(path.join(outside, 'a.yaml'), ISP);
      const r = spawnSync(process.execPath, [CLI, 'diff', 'a.yaml', '--against', 'HEAD'], {
        cwd: outside,
        encoding: 'utf8',
        env: { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(outside) },
      });
      expectClean({ code: r.status, err: r.stderr }, /a\.yaml is not in a git repository/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
    expectClean(qualspec('diff', 'only-one.yaml'), /give two files or two folders/);
    expectClean(qualspec('diff', 'a', 'b', '--format', 'xml'), /unknown --format 'xml'/);
  });
});
