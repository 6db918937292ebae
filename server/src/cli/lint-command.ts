import { readFileSync, renameSync, writeFileSync, statSync, chmodSync, unlinkSync, realpathSync } from 'node:fs';
import { ReadError, readSpecOrThrow, type Loaded } from '../host/read-spec.js';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { lintTexts } from '../core/lint/pipeline.js';
import { applyEdits } from '../core/fix/apply.js';
import type { Finding, Fix, TextEdit } from '../core/rules/types.js';
import { expandPaths, toPosix } from '../host/files.js';
import { matchesAny } from '../core/config/config.js';
import { RULES_BY_ID } from '../core/rules/index.js';
import { configResolver, readConfigText } from './config-file.js';
import { unifiedDiff } from './diff.js';
import { DEFAULT_CACHE_FILE, readCache, runKey, sha256, writeCache } from './cache.js';
import { parseArgs, UsageError } from './args.js';
import { fileText, toCli, type CliDiagnostic, type FileLines, type LocatedFinding } from './report.js';
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
  /** Colour by default: a terminal, or FORCE_COLOR / NO_COLOR (see colorByDefault); --color and --no-color override it. */
  isTTY: boolean;
  version: string;
  /** The folder of the rule pages (docs/rules), embedded as each rule's help in SARIF. */
  docsDir?: string;
  /**
   * @deprecated Not used: SARIF links the rule pages only for a public URL given with --docs-url (a
   * file:// URL is dead anywhere but this machine). Kept so that older callers still compile.
   */
  docsBase?: string;
  /** The CLI bundle, for worker threads (see batch.ts); without it every file is checked in this thread. */
  workerScript?: string;
  /** Standard input's text (for `-`); without it `-` is refused. */
  readStdin?: () => Promise<string>;
}

/**
 * Whether to colour without --color / --no-color: FORCE_COLOR (any value but 0 or false) turns it on,
 * NO_COLOR (any non-empty value, no-color.org) off, and otherwise a terminal gets colour.
 */
export function colorByDefault(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  if (env.NO_COLOR) return false;
  return isTTY;
}

export const LINT_HELP = `Usage: qualspec lint [paths or globs…] [options]

Checks qualification spec files. A directory means every YAML file under it; no path means the
spec files that .qualspec.yaml (or the default patterns) names under the current directory;
- means standard input.

Options:
  --format <name>            stylish (default), json, sarif or github
  -o, --output-file <file>   write the report to a file (its folder must exist); also --output
  -c, --config <file>        use this configuration file for every spec, instead of the
                             .qualspec.yaml found upward from each
  --print-config <file>      print the configuration that applies to a file, as JSON, and exit
  --max-warnings <n>         also fail (exit 1) when there are more than n warnings
  --fix                      apply the fixes that are unambiguous, then report what is left
  --fix-dry-run              print what --fix would change (a diff), without writing anything
  --baseline <file>          report only findings not recorded in the baseline file
  --update-baseline          record the current findings in the --baseline file and exit 0
  --cache                    answer from the cache when no spec or configuration changed
  --cache-location <file>    the cache file (default: ${DEFAULT_CACHE_FILE} in the current folder)
  --stdin-filename <name>    the file name standard input is checked as (its .qualspec.yaml applies)
  --docs-url <url>           public URL of the rule pages, for links in SARIF (helpUri)
  --quiet                    report errors only
  --jobs <n>                 threads to check files on (default: one per processor core)
  --color, --no-color        force colour on or off (default: on for a terminal; FORCE_COLOR
                             and NO_COLOR are honoured)
  -h, --help                 show this help

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 bad usage or a file that cannot be
read or written.
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
 * Why --fix must not replace a file, or undefined when it may. The policy is the file's own mode
 * and owner, not what the process could do: root may write a file of mode 0444 and the atomic
 * rename would replace anyone's file, but a read-only file, or one that belongs to someone else,
 * says it is not to be rewritten by this run.
 */
export function mayNotWrite(file: string): string | undefined {
  let st: import('node:fs').Stats;
  try {
    st = statSync(file);
  } catch (e) {
    return writeErrorReason(e, file);
  }
  if ((st.mode & 0o222) === 0) return `it is read-only (mode ${(st.mode & 0o777).toString(8).padStart(4, '0')}); make it writable to fix it`;
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  if (uid !== undefined && st.uid !== uid) return `it belongs to another user (uid ${st.uid}, this run is uid ${uid})`;
  if ((st.mode & 0o200) === 0) return `its owner may not write it (mode ${(st.mode & 0o777).toString(8).padStart(4, '0')})`;
  return undefined;
}

/** A write error in plain words, one line: what went wrong, not the stack. */
export function writeErrorReason(e: unknown, file: string): string {
  const err = e as NodeJS.ErrnoException;
  const dir = path.dirname(file);
  switch (err.code) {
    case 'ENOENT':
      return `the folder ${dir} does not exist (create it first)`;
    case 'ENOTDIR':
      return `a part of ${dir} is a file, not a folder`;
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return `${err.code ? `${err.code}: ` : ''}${String(err.message ?? e).split('\n')[0]}`;
  }
}

/** Write a report or baseline, creating no folder: a missing one is a one-line message. */
function writeOut(file: string, text: string, what: string, io: Io): boolean {
  try {
    writeFileSync(file, text);
    return true;
  } catch (e) {
    io.stderr(`qualspec: cannot write the ${what} to ${toPosix(path.relative(io.cwd, file)) || file}: ${writeErrorReason(e, file)}\n`);
    return false;
  }
}

/** Baselines larger than this are refused unread (one of 10,000 findings is about 2 MB). */
const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

/** A baseline's fingerprints; a device, a pipe or a huge file is refused before any read. */
function readBaseline(file: string): Set<string> {
  const st = statSync(file);
  if (!st.isFile()) throw new Error('it is not a regular file');
  if (st.size > MAX_BASELINE_BYTES) throw new Error(`it is ${Math.round(st.size / (1024 * 1024))} MB, far larger than a baseline`);
  const b = JSON.parse(readFileSync(file, 'utf8')) as { fingerprints?: unknown };
  if (!Array.isArray(b.fingerprints)) throw new Error('it has no "fingerprints" list');
  return new Set(b.fingerprints.map(String));
}

/** Standard input larger than this is refused (like a file: the largest real spec is 0.3 MB). */
export const MAX_STDIN_BYTES = 64 * 1024 * 1024;

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
  loaded: Loaded[],
  io: Io,
  configFor: (uri: string) => QualspecConfig,
  fixedCounts: Map<string, number>,
  write: boolean,
): { loaded: Loaded[]; results: Map<string, Finding[]> } | number {
  // A file that is not UTF-8 text says so, where the first bad byte is (its read notice, reported as a YAML syntax problem).
  const lintAll = (): Map<string, Finding[]> => lintTexts(loaded, configFor);
  let results = lintAll();
  for (let pass = 0; pass < 5; pass++) {
    let changed = false;
    const planned: { l: Loaded; text: string; fixes: number }[] = [];
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
      planned.push({ l, text, fixes });
    }
    // Every file this pass changes may be written, or none is.
    if (write) {
      const refused = planned.map((p) => ({ p, why: mayNotWrite(p.l.abs) })).filter((x) => x.why);
      for (const { p, why } of refused) io.stderr(`qualspec: not fixing ${p.l.rel}: ${why}. No file was changed by this pass.\n`);
      if (refused.length) return 2;
    }
    for (const { l, text, fixes } of planned) {
      if (write) {
        try {
          writeAtomic(l.abs, (l.bom ? '\uFEFF' : '') + text);
        } catch (e) {
          const err = e as NodeJS.ErrnoException;
          io.stderr(`qualspec: cannot write ${l.rel}: ${err.code ? `${err.code}: ` : ''}${String(err.message).split('\n')[0]}. The file is unchanged.\n`);
          return 2;
        }
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
    flags: ['fix', 'fix-dry-run', 'quiet', 'no-color', 'help', 'update-baseline', 'color', 'cache'],
    options: ['format', 'output', 'output-file', 'max-warnings', 'baseline', 'jobs', 'config', 'print-config', 'cache-location', 'stdin-filename', 'docs-url'],
    aliases: { o: 'output-file', c: 'config' },
  });
  if (args.flags.get('help')) {
    io.stdout(LINT_HELP);
    return 0;
  }
  const opt = (name: string): string | undefined => {
    const v = args.flags.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const flag = (name: string) => args.flags.get(name) === true;
  const format = opt('format') ?? 'stylish';
  if (!['stylish', 'json', 'sarif', 'github'].includes(format)) throw new UsageError(`unknown --format '${format}': use stylish, json, sarif or github`);
  const maxWarningsRaw = opt('max-warnings');
  const maxWarnings = maxWarningsRaw === undefined ? undefined : Number(maxWarningsRaw);
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0))
    throw new UsageError(`--max-warnings needs a whole number, not '${maxWarningsRaw}'`);
  const jobsRaw = opt('jobs');
  const jobs = jobsRaw === undefined ? undefined : Number(jobsRaw);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) throw new UsageError(`--jobs needs a whole number of 1 or more, not '${jobsRaw}'`);
  const baselineFile = opt('baseline');
  if (flag('update-baseline') && baselineFile === undefined) throw new UsageError('--update-baseline needs --baseline <file>');
  if (opt('output') !== undefined && opt('output-file') !== undefined) throw new UsageError('give --output-file (-o) once');
  const output = opt('output-file') ?? opt('output');
  if (flag('fix') && flag('fix-dry-run')) throw new UsageError('give --fix or --fix-dry-run, not both');
  if (flag('color') && flag('no-color')) throw new UsageError('give --color or --no-color, not both');
  const docsUrl = opt('docs-url');
  if (docsUrl !== undefined && !/^https?:\/\/[^/\s]+/i.test(docsUrl)) throw new UsageError(`--docs-url needs a web address (https://…), not '${docsUrl}'`);
  const stdinName = opt('stdin-filename');
  const useStdin = args.positionals.includes('-') || (stdinName !== undefined && args.positionals.length === 0);
  if (useStdin && args.positionals.some((p) => p !== '-')) throw new UsageError('- (standard input) cannot be combined with file paths');
  if (!useStdin && stdinName !== undefined) throw new UsageError('--stdin-filename names standard input: give - as the path');
  if (useStdin && flag('fix')) throw new UsageError('--fix cannot write standard input back: use --fix-dry-run to see the changes');
  const configFile = opt('config');
  if (configFile !== undefined) {
    try {
      readConfigText(path.resolve(io.cwd, configFile));
    } catch (e) {
      io.stderr(
        `qualspec: cannot read the configuration ${configFile}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}\n`,
      );
      return 2;
    }
  }
  const configs = configResolver(io.cwd, configFile);

  const printConfig = opt('print-config');
  if (printConfig !== undefined) return printConfigFor(printConfig, io, configs);

  const fixing = flag('fix') || flag('fix-dry-run');
  let files: string[] = [];
  const stdinLoaded: Loaded[] = [];
  if (useStdin) {
    if (!io.readStdin) throw new UsageError('standard input cannot be read here');
    const abs = path.resolve(io.cwd, stdinName ?? '<stdin>');
    let text = await io.readStdin();
    const bom = text.charCodeAt(0) === 0xfeff;
    if (bom) text = text.slice(1);
    stdinLoaded.push({ abs, rel: stdinName ? toPosix(path.relative(io.cwd, abs)) || path.basename(abs) : '<stdin>', uri: pathToFileURL(abs).href, text, bom });
  } else {
    const expanded = expandPaths(args.positionals, io.cwd, configs);
    if (expanded.missing.length) {
      io.stderr(`qualspec: no such file or directory, or no file matches: ${expanded.missing.join(', ')}\n`);
      return 2;
    }
    files = expanded.files;
    if (files.length === 0) {
      io.stderr('qualspec: no spec files found (give a path, or set "specs" in .qualspec.yaml)\n');
      return 2;
    }
  }

  const configFor = (uri: string) => configs.forFile(fileURLToPath(uri)).config;
  const texts = new Map<string, FileLines>();
  let rels: string[] = [];
  let findings: LocatedFinding[] = [];
  let diags: CliDiagnostic[] | undefined;
  const fixedCounts = new Map<string, number>();
  const diffs: string[] = [];
  // --cache: the key of this run's inputs, and the stored report when they are unchanged.
  const cacheFile = flag('cache') && !useStdin ? path.resolve(io.cwd, opt('cache-location') ?? DEFAULT_CACHE_FILE) : undefined;
  let cacheKey: string | undefined;
  try {
    if (cacheFile && !fixing) {
      const hashed = files.map((f) => {
        const l = readSpecOrThrow(f, io.cwd);
        return { file: l.rel, hash: sha256((l.bom ? '\uFEFF' : '') + l.text + (l.notice ? `\u0000${l.notice.message}` : '')) };
      });
      for (const f of files) configs.forFile(f);
      const configTexts = configs.loaded().map((c) => ({ file: c.file ?? '', text: c.file ? safeRead(c.file) : '' }));
      cacheKey = runKey({ version: io.version, options: { cwd: io.cwd }, configs: configTexts, files: hashed });
      const hit = readCache(cacheFile, cacheKey);
      if (hit) {
        rels = hit.files;
        diags = hit.diags;
      }
    }
    if (diags) {
      /* answered from the cache */
    } else if (fixing || useStdin) {
      const loaded = useStdin ? stdinLoaded : files.map((f) => readSpecOrThrow(f, io.cwd));
      const before = new Map(loaded.map((l) => [l.uri, l.text]));
      const fixed = fixing ? fixFiles(loaded, io, configFor, fixedCounts, flag('fix')) : { loaded, results: lintTexts(loaded, configFor) };
      if (typeof fixed === 'number') return fixed;
      for (const l of fixed.loaded) {
        texts.set(l.uri, fileText(l.rel, l.text));
        if (flag('fix-dry-run')) diffs.push(unifiedDiff(l.rel, before.get(l.uri)!, l.text));
      }
      rels = fixed.loaded.map((l) => l.rel);
      findings = fixed.loaded.flatMap((l) => fixed.results.get(l.uri) ?? []);
    } else {
      // Checking only: no text is kept (batch.ts), which is what lets CI lint a thousand files in little memory.
      const batch = await lintFiles(files, {
        cwd: io.cwd,
        configs,
        ...(jobs ? { jobs } : {}),
        ...(io.workerScript ? { workerScript: io.workerScript } : {}),
        ...(configFile ? { configFile: path.resolve(io.cwd, configFile) } : {}),
      });
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

  if (!diags) {
    // Problems in the configuration files themselves.
    const configFindings: Finding[] = [];
    for (const c of configs.loaded()) {
      if (!c.problems.length || !c.file) continue;
      texts.set(c.problems[0]!.uri, fileText(toPosix(path.relative(io.cwd, c.file)), safeRead(c.file)));
      configFindings.push(...c.problems);
    }
    diags = toCli([...configFindings, ...findings], texts);
    if (cacheFile && cacheKey) {
      try {
        writeCache(cacheFile, cacheKey, { files: rels, diags });
      } catch (e) {
        // The report is still right; only the next run is not faster.
        io.stderr(`qualspec: cannot write the cache ${toPosix(path.relative(io.cwd, cacheFile))}: ${writeErrorReason(e, cacheFile)}\n`);
      }
    }
  }

  if (baselineFile !== undefined) {
    const bpath = path.resolve(io.cwd, baselineFile);
    if (flag('update-baseline')) {
      const body = {
        version: 1,
        tool: 'qualspec',
        note: 'Findings accepted when this baseline was recorded; `qualspec lint --baseline` reports only findings not listed here.',
        fingerprints: [...new Set(diags.map((d) => d.fingerprint))].sort(),
        findings: diags.map((d) => ({ file: d.file, rule: d.rule, message: d.message, fingerprint: d.fingerprint })),
      };
      if (!writeOut(bpath, JSON.stringify(body, null, 2) + '\n', 'baseline', io)) return 2;
      io.stdout(`Recorded ${diags.length} finding${diags.length === 1 ? '' : 's'} in ${toPosix(path.relative(io.cwd, bpath))}.\n`);
      return 0;
    }
    let known: Set<string>;
    try {
      known = readBaseline(bpath);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      io.stderr(`qualspec: cannot use the baseline ${baselineFile}: ${err.code === 'ENOENT' ? 'no such file' : String(err.message).split('\n')[0]}\n`);
      return 2;
    }
    diags = diags.filter((d) => !known.has(d.fingerprint));
  }
  if (flag('quiet')) diags = diags.filter((d) => d.severity === 'error');

  const color = flag('no-color') ? false : flag('color') ? true : output === undefined && io.isTTY;
  let out: string;
  if (format === 'json') out = json(diags, rels);
  else if (format === 'sarif') out = sarif(diags, { version: io.version, cwd: io.cwd, ...(docsUrl ? { docsUrl } : {}), ruleDoc: ruleDocs(io.docsDir) });
  else if (format === 'github') out = github(diags);
  else out = stylish(diags, rels, color);
  const verb = flag('fix-dry-run') ? 'Would fix' : 'Fixed';
  if (fixedCounts.size && format === 'stylish') {
    out = [...fixedCounts].map(([f, n]) => `${verb} ${n} problem${n === 1 ? '' : 's'} in ${f}.\n`).join('') + out;
  } else if (fixedCounts.size) {
    for (const [f, n] of fixedCounts) io.stderr(`qualspec: ${verb.toLowerCase()} ${n} problem${n === 1 ? '' : 's'} in ${f}\n`);
  }
  // --fix-dry-run: the diff comes first; with a machine-read format it goes to standard error, so the report stays parseable.
  const diffText = diffs.join('');
  if (diffText && format === 'stylish') out = diffText + '\n' + out;
  else if (diffText) io.stderr(diffText);
  if (output !== undefined) {
    if (!writeOut(path.resolve(io.cwd, output), out, 'report', io)) return 2;
  } else io.stdout(out);
  const errors = diags.filter((d) => d.severity === 'error').length;
  const warnings = diags.filter((d) => d.severity === 'warning').length;
  return errors > 0 || (maxWarnings !== undefined && warnings > maxWarnings) ? 1 : 0;
}

function safeRead(file: string): string {
  try {
    return readConfigText(file);
  } catch {
    return '';
  }
}

/** The rule pages, read when SARIF asks for one (and each once). */
function ruleDocs(dir: string | undefined): (id: string) => string | undefined {
  const seen = new Map<string, string | undefined>();
  return (id) => {
    if (!dir || !RULES_BY_ID.has(id)) return undefined;
    if (!seen.has(id)) {
      try {
        seen.set(id, readFileSync(path.join(dir, `${id}.md`), 'utf8'));
      } catch {
        seen.set(id, undefined);
      }
    }
    return seen.get(id);
  };
}

/** --print-config <file>: the configuration that applies to a file, as JSON (exit 2 when that configuration has problems). */
function printConfigFor(file: string, io: Io, configs: ReturnType<typeof configResolver>): number {
  const abs = path.resolve(io.cwd, file);
  const lc = configs.forFile(abs);
  const rel = toPosix(path.relative(lc.root, abs));
  const rules = Object.fromEntries(ALL_RULE_IDS().map((id) => [id, lc.config.rules[id] ?? RULES_BY_ID.get(id)!.meta.severity]));
  const body = {
    file: toPosix(path.relative(io.cwd, abs)) || file,
    config: lc.file ? toPosix(path.relative(io.cwd, lc.file)) || lc.file : null,
    isSpec: matchesAny(rel, lc.config.specs) && !matchesAny(rel, lc.config.exclude),
    specs: lc.config.specs,
    exclude: lc.config.exclude,
    rules,
  };
  io.stdout(JSON.stringify(body, null, 2) + '\n');
  if (lc.problems.length) {
    const lines = fileText(body.config ?? '', lc.file ? safeRead(lc.file) : '');
    for (const p of lc.problems) {
      const at = lines.positionAt(p.span.start);
      io.stderr(`qualspec: ${body.config ?? 'configuration'}:${at.line + 1}:${at.character + 1} ${p.message}\n`);
    }
    return 2;
  }
  return 0;
}

const ALL_RULE_IDS = () => [...RULES_BY_ID.keys()].sort();
