import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'server/src/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/vscode/**', 'node_modules/**'],
    reporters: ['default'],
    testTimeout: 30000,
    setupFiles: ['test/helpers/setup-spelling.ts'],
  },
});
