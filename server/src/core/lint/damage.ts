/**
 * One root cause per YAML mistake. When the YAML of a file is damaged, the parser reports a cascade
 * (one space of indentation removed gives a dozen problems), and the schema and domain checks then
 * read the half-parsed data and add findings that contradict each other. This module finds the
 * damaged regions (the top-level item — a unit, a qualification, a top-level key — around each
 * syntax problem), the line that caused the damage when it is an indentation mistake, and which
 * findings to hold back until the file parses again.
 */
import type { SyntaxProblem } from '../parse/parse.js';
import type { Span } from '../text/line-index.js';

/** Problems that leave the data readable: they are reported one by one and damage nothing. */
// (A refused file — too large, binary, nested too deep — has no data to check: nothing else is reported, and its text is not read.)
const HARMLESS = new Set(['DUPLICATE_KEY', 'CONTROL_CHAR', 'ALIAS', 'TOO_MANY_PROBLEMS', 'FILE_TOO_LARGE', 'BINARY', 'NESTING_TOO_DEEP']);

/** Whether a syntax problem damages the data around it (the parser had to guess). */
export function isDamage(p: SyntaxProblem): boolean {
  return p.severity === 'error' && !HARMLESS.has(p.code);
}

interface Line {
  start: number;
  end: number;
  indent: number;
  /** Blank or a comment: no part of the structure. */
  empty: boolean;
}

function linesOf(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let i = start;
    while (i < end && text.charCodeAt(i) === 32) i++;
    const c = text.charCodeAt(i);
    const empty = i >= end || c === 35 /* # */ || (c === 13 && i + 1 >= end);
    out.push({ start, end, indent: i - start, empty });
    if (end >= text.length) break;
    start = end + 1;
  }
  return out;
}

function lineOf(lines: readonly Line[], offset: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Does the line (from its indentation on) start an item, or a `key:` entry? */
function isItemOrKey(text: string, l: Line): boolean {
  const s = text.slice(l.start + l.indent, l.end);
  if (/^-(\s|$)/.test(s) || /^("[^"]*"|'[^']*')[ \t]*:(\s|$)/.test(s)) return true;
  if (/^[\s#'"{}[\],&*!|>%@`?:-]/.test(s)) return false;
  // A plain key: the first `: ` (or a `:` ending the line) before any comment. (Searched by hand: a
  // lazy pattern before `\s*:` takes time quadratic in a long line.)
  for (let i = s.indexOf(':'); i !== -1; i = s.indexOf(':', i + 1)) {
    const hash = s.indexOf(' #');
    if (hash !== -1 && hash < i) return false;
    const next = s.charCodeAt(i + 1);
    if (i + 1 >= s.length || next === 32 || next === 9 || next === 13) return true;
  }
  return false;
}

/**
 * The region an item spans: from the nearest line at or before `at` that starts an item or a key
 * at indentation 2 or less (a unit of `units:`, a key of `document:`, a top-level key), to the line
 * before the next such line at that indentation or less.
 */
function itemRegion(text: string, lines: readonly Line[], at: number): [number, number] {
  let s = at;
  while (s > 0 && (lines[s]!.empty || lines[s]!.indent > 2 || !isItemOrKey(text, lines[s]!))) s--;
  const base = lines[s]!.indent;
  let e = at + 1;
  while (e < lines.length && (lines[e]!.empty || lines[e]!.indent > base || (lines[e]!.indent === base && !isItemOrKey(text, lines[e]!)))) e++;
  return [s, e - 1];
}

export interface DamagedRegion {
  span: Span;
  /** The first damaging problem in the region. */
  first: SyntaxProblem;
  /** How many damaging problems the region holds. */
  count: number;
  /** The line that caused the damage, when it is an indentation mistake. */
  cause?: { span: Span; message: string };
}

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const spaces = (n: number) => `${WORDS[n] ?? String(n)} space${n === 1 ? '' : 's'}`;

/**
 * The first line, from `from` to `to`, whose indentation fits none of the levels open above it:
 * "indented one space less than the keys around it". Block-scalar text (after `|` or `>`) and the
 * continuation lines of a plain value are prose and may be indented freely.
 */
function indentCause(text: string, lines: readonly Line[], from: number, to: number, reportFrom: number): DamagedRegion['cause'] {
  const stack: number[] = [];
  const dashes = new Set<number>(); // levels of the stack that are a list's dashes
  let blockOwner = -1; // indentation of the key whose block scalar is being read
  let prevOpens = true; // the previous structural line ends with `key:` or `-` (a child may follow)
  let prevKeyValue = false; // the previous structural line is `key: value`
  for (let i = from; i <= to && i < lines.length; i++) {
    const l = lines[i]!;
    if (l.empty) continue;
    if (blockOwner >= 0) {
      if (l.indent > blockOwner) continue;
      blockOwner = -1;
    }
    const body = text.slice(l.start + l.indent, l.end).replace(/\r$/, '');
    const top = stack.length ? stack[stack.length - 1]! : -1;
    if (l.indent > top && stack.length) {
      if (!prevOpens) {
        // More indented than a `key: value` line: a continuation of its value, unless it is a key.
        if (prevKeyValue && isItemOrKey(text, l) && !/^-(\s|$)/.test(body) && i >= reportFrom) {
          const n = l.indent - top;
          return {
            span: { start: l.start, end: l.end },
            message: `This line is indented ${spaces(n)} more than the key above it, so YAML reads it as part of that key's value: line it up with the key above (${spaces(top)} in)`,
          };
        }
        continue;
      }
    } else if (l.indent < top) {
      let popped = top;
      while (stack.length && stack[stack.length - 1]! > l.indent) dashes.delete((popped = stack.pop()!));
      const now = stack.length ? stack[stack.length - 1]! : -1;
      // A key at the column of a list's dashes, inside an item: it belongs with the item's keys.
      // (A mistake above the region is another region's: the lines after it are read as they stand.)
      if ((now !== l.indent || (dashes.has(now) && !/^-(\s|$)/.test(body) && popped > now)) && i >= reportFrom) {
        const n = popped - l.indent;
        return {
          span: { start: l.start, end: l.end },
          message: `This line is indented ${spaces(n)} less than the keys around it: line it up with the keys above (${spaces(popped)} in)`,
        };
      }
    }
    if (!stack.length || stack[stack.length - 1]! < l.indent) stack.push(l.indent);
    if (/^-(\s|$)/.test(body)) dashes.add(l.indent);
    // `- key: value`: the mapping of the item starts after the dash.
    const dash = /^(-\s+)(?=\S)/.exec(body);
    if (dash && isItemOrKey(text, { ...l, indent: l.indent + dash[1]!.length })) stack.push(l.indent + dash[1]!.length);
    const hash = body.search(/[ \t]#/);
    const noComment = (hash === -1 ? body : body.slice(0, hash)).trimEnd();
    const indicator = /[|>][-+0-9]{0,2}$/.exec(noComment);
    const beforeIndicator = indicator ? noComment.slice(0, indicator.index).trimEnd() : '';
    prevOpens = noComment.endsWith(':') || noComment === '-' || (indicator !== null && (beforeIndicator.endsWith(':') || beforeIndicator === '-'));
    prevKeyValue = !prevOpens && isItemOrKey(text, l);
    if (indicator && beforeIndicator.endsWith(':')) blockOwner = dash ? l.indent + dash[1]!.length : l.indent;
    if (indicator && beforeIndicator === '-') blockOwner = l.indent;
  }
  return undefined;
}

/** A value that opens a quote and never closes it, from `from` to `to`. */
function quoteCause(text: string, lines: readonly Line[], from: number, to: number): DamagedRegion['cause'] {
  for (let i = Math.max(0, from); i <= to && i < lines.length; i++) {
    const l = lines[i]!;
    if (l.empty) continue;
    const m = /^(?:-\s+)?(?:[^\s#'"][^#:]*:\s+)?(["'])/.exec(text.slice(l.start + l.indent, l.end));
    if (!m) continue;
    const q = m[1]!;
    const rest = text.slice(l.start + l.indent + m[0].length, l.end);
    const closed = q === '"' ? /^(?:[^"\\]|\\.)*"/.test(rest) : /^(?:[^']|'')*'(?!')/.test(rest);
    if (!closed) {
      const at = l.start + l.indent + m[0].length - 1;
      return {
        span: { start: at, end: l.end },
        message: `This value opens a quote (${q}) that is never closed, so YAML reads the lines after it as part of the value: add the closing ${q} at the end of the value`,
      };
    }
  }
  return undefined;
}

/** The damaged regions of a file, in text order; empty when its YAML is sound. */
export function damagedRegions(text: string, problems: readonly SyntaxProblem[]): DamagedRegion[] {
  const damage = problems.filter(isDamage).sort((a, b) => a.span.start - b.span.start);
  if (!damage.length) return [];
  const lines = linesOf(text);
  const ranges: { s: number; e: number; first: SyntaxProblem; count: number; cause?: DamagedRegion['cause'] }[] = [];
  for (const p of damage) {
    // A problem at the start of a line is often the end of what the line before began (a quote run on).
    const off = p.span.start > 0 && text.charCodeAt(p.span.start - 1) === 10 ? p.span.start - 1 : p.span.start;
    const at = lineOf(lines, off);
    let [s, e] = itemRegion(text, lines, at);
    e = Math.max(e, itemRegion(text, lines, lineOf(lines, p.span.start))[1]);
    let cause: DamagedRegion['cause'];
    if (!ranges.length || s > ranges[ranges.length - 1]!.e + 1) {
      let top = s;
      while (top > 0 && (lines[top]!.empty || lines[top]!.indent > 0)) top--;
      const upto = lineOf(lines, p.span.start) + 1;
      cause = /quote/i.test(p.message) ? quoteCause(text, lines, s, upto) : (indentCause(text, lines, top, upto, s) ?? quoteCause(text, lines, s, upto));
      if (cause) s = Math.min(s, itemRegion(text, lines, lineOf(lines, cause.span.start))[0]);
      // A line indented less than the keys of a top-level entry damages that whole entry.
      if (lines[at]!.indent < 2 || (cause && lines[lineOf(lines, cause.span.start)]!.indent < 2)) s = top;
    }
    const last = ranges[ranges.length - 1];
    if (last && s <= last.e + 1) {
      last.s = Math.min(last.s, s);
      last.e = Math.max(last.e, e);
      last.count++;
    } else ranges.push({ s, e, first: p, count: 1, ...(cause ? { cause } : {}) });
  }
  return ranges.map((r) => ({
    span: { start: lines[r.s]!.start, end: lines[r.e]!.end },
    first: r.first,
    count: r.count,
    ...(r.cause ? { cause: r.cause } : {}),
  }));
}

/**
 * The rules whose findings read the whole file's units and rules together (combination, totals,
 * references between units): while part of the file is damaged their answers are about data the
 * parser guessed, so they wait, anywhere in the file, until it parses.
 */
const WHOLE_FILE_CATEGORIES = new Set(['combination', 'references']);
const WHOLE_FILE_RULES = new Set(['award-totals', 'unit-mention-mismatch', 'unit-copy-mismatch']);

/**
 * The findings to keep while the file is damaged: the syntax findings, and every other finding
 * outside the damaged regions that does not read the whole file. The rest return when it parses.
 */
export function holdBackDamaged<F extends { ruleId: string; span: Span }>(
  findings: F[],
  regions: readonly DamagedRegion[],
  categoryOf: (ruleId: string) => string | undefined,
): F[] {
  if (!regions.length) return findings;
  return findings.filter((f) => {
    if (f.ruleId === 'yaml-syntax' || f.ruleId === 'internal-error') return true;
    if (WHOLE_FILE_RULES.has(f.ruleId) || WHOLE_FILE_CATEGORIES.has(categoryOf(f.ruleId) ?? '')) return false;
    // The file's top-level mapping is damaged with its parts: a finding on it (an unknown key) waits too.
    if (f.span.start === 0 && (f.ruleId === 'schema' || f.ruleId === 'unknown-key')) return false;
    return !regions.some((r) => f.span.start <= r.span.end && f.span.end >= r.span.start);
  });
}
