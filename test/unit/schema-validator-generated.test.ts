import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import { specValidator, SPEC_SCHEMA } from '../../server/src/core/schema/validate';

const root = path.resolve(__dirname, '../..');

describe('precompiled schema validator', () => {
  it('is generated from the current schema (run `npm run gen:validator` if this fails)', async () => {
    const { generate } = await import(path.join(root, 'scripts/gen-validator.mjs'));
    const current = readFileSync(path.join(root, 'server/src/core/schema/spec-validator.generated.js'), 'utf8');
    expect(current === generate(root)).toBe(true);
  });

  it('gives the same verdicts and errors as compiling the schema at run time', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false, verbose: true });
    const live = ajv.compile(SPEC_SCHEMA);
    const pre = specValidator();
    const samples: unknown[] = [
      JSON.parse(
        JSON.stringify({
          qualspec: 1,
          document: { awardingBody: 'A', title: 'T', version: '1.0' },
          groups: [{ id: 'g', title: 'G' }],
          qualifications: [],
          units: [],
        }),
      ),
      {
        qualspec: 2,
        document: { title: 5 },
        groups: [],
        qualifications: [{ title: 'x', type: 'awrd', level: 9, qan: '1/2/3', credit: { mn: 1 } }],
        units: [{ ref: 'L5B1', crdit: 3, learningOutcomes: [{ number: 1, text: 'x', criteria: [] }] }],
      },
      'not an object',
    ];
    for (const s of samples) {
      expect(pre(s)).toBe(live(s));
      const strip = (e: typeof live.errors) => (e ?? []).map((x) => ({ instancePath: x.instancePath, keyword: x.keyword, params: x.params }));
      expect(strip(pre.errors)).toEqual(strip(live.errors));
    }
  });
});
