/**
 * A real git repository in a temporary folder, for the tests of `qualspec diff` against git: commits
 * made as a fixed test identity, never signed, whatever the machine's git configuration says.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export interface TempRepo {
  readonly dir: string;
  /** Runs git in the repository and returns what it printed. */
  git(...args: string[]): string;
  /** Writes a file (folders made as needed), `rel` to the repository's root. */
  write(rel: string, text: string): void;
  /** Stages everything and commits it. */
  commitAll(message: string): void;
  /** Deletes the folder. */
  remove(): void;
}

export function tempGitRepo(prefix: string): TempRepo {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const git = (...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
      cwd: dir,
      encoding: 'utf8',
    });
  git('init', '-q');
  return {
    dir,
    git,
    write(rel, text) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    },
    commitAll(message) {
      git('add', '-A');
      git('commit', '-q', '-m', message);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
