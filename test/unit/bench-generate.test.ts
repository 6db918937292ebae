/**
 * The benchmark workspace generator (bench/generate.ts): same seed, same bytes; a different seed,
 * different files; identifiers unique across the workspace with valid check characters; schema-valid
 * files that lint clean when no error is injected, and findings where errors are injected.
 * No timing is asserted here: benchmarks are not tests.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'yaml';
import { generateFile, generateWorkspace, qanFor, uanFor, writeWorkspace, type GenerateOptions } from '../../bench/generate';
import { lintTexts } from '../../server/src/core/index';
import { qanCheckChar, uanCheckLetter, UAN_FORM, QAN_FORM } from '../../server/src/core/model/identifiers';

const OPTS: Partial<GenerateOptions> = { files: 3, seed: 42 };
const tmp: string[] = [];
afterAll(() => {
  for (const d of tmp) rmSync(d, { recursive: true, force: true });
});

function dirBytes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of readdirSync(dir).sort()) out.set(f, readFileSync(path.join(dir, f), 'utf8'));
  return out;
}

describe('bench/generate', () => {
  it('writes byte-identical workspaces for the same seed', () => {
    const a = mkdtempSync(path.join(os.tmpdir(), 'qs-gen-a-'));
    const b = mkdtempSync(path.join(os.tmpdir(), 'qs-gen-b-'));
    tmp.push(a, b);
    writeWorkspace(a, { ...OPTS, errorRate: 0.05 });
    writeWorkspace(b, { ...OPTS, errorRate: 0.05 });
    const fa = dirBytes(a);
    const fb = dirBytes(b);
    expect([...fa.keys()]).toEqual(['spec-0001.yaml', 'spec-0002.yaml', 'spec-0003.yaml', 'workspace.json']);
    expect([...fb.keys()]).toEqual([...fa.keys()]);
    for (const [name, text] of fa) expect(fb.get(name) === text, `${name} differs between two runs with the same seed`).toBe(true);
  });

  it('generates any file on its own exactly as in the whole workspace', () => {
    const all = [...generateWorkspace(OPTS)];
    expect(generateFile(OPTS, 2).text).toBe(all[2]!.text);
  });

  it('gives different files for a different seed', () => {
    const a = generateFile({ ...OPTS, seed: 1 }, 0).text;
    const b = generateFile({ ...OPTS, seed: 2 }, 0).text;
    expect(a).not.toBe(b);
  });

  it('makes files of the ISP spec size: ~40 units with LOs, ACs, content and guidance', () => {
    const f = generateFile({ ...OPTS }, 0);
    const data = parse(f.text) as {
      units: { learningOutcomes: { criteria: unknown[] }[]; indicativeContent: unknown[]; assessorGuidance: unknown[] }[];
      qualifications: { type: string; rules?: Record<string, unknown>[] }[];
    };
    expect(data.units.length).toBeGreaterThanOrEqual(40);
    expect(data.units.length).toBeLessThanOrEqual(50);
    expect(f.text.length).toBeGreaterThan(250_000);
    expect(f.text.length).toBeLessThan(600_000);
    for (const u of data.units) {
      expect(u.learningOutcomes.length).toBeGreaterThanOrEqual(2);
      expect(u.indicativeContent.length).toBe(u.learningOutcomes.length);
      expect(u.assessorGuidance.length).toBe(u.learningOutcomes.length);
    }
    const types = data.qualifications.map((q) => q.type);
    expect(types.filter((t) => t === 'award').length).toBeGreaterThanOrEqual(8);
    expect(types).toContain('certificate');
    expect(types).toContain('diploma');
    const keys = new Set(data.qualifications.flatMap((q) => (q.rules ?? []).flatMap((r) => Object.keys(r))));
    for (const k of ['minCredits', 'maxCredits', 'minUnits', 'maxUnits', 'groups', 'units', 'mandatory', 'barred', 'levelShare'])
      expect(keys, `a rule uses ${k}`).toContain(k);
  });

  it('uses unit refs, UANs and QANs unique across the workspace, with valid check characters', () => {
    const refs = new Set<string>();
    const uans = new Set<string>();
    const qans = new Set<string>();
    let n = 0;
    for (const f of generateWorkspace({ files: 12, seed: 'ids' })) {
      const d = parse(f.text) as { units: { ref: string; uan: string }[]; qualifications: { qan: string }[] };
      for (const u of d.units) {
        n++;
        expect(refs.has(u.ref), `ref ${u.ref} repeated`).toBe(false);
        expect(uans.has(u.uan), `UAN ${u.uan} repeated`).toBe(false);
        refs.add(u.ref);
        uans.add(u.uan);
        expect(u.uan).toMatch(UAN_FORM);
        expect(u.uan[0]).toBe(uanCheckLetter(u.uan));
      }
      for (const q of d.qualifications) {
        expect(qans.has(q.qan), `QAN ${q.qan} repeated`).toBe(false);
        qans.add(q.qan);
        expect(q.qan).toMatch(QAN_FORM);
        expect(q.qan.slice(-1)).toBe(qanCheckChar(q.qan));
      }
    }
    expect(n).toBeGreaterThan(12 * 40 - 1);
    // The generator's own formulas agree with the checks' on a range of numbers.
    for (let i = 0; i < 2000; i += 7) {
      const u = uanFor(6_500_000 + i * 13);
      expect(u[0]).toBe(uanCheckLetter(u));
      const q = qanFor(6_030_000 + i * 11);
      expect(q.slice(-1)).toBe(qanCheckChar(q));
    }
  });

  it('writes files that the JSON Schema accepts', () => {
    const schema = JSON.parse(readFileSync(path.join(__dirname, '../../schemas/qualspec.schema.json'), 'utf8')) as object;
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    for (const f of generateWorkspace(OPTS)) {
      const ok = validate(parse(f.text));
      expect(ok, `${f.name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    }
  });

  it('lints clean with no injected errors, and has findings where errors are injected', () => {
    const clean = [...generateWorkspace(OPTS)].map((f) => ({ uri: `file:///ws/${f.name}`, text: f.text }));
    const found = [...lintTexts(clean).values()].flat();
    expect(found.map((x) => `${x.uri.split('/').pop()} ${x.ruleId}: ${x.message}`).slice(0, 10)).toEqual([]);

    const files = [...generateWorkspace({ ...OPTS, errorRate: 0.08 })];
    const injected = files.flatMap((f) => f.injected);
    expect(injected.length).toBeGreaterThan(3);
    const results = lintTexts(files.map((f) => ({ uri: `file:///ws/${f.name}`, text: f.text })));
    for (const f of files) {
      const got = results.get(`file:///ws/${f.name}`) ?? [];
      if (f.injected.length) expect(got.length, `${f.name}: ${f.injected.map((i) => i.kind).join(', ')} injected`).toBeGreaterThan(0);
      else expect(got).toEqual([]);
    }
  });
});
