/**
 * Reading a file as it was at a git revision, for `qualspec diff --against`. The only process the
 * CLI starts: `git`, by execFile (no shell), with fixed argument lists; a revision the user typed is
 * passed after `--end-of-options`, so it can never be read as an option.
 */
import { execFileSync } from 'node:child_process';

export class GitError extends Error {}

function git(args: string[], cwd: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stderr?: string | Buffer; code?: string; message?: string };
    if (err.code === 'ENOENT') throw new GitError('git is not installed (or not on the PATH)');
    const text = String(err.stderr ?? err.message ?? e).trim();
    throw new GitError(text.split('\n')[0] ?? text);
  }
}

/** The work tree's top folder of the repository that holds `dir`. */
export function gitTopLevel(dir: string): string {
  return git(['rev-parse', '--show-toplevel'], dir).trim();
}

/** Whether `rev` names a commit. */
export function gitHasCommit(top: string, rev: string): boolean {
  try {
    git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], top);
    return true;
  } catch {
    return false;
  }
}

/** Paths (relative to the top, '/'-separated) of the files at `rev` under `path` ('' = everywhere). */
export function gitFiles(top: string, rev: string, path: string): string[] {
  const commit = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], top).trim();
  return git(['ls-tree', '-r', '--name-only', commit, '--', path || '.'], top)
    .split('\n')
    .filter(Boolean);
}

/** The text of `path` (relative to the top) at `rev`. */
export function gitShow(top: string, rev: string, path: string): string {
  const commit = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], top).trim();
  return git(['show', `${commit}:${path}`], top);
}
