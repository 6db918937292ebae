/**
 * `npm run bench` (full) and `npm run bench -- --quick`: every comparison of issue 7, measured side
 * by side in one run, and bench/RESULTS.md. Bundled by bench/bench.mjs into bench/.work/bench.cjs.
 *
 *   node bench/bench.mjs [--quick] [--out FILE] [--files N] [--only editor,lint,split,combos,index]
 *   node bench/bench.mjs generate --out DIR [--files N] [--units N] [--seed S] [--error-rate R]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { writeWorkspace, DEFAULT_OPTIONS, type GenerateOptions } from './generate';
import { runMeasured, type ProcResult } from './measure';
import { editorRun, editorWorkspace, indexRun, type EditorRun, type IndexRun, type ServerSpec } from './editor';
import { combos, spelling, split } from './workers';
import { diffWorker } from './diff';
import { setDictionaryLoader } from '../server/src/core/spelling/dictionary';
import { readDictionary } from '../server/src/host/spell-dictionaries';
import { publishBench } from './publish';
import { fmtMB, fmtMs, median, type Summary } from './stats';
import { machine, report, type Config, type LintResult } from './report';

const REPO = process.cwd();
const WORK = path.join(REPO, 'bench', '.work');
const BUNDLE = path.join(WORK, 'bench.cjs');
const FLOOR = path.join(WORK, 'floor.cjs');

/** The other tools, pinned so reruns compare the same versions. yaml-language-server 2.x needs Node >= 22.13; 1.25.0 is the latest that runs on Node 20. */
export const TOOLS: Record<string, string> = {
  'yaml-language-server': '1.25.0',
  '@stoplight/spectral-cli': '6.16.3',
  'ajv-cli': '5.0.0',
};

// ---------------------------------------------------------------------------------------------
// Arguments.

function argValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

const log = (s: string) => process.stderr.write(`${s}\n`);

// ---------------------------------------------------------------------------------------------
// Tools and inputs.

function ensureTools(): Record<string, string> {
  const versions: Record<string, string> = {};
  const missing = Object.entries(TOOLS).filter(([name, v]) => {
    const pj = path.join(WORK, 'node_modules', name, 'package.json');
    if (!existsSync(pj)) return true;
    return (JSON.parse(readFileSync(pj, 'utf8')) as { version: string }).version !== v;
  });
  if (missing.length) {
    log(`installing ${missing.map(([n, v]) => `${n}@${v}`).join(', ')} into bench/.work (not project dependencies)…`);
    mkdirSync(WORK, { recursive: true });
    if (!existsSync(path.join(WORK, 'package.json')))
      writeFileSync(path.join(WORK, 'package.json'), JSON.stringify({ name: 'qualspec-bench-tools', private: true }, null, 2) + '\n');
    const r = spawnSync(
      'npm',
      ['install', '--prefix', WORK, '--no-audit', '--no-fund', '--ignore-scripts', ...Object.entries(TOOLS).map(([n, v]) => `${n}@${v}`)],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (r.status !== 0) throw new Error('npm install of the benchmark tools failed');
  }
  for (const name of Object.keys(TOOLS))
    versions[name] = (JSON.parse(readFileSync(path.join(WORK, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  return versions;
}

function generatorHash(): string {
  const h = createHash('sha256');
  for (const f of ['generate.ts', 'words.ts', 'emit.ts']) h.update(readFileSync(path.join(REPO, 'bench', f)));
  return h.digest('hex').slice(0, 16);
}

/** A generated workspace under bench/.work, regenerated when the options or the generator change. */
function workspace(opts: GenerateOptions): { dir: string; files: number; bytes: number; injected: number } {
  const dir = path.join(WORK, `ws-${opts.files}-s${opts.seed}-e${opts.errorRate}`);
  const stampFile = path.join(dir, '.stamp');
  const stamp = JSON.stringify({ opts, gen: generatorHash() });
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    const m = JSON.parse(readFileSync(path.join(dir, 'workspace.json'), 'utf8')) as { files: number; bytes: number; injected: unknown[] };
    return { dir, files: m.files, bytes: m.bytes, injected: m.injected.length };
  }
  log(`generating ${opts.files} spec files into ${path.relative(REPO, dir)}…`);
  const t0 = performance.now();
  const r = writeWorkspace(dir, opts);
  writeFileSync(stampFile, stamp);
  log(`  ${(r.bytes / 1048576).toFixed(0)} MB, ${r.injected.length} injected errors, in ${fmtMs(performance.now() - t0)}`);
  return { dir, files: r.files, bytes: r.bytes, injected: r.injected.length };
}

function spectralRuleset(): string {
  const schema = JSON.parse(readFileSync(path.join(REPO, 'schemas', 'qualspec.schema.json'), 'utf8')) as unknown;
  const file = path.join(WORK, 'spectral-ruleset.json');
  const ruleset = {
    rules: {
      'qualspec-schema': {
        description: 'The qualspec JSON Schema (schemas/qualspec.schema.json)',
        given: '$',
        severity: 'error',
        then: { function: 'schema', functionOptions: { schema, dialect: 'draft2020-12', allErrors: true } },
      },
    },
  };
  writeFileSync(file, JSON.stringify(ruleset));
  return file;
}

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number) as [number, number, number];

// ---------------------------------------------------------------------------------------------
// CI lint: contenders run as whole processes, alternating, order rotated every round.

interface Contender {
  name: string;
  cmd: string;
  args: string[];
  note: string;
  /** Parse the worker's JSON stdout (the floor contenders). */
  captureStdout?: boolean;
}

function contenders(target: string, glob: string, ruleset: string): Contender[] {
  const nm = path.join(WORK, 'node_modules');
  return [
    {
      name: 'qualspec lint',
      cmd: process.execPath,
      args: ['dist/cli.js', 'lint', target, '--format', 'json'],
      note: 'all checks: schema + every domain check (sizes, identifiers, uniqueness, references, numbering, rules of combination, …)',
    },
    {
      name: 'Spectral CLI',
      cmd: process.execPath,
      args: [path.join(nm, '@stoplight', 'spectral-cli', 'dist', 'index.js'), 'lint', glob, '--ruleset', ruleset, '--format', 'json', '--quiet'],
      note: 'the JSON Schema only (core `schema` function)',
    },
    {
      name: 'ajv-cli',
      cmd: process.execPath,
      args: [path.join(nm, 'ajv-cli', 'dist', 'index.js'), 'validate', '-s', 'schemas/qualspec.schema.json', '-d', glob, '--spec=draft2020', '--all-errors'],
      note: 'the JSON Schema only',
    },
    {
      name: 'floor: yaml parseDocument',
      cmd: process.execPath,
      args: [FLOOR, 'yaml', target],
      note: 'read + parse with `yaml` (the parser we use), nothing else',
      captureStdout: true,
    },
    {
      name: 'floor: js-yaml load',
      cmd: process.execPath,
      args: [FLOOR, 'js-yaml', target],
      note: 'read + parse with js-yaml 4 (the fast path of `qualspec lint` reads with it what its block reader gives up on), nothing else',
      captureStdout: true,
    },
  ];
}

async function lintBench(
  label: string,
  target: string,
  glob: string,
  reps: number,
  ruleset: string,
  timeoutMs: number,
  budgetMs: number,
): Promise<LintResult[]> {
  const cs = contenders(target, glob, ruleset);
  const results: LintResult[] = cs.map((c) => ({ name: c.name, note: c.note, runs: [] }));
  const spent = new Map<string, number>();
  for (let rep = 0; rep < reps; rep++) {
    for (let k = 0; k < cs.length; k++) {
      const i = (k + rep) % cs.length;
      const c = cs[i]!;
      const res = results[i]!;
      if (res.error) continue;
      // A contender that has used its time budget stops after 3 runs (said in the report).
      if (res.runs.length >= 3 && (spent.get(c.name) ?? 0) > budgetMs) continue;
      const r: ProcResult = await runMeasured(c.cmd, c.args, { cwd: REPO, timeoutMs, captureStdout: !!c.captureStdout });
      spent.set(c.name, (spent.get(c.name) ?? 0) + r.wallMs);
      let inProcessMs: number | undefined;
      if (c.captureStdout) {
        try {
          inProcessMs = (JSON.parse(r.stdout.trim().split('\n').pop()!) as { parseMs: number }).parseMs;
        } catch {
          /* reported below */
        }
      }
      if (r.timedOut) log(`  ${label}: ${c.name} timed out after ${fmtMs(timeoutMs)}`);
      else if (r.code !== 0 && r.code !== 1) {
        res.error = `exit ${r.code}: ${r.stderr.trim().split('\n').slice(-3).join(' | ').slice(0, 300)}`;
        log(`  ${label}: ${c.name} failed: ${res.error}`);
      }
      res.runs.push({
        wallMs: r.wallMs,
        ...(r.peakRss !== undefined ? { peakRss: r.peakRss } : {}),
        code: r.code,
        timedOut: r.timedOut,
        ...(inProcessMs !== undefined ? { inProcessMs } : {}),
      });
      log(`  ${label} #${rep + 1} ${c.name}: ${fmtMs(r.wallMs)}, ${fmtMB(r.peakRss)}${r.timedOut ? ' (timed out)' : ''}`);
    }
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Workers run in fresh processes.

function worker(args: string[], timeoutMs = 600000): unknown {
  const out = execFileSync(process.execPath, [BUNDLE, 'worker', ...args], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1048576,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

// ---------------------------------------------------------------------------------------------
// The run.

async function run(argv: string[]): Promise<void> {
  const quick = argv.includes('--quick');
  const cfg: Config = quick
    ? {
        quick,
        reps: 3,
        editorRuns: 2,
        edits: 12,
        requests: 10,
        wsFiles: 10,
        splitIters: 8,
        comboReps: 3,
        bruteMaxUnits: 20,
        indexRuns: 1,
        toolTimeoutMs: 120000,
        toolBudgetMs: 30000,
        comboMaxMs: 5000,
      }
    : {
        quick,
        reps: 5,
        editorRuns: 5,
        edits: 50,
        requests: 40,
        wsFiles: 1000,
        splitIters: 30,
        comboReps: 7,
        bruteMaxUnits: 24,
        indexRuns: 3,
        toolTimeoutMs: 1200000,
        toolBudgetMs: 1500000,
        comboMaxMs: 30000,
      };
  const files = argValue(argv, '--files');
  if (files) cfg.wsFiles = Number(files);
  const only = argValue(argv, '--only')?.split(',');
  const want = (s: string) => !only || only.includes(s);
  const outFile = path.resolve(REPO, argValue(argv, '--out') ?? (quick ? 'bench/.work/RESULTS-quick.md' : 'bench/RESULTS.md'));
  const started = performance.now();
  const loadStart = loadavg();
  log(`qualspec bench (${quick ? 'quick' : 'full'}), load average ${loadStart.join(' ')}`);

  const tools = ensureTools();
  const ruleset = spectralRuleset();
  const isp = path.join(REPO, 'specs', 'isp-level-5-professional-sales.yaml');
  const ws = workspace({ ...DEFAULT_OPTIONS, files: cfg.wsFiles, seed: 1, errorRate: 0.01 });
  const results: Record<string, unknown> = {
    config: cfg,
    machine: machine(REPO),
    tools,
    workspace: { ...ws, dir: path.relative(REPO, ws.dir) },
    load: { start: loadStart },
  };
  const sectionLoad: Record<string, number[]> = {};

  // Editor.
  const serverJs = path.join(REPO, 'dist', 'server.js');
  if (want('editor')) {
    sectionLoad.editor = loadavg();
    if (!existsSync(serverJs)) {
      results.editor = { skipped: 'dist/server.js does not exist yet (the language server is not built)' };
      log('editor: skipped, no dist/server.js');
    } else {
      const edWs = editorWorkspace(REPO, WORK, isp);
      const servers: ServerSpec[] = [
        { name: 'qualspec', command: process.execPath, args: [serverJs, '--stdio'], languageId: 'qualspec-yaml' },
        {
          name: 'yaml-language-server',
          command: process.execPath,
          args: [path.join(WORK, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'],
          languageId: 'yaml',
        },
      ];
      const runs: EditorRun[] = [];
      for (let i = 0; i < cfg.editorRuns; i++)
        for (const s of i % 2 ? [...servers].reverse() : servers) {
          log(`editor #${i + 1} ${s.name}…`);
          const r = await editorRun(s, edWs, REPO, { edits: cfg.edits, requests: cfg.requests, gapMs: 30 }, log);
          log(
            `  first ${fmtMs(r.firstDiagMs)}, edit median ${fmtMs(median(r.edits))}, hover ${fmtMs(median(r.hover))}, completion ${fmtMs(median(r.completion))}, ${fmtMB(r.peakRss)}`,
          );
          runs.push(r);
        }
      results.editor = { runs };
    }
  }
  if (want('index')) {
    sectionLoad.index = loadavg();
    if (!existsSync(serverJs)) results.index = { skipped: 'dist/server.js does not exist yet' };
    else {
      const last = readdirSync(ws.dir)
        .filter((f) => f.endsWith('.yaml'))
        .sort()
        .pop()!;
      const lastRef = /\n {2}- ref: (\S+)/.exec(readFileSync(path.join(ws.dir, last), 'utf8'))?.[1] ?? '';
      const runs: IndexRun[] = [];
      for (let i = 0; i < cfg.indexRuns; i++) {
        log(`index #${i + 1} (${ws.files} files)…`);
        const r = await indexRun(
          { name: 'qualspec', command: process.execPath, args: [serverJs, '--stdio'], languageId: 'qualspec-yaml' },
          ws.dir,
          ws.files,
          lastRef,
          REPO,
          120000,
        );
        log(`  ${fmtMs(r.indexMs)} (${r.via}), ${fmtMB(r.peakRss)}${r.error ? ` — ${r.error}` : ''}`);
        runs.push(r);
      }
      results.index = { runs };
    }
  }

  // CI lint.
  if (want('lint')) {
    sectionLoad.lint = loadavg();
    log('CI lint on the ISP spec…');
    const ispRes = await lintBench(
      'ISP',
      'specs/isp-level-5-professional-sales.yaml',
      'specs/isp-level-5-professional-sales.yaml',
      Math.max(cfg.reps, quick ? 3 : 7),
      ruleset,
      cfg.toolTimeoutMs,
      cfg.toolBudgetMs,
    );
    log(`CI lint on the ${ws.files}-file workspace…`);
    const rel = path.relative(REPO, ws.dir);
    const wsRes = await lintBench('workspace', rel, `${rel}/*.yaml`, cfg.reps, ruleset, cfg.toolTimeoutMs, cfg.toolBudgetMs);
    results.lint = { isp: ispRes, workspace: wsRes };
  }

  // The engine's split.
  if (want('split')) {
    sectionLoad.split = loadavg();
    log('engine split on the ISP spec…');
    results.split = worker(['split', isp, String(cfg.splitIters)]);
  }
  // Spelling.
  if (want('spelling')) {
    sectionLoad.spelling = loadavg();
    log('spelling on the ISP spec…');
    results.spelling = worker(['spelling', isp, String(quick ? 10 : 40)]);
  }
  // Combination engine.
  if (want('combos')) {
    sectionLoad.combos = loadavg();
    log('combination engine vs brute force…');
    results.combos = worker(['combos', String(cfg.comboReps), String(cfg.bruteMaxUnits), String(cfg.comboMaxMs)]);
  }
  if (want('diff')) results.diff = worker(['diff', String(quick ? 5 : 20)]);
  if (want('publish')) results.publish = publishBench(REPO, cfg.reps, log);
  (results.load as Record<string, unknown>).end = loadavg();
  (results.load as Record<string, unknown>).sections = sectionLoad;
  results.totalMs = performance.now() - started;
  writeFileSync(
    path.join(WORK, `results-${quick ? 'quick' : 'full'}.json`),
    JSON.stringify(results, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 2),
  );
  const md = report(results, cfg);
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, md);
  log(`wrote ${path.relative(REPO, outFile)} in ${fmtMs(performance.now() - started)}`);
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  // The spelling dictionaries the build wrote (npm run build), as the CLI and the server read them.
  setDictionaryLoader((l) => readDictionary(l, [path.join(REPO, 'dist', 'dict')]));
  const [cmd, ...argv] = process.argv.slice(2);
  if (cmd === 'worker') {
    const [kind, ...rest] = argv;
    let out: unknown;
    if (kind === 'split') out = split(rest[0]!, Number(rest[1] ?? 20));
    else if (kind === 'diff') out = diffWorker(Number(rest[0] ?? 20));
    else if (kind === 'spelling') out = spelling(rest[0]!, Number(rest[1] ?? 40));
    else if (kind === 'combos') out = combos(Number(rest[0] ?? 5), Number(rest[1] ?? 20), Number(rest[2] ?? 10000));
    else throw new Error(`unknown worker ${kind}`);
    process.stdout.write(JSON.stringify(out, (_, v) => (typeof v === 'bigint' ? v.toString() : v)) + '\n');
    return;
  }
  if (cmd === 'generate') {
    const out = argValue(argv, '--out');
    if (!out) throw new Error('usage: bench generate --out DIR [--files N] [--units N] [--seed S] [--error-rate R] [--schema-ref REF]');
    const opts: GenerateOptions = {
      ...DEFAULT_OPTIONS,
      files: Number(argValue(argv, '--files') ?? DEFAULT_OPTIONS.files),
      units: Number(argValue(argv, '--units') ?? DEFAULT_OPTIONS.units),
      seed: argValue(argv, '--seed') ?? DEFAULT_OPTIONS.seed,
      errorRate: Number(argValue(argv, '--error-rate') ?? 0),
    };
    const ref = argValue(argv, '--schema-ref');
    if (ref) opts.schemaRef = ref;
    const t0 = performance.now();
    const r = writeWorkspace(path.resolve(out), opts);
    log(`${r.files} files, ${(r.bytes / 1048576).toFixed(1)} MB, ${r.injected.length} injected errors, in ${fmtMs(performance.now() - t0)} -> ${out}`);
    return;
  }
  await run(cmd === 'run' || cmd === undefined ? argv : [cmd, ...argv]);
}

main().catch((e: unknown) => {
  log(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exit(2);
});

export type { Summary };
