import type { Span } from '../text/line-index.js';
import { OWN_PROBLEM_CODES } from '../parse/parse.js';
import { damagedRegions, isDamage } from '../lint/damage.js';
import type { FileRule } from './types.js';

const FRIENDLY: Record<string, string> = {
  DUPLICATE_KEY: 'This key appears twice in the same place; YAML keeps only one of them, so remove or rename the other',
  BAD_INDENT: 'The indentation here does not line up with the lines around it',
  MISSING_CHAR: 'A character YAML needs is missing here',
  // `title: Sales: the basics` (a colon and a space inside a value), or a line indented under a value.
  BLOCK_AS_IMPLICIT_KEY:
    'YAML reads a colon followed by a space as the start of another key: put a value holding one in quotes (title: "Sales: the basics"), or check this line\'s indentation',
  MULTILINE_IMPLICIT_KEY: 'A key must fit on one line; is a colon missing at the end of the previous line?',
  TAB_AS_INDENT: 'Tabs cannot indent YAML: use spaces',
  UNEXPECTED_TOKEN: 'Unexpected text here',
  MULTIPLE_DOCS: 'A spec file holds one YAML document: remove the extra --- separator',
  ALIAS: '',
};

/** `yaml` uses MISSING_CHAR for several mistakes: say which one this is. */
function friendlyFor(code: string, message: string): string | undefined {
  if (code === 'MISSING_CHAR') {
    if (/sequence item without/i.test(message)) return "This line is in a list but does not start with '- ': check its indentation against the lines above";
    if (/quote/i.test(message)) return 'A quoted value is not closed: add the closing quote';
    if (/flow|[\]}]/i.test(message)) return 'A bracket is not closed, or a comma is missing between its items';
  }
  return FRIENDLY[code];
}

const WAIT = ' The other checks of these lines wait until it is fixed.';

/** The parser points at one character; a duplicate key is shown whole, anything else at least one character wide. */
function widen(text: string, code: string, span: Span): Span {
  if (code === 'DUPLICATE_KEY') {
    const eol = text.indexOf('\n', span.start);
    const line = text.slice(span.start, eol === -1 ? text.length : eol);
    // A plain key is taken greedily up to its colon and its trailing blanks trimmed by hand: a lazy key
    // followed by `[ \t]*:` took time quadratic in a run of spaces (docs/robustness.md).
    const q = /^("(?:[^"\\]|\\.)*"|'[^']*')[ \t]*:(?:[ \t]|$)/.exec(line);
    const plain = q ? undefined : /^[^\s:#][^:#]*(?=:(?:[ \t]|$))/.exec(line)?.[0];
    let len = q ? q[1]!.length : (plain?.length ?? 0);
    while (plain && len > 1 && (plain.charCodeAt(len - 1) === 32 || plain.charCodeAt(len - 1) === 9)) len--;
    if (len > 0) return { start: span.start, end: span.start + len };
  }
  return span.end > span.start ? span : { start: span.start, end: Math.min(span.start + 1, text.length) };
}

export const rule: FileRule = {
  meta: {
    id: 'yaml-syntax',
    severity: 'error',
    category: 'syntax',
    description: 'The file must be well-formed YAML: one document, consistent indentation, no duplicate keys, no aliases.',
  },
  scope: 'file',
  check({ parsed, report }) {
    // One finding per damaged region (a unit, a top-level key): its cause, or its first problem.
    const regions = damagedRegions(parsed.text, parsed.problems);
    const firsts = new Set(regions.map((r) => r.first));
    for (const r of regions) if (r.cause) report({ path: [], span: r.cause.span, message: `${r.cause.message}.${WAIT}` });
    for (const p of parsed.problems) {
      if (isDamage(p) && !firsts.has(p)) continue;
      const region = isDamage(p) ? regions.find((r) => r.first === p) : undefined;
      if (region?.cause) continue;
      const friendly = friendlyFor(p.code, p.message);
      // (A friendly text ending in a question takes no full stop after it.)
      const message = friendly ? `${friendly}${friendly.endsWith('?') ? '' : '.'} (YAML: ${p.message})` : `YAML syntax: ${p.message}`;
      const text = OWN_PROBLEM_CODES.has(p.code) ? p.message : message;
      report({ path: [], span: widen(parsed.text, p.code, p.span), message: region && region.count > 1 ? `${text}${WAIT}` : text, severity: p.severity });
    }
    if (parsed.data === undefined && parsed.problems.length === 0)
      report({ path: [], span: { start: 0, end: 0 }, message: 'The file is empty: a spec file starts with `qualspec: 1` and a document section.' });
    else if (parsed.data !== undefined && (typeof parsed.data !== 'object' || parsed.data === null || Array.isArray(parsed.data)))
      report({
        path: [],
        span: { start: 0, end: Math.min(parsed.text.length, 80) },
        message: `The file's top level is ${Array.isArray(parsed.data) ? 'a list' : 'a single value'}; a spec file is a mapping of keys (qualspec, document, groups, qualifications, units).`,
      });
  },
};
