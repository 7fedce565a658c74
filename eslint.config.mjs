import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', 'test/e2e/.cache/**', 'test/e2e/artifacts/**', '**/*.vsix'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        clearImmediate: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // The server calls nothing that loads ICU's data (collation, Intl): the first call faults in
    // megabytes of the node binary's data that stay resident for the server's life.
    files: ['server/src/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', { property: 'localeCompare', message: 'Loads ICU collation data (2-3 MiB resident for the server\'s life): compare as compareCodes (services/diagnostics.ts) does.' }],
      'no-restricted-globals': ['error', { name: 'Intl', message: 'Loads ICU data (resident memory for the server\'s life).' }],
    },
  },
  {
    // CommonJS preloads for Node (e.g. the security test's sandbox).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', globalThis: 'readonly', setImmediate: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
