/**
 * `--cache`: a run whose inputs are all unchanged gives the stored report without checking again.
 *
 * The inputs are the tool's version, the text of every configuration file in use, the options that
 * change findings, and the content (SHA-256) of every spec file of the run. Why not per file: most
 * checks read across files (unknown units defined elsewhere, duplicate UANs and QANs, award totals,
 * a unit reproduced in two files), so one file's findings depend on the others' contents; a cache
 * keyed on each file alone would report stale findings after an edit elsewhere. Hashing the files
 * costs a small fraction of checking them, so an unchanged tree (a re-run in CI, a pre-commit hook
 * over the same specs) is answered in that time, and any change checks everything, as without it.
 *
 * The cache is one JSON file (`.qualspeccache` in the current folder, or --cache-location); one
 * that is missing, damaged, of another version or written by something else is ignored and
 * replaced. It never changes findings, only whether they are computed again.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CliDiagnostic } from './report.js';

export const DEFAULT_CACHE_FILE = '.qualspeccache';
const FORMAT = 'qualspec-cache/1';
/** A cache file larger than this is not read (it holds one run's findings: far smaller). */
const MAX_CACHE_BYTES = 256 * 1024 * 1024;

export interface CachedRun {
  files: string[];
  diags: CliDiagnostic[];
}

interface CacheFile {
  format: string;
  key: string;
  run: CachedRun;
}

export const sha256 = (s: string | Buffer): string => createHash('sha256').update(s).digest('hex');

/** The key of a run: every input that can change its findings. */
export function runKey(parts: {
  version: string;
  options: unknown;
  configs: { file: string; text: string }[];
  files: { file: string; hash: string }[];
}): string {
  return sha256(JSON.stringify([FORMAT, parts.version, parts.options, parts.configs, parts.files]));
}

export function readCache(file: string, key: string): CachedRun | undefined {
  try {
    const st = statSync(file);
    if (!st.isFile() || st.size > MAX_CACHE_BYTES) return undefined;
    const c = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile>;
    if (c.format !== FORMAT || c.key !== key || !c.run || !Array.isArray(c.run.diags) || !Array.isArray(c.run.files)) return undefined;
    return c.run;
  } catch {
    return undefined;
  }
}

/** Write the cache (atomically: a reader never sees half a file). A failure is the caller's to report. */
export function writeCache(file: string, key: string, run: CachedRun): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const body: CacheFile = { format: FORMAT, key, run };
  try {
    writeFileSync(tmp, JSON.stringify(body) + '\n', { flag: 'w' });
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* nothing to clean */
    }
    throw e;
  }
}
