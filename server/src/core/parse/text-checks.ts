/**
 * Checks of a spec's text as a whole, the same whether it is parsed in chunks or at once: files refused
 * unread (too large, binary), characters YAML does not allow, and the cap on how many problems are
 * listed one by one.
 */
import { MAX_SYNTAX_PROBLEMS } from './guard.js';
import type { ParsedFile, SyntaxProblem } from './types.js';

/** Largest text parsed, in UTF-16 code units (the largest real spec is 0.3 M): larger files are refused unread. */
export const MAX_SPEC_CHARS = 5 * 1024 * 1024;
/** At most this many control-character problems are reported one by one. */
const MAX_CONTROL_REPORTS = 10;
/** Problem codes whose messages the parser writes as full sentences for people (not `yaml`'s words). */
export const OWN_PROBLEM_CODES: ReadonlySet<string> = new Set(['ALIAS', 'NESTING_TOO_DEEP', 'FILE_TOO_LARGE', 'BINARY', 'CONTROL_CHAR', 'TOO_MANY_PROBLEMS']);

/** Line and column (1-based) of an offset, for messages. */
function lineCol(text: string, offset: number): string {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return `line ${line}, column ${offset - last}`;
}

const CONTROL_NAMES: Record<number, string> = {
  0: 'NUL',
  7: 'BEL',
  8: 'BACKSPACE',
  11: 'VERTICAL TAB',
  12: 'FORM FEED',
  27: 'ESCAPE',
  127: 'DELETE',
  0xfffe: 'a noncharacter',
  0xffff: 'a noncharacter',
};
// Characters YAML does not allow in a file (outside its c-printable set), and surrogates, of which
// only the unpaired ones are reported (one character class is much faster to search for than the
// lookarounds that would say "unpaired").
const NOT_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]/g;

/** Problems of the text as a whole (the same whether it is parsed in chunks or at once). */
export function textProblems(text: string): SyntaxProblem[] {
  const out: SyntaxProblem[] = [];
  NOT_PRINTABLE.lastIndex = 0;
  let m: RegExpExecArray | null;
  let count = 0;
  while ((m = NOT_PRINTABLE.exec(text))) {
    const at = m.index;
    const c0 = text.charCodeAt(at);
    if (c0 >= 0xd800 && c0 <= 0xdbff) {
      const next = text.charCodeAt(at + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        NOT_PRINTABLE.lastIndex = at + 2; // a pair: one character outside the BMP
        continue;
      }
    }
    count++;
    if (count > MAX_CONTROL_REPORTS) continue;
    const c = m[0].charCodeAt(0);
    const hex = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
    const what =
      c >= 0xd800 && c <= 0xdfff
        ? `half of a broken character (an unpaired surrogate, ${hex})`
        : `the control character ${hex}${CONTROL_NAMES[c] ? ` (${CONTROL_NAMES[c]})` : ''}`;
    out.push({
      code: 'CONTROL_CHAR',
      severity: 'error',
      span: { start: m.index, end: m.index + m[0].length },
      message: `This text contains ${what}, which YAML does not allow in a file: delete it (it often comes from pasting out of a word processor).`,
    });
  }
  if (count > MAX_CONTROL_REPORTS) {
    const last = out[out.length - 1]!;
    last.message += ` ${count - MAX_CONTROL_REPORTS} more such characters follow in the file.`;
  }
  return out;
}

/** A file refused before parsing: too large, or binary. */
export function refusal(text: string): SyntaxProblem | undefined {
  if (text.length > MAX_SPEC_CHARS) {
    const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
    return {
      code: 'FILE_TOO_LARGE',
      severity: 'error',
      span: { start: 0, end: 0 },
      message: `This file is ${mb(text.length)} million characters long; qualspec checks spec files of up to ${mb(MAX_SPEC_CHARS)} million (the largest real spec is about 0.3), so it was not checked. Split it into several spec files.`,
    };
  }
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    return {
      code: 'BINARY',
      severity: 'error',
      span: { start: nul, end: nul + 1 },
      message: `This file contains a NUL character (first at ${lineCol(text, nul)}): it is a binary file, not a YAML spec, so it was not checked.`,
    };
  }
  return undefined;
}

export function refusedFile(text: string, problem: SyntaxProblem): ParsedFile {
  return {
    text,
    data: undefined,
    problems: [problem],
    reparsedChunks: 0,
    locate: () => ({ start: 0, end: 0 }),
    has: () => false,
    nodeAt: () => undefined,
  };
}

/**
 * The first MAX_SYNTAX_PROBLEMS problems in text order, then one that says how many more there are
 * (counting those the parser already left out, see cstGuarded).
 */
export function capProblems(problems: SyntaxProblem[]): SyntaxProblem[] {
  const summaries = problems.filter((p) => p.code === 'TOO_MANY_PROBLEMS');
  const rest = problems.filter((p) => p.code !== 'TOO_MANY_PROBLEMS');
  if (!summaries.length && rest.length <= MAX_SYNTAX_PROBLEMS) return problems;
  const sorted = rest.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let more = summaries.reduce((n, p) => n + (p.hidden ?? 0), 0);
  const at = [...summaries.map((p) => p.span)];
  if (sorted.length > MAX_SYNTAX_PROBLEMS) {
    more += sorted.length - MAX_SYNTAX_PROBLEMS;
    at.push(sorted[MAX_SYNTAX_PROBLEMS]!.span);
  }
  const span = at.sort((a, b) => a.start - b.start)[0]!;
  const kept = sorted.slice(0, MAX_SYNTAX_PROBLEMS);
  return [
    ...kept,
    {
      code: 'TOO_MANY_PROBLEMS',
      severity: 'error',
      span,
      hidden: more,
      message: `${more} more YAML problem${more === 1 ? '' : 's'} from here on ${more === 1 ? 'is' : 'are'} not listed one by one: fix the ones above first (is the file damaged, or not YAML at all?).`,
    },
  ];
}
