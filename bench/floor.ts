/**
 * The parsing floor (bench/.work/floor.cjs): read spec files and parse each with one YAML library,
 * nothing else; prints {parseMs, files, bytes, errors}. A bundle of its own, so its process start
 * is as light as a YAML parser's can be.
 *   node bench/.work/floor.cjs yaml|js-yaml <file or directory>
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { load as loadJsYaml } from 'js-yaml';

function specFiles(target: string): string[] {
  if (!statSync(target).isDirectory()) return [target];
  return readdirSync(target)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => path.join(target, f));
}

const [lib, target] = process.argv.slice(2);
const files = specFiles(target!);
const texts = files.map((f) => readFileSync(f, 'utf8'));
let parse: (s: string) => unknown;
if (lib === 'yaml') parse = (s) => parseDocument(s);
else {
  // The js-yaml that qualspec's batch fast path uses (a project dependency, bundled here).
  parse = (s) => loadJsYaml(s);
}
const t0 = performance.now();
let errors = 0;
for (const t of texts) {
  try {
    parse(t);
  } catch {
    errors++;
  }
}
process.stdout.write(JSON.stringify({ parseMs: performance.now() - t0, files: files.length, bytes: texts.reduce((s, t) => s + t.length, 0), errors }) + '\n');
