#!/usr/bin/env node
// Writes what is generated from the rule catalogue (server/src/core/rules/index.ts: CATALOGUE) and
// the configuration's keys (server/src/core/config/config.ts: CONFIG_KEYS):
//   docs/rules/README.md                 its rules table (everything after the "| Rule |" header)
//   schemas/qualspec-config.schema.json  the JSON Schema of .qualspec.yaml
//   node scripts/catalogue.mjs           write them
//   node scripts/catalogue.mjs --check   exit 1, naming the file, when one is not up to date
import * as esbuild from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import * as prettier from 'prettier';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const check = process.argv.includes('--check');

async function load() {
  const dir = mkdtempSync(join(tmpdir(), 'qualspec-catalogue-'));
  try {
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      `export { CATALOGUE, PSEUDO_RULES } from ${JSON.stringify(join(root, 'server/src/core/rules/index.ts'))};\n` +
        `export { CONFIG_KEYS, SEVERITY_SETTINGS } from ${JSON.stringify(join(root, 'server/src/core/config/config.ts'))};\n`,
    );
    const out = join(dir, 'catalogue.cjs');
    await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'error' });
    return createRequire(import.meta.url)(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const { CATALOGUE, PSEUDO_RULES, CONFIG_KEYS, SEVERITY_SETTINGS } = await load();
const pseudo = new Set(PSEUDO_RULES.map((m) => m.id));
const byId = [...CATALOGUE].sort((a, b) => a.id.localeCompare(b.id));

const HEADER = '| Rule | Category | Default severity | What it checks | Fixable |';
const cell = (s) => s.replace(/\|/g, '\\|');
function readme(current) {
  const at = current.indexOf(HEADER);
  if (at < 0) throw new Error(`docs/rules/README.md has no line "${HEADER}" to put the table after`);
  const rows = byId.map((m) => `| [${m.id}](${m.id}.md) | ${m.category} | ${m.severity} | ${cell(m.description)} | ${m.fixable ? 'yes' : 'no'} |`);
  return `${current.slice(0, at)}${HEADER}\n| --- | --- | --- | --- | --- |\n${rows.join('\n')}\n`;
}

const SEVERITY_WORDS = { error: 'an error', warning: 'a warning', info: 'information', off: 'nothing: the rule does not run' };
function schema() {
  const rules = Object.fromEntries(
    byId
      .filter((m) => !pseudo.has(m.id))
      .map((m) => [
        m.id,
        {
          description: `${m.description} Default: ${m.severity}.`,
          enum: [...SEVERITY_SETTINGS],
          markdownEnumDescriptions: SEVERITY_SETTINGS.map((s) => (s === 'off' ? 'Do not report: the rule does not run' : `Report as ${SEVERITY_WORDS[s]}`)),
        },
      ]),
  );
  const properties = Object.fromEntries(
    Object.entries(CONFIG_KEYS).map(([key, k]) => [
      key,
      key === 'rules'
        ? { ...k.schema, description: k.description, properties: rules, additionalProperties: false }
        : { ...k.schema, description: k.description },
    ]),
  );
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://qualspec.invalid/schemas/qualspec-config.schema.json',
    title: 'qualspec configuration (.qualspec.yaml)',
    description: 'Generated from the rule catalogue by scripts/catalogue.mjs: do not edit by hand.',
    type: 'object',
    properties,
    additionalProperties: false,
  };
}

const targets = [
  { rel: 'docs/rules/README.md', make: (cur) => readme(cur) },
  { rel: 'schemas/qualspec-config.schema.json', make: () => JSON.stringify(schema(), null, 2) + '\n' },
];
let stale = 0;
for (const t of targets) {
  const file = join(root, t.rel);
  let cur = '';
  try {
    cur = readFileSync(file, 'utf8');
  } catch {
    /* written below */
  }
  const options = (await prettier.resolveConfig(file)) ?? {};
  // The JSON as prettier writes it (the markdown table is written in the compact form prettier keeps).
  const made = t.make(cur);
  const next = t.rel.endsWith('.json') ? await prettier.format(made, { ...options, filepath: file }) : made;
  if (next === cur) continue;
  if (check) {
    process.stderr.write(`${t.rel} is not up to date: run node scripts/catalogue.mjs\n`);
    stale++;
  } else writeFileSync(file, next);
}
process.exit(stale ? 1 : 0);
