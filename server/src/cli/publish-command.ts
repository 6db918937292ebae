/**
 * `qualspec publish <spec> --out <dir>`: the published specification document, generated from the
 * YAML, as one self-contained HTML file (and with --pdf an A4 PDF printed by a local Chromium).
 * --review marks every finding of `qualspec lint` where it applies.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFile, checkWorkspace, indexTexts, withWorkspace, type SourceText } from '../core/lint/pipeline.js';
import { buildModel } from '../core/model/spec.js';
import { parseSpecText } from '../core/parse/parse.js';
import { publishDocument } from '../core/publish/index.js';
import { LineIndex } from '../core/text/line-index.js';
import { ConfigResolver, expandPaths, toPosix } from '../host/files.js';
import { ReadError, readSpecOrThrow } from '../host/read-spec.js';
import { findBrowser, htmlToPagedPdf, NoBrowserError } from '../publish/pdf.js';
import { parseArgs, UsageError } from './args.js';
import type { Io } from './lint-command.js';

export const PUBLISH_HELP = `Usage: qualspec publish <spec> --out <dir> [options]

Generates the published specification document from the YAML: one self-contained, accessible HTML
file (cover, contents, change control, the prose sections, key facts, structure and rules of
combination of each qualification, one page per unit), printable on A4.

Options:
  --out <dir>        where to write <name>.html (and <name>.pdf); created if missing
  --pdf              also print an A4 PDF with a local Chromium or Chrome
  --browser <path>   the browser for --pdf (default: CHROME_PATH, then the usual install places)
  --review           a review copy: every finding of qualspec lint marked where it applies (with
                     the cross-file ones: the spec's project is linted as a workspace), and an
                     index of findings at the start (written as <name>.review.html)
  --strict           refuse to publish a spec with errors (exit 1)
  -h, --help         show this help

Exit: 0 published, 1 not published (--strict and the spec has errors), 2 bad usage, a file that
cannot be read or parsed, or no browser for --pdf.
`;

/**
 * The other spec files of the project `abs` is in, as `qualspec lint` with no argument finds them
 * (the nearest .qualspec.yaml's `specs`, else the usual globs under the folder the CLI runs in).
 * None when the spec is not one of them: it is then linted alone, as `qualspec lint <spec>` does.
 * An unreadable file is left out (lint reports it).
 */
function projectOthers(abs: string, io: Io, configs: ConfigResolver): SourceText[] {
  const out: SourceText[] = [];
  const files = expandPaths([], path.dirname(abs), configs).files;
  if (!files.some((f) => path.resolve(f) === abs)) return out;
  for (const f of files) {
    if (path.resolve(f) === abs) continue;
    try {
      const l = readSpecOrThrow(f, io.cwd);
      if (l.text !== '' || !l.notice) out.push({ uri: l.uri, text: l.text, ...(l.notice ? { notice: l.notice } : {}) });
    } catch (e) {
      if (!(e instanceof ReadError)) throw e;
    }
  }
  return out;
}

export async function runPublish(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { flags: ['help', 'pdf', 'review', 'strict'], options: ['out', 'browser'] });
  if (args.flags.get('help')) {
    io.stdout(PUBLISH_HELP);
    return 0;
  }
  const [spec, ...rest] = args.positionals;
  if (!spec || rest.length) throw new UsageError('give exactly one spec file: qualspec publish <spec> --out <dir>');
  const outDir = args.flags.get('out');
  if (typeof outDir !== 'string') throw new UsageError('--out <dir> is needed: the folder to write the document to');
  const pdf = args.flags.get('pdf') === true;
  const review = args.flags.get('review') === true;
  const strict = args.flags.get('strict') === true;
  const browserArg = args.flags.get('browser');
  if (browserArg !== undefined && !pdf) throw new UsageError('--browser is only used with --pdf');

  // Find the browser before the work, so that a missing one costs nothing.
  let browser: string | undefined;
  if (pdf) {
    try {
      browser = findBrowser(typeof browserArg === 'string' ? browserArg : undefined);
    } catch (e) {
      if (!(e instanceof NoBrowserError)) throw e;
      io.stderr(`qualspec: ${e.message}\n`);
      return 2;
    }
  }

  const abs = path.resolve(io.cwd, spec);
  let loaded;
  try {
    loaded = readSpecOrThrow(abs, io.cwd);
  } catch (e) {
    if (!(e instanceof ReadError)) throw e;
    io.stderr(`qualspec: cannot read ${toPosix(path.relative(io.cwd, e.abs))}: ${e.code}\n`);
    return 2;
  }
  if (loaded.notice) {
    io.stderr(`qualspec: ${loaded.rel}: ${loaded.notice.message}\n`);
    if (loaded.text === '') return 2;
  }
  const text = loaded.text;
  const lines = new LineIndex(text);
  const at = (offset: number) => {
    const p = lines.positionAt(offset);
    return `${loaded.rel}:${p.line + 1}:${p.character + 1}`;
  };
  const configs = new ConfigResolver(io.cwd);
  const cfg = configs.forFile(abs).config;
  const configFor = (uri: string) => (uri === loaded.uri ? cfg : configs.forFile(fileURLToPath(uri)).config);
  // The findings `qualspec lint` reports for this file, by the one pipeline over the file's project
  // (its .qualspec.yaml's `specs`, else the usual globs): the cross-file ones too — a unit a pool
  // names that no file defines, a UAN another file gives to another unit.
  const self: SourceText = { uri: loaded.uri, text, ...(loaded.notice ? { notice: loaded.notice } : {}) };
  const sources = [self, ...projectOthers(abs, io, configs)];
  const index = indexTexts(sources);
  const findings = withWorkspace(checkFile(self, index, cfg), checkWorkspace(index, configFor).get(loaded.uri));
  // The document is generated from the full parse (the lint steps read with the fast reader).
  const parsed = parseSpecText(text);
  const model = buildModel(parsed.data);
  const syntax = findings.filter((f) => f.ruleId === 'yaml-syntax' && f.severity === 'error');
  if (syntax.length) {
    for (const f of syntax.slice(0, 5)) io.stderr(`qualspec: ${at(f.span.start)}: ${f.message}\n`);
    io.stderr(`qualspec: ${loaded.rel} is not valid YAML, so it cannot be published. Fix the syntax error${syntax.length > 1 ? 's' : ''} above.\n`);
    return 2;
  }
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length) {
    const first = errors[0]!;
    const msg = `${loaded.rel} has ${errors.length} error${errors.length === 1 ? '' : 's'} (first: ${at(first.span.start)} ${first.message} [${first.ruleId}])`;
    if (strict) {
      io.stderr(`qualspec: not published: ${msg}. Run qualspec lint ${spec} for them all.\n`);
      return 1;
    }
    io.stderr(`qualspec: warning: ${msg}; publishing anyway (use --strict to refuse, --review to see them in the document).\n`);
  }
  const input = { uri: loaded.uri, parsed, model, index, findings, review, generator: `qualspec ${io.version}` };
  const result = publishDocument(input);
  const base =
    path
      .basename(abs)
      .replace(/\.ya?ml$/i, '')
      .replace(/\.qspec$/i, '') + (review ? '.review' : '');
  const dir = path.resolve(io.cwd, outDir);
  mkdirSync(dir, { recursive: true });
  const htmlFile = path.join(dir, `${base}.html`);
  writeFileSync(htmlFile, result.html);
  const rel = (f: string) => toPosix(path.relative(io.cwd, f)) || f;
  const c = result.counts;
  io.stdout(
    `qualspec: wrote ${rel(htmlFile)}: ${c.qualifications} qualification${c.qualifications === 1 ? '' : 's'}, ${c.units} unit${c.units === 1 ? '' : 's'}, ${c.learningOutcomes} learning outcomes, ${c.criteria} assessment criteria${review ? `, ${c.findings} finding${c.findings === 1 ? '' : 's'} marked` : ''}\n`,
  );
  if (pdf && browser) {
    const pdfFile = path.join(dir, `${base}.pdf`);
    let bytes: Uint8Array;
    let numbered = false;
    try {
      // Printed twice: the second time with the contents' page numbers read from the first (pdf.ts).
      const paged = await htmlToPagedPdf((pageNumbers) => publishDocument({ ...input, pageNumbers }).html, { browser });
      bytes = paged.pdf;
      numbered = paged.pageNumbers === true;
      if (paged.pageNumbers !== true) io.stderr(`qualspec: warning: the PDF's contents have no page numbers: ${paged.pageNumbers.missing}\n`);
    } catch (e) {
      io.stderr(`qualspec: the PDF could not be printed with ${browser}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
      return 2;
    }
    writeFileSync(pdfFile, bytes);
    io.stdout(`qualspec: wrote ${rel(pdfFile)} (A4, printed with ${browser}${numbered ? ', the contents with page numbers' : ''})\n`);
  }
  return 0;
}
