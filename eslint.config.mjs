// ESLint flat config: typescript-eslint's recommended rules, plus the architecture boundary —
// the language core (server/src/core) must not depend on LSP, VS Code, the CLI or Node's file system,
// and two memory-retention shapes are kept out of it.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'out/**', 'node_modules/**', 'bench/.work/**', '.vscode-test/**', 'test-results/**', '**/*.vsix', 'test/fixtures/**', '.e2e/**'],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    files: ['server/src/core/**/*.ts'],
    ignores: ['server/src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'vscode',
                'vscode-languageserver',
                'vscode-languageserver/*',
                'vscode-languageclient',
                'vscode-languageclient/*',
                'vscode-jsonrpc',
                'vscode-jsonrpc/*',
              ],
              message: 'The language core knows nothing of LSP or VS Code: put transport code in server/src/lsp or server/src/service.',
            },
            {
              group: ['**/lsp/**', '**/service/**', '**/cli/**', '**/host/**', '**/client/**'],
              message: 'The language core must not depend on its front ends.',
            },
            {
              group: ['node:fs', 'fs', 'node:child_process', 'child_process', 'node:http', 'node:https', 'node:net'],
              message: 'The language core does no I/O: the CLI and the server read files and pass text in.',
            },
          ],
        },
      ],
      // Two shapes that keep a whole file's data alive through V8's young-generation collections
      // (docs/performance.md, "Garbage that outlived its file"); the CLI's workers paid for it in every scavenge.
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='WeakMap']",
          message: "V8's scavenger keeps a WeakMap's values alive while their keys are young: memoise per object with memoOn (core/model/memo.ts).",
        },
        {
          selector: "ObjectExpression > Property[kind='get'], ObjectExpression > Property[kind='set']",
          message: 'An object literal with a getter gets a hidden class of its own each time, which V8 keeps alive with its closure: use a class.',
        },
      ],
    },
  },
  {
    files: ['server/src/service/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['vscode', 'vscode-languageserver', 'vscode-languageserver/node', 'vscode-languageclient', 'vscode-languageclient/*'],
              message: 'The language service returns LSP-shaped data (vscode-languageserver-types) but knows nothing of the transport.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', __dirname: 'readonly', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
