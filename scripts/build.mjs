#!/usr/bin/env node
// Bundles the three entry points with esbuild: the VS Code client, the language server and the CLI.
//   node scripts/build.mjs            production build (minified, no sourcemaps)
//   node scripts/build.mjs --dev      development build (sourcemaps)
//   node scripts/build.mjs --watch    development build, rebuilt on change
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const dev = watch || process.argv.includes('--dev');

// `yaml` reads process.env.LOG_TOKENS once per token and LOG_STREAM once per document: each read
// calls into C++ (~1.4 s of a 13 s lint of 100 large specs). Those are debugging switches of the
// library; the bundle replaces the reads with `undefined`.
const yamlDebugSwitches = {
  name: 'yaml-debug-switches',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]yaml[\\/]dist[\\/](parse[\\/]parser|compose[\\/]composer)\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const text = await readFile(args.path, 'utf8');
      return { contents: text.replace(/node_process\.env\.LOG_(TOKENS|STREAM)/g, 'undefined'), loader: 'js' };
    });
  },
};

const common = {
  plugins: [yamlDebugSwitches],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: dev,
  minify: !dev,
  legalComments: 'none',
  logLevel: 'info',
  loader: { '.json': 'json' },
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['client/src/preview/webview.ts'], outfile: 'dist/preview.js', platform: 'browser', format: 'iife', target: 'es2020' },
].filter((e) => existsSync(e.entryPoints[0]));

// The spelling dictionaries, in cspell's binary trie form (decoded in ~15 ms, where the text tries
// the packages ship take ~700 ms), brotli-compressed, beside the bundles: dist/dict/*.btrie.br.
async function buildDictionaries() {
  const { mkdirSync, readFileSync, statSync, writeFileSync } = await import('node:fs');
  const { createRequire } = await import('node:module');
  const zlib = await import('node:zlib');
  const path = await import('node:path');
  const { decodeTrie, encodeITrieToBTrie } = await import('cspell-trie-lib');
  const req = createRequire(import.meta.url);
  mkdirSync('dist/dict', { recursive: true });
  for (const [lang, pkg, file] of [
    ['en-GB', '@cspell/dict-en-gb', 'en_GB.trie.gz'],
    ['en-US', '@cspell/dict-en_us', 'en_US.trie.gz'],
  ]) {
    const src = path.join(path.dirname(req.resolve(`${pkg}/cspell-ext.json`)), file);
    const out = `dist/dict/${lang}.btrie.br`;
    if (existsSync(out) && statSync(out).mtimeMs >= statSync(src).mtimeMs) continue;
    const bin = encodeITrieToBTrie(decodeTrie(zlib.gunzipSync(readFileSync(src))));
    const q = { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bin.length };
    writeFileSync(out, zlib.brotliCompressSync(bin, { params: q }));
  }
}
await buildDictionaries();

if (watch) {
  for (const e of entries) {
    const ctx = await esbuild.context({ ...common, ...e });
    await ctx.watch();
  }
  console.log('watching for changes…');
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
}
