// qualspec lint's command-line conventions (those of ESLint, markdownlint-cli2 and Prettier) and
// its reliability on hostile input (issue 20, issue 22 items 5–8): each option with its own test.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { colorByDefault, mayNotWrite } from '../../server/src/cli/lint-command';
import { unifiedDiff } from '../../server/src/cli/diff';

const ROOT = path.resolve(__dirname, '../..');
const ILM = path.join(ROOT, 'specs/ilm-l2-sales-management.yaml');
const CLI = path.join(ROOT, 'dist/cli.js');
const ilmText = () => readFileSync(ILM, 'utf8');
/** Two stray spaces in a title: a warning with a safe fix. */
const spaced = () => ilmText().replace('title: Meeting Customer Needs', 'title: Meeting  Customer Needs');
/** A misspelt key: an error without a safe fix. */
const broken = () => ilmText().replace('    title: Effectively Selling to Customers\n', '    title: Effectively Selling to Customers\n    gl: 3\n');

// dist/cli.js (npm test builds it first): the worker threads and the process tests run it.
beforeAll(() => {
  if (!existsSync(CLI)) execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--dev'], { cwd: ROOT, stdio: 'ignore' });
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'qualspec-conv-'));
});
afterEach(() => {
  try {
    chmodSync(path.join(dir, 'specs/a.yaml'), 0o644);
  } catch {
    /* not there */
  }
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[], opts: { stdin?: string; isTTY?: boolean } = {}) {
  let out = '';
  let err = '';
  const code = await main(args, {
    cwd: dir,
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    isTTY: opts.isTTY ?? false,
    version: '0.0.0-test',
    docsDir: path.join(ROOT, 'docs/rules'),
    ...(opts.stdin !== undefined ? { readStdin: async () => opts.stdin! } : {}),
  });
  return { code, out, err };
}

function write(rel: string, text: string): string {
  const p = path.join(dir, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}

describe('standard input', () => {
  it('checks - as the file --stdin-filename names, with that file’s .qualspec.yaml', async () => {
    write('sub/.qualspec.yaml', 'rules:\n  unknown-key: warning\n');
    const r = await run(['lint', '-', '--stdin-filename', 'sub/a.yaml', '--format', 'json'], { stdin: broken() });
    const j = JSON.parse(r.out);
    expect(j.files).toEqual(['sub/a.yaml']);
    expect(j.diagnostics).toEqual([expect.objectContaining({ file: 'sub/a.yaml', rule: 'unknown-key', severity: 'warning' })]);
    expect(r.code).toBe(0); // a warning, by that configuration
    const plain = await run(['lint', '-'], { stdin: broken() });
    expect(plain.code).toBe(1);
    expect(plain.out).toMatch(/^<stdin>\n {2}<stdin>:\d+:5 error Unknown key 'gl'/);
  });

  it('refuses --fix on standard input and - mixed with paths; --fix-dry-run prints the change', async () => {
    expect((await run(['lint', '-', '--fix'], { stdin: spaced() })).err).toMatch(/--fix cannot write standard input back: use --fix-dry-run/);
    expect((await run(['lint', '-', 'specs'], { stdin: spaced() })).code).toBe(2);
    const dry = await run(['lint', '-', '--fix-dry-run', '--stdin-filename', 'a.yaml'], { stdin: spaced() });
    expect(dry.out).toContain('-    title: Meeting  Customer Needs\n+    title: Meeting Customer Needs\n');
    expect(dry.out).toMatch(/Would fix 1 problem in a\.yaml/);
  });
});

describe('-o / --output-file', () => {
  it('writes the report to the file and nothing to standard output', async () => {
    write('specs/a.yaml', broken());
    for (const flag of ['-o', '--output-file', '--output']) {
      const r = await run(['lint', 'specs', '--format', 'sarif', flag, `out${flag}.sarif`]);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(JSON.parse(readFileSync(path.join(dir, `out${flag}.sarif`), 'utf8')).runs[0].results).toHaveLength(1);
    }
  });

  it('into a missing folder: one line naming the folder, exit 2, no folder created', async () => {
    write('specs/a.yaml', broken());
    const r = await run(['lint', 'specs', '-o', 'reports/q.sarif']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`qualspec: cannot write the report to reports/q.sarif: the folder ${path.join(dir, 'reports')} does not exist (create it first)\n`);
    expect(existsSync(path.join(dir, 'reports'))).toBe(false);
    const b = await run(['lint', 'specs', '--baseline', 'nope/b.json', '--update-baseline']);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/^qualspec: cannot write the baseline to nope\/b\.json: the folder .* does not exist \(create it first\)\n$/);
  });
});

describe('-c / --config and --print-config', () => {
  it('-c applies one configuration file to every spec instead of the upward lookup', async () => {
    write('specs/.qualspec.yaml', 'rules:\n  unknown-key: error\n');
    write('specs/a.yaml', broken());
    write('ci/qualspec.ci.yaml', 'rules:\n  unknown-key: off\n');
    expect((await run(['lint', 'specs'])).code).toBe(1);
    const r = await run(['lint', 'specs', '-c', 'ci/qualspec.ci.yaml']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/0 problems/);
    const missing = await run(['lint', 'specs', '--config', 'nope.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('qualspec: cannot read the configuration nope.yaml: no such file\n');
    // A problem in the named file is reported in it, as for a .qualspec.yaml.
    write('ci/bad.yaml', 'rules:\n  unknown-kee: off\n');
    const bad = await run(['lint', 'specs', '-c', 'ci/bad.yaml', '--format', 'json']);
    expect(JSON.parse(bad.out).diagnostics.map((d: { file: string; rule: string }) => `${d.file} ${d.rule}`)).toContain('ci/bad.yaml config');
  });

  it('-c is used by the worker threads too', async () => {
    for (let i = 0; i < 20; i++) write(`specs/s${i}.yaml`, broken());
    write('q.yaml', 'rules:\n  unknown-key: off\n');
    const lint = async (args: string[]) => {
      let out = '';
      await main(['lint', 'specs', '--format', 'json', ...args], {
        cwd: dir,
        stdout: (s) => (out += s),
        stderr: () => {},
        isTTY: false,
        version: 't',
        workerScript: CLI,
      });
      return (JSON.parse(out) as { diagnostics: { rule: string }[] }).diagnostics.map((d) => d.rule);
    };
    const threads = await lint(['-c', 'q.yaml', '--jobs', '2']);
    expect(threads).toEqual(await lint(['-c', 'q.yaml', '--jobs', '1']));
    expect(threads).not.toContain('unknown-key');
    expect(await lint(['--jobs', '2'])).toContain('unknown-key');
  });

  it('--print-config prints the configuration that applies to a file, every rule with its severity', async () => {
    write('.qualspec.yaml', 'rules:\n  doubled-word: off\nspecs:\n  - "quals/**/*.yaml"\n');
    const r = await run(['lint', '--print-config', 'quals/x.yaml']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ file: 'quals/x.yaml', config: '.qualspec.yaml', isSpec: true, specs: ['quals/**/*.yaml'] });
    expect(j.rules['doubled-word']).toBe('off');
    expect(j.rules['credit-tqt']).toBe('error');
    expect(JSON.parse((await run(['lint', '--print-config', 'other/x.yaml'])).out).isSpec).toBe(false);
    write('.qualspec.yaml', 'rules:\n  doubled-word: loud\n');
    const bad = await run(['lint', '--print-config', 'quals/x.yaml']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^qualspec: \.qualspec\.yaml:2:17 'loud' is not a severity/);
  });
});

describe('--fix-dry-run and --fix', () => {
  it('--fix-dry-run prints a diff of what --fix would change and writes nothing', async () => {
    const p = write('specs/a.yaml', spaced());
    const before = statSync(p).mtimeMs;
    const r = await run(['lint', 'specs', '--fix-dry-run']);
    expect(readFileSync(p, 'utf8')).toBe(spaced());
    expect(statSync(p).mtimeMs).toBe(before);
    expect(r.out).toMatch(/^--- a\/specs\/a\.yaml\n\+\+\+ b\/specs\/a\.yaml\n@@ -\d+,7 \+\d+,7 @@\n/);
    expect(r.out).toContain('-    title: Meeting  Customer Needs\n+    title: Meeting Customer Needs\n');
    expect(r.out).toMatch(/Would fix 1 problem in specs\/a\.yaml\.\n✔ 0 problems/);
    // With a machine-read format the report stays parseable: the diff goes to standard error.
    const j = await run(['lint', 'specs', '--fix-dry-run', '--format', 'json']);
    expect(JSON.parse(j.out).diagnostics).toEqual([]);
    expect(j.err).toContain('+++ b/specs/a.yaml');
  });

  it('--fix refuses a read-only file, and a file of another user, with exit 2, and changes nothing', async () => {
    const p = write('specs/a.yaml', spaced());
    chmodSync(p, 0o444);
    expect(mayNotWrite(p)).toMatch(/read-only \(mode 0444\)/);
    const r = await run(['lint', 'specs', '--fix']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('qualspec: not fixing specs/a.yaml: it is read-only (mode 0444); make it writable to fix it. No file was changed by this pass.\n');
    expect(readFileSync(p, 'utf8')).toBe(spaced());
    expect(statSync(p).mode & 0o777).toBe(0o444);
    chmodSync(p, 0o644);
    if (process.getuid?.() === 0) {
      // Root can give the file away; elsewhere no other user's file can be made here.
      chownSync(p, 12345, 12345);
      const other = await run(['lint', 'specs', '--fix']);
      expect(other.code).toBe(2);
      expect(other.err).toMatch(/not fixing specs\/a\.yaml: it belongs to another user \(uid 12345, this run is uid 0\)/);
      expect(readFileSync(p, 'utf8')).toBe(spaced());
      chownSync(p, 0, 0);
    } else console.log('skipped the other-owner case: only root can give a file to another user');
    const ok = await run(['lint', 'specs', '--fix']);
    expect(ok.code).toBe(0);
    expect(readFileSync(p, 'utf8')).toBe(ilmText());
  });
});

describe('--cache', () => {
  it('answers an unchanged run from the cache and checks again after any change to a spec or the configuration', async () => {
    const p = write('specs/a.yaml', broken());
    const first = await run(['lint', 'specs', '--cache', '--format', 'json']);
    expect(first.code).toBe(1);
    const cache = path.join(dir, '.qualspeccache');
    expect(existsSync(cache)).toBe(true);
    // Plant a marker in the stored report: the next unchanged run must come from it.
    const c = JSON.parse(readFileSync(cache, 'utf8'));
    c.run.diags[0].message = 'FROM THE CACHE';
    writeFileSync(cache, JSON.stringify(c));
    expect(JSON.parse((await run(['lint', 'specs', '--cache', '--format', 'json'])).out).diagnostics[0].message).toBe('FROM THE CACHE');
    // A changed spec is checked again.
    writeFileSync(p, broken() + '\n');
    expect(JSON.parse((await run(['lint', 'specs', '--cache', '--format', 'json'])).out).diagnostics[0].message).toMatch(/^Unknown key 'gl'/);
    // So is an unchanged spec under a changed configuration.
    write('.qualspec.yaml', 'rules:\n  unknown-key: off\n');
    const off = await run(['lint', 'specs', '--cache']);
    expect(off.code).toBe(0);
    // --cache-location, into a file of its own; a damaged cache is ignored and replaced.
    write('tmp/c.json', 'not json');
    expect((await run(['lint', 'specs', '--cache', '--cache-location', 'tmp/c.json'])).code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'tmp/c.json'), 'utf8')).format).toBe('qualspec-cache/1');
  });
});

describe('--baseline guard', () => {
  it('refuses a device or a FIFO as the baseline without reading it', async () => {
    write('specs/a.yaml', broken());
    const dev = await run(['lint', 'specs', '--baseline', '/dev/zero']);
    expect(dev.code).toBe(2);
    expect(dev.err).toBe('qualspec: cannot use the baseline /dev/zero: it is not a regular file\n');
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const f = await run(['lint', 'specs', '--baseline', 'fifo']);
    expect(f.code).toBe(2);
    expect(f.err).toContain('it is not a regular file');
    expect((await run(['lint', 'specs', '-c', 'fifo'])).err).toContain('it is not a regular file');
  });
});

describe('colour', () => {
  it('FORCE_COLOR turns colour on, NO_COLOR off, a terminal otherwise decides', () => {
    expect(colorByDefault({}, true)).toBe(true);
    expect(colorByDefault({}, false)).toBe(false);
    expect(colorByDefault({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colorByDefault({ NO_COLOR: '' }, true)).toBe(true);
    expect(colorByDefault({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colorByDefault({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colorByDefault({ FORCE_COLOR: 'true', NO_COLOR: '1' }, false)).toBe(true);
  });

  it('--color and --no-color override it, and both are in the help', async () => {
    write('specs/a.yaml', broken());
    expect((await run(['lint', 'specs', '--color'])).out).toContain('\x1b[31merror\x1b[39m');
    expect((await run(['lint', 'specs', '--no-color'], { isTTY: true })).out).not.toContain('\x1b[');
    expect((await run(['lint', 'specs'], { isTTY: true })).out).toContain('\x1b[');
    const help = (await run(['lint', '--help'])).out;
    expect(help).toMatch(/--color, --no-color/);
    for (const o of ['-o, --output-file', '-c, --config', '--print-config', '--fix-dry-run', '--cache', '--cache-location', '--stdin-filename', '--docs-url'])
      expect(help).toContain(o);
  });

  it('qualspec --help ends with the help, not a stray usage line', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines.at(-1)).not.toMatch(/^Usage:/);
    expect(r.out.match(/^Usage:/gm)).toHaveLength(1);
  });
});

describe('the built CLI as a process', () => {
  it('FORCE_COLOR colours a report that is not going to a terminal; NO_COLOR does not', () => {
    write('specs/a.yaml', broken());
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    const forced = spawnSync(process.execPath, [CLI, 'lint', 'specs'], { cwd: dir, encoding: 'utf8', env: { ...env, FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\x1b[31m');
    const plain = spawnSync(process.execPath, [CLI, 'lint', 'specs'], { cwd: dir, encoding: 'utf8', env: { ...env, NO_COLOR: '1' } });
    expect(plain.stdout).not.toContain('\x1b[');
  });

  it('reads standard input for -', () => {
    const r = spawnSync(process.execPath, [CLI, 'lint', '-', '--stdin-filename', 'x.yaml'], { cwd: dir, encoding: 'utf8', input: broken() });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('x.yaml:');
    expect(r.stdout).toContain("Unknown key 'gl'");
  });

  it('ends quietly when the reader closes the pipe (qualspec lint … | head -1)', async () => {
    // A large report: many files with many findings, so the writes outlast the reader.
    // Every title and statement with a doubled space: hundreds of warnings a file, a report far past a pipe's 64 kB buffer.
    for (let i = 0; i < 30; i++) write(`specs/s${i}.yaml`, ilmText().replace(/^(\s+(?:- )?(?:title|text): \S+) /gm, '$1  '));
    for (const format of ['stylish', 'sarif', 'github']) {
      const child = spawn(process.execPath, [CLI, 'lint', 'specs', '--format', format, '--jobs', '1'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      // Read the first chunk, then close our end, as `head -1` does.
      child.stdout.once('data', () => child.stdout.destroy());
      const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      expect(err, format).toBe('');
      expect([0, 1], format).toContain(code);
    }
  });
});

describe('unifiedDiff', () => {
  it('gives hunks with three lines of context, and nothing for equal texts', () => {
    const a = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const b = a.replace('line 5\n', 'line five\n').replace('line 18\n', '');
    const d = unifiedDiff('f.yaml', a, b);
    expect(d).toBe(
      [
        '--- a/f.yaml',
        '+++ b/f.yaml',
        '@@ -2,7 +2,7 @@',
        ' line 2',
        ' line 3',
        ' line 4',
        '-line 5',
        '+line five',
        ' line 6',
        ' line 7',
        ' line 8',
        '@@ -15,6 +15,5 @@',
        ' line 15',
        ' line 16',
        ' line 17',
        '-line 18',
        ' line 19',
        ' line 20',
        '',
      ].join('\n'),
    );
    expect(unifiedDiff('f.yaml', a, a)).toBe('');
  });
});
