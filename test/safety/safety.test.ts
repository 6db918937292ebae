/**
 * Safety (issue 8, section 4): nothing in a spec or a configuration is ever executed.
 *
 * - No eval, new Function or Function(...) anywhere in server/src or client/src (generated code
 *   included: the schema validator is compiled ahead of time, not at run time).
 * - The configuration (.qualspec.yaml) is parsed as data only: YAML tags that other loaders turn
 *   into code are inert, __proto__ keys cannot pollute prototypes, a configuration in JavaScript is
 *   never loaded, and a hostile configuration (alias bomb, deep nesting) is refused with a finding.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig, RULES_BY_ID } from '../../server/src/core/index.js';
import { main } from '../../server/src/cli/main.js';

const ROOT = join(__dirname, '../..');
const FIXTURE = readFileSync(join(ROOT, 'test/fixtures/fix-safety/commented-clean.yaml'), 'utf8');

function sources(dir: string): string[] {
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (/\.(ts|js|mjs|cjs)$/.test(n)) out.push(p);
  }
  return out;
}

/** Source text without comments and string/template contents, so prose mentioning eval does not count. */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:\\])\/\/.*$/gm, '$1')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, '""');
}

describe('no code is evaluated', () => {
  const files = [...sources(join(ROOT, 'server/src')), ...sources(join(ROOT, 'client/src'))];

  it('there is source to check, and the check finds what it looks for', async () => {
    expect(files.length).toBeGreaterThan(20);
    const sample = code('const a = eval(x); const b = new Function("return 1"); const c = Function(s)(); // eval( in a comment\nconst d = "eval(";');
    expect(/(?<![\w$.])eval\s*\(/.test(sample) && /\bnew\s+Function\b/.test(sample) && /(?<![\w$.])Function\s*\(/.test(sample)).toBe(true);
    expect(/(?<![\w$.])eval\s*\(/.test(code('// eval(x)\nconst s = "eval(x)"; obj.evaluate(1);'))).toBe(false);
  });

  it('no eval, new Function or Function(...) in server/src or client/src', async () => {
    const bad: string[] = [];
    for (const f of files) {
      const c = code(readFileSync(f, 'utf8'));
      for (const [re, what] of [
        [/(?<![\w$.])eval\s*\(/, 'eval('],
        [/\bnew\s+Function\b/, 'new Function'],
        [/(?<![\w$.])Function\s*\(/, 'Function('],
        [/\b(?:vm\.)?run(?:InNewContext|InThisContext|InContext)\s*\(/, 'vm.run*'],
        [/\bsetTimeout\s*\(\s*""/, 'setTimeout(string)'],
      ] as const) {
        if (re.test(c)) bad.push(`${relative(ROOT, f)}: ${what}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the core and the CLI load no module by a computed name and start no process', async () => {
    const bad: string[] = [];
    for (const f of files.filter((x) => /server[\\/]src[\\/](core|cli)[\\/]/.test(x))) {
      const c = code(readFileSync(f, 'utf8'));
      if (/\brequire\s*\(\s*[^"\s)]/.test(c) || /\bimport\s*\(\s*[^"\s)]/.test(c)) bad.push(`${relative(ROOT, f)}: dynamic require/import`);
      if (/from\s+""\s*;?/.test(c) && /child_process|node:vm/.test(readFileSync(f, 'utf8'))) bad.push(`${relative(ROOT, f)}: child_process or vm`);
    }
    expect(bad).toEqual([]);
  });
});

describe('configuration is data only', () => {
  const known = [...RULES_BY_ID.keys()];
  const parse = (text: string) => parseConfig(text, 'file:///w/.qualspec.yaml', known);

  it('YAML tags that other loaders execute (!!js/function, !!python/object) stay inert', async () => {
    const g = globalThis as Record<string, unknown>;
    delete g.qualspecPwned;
    const r = parse(
      `rules: !!js/function "function () { globalThis.qualspecPwned = 1 }"\nspecs: !!python/object/apply:os.system ["touch /tmp/qualspec-pwned"]\nexclude:\n  - !!js/regexp /x/\n`,
    );
    expect(g.qualspecPwned).toBeUndefined();
    expect(existsSync('/tmp/qualspec-pwned')).toBe(false);
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.config.rules).toEqual({});
  });

  it('__proto__ and constructor keys cannot pollute prototypes', async () => {
    const r = parse('__proto__:\n  polluted: yes\nrules:\n  __proto__:\n    polluted: yes\n  constructor: off\n  doubled-word: off\n');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    expect(r.config.rules).toEqual({ 'doubled-word': 'off' });
    expect(r.problems.map((p) => p.message).join('\n')).toMatch(/Unknown rule '__proto__'|Unknown key '__proto__'/);
  });

  it('an alias bomb in the configuration is never expanded', async () => {
    const lol = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++)
      lol.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    const t0 = performance.now();
    const r = parse(lol.join('\n') + '\nrules:\n  doubled-word: *a\n');
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.config.rules).toEqual({});
  });

  it('a configuration nested 10,000 deep is refused with a finding, not a crash', async () => {
    const text = 'rules: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n';
    const r = parse(text);
    expect(r.problems.map((p) => p.message)).toEqual([expect.stringMatching(/nests more than 64 levels deep here, so it was not read/)]);
    expect(r.problems[0]!.span.end).toBeLessThanOrEqual(text.length);
  });

  it('a configuration written in JavaScript is never loaded, and specs are still checked in full', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qualspec-config-'));
    try {
      const marker = join(dir, 'executed');
      const js = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); module.exports = { rules: {} };\n`;
      for (const n of ['.qualspec.js', '.qualspec.cjs', '.qualspec.mjs', 'qualspec.config.js', '.qualspecrc.js']) writeFileSync(join(dir, n), js);
      writeFileSync(join(dir, '.qualspec.yaml'), 'rules:\n  doubled-word: error\n');
      writeFileSync(join(dir, 'spec.yaml'), FIXTURE.replace('Estimate the potential', 'Estimate the the potential'));
      let out = '';
      const code = await main(['lint', join(dir, 'spec.yaml'), '--format', 'json'], {
        cwd: dir,
        stdout: (s) => void (out += s),
        stderr: () => undefined,
        isTTY: false,
        version: '0',
        docsBase: 'file:///docs/',
      });
      expect(existsSync(marker)).toBe(false);
      // The YAML configuration applied (doubled-word raised to an error), so the spec was checked in full.
      expect(code).toBe(1);
      expect(JSON.parse(out).diagnostics.map((d: { rule: string; severity: string }) => `${d.rule}:${d.severity}`)).toEqual(['doubled-word:error']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('config.ts reads YAML through the guarded parser and never evaluates', async () => {
    const src = readFileSync(join(ROOT, 'server/src/core/config/config.ts'), 'utf8');
    expect(src).toMatch(/parseDocumentGuarded/);
    expect(code(src)).not.toMatch(/\beval\s*\(|new\s+Function|require\s*\(|import\s*\(|\.toJS\s*\(/);
  });
});
