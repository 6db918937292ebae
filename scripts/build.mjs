#!/usr/bin/env node
// Bundles the entry points with esbuild: the VS Code client, the language server and the CLI (for
// Node), the preview's page script, and the web extension's client and server (for the browser).
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

// The web extension's client reuses the desktop client's modules: there, the language client's
// shared API comes from vscode-languageclient/browser, and the preview's nonce from Web Crypto.
const browserClientShims = {
  name: 'browser-client-shims',
  setup(build) {
    build.onResolve({ filter: /^vscode-languageclient\/node$/ }, () =>
      build.resolve('vscode-languageclient/browser', { kind: 'import-statement', resolveDir: '.' }),
    );
    build.onResolve({ filter: /^node:crypto$/ }, () => ({ path: new URL('../client/src/browser/node-crypto.ts', import.meta.url).pathname }));
  },
};
const browser = { platform: 'browser', target: 'es2022', mainFields: ['browser', 'module', 'main'], define: { 'process.env.NODE_ENV': '"production"' } };

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['client/src/preview/webview.ts'], outfile: 'dist/preview.js', platform: 'browser', format: 'iife', target: 'es2020' },
  // VS Code for the web: the extension host loads the client as CommonJS; the server is a classic Web Worker script.
  {
    entryPoints: ['client/src/browser/extension.ts'],
    outfile: 'dist/browser-client.js',
    ...browser,
    format: 'cjs',
    external: ['vscode'],
    plugins: [browserClientShims],
  },
  { entryPoints: ['server/src/lsp/browser-main.ts'], outfile: 'dist/browser-server.js', ...browser, format: 'iife' },
].filter((e) => existsSync(e.entryPoints[0]));

if (watch) {
  for (const e of entries) {
    const ctx = await esbuild.context({ ...common, ...e });
    await ctx.watch();
  }
  console.log('watching for changes…');
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
}
