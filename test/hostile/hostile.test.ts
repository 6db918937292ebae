/**
 * Hostile documents (issue 8, section 2): each gets a finding a person understands (rule id, a plain
 * message, a location inside the file) within a bounded time, in the engine and through the CLI.
 * docs/robustness.md lists what each one broke before it was fixed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseFile, applyEdits, LineIndex, lintTexts, parseSpecText, type Finding } from '../../server/src/core/index.js';
import { MAX_NESTING, MAX_SPEC_CHARS } from '../../server/src/core/parse/parse.js';
import { main } from '../../server/src/cli/main.js';

const URI = 'file:///hostile/spec.yaml';
const FIXTURE = readFileSync(join(__dirname, '../fixtures/fix-safety/commented-clean.yaml'), 'utf8');

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Lint one text as the CLI and the server do; the CPU milliseconds it took. */
function lint(text: string): { findings: Finding[]; cpuMs: number } {
  const c0 = cpuNow();
  const findings = lintTexts([{ uri: URI, text }]).get(URI) ?? [];
  return { findings, cpuMs: cpuNow() - c0 };
}

/** The finding of `ruleId` whose message matches, checked to be something a person can act on, at a place in the file. */
function clearFinding(text: string, findings: Finding[], ruleId: string, phrase: RegExp): Finding {
  const f = findings.find((x) => x.ruleId === ruleId && phrase.test(x.message));
  expect(f, `a ${ruleId} finding matching ${phrase}; got:\n${findings.map((x) => `${x.ruleId}: ${x.message}`).join('\n')}`).toBeDefined();
  expect(f!.message.length).toBeGreaterThan(25);
  expect(f!.message).not.toMatch(/undefined|\[object |NaN|RangeError|TypeError|Maximum call stack/);
  expect(f!.span.start).toBeGreaterThanOrEqual(0);
  expect(f!.span.end).toBeGreaterThanOrEqual(f!.span.start);
  expect(f!.span.end).toBeLessThanOrEqual(text.length);
  expect(findings.filter((x) => x.ruleId === 'internal-error')).toEqual([]);
  return f!;
}

const lineOf = (text: string, f: Finding): number => new LineIndex(text).positionAt(f.span.start).line + 1;

let dir: string;
const io = () => {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      cwd: dir,
      stdout: (s: string) => void (out.stdout += s),
      stderr: (s: string) => void (out.stderr += s),
      isTTY: false,
      version: '0.0.0-test',
      docsBase: 'file:///docs/rules/',
    },
  };
};
/** `qualspec lint <file> --format json` in-process, on bytes written to a temp file. */
async function cli(
  name: string,
  bytes: Buffer | string,
): Promise<{
  code: number;
  diagnostics: { rule: string; message: string; range: { start: { line: number; character: number } } }[];
  stderr: string;
  ms: number;
}> {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const { out, io: o } = io();
  const t0 = performance.now();
  const code = await main(['lint', file, '--format', 'json'], o);
  const ms = performance.now() - t0;
  const j = JSON.parse(out.stdout) as { diagnostics: { rule: string; message: string; range: { start: { line: number; character: number } } }[] };
  return { code, diagnostics: j.diagnostics, stderr: out.stderr, ms };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qualspec-hostile-'));
  analyseFile('file:///warm.yaml', FIXTURE); // the schema compiles on first use: not part of any timing
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('alias bombs', () => {
  const lol = ['lol: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++)
    lol.push(
      `l${i}: &${String.fromCharCode(97 + i)} [${Array(9)
        .fill(`*${String.fromCharCode(96 + i)}`)
        .join(',')}]`,
    );
  const bomb = lol.join('\n') + '\n';

  it('"billion laughs" is refused, never expanded: each alias is reported and read as nothing', async () => {
    const { findings, cpuMs } = lint(bomb);
    const f = clearFinding(bomb, findings, 'yaml-syntax', /aliases \(\*a\) are not allowed in a spec file: write the value out in full/);
    expect(lineOf(bomb, f)).toBe(2);
    expect(cpuMs).toBeLessThan(1000);
    // Not expanded: 9^9 strings would be ~3 GB; the data holds the nine literal ones and nulls.
    const data = parseSpecText(bomb).data;
    expect(JSON.stringify(data).length).toBeLessThan(2000);
  });

  it('an alias inside a real spec is refused the same way, in chunked and whole parsing alike', async () => {
    const text = FIXTURE.replace('    glh: 25\n    tqt: 50\n    credit: 5\n    units:', '    glh: &g 25\n    tqt: 50\n    credit: 5\n    units:').replace(
      '    group: business\n    glh: 25',
      '    group: business\n    glh: *g',
    );
    const { findings } = lint(text);
    clearFinding(text, findings, 'yaml-syntax', /aliases \(\*g\) are not allowed/);
    expect(parseSpecText(text).data).toEqual(parseSpecText(text, { whole: true }).data);
  });

  it('through the CLI: exit 1, JSON, a finding on line 2', async () => {
    const r = await cli('bomb.yaml', bomb);
    expect(r.code).toBe(1);
    const d = r.diagnostics.find((x) => x.rule === 'yaml-syntax' && /aliases/.test(x.message));
    expect(d?.range.start.line).toBe(1);
    expect(r.ms).toBeLessThan(5000);
  });
});

describe('size', () => {
  /** A spec of about `bytes` characters: the fixture's unit copied under new refs. */
  function bigSpec(chars: number): string {
    const at = FIXTURE.indexOf('\nunits:\n') + '\nunits:\n'.length;
    const head = FIXTURE.slice(0, at);
    const unit = FIXTURE.slice(at, FIXTURE.indexOf('# end of file comment'));
    const parts: string[] = [head];
    let n = head.length;
    for (let i = 2; n < chars; i++) {
      const u = unit.replace('ref: L5B1', `ref: L5B${i}`);
      parts.push(u);
      n += u.length;
    }
    return parts.join('');
  }

  it('a 20 MB spec is refused unread, with a finding that says why, in well under a second', async () => {
    const text = bigSpec(20 * 1024 * 1024);
    expect(text.length).toBeGreaterThan(MAX_SPEC_CHARS);
    const { findings, cpuMs } = lint(text);
    const f = clearFinding(
      text,
      findings,
      'yaml-syntax',
      /This file is 20\.\d million characters long; qualspec checks spec files of up to 5\.0 million .* Split it into several spec files/,
    );
    expect(lineOf(text, f)).toBe(1);
    expect(findings).toHaveLength(1);
    expect(cpuMs).toBeLessThan(500);
  });

  it('the same 20 MB file through the CLI: exit 1, the finding, no time spent parsing', async () => {
    const r = await cli('big.yaml', bigSpec(20 * 1024 * 1024));
    expect(r.code).toBe(1);
    expect(r.diagnostics.map((d) => d.rule)).toEqual(['yaml-syntax']);
    expect(r.diagnostics[0]!.message).toMatch(/not checked/);
    expect(r.ms).toBeLessThan(5000);
  });

  it('a 1 MB spec (three times the largest real one) is checked in full, in linear time', async () => {
    const text = bigSpec(1024 * 1024);
    const { findings, cpuMs } = lint(text);
    expect(findings.filter((f) => f.ruleId === 'yaml-syntax' || f.ruleId === 'internal-error')).toEqual([]);
    expect(cpuMs).toBeLessThan(15_000);
  }, 60_000);
});

describe('10,000-deep nesting', () => {
  const deep: Record<string, string> = {
    'flow sequences': 'qualspec: 1\nunits: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n',
    'flow mappings': 'qualspec: 1\nunits: ' + '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000) + '\n',
    'block sequences (compact)': 'qualspec: 1\nunits:\n' + '- '.repeat(10_000) + 'x\n',
    'block mappings (explicit keys)': 'qualspec: 1\nunits:\n' + '? '.repeat(10_000) + 'x\n',
    'block mappings (implicit keys on one line)': 'qualspec: 1\ndocument:\n  title: ' + 'x: '.repeat(10_000) + 'y\n- z\n',
    'block mappings (indented, 1,000 deep)': 'qualspec: 1\nunits:\n' + Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n') + ' x\n',
  };
  for (const [name, text] of Object.entries(deep)) {
    it(`${name}: refused past ${MAX_NESTING} levels, where it starts, without recursion`, async () => {
      const { findings, cpuMs } = lint(text);
      const f = clearFinding(text, findings, 'yaml-syntax', new RegExp(`nests lists and mappings more than ${MAX_NESTING} levels deep from here on`));
      expect(lineOf(text, f)).toBeGreaterThanOrEqual(2);
      expect(cpuMs).toBeLessThan(1000);
      // The same in chunks and whole: nothing read, so no "missing key" noise either.
      expect(parseSpecText(text).data).toBeUndefined();
      expect(parseSpecText(text, { whole: true }).data).toBeUndefined();
    });
  }

  it('a real spec nests 7 deep, far from the limit', async () => {
    expect(parseSpecText(FIXTURE).problems).toEqual([]);
  });
});

describe('files that are not YAML text', () => {
  // Random bytes with NULs among them (fixed, so the test is reproducible).
  const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (Math.imul(i + 1, 2654435761) >>> 13) & 0xff));
  bytes[100] = 0;

  it('a binary file (NUL bytes) is refused unchecked, with the place of the first NUL', async () => {
    const text = bytes.toString('latin1');
    const { findings, cpuMs } = lint(text);
    const f = clearFinding(text, findings, 'yaml-syntax', /contains a NUL character \(first at line \d+, column \d+\): it is a binary file, not a YAML spec/);
    expect(text.charCodeAt(f.span.start)).toBe(0);
    expect(findings).toHaveLength(1);
    expect(cpuMs).toBeLessThan(200);
  });

  it('the binary file through the CLI: not UTF-8, binary, exit 1, nothing written', async () => {
    const r = await cli('binary.yaml', bytes);
    expect(r.code).toBe(1);
    expect(r.diagnostics.some((d) => /not UTF-8 text/.test(d.message))).toBe(true);
    expect(r.diagnostics.some((d) => /binary file/.test(d.message))).toBe(true);
    expect(readFileSync(join(dir, 'binary.yaml')).equals(bytes)).toBe(true);
  });

  it('invalid UTF-8 (a Latin-1 é): the CLI says where, instead of a silent U+FFFD, and --fix leaves the bytes alone', async () => {
    // "Sales Professionals" with a Latin-1 é (0xE9), and a fixable problem (an unquoted version).
    const text = FIXTURE.replace(
      'awardingBody: Institute of Sales Professionals',
      'awardingBody: Institut des Ventes Professionnelles de Montr\u00e9al',
    ).replace('version: "1.0"  # quoted', 'version: 1.10  # quoted');
    const latin1 = Buffer.from(text, 'latin1');
    const r = await cli('latin1.yaml', latin1);
    expect(r.code).toBe(1);
    const d = r.diagnostics.find((x) => /not UTF-8 text/.test(x.message));
    expect(d?.rule).toBe('yaml-syntax');
    expect(d?.message).toMatch(/the byte 0xE9 at line 5, column \d+ is not valid UTF-8.*Windows-1252 or Latin-1.*save it as UTF-8/);
    expect(d?.range.start.line).toBe(4);
    // --fix: the version could be quoted, but writing the decoded text back would corrupt the é.
    const file = join(dir, 'latin1.yaml');
    const { out, io: o } = io();
    expect(await main(['lint', file, '--fix', '--format', 'json'], o)).toBe(1);
    expect(out.stderr).toMatch(/not fixing .*latin1\.yaml: it is not UTF-8 text/);
    expect(readFileSync(file).equals(latin1)).toBe(true);
  });

  it('UTF-16 (Windows "Unicode") is read and reported, never written back', async () => {
    const text = FIXTURE.replace('version: "1.0"  # quoted', 'version: 1.10  # quoted');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const r = await cli('utf16.yaml', utf16);
    expect(r.code).toBe(1);
    expect(r.diagnostics.find((x) => /UTF-16 text/.test(x.message))?.rule).toBe('yaml-syntax');
    expect(r.diagnostics.some((x) => x.rule === 'yaml-type-trap')).toBe(true); // it was read and checked
    const { io: o } = io();
    await main(['lint', join(dir, 'utf16.yaml'), '--fix'], o);
    expect(readFileSync(join(dir, 'utf16.yaml')).equals(utf16)).toBe(true);
  });

  it('a control character pasted from a word processor is pointed at', async () => {
    const text = FIXTURE.replace('title: Analyse Financial Performance', 'title: Analyse Financial\u000bPerformance');
    const { findings } = lint(text);
    const f = clearFinding(text, findings, 'yaml-syntax', /control character U\+000B \(VERTICAL TAB\), which YAML does not allow/);
    expect(text.charCodeAt(f.span.start)).toBe(0x0b);
  });

  it('a device named on the command line is not read forever', async () => {
    const { out, io: o } = io();
    expect(await main(['lint', '/dev/zero'], o)).toBe(2);
    expect(out.stderr).toMatch(/cannot read .*zero: it is a device, not a regular file/);
  });
});

describe('documents of the wrong shape', () => {
  const cases: [string, string, RegExp, number][] = [
    ['an empty file', '', /The file is empty: a spec file starts with `qualspec: 1`/, 1],
    ['only comments and blank lines', '# nothing here yet\n\n   \n', /The file is empty/, 1],
    ['a root that is a list', '- qualspec: 1\n- document: {}\n', /The file's top level is a list; a spec file is a mapping of keys/, 1],
    ['a root that is a scalar', 'just some words\n', /The file's top level is a single value/, 1],
    ['a root that is a number', '42\n', /The file's top level is a single value/, 1],
  ];
  for (const [name, text, phrase, line] of cases) {
    it(`${name}: says so`, async () => {
      const { findings, cpuMs } = lint(text);
      const f = clearFinding(text, findings, 'yaml-syntax', phrase);
      expect(lineOf(text, f)).toBe(line);
      expect(cpuMs).toBeLessThan(500);
    });
  }

  it('several YAML documents in one file: the second --- is pointed at', async () => {
    const text = FIXTURE + '---\nqualspec: 1\n';
    const { findings } = lint(text);
    const f = clearFinding(text, findings, 'yaml-syntax', /A spec file holds one YAML document: remove the extra --- separator/);
    expect(lineOf(text, f)).toBe(FIXTURE.split('\n').length);
  });

  it('a leading --- (one document) is fine', async () => {
    const { findings } = lint('---\n' + FIXTURE);
    expect(findings.filter((f) => f.ruleId === 'yaml-syntax')).toEqual([]);
  });

  it('duplicate keys, top-level and nested: the second is pointed at, and the first is the one read', async () => {
    const text = FIXTURE.replace('qualspec: 1\n', 'qualspec: 1\nqualspec: 2\n').replace(
      '    tqt: 50\n    credit: 5\n    purpose',
      '    tqt: 50\n    credit: 5\n    credit: 6\n    purpose',
    );
    const { findings } = lint(text);
    const dups = findings.filter((f) => f.ruleId === 'yaml-syntax' && /This key appears twice in the same place/.test(f.message));
    expect(dups.map((f) => text.slice(f.span.start, f.span.end))).toEqual(['qualspec', 'credit']);
    expect(dups.map((f) => lineOf(text, f))).toEqual([4, text.split('\n').indexOf('    credit: 6') + 1]);
    for (const whole of [false, true]) {
      const data = parseSpecText(text, { whole }).data as { qualspec: number; units: { credit: number }[] };
      expect([data.qualspec, data.units[0]!.credit]).toEqual([1, 5]);
    }
  });
});

describe('YAML 1.1 traps, flagged with a fix that quotes the value', () => {
  function trap(from: string, to: string, ruleId: string, phrase: RegExp, quoted: string) {
    expect(FIXTURE).toContain(from);
    const text = FIXTURE.replace(from, to);
    const { findings, cpuMs } = lint(text);
    const f = clearFinding(text, findings, ruleId, phrase);
    expect(lineOf(text, f)).toBe(text.slice(0, text.indexOf(to)).split('\n').length);
    const fix = f.fixes.find((x) => x.safe);
    expect(fix, 'a safe fix').toBeDefined();
    const fixed = applyEdits(text, fix!.edits).text;
    expect(fixed).toBe(text.replace(to, quoted));
    expect(lint(fixed).findings.filter((x) => x.ruleId === ruleId)).toEqual([]);
    expect(cpuMs).toBeLessThan(1000);
  }

  it('version: 1.10 is read as the number 1.1', async () => {
    trap(
      '  version: "1.0"  # quoted',
      '  version: 1.10  # quoted',
      'yaml-type-trap',
      /YAML reads 1\.10 as the number 1\.1, not the text '1\.10': quote it \("1\.10"\)/,
      '  version: "1.10"  # quoted',
    );
  });

  it('an assessment criterion numbered 1.10 is read as the number 1.1', async () => {
    trap('- number: "1.1"\n', '- number: 1.10\n', 'yaml-type-trap', /YAML reads 1\.10 as the number 1\.1/, '- number: "1.10"\n');
  });

  it('no is read as false by YAML 1.1 tools', async () => {
    trap(
      'awardingBodyShort: ISP',
      'awardingBodyShort: no',
      'yaml-type-trap',
      /'no' is read as text here, but older YAML tools read it as false: quote it/,
      'awardingBodyShort: "no"',
    );
  });
});
