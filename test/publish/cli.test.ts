/** `qualspec publish`: files written, a spec with errors still published (with a warning) unless --strict, bad YAML refused. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { ISP, ISP_AS_PUBLISHED } from './helpers';
import { certificate, DEFAULT_UNITS, spec } from '../helpers/spec';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'qualspec-publish-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, {
    cwd: dir,
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    isTTY: false,
    version: '0.0.0-test',
    docsBase: 'https://example.invalid/',
  });
  return { code, out, err };
}

describe('qualspec publish', () => {
  it('writes the HTML document of a clean spec, silently on stderr', async () => {
    const r = await run(['publish', ISP, '--out', 'out']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/wrote out\/isp-level-5-professional-sales\.html: 18 qualifications, 32 units, \d+ learning outcomes, \d+ assessment criteria/);
    const html = readFileSync(path.join(dir, 'out/isp-level-5-professional-sales.html'), 'utf8');
    expect(html).toContain('<h1>ISP Level 5 Qualifications in Professional Sales</h1>');
    expect(html).toContain('qualspec 0.0.0-test');
  });

  it('publishes a spec with errors with a warning, and refuses it with --strict', async () => {
    const r = await run(['publish', ISP_AS_PUBLISHED, '--out', 'out']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^qualspec: warning: .*isp-level-5-professional-sales\.yaml has \d+ errors \(first: .*:\d+:\d+ .*\]\); publishing anyway/);
    expect(existsSync(path.join(dir, 'out/isp-level-5-professional-sales.html'))).toBe(true);
    rmSync(path.join(dir, 'out'), { recursive: true });
    const s = await run(['publish', ISP_AS_PUBLISHED, '--out', 'out', '--strict']);
    expect(s.code).toBe(1);
    expect(s.err).toMatch(/not published: .* has \d+ errors/);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('writes a review copy beside the document, with the findings marked', async () => {
    const r = await run(['publish', ISP_AS_PUBLISHED, '--out', 'out', '--review']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/isp-level-5-professional-sales\.review\.html: .*, (\d+) findings marked/);
    const html = readFileSync(path.join(dir, 'out/isp-level-5-professional-sales.review.html'), 'utf8');
    expect(html).toContain('<h2 id="findings-h">Review findings</h2>');
  });

  it('refuses a YAML syntax error with its location, exit 2', async () => {
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'qualspec: 1\ndocument:\n  title: [unclosed\n  version: "1.0"\n');
    const r = await run(['publish', bad, '--out', 'out']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^qualspec: bad\.yaml:\d+:\d+: /);
    expect(r.err).toContain('is not valid YAML, so it cannot be published');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('says clearly when the browser for --pdf does not exist, exit 2', async () => {
    const r = await run(['publish', ISP, '--out', 'out', '--pdf', '--browser', path.join(dir, 'no-such-chrome')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--browser .*no-such-chrome: no such program/);
  });

  it('needs --out and one spec', async () => {
    expect((await run(['publish', ISP])).code).toBe(2);
    expect((await run(['publish', '--out', 'x'])).err).toMatch(/give exactly one spec file/);
    expect((await run(['publish', ISP, '--out', 'x', '--browser', '/x'])).err).toMatch(/--browser is only used with --pdf/);
  });
});

describe('qualspec publish --review over a project of several files', () => {
  // quals.yaml's Certificate draws L5B9 from more.yaml, which also gives L5B9 the UAN of quals.yaml's L5B1.
  const quals = spec({ qualifications: certificate({ pool: '      units: [L5B1, L5B2, L5B3, L5B9]\n' }) });
  const more = (uan: string) =>
    spec({ qualifications: '  []\n', units: [{ ref: 'L5B9', uan, title: 'Manage Sales Technology Systems', glh: 30, tqt: 60, credit: 6 }] });
  const reviewOf = async () => {
    const r = await run(['publish', 'specs/quals.yaml', '--out', 'out', '--review']);
    expect(r.code).toBe(0);
    return { r, html: readFileSync(path.join(dir, 'out/quals.review.html'), 'utf8') };
  };
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };

  it('marks the findings qualspec lint reports across files, and no false unknown-unit', async () => {
    write('specs/quals.yaml', quals);
    write('specs/more.yaml', more(DEFAULT_UNITS[0]!.uan!));
    const lint = await run(['lint', '--format', 'json']);
    const linted = (JSON.parse(lint.out) as { diagnostics: { file: string; rule: string }[] }).diagnostics.filter((d) => d.file.endsWith('quals.yaml'));
    expect(linted.map((d) => d.rule)).toEqual(['duplicate-uan']);
    const { r, html } = await reviewOf();
    expect(r.out).toMatch(/quals\.review\.html: .*, 1 finding marked/);
    expect(html).toContain('duplicate-uan');
    expect(html).not.toContain('unknown-unit');
    // The other file's UAN fixed: nothing left to mark, and L5B9 is still found there.
    write('specs/more.yaml', more('F/651/5977'));
    const clean = await reviewOf();
    expect(clean.r.out).toMatch(/, 0 findings marked/);
    expect(clean.r.err).toBe('');
  });

  it('a spec outside the project is reviewed alone, as qualspec lint <spec> checks it', async () => {
    write('elsewhere/quals.yaml', quals);
    write('specs/more.yaml', more(DEFAULT_UNITS[0]!.uan!));
    const r = await run(['publish', 'elsewhere/quals.yaml', '--out', 'out', '--review']);
    const html = readFileSync(path.join(dir, 'out/quals.review.html'), 'utf8');
    expect(html).toContain('unknown-unit');
    expect(html).not.toContain('duplicate-uan');
    expect(r.err).toMatch(/has 1 error/);
  });
});
