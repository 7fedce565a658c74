import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/src/**/*.test.ts', 'test/unit/**/*.test.ts', 'test/lsp/**/*.test.ts', 'test/grammar/**/*.test.ts', 'test/nvim/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
