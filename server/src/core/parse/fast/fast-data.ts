/**
 * Plain data of a chunk of YAML without source ranges: the batch linter's fast path (see parse.ts,
 * `fast`). The block reader (block-reader.ts) reads the plain block style specs are written in; what
 * it gives up on, js-yaml reads (about ten times faster than `yaml`, the reader about twice as fast
 * again). It must give exactly the data that parse.ts's own walk over `yaml`'s nodes gives, or nothing:
 *
 * - Plain scalars are resolved by the YAML 1.2 core schema as `yaml` 2 implements it (scalar.ts;
 *   js-yaml's own differ at the edges: `1e1000`).
 * - Anything parse.ts treats specially, or where the two parsers could disagree, is not attempted
 *   and the caller parses with `yaml` instead: anchors, aliases and tags (a `&`, `*` or `!` that
 *   starts a token), `__proto__`, deep nesting (see NOT_ATTEMPTED), and every text js-yaml refuses
 *   (syntax errors, duplicate keys) or reads as empty. `yaml` then reports the problem with its range.
 *
 * What remains — `yaml` reporting a problem for a text js-yaml reads without complaint — is caught
 * when a chunk is parsed by `yaml` to locate a finding (parse.ts compares the two), and the fuzz test
 * test/fuzz/fast-parse.test.ts compares the findings of both paths on thousands of damaged files.
 */
import { FAILSAFE_SCHEMA, load, Type } from 'js-yaml';
import { isJsSpace } from '../../text/chars.js';
import { Reader } from './block-reader.js';
import { GiveUp } from './scalars.js';
import type { KeyTable } from '../keys.js';
import { boolValue, floatValue, intValue, isBool, isFloat, isInt, isNull } from '../scalar.js';

// The core schema's tests and conversions (scalar.ts), as js-yaml types.
const nullType = new Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (s: string | null) => s === null || isNull(s),
  construct: () => null,
});

const boolType = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (s: string | null) => s !== null && isBool(s),
  construct: boolValue,
});

const intType = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (s: string | null) => s !== null && isInt(s),
  construct: intValue,
});

const floatType = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (s: string | null) => s !== null && isFloat(s),
  construct: floatValue,
});

const SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [nullType, boolType, intType, floatType] });

/**
 * True when a line starts with 60 or more spaces and dashes (nesting deep enough to approach
 * MAX_NESTING: js-yaml recurses once per level and has no limit of its own), or a line longer than
 * 1,024 characters has a colon past that column (`yaml` limits an implicit key to 1,024 characters,
 * js-yaml does not). A loop: a regular expression anchored at each line start is slower.
 */
function lineObstacle(text: string): boolean {
  const n = text.length;
  let start = 0;
  while (start < n) {
    let k = start;
    let c = text.charCodeAt(k);
    while (k < n && (c === 32 || c === 45)) c = text.charCodeAt(++k);
    if (k - start >= 60) return true;
    const nl = text.indexOf('\n', k);
    const end = nl === -1 ? n : nl;
    if (end - start > 1024 && text.lastIndexOf(':', end) > start + 1000) return true;
    if (nl === -1) return false;
    start = nl + 1;
  }
  return false;
}

const NESTED_FLOW = /[[{][^\]}]*[[{]/;

/** Characters that cannot start a plain scalar (after a space, `,`, `:` or `-`): `]`, `}`, `,`, `%`, `@`, a backtick. */
const RESERVED = [']', '}', ',', '%', '@', '`'];
const RESERVED_FIRST = new Set(RESERVED.map((c) => c.charCodeAt(0)));

/**
 * Whether one of RESERVED follows a space, `,`, `:` or `-` somewhere (the regular expression
 * /[\s,:-][\]},%@`]/, which is slow on prose: it stops at every space). Searched for by the reserved
 * character, which is rare but for the comma.
 */
function reservedStart(text: string): boolean {
  for (const ch of RESERVED) {
    for (let i = text.indexOf(ch, 1); i !== -1; i = text.indexOf(ch, i + 1)) {
      const b = text.charCodeAt(i - 1);
      if (b === 44 || b === 58 || b === 45 || isJsSpace(b)) return true;
    }
  }
  return false;
}

/**
 * The start of an anchor, an alias or a tag: a `&`, `*` or `!` followed by a character other than
 * whitespace (the matches of /[&*!]\S/g, found as that expression finds them: leftmost first, and
 * the next one searched for after the two characters matched) that starts the text or follows a
 * space, a line break, `[`, `{`, `,`, `?`, `:` or `-`.
 */
function tokenStart(text: string): boolean {
  const n = text.length;
  let amp = text.indexOf('&');
  let star = text.indexOf('*');
  let bang = text.indexOf('!');
  let from = 0;
  for (;;) {
    if (amp !== -1 && amp < from) amp = text.indexOf('&', from);
    if (star !== -1 && star < from) star = text.indexOf('*', from);
    if (bang !== -1 && bang < from) bang = text.indexOf('!', from);
    let p = n;
    if (amp !== -1 && amp < p) p = amp;
    if (star !== -1 && star < p) p = star;
    if (bang !== -1 && bang < p) p = bang;
    if (p >= n) return false;
    if (p + 1 >= n || isJsSpace(text.charCodeAt(p + 1))) {
      from = p + 1;
      continue;
    }
    if (p === 0) return true;
    const before = text.charCodeAt(p - 1);
    // space, tab, line break, [ { , ? : -
    if (
      before === 32 ||
      before === 9 ||
      before === 10 ||
      before === 13 ||
      before === 91 ||
      before === 123 ||
      before === 44 ||
      before === 63 ||
      before === 58 ||
      before === 45
    )
      return true;
    from = p + 2;
  }
}

/**
 * False for texts not attempted: a `&`, `*` or `!` that starts a token (an anchor, an alias or a
 * tag; a conservative test that also catches some prose), a `__proto__` key, nested flow
 * collections (deep nesting on one line), the lines lineObstacle finds, and the cases the fuzzer
 * found the two parsers to disagree on. Separate searches, each for a character that is rare in a
 * spec where it can be: a regular expression that starts with a class of common characters costs as
 * much as js-yaml's parse.
 */
function attempted(text: string): boolean {
  if (text.includes('__proto__') || ((text.includes('[') || text.includes('{')) && NESTED_FLOW.test(text)) || lineObstacle(text)) return false;
  // Where the fuzzer found the two parsers to disagree (test/fuzz): a CR that does not start a CRLF
  // (line break or not), a byte-order mark inside the text, and a comment not separated from a quoted
  // scalar or a flow collection by a space (`yaml` reports it, js-yaml reads on).
  if (text.includes('\r') && /\r(?!\n)/.test(text)) return false;
  if (text.includes('\uFEFF') || (text.includes('#') && /['"\]}]#/.test(text))) return false;
  // Tabs (js-yaml reads `\tk` as text, `yaml` refuses tab indentation; the chunker leaves such
  // files whole for the same reason), and a plain scalar starting with a character YAML reserves
  // (js-yaml reads `group: }r` as text).
  if (text.includes('\t') || RESERVED_FIRST.has(text.charCodeAt(0)) || reservedStart(text)) return false;
  return !tokenStart(text);
}

/** `attempted` and two of its tests (for tests: of the block reader, and against regular expressions). */
export const attemptedParts = { attempted, reservedStart, tokenStart };

/** The plain data of `text` as `yaml` would build it, or undefined when js-yaml is not to be trusted with it. */
export function fastData(text: string): { data: unknown } | undefined {
  if (!attempted(text)) return undefined;
  // The block reader reads the plain block style of a spec in about half js-yaml's time; js-yaml
  // reads what it gives up on.
  const read = readData(text);
  if (read !== undefined) return { data: read };
  try {
    const data = load(text, { schema: SCHEMA });
    // js-yaml reads a text of blanks (a tab) as null where `yaml` sees an empty document; a chunk of a
    // spec file is never null, so null is left to `yaml` to judge.
    return data === undefined || data === null ? undefined : { data };
  } catch {
    return undefined;
  }
}

/** Structural equality of plain data (NaN equals NaN; key order is not compared). */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameData(x, bb[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ob = b as Record<string, unknown>;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(ob, k) && sameData((a as Record<string, unknown>)[k], ob[k]));
}

/**
 * All the data of a text (a chunk of a spec: a top-level entry or items of a top-level list), or
 * undefined where the reader gives up or the text holds no value (only comments).
 */
export function readData(text: string, keys?: KeyTable): unknown {
  const r = new Reader(text, keys ? { keys } : {});
  try {
    const first = r.next(0);
    if (first >= r.ls.length) return undefined;
    const col = r.indent(first);
    // A mapping at the left margin is the document's root: document markers and directives are looked for.
    const data = r.node(first, col, [], r.spans, col === 0);
    return r.after < r.ls.length ? undefined : data;
  } catch (e) {
    // GiveUp, or a stack overflow (nesting too deep for the reader's recursion).
    if (e instanceof GiveUp || e instanceof RangeError) return undefined;
    throw e;
  }
}
