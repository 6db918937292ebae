/**
 * The library API of the `qualspec` npm package (`require('qualspec')` / `import … from 'qualspec'`):
 * the same engine as the CLI, the language server and the editor, as three functions.
 *
 *   lintText(text, options)                 check one spec held in memory
 *   lintFiles(paths, options)               check files and folders as `qualspec lint` does
 *   analyseQualification(text, q, options)  a qualification's rules of combination, analysed
 *
 * Every type the functions take or give is declared in this file, so that dist/api.d.ts stands
 * alone (scripts/build.mjs checks that it imports nothing). Positions are zero-based lines and
 * UTF-16 code-unit columns, as in LSP.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { analyseFile } from './core/lint/engine.js';
import { unreadFindings } from './core/lint/unread.js';
import { lintTexts } from './core/lint/pipeline.js';
import { buildProblem } from './core/combination/from-spec.js';
import { analyse, checkSelection, describeRule } from './core/combination/index.js';
import { WorkspaceIndex } from './core/workspace/index.js';
import { ALL_RULES, RULES_BY_ID } from './core/rules/index.js';
import { DEFAULT_CONFIG, type QualspecConfig } from './core/config/config.js';
import { LineIndex } from './core/text/line-index.js';
import type { Finding } from './core/rules/types.js';
import { ConfigResolver, expandPaths, toPosix } from './host/files.js';
import { ReadError } from './host/read-spec.js';
import { isBatchWorker, lintFiles as lintBatch, runBatchWorker } from './cli/batch.js';
import { positionIn } from './core/text/line-index.js';
import pkg from '../../package.json';

/** The package's version. */
export const version: string = pkg.version;

export type ProblemSeverity = 'error' | 'warning' | 'info';
export type SeverityOption = ProblemSeverity | 'off';

export interface ProblemPosition {
  /** Zero-based line. */
  line: number;
  /** Zero-based column, in UTF-16 code units. */
  character: number;
}

export interface ProblemRange {
  start: ProblemPosition;
  end: ProblemPosition;
}

export interface RelatedLocation {
  uri: string;
  /** Present when the location is in a file of the run (lintFiles) or in the linted text. */
  range?: ProblemRange;
  message: string;
}

export interface Problem {
  /** The rule's stable id (`unknown-key`, `credit-tqt` …), as in `.qualspec.yaml` and suppression comments. */
  rule: string;
  severity: ProblemSeverity;
  /** In plain words, for the people who write the specification. */
  message: string;
  /** The file's URI (`file:///…`, or the `uri` given to lintText). */
  uri: string;
  /** lintFiles: the path relative to `cwd`, '/'-separated. */
  file?: string;
  range: ProblemRange;
  related: RelatedLocation[];
  /** A fix exists that `qualspec lint --fix` applies without asking. */
  fixable: boolean;
}

export interface LintTextOptions {
  /** The URI the text is known by (default `untitled:spec.yaml`); reported in each problem. */
  uri?: string;
  /** Rule severities, as under `rules:` in `.qualspec.yaml`. */
  rules?: Record<string, SeverityOption>;
}

export interface LintFilesOptions {
  /** Where relative paths and `.qualspec.yaml` lookup start (default: process.cwd()). */
  cwd?: string;
  /** Threads to check files on (default: one per processor core; 1 checks everything on this thread). */
  jobs?: number;
}

export interface LintFilesResult {
  /** The spec files checked, relative to `cwd`. */
  files: string[];
  /** Problems in the spec files and in the `.qualspec.yaml` files they use. */
  problems: Problem[];
  errorCount: number;
  warningCount: number;
}

export interface AnalyseOptions {
  /** The URI the text is known by (default `untitled:spec.yaml`). */
  uri?: string;
  /** Other spec texts the qualification may draw units from. */
  workspace?: { uri: string; text: string }[];
  /** Unit refs to check against the rules. */
  select?: string[];
  /** Stop after this many milliseconds (default 60,000). */
  maxMillis?: number;
}

export interface RangeSummary {
  min: number;
  max: number;
}

export interface QualificationAnalysis {
  title?: string;
  qan?: string;
  type?: string;
  rules: { id: string; words: string; text?: string }[];
  /** The rules can be met together. */
  feasible: boolean;
  /** When they cannot: a smallest set of rule ids that together cannot be met. */
  conflict: string[] | null;
  /** Achievable total credit, with an example selection at each end (null when infeasible). */
  credit: (RangeSummary & { minExample: string[]; maxExample: string[] }) | null;
  glh: RangeSummary | null;
  tqt: RangeSummary | null;
  /** The exact number of valid selections. */
  count: bigint;
  /** With `select`: whether the selection meets every rule, and what is missing. */
  selection?: { ok: boolean; missing: string[]; unknownRefs: string[]; rules: { id: string; ok: boolean; reason: string }[] };
}

export interface RuleInfo {
  id: string;
  severity: ProblemSeverity;
  category: string;
  description: string;
  fixable: boolean;
}

/** Every rule, with its default severity and what it checks. */
export const rules: readonly RuleInfo[] = ALL_RULES.map((r) => ({
  id: r.meta.id,
  severity: r.meta.severity,
  category: r.meta.category,
  description: r.meta.description,
  fixable: Boolean(r.meta.fixable),
}));

const DEFAULT_URI = 'untitled:spec.yaml';

function configOf(rulesOption: Record<string, SeverityOption> | undefined): QualspecConfig {
  if (!rulesOption) return DEFAULT_CONFIG;
  for (const [id, sev] of Object.entries(rulesOption)) {
    if (!RULES_BY_ID.has(id)) throw new TypeError(`qualspec: unknown rule '${id}'`);
    if (!['error', 'warning', 'info', 'off'].includes(sev)) throw new TypeError(`qualspec: '${String(sev)}' is not a severity for rule '${id}'`);
  }
  return { ...DEFAULT_CONFIG, rules: { ...rulesOption } };
}

function toProblem(f: Finding, rangeOf: (uri: string, span: { start: number; end: number }) => ProblemRange | undefined, file?: string): Problem {
  const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return {
    rule: f.ruleId,
    severity: f.severity,
    message: f.message,
    uri: f.uri,
    ...(file !== undefined ? { file } : {}),
    range: rangeOf(f.uri, f.span) ?? zero,
    related: f.related.map((r) => {
      const range = rangeOf(r.uri, r.span);
      return { uri: r.uri, message: r.message, ...(range ? { range } : {}) };
    }),
    fixable: f.fixes.some((x) => x.safe),
  };
}

/** Check one spec text. Findings that need other files (unknown units defined elsewhere …) see this text alone. */
export function lintText(text: string, options: LintTextOptions = {}): Problem[] {
  if (typeof text !== 'string') throw new TypeError('qualspec: lintText needs the text of a spec, as a string');
  const uri = options.uri ?? DEFAULT_URI;
  const config = configOf(options.rules);
  const lines = new LineIndex(text);
  const findings = lintTexts([{ uri, text }], () => config).get(uri) ?? [];
  return findings.map((f) => toProblem(f, (u, s) => (u === uri ? { start: lines.positionAt(s.start), end: lines.positionAt(s.end) } : undefined)));
}

/**
 * Check spec files as `qualspec lint <paths>` does: a folder means the YAML files under it, a glob
 * is matched under `cwd`, no path means the files `.qualspec.yaml` (or the default patterns) names.
 * Rejects with an Error whose message names the file when a path is missing or cannot be read.
 */
export async function lintFiles(paths: readonly string[] = [], options: LintFilesOptions = {}): Promise<LintFilesResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const configs = new ConfigResolver(cwd);
  const { files, missing } = expandPaths(paths, cwd, configs);
  if (missing.length) throw new Error(`qualspec: no such file or directory, or no file matches: ${missing.join(', ')}`);
  // Worker threads run this same bundle (dist/api.js), which serves them (see the end of this file).
  const script = __filename.endsWith('.js') ? __filename : undefined;
  let batch: Awaited<ReturnType<typeof lintBatch>>;
  try {
    batch = await lintBatch(files, { cwd, configs, ...(options.jobs ? { jobs: options.jobs } : {}), ...(script ? { workerScript: script } : {}) });
  } catch (e) {
    if (e instanceof ReadError) throw new Error(`qualspec: cannot read ${toPosix(path.relative(cwd, e.abs))}: ${e.code}`);
    throw e;
  }
  const rel = new Map(batch.files.map((f) => [f.uri, f.rel]));
  const rangeOf = (uri: string, s: { start: number; end: number }) => {
    const l = batch.lines.get(uri);
    return l ? { start: positionIn(l.starts, l.length, s.start), end: positionIn(l.starts, l.length, s.end) } : undefined;
  };
  const problems: Problem[] = [];
  for (const c of configs.loaded()) {
    if (!c.file) continue;
    let text = '';
    try {
      text = readFileSync(c.file, 'utf8');
    } catch {
      /* reported as a finding of the config already */
    }
    const lines = new LineIndex(text);
    const file = toPosix(path.relative(cwd, c.file));
    for (const f of c.problems) problems.push(toProblem(f, (_u, s) => ({ start: lines.positionAt(s.start), end: lines.positionAt(s.end) }), file));
  }
  for (const f of batch.files) for (const x of batch.findings.get(f.uri) ?? []) problems.push(toProblem(x, rangeOf, rel.get(x.uri)));
  return {
    files: batch.files.map((f) => f.rel),
    problems,
    errorCount: problems.filter((p) => p.severity === 'error').length,
    warningCount: problems.filter((p) => p.severity === 'warning').length,
  };
}

/**
 * Analyse a Certificate's or Diploma's rules of combination: whether they can be met, the credit,
 * GLH and TQT ranges they allow, and the exact number of valid selections. `qualification` is a QAN
 * or (part of) a title; without it the spec must have exactly one qualification with rules.
 */
export function analyseQualification(text: string, qualification?: string, options: AnalyseOptions = {}): QualificationAnalysis {
  const uri = options.uri ?? DEFAULT_URI;
  const index = new WorkspaceIndex();
  for (const w of options.workspace ?? []) if (w.uri !== uri) analyseFile(w.uri, w.text, { index });
  const { model, findings, parsed } = analyseFile(uri, text, { index });
  // As qualspec combos: a text with parts that could not be read is not analysed (the answer would be
  // about another qualification); the problems are in the error, with one-based line:column.
  const unread = unreadFindings(findings, parsed.data);
  if (unread.length) {
    const lines = new LineIndex(text);
    throw new Error(
      `qualspec: the text was not analysed: parts of it could not be read: ${unread
        .map((f) => {
          const p = lines.positionAt(f.span.start);
          return `${p.line + 1}:${p.character + 1} ${f.message} (${f.ruleId})`;
        })
        .join('; ')}`,
    );
  }
  const withRules = model.qualifications.filter((q) => q.rules.length > 0 || q.type !== 'award');
  const matches =
    qualification === undefined
      ? withRules
      : model.qualifications.filter((q) => q.qan === qualification || q.title?.toLowerCase().includes(qualification.toLowerCase()));
  const exact = qualification === undefined ? undefined : model.qualifications.find((q) => q.qan === qualification);
  const q = exact ?? (matches.length === 1 ? matches[0] : undefined);
  const names = (list: typeof model.qualifications) => list.map((x) => `${x.title ?? '?'} (${x.qan ?? '?'})`).join('; ') || 'none';
  if (!q) {
    throw new Error(
      matches.length > 1
        ? `qualspec: '${qualification ?? ''}' matches ${matches.length} qualifications: ${names(matches)}`
        : `qualspec: ${qualification === undefined ? 'name the qualification' : `no qualification '${qualification}'`}; qualifications with rules: ${names(withRules)}`,
    );
  }
  const { problem, missing, unsized } = buildProblem(model, q, index, uri);
  if (unsized.length)
    throw new Error(
      `qualspec: ${q.title ?? 'the qualification'} was not analysed: these units lack the size its rules count by (credit, GLH or TQT), a level or a group, so they cannot be counted: ${unsized.join(', ')}`,
    );
  if (missing.length)
    throw new Error(
      `qualspec: ${q.title ?? 'the qualification'} names units that are not defined: ${missing.join(', ')} (pass the files that define them as options.workspace)`,
    );
  const a = analyse(problem, { maxMillis: options.maxMillis ?? 60_000 });
  const check = options.select ? checkSelection(problem, options.select) : undefined;
  return {
    ...(q.title !== undefined ? { title: q.title } : {}),
    ...(q.qan !== undefined ? { qan: q.qan } : {}),
    ...(q.type !== undefined ? { type: q.type } : {}),
    rules: problem.rules.map((r) => ({ id: r.id, words: describeRule(r, problem.groupTitles), ...(r.text ? { text: r.text } : {}) })),
    feasible: a.feasible,
    conflict: a.conflict,
    credit: a.credit ? { min: a.credit.min, max: a.credit.max ?? a.credit.min, minExample: a.credit.minExample, maxExample: a.credit.maxExample } : null,
    glh: a.glh,
    tqt: a.tqt,
    count: a.count,
    ...(check
      ? {
          selection: {
            ok: check.ok,
            missing: check.missing,
            unknownRefs: check.unknownRefs,
            rules: check.rules.map((r) => ({ id: r.id, ok: r.ok, reason: r.reason })),
          },
        }
      : {}),
  };
}

/** A spec file's URI for a path (what `Problem.uri` holds for files of lintFiles). */
export function uriOf(file: string): string {
  return pathToFileURL(path.resolve(file)).href;
}

/** The path of a `file:` URI. */
export function pathOf(uri: string): string {
  return fileURLToPath(uri);
}

// A worker thread lintFiles started runs this bundle too: it serves its share of the batch.
if (isBatchWorker()) runBatchWorker();
