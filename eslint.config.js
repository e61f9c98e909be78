// @ts-check
/**
 * npm run lint: typescript-eslint's type-aware recommended rules (recommendedTypeChecked) over the server, bot,
 * scripts, benches and tests (tsconfig.json) and the tab (tab/tsconfig.json), plus the React hooks rules for the tab.
 * `--max-warnings 0`: a warning fails the run like an error. Formatting is Prettier's (npm run format), not ESLint's.
 * https://typescript-eslint.io/getting-started/typed-linting and https://react.dev/reference/eslint-plugin-react-hooks
 */
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'build/',
      'coverage/',
      'test-artifacts/',
      'appPackage/build/',
      'data/',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './tab/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A name starting with _ is a parameter kept for its position (Express error handlers, callbacks).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Off: `async` without `await` is deliberate where an async contract is kept (the BoardStore port over synchronous
      // SQLite, fakes of fetch and getToken), so that a throw becomes a rejection as callers expect.
      '@typescript-eslint/require-await': 'off',
      // A variable assigned once but read first by a callback made before the assignment (server.ts's change feed) stays `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    files: ['tests/**/*.ts', 'tests/**/*.tsx'],
    rules: {
      // Off in tests: they read JSON answers and fixtures as untyped data on purpose, and their assertions are the check.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['tab/**/*.ts', 'tab/**/*.tsx', 'tests/tab/**/*.ts', 'tests/tab/**/*.tsx'],
    extends: [reactHooks.configs.flat['recommended-latest']],
  },
);
