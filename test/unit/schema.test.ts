/**
 * The JSON Schema of a spec file (schemas/qualspec.schema.json), tested with ajv directly — the way an
 * editor or CI job without qualspec would use it — and through qualspec's own checks, which must turn
 * each schema error into one finding that reads well.
 *
 * Every file in test/fixtures/invalid/ is a small, otherwise valid spec with exactly one mistake.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { lintTexts } from '../../server/src/core/index.js';

const ROOT = resolve(__dirname, '../..');
const SCHEMA_FILE = join(ROOT, 'schemas/qualspec.schema.json');
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;

const compile = () => new Ajv2020({ strict: true, allErrors: true }).compile(schema);
let compiled: ReturnType<typeof compile> | undefined;
/** The compiled validator, shared by the tests that only use it. */
const validator = () => (compiled ??= compile());
const read = (p: string) => readFileSync(p, 'utf8');
const yamlFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();

/** A spec parsed the way qualspec parses it (YAML 1.2 core schema: dates stay text). */
const data = (text: string): unknown => parseYaml(text);

const brief = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? [])
    .map((e) => ({ instancePath: e.instancePath, keyword: e.keyword, params: e.params as Record<string, unknown> }))
    .sort((a, b) => (a.instancePath + a.keyword).localeCompare(b.instancePath + b.keyword));

describe('schemas/qualspec.schema.json', () => {
  it('is JSON Schema draft 2020-12 with a stable $id', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toMatch(/^https:\/\/\S+\.json$/);
  });

  it('compiles in ajv strict mode', () => {
    expect(compile).not.toThrow();
  });

  it('describes every property (the description is the hover text), directly or through its $ref', () => {
    const defs = (schema.$defs ?? {}) as Record<string, Record<string, unknown>>;
    const described = (node: Record<string, unknown>): boolean => {
      let n: Record<string, unknown> | undefined = node;
      for (let i = 0; n && i < 5; i++) {
        if (typeof n.description === 'string' && n.description.length > 0) return true;
        const ref: unknown = n.$ref;
        n = typeof ref === 'string' ? defs[ref.replace('#/$defs/', '')] : undefined;
      }
      return false;
    };
    const missing: string[] = [];
    const walk = (node: unknown, at: string) => {
      if (Array.isArray(node)) node.forEach((x, i) => walk(x, `${at}/${i}`));
      else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        if (o.properties && typeof o.properties === 'object')
          for (const [k, v] of Object.entries(o.properties as Record<string, Record<string, unknown>>))
            if (!described(v)) missing.push(`${at}/properties/${k}`);
        for (const [k, v] of Object.entries(o)) walk(v, `${at}/${k}`);
      }
    };
    walk(schema, '#');
    expect(missing).toEqual([]);
  });

  it('rejects unknown keys everywhere an object is described', () => {
    const open: string[] = [];
    const walk = (node: unknown, at: string) => {
      if (Array.isArray(node)) node.forEach((x, i) => walk(x, `${at}/${i}`));
      else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        if (o.properties && o.additionalProperties !== false) open.push(at);
        for (const [k, v] of Object.entries(o)) walk(v, `${at}/${k}`);
      }
    };
    walk(schema, '#');
    expect(open).toEqual([]);
  });

  it('uses only keywords that draft-07 validators (Red Hat YAML, JetBrains) also understand', () => {
    const later = [
      'prefixItems',
      'unevaluatedProperties',
      'unevaluatedItems',
      'dependentRequired',
      'dependentSchemas',
      '$anchor',
      '$dynamicRef',
      '$dynamicAnchor',
      '$recursiveRef',
      '$recursiveAnchor',
      'minContains',
      'maxContains',
      '$vocabulary',
    ];
    const used = new Set<string>();
    const walk = (node: unknown, inMap: boolean) => {
      if (Array.isArray(node)) node.forEach((x) => walk(x, false));
      else if (node && typeof node === 'object')
        for (const [k, v] of Object.entries(node)) {
          if (!inMap) used.add(k);
          if (k === 'examples' || k === 'enum' || k === 'const') continue;
          walk(v, k === 'properties' || k === '$defs');
        }
    };
    walk(schema, false);
    expect([...used].filter((k) => later.includes(k))).toEqual([]);
  });
});

describe('docs/format.md', () => {
  const md = read(join(ROOT, 'docs/format.md'));
  const m = /<!-- qualspec-example: full -->\s*```yaml\n([\s\S]*?)\n```/.exec(md);

  it('has the annotated example', () => {
    expect(m).not.toBeNull();
  });

  it('the example validates against the schema and qualspec finds nothing in it', () => {
    const text = m![1]! + '\n';
    const validate = validator();
    validate(data(text));
    expect(brief(validate.errors)).toEqual([]);
    const uri = pathToFileURL(join(ROOT, 'specs/format-example.yaml')).href;
    const findings = lintTexts([{ uri, text }]).get(uri) ?? [];
    expect(findings.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
  });

  it('documents every top-level key of the format', () => {
    for (const k of Object.keys(schema.properties as object).filter((k) => k !== '$schema')) expect(md, k).toContain(`### \`${k}\``);
  });
});

describe('specs/', () => {
  const dir = join(ROOT, 'specs');
  const files = yamlFiles(dir);

  it('holds both published specifications', () => {
    expect(files).toEqual(expect.arrayContaining(['isp-level-5-professional-sales.yaml', 'ilm-l2-sales-management.yaml']));
  });

  for (const f of files) {
    it(`${f} validates against the schema`, () => {
      const validate = validator();
      const ok = validate(data(read(join(dir, f))));
      expect(brief(validate.errors)).toEqual([]);
      expect(ok).toBe(true);
    });

    it(`${f} carries the modeline that lets any YAML editor find the schema`, () => {
      expect(read(join(dir, f)).split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/qualspec.schema.json');
    });
  }
});

interface InvalidCase {
  /** ajv's errors for the file: instance path, keyword and (some of) its params. */
  errors: { instancePath: string; keyword: string; params?: Record<string, unknown> }[];
  /** The one qualspec finding the file yields. */
  finding: { ruleId: string; line: string; message: string | RegExp; fix?: string };
}

const INVALID: Record<string, InvalidCase> = {
  'wrong-type.yaml': {
    errors: [{ instancePath: '/units/0/credit', keyword: 'type', params: { type: 'integer' } }],
    finding: { ruleId: 'schema', line: 'credit: five', message: "'credit' in unit L5B1 should be a whole number, not text ('five')." },
  },
  'missing-required.yaml': {
    errors: [{ instancePath: '/units/0', keyword: 'required', params: { missingProperty: 'title' } }],
    finding: { ruleId: 'schema', line: '- ref: L5B1', message: /^Unit L5B1 has no 'title'/ },
  },
  'misspelt-key.yaml': {
    // credit is optional (a unit may be sized in GLH / TQT only), so the misspelt key is the one error.
    errors: [{ instancePath: '/units/0', keyword: 'additionalProperties', params: { additionalProperty: 'crdit' } }],
    finding: { ruleId: 'unknown-key', line: 'crdit: 5', message: "Unknown key 'crdit' in unit L5B1 — did you mean 'credit'?", fix: 'credit: 5' },
  },
  'malformed-uan.yaml': {
    errors: [{ instancePath: '/units/0/uan', keyword: 'pattern' }],
    finding: { ruleId: 'schema', line: 'uan: A/651/597', message: "'A/651/597' is not a valid UAN: write it like A/651/5975." },
  },
  'malformed-qan.yaml': {
    errors: [{ instancePath: '/qualifications/0/qan', keyword: 'pattern' }],
    finding: { ruleId: 'schema', line: 'qan: 610/5663', message: "'610/5663' is not a valid QAN: write it like 610/5663/7." },
  },
  'ac-without-text.yaml': {
    errors: [{ instancePath: '/units/0/learningOutcomes/0/criteria/1', keyword: 'required', params: { missingProperty: 'text' } }],
    finding: { ruleId: 'schema', line: '- number: "1.2"', message: /^Assessment criterion 1\.2 of learning outcome 1 of unit L5B1 has no 'text'/ },
  },
  'lo-without-acs.yaml': {
    errors: [{ instancePath: '/units/0/learningOutcomes/0/criteria', keyword: 'minItems', params: { limit: 1 } }],
    finding: {
      ruleId: 'schema',
      line: 'criteria: []',
      message: 'Learning outcome 1 of unit L5B1 has no assessment criteria: every learning outcome needs at least one.',
    },
  },
  'unknown-enum.yaml': {
    errors: [{ instancePath: '/qualifications/0/type', keyword: 'enum', params: { allowedValues: ['award', 'certificate', 'diploma'] } }],
    finding: {
      ruleId: 'schema',
      line: 'type: awrd',
      message: "'awrd' is not allowed for 'type': use 'award', 'certificate' or 'diploma' — did you mean 'award'?",
      fix: 'type: award',
    },
  },
  'version-as-number.yaml': {
    errors: [{ instancePath: '/document/version', keyword: 'type', params: { type: 'string' } }],
    finding: {
      ruleId: 'yaml-type-trap',
      line: 'version: 1.10',
      message: /^YAML reads 1\.10 as the number 1\.1, not the text '1\.10': quote it \("1\.10"\)/,
      fix: 'version: "1.10"',
    },
  },
};

describe('test/fixtures/invalid/', () => {
  const dir = join(ROOT, 'test/fixtures/invalid');
  const files = yamlFiles(dir);

  it('has a case for every fixture and a fixture for every case', () => {
    expect(files).toEqual(Object.keys(INVALID).sort());
  });

  for (const [file, c] of Object.entries(INVALID)) {
    describe(file, () => {
      const text = read(join(dir, file));

      it('fails the schema at the expected path', () => {
        const validate = validator();
        expect(validate(data(text))).toBe(false);
        const got = brief(validate.errors);
        expect(got).toHaveLength(c.errors.length);
        for (const want of c.errors) expect(got).toContainEqual(expect.objectContaining({ ...want, params: expect.objectContaining(want.params ?? {}) }));
      });

      it(`yields one ${c.finding.ruleId} finding that says what is wrong, on the offending line`, () => {
        const uri = pathToFileURL(join(dir, file)).href;
        const findings = lintTexts([{ uri, text }]).get(uri) ?? [];
        expect(findings.map((f) => `${f.ruleId}: ${f.message}`)).toHaveLength(1);
        const [f] = findings;
        expect(f!.ruleId).toBe(c.finding.ruleId);
        expect(f!.severity).toBe('error');
        if (typeof c.finding.message === 'string') expect(f!.message).toBe(c.finding.message);
        else expect(f!.message).toMatch(c.finding.message);
        const lineStart = text.lastIndexOf('\n', f!.span.start - 1) + 1;
        const lineEnd = text.indexOf('\n', f!.span.start);
        expect(text.slice(lineStart, lineEnd).trim()).toBe(c.finding.line);
        if (c.finding.fix) {
          // The preferred quick fix turns the line into the valid one.
          const fix = f!.fixes.find((x) => x.preferred) ?? f!.fixes[0];
          expect(fix, 'a quick fix').toBeDefined();
          let fixed = text;
          for (const e of [...fix!.edits].sort((a, b) => b.span.start - a.span.start))
            fixed = fixed.slice(0, e.span.start) + e.newText + fixed.slice(e.span.end);
          expect(fixed.split('\n').map((l) => l.trim())).toContain(c.finding.fix);
          const validate = validator();
          validate(data(fixed));
          expect(brief(validate.errors).filter((e) => c.errors.some((w) => w.instancePath === e.instancePath && w.keyword === e.keyword))).toEqual([]);
        }
      });
    });
  }
});
