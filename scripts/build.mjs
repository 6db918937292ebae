#!/usr/bin/env node
// Bundles the entry points with esbuild: the VS Code client, the language server, the CLI, the
// library API of the npm package (dist/api.js) and the preview's webview script.
//   node scripts/build.mjs            production build (minified, no sourcemaps)
//   node scripts/build.mjs --dev      development build (sourcemaps)
//   node scripts/build.mjs --watch    development build, rebuilt on change
//   node scripts/build.mjs --types    also write dist/api.d.ts, the API's type declarations (npm prepack)
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const dev = watch || process.argv.includes('--dev');
const types = process.argv.includes('--types');

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
  { entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/cli.js', external: ['playwright-core'], banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/api.ts'], outfile: 'dist/api.js' },
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
  if (types) await writeApiTypes();
}

/**
 * dist/api.d.ts from server/src/api.ts, by the TypeScript compiler. api.ts declares every type its
 * functions take or give, so its declaration file stands alone: one file, importing nothing, which
 * is checked here (a type borrowed from the core would leave an import of a file the package lacks).
 */
async function writeApiTypes() {
  const ts = (await import('typescript')).default;
  const program = ts.createProgram(['server/src/api.ts'], {
    declaration: true,
    emitDeclarationOnly: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    resolveJsonModule: true,
    esModuleInterop: true,
    strict: true,
    skipLibCheck: true,
    types: ['node'],
    outDir: 'out/types',
  });
  let api;
  const result = program.emit(undefined, (file, text) => {
    if (/[\\/]api\.d\.ts$/.test(file) && !/[\\/](core|host|cli)[\\/]/.test(file)) api = text;
  });
  const errors = ts
    .getPreEmitDiagnostics(program)
    .concat(result.diagnostics)
    .filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length)
    throw new Error(ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => '\n' }));
  if (!api) throw new Error('dist/api.d.ts: the compiler wrote no declarations for server/src/api.ts');
  if (/\bimport\b|\bfrom\s+['"]/.test(api)) throw new Error(`dist/api.d.ts must not import anything (declare the type in api.ts):\n${api}`);
  mkdirSync('dist', { recursive: true });
  writeFileSync('dist/api.d.ts', `// The qualspec library API (server/src/api.ts); written by scripts/build.mjs --types.\n${api}`);
  console.log('  dist/api.d.ts');
}
