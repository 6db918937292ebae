import { renameSync, writeFileSync, statSync, chmodSync, unlinkSync, realpathSync } from 'node:fs';
import { ReadError, readSpecOrThrow, type Loaded } from '../host/read-spec.js';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintTexts } from '../core/lint/pipeline.js';
import { applyEdits } from '../core/fix/apply.js';
import type { Finding, Fix, TextEdit } from '../core/rules/types.js';
import { ConfigResolver, expandPaths, MAX_CONFIG_BYTES, toPosix } from '../host/files.js';
import { readGuardedSync, utf8Text } from '../host/read.js';
import { parseArgs, UsageError } from './args.js';
import { fileText, toCli, type FileLines, type LocatedFinding } from './report.js';
import { lintFiles } from './batch.js';
import { positionIn } from '../core/text/line-index.js';
import type { QualspecConfig } from '../core/config/config.js';
import { stylish } from './formatters/stylish.js';
import { json } from './formatters/json.js';
import { sarif } from './formatters/sarif.js';
import { github } from './formatters/github.js';

export interface Io {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
  version: string;
  docsBase: string;
  /** The CLI bundle, for worker threads (see batch.ts); without it every file is checked in this thread. */
  workerScript?: string;
}

/** A baseline of a million findings is under 100 MB of JSON; anything larger is not one. */
const MAX_BASELINE_BYTES = 256 * 1024 * 1024;

export const LINT_HELP = `Usage: qualspec lint [paths or globs…] [options]

Checks qualification spec files. A directory means every YAML file under it; no path means the
spec files that .qualspec.yaml (or the default patterns) names under the current directory.

Options:
  --format <name>       stylish (default), json, sarif or github
  --output <file>       write the report to a file instead of standard output
  --max-warnings <n>    also fail (exit 1) when there are more than n warnings
  --fix                 apply the fixes that are unambiguous, then report what is left
  --baseline <file>     report only findings not recorded in the baseline file
  --update-baseline     record the current findings in the --baseline file and exit 0
  --quiet               report errors only
  --jobs <n>            threads to check files on (default: one per processor core)
  --no-color            plain output even on a terminal
  -h, --help            show this help

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 bad usage or a file that cannot be read.
`;

/**
 * Write a file atomically: a temp file beside it (created exclusively, with a name no other run
 * uses), then rename over the original. A symbolic link is followed, so the link stays a link. On
 * any error the original is untouched and only a temp file this call created is removed.
 */
function writeAtomic(file: string, text: string): void {
  const real = realpathSync(file);
  const tmp = path.join(path.dirname(real), `.${path.basename(real)}.qualspec-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let created = false;
  try {
    const mode = statSync(real).mode;
    writeFileSync(tmp, text, { encoding: 'utf8', flag: 'wx' });
    created = true;
    chmodSync(tmp, mode & 0o7777);
    renameSync(tmp, real);
  } catch (e) {
    if (created) {
      try {
        unlinkSync(tmp);
      } catch {
        /* nothing to clean */
      }
    }
    throw e;
  }
}

/**
 * The safe fixes of a file's findings that can be applied together: each fix whole or not at all
 * (a fix of several edits is never half applied), the first of two overlapping fixes winning.
 */
function safeEdits(findings: readonly Finding[]): { edits: TextEdit[]; fixes: number } {
  const taken: TextEdit[] = [];
  const seen = new Set<Fix>();
  let fixes = 0;
  const overlaps = (a: TextEdit, b: TextEdit) =>
    (a.span.start < b.span.end && b.span.start < a.span.end) || (a.span.start === b.span.start && (a.span.start === a.span.end || b.span.start === b.span.end));
  for (const f of findings) {
    const fix = f.fixes.find((x) => x.safe && x.edits.length > 0);
    if (!fix || seen.has(fix)) continue;
    seen.add(fix);
    if (fix.edits.some((e, i) => fix.edits.some((o, j) => j < i && overlaps(e, o)))) continue;
    if (fix.edits.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    taken.push(...fix.edits);
    fixes++;
  }
  return { edits: taken, fixes };
}

/**
 * --fix: read every file, lint them together, apply the safe fixes, write the files back and lint
 * again (up to five rounds, as one fix can make another possible). Returns the exit code when a
 * file cannot be read or written.
 */
function fixFiles(
  files: readonly string[],
  io: Io,
  configFor: (uri: string) => QualspecConfig,
  fixedCounts: Map<string, number>,
): { loaded: Loaded[]; results: Map<string, Finding[]> } | number {
  const loaded: Loaded[] = files.map((f) => readSpecOrThrow(f, io.cwd));
  // A file that is not UTF-8 text says so, where the first bad byte is (its read notice, reported as a YAML syntax problem).
  const lintAll = (): Map<string, Finding[]> => lintTexts(loaded, configFor);
  let results = lintAll();
  for (let pass = 0; pass < 5; pass++) {
    let changed = false;
    for (const l of loaded) {
      const { edits, fixes } = safeEdits(results.get(l.uri) ?? []);
      if (!edits.length) continue;
      if (l.notice) {
        // Writing back decoded text would turn every byte that is not UTF-8 into U+FFFD.
        if (pass === 0) io.stderr(`qualspec: not fixing ${l.rel}: it is not UTF-8 text\n`);
        continue;
      }
      const { text, applied } = applyEdits(l.text, edits);
      if (!applied.length || text === l.text) continue;
      try {
        writeAtomic(l.abs, (l.bom ? '\uFEFF' : '') + text);
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        io.stderr(`qualspec: cannot write ${l.rel}: ${err.code ? `${err.code}: ` : ''}${err.message}. The file is unchanged.\n`);
        return 2;
      }
      l.text = text;
      fixedCounts.set(l.rel, (fixedCounts.get(l.rel) ?? 0) + fixes);
      changed = true;
    }
    if (!changed) break;
    results = lintAll();
  }
  return { loaded, results };
}

export async function runLint(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv, {
    flags: ['fix', 'quiet', 'no-color', 'help', 'update-baseline', 'color'],
    options: ['format', 'output', 'max-warnings', 'baseline', 'jobs'],
  });
  if (args.flags.get('help')) {
    io.stdout(LINT_HELP);
    return 0;
  }
  const format = String(args.flags.get('format') ?? 'stylish');
  if (!['stylish', 'json', 'sarif', 'github'].includes(format)) throw new UsageError(`unknown --format '${format}': use stylish, json, sarif or github`);
  const maxWarningsRaw = args.flags.get('max-warnings');
  const maxWarnings = maxWarningsRaw === undefined ? undefined : Number(maxWarningsRaw);
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0))
    throw new UsageError(`--max-warnings needs a whole number, not '${String(maxWarningsRaw)}'`);
  const jobsRaw = args.flags.get('jobs');
  const jobs = jobsRaw === undefined ? undefined : Number(jobsRaw);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) throw new UsageError(`--jobs needs a whole number of 1 or more, not '${String(jobsRaw)}'`);
  const baselineFile = args.flags.get('baseline');
  if (args.flags.get('update-baseline') && typeof baselineFile !== 'string') throw new UsageError('--update-baseline needs --baseline <file>');

  const configs = new ConfigResolver(io.cwd);
  const { files, missing } = expandPaths(args.positionals, io.cwd, configs);
  if (missing.length) {
    io.stderr(`qualspec: no such file or directory, or no file matches: ${missing.join(', ')}\n`);
    return 2;
  }
  if (files.length === 0) {
    io.stderr('qualspec: no spec files found (give a path, or set "specs" in .qualspec.yaml)\n');
    return 2;
  }

  const configFor = (uri: string) => configs.forFile(fileURLToPath(uri)).config;
  const texts = new Map<string, FileLines>();
  let rels: string[];
  let findings: LocatedFinding[];
  const fixedCounts = new Map<string, number>();
  try {
    if (args.flags.get('fix')) {
      const fixed = fixFiles(files, io, configFor, fixedCounts);
      if (typeof fixed === 'number') return fixed;
      for (const l of fixed.loaded) texts.set(l.uri, fileText(l.rel, l.text));
      rels = fixed.loaded.map((l) => l.rel);
      findings = fixed.loaded.flatMap((l) => fixed.results.get(l.uri) ?? []);
    } else {
      // Checking only: no text is kept (batch.ts), which is what lets CI lint a thousand files in little memory.
      const batch = await lintFiles(files, { cwd: io.cwd, configs, ...(jobs ? { jobs } : {}), ...(io.workerScript ? { workerScript: io.workerScript } : {}) });
      for (const f of batch.files) {
        const l = batch.lines.get(f.uri)!;
        texts.set(f.uri, { file: f.rel, positionAt: (o) => positionIn(l.starts, l.length, o) });
      }
      rels = batch.files.map((f) => f.rel);
      findings = batch.files.flatMap((f) => batch.findings.get(f.uri) ?? []);
    }
  } catch (e) {
    if (!(e instanceof ReadError)) throw e;
    io.stderr(`qualspec: cannot read ${toPosix(path.relative(io.cwd, e.abs))}: ${e.code}\n`);
    return 2;
  }

  // Problems in the configuration files themselves.
  const configFindings: Finding[] = [];
  for (const c of configs.loaded()) {
    if (!c.problems.length || !c.file) continue;
    const read = readGuardedSync(c.file, { maxBytes: MAX_CONFIG_BYTES });
    const text = read.ok ? utf8Text(read.bytes) : '';
    texts.set(c.problems[0]!.uri, fileText(toPosix(path.relative(io.cwd, c.file)), text));
    configFindings.push(...c.problems);
  }
  let diags = toCli([...configFindings, ...findings], texts);

  if (typeof baselineFile === 'string') {
    const bpath = path.resolve(io.cwd, baselineFile);
    if (args.flags.get('update-baseline')) {
      const body = {
        version: 1,
        tool: 'qualspec',
        note: 'Findings accepted when this baseline was recorded; `qualspec lint --baseline` reports only findings not listed here.',
        fingerprints: [...new Set(diags.map((d) => d.fingerprint))].sort(),
        findings: diags.map((d) => ({ file: d.file, rule: d.rule, message: d.message, fingerprint: d.fingerprint })),
      };
      writeFileSync(bpath, JSON.stringify(body, null, 2) + '\n');
      io.stdout(`Recorded ${diags.length} finding${diags.length === 1 ? '' : 's'} in ${toPosix(path.relative(io.cwd, bpath))}.\n`);
      return 0;
    }
    let known: Set<string>;
    try {
      const read = readGuardedSync(bpath, { maxBytes: MAX_BASELINE_BYTES });
      if (!read.ok) throw new Error(read.message);
      const b = JSON.parse(utf8Text(read.bytes)) as { fingerprints?: unknown };
      if (!Array.isArray(b.fingerprints)) throw new Error('it has no "fingerprints" list');
      known = new Set(b.fingerprints.map(String));
    } catch (e) {
      io.stderr(`qualspec: cannot use the baseline ${baselineFile}: ${(e as Error).message}\n`);
      return 2;
    }
    diags = diags.filter((d) => !known.has(d.fingerprint));
  }
  if (args.flags.get('quiet')) diags = diags.filter((d) => d.severity === 'error');

  let out: string;
  if (format === 'json') out = json(diags, rels);
  else if (format === 'sarif') out = sarif(diags, io.version, io.docsBase);
  else if (format === 'github') out = github(diags);
  else out = stylish(diags, rels, !args.flags.get('no-color') && (io.isTTY || Boolean(args.flags.get('color'))));
  if (fixedCounts.size && format === 'stylish') {
    out = [...fixedCounts].map(([f, n]) => `Fixed ${n} problem${n === 1 ? '' : 's'} in ${f}.\n`).join('') + out;
  } else if (fixedCounts.size) {
    for (const [f, n] of fixedCounts) io.stderr(`qualspec: fixed ${n} problem${n === 1 ? '' : 's'} in ${f}\n`);
  }
  const output = args.flags.get('output');
  if (typeof output === 'string') writeFileSync(path.resolve(io.cwd, output), out);
  else io.stdout(out);
  const errors = diags.filter((d) => d.severity === 'error').length;
  const warnings = diags.filter((d) => d.severity === 'warning').length;
  return errors > 0 || (maxWarnings !== undefined && warnings > maxWarnings) ? 1 : 0;
}
