/**
 * The lint pipeline: every front end that lints a set of files does these three steps, in this order.
 *
 * 1. **index** every file: its workspace summary (units, qualifications, groups, where refs are used),
 *    by the fast summary reader, which skips learning outcomes and prose (`summariseText`, `indexOf`);
 * 2. **check each file** against that index, so that the checks that read other files (award totals,
 *    combination pools) see the whole workspace (`checkFile`);
 * 3. **check the workspace**: the cross-file checks over the index (`checkWorkspace`), whose findings
 *    join each file's own (`withWorkspace`).
 *
 * `lintTexts` runs the three in one thread; the CLI's batch runner (cli/batch.ts) runs steps 1 and 2
 * spread over worker threads and step 3 meanwhile, calling the same functions, so both give the same
 * findings (test/unit/batch.test.ts). `indexTexts` is step 1 alone, for a front end that needs a
 * workspace's units but no findings (`qualspec combos`).
 */
import type { QualspecConfig } from '../config/config.js';
import { DEFAULT_CONFIG } from '../config/config.js';
import type { Finding } from '../rules/types.js';
import { WorkspaceIndex, type FileSummary } from '../workspace/index.js';
import { summaryOf } from '../workspace/fast-summary.js';
import { analyseFile, analyseWorkspace, sortFindings } from './engine.js';

/** A problem met while reading a file's bytes (not UTF-8, say): where the first bad byte is, and what to say. */
export interface ReadNotice {
  offset: number;
  message: string;
}

/** A spec file as the pipeline takes it: its URI, its text, and what reading it found, if anything. */
export interface SourceText {
  uri: string;
  text: string;
  notice?: ReadNotice;
}

/** Step 1 for one file: its summary (see summaryOf; `lineStarts: false` leaves the line starts to the caller). */
export function summariseText(uri: string, text: string, options: { lineStarts?: boolean } = {}): ReturnType<typeof summaryOf> {
  return summaryOf(uri, text, options);
}

/** Step 1's result: the index of a set of summaries. */
export function indexOf(summaries: Iterable<FileSummary>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const s of summaries) index.set(s);
  return index;
}

/** Step 1 over texts. */
export function indexTexts(files: Iterable<{ uri: string; text: string }>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const f of files) index.set(summaryOf(f.uri, f.text).summary);
  return index;
}

/**
 * The finding that says a file is not UTF-8 text (or could not be read whole), as the `yaml-syntax`
 * rule reports a problem with the file's characters; none when that rule is off.
 */
export function noticeFinding(file: { uri: string; notice?: ReadNotice }, textLength: number, config: QualspecConfig): Finding | undefined {
  if (!file.notice || config.rules['yaml-syntax'] === 'off') return undefined;
  const span = { start: file.notice.offset, end: Math.min(file.notice.offset + 1, textLength) };
  return { ruleId: 'yaml-syntax', severity: 'error', message: file.notice.message, uri: file.uri, span, related: [], fixes: [] };
}

/**
 * Step 2: a file's own findings (its read notice first among equals, then the file checks), sorted.
 * `summary` is the file's own summary from step 1, when the caller has it (the index usually holds
 * it): the checks then take the spans it knows from it, and it is not made again. Without one (or
 * with `null`, when the index may hold an older text's summary) the file is analysed as it is, and
 * the index is left alone.
 */
export function checkFile(
  file: SourceText,
  index: WorkspaceIndex,
  config: QualspecConfig,
  summary: FileSummary | null | undefined = index.get(file.uri),
): Finding[] {
  const known = summary ? { summary, suppressions: summary.suppressions } : { updateIndex: false };
  const own = analyseFile(file.uri, file.text, { index, config, fast: true, ...known }).findings;
  const notice = noticeFinding(file, file.text.length, config);
  return notice ? sortFindings([notice, ...own]) : own;
}

/** Step 3: the workspace checks' findings, by file URI. */
export function checkWorkspace(index: WorkspaceIndex, configFor: (uri: string) => QualspecConfig = () => DEFAULT_CONFIG): Map<string, Finding[]> {
  return analyseWorkspace(index, configFor);
}

/** A file's own findings (step 2) with the workspace checks' findings for it (step 3), sorted (the sort is stable: own first among equals). */
export function withWorkspace<F extends Finding>(own: F[], workspace: readonly F[] | undefined): F[] {
  return workspace?.length ? sortFindings([...own, ...workspace]) : own;
}

/** Lint a set of texts as one workspace: the three steps in this thread. Findings by URI, sorted. */
export function lintTexts(files: readonly SourceText[], configFor: (uri: string) => QualspecConfig = () => DEFAULT_CONFIG): Map<string, Finding[]> {
  const index = indexTexts(files);
  const results = new Map<string, Finding[]>();
  for (const f of files) results.set(f.uri, checkFile(f, index, configFor(f.uri)));
  for (const [uri, ws] of checkWorkspace(index, configFor)) results.set(uri, withWorkspace(results.get(uri) ?? [], ws));
  return results;
}
