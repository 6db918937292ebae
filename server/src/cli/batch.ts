/**
 * Linting many spec files for the CLI, within CI's time and memory budget (issue 4: 1,000 files of
 * about 400 kB in under 15 s and 1 GB on two cores).
 *
 * The steps of the lint pipeline (core/lint/pipeline.ts), the first two spread over worker threads
 * when there are enough files; this file holds only the pool and what crosses between threads:
 * 1. summarise: read each file and take its workspace summary (units, qualifications, groups and
 *    where refs are used) with the fast summary reader, plus its line starts;
 * 2. analyse: every worker indexes the units of all summaries, then reads its share of the files
 *    again and runs the file checks on each (checkFile).
 * Meanwhile the main thread runs the workspace checks over the index (checkWorkspace). No file's text is held after
 * its step, so memory stays flat as the workspace grows: what crosses between threads is the
 * summaries (as JSON), the findings (with the text under each, for fingerprints) and the line starts
 * (to turn offsets into lines and columns, also for related locations in other files).
 *
 * The findings are the ones `lintTexts` gives for the same texts (test/unit/batch.test.ts).
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { checkFile, checkWorkspace, indexOf, summariseText, withWorkspace } from '../core/lint/pipeline.js';
import type { Finding } from '../core/rules/types.js';
import { lineStartsOf } from '../core/text/line-index.js';
import { WorkspaceIndex, type FileSummary } from '../core/workspace/index.js';
import { ConfigResolver } from '../host/files.js';
import { ReadError, readSpecOrThrow, type Loaded } from '../host/read-spec.js';
import type { LocatedFinding } from './report.js';
import { configResolver } from './config-file.js';

/** A file of the batch, without its text. */
export type BatchFile = Omit<Loaded, 'text'>;

export interface BatchResult {
  /** The files, in the order given. */
  files: BatchFile[];
  /** Findings by file URI, sorted; each carries the text under its span. */
  findings: Map<string, LocatedFinding[]>;
  /** Line starts and length of every file, by URI. */
  lines: Map<string, { starts: Int32Array; length: number }>;
}

export interface BatchOptions {
  cwd: string;
  /** The configuration files in use (the caller's, so that it can report their problems). */
  configs?: ConfigResolver;
  /** Worker threads to use; 1 runs everything in this thread. Default: the machine's parallelism. */
  jobs?: number;
  /** The script a worker runs (the CLI bundle, whose entry calls runBatchWorker); without it there are no workers. */
  workerScript?: string;
  /** The configuration file named by --config (workers then use it instead of looking upward). */
  configFile?: string;
}

/** Fewer files than this per worker are not worth a thread (starting one costs about 50 ms). */
const FILES_PER_WORKER = 8;

// ------------------------------------------------------------------ the two steps, wherever they run

interface Summarised {
  meta: BatchFile;
  summary: FileSummary;
  starts: Int32Array;
  length: number;
}

function metaOf(l: Loaded): BatchFile {
  const { text: _text, ...meta } = l;
  return meta;
}

function summariseFile(abs: string, cwd: string): Summarised {
  const l = readSpecOrThrow(abs, cwd);
  // Spans are turned into positions from the line starts (the CLI keeps no texts); the summary reader's
  // own count (LF only) serves where the text has no CR.
  const { summary, lfStarts } = summariseText(l.uri, l.text, { lineStarts: false });
  return { meta: metaOf(l), summary, starts: lineStartsOf(l.text, lfStarts), length: l.text.length };
}

function analyseOne(
  abs: string,
  cwd: string,
  index: WorkspaceIndex,
  configs: ConfigResolver,
  workspace: readonly Finding[],
  ownSummary?: FileSummary,
): LocatedFinding[] {
  const l = readSpecOrThrow(abs, cwd);
  // The summary (the file's own, with its suppression comments) was read from this same text in pass 1.
  const all = withWorkspace(checkFile(l, index, configs.forFile(abs).config, ownSummary ?? index.get(l.uri)), workspace);
  return all.map((f) => ({ ...f, under: l.text.slice(f.span.start, f.span.end) }));
}

/**
 * A worker's findings for a file (sorted) with the workspace checks' findings for it, in the order
 * analyseOne gives them (withWorkspace's sort is stable). The text under each of those is read again: few files
 * have any.
 */
function withWorkspaceRead(own: LocatedFinding[], workspace: readonly Finding[] | undefined, abs: string, cwd: string): LocatedFinding[] {
  if (!workspace?.length) return own;
  const text = readSpecOrThrow(abs, cwd).text;
  return withWorkspace(
    own,
    workspace.map((f) => ({ ...f, under: text.slice(f.span.start, f.span.end) })),
  );
}

/**
 * What a worker's index needs of a summary: the file checks read other files only through
 * WorkspaceIndex.findUnit (award totals, combination pools), and of the units found there only
 * their uri, refSpan and fields; the rest (KSB texts, ref uses, qualifications, groups, the spans of
 * fields) serves the workspace checks, which the main thread runs. Sending all of it would more than
 * double each worker's heap (and the time its garbage collector spends on it). The file's own
 * summary goes with the file (`own`), spans and all: analyseFile takes known spans from it.
 */
function forOtherFiles(s: FileSummary): FileSummary {
  const units = s.units.map((u) => ({ uri: u.uri, ref: u.ref, refSpan: u.refSpan, span: u.refSpan, summary: u.summary, fields: u.fields, fieldSpans: {} }));
  return { uri: s.uri, units, qualifications: [], groups: [], ksbs: [], uses: [], suppressions: [], lineStarts: [] };
}

function forOwnFile(s: FileSummary): FileSummary {
  return { uri: s.uri, units: s.units, qualifications: [], groups: [], ksbs: [], uses: [], suppressions: s.suppressions, lineStarts: [] };
}

/**
 * Summaries cross between threads as JSON: the main thread parses 1,000 of them in less than half
 * the time structured cloning takes (most of a summary is small objects: spans, KSBs, ref uses).
 * JSON keeps everything a summary holds except numbers that are not finite, and -0 (a unit's
 * `credit: .inf`, say): a summary with one of those is cloned as it is.
 */
type Wire = { json: string } | { value: FileSummary[] };

function jsonSafe(summaries: readonly FileSummary[]): boolean {
  for (const s of summaries)
    for (const u of s.units) for (const v of Object.values(u.fields)) if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) return false;
  return true;
}

function toWire(summaries: FileSummary[]): Wire {
  return jsonSafe(summaries) ? { json: JSON.stringify(summaries) } : { value: summaries };
}

function fromWire(w: Wire): FileSummary[] {
  return 'json' in w ? (JSON.parse(w.json) as FileSummary[]) : w.value;
}

// ------------------------------------------------------------------ the main thread

export async function lintFiles(paths: readonly string[], options: BatchOptions): Promise<BatchResult> {
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), Math.floor(paths.length / FILES_PER_WORKER)));
  const pool = jobs > 1 && options.workerScript ? new Pool(options.workerScript, jobs, options.cwd, options.configFile) : undefined;
  try {
    const configs = options.configs ?? new ConfigResolver(options.cwd);
    const sum: Summarised[] = pool ? await pool.summarise(paths) : paths.map((p) => summariseFile(p, options.cwd));
    const index = indexOf(sum.map((s) => s.summary));
    const configFor = (uri: string) => configs.forFile(fileURLToPath(uri)).config;
    const findings = new Map<string, LocatedFinding[]>();
    if (pool) {
      // The workers start on the file checks while this thread runs the workspace checks.
      const analysing = pool.analyse(
        toWire(sum.map((s) => forOtherFiles(s.summary))),
        paths.map((abs, i) => ({ abs, own: forOwnFile(sum[i]!.summary) })),
      );
      const workspace = checkWorkspace(index, configFor);
      const got = await analysing;
      got.forEach((f, i) => findings.set(sum[i]!.meta.uri, withWorkspaceRead(f, workspace.get(sum[i]!.meta.uri), paths[i]!, options.cwd)));
    } else {
      const workspace = checkWorkspace(index, configFor);
      paths.forEach((abs, i) => findings.set(sum[i]!.meta.uri, analyseOne(abs, options.cwd, index, configs, workspace.get(sum[i]!.meta.uri) ?? [])));
    }
    return { files: sum.map((s) => s.meta), findings, lines: new Map(sum.map((s) => [s.meta.uri, { starts: s.starts, length: s.length }])) };
  } finally {
    await pool?.close();
  }
}

type ToWorker =
  | { op: 'summarise'; batch: number; files: { id: number; abs: string }[] }
  | { op: 'index'; summaries: Wire }
  | { op: 'analyse'; batch: number; files: { id: number; abs: string; own: FileSummary }[] };

type FromWorker =
  // One message a batch, with the results of its files (`ids`) in order: fewer, larger messages.
  | { op: 'summaries'; batch: number; ids: number[]; results: Omit<Summarised, 'summary'>[]; summaries: Wire }
  | { op: 'findings'; batch: number; ids: number[]; findings: LocatedFinding[][] }
  | { op: 'read-error'; abs: string; code: string }
  | { op: 'error'; message: string };

const WORKER_TAG = 'qualspec-batch-worker';

/** Files per message, and messages each worker has in hand: enough to never wait for the next, few enough to end together. */
const BATCH = 4;
const IN_FLIGHT = 2;
/**
 * Messages each worker is given when the file checks start: the main thread then runs the workspace
 * checks (half a second on the bench's 1,000 files) and cannot hand out more until it is done.
 */
const IN_FLIGHT_AT_ANALYSE = 8;

/**
 * Each worker's young generation, in MB (V8 reserves a third of it for large objects: semi-spaces of
 * 48 MB, against 16 by default). A file's analysis allocates about 4.5 MB and holds about 3 MB until
 * it ends, so each scavenge copies the file in hand, whatever the size: fewer scavenges, less copying.
 * Interleaved runs on the bench's 1,000 files: 14% less CPU for 80 MB more peak memory; 192 MB did no
 * better (docs/performance.md).
 */
const WORKER_YOUNG_GENERATION_MB = 144;

class Pool {
  private readonly workers: Worker[] = [];
  private failure: Error | undefined;
  private readonly waiting = new Set<(e: Error) => void>();

  constructor(script: string, size: number, cwd: string, configFile?: string) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(script, {
        workerData: { tag: WORKER_TAG, cwd, configFile },
        resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      });
      const fail = (e: Error) => {
        this.failure ??= e;
        for (const f of this.waiting) f(this.failure);
      };
      w.on('error', (e) => fail(e instanceof Error ? e : new Error(String(e))));
      w.on('exit', (code) => {
        if (code !== 0) fail(new Error(`a worker thread stopped (exit code ${code})`));
      });
      this.workers.push(w);
    }
  }

  /**
   * Hand the files out in batches as workers ask for more (largest files first, so that the last
   * batches are small): a worker that meets slow files (ones the summary reader gives up on, say)
   * does fewer, instead of the other one waiting for it at the end of the pass.
   */
  private run<T extends { abs: string }, R>(
    items: T[],
    message: (batch: number, files: (T & { id: number })[]) => ToWorker,
    take: (m: FromWorker, put: (id: number, r: R) => void) => void,
    initial = IN_FLIGHT,
  ): Promise<R[]> {
    return new Promise<R[]>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      const sized = items.map((item, id) => {
        let size = 0;
        try {
          size = statSync(item.abs).size;
        } catch {
          /* reported when a worker reads it */
        }
        return { ...item, id, size };
      });
      sized.sort((a, b) => b.size - a.size || a.id - b.id);
      const out: R[] = new Array<R>(items.length);
      let next = 0;
      let batches = 0;
      let pending = 0;
      const send = (w: Worker) => {
        if (next >= sized.length) return;
        const files = sized.slice(next, next + BATCH).map(({ size: _size, ...f }) => f as T & { id: number });
        next += files.length;
        pending++;
        w.postMessage(message(batches++, files));
      };
      const onFail = (e: Error) => {
        cleanup();
        reject(e);
      };
      const handlers = this.workers.map((w) => {
        const h = (m: FromWorker) => {
          if (m.op === 'read-error') return onFail(new ReadError(m.abs, m.code));
          if (m.op === 'error') return onFail(new Error(m.message));
          take(m, (id, r) => (out[id] = r));
          pending--;
          send(w);
          if (pending === 0 && next >= sized.length) {
            cleanup();
            resolve(out);
          }
        };
        w.on('message', h);
        return h;
      });
      const cleanup = () => {
        this.waiting.delete(onFail);
        this.workers.forEach((w, i) => w.off('message', handlers[i]!));
      };
      this.waiting.add(onFail);
      for (let k = 0; k < initial; k++) for (const w of this.workers) send(w);
      if (pending === 0) {
        cleanup();
        resolve(out);
      }
    });
  }

  summarise(paths: readonly string[]): Promise<Summarised[]> {
    return this.run<{ abs: string }, Summarised>(
      paths.map((abs) => ({ abs })),
      (batch, files) => ({ op: 'summarise', batch, files: files.map((f) => ({ id: f.id, abs: f.abs })) }),
      (m, put) => {
        if (m.op !== 'summaries') return;
        const summaries = fromWire(m.summaries);
        m.ids.forEach((id, k) => put(id, { ...m.results[k]!, summary: summaries[k]! }));
      },
    );
  }

  analyse(summaries: Wire, files: { abs: string; own: FileSummary }[]): Promise<LocatedFinding[][]> {
    for (const w of this.workers) w.postMessage({ op: 'index', summaries } satisfies ToWorker);
    return this.run<{ abs: string; own: FileSummary }, LocatedFinding[]>(
      files,
      (batch, fs) => ({ op: 'analyse', batch, files: fs.map((f) => ({ id: f.id, abs: f.abs, own: f.own })) }),
      (m, put) => {
        if (m.op === 'findings') m.ids.forEach((id, k) => put(id, m.findings[k]!));
      },
      IN_FLIGHT_AT_ANALYSE,
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

// ------------------------------------------------------------------ a worker thread

/** True in a thread started by the batch pool (the CLI's entry then calls runBatchWorker instead of main). */
export function isBatchWorker(): boolean {
  return parentPort !== null && (workerData as { tag?: string } | null)?.tag === WORKER_TAG;
}

export function runBatchWorker(): void {
  const port = parentPort as MessagePort;
  const { cwd, configFile } = workerData as { cwd: string; configFile?: string };
  const configs = configResolver(cwd, configFile);
  let index = new WorkspaceIndex();
  const send = (m: FromWorker) => port.postMessage(m);
  port.on('message', (m: ToWorker) => {
    try {
      if (m.op === 'index') {
        index = indexOf(fromWire(m.summaries));
        return;
      }
      const ids = m.files.map((f) => f.id);
      if (m.op === 'summarise') {
        const results: Omit<Summarised, 'summary'>[] = [];
        const summaries: FileSummary[] = [];
        for (const f of m.files) {
          const { summary, ...result } = summariseFile(f.abs, cwd);
          results.push(result);
          summaries.push(summary);
        }
        send({ op: 'summaries', batch: m.batch, ids, results, summaries: toWire(summaries) });
      } else {
        send({ op: 'findings', batch: m.batch, ids, findings: m.files.map((f) => analyseOne(f.abs, cwd, index, configs, [], f.own)) });
      }
    } catch (e) {
      if (e instanceof ReadError) send({ op: 'read-error', abs: e.abs, code: e.code });
      else send({ op: 'error', message: `in a worker thread: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` });
    }
  });
}
