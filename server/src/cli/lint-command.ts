import { readFileSync, renameSync, writeFileSync, statSync, chmodSync, unlinkSync, realpathSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { lintTexts, sortFindings } from '../core/lint/engine.js';
import { applyEdits } from '../core/fix/apply.js';
import type { Finding, Fix, TextEdit } from '../core/rules/types.js';
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
  /** The file started with a UTF-8 byte-order mark (kept when --fix writes it back). */
  bom: boolean;
  /** Why the file could not be read as it is (not UTF-8 text, too large), as a finding; such a file is never fixed. */
  notice?: { offset: number; message: string };
}

/** Index of the first byte of the first invalid UTF-8 sequence in `buf`, and how many there are; undefined when valid. */
export function invalidUtf8(buf: Uint8Array): { at: number; count: number } | undefined {
  let at = -1;
  let count = 0;
  let i = 0;
  const n = buf.length;
  while (i < n) {
    const b = buf[i]!;
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    }
    let ok = need > 0 && i + need < n;
    let cp = need === 1 ? b & 0x1f : need === 2 ? b & 0x0f : b & 0x07;
    if (ok) {
      for (let k = 1; k <= need; k++) {
        const c = buf[i + k];
        if (c === undefined || (c & 0xc0) !== 0x80) {
          ok = false;
          break;
        }
        cp = (cp << 6) | (c & 0x3f);
      }
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8 either.
    if (ok && (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)) ok = false;
    if (ok) {
      i += need + 1;
      continue;
    }
    if (at === -1) at = i;
    count++;
    i++;
    while (i < n && (buf[i]! & 0xc0) === 0x80) i++; // skip the rest of the broken sequence
  }
  return at === -1 ? undefined : { at, count };
}

/** Files larger than this are not read at all (the core refuses texts over MAX_SPEC_CHARS anyway). */
const MAX_READ_BYTES = 64 * 1024 * 1024;

function readSpec(abs: string, cwd: string): Loaded {
  const base = { abs, rel: toPosix(path.relative(cwd, abs)) || path.basename(abs), uri: pathToFileURL(abs).href };
  // A device or a pipe named on the command line (/dev/zero, /dev/stdin) would be read forever.
  const st = statSync(abs);
  if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'not a regular file' });
  if (st.size > MAX_READ_BYTES) {
    const mb = (st.size / (1024 * 1024)).toFixed(0);
    return {
      ...base,
      text: '',
      bom: false,
      notice: {
        offset: 0,
        message: `This file is ${mb} MB; spec files are far smaller (the largest real spec is 0.3 MB), so it was not read or checked. Is it the right file?`,
      },
    };
  }
  const buf = readFileSync(abs);
  // UTF-16 with a byte-order mark (Windows "Unicode"): read it, say so, never write it back.
  const le = buf[0] === 0xff && buf[1] === 0xfe;
  if (le || (buf[0] === 0xfe && buf[1] === 0xff)) {
    const text = new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(buf);
    return {
      ...base,
      text,
      bom: false,
      notice: {
        offset: 0,
        message: `This file is UTF-16 text (${le ? 'little' : 'big'}-endian); spec files are UTF-8. It was checked as read, but --fix leaves it alone: save it as UTF-8.`,
      },
    };
  }
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const body = bom ? buf.subarray(3) : buf;
  const text = body.toString('utf8');
  const bad = invalidUtf8(body);
  if (!bad) return { ...base, text, bom };
  // Not UTF-8: say where, rather than silently showing U+FFFD. The valid prefix decodes to the same characters.
  const offset = body.subarray(0, bad.at).toString('utf8').length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const hex = body[bad.at]!.toString(16).toUpperCase().padStart(2, '0');
  const more = bad.count > 1 ? ` (and ${bad.count - 1} more such byte sequence${bad.count === 2 ? '' : 's'})` : '';
  return {
    ...base,
    text,
    bom,
    notice: {
      offset: Math.min(offset, text.length),
      message: `This file is not UTF-8 text: the byte 0x${hex} at line ${line}, column ${column} is not valid UTF-8${more}. Was it saved as Windows-1252 or Latin-1? It was checked with each such byte read as U+FFFD (\uFFFD), and --fix leaves it alone: save it as UTF-8.`,
    },
  };
}

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

export function runLint(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv, {
    flags: ['fix', 'quiet', 'no-color', 'help', 'update-baseline', 'color'],
    options: ['format', 'output', 'max-warnings', 'baseline'],
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
    const results = lintTexts(loaded, configFor);
    // A file that is not UTF-8 text says so, where the first bad byte is (reported as a YAML syntax problem).
    for (const l of loaded) {
      if (!l.notice || configFor(l.uri).rules['yaml-syntax'] === 'off') continue;
      const span = { start: l.notice.offset, end: Math.min(l.notice.offset + 1, l.text.length) };
      results.set(
        l.uri,
        sortFindings([
          { ruleId: 'yaml-syntax', severity: 'error', message: l.notice.message, uri: l.uri, span, related: [], fixes: [] },
          ...(results.get(l.uri) ?? []),
        ]),
      );
    }
    return results;
  };

  let results = lintAll();
  const fixedCounts = new Map<string, number>();
  if (args.flags.get('fix')) {
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
