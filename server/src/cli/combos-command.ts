import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyseFile } from '../core/lint/engine.js';
import { unreadFindings } from '../core/lint/unread.js';
import { LineIndex } from '../core/text/line-index.js';
import { indexTexts } from '../core/lint/pipeline.js';
import { buildProblem } from '../core/combination/from-spec.js';
import { analyse, checkSelection, describeRule, enumerate, fillToMinimum } from '../core/combination/index.js';
import type { WorkspaceIndex } from '../core/workspace/index.js';
import { parseArgs, UsageError } from './args.js';
import type { Io } from './lint-command.js';
import { ConfigResolver, expandPaths, toPosix } from '../host/files.js';
import { ReadError, readSpecOrThrow } from '../host/read-spec.js';

export const COMBOS_HELP = `Usage: qualspec combos <spec> --qualification <QAN or title> [options]

Explains a Certificate's or Diploma's rules of combination: whether they can be met (and which
rules conflict when not), the smallest and largest total credit with an example selection at each
end, the GLH and TQT ranges, and the exact number of valid selections.

Options:
  --qualification <q>   the qualification, by QAN (610/5683/2) or (part of) its title
  --select <refs>       check a selection of units, e.g. L5B1,L5B2,L5C1 (and suggest the smallest completion)
  --list <n>            list n valid selections (use --page for the next ones)
  --page <p>            page of --list, from 1 (default 1)
  --workspace <paths>   the spec files the qualification may draw units from (comma-separated files,
                        folders or globs); default: the spec files of the spec's project, as in
                        the editor's preview (its .qualspec.yaml's "specs", else the usual globs)
  --format <name>       text (default) or json
  -h, --help            show this help

Exit codes: 0 analysed (and the --select selection meets every rule), 1 the selection does not,
2 bad usage, a file that cannot be read, or a qualification that cannot be analysed as written:
parts of the file that could not be read (listed with their places, as lint lists them), or units
its rules cannot count. Nothing is analysed then, since the answer would be about another qualification.
`;

export function runCombos(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv, { flags: ['help'], options: ['qualification', 'select', 'format', 'list', 'page', 'workspace'] });
  if (args.flags.get('help')) {
    io.stdout(COMBOS_HELP);
    return 0;
  }
  const [spec, ...rest] = args.positionals;
  if (!spec || rest.length) throw new UsageError('give exactly one spec file: qualspec combos <spec> --qualification <QAN or title>');
  const format = String(args.flags.get('format') ?? 'text');
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown --format '${format}': use text or json`);
  const abs = path.resolve(io.cwd, spec);
  let index: WorkspaceIndex;
  let text: string;
  const configs = new ConfigResolver(io.cwd);
  try {
    // Read as `lint` reads (devices and huge files refused, UTF-16 decoded, bytes that are not UTF-8 located).
    const read = (file: string): string | undefined => {
      const loaded = readSpecOrThrow(file, io.cwd);
      if (loaded.notice) io.stderr(`qualspec: ${loaded.rel}: ${loaded.notice.message}\n`);
      return loaded.text === '' && loaded.notice ? undefined : loaded.text;
    };
    const own = read(abs);
    if (own === undefined) return 2;
    text = own;
    // The units it may draw on: those of the files given with --workspace, else (as the editor's
    // preview does) of the spec files of the project the spec is in (its .qualspec.yaml's `specs`).
    const ws = args.flags.get('workspace');
    let others: string[];
    if (typeof ws === 'string') {
      const { files, missing } = expandPaths(ws.split(','), io.cwd, configs);
      if (missing.length) {
        io.stderr(`qualspec: no such file: ${missing.join(', ')}\n`);
        return 2;
      }
      others = files;
    } else others = projectSpecFiles(abs, configs);
    const texts: { uri: string; text: string }[] = [];
    for (const f of others) {
      if (path.resolve(f) === abs) continue;
      const other = read(f);
      if (other !== undefined) texts.push({ uri: pathToFileURL(f).href, text: other });
    }
    index = indexTexts(texts);
  } catch (e) {
    if (!(e instanceof ReadError)) throw e;
    io.stderr(`qualspec: cannot read ${toPosix(path.relative(io.cwd, e.abs))}: ${e.code}\n`);
    return 2;
  }
  const uri = pathToFileURL(abs).href;
  const { model, findings, parsed } = analyseFile(uri, text, { index, config: configs.forFile(abs).config });
  const rel = toPosix(path.relative(io.cwd, abs)) || path.basename(abs);
  // What the file says that could not be read (broken YAML, a credit that is not a number, a misspelt
  // key such as minCredit): analysed without it, the answer would be about another qualification, so
  // none is given. The problems are listed as lint lists them.
  const unread = unreadFindings(findings, parsed.data);
  if (unread.length) {
    const lines = new LineIndex(text);
    const L = [
      `qualspec: ${rel} was not analysed: ${unread.length === 1 ? 'a part of it' : 'parts of it'} could not be read, and an answer without ${unread.length === 1 ? 'it' : 'them'} would be about a different qualification.`,
    ];
    for (const f of unread) {
      const p = lines.positionAt(f.span.start);
      L.push(`  ${rel}:${p.line + 1}:${p.character + 1} error ${f.message} ${f.ruleId}`);
    }
    L.push(`Correct ${unread.length === 1 ? 'it' : 'them'}, then run combos again (qualspec lint ${rel} lists every problem of the file).`);
    io.stderr(L.join('\n') + '\n');
    return 2;
  }
  const want = args.flags.get('qualification');
  const candidates = model.qualifications.filter((q) => q.rules.length > 0 || q.type !== 'award');
  let q =
    typeof want === 'string'
      ? (model.qualifications.find((x) => x.qan === want) ?? model.qualifications.filter((x) => x.title?.toLowerCase().includes(want.toLowerCase())))
      : undefined;
  if (Array.isArray(q)) {
    if (q.length > 1) {
      io.stderr(`qualspec: '${String(want)}' matches ${q.length} qualifications: ${q.map((x) => `${x.title ?? '?'} (${x.qan ?? '?'})`).join('; ')}\n`);
      return 2;
    }
    q = q[0];
  }
  if (!want && candidates.length === 1) q = candidates[0];
  if (!q) {
    io.stderr(
      `qualspec: ${want ? `no qualification '${String(want)}'` : '--qualification is needed'} in ${spec}. Qualifications with rules: ${candidates.map((x) => `${x.title ?? '?'} (${x.qan ?? '?'})`).join('; ') || 'none'}\n`,
    );
    return 2;
  }
  const { problem, missing, unsized } = buildProblem(model, q, index, uri);
  // A unit the rules cannot count (no size they count by, no level or group, here or in the file that
  // defines it) would be left out of every selection: the same wrong answer, so none either.
  if (unsized.length) {
    const one = unsized.length === 1;
    io.stderr(
      `qualspec: ${q.title ?? 'the qualification'} was not analysed: ${one ? 'one of its units lacks' : `${unsized.length} of its units lack`} the size its rules count by (credit, GLH or TQT), a level or a group, so ${one ? 'it' : 'they'} cannot be counted: ${unsized.join(', ')}. Give ${one ? 'it' : 'them'} what is missing (qualspec lint says where), then run combos again.\n`,
    );
    return 2;
  }
  if (missing.length) {
    io.stderr(
      `qualspec: ${q.title ?? 'the qualification'} names units that are not defined: ${missing.join(', ')} (use --workspace to add the files that define them)\n`,
    );
    return 2;
  }
  if (!problem.rules.length) {
    io.stderr(`qualspec: ${q.title ?? 'the qualification'} has no rules of combination.\n`);
    return 2;
  }
  const t0 = performance.now();
  const a = analyse(problem, { maxMillis: 60_000 });
  const ms = performance.now() - t0;
  const select =
    typeof args.flags.get('select') === 'string'
      ? String(args.flags.get('select'))
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined;
  const check = select ? checkSelection(problem, select) : undefined;
  const fill = select ? fillToMinimum(problem, select) : undefined;
  const listN = args.flags.get('list') !== undefined ? Number(args.flags.get('list')) : undefined;
  const page = Number(args.flags.get('page') ?? 1);
  if (listN !== undefined && (!Number.isInteger(listN) || listN < 1)) throw new UsageError('--list needs a whole number of selections');
  if (!Number.isInteger(page) || page < 1) throw new UsageError('--page needs a whole number from 1');
  const list = listN ? enumerate(problem, page - 1, listN) : undefined;
  const stated = { credit: q.credit, glh: q.glh, tqt: q.tqt };
  if (format === 'json') {
    io.stdout(
      JSON.stringify(
        {
          qualification: { title: q.title, qan: q.qan, type: q.type, stated },
          rules: problem.rules.map((r) => ({ id: r.id, text: r.text, words: describeRule(r, problem.groupTitles) })),
          analysis: { ...a, count: a.count.toString() },
          ...(check ? { selection: { units: select, ...check, fillToMinimum: fill } } : {}),
          ...(list ? { selections: { page, pageSize: listN, items: list } } : {}),
          millis: Math.round(ms * 10) / 10,
        },
        null,
        2,
      ) + '\n',
    );
    return check && !check.ok ? 1 : 0;
  }
  const L: string[] = [];
  L.push(`${q.title ?? 'Qualification'}${q.qan ? ` (${q.qan})` : ''}`);
  L.push(`  Units it may draw on: ${problem.units.length}`);
  L.push('  Rules:');
  for (const r of problem.rules) {
    const alone = a.perRule.find((p) => p.id === r.id);
    L.push(`    ${alone?.feasible ? '✔' : '✖'} ${r.id}: ${describeRule(r, problem.groupTitles)}${r.text ? `  — "${r.text}"` : ''}`);
  }
  if (!a.feasible) {
    L.push(`  ✖ The rules cannot all be met.${a.conflict ? ` Smallest conflicting set: ${a.conflict.join(', ')}.` : ''}`);
  } else {
    const cs = (s: typeof q.credit) => (!s ? 'not stated' : s.kind === 'fixed' ? String(s.value) : `${s.min ?? '?'}–${s.max ?? '…'}`);
    L.push(`  ✔ The rules can be met together.`);
    // A spec sized in GLH / TQT only has no credit to report.
    if (problem.units.some((u) => u.credit !== undefined)) {
      L.push(`  Credit: ${a.credit!.min}–${a.credit!.max} achievable (stated: ${cs(q.credit)})`);
      L.push(`    smallest, e.g. ${a.credit!.minExample.join(', ')}`);
      L.push(`    largest,  e.g. ${a.credit!.maxExample.join(', ')}`);
    }
    if (a.glh) L.push(`  GLH: ${a.glh.min}–${a.glh.max} achievable (stated: ${cs(q.glh)})`);
    if (a.tqt) L.push(`  TQT: ${a.tqt.min}–${a.tqt.max} achievable (stated: ${cs(q.tqt)})`);
    L.push(`  Valid selections: ${a.count.toLocaleString('en-GB')}`);
  }
  if (check && select) {
    L.push(`  Selection ${select.join(', ')}: ${check.ok ? '✔ meets every rule' : '✖ does not meet every rule'}`);
    L.push(
      `    ${check.totals.units} units, ${check.totals.credits} credits${check.totals.glh !== null ? `, ${check.totals.glh} GLH` : ''}${check.totals.tqt !== null ? `, ${check.totals.tqt} TQT` : ''}`,
    );
    for (const r of check.rules) L.push(`    ${r.ok ? '✔' : '✖'} ${r.id}: ${r.reason}`);
    if (check.unknownRefs.length) L.push(`    Not among its units: ${check.unknownRefs.join(', ')}`);
    for (const m of check.missing) L.push(`    → ${m}`);
    if (!check.ok) L.push(fill ? `    Smallest valid completion: ${fill.join(', ')}` : '    No valid selection contains these units.');
  }
  if (list) {
    L.push(`  Selections ${(page - 1) * listN! + 1}–${(page - 1) * listN! + list.length}:`);
    for (const s of list) L.push(`    ${s.join(', ')}`);
  }
  L.push(`  (analysed in ${ms.toFixed(1)} ms)`);
  io.stdout(L.join('\n') + '\n');
  return check && !check.ok ? 1 : 0;
}

/**
 * The spec files of the project a spec is in, as `qualspec lint` with no paths finds them from
 * there: the files of its .qualspec.yaml's \`specs\` (or the default globs) under that file's folder.
 * A spec outside every project (no .qualspec.yaml above it and not matched by the default globs)
 * draws on no other file.
 */
function projectSpecFiles(abs: string, configs: ConfigResolver): string[] {
  const { files } = expandPaths([], path.dirname(abs), configs);
  return files;
}
