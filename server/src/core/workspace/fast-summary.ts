/**
 * The workspace summary of a spec file without parsing all of it.
 *
 * Indexing a workspace needs only a file's summary (units with their identity and sizes, KSB
 * texts, qualifications, groups, and where unit refs and group ids are used), which is a small part
 * of a spec: learning outcomes, indicative content, assessor guidance and prose sections are most
 * of its bytes. The block reader (core/parse/fast/block-reader.ts) walks the lines of the text, reads the
 * few keys the summary needs and skips everything else by indentation alone. The data it reads goes
 * through the core's own buildModel and summarise, with a locator built from the spans it recorded,
 * so the summary is the same as the full parse's.
 *
 * Where the reader gives up (anchors, tabs, flow mappings, multi-line scalars, duplicate keys,
 * document markers where a value is needed), the item of a top-level list it was in is parsed by
 * `yaml` alone (readSummaryAround), or else the whole file.
 */
import { buildModel } from '../model/spec.js';
import { MAX_SPEC_CHARS, parseItemChunk, parseSpecText, type ItemChunk, type ParsedFile, type Path } from '../parse/parse.js';
import { splitChunks } from '../parse/chunker.js';
import { Reader, type ReadItems, type Want } from '../parse/fast/block-reader.js';
import { GiveUp } from '../parse/fast/scalars.js';
import { keyTable } from '../parse/keys.js';
import { parseSuppressions } from '../lint/suppress.js';
import { summarise, type FileSummary } from './index.js';

const UNIT_SCALARS = new Set(['ref', 'uan', 'title', 'level', 'group', 'glh', 'tqt', 'credit', 'summary', 'specifiedIn']);
const RULE_LISTS = new Set(['units', 'mandatory', 'barred', 'groups']);

/** Whether segment i of a path is a list index. */
const isIndex = (p: readonly (string | number)[], i: number): boolean => typeof p[i] === 'number';

/** What the summary needs at a path ('#' = any index): a collection to read, a scalar, or nothing. */
function want(p: readonly (string | number)[]): Want {
  const n = p.length;
  if (n === 0) return 'node';
  const top = p[0];
  if (top === 'units') {
    if (n === 1) return 'node';
    if (!isIndex(p, 1)) return false;
    if (n === 2) return 'node';
    const k = p[2];
    if (n === 3) return typeof k === 'string' && UNIT_SCALARS.has(k) ? 'scalar' : k === 'apprenticeshipLinks' ? 'node' : false;
    if (k !== 'apprenticeshipLinks' || !isIndex(p, 3)) return false;
    if (n === 4) return 'node';
    if (n === 5) return p[4] === 'standard' ? 'scalar' : p[4] === 'ksbs' ? 'node' : false;
    if (p[4] !== 'ksbs' || !isIndex(p, 5)) return false;
    if (n === 6) return 'node';
    if (n === 7) return p[6] === 'code' || p[6] === 'text' ? 'scalar' : false;
    return false;
  }
  if (top === 'qualifications') {
    if (n === 1) return 'node';
    if (!isIndex(p, 1)) return false;
    if (n === 2) return 'node';
    const k = p[2];
    if (n === 3) return k === 'title' || k === 'type' || k === 'qan' ? 'scalar' : k === 'units' || k === 'rules' || k === 'pool' ? 'node' : false;
    if (k === 'units') {
      if (!isIndex(p, 3)) return false;
      if (n === 4) return 'any';
      return n === 5 && p[4] === 'ref' ? 'scalar' : false;
    }
    if (k === 'rules') {
      if (!isIndex(p, 3)) return false;
      if (n === 4) return 'node';
      if (typeof p[4] !== 'string' || !RULE_LISTS.has(p[4] as string)) return false;
      if (n === 5) return 'node';
      return n === 6 && isIndex(p, 5) ? 'scalar' : false;
    }
    if (k === 'pool') {
      if (n === 4) return p[3] === 'groups' || p[3] === 'units' ? 'node' : false;
      return n === 5 && isIndex(p, 4) ? 'scalar' : false;
    }
    return false;
  }
  if (top === 'groups') {
    if (n === 1) return 'node';
    if (!isIndex(p, 1)) return false;
    if (n === 2) return 'node';
    return n === 3 && (p[2] === 'id' || p[2] === 'title') ? 'scalar' : false;
  }
  return false;
}

/** The keys `want` looks for, handed out by the reader as these strings (see keyTable). */
const KNOWN_KEYS = keyTable([
  ...UNIT_SCALARS,
  ...RULE_LISTS,
  'apprenticeshipLinks',
  'standard',
  'ksbs',
  'code',
  'text',
  'qualifications',
  'type',
  'qan',
  'rules',
  'pool',
  'id',
]);

/** A ParsedFile over the recorded spans. Its text is empty: summarise() would recount the line starts, which the reader already has. */
function fakeParsed(data: unknown, r: Reader, exactChunks: ReadonlyMap<number, ExactChunk> | undefined): ParsedFile {
  const flat = r.flat;
  const tree = r.spans;
  const k = (p: Path) => p.join('\u0000');
  const locate = flat ? (p: Path) => flat.get(k(p)) ?? { start: 0, end: 0 } : (p: Path) => tree.find(p)?.span ?? { start: 0, end: 0 };
  const has = flat ? (p: Path) => flat.has(k(p)) : (p: Path) => tree.find(p)?.span !== undefined;
  if (!r.takenItems.size || !exactChunks) return { text: '', data, problems: [], reparsedChunks: 0, locate, has, nodeAt: () => undefined };
  // Under an item taken from a chunk parsed by `yaml`, that parse locates.
  const exact = (p: Path) => {
    const taken = p.length >= 2 && typeof p[1] === 'number' ? r.takenItems.get(String(p[0]))?.get(p[1]) : undefined;
    return taken && { chunk: exactChunks.get(taken.from)!.chunk, i: taken.i };
  };
  return {
    text: '',
    data,
    problems: [],
    reparsedChunks: 0,
    locate(p, part = 'value') {
      const e = exact(p);
      return e ? e.chunk.locate(e.i, p.slice(2), part).span : locate(p);
    },
    has(p) {
      const e = exact(p);
      return e ? e.chunk.locate(e.i, p.slice(2)).complete : has(p);
    },
    nodeAt: () => undefined,
  };
}

/** A chunk of a damaged item of a top-level sequence, parsed by `yaml`, for the reader to take as it is. */
interface ExactChunk extends ReadItems {
  chunk: ItemChunk;
}

/** The summary from the fast reader, or undefined when the file needs the full parser. */
export function fastSummary(uri: string, text: string): FileSummary | undefined {
  const r = readSummary(uri, text);
  return r instanceof Reader ? undefined : r;
}

/**
 * The summary from the reader, or the reader where it gave up (undefined: no use trying again).
 * With `lines`, the summary's lineStarts are left empty and the reader's own (LF only) go there.
 */
function readSummary(uri: string, text: string, exact?: ReadonlyMap<number, ExactChunk>, lines?: Lines): FileSummary | Reader | undefined {
  // A file the parser refuses unread (too large, binary) is left to it: the reader would read all of
  // it (a 20 MB spec ran out of memory).
  if (text.length > MAX_SPEC_CHARS || text.includes('\0')) return undefined;
  // Anchors and aliases in the parts read make the reader give up; elsewhere they change nothing it reads.
  const r = new Reader(text, { want, keys: KNOWN_KEYS, spans: true, rootDuplicates: 'first', ...(exact ? { items: exact } : {}) });
  try {
    const first = r.next(0);
    if (first >= r.ls.length) return undefined;
    if (r.indent(first) !== 0) return undefined;
    const data = r.mapping(first, 0, [], r.spans, true);
    if (r.after < r.ls.length) return undefined; // something after the root mapping that it could not read
    const model = buildModel(data);
    const summary = summarise(uri, fakeParsed(data, r, exact), model, parseSuppressions(text));
    if (lines) lines.lf = r.ls;
    summary.lineStarts = lines ? [] : toArray(r.ls);
    return summary;
  } catch (e) {
    // A stack overflow (text nested too deep for the reader's recursion) is left to the guarded parse.
    if (e instanceof GiveUp) return r;
    if (e instanceof RangeError) return undefined;
    throw e;
  }
}

/** Where readSummary puts the line starts it counted (LF only), for a caller that keeps them itself. */
interface Lines {
  lf?: Int32Array;
}

/** A plain array copy of a typed array (Array.from would go through an iterator, one object an element). */
function toArray(a: Int32Array): number[] {
  const out = new Array<number>(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]!;
  return out;
}

/** At most this many damaged items are parsed one by one; a file with more is parsed whole. */
const MAX_EXACT_ITEMS = 4;

/**
 * The summary by the reader, where it gave up only inside items of top-level sequences (a unit with a
 * syntax error, say): each such item is parsed by `yaml` on its own, as the chunked parse would parse
 * it, and the reader takes it as it is and reads on. A file of 40 units with one damaged unit then
 * costs one unit's parse, not the whole file's (the whole file is about 50 times slower).
 */
function readSummaryAround(uri: string, text: string, lines?: Lines): { summary: FileSummary; parsedItems: number } | undefined {
  let got = readSummary(uri, text, undefined, lines);
  if (!(got instanceof Reader)) return got && { summary: got, parsedItems: 0 };
  if (got.flat) return undefined;
  const chunks = splitChunks(text);
  if (!chunks) return undefined;
  const exact = new Map<number, ExactChunk>();
  while (got instanceof Reader && exact.size < MAX_EXACT_ITEMS) {
    // The item holding the line the reader was on. (Were the reader to give up in one item because
    // of another, it would next give up on that one, and the loop take it too.)
    const ls = got.ls;
    const at = ls[Math.min(got.line, ls.length - 1)]!;
    const c = chunks.find((x) => x.kind === 'seq-item' && x.start <= at && at < x.end);
    if (!c || exact.has(c.start)) return undefined;
    const chunk = parseItemChunk(text.slice(c.start, c.end), c.start);
    if (!chunk) return undefined;
    exact.set(c.start, { key: c.key, items: chunk.items, chunk, endLine: lineAt(ls, c.end) });
    got = readSummary(uri, text, exact, lines);
  }
  return got instanceof Reader || !got ? undefined : { summary: got, parsedItems: exact.size };
}

/** The index of the line starting at `offset` in `ls`, or ls.length when none does (the text's end). */
function lineAt(ls: ArrayLike<number>, offset: number): number {
  let lo = 0;
  let hi = ls.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = ls[mid]!;
    if (v === offset) return mid;
    if (v < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return ls.length;
}

/**
 * A copy of a string that does not share memory with the text it was cut from. (V8 keeps the whole
 * source text alive behind a slice of it: an index of 1,000 summaries would hold every file.)
 */
const own = (s: string): string => (s.length < 13 ? s : (' ' + s).slice(1));

/** The summary with every string copied out of the file's text (see `own`). */
export function detach(summary: FileSummary): FileSummary {
  const str = <T>(v: T): T => (typeof v === 'string' ? (own(v) as T) : v);
  for (const u of summary.units) {
    u.ref = own(u.ref);
    if (u.specifiedIn !== undefined) u.specifiedIn = own(u.specifiedIn);
    for (const k of Object.keys(u.fields) as (keyof typeof u.fields)[]) u.fields[k] = str(u.fields[k]);
  }
  for (const q of summary.qualifications) {
    if (q.qan !== undefined) q.qan = own(q.qan);
    if (q.title !== undefined) q.title = own(q.title);
  }
  for (const g of summary.groups) {
    g.id = own(g.id);
    if (g.title !== undefined) g.title = own(g.title);
  }
  for (const k of summary.ksbs) {
    k.standard = own(k.standard);
    k.code = own(k.code);
    k.text = own(k.text);
    if (k.unitRef !== undefined) k.unitRef = own(k.unitRef);
  }
  for (const u of summary.uses) u.ref = own(u.ref);
  for (const x of summary.suppressions) if (x.rules) x.rules = x.rules.map(own);
  return summary;
}

/**
 * The summary of a spec file's text, for the index (strings detached from the text): the fast reader
 * (which may have parsed a few damaged items with `yaml`: `parsedItems`), else the full parse.
 *
 * With `lineStarts: false` the summary's lineStarts are left empty, and `lfStarts` gives the line
 * starts the fast reader counted, where it read the file: the offsets after each LF (not a lone CR),
 * the text's length last when it ends with a line break. The CLI keeps them itself, typed.
 */
export function summaryOf(
  uri: string,
  text: string,
  options: { lineStarts?: boolean } = {},
): { summary: FileSummary; fast: boolean; parsedItems: number; lfStarts?: Int32Array } {
  const lines: Lines | undefined = options.lineStarts === false ? {} : undefined;
  const fast = readSummaryAround(uri, text, lines);
  if (fast) return { summary: detach(fast.summary), fast: true, parsedItems: fast.parsedItems, ...(lines?.lf ? { lfStarts: lines.lf } : {}) };
  const parsed = parseSpecText(text);
  const summary = detach(summarise(uri, parsed, buildModel(parsed.data), parseSuppressions(text)));
  if (lines) summary.lineStarts = [];
  return { summary, fast: false, parsedItems: 0 };
}

/** Why the fast reader gives up on a text (for tests and diagnosis); undefined when it does not. */
export function fastSummaryObstacle(text: string): string | undefined {
  let reader: Reader | undefined;
  try {
    const r = (reader = new Reader(text, { want, keys: KNOWN_KEYS, spans: true, rootDuplicates: 'first' }));
    const first = r.next(0);
    r.mapping(first, 0, [], r.spans, true);
    if (r.after < r.ls.length) return `unread text from line ${r.after + 1}`;
    return undefined;
  } catch (e) {
    if (e instanceof GiveUp) return `${e.message} (line ${(reader?.line ?? 0) + 1})`;
    throw e;
  }
}
