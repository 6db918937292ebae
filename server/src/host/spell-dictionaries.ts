/**
 * Where the spelling dictionaries come from in Node (the language server, the CLI and its workers,
 * the tests): dist/dict/<language>.btrie.br beside the bundle, written by scripts/build.mjs from
 * cspell's dictionaries; when running from source without a build, cspell's own text tries in
 * node_modules (slower to decode, the same words).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { dictionaryFileName, setDictionaryLoader, type Language } from '../core/spelling/dictionary.js';

const FILES: Record<Language, { pkg: string; file: string }> = {
  'en-GB': { pkg: '@cspell/dict-en-gb', file: 'en_GB.trie.gz' },
  'en-US': { pkg: '@cspell/dict-en_us', file: 'en_US.trie.gz' },
};

function here(): string {
  return typeof __dirname === 'string' ? __dirname : process.cwd();
}

/** The dictionary's bytes, or undefined when neither the built file nor the package is there. */
export function readDictionary(
  language: Language,
  dirs: readonly string[] = [path.join(here(), 'dict'), path.resolve(here(), '../../../dist/dict')],
): Uint8Array | undefined {
  const f = FILES[language];
  for (const d of dirs) {
    const p = path.join(d, dictionaryFileName(language));
    if (existsSync(p)) return brotliDecompressSync(readFileSync(p));
  }
  try {
    const req = createRequire(path.join(process.cwd(), 'package.json'));
    return gunzipSync(readFileSync(path.join(path.dirname(req.resolve(`${f.pkg}/cspell-ext.json`)), f.file)));
  } catch {
    return undefined;
  }
}

/** Register the Node loader (idempotent: a dictionary is still read at most once per process). */
export function installSpellDictionaries(): void {
  setDictionaryLoader((language) => readDictionary(language));
}
