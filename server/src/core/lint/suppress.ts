/**
 * Inline suppression comments, as ESLint and markdownlint allow:
 *
 *   # qualspec-disable-file [rule-id, …]      the whole file
 *   # qualspec-disable-next [rule-id, …]      on its own line: the YAML node that starts on the next line
 *   key: value  # qualspec-disable [rule-id, …]   after content: the node that starts on this line
 *
 * No rule ids means every rule. A node covers its line and every following line indented deeper.
 */
import type { Span } from '../text/line-index.js';

export interface Suppression {
  /** undefined = every rule */
  rules?: string[];
  span: Span;
  /** Where the comment is, for reporting unknown rule ids. */
  comment: Span;
}

export type Suppressions = Suppression[];

const DIRECTIVE = /#\s*qualspec-(disable-file|disable-next|disable)\b([^\n#]*)/;

interface L {
  start: number;
  text: string;
}

function lines(text: string): L[] {
  const out: L[] = [];
  let s = 0;
  while (s <= text.length) {
    let e = text.indexOf('\n', s);
    if (e === -1) e = text.length;
    out.push({ start: s, text: text.slice(s, e).replace(/\r$/, '') });
    if (e === text.length) break;
    s = e + 1;
  }
  return out;
}

const isBlankOrComment = (t: string): boolean => /^\s*(#.*)?$/.test(t);
const indent = (t: string): number => {
  const m = /^( *)(- +)?/.exec(t)!;
  return m[1]!.length;
};

function nodeSpan(ls: L[], i: number, textLength: number): Span {
  const ind = indent(ls[i]!.text);
  let j = i + 1;
  while (j < ls.length && (isBlankOrComment(ls[j]!.text) || indent(ls[j]!.text) > ind)) j++;
  // trim trailing blank lines
  let end = j < ls.length ? ls[j]!.start : textLength;
  while (j - 1 > i && isBlankOrComment(ls[j - 1]!.text)) {
    j--;
    end = ls[j]!.start;
  }
  return { start: ls[i]!.start, end: Math.max(end, ls[i]!.start + ls[i]!.text.length) };
}

export function parseSuppressions(text: string): Suppressions {
  if (!text.includes('qualspec-disable')) return [];
  const ls = lines(text);
  const out: Suppressions = [];
  for (let i = 0; i < ls.length; i++) {
    const t = ls[i]!.text;
    const m = DIRECTIVE.exec(t);
    if (!m) continue;
    const ids = m[2]!.split(/[\s,]+/).filter(Boolean);
    const comment = { start: ls[i]!.start + m.index, end: ls[i]!.start + m.index + m[0].length };
    const base = ids.length ? { rules: ids } : {};
    const ownLine = t.slice(0, m.index).trim() === '';
    if (m[1] === 'disable-file') out.push({ ...base, span: { start: 0, end: text.length }, comment });
    else if (m[1] === 'disable-next' && ownLine) {
      let j = i + 1;
      while (j < ls.length && isBlankOrComment(ls[j]!.text)) j++;
      if (j < ls.length) out.push({ ...base, span: nodeSpan(ls, j, text.length), comment });
    } else if (m[1] === 'disable' && !ownLine) out.push({ ...base, span: nodeSpan(ls, i, text.length), comment });
  }
  return out;
}

export function isSuppressed(s: Suppressions, ruleId: string, span: Span): boolean {
  for (const x of s) if (span.start >= x.span.start && span.start < x.span.end && (!x.rules || x.rules.includes(ruleId))) return true;
  return false;
}
