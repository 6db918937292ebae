/**
 * `qualspec diff` — what changed between two versions of a spec (files or folders, or the working
 * tree against a git revision), what it means for learners, and whether the change is recorded.
 * `git show <rev>:<path>` reads a file as it was (host/git.ts: execFile, no shell).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiffInputError, diffSpecs, type Change, type DiffReport, type DiffSide, type WordPart } from '../core/diff/index.js';
import { parseArgs, UsageError } from './args.js';
import type { Io } from './lint-command.js';
import { CONFIG_FILE_NAMES, matchesAny } from '../core/config/config.js';
import { indexTexts } from '../core/lint/pipeline.js';
import { ConfigResolver, expandPaths, toPosix } from '../host/files.js';
import { isSpecFile, NOT_A_SPEC } from '../host/spec-files.js';
import { ReadError, readSpecOrThrow } from '../host/read-spec.js';
import { GitError, gitFiles, gitHasCommit, gitShow, gitTopLevel } from '../host/git.js';

export const DIFF_HELP = `Usage: qualspec diff <old> <new> [options]
       qualspec diff <path> --against <git revision> [options]

Compares two versions of a spec — two files, two folders of specs (YAML files that are not specs
are skipped and named), or a file or folder of the working tree against a git revision (HEAD, a
tag, a commit) — by meaning, not by text: document
facts, qualifications, units, learning outcomes and criteria (renamed or renumbered items are
matched, wording is compared word by word, spacing and comments are ignored), and what the change
means for learners: for each Certificate and Diploma the exact number of valid selections before,
after and under both versions, and the credit, GLH and TQT ranges (units a pool names from another
spec file are read from that file as each version has it). Checker settings (document.words,
language, unitRefs) are listed apart and are not content.

Options:
  --against <rev>     compare <path> with the same path at this git revision
  --format <name>     text (default), markdown, json or github (GitHub Actions annotations)
  --check             change control: exit 1 when the content changed but the document version
                      did not, or no new change-history entry records it (and on regulator-sensitive
                      changes when .qualspec.yaml sets diff.regulatorSensitive: error)
  --changelog         print only a drafted change-history entry (YAML) for the new version
  -h, --help          show this help

Exit codes: 0 compared (and, with --check, nothing to fix); 1 --check found a problem;
2 bad usage or input (a file that is not a spec or not valid YAML, a revision that does not exist).
`;

const YAML_FILE = /\.ya?ml$/i;
const SKIP_DIRS = new Set(['node_modules', '.git']);

class InputError extends Error {}

function listYaml(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) out.push(...listYaml(dir, r));
    } else if (e.isFile() && YAML_FILE.test(e.name) && !CONFIG_FILE_NAMES.includes(e.name)) out.push(r);
  }
  return out.sort();
}

interface Pair {
  rel: string;
  old?: DiffSide;
  new?: DiffSide;
}

/** A YAML file of a compared folder that is not a spec (host/spec-files.ts), in one version or both. */
export interface Skipped {
  rel: string;
  /** The versions it is in and is not a spec in. */
  versions: ('old' | 'new')[];
}

interface Collected {
  pairs: Pair[];
  skipped: Skipped[];
}

function readFileSide(abs: string, io: Io, label: string): DiffSide {
  try {
    const loaded = readSpecOrThrow(abs, io.cwd);
    if (loaded.notice && loaded.text === '') throw new InputError(`${label}: ${loaded.notice.message}`);
    return { label, uri: pathToFileURL(abs).href, text: loaded.text };
  } catch (e) {
    if (e instanceof ReadError) throw new InputError(`cannot read ${label}: ${e.code}`);
    throw e;
  }
}

/** The text of another spec file of a version, for its index; one that cannot be read is left out (lint reports it). */
function readOther(abs: string, io: Io): { uri: string; text: string } | undefined {
  try {
    const loaded = readSpecOrThrow(abs, io.cwd);
    return loaded.text === '' && loaded.notice ? undefined : { uri: pathToFileURL(abs).href, text: loaded.text };
  } catch (e) {
    if (e instanceof ReadError) return undefined;
    throw e;
  }
}

/**
 * Pairs two lists of one folder's YAML files by path; a file that is not a spec in a version is left
 * out of that version (and named in `skipped`). Each version's specs are its workspace: a pool may
 * name units that another of its files defines.
 */
function pairFolder(
  then: readonly string[],
  now: readonly string[],
  readOld: (name: string) => DiffSide,
  readNew: (name: string) => DiffSide,
  relOf: (name: string) => string,
): Collected {
  const skipped = new Map<string, Skipped>();
  const keep = (names: readonly string[], read: (n: string) => DiffSide, version: 'old' | 'new') => {
    const out = new Map<string, DiffSide>();
    for (const n of names) {
      const side = read(n);
      if (isSpecFile(n, side.text)) out.set(n, side);
      else {
        const s = skipped.get(n) ?? { rel: relOf(n), versions: [] };
        s.versions.push(version);
        skipped.set(n, s);
      }
    }
    return out;
  };
  const olds = keep(then, readOld, 'old');
  const news = keep(now, readNew, 'new');
  const oldIndex = indexTexts(olds.values());
  const newIndex = indexTexts(news.values());
  const names = [...new Set([...olds.keys(), ...news.keys()])].sort();
  const pairs = names.map((n) => {
    const o = olds.get(n);
    const w = news.get(n);
    return { rel: relOf(n), ...(o ? { old: { ...o, index: oldIndex } } : {}), ...(w ? { new: { ...w, index: newIndex } } : {}) };
  });
  return { pairs, skipped: [...skipped.values()].sort((a, b) => a.rel.localeCompare(b.rel)) };
}

/** The other spec files of the project a file is in (its .qualspec.yaml's `specs`, else the usual globs), as the editor's workspace. */
function projectOthers(abs: string, io: Io, configs: ConfigResolver, leaveOut: readonly string[]): { uri: string; text: string }[] {
  const out: { uri: string; text: string }[] = [];
  for (const f of expandPaths([], path.dirname(abs), configs).files) {
    if (leaveOut.some((x) => path.resolve(x) === path.resolve(f))) continue;
    const t = readOther(f, io);
    if (t) out.push(t);
  }
  return out;
}

/** The two versions to compare, as pairs of files matched by their path inside the compared folders. */
function collect(positionals: string[], against: string | undefined, io: Io, configs: ConfigResolver): Collected {
  const rel = (abs: string) => toPosix(path.relative(io.cwd, abs)) || '.';
  if (against !== undefined) {
    if (positionals.length !== 1) throw new UsageError('with --against give one file or folder: qualspec diff <path> --against <revision>');
    const abs = path.resolve(io.cwd, positionals[0]!);
    if (!existsSync(abs)) throw new InputError(`no such file or folder: ${positionals[0]}`);
    const dir = statSync(abs).isDirectory() ? abs : path.dirname(abs);
    let top: string;
    try {
      top = gitTopLevel(dir);
    } catch (e) {
      throw new InputError(`${rel(abs)} is not in a git repository (${e instanceof Error ? e.message : String(e)})`);
    }
    if (!gitHasCommit(top, against)) throw new InputError(`there is no git revision '${against}' in ${rel(top)}`);
    const inRepo = toPosix(path.relative(top, abs));
    const show = (p: string): DiffSide => {
      try {
        return { label: `${against}:${p}`, uri: `git:${against}/${p}`, text: gitShow(top, against, p) };
      } catch (e) {
        throw new InputError(`cannot read ${p} at revision ${against}: ${e instanceof Error ? e.message : String(e)}`);
      }
    };
    if (!statSync(abs).isDirectory()) {
      const listed = gitFiles(top, against, inRepo).includes(inRepo);
      if (!listed) throw new InputError(`${rel(abs)} does not exist at revision ${against}`);
      // The rest of the project in each version: on disk now, and the same project's files at the revision.
      const lc = configs.forFile(abs);
      const rootInRepo = toPosix(path.relative(top, lc.root));
      const inProject = (p: string) => {
        const r = rootInRepo && !rootInRepo.startsWith('..') ? path.posix.relative(rootInRepo, p) : p;
        return !r.startsWith('..') && matchesAny(r, lc.config.specs) && !matchesAny(r, lc.config.exclude);
      };
      const thenOthers: { uri: string; text: string }[] = [];
      for (const p of gitFiles(top, against, rootInRepo.startsWith('..') ? '' : rootInRepo)) {
        if (p === inRepo || !YAML_FILE.test(p) || !inProject(p)) continue;
        const side = show(p);
        if (isSpecFile(p, side.text)) thenOthers.push(side);
      }
      const old = { ...show(inRepo), index: indexTexts(thenOthers) };
      const now = { ...readFileSide(abs, io, rel(abs)), index: indexTexts(projectOthers(abs, io, configs, [abs])) };
      return { pairs: [{ rel: rel(abs), old, new: now }], skipped: [] };
    }
    const prefix = inRepo ? `${inRepo}/` : '';
    const then = gitFiles(top, against, inRepo)
      .filter((p) => p.startsWith(prefix) && YAML_FILE.test(p) && !CONFIG_FILE_NAMES.includes(path.posix.basename(p)))
      .map((p) => p.slice(prefix.length));
    return pairFolder(
      then,
      listYaml(abs),
      (n) => show(prefix + n),
      (n) => readFileSide(path.join(abs, n), io, rel(path.join(abs, n))),
      (n) => rel(path.join(abs, n)),
    );
  }
  if (positionals.length !== 2) throw new UsageError('give two files or two folders (qualspec diff <old> <new>), or one path with --against <revision>');
  const [a, b] = positionals.map((p) => path.resolve(io.cwd, p)) as [string, string];
  for (const [p, abs] of [
    [positionals[0]!, a],
    [positionals[1]!, b],
  ] as const)
    if (!existsSync(abs)) throw new InputError(`no such file or folder: ${p}`);
  const da = statSync(a).isDirectory();
  const db = statSync(b).isDirectory();
  if (da !== db) throw new UsageError('compare a file with a file, or a folder with a folder');
  if (!da) {
    // Each file's own project is its version's workspace (both compared files left out of both).
    const old = { ...readFileSide(a, io, rel(a)), index: indexTexts(projectOthers(a, io, configs, [a, b])) };
    const now = { ...readFileSide(b, io, rel(b)), index: indexTexts(projectOthers(b, io, configs, [a, b])) };
    return { pairs: [{ rel: rel(b), old, new: now }], skipped: [] };
  }
  return pairFolder(
    listYaml(a),
    listYaml(b),
    (n) => readFileSide(path.join(a, n), io, rel(path.join(a, n))),
    (n) => readFileSide(path.join(b, n), io, rel(path.join(b, n))),
    (n) => rel(path.join(b, n)),
  );
}

/** What the lead of a folder comparison reports for a file in one version only. */
interface FileResult {
  rel: string;
  status: 'compared' | 'added' | 'removed';
  report?: DiffReport;
}

const today = (): string => new Date().toISOString().slice(0, 10);

export function runDiff(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv, { flags: ['help', 'check', 'changelog'], options: ['against', 'format'] });
  if (args.flags.get('help')) {
    io.stdout(DIFF_HELP);
    return 0;
  }
  const format = String(args.flags.get('format') ?? 'text');
  if (!['text', 'markdown', 'json', 'github'].includes(format)) throw new UsageError(`unknown --format '${format}': use text, markdown, json or github`);
  const against = args.flags.get('against');
  if (against === true) throw new UsageError('--against needs a revision');
  const results: FileResult[] = [];
  let skipped: Skipped[] = [];
  try {
    const configs = new ConfigResolver(io.cwd);
    const collected = collect(args.positionals, against, io, configs);
    const pairs = collected.pairs;
    skipped = collected.skipped;
    if (pairs.length === 0)
      throw new InputError(skipped.length ? `there are no spec files to compare: ${skippedText(skipped)}` : 'there are no YAML files to compare');
    for (const p of pairs) {
      if (!p.old || !p.new) {
        results.push({ rel: p.rel, status: p.old ? 'removed' : 'added' });
        continue;
      }
      const abs = path.resolve(io.cwd, p.rel);
      const sensitive = configs.forFile(abs).config.diff?.regulatorSensitive ?? 'warning';
      results.push({ rel: p.rel, status: 'compared', report: diffSpecs(p.old, p.new, { sensitiveSeverity: sensitive, today: today() }) });
    }
  } catch (e) {
    if (e instanceof InputError || e instanceof DiffInputError || e instanceof GitError) {
      io.stderr(`qualspec: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  // Said on stderr, so that the report on stdout stays what --format promises (JSON carries it too).
  if (skipped.length) io.stderr(`qualspec: ${skippedText(skipped)}\n`);
  if (args.flags.get('changelog')) {
    for (const r of results) {
      if (!r.report) continue;
      if (results.length > 1) io.stdout(`# ${r.rel}\n`);
      io.stdout(r.report.changelog.yaml);
    }
  } else io.stdout(render(results, format, args.positionals, against, skipped));
  if (!args.flags.get('check')) return 0;
  return results.some((r) => r.report?.problems.some((p) => p.severity === 'error')) ? 1 : 0;
}

// ------------------------------------------------------------------ output

/** Long unchanged runs cut to their first and last words, so that a changed paragraph shows what changed. */
function compact(parts: readonly WordPart[]): WordPart[] {
  return parts.map((p, i) => {
    if (p.op !== 'same') return p;
    const w = p.text.split(' ');
    if (w.length <= 12) return p;
    const head = i === 0 ? [] : w.slice(0, 5);
    const tail = i === parts.length - 1 ? [] : w.slice(-5);
    return { op: 'same', text: [...head, '…', ...tail].join(' ') };
  });
}

function wordsText(parts: readonly WordPart[]): string {
  return compact(parts)
    .map((p) => (p.op === 'same' ? p.text : p.op === 'removed' ? `[-${p.text}-]` : `{+${p.text}+}`))
    .join(' ');
}

function wordsMarkdown(parts: readonly WordPart[]): string {
  return compact(parts)
    .map((p) => (p.op === 'same' ? mdEsc(p.text) : p.op === 'removed' ? `~~${mdEsc(p.text)}~~` : `**${mdEsc(p.text)}**`))
    .join(' ');
}

const mdEsc = (s: string): string => s.replace(/([\\`*_~|[\]<>#])/g, '\\$1');

function groups(changes: readonly Change[]): Map<string, Change[]> {
  const m = new Map<string, Change[]>();
  for (const c of changes) m.set(c.subject, [...(m.get(c.subject) ?? []), c]);
  return m;
}

const where = (c: Change): string => [c.old ? `was line ${c.old.line}` : '', c.new ? `line ${c.new.line}` : ''].filter(Boolean).join(', ');
const num = (s: string | null): string => (s === null ? '?' : s.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
const rng = (r: { min: number; max: number } | null): string => (r ? (r.min === r.max ? `${r.min}` : `${r.min}–${r.max}`) : '—');

/** "skipped 2 YAML files that are not specs: a.yaml, b.yaml (old version only) — …" */
function skippedText(skipped: readonly Skipped[]): string {
  const list = skipped.map((s) => `${s.rel}${s.versions.length === 1 ? ` (${s.versions[0]} version)` : ''}`).join(', ');
  return `skipped ${skipped.length} YAML file${skipped.length === 1 ? '' : 's'} that ${skipped.length === 1 ? 'is not a spec' : 'are not specs'}: ${list} (${NOT_A_SPEC.replace(/^it is not a qualspec spec: /, '')})`;
}

function render(
  results: readonly FileResult[],
  format: string,
  positionals: string[],
  against: string | true | undefined,
  skipped: readonly Skipped[],
): string {
  if (format === 'json')
    return `${JSON.stringify({ against: typeof against === 'string' ? against : null, paths: positionals, files: results, skipped }, null, 2)}\n`;
  if (format === 'github') return github(results);
  const md = format === 'markdown';
  const out: string[] = [];
  for (const r of results) {
    if (r.status !== 'compared') {
      out.push(
        md
          ? `## ${mdEsc(r.rel)}\n\nThe file is ${r.status === 'added' ? 'new in' : 'not in'} the new version.\n`
          : `${r.rel}: the file is ${r.status === 'added' ? 'new in' : 'not in'} the new version\n`,
      );
      continue;
    }
    const rep = r.report!;
    const head = `${rep.old.label} (version ${rep.old.version ?? '?'}) → ${rep.new.label} (version ${rep.new.version ?? '?'})`;
    out.push(md ? `## ${mdEsc(r.rel)}\n\n${mdEsc(head)}\n` : `${r.rel}: ${head}`);
    if (rep.changes.length === 0) out.push(md ? 'No changes.\n' : '  no changes\n');
    for (const [subject, list] of groups(rep.changes)) {
      if (md) {
        out.push(`### ${mdEsc(subject)}\n`);
        for (const c of list) {
          out.push(`- ${c.sensitive ? '⚠ ' : ''}${mdEsc(c.message)} (${where(c)})`);
          if (c.words) out.push(`  - ${wordsMarkdown(c.words)}`);
        }
        out.push('');
      } else {
        out.push(`\n  ${subject}`);
        for (const c of list) {
          out.push(`    ${c.kind.padEnd(10)} ${c.message}${c.sensitive ? '  [regulator-sensitive]' : ''}  (${where(c)})`);
          if (c.words) out.push(`               ${wordsText(c.words)}`);
        }
      }
    }
    if (rep.impact.length) {
      if (md) {
        out.push('\n### Impact on learners\n');
        out.push(
          '| qualification | valid selections before | after | valid under both | no longer valid | credit before → after | GLH before → after | TQT before → after |',
        );
        out.push('| --- | --: | --: | --: | --: | --- | --- | --- |');
        for (const q of rep.impact)
          out.push(
            `| ${mdEsc(q.subject)} | ${num(q.before)} | ${num(q.after)} | ${num(q.both)} | ${num(q.lost)} | ${rng(q.credit.before)} → ${rng(q.credit.after)} | ${rng(q.glh.before)} → ${rng(q.glh.after)} | ${rng(q.tqt.before)} → ${rng(q.tqt.after)} |`,
          );
        for (const q of rep.impact) {
          if (q.withdrawn.length) out.push(`\n- ${mdEsc(q.subject)}: units withdrawn: ${q.withdrawn.map(mdEsc).join(', ')}`);
          if (q.introduced.length) out.push(`- ${mdEsc(q.subject)}: units now available: ${q.introduced.map(mdEsc).join(', ')}`);
          if (q.note) out.push(`- ${mdEsc(q.subject)}: ${mdEsc(q.note)}`);
        }
      } else {
        out.push('\n  Impact on learners');
        for (const q of rep.impact) {
          out.push(`    ${q.subject}`);
          out.push(
            `      valid selections: ${num(q.before)} before, ${num(q.after)} after, ${num(q.both)} valid under both (${num(q.lost)} plans no longer valid, ${num(q.gained)} newly valid)`,
          );
          out.push(
            `      credit ${rng(q.credit.before)} → ${rng(q.credit.after)}; GLH ${rng(q.glh.before)} → ${rng(q.glh.after)}; TQT ${rng(q.tqt.before)} → ${rng(q.tqt.after)}`,
          );
          if (q.withdrawn.length) out.push(`      units withdrawn: ${q.withdrawn.join(', ')}`);
          if (q.introduced.length) out.push(`      units now available: ${q.introduced.join(', ')}`);
          if (q.note) out.push(`      note: ${q.note}`);
        }
      }
    }
    if (rep.problems.length) {
      out.push(md ? '\n### Change control\n' : '\n  Change control');
      for (const p of rep.problems)
        out.push(
          md
            ? `- **${p.severity}** ${mdEsc(p.message)}${p.new ? ` (line ${p.new.line})` : ''}`
            : `    ${p.severity.padEnd(8)} ${p.message}${p.new ? `  (line ${p.new.line})` : ''}`,
        );
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escProp = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions annotations on the new version: change-control problems by severity, each change as a notice. */
function github(results: readonly FileResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    if (!r.report) {
      lines.push(
        `::notice file=${escProp(r.rel)},title=${escProp('qualspec diff')}::${esc(`The file is ${r.status === 'added' ? 'new in' : 'not in'} the new version.`)}`,
      );
      continue;
    }
    for (const p of r.report.problems) {
      const kind = p.severity === 'error' ? 'error' : p.severity === 'warning' ? 'warning' : 'notice';
      lines.push(`::${kind} file=${escProp(r.rel)}${p.new ? `,line=${p.new.line}` : ''},title=${escProp(`qualspec diff ${p.code}`)}::${esc(p.message)}`);
    }
    for (const c of r.report.changes)
      lines.push(`::notice file=${escProp(r.rel)}${c.new ? `,line=${c.new.line}` : ''},title=${escProp(`qualspec diff: ${c.subject}`)}::${esc(c.message)}`);
    for (const q of r.report.impact)
      lines.push(
        `::notice file=${escProp(r.rel)}${q.new ? `,line=${q.new.line}` : ''},title=${escProp(`qualspec diff: impact`)}::${esc(`${q.subject}: ${num(q.before)} valid selections before, ${num(q.after)} after, ${num(q.both)} valid under both.`)}`,
      );
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
