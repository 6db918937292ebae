// .pre-commit-hooks.yaml: the hooks run the package's own bin, on the files the default spec
// patterns name, and only on those (a CI workflow or an OpenAPI file given to `qualspec lint` by
// name would be checked as a spec).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_SPEC_GLOBS, matchesAny } from '../../server/src/core/config/config';

const ROOT = path.resolve(__dirname, '../..');
const hooks = parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as {
  id: string;
  entry: string;
  language: string;
  files: string;
  types: string[];
  require_serial: boolean;
}[];
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('.pre-commit-hooks.yaml', () => {
  it('runs the qualspec bin of this package, once over all the staged specs', () => {
    expect(hooks.map((h) => h.id)).toEqual(['qualspec', 'qualspec-fix']);
    for (const h of hooks) {
      expect(h.language).toBe('node');
      expect(Object.keys(pkg.bin)).toContain(h.entry.split(' ')[0]);
      expect(h.entry).toMatch(/^qualspec lint\b/);
      expect(h.require_serial).toBe(true);
    }
  });

  it('passes exactly the files the default spec patterns match', () => {
    const paths = [
      'specs/a.yaml',
      'x/specs/b.yml',
      'a.qspec.yaml',
      'd/a.qspec.yml',
      '.github/workflows/ci.yml',
      '.qualspec.yaml',
      'openapi.yaml',
      'docs/x.yaml',
    ];
    for (const h of hooks) {
      const re = new RegExp(h.files);
      for (const p of paths) expect(re.test(p), `${h.id}: ${p}`).toBe(matchesAny(p, DEFAULT_SPEC_GLOBS));
    }
  });
});
