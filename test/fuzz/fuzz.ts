/**
 * A seeded fuzzer for the qualspec engine (issue 8, section 1). No dependency beyond the engine: its
 * own PRNG (sfc32, seeded through splitmix32), its own mutators, its own minimiser.
 *
 * Every case is a pure function of (seed, index): `caseText(seed, i)` rebuilds case i exactly, so
 * any failure can be replayed with `npm run fuzz -- --seed S --case I`.
 *
 * Cases:
 *   - index < TRUNCATE_SAMPLE.length: the truncation sample cut at offset `index` (every offset);
 *   - otherwise: a real spec (whole, or an excerpt of it) with 1–4 random mutations.
 *
 * Each case is checked by `checkCase` for:
 *   (a) no exception from parseSpecText / analyseFile / lintTexts, and no 'internal-error' finding
 *       (a check that threw, caught by the engine);
 *   (b) chunked parse == whole parse: whenever the whole parse has no error, the chunked parse's
 *       data deep-equals it (with and without a warm chunk cache);
 *   (c) every finding's span (and related span in the file) lies within the text; every fix's edits
 *       are in the text and do not overlap; applying a fix changes only the text inside its edit
 *       spans, and no edit boundary splits a surrogate pair or a CRLF;
 *   (d) the case's validation takes under 1 s of CPU.
 *
 * This module is imported by the vitest entry (fuzz.test.ts), the regression replay
 * (regressions.test.ts) and the long-run script (scripts/fuzz.mjs, via esbuild). It must not import vitest.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { analyseFile, applyEdits, ChunkCache, lintTexts, parseSpecText, type Finding, type Fix } from '../../server/src/core/index.js';
import { splitChunks } from '../../server/src/core/parse/chunker.js';
import { WorkspaceIndex } from '../../server/src/core/workspace/index.js';
import { summaryOf } from '../../server/src/core/workspace/fast-summary.js';

export const ROOT = resolve(__dirname, '../..');
export const REGRESSIONS_DIR = join(ROOT, 'test/fixtures/fuzz-regressions');
export const DEFAULT_SEED = 20261123;
/** CPU milliseconds one case may take to validate. */
export const CASE_BUDGET_MS = 1000;

// ---------------------------------------------------------------------------------------------
// PRNG

/** splitmix32: turns any 32-bit seed into well-mixed state words. */
function splitmix32(a: number): () => number {
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
}

/** sfc32: small, fast, good statistical quality; deterministic across platforms. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: number, stream = 0) {
    const sm = splitmix32((seed ^ Math.imul(stream + 1, 0x85ebca6b)) >>> 0);
    this.a = sm();
    this.b = sm();
    this.c = sm();
    this.d = sm();
    for (let i = 0; i < 12; i++) this.next();
  }
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
  /** 0 <= n < max */
  int(max: number): number {
    return max <= 0 ? 0 : Math.floor((this.next() / 0x100000000) * max);
  }
  range(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }
  chance(p: number): boolean {
    return this.next() / 0x100000000 < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
}

// ---------------------------------------------------------------------------------------------
// Corpus: the real specs, whole and in excerpts

export interface Base {
  name: string;
  text: string;
}

function readCorpusFiles(): Base[] {
  const out: Base[] = [];
  for (const dir of ['specs', 'test/fixtures/as-published']) {
    let names: string[] = [];
    try {
      names = readdirSync(join(ROOT, dir))
        .filter((n) => /\.ya?ml$/.test(n))
        .sort();
    } catch {
      continue;
    }
    for (const n of names) out.push({ name: `${dir}/${n}`, text: readFileSync(join(ROOT, dir, n), 'utf8') });
  }
  return out;
}

/**
 * An excerpt of a spec: every top-level entry, and of each top-level list only `keep` items (chosen
 * by the rng), cut at the chunker's boundaries so the excerpt is still the real text.
 */
function excerpt(text: string, rng: Rng, keep: number): string {
  const chunks = splitChunks(text);
  if (!chunks) return text;
  const byKey = new Map<string, number[]>();
  chunks.forEach((c, i) => {
    if (c.kind === 'seq-item') byKey.set(c.key, [...(byKey.get(c.key) ?? []), i]);
  });
  const kept = new Set<number>();
  for (const items of byKey.values()) {
    const start = rng.int(Math.max(1, items.length - keep + 1));
    for (const i of items.slice(start, start + keep)) kept.add(i);
  }
  return chunks.map((c, i) => (c.kind !== 'seq-item' || kept.has(i) ? text.slice(c.start, c.end) : '')).join('');
}

export interface Corpus {
  /** Bases a random case starts from. Small ones mostly, so 10,000 cases fit in a CI minute. */
  bases: Base[];
  /** The text truncated at every offset. */
  truncateSample: string;
}

let corpusMemo: Corpus | undefined;

export function corpus(): Corpus {
  if (corpusMemo) return corpusMemo;
  const files = readCorpusFiles();
  if (!files.length) throw new Error('fuzz: no spec files found under specs/ or test/fixtures/as-published/');
  const rng = new Rng(0x5eed, 99); // the corpus is the same whatever the seed
  const bases: Base[] = [];
  for (const f of files) {
    // Files under 20 kB are used whole; every file also gives excerpts of 1–3 items per list (up to 16 kB,
    // so that 10,000 cases fit in CI's minute; the whole large spec is exercised by the hostile tests).
    if (f.text.length < 20_000) bases.push(f);
    for (let k = 0; k < 8; k++) {
      const keep = 1 + (k % 3);
      const t = excerpt(f.text, rng, keep);
      if (t.length < 16_000 && !bases.some((b) => b.text === t)) bases.push({ name: `${f.name}#excerpt${k}(${keep} per list)`, text: t });
    }
  }
  // The truncation sample: the start of the ILM spec (modeline, document, change history with folded
  // scalars, facts, a sequence of sections) — every kind of construct in a little over 2 kB.
  const ilm = files.find((f) => f.name.includes('ilm-l2'))?.text ?? files[0]!.text;
  const cut = ilm.indexOf('\n', 2200);
  const truncateSample = ilm.slice(0, cut === -1 ? ilm.length : cut + 1);
  corpusMemo = { bases, truncateSample };
  return corpusMemo;
}

// ---------------------------------------------------------------------------------------------
// Mutators

const ASTRAL = ['😀', '𝕏', '👩‍👩‍👧', '🇬🇧', '𠜎', '\u{1F9EA}'];
const RTL = ['שלום', 'مرحبا', '\u202E', '\u202D', '\u200F', '\u061C', 'ע"ב'];
const COMBINING = ['\u0301', '\u0308\u0323', 'e\u0301', '\u20DD', 'Z\u0351\u0364\u036B'];
const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'];
const LONE = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF', 'a\uD83D', '\uDE00b'];
const SPACES = ['\u00A0', '\u2003', '\u3000', '\u0085', '\u2028', '\u2029', '\t', '\r', '\v', '\f'];
const CONTROLS = ['\u0000', '\u0001', '\u0007', '\u001B', '\u007F', '\u0080', '\u009F', '\uFFFE', '\uFFFF'];
const PUNCT = [':', '-', '[', ']', '{', '}', '&', '*', '!', '|', '>', "'", '"', '%', '#', '?', ',', '@', '`', ': ', '- ', '? ', '\\'];
const YAML_BITS = [
  '---\n',
  '...\n',
  '%YAML 1.1\n',
  '%TAG ! tag:x,2000:\n',
  '&a ',
  '*a',
  '&anchor ',
  '*anchor',
  '!!str ',
  '!!int ',
  '!!binary ',
  '!!map ',
  '!!seq ',
  '!<tag:yaml.org,2002:str> ',
  '!local ',
  '<<: *a\n',
  '? complex\n: key\n',
  '|+\n',
  '>-\n',
  '|2\n',
  '"\\u0000"',
  '"\\x',
  "'it''s'",
  '[a, b',
  '{a: 1',
  '}]',
];
const VALUES = [
  'yes',
  'no',
  'on',
  'off',
  'Y',
  'n',
  'null',
  '~',
  '.nan',
  '.inf',
  '-.inf',
  '0x1F',
  '0o17',
  '1e400',
  '-0',
  '9007199254740993',
  '1.10',
  '1.0',
  '010',
  '1_000',
  '2012-09-01',
  '12:30:45',
  '""',
  "''",
  '[]',
  '{}',
  '-',
  '?',
  'true',
  'False',
  '0.',
  '+1',
];

type Mutator = (t: string, rng: Rng) => string;

function posIn(t: string, rng: Rng): number {
  return rng.int(t.length + 1);
}

function linesOf(t: string): string[] {
  return t.split(/(?<=\n)/);
}

function randomUnicode(rng: Rng): string {
  const cls = rng.int(8);
  switch (cls) {
    case 0:
      return rng.pick(ASTRAL);
    case 1:
      return rng.pick(RTL);
    case 2:
      return rng.pick(COMBINING);
    case 3:
      return rng.pick(ZERO_WIDTH);
    case 4:
      return rng.pick(LONE);
    case 5:
      return rng.pick(SPACES);
    case 6:
      return rng.pick(CONTROLS);
    default: {
      // any BMP or astral code point, surrogates included
      const cp = rng.chance(0.8) ? rng.int(0x10000) : 0x10000 + rng.int(0x100000);
      return cp < 0x10000 ? String.fromCharCode(cp) : String.fromCodePoint(cp);
    }
  }
}

export const MUTATORS: Record<string, Mutator> = {
  byteFlip(t, rng) {
    const b = Buffer.from(t, 'utf8');
    if (!b.length) return t;
    const n = rng.range(1, 4);
    for (let i = 0; i < n; i++) {
      const at = rng.int(b.length);
      b[at] = rng.chance(0.5) ? b[at]! ^ (1 << rng.int(8)) : rng.int(256);
    }
    return b.toString('utf8'); // invalid UTF-8 decodes to U+FFFD, as an editor or the CLI would show it
  },
  truncate(t, rng) {
    return t.slice(0, posIn(t, rng));
  },
  deleteLines(t, rng) {
    const ls = linesOf(t);
    const at = rng.int(ls.length);
    ls.splice(at, rng.range(1, 3));
    return ls.join('');
  },
  duplicateLines(t, rng) {
    const ls = linesOf(t);
    const at = rng.int(ls.length);
    const n = rng.range(1, 6);
    ls.splice(rng.int(ls.length + 1), 0, ...ls.slice(at, at + n));
    return ls.join('');
  },
  swapLines(t, rng) {
    const ls = linesOf(t);
    if (ls.length < 2) return t;
    const a = rng.int(ls.length);
    const b = rng.chance(0.5) ? Math.min(ls.length - 1, a + 1) : rng.int(ls.length);
    const tmp = ls[a]!;
    ls[a] = ls[b]!;
    ls[b] = tmp;
    return ls.join('');
  },
  unicode(t, rng) {
    const p = posIn(t, rng);
    return t.slice(0, p) + randomUnicode(rng) + t.slice(p);
  },
  replaceChar(t, rng) {
    const p = rng.int(t.length);
    return t.slice(0, p) + randomUnicode(rng) + t.slice(p + 1);
  },
  tabs(t, rng) {
    const ls = linesOf(t);
    const n = rng.range(1, 5);
    for (let i = 0; i < n; i++) {
      const at = rng.int(ls.length);
      ls[at] = rng.chance(0.5) ? ls[at]!.replace(/^( {1,8})/, (m) => '\t'.repeat(Math.max(1, m.length >> 1))) : ls[at]!.replace(': ', ':\t');
    }
    return ls.join('');
  },
  crlf(t, rng) {
    const k = rng.int(3);
    if (k === 0) return t.replace(/\r?\n/g, '\r\n');
    if (k === 1) return t.replace(/\n/g, () => (rng.chance(0.3) ? '\r\n' : '\n'));
    return t.replace(/\n/g, () => (rng.chance(0.1) ? '\r' : '\n')); // old Mac line ends
  },
  bom(t, rng) {
    if (rng.chance(0.7)) return '\uFEFF' + t;
    const p = posIn(t, rng);
    return t.slice(0, p) + '\uFEFF' + t.slice(p);
  },
  longLine(t, rng) {
    const p = posIn(t, rng);
    const unit = rng.pick(['a', 'word ', 'é', '😀', ' ', '#', 'x: ']);
    return t.slice(0, p) + unit.repeat(rng.pick([1000, 5000, 20_000, 100_000]) / unit.length) + t.slice(p);
  },
  longKey(t, rng) {
    const ls = linesOf(t);
    const at = rng.int(ls.length + 1);
    const indent = ' '.repeat(rng.pick([0, 2, 4, 6]));
    ls.splice(at, 0, `${indent}${'k'.repeat(rng.pick([100, 1025, 5000, 50_000]))}: v\n`);
    return ls.join('');
  },
  numberToString(t, rng) {
    const re = /(:\s+|-\s+)(-?\d+(?:\.\d+)?)(?=\s*(?:#|$))/gm;
    return t.replace(re, (m, sep: string, num: string) => (rng.chance(0.3) ? `${sep}"${num}"` : m));
  },
  stringToNumber(t, rng) {
    const re = /(:\s+|-\s+)(["'])(-?\d+(?:\.\d+)*)\2/gm;
    return t.replace(re, (m, sep: string, _q: string, num: string) => (rng.chance(0.5) ? `${sep}${num}` : m));
  },
  valueSwap(t, rng) {
    const re = /(:[ \t]+)([^\n#]+)/g;
    const ms = [...t.matchAll(re)];
    if (!ms.length) return t;
    const m = rng.pick(ms);
    const start = m.index! + m[1]!.length;
    return t.slice(0, start) + rng.pick(VALUES) + t.slice(start + m[2]!.length);
  },
  indentShift(t, rng) {
    const ls = linesOf(t);
    const at = rng.int(ls.length);
    const n = rng.range(1, 8);
    const delta = rng.pick([-4, -2, -1, 1, 2, 4]);
    for (let i = at; i < Math.min(ls.length, at + n); i++) ls[i] = delta > 0 ? ' '.repeat(delta) + ls[i] : ls[i]!.replace(new RegExp(`^ {0,${-delta}}`), '');
    return ls.join('');
  },
  punctuation(t, rng) {
    let out = t;
    const n = rng.range(1, 3);
    for (let i = 0; i < n; i++) {
      const p = posIn(out, rng);
      out = out.slice(0, p) + rng.pick(PUNCT) + out.slice(p);
    }
    return out;
  },
  yamlBits(t, rng) {
    const ls = linesOf(t);
    const at = rng.int(ls.length + 1);
    const bit = rng.pick(YAML_BITS);
    if (bit.endsWith('\n')) ls.splice(at, 0, bit);
    else if (at < ls.length) {
      const l = ls[at]!;
      const c = l.indexOf(': ');
      ls[at] = c >= 0 ? l.slice(0, c + 2) + bit + l.slice(c + 2) : bit + l;
    }
    return ls.join('');
  },
  splice(t, rng) {
    const a = rng.int(t.length);
    const len = rng.range(1, 400);
    const piece = t.slice(a, a + len);
    const p = posIn(t, rng);
    return t.slice(0, p) + piece + t.slice(p);
  },
  deleteRange(t, rng) {
    const a = rng.int(t.length);
    return t.slice(0, a) + t.slice(a + rng.range(1, 200));
  },
};

const MUTATOR_NAMES = Object.keys(MUTATORS);

export interface FuzzCase {
  seed: number;
  index: number;
  /** What was done, for the report. */
  recipe: string;
  base: string;
  text: string;
}

const TRUNCATION_BASE = 'truncation sample';

export function caseText(seed: number, index: number): FuzzCase {
  const { bases, truncateSample } = corpus();
  if (index < truncateSample.length + 1) {
    return { seed, index, recipe: `truncate@${index}`, base: TRUNCATION_BASE, text: truncateSample.slice(0, index) };
  }
  const rng = new Rng(seed, index);
  const base = rng.pick(bases);
  let text = base.text;
  const steps: string[] = [];
  const n = rng.chance(0.6) ? 1 : rng.range(2, 4);
  for (let i = 0; i < n; i++) {
    const name = rng.pick(MUTATOR_NAMES);
    text = MUTATORS[name]!(text, rng);
    steps.push(name);
  }
  return { seed, index, recipe: steps.join('+'), base: base.name, text };
}

// ---------------------------------------------------------------------------------------------
// Properties

export type FailureKind = 'exception' | 'internal-error' | 'chunked-vs-whole' | 'cache' | 'fast-vs-exact' | 'span' | 'fix' | 'slow';

export interface Failure {
  kind: FailureKind;
  detail: string;
}

export interface CaseResult {
  failures: Failure[];
  /** CPU and wall milliseconds spent validating (parse + analyse + lint). */
  cpuMs: number;
  wallMs: number;
  wholeClean: boolean;
  chunked: boolean;
  findings: number;
  fixes: number;
}

/** The first place two data trees differ, as a path, or undefined when they are deep-equal. */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.join('\0') !== kb.join('\0')) return `${path}: keys [${ka.join(', ')}] vs [${kb.join(', ')}]`;
    for (const k of ka) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path}: ${short(a)} vs ${short(b)}`;
}

function short(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 120 ? s.slice(0, 117) + '…' : s;
}

/** Paths of the nodes of a data tree (breadth first, at most `max`), the root excluded. */
function dataPaths(data: unknown, max: number): (string | number)[][] {
  const out: (string | number)[][] = [];
  const queue: [unknown, (string | number)[]][] = [[data, []]];
  while (queue.length && out.length < max) {
    const [v, p] = queue.shift()!;
    if (p.length) out.push(p);
    if (Array.isArray(v)) v.forEach((x, i) => queue.push([x, [...p, i]]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) queue.push([x, [...p, k]]);
  }
  return out;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** True when offset `i` falls between the two halves of a surrogate pair or of a CRLF. */
function splitsPair(text: string, i: number): string | undefined {
  if (i <= 0 || i >= text.length) return undefined;
  const a = text.charCodeAt(i - 1);
  const b = text.charCodeAt(i);
  if (isHigh(a) && isLow(b)) return 'a surrogate pair';
  if (a === 13 && b === 10) return 'a CRLF line break';
  return undefined;
}

function checkSpan(text: string, s: { start: number; end: number } | undefined, what: string, out: Failure[]): void {
  if (!s || !Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end < s.start || s.end > text.length) {
    out.push({ kind: 'span', detail: `${what}: span ${JSON.stringify(s)} is not within the text (length ${text.length})` });
  }
}

function checkFix(text: string, f: Finding, fix: Fix, out: Failure[]): void {
  const edits = [...fix.edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let prevEnd = -1;
  for (const e of edits) {
    const before = out.length;
    checkSpan(text, e.span, `${f.ruleId} fix '${fix.title}' edit`, out);
    if (out.length > before) return;
    if (e.span.start < prevEnd) {
      out.push({ kind: 'fix', detail: `${f.ruleId} fix '${fix.title}': edits overlap at ${e.span.start}` });
      return;
    }
    prevEnd = e.span.end;
    for (const at of [e.span.start, e.span.end]) {
      const split = splitsPair(text, at);
      if (split) out.push({ kind: 'fix', detail: `${f.ruleId} fix '${fix.title}': an edit boundary at ${at} splits ${split}` });
    }
    if (typeof e.newText !== 'string') out.push({ kind: 'fix', detail: `${f.ruleId} fix '${fix.title}': newText is not a string` });
  }
  // Applying the fix changes only the text inside its edit spans: rebuild the expected result by hand.
  const { text: applied, skipped } = applyEdits(text, fix.edits);
  if (skipped.length) out.push({ kind: 'fix', detail: `${f.ruleId} fix '${fix.title}': applyEdits skipped ${skipped.length} edit(s)` });
  let expected = '';
  let at = 0;
  for (const e of edits) {
    expected += text.slice(at, e.span.start) + e.newText;
    at = e.span.end;
  }
  expected += text.slice(at);
  if (!skipped.length && applied !== expected)
    out.push({ kind: 'fix', detail: `${f.ruleId} fix '${fix.title}': applying it changed text outside its edit spans` });
}

export interface CheckOptions {
  /** A warm chunk cache (primed with the case's base text): the incremental path the server takes. */
  cache?: ChunkCache;
  /** Also run lintTexts (workspace checks); default true. */
  lint?: boolean;
  /** With a cache: also parse in chunks from scratch and compare (default false). */
  fresh?: boolean;
  /** How many data paths to locate in both parses (default 150). */
  locateSample?: number;
  /** Also analyse by the batch fast path (js-yaml data, lazy location) and compare with the exact path (default true). */
  fast?: boolean;
  uri?: string;
}

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export function checkCase(text: string, opts: CheckOptions = {}): CaseResult {
  const failures: Failure[] = [];
  const uri = opts.uri ?? 'file:///fuzz/case.qspec.yaml';
  const c0 = cpuNow();
  const w0 = performance.now();
  let wholeClean = false;
  let chunked = false;
  let findings: Finding[] = [];
  const guard = <T>(what: string, fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (e) {
      failures.push({
        kind: 'exception',
        detail: `${what} threw: ${e instanceof Error ? `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}` : String(e)}`,
      });
      return undefined;
    }
  };
  // (b) chunked vs whole. The chunked parse goes through the warm cache when there is one (as in the
  // server, and cheap); `fresh` adds a chunked parse from scratch.
  const whole = guard('parseSpecText(whole)', () => parseSpecText(text, { whole: true }));
  const parts = guard('parseSpecText(chunked)', () => parseSpecText(text, opts.cache ? { cache: opts.cache } : {}));
  if (opts.cache && opts.fresh && parts) {
    const fresh = guard('parseSpecText(chunked, no cache)', () => parseSpecText(text));
    const d = fresh && firstDifference(parts.data, fresh.data);
    if (d) failures.push({ kind: 'cache', detail: `the chunked parse through a warm cache differs from a fresh one at ${d}` });
  }
  chunked = splitChunks(text) !== undefined;
  if (whole && parts) {
    wholeClean = !whole.problems.some((p) => p.severity === 'error');
    const partsClean = !parts.problems.some((p) => p.severity === 'error');
    if (wholeClean) {
      const d = firstDifference(parts.data, whole.data);
      if (d) failures.push({ kind: 'chunked-vs-whole', detail: `the whole parse has no error, but the chunked data differs at ${d}` });
      // The locator too: every node is found at the same place, key and value.
      if (!d) {
        for (const path of dataPaths(whole.data, opts.locateSample ?? 150)) {
          // By design the chunked parse spans a top-level list from its key to its last item
          // (parse.ts, locateIn); the whole parse gives the list node. Only the keys are compared there.
          const topList = path.length === 1 && Array.isArray((whole.data as Record<string, unknown>)[path[0] as string]);
          for (const part of topList ? (['key'] as const) : (['value', 'key'] as const)) {
            const a = parts.locate(path, part);
            const b = whole.locate(path, part);
            // Node ranges may differ in trailing trivia (a comment or a line end after an empty value).
            const trivia = /^\s*(#[^\n]*)?\s*$/.test(text.slice(Math.min(a.end, b.end), Math.max(a.end, b.end)));
            if (a.start !== b.start || (a.end !== b.end && !trivia)) {
              failures.push({
                kind: 'chunked-vs-whole',
                detail: `the chunked parse locates ${JSON.stringify(path)} (${part}) at ${a.start}-${a.end}, the whole parse at ${b.start}-${b.end}`,
              });
              break;
            }
          }
          if (parts.has(path) !== whole.has(path))
            failures.push({ kind: 'chunked-vs-whole', detail: `has(${JSON.stringify(path)}) differs between the chunked and the whole parse` });
        }
      }
      if (!partsClean)
        failures.push({
          kind: 'chunked-vs-whole',
          detail: `the whole parse has no error, but the chunked parse reports ${parts.problems.find((p) => p.severity === 'error')!.code}`,
        });
    } else if (partsClean) {
      failures.push({
        kind: 'chunked-vs-whole',
        detail: `the whole parse reports ${whole.problems.find((p) => p.severity === 'error')!.code}, but the chunked parse reports no error`,
      });
    }
    for (const p of [...whole.problems, ...parts.problems]) checkSpan(text, p.span, `syntax problem ${p.code}`, failures);
  }
  // (a) analyseFile (through the cache when given: the server's path) and lintTexts
  const analysis = guard('analyseFile', () => analyseFile(uri, text, opts.cache ? { cache: opts.cache } : {}));
  if (analysis && parts) {
    // The checks must not change the parsed data (it is shared with the cache, and the next edit reuses it).
    const d = firstDifference(analysis.parsed.data, parts.data);
    if (d) failures.push({ kind: 'cache', detail: `analyseFile's parsed data differs from the chunked parse of the same text at ${d}` });
  }
  findings = analysis?.findings ?? [];
  // (d) the CLI's fast path (parse.ts `fast`, as lintTexts and the batch runner use it) finds exactly
  // what the exact path finds: same findings, spans, messages and fixes.
  if (opts.fast !== false) {
    const pair = guard('analyseFile(fast)', () => {
      const index = new WorkspaceIndex();
      const summary = summaryOf(uri, text).summary;
      index.set(summary);
      const exact = analyseFile(uri, text, { index, updateIndex: false });
      const fast = analyseFile(uri, text, { index, fast: true, summary });
      return { exact, fast };
    });
    if (pair) {
      const d = firstDifference(pair.fast.findings, pair.exact.findings);
      if (d) failures.push({ kind: 'fast-vs-exact', detail: `the fast path's findings differ from the exact path's at ${d}` });
    }
  }
  if (opts.lint !== false) {
    const linted = guard('lintTexts', () => lintTexts([{ uri, text }]));
    if (linted) findings = [...findings, ...(linted.get(uri) ?? [])];
  }
  const cpuMs = cpuNow() - c0;
  const wallMs = performance.now() - w0;
  // (c) spans and fixes
  let fixes = 0;
  const seenFix = new Set<Fix>();
  for (const f of findings) {
    if (f.ruleId === 'internal-error') failures.push({ kind: 'internal-error', detail: f.message });
    checkSpan(text, f.span, `${f.ruleId} finding '${f.message.slice(0, 80)}'`, failures);
    for (const r of f.related) if (r.uri === uri) checkSpan(text, r.span, `${f.ruleId} related '${r.message.slice(0, 60)}'`, failures);
    for (const fix of f.fixes) {
      if (seenFix.has(fix)) continue;
      seenFix.add(fix);
      fixes++;
      checkFix(text, f, fix, failures);
    }
  }
  if (cpuMs > CASE_BUDGET_MS)
    failures.push({
      kind: 'slow',
      detail: `validation took ${cpuMs.toFixed(0)} ms of CPU (${wallMs.toFixed(0)} ms wall), over the ${CASE_BUDGET_MS} ms budget`,
    });
  return { failures: dedupe(failures), cpuMs, wallMs, wholeClean, chunked, findings: findings.length, fixes };
}

function dedupe(fs: Failure[]): Failure[] {
  const seen = new Set<string>();
  return fs.filter((f) => {
    const k = `${f.kind}|${f.detail}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** A short key that groups failures of the same cause (for the summary and for minimising). */
export function failureKey(f: Failure): string {
  const first = f.detail.split('\n')[0]!;
  return `${f.kind}: ${first
    .replace(/\d+/g, 'N')
    .replace(/'[^']*'/g, "'…'")
    .slice(0, 140)}`;
}

// ---------------------------------------------------------------------------------------------
// Minimiser (ddmin over lines, then characters)

export function minimise(text: string, stillFails: (t: string) => boolean, budget = 4000): string {
  let cur = text;
  let tries = 0;
  const pass = (split: (t: string) => string[]) => {
    let parts = split(cur);
    let n = 2;
    while (parts.length >= 2 && tries < budget) {
      const size = Math.ceil(parts.length / n);
      let reduced = false;
      for (let i = 0; i < parts.length && tries < budget; i += size) {
        const cand = [...parts.slice(0, i), ...parts.slice(i + size)].join('');
        tries++;
        if (cand !== cur && stillFails(cand)) {
          cur = cand;
          parts = split(cur);
          n = Math.max(2, n - 1);
          reduced = true;
          break;
        }
      }
      if (!reduced) {
        if (size === 1) break;
        n = Math.min(parts.length, n * 2);
      }
    }
  };
  pass(linesOf);
  pass((t) => [...t]);
  return cur;
}

// ---------------------------------------------------------------------------------------------
// A run

export interface RunOptions {
  seed: number;
  cases: number;
  /** First case index (to resume or to replay one case). */
  from?: number;
  /** Called for every case (progress, CLI sampling). */
  onCase?: (c: FuzzCase, r: CaseResult) => void;
  /** Minimise failing cases (costs time; default true). */
  minimise?: boolean;
  /** Run lintTexts on every k-th case (default every case). */
  lintEvery?: number;
  /** Also parse in chunks without the cache on every k-th case (default every case). */
  freshEvery?: number;
}

export interface FailureRecord {
  key: string;
  kind: FailureKind;
  detail: string;
  seed: number;
  index: number;
  recipe: string;
  base: string;
  count: number;
  minimal?: string;
}

export interface RunStats {
  seed: number;
  cases: number;
  truncations: number;
  wholeClean: number;
  wholeCleanChunked: number;
  findings: number;
  fixes: number;
  cpuMs: number;
  wallMs: number;
  slowest: { index: number; recipe: string; base: string; cpuMs: number; wallMs: number; length: number }[];
  failures: FailureRecord[];
}

/**
 * Runs the cases. Async only to yield to the event loop every ~50 ms, so a host (vitest's worker RPC,
 * a progress timer) is never starved during a run of a minute or more.
 */
export async function runFuzz(opts: RunOptions): Promise<RunStats> {
  const from = opts.from ?? 0;
  const stats: RunStats = {
    seed: opts.seed,
    cases: 0,
    truncations: 0,
    wholeClean: 0,
    wholeCleanChunked: 0,
    findings: 0,
    fixes: 0,
    cpuMs: 0,
    wallMs: 0,
    slowest: [],
    failures: [],
  };
  const byKey = new Map<string, FailureRecord>();
  const caches = new Map<string, ChunkCache>();
  const cacheFor = (base: string): ChunkCache => {
    let c = caches.get(base);
    if (!c) {
      c = new ChunkCache();
      const b = corpus().bases.find((x) => x.name === base);
      if (b) parseSpecText(b.text, { cache: c });
      else if (base === TRUNCATION_BASE) parseSpecText(corpus().truncateSample, { cache: c });
      caches.set(base, c);
    }
    return c;
  };
  // Warm up once (the schema compiles on first use), so the first case is not charged for it.
  analyseFile('file:///fuzz/warm.yaml', corpus().bases[0]!.text);
  let lastYield = performance.now();
  for (let i = from; i < from + opts.cases; i++) {
    if (performance.now() - lastYield > 50) {
      await new Promise((r) => setImmediate(r));
      lastYield = performance.now();
    }
    const c = caseText(opts.seed, i);
    // The server keeps one cache per document; the fuzzer keeps one per base, shared by that base's
    // cases (so every case is an edit of a text the cache has seen, as in an editor).
    const r = checkCase(c.text, { cache: cacheFor(c.base), lint: i % (opts.lintEvery ?? 1) === 0, fresh: i % (opts.freshEvery ?? 1) === 0 });
    stats.cases++;
    if (i < corpus().truncateSample.length + 1) stats.truncations++;
    if (r.wholeClean) {
      stats.wholeClean++;
      if (r.chunked) stats.wholeCleanChunked++;
    }
    stats.findings += r.findings;
    stats.fixes += r.fixes;
    stats.cpuMs += r.cpuMs;
    stats.wallMs += r.wallMs;
    stats.slowest.push({ index: i, recipe: c.recipe, base: c.base, cpuMs: r.cpuMs, wallMs: r.wallMs, length: c.text.length });
    if (stats.slowest.length > 20) {
      stats.slowest.sort((a, b) => b.cpuMs - a.cpuMs);
      stats.slowest.length = 5;
    }
    for (const f of r.failures) {
      const key = failureKey(f);
      const rec = byKey.get(key);
      if (rec) {
        rec.count++;
        continue;
      }
      const nr: FailureRecord = { key, kind: f.kind, detail: f.detail, seed: opts.seed, index: i, recipe: c.recipe, base: c.base, count: 1 };
      if (opts.minimise !== false && f.kind !== 'slow') {
        nr.minimal = minimise(c.text, (t) => checkCase(t, { lint: true }).failures.some((g) => failureKey(g) === key), 3000);
      }
      byKey.set(key, nr);
      stats.failures.push(nr);
    }
    opts.onCase?.(c, r);
  }
  stats.slowest.sort((a, b) => b.cpuMs - a.cpuMs);
  stats.slowest.length = Math.min(stats.slowest.length, 5);
  return stats;
}

export function formatStats(s: RunStats): string {
  const L: string[] = [];
  L.push(`qualspec fuzz: seed ${s.seed}, ${s.cases} cases (${s.truncations} truncations of the sample, ${s.cases - s.truncations} random mutations)`);
  L.push(`  chunked vs whole: ${s.wholeClean} cases parsed without error as a whole; ${s.wholeCleanChunked} of them also split into chunks and were compared`);
  L.push(
    `  ${s.findings} findings and ${s.fixes} fixes checked; ${(s.cpuMs / 1000).toFixed(1)} s CPU, ${(s.wallMs / 1000).toFixed(1)} s wall in validation (${(s.cpuMs / Math.max(1, s.cases)).toFixed(1)} ms CPU per case)`,
  );
  L.push(`  slowest cases (CPU ms / wall ms / length / recipe):`);
  for (const x of s.slowest) L.push(`    #${x.index}: ${x.cpuMs.toFixed(0)} / ${x.wallMs.toFixed(0)} / ${x.length} / ${x.recipe} on ${x.base}`);
  if (!s.failures.length) L.push('  no failures');
  for (const f of s.failures) {
    L.push(`  FAILURE ×${f.count} [${f.kind}] case #${f.index} (seed ${f.seed}, ${f.recipe} on ${f.base}): ${f.detail.split('\n')[0]}`);
    if (f.minimal !== undefined)
      L.push(`    minimal reproduction (${f.minimal.length} chars): ${JSON.stringify(f.minimal.length > 400 ? f.minimal.slice(0, 400) + '…' : f.minimal)}`);
  }
  return L.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Regression fixtures

export interface Regression {
  name: string;
  text: string;
}

/**
 * test/fixtures/fuzz-regressions/<name>.yaml holds a case as raw text; <name>.json holds
 * {"text": "..."} for a case a UTF-8 file cannot hold (an unpaired surrogate).
 */
export function loadRegressions(): Regression[] {
  let names: string[] = [];
  try {
    names = readdirSync(REGRESSIONS_DIR).sort();
  } catch {
    return [];
  }
  const out: Regression[] = [];
  for (const n of names) {
    const full = join(REGRESSIONS_DIR, n);
    if (n.endsWith('.yaml')) out.push({ name: n, text: readFileSync(full, 'utf8') });
    else if (n.endsWith('.json')) out.push({ name: n, text: String((JSON.parse(readFileSync(full, 'utf8')) as { text: unknown }).text) });
  }
  return out;
}
