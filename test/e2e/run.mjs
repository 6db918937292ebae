#!/usr/bin/env node
// Runs the end-to-end test files in test/e2e/tests/ one after another, each in its
// own child process (and process group), and ends with the line
//   N passed, N failed
// Exit code: 0 when nothing failed, 1 otherwise.
//
// Usage:
//   node test/e2e/run.mjs                         all tests/*.mjs, in name order
//   node test/e2e/run.mjs --vsix qualspec.vsix    sets QUALSPEC_VSIX for the tests
//   node test/e2e/run.mjs hover preview           only files whose name contains a filter
//   node test/e2e/run.mjs --self-test             packages the throwaway smoke extension
//                                                 and runs tests/00-smoke.mjs against it
//   node test/e2e/run.mjs --self-test --vsix q.vsix   both: 00-smoke against the smoke
//                                                 extension, every other file against q.vsix
//   node test/e2e/run.mjs --grep hover            only tests whose name contains "hover"
//   node test/e2e/run.mjs --list                  lists the files and exits
// Environment: QUALSPEC_E2E_TESTS_DIR (another folder of test files),
//   QUALSPEC_E2E_FILE_TIMEOUT (ms per file, default 900000),
//   QUALSPEC_E2E_TEST_TIMEOUT (default per test, 300000), plus those of harness.mjs.
import { fork, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const self = fileURLToPath(import.meta.url);
const here = resolve(self, '..');
const testsDir = resolve(process.env.QUALSPEC_E2E_TESTS_DIR || join(here, 'tests'));

if (process.argv[2] === '--child') {
  await child(process.argv[3]);
} else {
  await parent(process.argv.slice(2));
}

// ------------------------------------------------------------------ parent

async function parent(argv) {
  const filters = [];
  let selfTest = false;
  let list = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--vsix') process.env.QUALSPEC_VSIX = resolve(argv[++i]);
    else if (a === '--self-test') selfTest = true;
    else if (a === '--grep') process.env.QUALSPEC_E2E_GREP = argv[++i];
    else if (a === '--list') list = true;
    else if (a === '-h' || a === '--help') {
      const lines = readFileSync(self, 'utf8').split('\n').slice(1);
      console.log(
        lines
          .slice(
            0,
            lines.findIndex((l) => !l.startsWith('//')),
          )
          .join('\n')
          .replace(/^\/\/ ?/gm, ''),
      );
      return;
    } else if (a.startsWith('-')) {
      console.error(`run.mjs: unknown option ${a}`);
      process.exit(2);
    } else filters.push(a);
  }
  const realVsix = process.env.QUALSPEC_VSIX;
  if (selfTest && !realVsix) filters.push('00-smoke');

  let files = existsSync(testsDir)
    ? readdirSync(testsDir)
        .filter((f) => f.endsWith('.mjs'))
        .sort()
    : [];
  if (filters.length) files = files.filter((f) => filters.some((x) => f.includes(basename(x))));
  if (list) {
    for (const f of files) console.log(f);
    return;
  }

  const started = Date.now();
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const finish = () => {
    console.log(`\ne2e: ${files.length} file(s), ${skipped} skipped, ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed ? 1 : 0;
  };

  const { assertToolsInstalled } = await import(pathToFileURL(join(here, 'harness.mjs')).href);
  try {
    assertToolsInstalled();
  } catch (e) {
    console.log(`FAIL setup: ${e.message}`);
    failed++;
    return finish();
  }

  let smokeVsix;
  if (selfTest) {
    try {
      const out = execFileSync(process.execPath, [join(here, 'selftest/make-smoke-vsix.mjs')], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      smokeVsix = out.trim().split('\n').pop();
      console.log(`self-test: smoke extension packaged at ${smokeVsix}`);
    } catch (e) {
      console.log(`FAIL self-test: could not package the smoke extension: ${e.message}`);
      failed++;
      return finish();
    }
  }
  if (!files.length) console.log(`no test files matched in ${testsDir}`);

  const fileTimeout = Number(process.env.QUALSPEC_E2E_FILE_TIMEOUT || 900_000);
  const runDir = mkdtempSync(join(tmpdir(), 'qualspec-e2e-run-'));
  let interrupted = false;
  let current;
  const onSignal = (sig) => {
    interrupted = true;
    if (current?.pid) {
      try {
        process.kill(-current.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
    }
    console.log(`\n${sig}: stopping`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  for (const file of files) {
    if (interrupted) break;
    console.log(`\n# ${file}`);
    const pidsFile = join(runDir, `${file}.pids`);
    writeFileSync(pidsFile, '');
    const results = [];
    const t0 = Date.now();
    const child = fork(self, ['--child', join(testsDir, file)], {
      detached: true, // own process group: a timeout kills the child and everything it started
      env: {
        ...process.env,
        QUALSPEC_E2E_PIDS_FILE: pidsFile,
        ...(smokeVsix && file.startsWith('00-smoke') ? { QUALSPEC_VSIX: smokeVsix } : {}),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    current = child;
    child.on('message', (m) => {
      if (m?.type !== 'result') return;
      results.push(m);
      const secs = `${(m.ms / 1000).toFixed(1)} s`;
      if (m.status === 'pass') console.log(`PASS ${file} › ${m.name} (${secs})`);
      else if (m.status === 'skip') console.log(`SKIP ${file} › ${m.name}: ${m.reason}`);
      else console.log(`FAIL ${file} › ${m.name} (${secs})\n${indent(m.error)}`);
    });
    const code = await new Promise((res) => {
      let killTimer;
      const timer = setTimeout(() => {
        console.log(`FAIL ${file}: still running after ${fileTimeout} ms; killing it`);
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          /* gone */
        }
        killTimer = setTimeout(() => {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            /* gone */
          }
        }, 20_000);
      }, fileTimeout);
      child.on('exit', (c, sig) => {
        clearTimeout(timer);
        clearTimeout(killTimer);
        res(c ?? sig);
      });
    });
    current = undefined;
    await cleanup(pidsFile, child.pid);

    for (const r of results) {
      if (r.status === 'pass') passed++;
      else if (r.status === 'skip') skipped++;
      else failed++;
    }
    if (code !== 0 && !results.some((r) => r.status === 'fail')) {
      console.log(`FAIL ${file}: exited with ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      failed++;
    }
  }
  rmSync(runDir, { recursive: true, force: true });
  if (smokeVsix) rmSync(resolve(smokeVsix, '..'), { recursive: true, force: true });
  finish();
}

/** Kills whatever a test file left running (its own group and every group it recorded) and removes its temp dirs. */
async function cleanup(pidsFile, childPid) {
  const { killGroup } = await import(pathToFileURL(join(here, 'harness.mjs')).href);
  const groups = new Set([childPid]);
  const dirs = [];
  try {
    for (const l of readFileSync(pidsFile, 'utf8').split('\n')) {
      const [kind, value] = [l.slice(0, l.indexOf(' ')), l.slice(l.indexOf(' ') + 1)];
      if (kind === 'pgid' && Number(value) > 0) groups.add(Number(value));
      if (kind === 'dir' && value.startsWith(tmpdir())) dirs.push(value);
    }
  } catch {
    /* none */
  }
  for (const g of groups) await killGroup(g, 2000);
  if (!process.env.QUALSPEC_E2E_KEEP_TMP) for (const d of dirs) rmSync(d, { recursive: true, force: true });
}

function indent(s) {
  return String(s ?? '')
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

// ------------------------------------------------------------------ child (one test file)

async function child(file) {
  const h = await import(pathToFileURL(join(here, 'harness.mjs')).href);
  const send = (m) => new Promise((res) => process.send({ type: 'result', ...m }, () => res()));
  let stopping = false;
  for (const sig of ['SIGTERM', 'SIGINT']) {
    process.on(sig, async () => {
      if (stopping) return;
      stopping = true;
      await h.closeAllSessions({ artefacts: 'KILLED' });
      process.exit(1);
    });
  }

  try {
    await import(pathToFileURL(file).href);
  } catch (e) {
    await send({ name: '(load)', status: 'fail', ms: 0, error: e?.stack ?? String(e) });
    process.exit(1);
  }
  const defaultTimeout = Number(process.env.QUALSPEC_E2E_TEST_TIMEOUT || 300_000);
  let anyFailed = false;
  for (const t of h.registeredTests) {
    if (process.env.QUALSPEC_E2E_GREP && !t.name.includes(process.env.QUALSPEC_E2E_GREP)) continue;
    if (t.opts.skip) {
      await send({ name: t.name, status: 'skip', ms: 0, reason: String(t.opts.skip) });
      continue;
    }
    h.setCurrentTestName(`${basename(file, '.mjs')}-${t.name}`);
    const ctx = {
      name: t.name,
      skip: (reason) => {
        throw new h.SkipError(reason);
      },
      log: (...a) => console.log(`    [${t.name}]`, ...a),
    };
    const t0 = Date.now();
    const timeout = t.opts.timeout ?? defaultTimeout;
    let timer;
    try {
      await Promise.race([
        t.fn(ctx),
        new Promise((_, rej) => {
          timer = setTimeout(async () => {
            await h.closeAllSessions({ artefacts: 'TIMEOUT' });
            rej(new Error(`test timed out after ${timeout} ms (screenshot and logs of its sessions saved under ${h.paths.resultsDir})`));
          }, timeout);
        }),
      ]);
      await send({ name: t.name, status: 'pass', ms: Date.now() - t0 });
    } catch (e) {
      if (e instanceof h.SkipError) {
        await send({ name: t.name, status: 'skip', ms: Date.now() - t0, reason: e.message });
      } else {
        anyFailed = true;
        await send({ name: t.name, status: 'fail', ms: Date.now() - t0, error: e?.stack ?? String(e) });
      }
    } finally {
      clearTimeout(timer);
      await h.closeAllSessions(); // a timed-out test's session is closed here
    }
  }
  process.exit(anyFailed ? 1 : 0);
}
