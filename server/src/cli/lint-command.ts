import { readFileSync, renameSync, writeFileSync, statSync, chmodSync, unlinkSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { analyseFile, analyseWorkspace, sortFindings } from '../core/lint/engine.js';
import { WorkspaceIndex } from '../core/workspace/index.js';
import { applyEdits } from '../core/fix/apply.js';
import type { Finding, TextEdit } from '../core/rules/types.js';
import { LineIndex } from '../core/text/line-index.js';
import { ConfigResolver, expandPaths, toPosix } from '../host/files.js';
import { parseArgs, UsageError } from './args.js';
import { toCli, type FileText } from './report.js';
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
}

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
  --no-color            plain output even on a terminal
  -h, --help            show this help

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 bad usage or a file that cannot be read.
`;

interface Loaded {
  abs: string;
  rel: string;
  uri: string;
  text: string;
}

function readSpec(abs: string, cwd: string): Loaded {
  const buf = readFileSync(abs);
  // Decode as UTF-8; invalid bytes become U+FFFD and are reported by the checks as text problems.
  let text = buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { abs, rel: toPosix(path.relative(cwd, abs)) || path.basename(abs), uri: pathToFileURL(abs).href, text };
}

/** Write a file atomically: a temp file beside it, then rename. The original is never truncated. */
function writeAtomic(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.qualspec-${process.pid}.tmp`);
  try {
    const mode = statSync(file).mode;
    writeFileSync(tmp, text, { encoding: 'utf8', flag: 'wx' });
    chmodSync(tmp, mode & 0o7777);
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

export function runLint(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv, { flags: ['fix', 'quiet', 'no-color', 'help', 'update-baseline', 'color'], options: ['format', 'output', 'max-warnings', 'baseline'] });
  if (args.flags.get('help')) {
    io.stdout(LINT_HELP);
    return 0;
  }
  const format = String(args.flags.get('format') ?? 'stylish');
  if (!['stylish', 'json', 'sarif', 'github'].includes(format)) throw new UsageError(`unknown --format '${format}': use stylish, json, sarif or github`);
  const maxWarningsRaw = args.flags.get('max-warnings');
  const maxWarnings = maxWarningsRaw === undefined ? undefined : Number(maxWarningsRaw);
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) throw new UsageError(`--max-warnings needs a whole number, not '${String(maxWarningsRaw)}'`);
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

  const loaded: Loaded[] = [];
  for (const f of files) {
    try {
      loaded.push(readSpec(f, io.cwd));
    } catch (e) {
      io.stderr(`qualspec: cannot read ${toPosix(path.relative(io.cwd, f))}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 2;
    }
  }

  const configFor = (uri: string) => configs.forFile(fileURLToPath(uri)).config;
  const lintAll = (): Map<string, Finding[]> => {
    const index = new WorkspaceIndex();
    const results = new Map<string, Finding[]>();
    const needsSecondPass: Loaded[] = [];
    for (const l of loaded) {
      const a = analyseFile(l.uri, l.text, { index, config: configFor(l.uri) });
      results.set(l.uri, a.findings);
      // Checks that look units up in other files (award totals, pools) may have missed a file not yet indexed.
      if (a.model.qualifications.some((q) => q.units.some((m) => m.ref && !a.model.unitsByRef.has(m.ref)) || (q.pool?.units?.items ?? []).some((i) => i.value && !a.model.unitsByRef.has(i.value)))) needsSecondPass.push(l);
    }
    for (const l of needsSecondPass) results.set(l.uri, analyseFile(l.uri, l.text, { index, config: configFor(l.uri), updateIndex: false }).findings);
    for (const [uri, ws] of analyseWorkspace(index, configFor)) results.set(uri, sortFindings([...(results.get(uri) ?? []), ...ws]));
    return results;
  };

  let results = lintAll();
  const fixedCounts = new Map<string, number>();
  if (args.flags.get('fix')) {
    for (let pass = 0; pass < 5; pass++) {
      let changed = false;
      for (const l of loaded) {
        const edits: TextEdit[] = [];
        for (const f of results.get(l.uri) ?? []) {
          const fix = f.fixes.find((x) => x.safe && x.edits.length > 0);
          if (fix) edits.push(...fix.edits);
        }
        if (!edits.length) continue;
        const { text, applied } = applyEdits(l.text, edits);
        if (!applied.length || text === l.text) continue;
        try {
          writeAtomic(l.abs, text);
        } catch (e) {
          io.stderr(`qualspec: cannot write ${l.rel}: ${(e as Error).message}\n`);
          return 2;
        }
        l.text = text;
        fixedCounts.set(l.rel, (fixedCounts.get(l.rel) ?? 0) + applied.length);
        changed = true;
      }
      if (!changed) break;
      results = lintAll();
    }
  }

  const texts = new Map<string, FileText>(loaded.map((l) => [l.uri, { file: l.rel, text: l.text, lines: new LineIndex(l.text) }]));
  // Problems in the configuration files themselves.
  const configFindings: Finding[] = [];
  for (const c of configs.loaded()) {
    if (!c.problems.length || !c.file) continue;
    const text = (() => {
      try {
        return readFileSync(c.file, 'utf8');
      } catch {
        return '';
      }
    })();
    texts.set(c.problems[0]!.uri, { file: toPosix(path.relative(io.cwd, c.file)), text, lines: new LineIndex(text) });
    configFindings.push(...c.problems);
  }
  let diags = toCli([...configFindings, ...loaded.flatMap((l) => results.get(l.uri) ?? [])], texts);

  if (typeof baselineFile === 'string') {
    const bpath = path.resolve(io.cwd, baselineFile);
    if (args.flags.get('update-baseline')) {
      const body = { version: 1, tool: 'qualspec', note: 'Findings accepted when this baseline was recorded; `qualspec lint --baseline` reports only findings not listed here.', fingerprints: [...new Set(diags.map((d) => d.fingerprint))].sort(), findings: diags.map((d) => ({ file: d.file, rule: d.rule, message: d.message, fingerprint: d.fingerprint })) };
      writeFileSync(bpath, JSON.stringify(body, null, 2) + '\n');
      io.stdout(`Recorded ${diags.length} finding${diags.length === 1 ? '' : 's'} in ${toPosix(path.relative(io.cwd, bpath))}.\n`);
      return 0;
    }
    let known: Set<string>;
    try {
      const b = JSON.parse(readFileSync(bpath, 'utf8')) as { fingerprints?: unknown };
      if (!Array.isArray(b.fingerprints)) throw new Error('it has no "fingerprints" list');
      known = new Set(b.fingerprints.map(String));
    } catch (e) {
      io.stderr(`qualspec: cannot use the baseline ${baselineFile}: ${(e as Error).message}\n`);
      return 2;
    }
    diags = diags.filter((d) => !known.has(d.fingerprint));
  }
  if (args.flags.get('quiet')) diags = diags.filter((d) => d.severity === 'error');

  const rels = loaded.map((l) => l.rel);
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
