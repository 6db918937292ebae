/**
 * The registry, the doc pages and the tests must not drift apart: every rule has a unique id, a
 * doc page docs/rules/<id>.md, a row in docs/rules/README.md that matches its meta, and a test file
 * beside it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_RULES, CATALOGUE, PSEUDO_RULES, RULES_BY_ID } from './index';

const here = dirname(fileURLToPath(import.meta.url));
const docs = join(here, '../../../../docs/rules');
const ids = ALL_RULES.map((r) => r.meta.id);
/** Every id with a doc page and a row in the table: the rules and the pseudo-rules (config, internal-error). */
const catalogued = CATALOGUE.map((m) => m.id);

/** The rows of the README table: id -> cells. */
function table(): Map<string, { category: string; severity: string; description: string; fixable: string }> {
  const rows = new Map<string, { category: string; severity: string; description: string; fixable: string }>();
  for (const line of readFileSync(join(docs, 'README.md'), 'utf8').split('\n')) {
    const m = /^\|\s*\[([a-z0-9-]+)\]\(([^)]+)\)\s*\|(.*)\|\s*$/.exec(line);
    if (!m) continue;
    const cells = m[3]!.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
    expect(m[2], `link of ${m[1]}`).toBe(`${m[1]}.md`);
    expect(cells, `cells of ${m[1]}`).toHaveLength(4);
    expect(rows.has(m[1]!), `${m[1]} listed twice`).toBe(false);
    rows.set(m[1]!, { category: cells[0]!, severity: cells[1]!, description: cells[2]!, fixable: cells[3]! });
  }
  return rows;
}

describe('rule registry', () => {
  it('has unique, well-formed ids, each exported from the file of the same name', () => {
    expect(new Set(ids).size).toBe(ids.length);
    expect(RULES_BY_ID.size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(existsSync(join(here, `${id}.ts`)), `${id}.ts`).toBe(true);
    }
  });

  it('registers every rule file', () => {
    const helpers = new Set(['index', 'types', 'util', 'text-fields']);
    const files = readdirSync(here)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => f.slice(0, -3))
      .filter((f) => !helpers.has(f));
    expect(files.sort()).toEqual([...ids].sort());
  });

  it('has a test file beside every rule', () => {
    for (const id of ids) expect(existsSync(join(here, `${id}.test.ts`)), `${id}.test.ts`).toBe(true);
  });
});

describe('docs/rules', () => {
  it('has a page for every rule, titled with its id and stating its severity and category', () => {
    for (const r of [...ALL_RULES, ...PSEUDO_RULES.map((meta) => ({ meta }))]) {
      const file = join(docs, `${r.meta.id}.md`);
      expect(existsSync(file), `docs/rules/${r.meta.id}.md`).toBe(true);
      const text = readFileSync(file, 'utf8');
      expect(text.split('\n')[0]).toBe(`# ${r.meta.id}`);
      expect(text).toContain(`**Severity:** ${r.meta.severity}`);
      expect(text).toContain(`**Category:** ${r.meta.category}`);
      expect(text).toContain(`**Fixable with \`--fix\`:** ${r.meta.fixable ? 'yes' : 'no'}`);
      // A pseudo-rule's findings cannot be silenced by a comment (its page says so).
      if (RULES_BY_ID.has(r.meta.id)) expect(text).toContain(`qualspec-disable-next ${r.meta.id}`);
    }
  });

  it('has no page for a rule that does not exist', () => {
    const pages = readdirSync(docs)
      .filter((f) => f.endsWith('.md') && f !== 'README.md')
      .map((f) => f.slice(0, -3));
    expect(pages.sort()).toEqual([...catalogued].sort());
  });

  it('README.md lists every rule, with the category, severity, description and fixable of its meta', () => {
    const rows = table();
    expect([...rows.keys()].sort()).toEqual([...catalogued].sort());
    for (const m of CATALOGUE) {
      expect(rows.get(m.id), m.id).toEqual({
        category: m.category,
        severity: m.severity,
        description: m.description,
        fixable: m.fixable ? 'yes' : 'no',
      });
    }
  });
});
