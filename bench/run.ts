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
import * as os from 'node:os';
import * as path from 'node:path';
import { writeWorkspace, DEFAULT_OPTIONS, type GenerateOptions } from './generate';
import { runMeasured, hasGnuTime, type ProcResult } from './measure';
import { editorRun, editorWorkspace, indexRun, type EditorRun, type IndexRun, type ServerSpec } from './editor';
import { combos, spelling, split } from './workers';
import { diffReport, diffWorker } from './diff';
import { setDictionaryLoader } from '../server/src/core/spelling/dictionary';
import { readDictionary } from '../server/src/host/spell-dictionaries';
import { publishBench } from './publish';
import { fmtMB, fmtMs, fmtRatio, median, mmm, summarise, type Summary } from './stats';

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
  const src = path.join(REPO, 'bench', 'generate.ts');
  return createHash('sha256').update(readFileSync(src)).digest('hex').slice(0, 16);
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

function machine() {
  const cpus = os.cpus();
  let commit = 'unknown';
  try {
    const head = readFileSync(path.join(REPO, '.git', 'HEAD'), 'utf8').trim();
    if (head.startsWith('ref: ')) {
      const ref = head.slice(5);
      const loose = path.join(REPO, '.git', ref);
      if (existsSync(loose)) commit = readFileSync(loose, 'utf8').trim();
      else {
        const packed = readFileSync(path.join(REPO, '.git', 'packed-refs'), 'utf8');
        commit =
          packed
            .split('\n')
            .find((l) => l.endsWith(` ${ref}`))
            ?.split(' ')[0] ?? 'unknown';
      }
    } else commit = head;
  } catch {
    /* not a git checkout */
  }
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: (os.totalmem() / 1073741824).toFixed(1),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    commit,
    date: new Date().toISOString(),
  };
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

interface LintResult {
  name: string;
  note: string;
  runs: { wallMs: number; peakRss?: number; code: number | null; timedOut: boolean; inProcessMs?: number }[];
  error?: string;
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

interface Config {
  quick: boolean;
  reps: number;
  editorRuns: number;
  edits: number;
  requests: number;
  wsFiles: number;
  splitIters: number;
  comboReps: number;
  bruteMaxUnits: number;
  indexRuns: number;
  toolTimeoutMs: number;
  toolBudgetMs: number;
  /** The engine's own time limit (maxMillis) per analyse() call in the combination bench. */
  comboMaxMs: number;
}

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
    machine: machine(),
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
// The report.

function fmtDuration(ms: number): string {
  const s = ms / 1000;
  if (s < 120) return fmtMs(ms);
  if (s < 7200) return `${(s / 60).toFixed(0)} minutes`;
  if (s < 172800) return `${(s / 3600).toFixed(0)} hours`;
  const y = s / 31557600;
  return y < 1000 ? `${(s / 86400).toFixed(0)} days` : `${y.toExponential(1)} years`;
}

type Mark = 'met' | 'missed' | 'not measured';
const mark = (ok: boolean | undefined): Mark => (ok === undefined ? 'not measured' : ok ? 'met' : 'missed');
const markText = (m: Mark) => (m === 'met' ? '✅ met' : m === 'missed' ? '❌ missed' : '— not measured');

function report(r: Record<string, unknown>, cfg: Config): string {
  const m = r.machine as ReturnType<typeof machine>;
  const load = r.load as { start: number[]; end: number[]; sections: Record<string, number[]> };
  const tools = r.tools as Record<string, string>;
  const ws = r.workspace as { dir: string; files: number; bytes: number; injected: number };
  const L: string[] = [];
  const targets: { what: string; target: string; got: string; m: Mark }[] = [];
  const p = (s = '') => L.push(s);

  p('# Benchmark results');
  p();
  p(`Generated by \`npm run bench${cfg.quick ? ' -- --quick' : ''}\` (bench/run.ts). Benchmarks are not tests: nothing here fails a build.`);
  p();
  if (cfg.quick)
    p(
      '> **Quick mode**: fewer runs and a smaller generated workspace than the full bench; figures are indicative, and targets about the 1,000-file workspace are not measured at this size.',
    );
  const busy = Math.max(load.start[0]!, load.end[0]!) >= 1.5;
  if (busy)
    p(
      `> **Noisy machine**: the load average was ${load.start.join(' / ')} (1/5/15 min) at the start and ${load.end.join(' / ')} at the end, on ${m.cores} cores shared with other work. Wall times are inflated and spread; ratios measured in the same run are more trustworthy than absolute figures.`,
    );
  p();
  p('## Machine');
  p();
  p(`| | |`);
  p(`| --- | --- |`);
  p(`| CPU | ${m.cpu}, ${m.cores} cores |`);
  p(`| Memory | ${m.memoryGiB} GiB |`);
  p(`| Node | ${m.node} |`);
  p(`| OS | ${m.os} |`);
  p(`| Date | ${m.date} |`);
  p(`| Commit | ${m.commit} (plus any uncommitted changes in the tree) |`);
  p(
    `| Load average (1/5/15 min) | start ${load.start.join(' / ')}, end ${load.end.join(' / ')}; per section (1 min): ${Object.entries(load.sections)
      .map(([k, v]) => `${k} ${v[0]}`)
      .join(', ')} |`,
  );
  p(
    `| Tools | ${Object.entries(tools)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')} (installed into bench/.work, not project dependencies) |`,
  );
  p(`| Peak memory | ${hasGnuTime() ? 'GNU time `%M` (peak RSS of the process)' : 'VmHWM sampled every 5 ms'}; servers: VmHWM from /proc/<pid>/status |`);
  p(
    `| Generated workspace | ${ws.files} files, ${(ws.bytes / 1048576).toFixed(0)} MB, seed 1, error rate 0.01 per unit and qualification (${ws.injected} injected errors), \`${ws.dir}\` |`,
  );
  p(
    `| Runs | ${cfg.reps} per CI-lint contender (7 on the ISP spec in full mode), ${cfg.editorRuns} editor runs per server with ${cfg.edits} edits and ${cfg.requests} hovers and completions each, alternating |`,
  );
  p();
  p('Every figure is **min / median / max** over runs; every ratio is measured in this same run.');
  p();

  // Editor.
  p('## Editor: qualspec language server vs yaml-language-server');
  p();
  const ed = r.editor as { runs?: EditorRun[]; skipped?: string } | undefined;
  if (!ed) p('Not run (`--only`).');
  else if (ed.skipped) {
    p(`Not run: ${ed.skipped}. Rerun \`npm run bench\` once \`npm run build\` produces dist/server.js.`);
    for (const t of [
      'edit -> diagnostics median < 30 ms',
      'edit -> diagnostics p95 < 60 ms',
      'edit -> diagnostics >= 10x faster than yaml-language-server',
      'first diagnostics < 300 ms',
      'hover median < 15 ms',
      'completion median < 15 ms',
    ])
      targets.push({ what: `Editor: ${t}`, target: '', got: 'server not built', m: 'not measured' });
  } else {
    const by = (s: string) => ed.runs!.filter((x) => x.server === s && !x.error);
    const ours = by('qualspec');
    const theirs = by('yaml-language-server');
    const errs = ed.runs!.filter((x) => x.error);
    for (const e of errs) p(`- ⚠️ a ${e.server} run failed: ${e.error}`);
    p(
      'Same client (bench/lsp-client.ts), same file (the ISP spec, ~300 KB), same JSON Schema (its modeline and the `yaml.schemas` setting), push diagnostics for both (the client declares no pull support). An edit is one character of a unit title, alternating between two values; its latency is from sending `didChange` to receiving `publishDiagnostics` for that version, any debounce included (yaml-language-server waits a fixed 200 ms before validating).',
    );
    p();
    const row = (label: string, f: (x: EditorRun) => number[] | number, fm = fmtMs) => {
      const a = ours.map(f).flat();
      const b = theirs.map(f).flat();
      const sa = summarise(a);
      const sb = summarise(b);
      p(`| ${label} | ${mmm(sa, fm)} | ${mmm(sb, fm)} | ${fmtRatio(sb.median / sa.median)} |`);
      return { sa, sb };
    };
    p('| Figure | qualspec | yaml-language-server | ratio (yaml-ls / qualspec, medians) |');
    p('| --- | --- | --- | --- |');
    const first = row('First diagnostics after didOpen (per run)', (x) => x.firstDiagMs);
    const editMed = row('Edit -> diagnostics, median of each run', (x) => median(x.edits));
    const allOurs = summarise(
      ours.flatMap((x) => x.edits),
      true,
    );
    const allTheirs = summarise(
      theirs.flatMap((x) => x.edits),
      true,
    );
    p(
      `| Edit -> diagnostics, all ${allOurs.n} / ${allTheirs.n} edits pooled: min / **median** / max | ${mmm(allOurs)} | ${mmm(allTheirs)} | ${fmtRatio(allTheirs.median / allOurs.median)} |`,
    );
    p(`| Edit -> diagnostics, p95 of all edits | ${fmtMs(allOurs.p95!)} | ${fmtMs(allTheirs.p95!)} | ${fmtRatio(allTheirs.p95! / allOurs.p95!)} |`);
    const hov = row('Hover (every request)', (x) => x.hover);
    const comp = row('Completion (every request)', (x) => x.completion);
    row('Peak RSS of the server process', (x) => x.peakRss ?? NaN, fmtMB);
    p();
    const paired: number[] = [];
    for (let i = 0; i < Math.min(ours.length, theirs.length); i++) paired.push(median(theirs[i]!.edits) / median(ours[i]!.edits));
    const ps = summarise(paired);
    p(
      `Edit ratio paired run by run (yaml-ls median / qualspec median): ${mmm(ps, fmtRatio)}. yaml-language-server without its fixed 200 ms delay would take about ${fmtMs(allTheirs.median - 200)} per edit (median), ${fmtRatio((allTheirs.median - 200) / allOurs.median)} ours.`,
    );
    p();
    p(
      `Sanity: qualspec published ${ours[0]?.firstDiagCount ?? '?'} and yaml-language-server ${theirs[0]?.firstDiagCount ?? '?'} diagnostics on open; qualspec ${ours[0]?.versioned ? 'sends' : 'does not send'} the document version with its diagnostics, yaml-language-server ${theirs[0]?.versioned ? 'sends' : 'does not send'} it; text sync: qualspec ${ours[0]?.sync === 2 ? 'incremental' : 'full'}, yaml-language-server ${theirs[0]?.sync === 2 ? 'incremental' : 'full'}. Hovers with no content: qualspec ${ours.reduce((s, x) => s + x.hoverEmpty, 0)}, yaml-ls ${theirs.reduce((s, x) => s + x.hoverEmpty, 0)}; completion items (median): qualspec ${median(ours.flatMap((x) => x.completionItems))}, yaml-ls ${median(theirs.flatMap((x) => x.completionItems))}.`,
    );
    p();
    targets.push({
      what: 'Editor: edit -> diagnostics median < 30 ms',
      target: '< 30 ms',
      got: fmtMs(allOurs.median),
      m: mark(ours.length ? allOurs.median < 30 : undefined),
    });
    targets.push({
      what: 'Editor: edit -> diagnostics p95 < 60 ms',
      target: '< 60 ms',
      got: fmtMs(allOurs.p95!),
      m: mark(ours.length ? allOurs.p95! < 60 : undefined),
    });
    targets.push({
      what: 'Editor: edit -> diagnostics >= 10x faster than yaml-language-server',
      target: '>= 10×',
      got: fmtRatio(allTheirs.median / allOurs.median),
      m: mark(ours.length && theirs.length ? allTheirs.median / allOurs.median >= 10 : undefined),
    });
    targets.push({
      what: 'Editor: first diagnostics after open < 300 ms',
      target: '< 300 ms',
      got: fmtMs(first.sa.median),
      m: mark(ours.length ? first.sa.median < 300 : undefined),
    });
    targets.push({ what: 'Editor: hover median < 15 ms', target: '< 15 ms', got: fmtMs(hov.sa.median), m: mark(hov.sa.n ? hov.sa.median < 15 : undefined) });
    targets.push({
      what: 'Editor: completion median < 15 ms',
      target: '< 15 ms',
      got: fmtMs(comp.sa.median),
      m: mark(comp.sa.n ? comp.sa.median < 15 : undefined),
    });
    void editMed;
  }

  // Index.
  p(`## Language server: indexing the ${ws.files}-file workspace`);
  p();
  const ix = r.index as { runs?: IndexRun[]; skipped?: string } | undefined;
  const full = ws.files >= 1000;
  if (!ix) p('Not run (`--only`).');
  else if (ix.skipped) {
    p(`Not run: ${ix.skipped}.`);
    targets.push({ what: 'Server: 1,000-file workspace indexed < 10 s', target: '< 10 s', got: 'server not built', m: 'not measured' });
    targets.push({ what: 'Server: memory < 500 MB on the 1,000-file workspace', target: '< 500 MB', got: 'server not built', m: 'not measured' });
  } else {
    const ok = ix.runs!.filter((x) => !x.error);
    for (const e of ix.runs!.filter((x) => x.error)) p(`- ⚠️ a run failed: ${e.error}`);
    const t = summarise(ok.map((x) => x.indexMs));
    const mem = summarise(ok.map((x) => x.peakRss ?? NaN));
    p(
      `Our server started on the generated workspace folder; time from \`initialized\` to the end of indexing (${ok[0]?.via ?? '?'}), and the server's peak RSS. ${ok[0]?.symbolCheck ?? ''}`,
    );
    p();
    p('| Figure | qualspec |');
    p('| --- | --- |');
    p(`| Indexing time, ${ws.files} files | ${mmm(t)} |`);
    p(`| Peak RSS | ${mmm(mem, fmtMB)} |`);
    p();
    targets.push({
      what: 'Server: 1,000-file workspace indexed < 10 s',
      target: '< 10 s',
      got: `${fmtMs(t.median)} (${ws.files} files)`,
      m: full ? mark(t.n ? t.median < 10000 : undefined) : 'not measured',
    });
    targets.push({
      what: 'Server: memory < 500 MB on the 1,000-file workspace',
      target: '< 500 MB',
      got: `${fmtMB(mem.median)} (${ws.files} files)`,
      m: full ? mark(mem.n ? mem.median < 500 * 1048576 : undefined) : 'not measured',
    });
  }

  // CI lint.
  const lint = r.lint as { isp: LintResult[]; workspace: LintResult[] } | undefined;
  p('## CI lint: `qualspec lint` vs Spectral CLI vs ajv-cli, and the parsing floor');
  p();
  if (!lint) p('Not run (`--only`).');
  else {
    p(
      'Whole processes, cold (a new Node process each run), output discarded, contenders alternating with the order rotated each round. **qualspec does every domain check** (schema, sizes, identifiers and check characters, uniqueness across files, references, numbering, rules of combination solved exactly, text hygiene); **Spectral and ajv-cli check only the JSON Schema.** ajv-cli reads YAML with js-yaml (YAML 1.1), so it reports unquoted dates as not strings — a false positive on every file; `--all-errors` makes it validate the whole document all the same. The floor rows are a Node process that reads the files and parses them with one YAML library, nothing else (its in-process parse time is in the last column).',
    );
    p();
    for (const [label, res, isWs] of [
      ['ISP Level 5 spec (one file, ~300 KB)', lint.isp, false],
      [`Generated workspace (${ws.files} files, ${(ws.bytes / 1048576).toFixed(0)} MB)`, lint.workspace, true],
    ] as const) {
      p(`### ${label}`);
      p();
      p('| Tool | checks | wall time | peak memory | wall / qualspec | wall / floor (yaml) | in-process parse |');
      p('| --- | --- | --- | --- | --- | --- | --- |');
      const oursW = summarise(res[0]!.runs.map((x) => x.wallMs));
      const floorW = summarise(res.find((x) => x.name.startsWith('floor: yaml'))!.runs.map((x) => x.wallMs));
      for (const c of res) {
        const w = summarise(c.runs.filter((x) => !x.timedOut).map((x) => x.wallMs));
        const mem = summarise(c.runs.filter((x) => !x.timedOut).map((x) => x.peakRss ?? NaN));
        const inproc = summarise(c.runs.map((x) => x.inProcessMs ?? NaN));
        const to = c.runs.filter((x) => x.timedOut).length;
        const runsNote = c.runs.length < (isWs ? cfg.reps : Math.max(cfg.reps, cfg.quick ? 3 : 7)) ? ` (${c.runs.length} runs: time budget)` : '';
        p(
          `| ${c.name}${c.error ? ` ⚠️ ${c.error}` : ''}${to ? ` (${to} timed out)` : ''}${runsNote} | ${c.note} | ${mmm(w)} | ${mmm(mem, fmtMB)} | ${fmtRatio(w.median / oursW.median)} | ${fmtRatio(w.median / floorW.median)} | ${inproc.n ? mmm(inproc) : ''} |`,
        );
      }
      p();
      if (!isWs)
        targets.push({
          what: 'CLI: ISP spec, cold `qualspec lint` < 400 ms wall',
          target: '< 400 ms',
          got: fmtMs(oursW.median),
          m: mark(oursW.n ? oursW.median < 400 : undefined),
        });
      else {
        const mem = summarise(res[0]!.runs.map((x) => x.peakRss ?? NaN));
        targets.push({
          what: 'CLI: 1,000-file workspace < 15 s wall',
          target: '< 15 s',
          got: `${fmtMs(oursW.median)} (${ws.files} files)`,
          m: full ? mark(oursW.median < 15000) : 'not measured',
        });
        targets.push({
          what: 'CLI: 1,000-file workspace < 1 GB peak memory',
          target: '< 1 GB',
          got: `${fmtMB(mem.median)} (${ws.files} files)`,
          m: full ? mark(mem.median < 1024 * 1048576) : 'not measured',
        });
      }
    }
  }

  // Spelling.
  const spl = r.spelling as
    { coldMs: number; coldCheckMs: number; coldFindings: number; spellMs: number[]; checkMs: number[]; flagged: number; iters: number } | undefined;
  p('## Spelling on the ISP spec (issue 16)');
  p();
  if (!spl) p('Not run (`--only`).');
  else {
    const sm = summarise(spl.spellMs);
    const cm = summarise(spl.checkMs);
    p(
      `In a fresh process: the dictionaries loaded and the whole spec spell-checked (spelling + us-spelling) in ${fmtMs(spl.coldCheckMs)}, dictionaries loaded on the way (${fmtMs(spl.coldMs)} with the parse of the file; ${spl.coldFindings} findings). Then ${spl.iters} edits, each a new misspelt word in a unit purpose (flagged in ${spl.flagged}), checked warm: the two rules' time per edit ${mmm(sm)}; every file check per edit ${mmm(cm)}. The editor's edit -> diagnostics, and the 1,000-file CLI run, above include the spelling rules.`,
    );
    p();
    targets.push({ what: 'Spelling: ISP spec spell-checked cold < 300 ms', target: '< 300 ms', got: fmtMs(spl.coldCheckMs), m: mark(spl.coldCheckMs < 300) });
    targets.push({ what: 'Spelling: the spelling rules per edit (median) < 15 ms', target: '< 15 ms', got: fmtMs(sm.median), m: mark(sm.median < 15) });
  }
  p();

  // Split.
  const sp = r.split as
    | {
        bytes: number;
        findings: number;
        cold: { parse: number; check: number; wall: number };
        yamlMs: number[];
        same: { parse: number; check: number }[];
        edited: { parse: number; check: number }[];
      }
    | undefined;
  p("## The engine's own split on the ISP spec (`analyseFile().timing`)");
  p();
  if (!sp) p('Not run (`--only`).');
  else {
    const y = summarise(sp.yamlMs);
    const sameP = summarise(sp.same.map((x) => x.parse));
    const sameC = summarise(sp.same.map((x) => x.check));
    const edP = summarise(sp.edited.map((x) => x.parse));
    const edC = summarise(sp.edited.map((x) => x.check));
    p(
      `In one process, warm (after 3 rounds), ${sp.yamlMs.length} rounds alternating: \`yaml\` parseDocument of the file, analyseFile on the same text, and analyseFile on the text with one unit title changed (a content-keyed cache misses, as after an edit in the editor). "parse" is parse + model + workspace summary; "check" is every file check. ${sp.findings} findings.`,
    );
    p();
    p('| Figure | time | / yaml parse (medians) |');
    p('| --- | --- | --- |');
    p(`| yaml parseDocument alone (the floor) | ${mmm(y)} | 1× |`);
    p(`| analyseFile parse, same text | ${mmm(sameP)} | ${fmtRatio(sameP.median / y.median)} |`);
    p(`| analyseFile check, same text (combination results cached) | ${mmm(sameC)} | ${fmtRatio(sameC.median / y.median)} |`);
    p(`| analyseFile parse, title edited | ${mmm(edP)} | ${fmtRatio(edP.median / y.median)} |`);
    p(`| analyseFile check, title edited | ${mmm(edC)} | ${fmtRatio(edC.median / y.median)} |`);
    p(
      `| First call in a fresh process (cold JIT): parse / check | ${fmtMs(sp.cold.parse)} / ${fmtMs(sp.cold.check)} | ${fmtRatio(sp.cold.check / sp.cold.parse)} check/parse |`,
    );
    p();
    targets.push({
      what: 'Engine: check pass < 1x the yaml parse time (ISP, warm, after an edit)',
      target: '< 1×',
      got: fmtRatio(edC.median / y.median),
      m: mark(edC.median < y.median),
    });
  }

  // Combos.
  const cb = r.combos as
    | {
        results: {
          name: string;
          units: number;
          rules: number;
          target?: number;
          timedOut?: number;
          error?: string;
          feasible: boolean;
          range: number[] | null;
          count: string;
          cold: number;
          engine: number[];
          brute: number[];
          agree?: boolean;
          bruteResult?: { subsets: number };
        }[];
      }
    | undefined;
  p('## Combination engine: exact engine vs brute-force enumeration');
  p();
  if (!cb) p('Not run (`--only`).');
  else {
    p(
      '`analyse()` = feasibility (all rules and each rule alone) + credit/GLH/TQT ranges + exact count. Brute force = every subset of the pool in Gray-code order with running sums per rule (bench/workers.ts), run alternately with the engine where it finishes; "agree" checks feasibility, count and range against the engine.',
    );
    p();
    p('| Problem | units / rules | feasible, range, count | engine (warm) | engine (first call) | brute force | brute / engine | agree |');
    p('| --- | --- | --- | --- | --- | --- | --- | --- |');
    let rate: number | undefined;
    for (const c of cb.results) {
      if (c.timedOut) {
        p(
          `| ${c.name} | ${c.units} / ${c.rules} | — | **did not finish in ${fmtMs(c.timedOut)}** (the engine's maxMillis; ${c.error ?? ''}) | — | not run | — | |`,
        );
        if (c.target)
          targets.push({
            what: `Combination: ${c.name} analyse < ${fmtMs(c.target)}`,
            target: `< ${fmtMs(c.target)}`,
            got: `> ${fmtMs(c.timedOut)} (stopped by maxMillis)`,
            m: 'missed',
          });
        continue;
      }
      const e = summarise(c.engine);
      const b = summarise(c.brute);
      if (b.n && c.bruteResult) rate = c.bruteResult.subsets / b.median;
      const est = !b.n && rate ? `not run (2^${c.units} subsets: about ${fmtDuration(2 ** c.units / rate)} at the measured rate)` : '';
      p(
        `| ${c.name} | ${c.units} / ${c.rules} | ${c.feasible ? 'yes' : 'no'}, ${c.range ? `${c.range[0]}–${c.range[1]}` : '—'}, ${c.count} | ${mmm(e)} | ${fmtMs(c.cold)} | ${b.n ? mmm(b) : est || 'not run'} | ${b.n ? fmtRatio(b.median / e.median) : '—'} | ${c.agree === undefined ? '' : c.agree ? 'yes' : '**NO**'} |`,
      );
      if (c.target)
        targets.push({
          what: `Combination: ${c.name} analyse < ${fmtMs(c.target)}`,
          target: `< ${fmtMs(c.target)}`,
          got: `${fmtMs(e.median)} warm, ${fmtMs(c.cold)} first call`,
          m: mark(e.median < c.target),
        });
    }
    p();
  }

  diffReport(r.diff, p, targets);

  // Targets.
  const T: string[] = [];
  T.push('## Targets (issues 4, 5, 6)');
  T.push('');
  T.push('| Target | measured (median) | status |');
  T.push('| --- | --- | --- |');
  for (const t of targets) T.push(`| ${t.what} | ${t.got} | ${markText(t.m)} |`);
  T.push('');
  const at = L.indexOf('## Machine');
  L.splice(at, 0, ...T);
  p(`Total bench time ${fmtMs(r.totalMs as number)}.`);
  p();
  return L.join('\n');
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
