import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'coverage/', 'test-results/', 'playwright-report/', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The shared code runs in every host; it must never pull in a UI or Electron.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'src/ is host-independent: Electron code lives in main/.' },
            { name: 'react', message: 'src/ is host-independent: React code lives in renderer/.' },
            { name: 'react-dom', message: 'src/ is host-independent: React code lives in renderer/.' },
          ],
          patterns: [{ group: ['electron/*', 'react/*', 'react-dom/*'], message: 'src/ must not import electron or react.' }],
        },
      ],
    },
  },
  {
    // The contract is isomorphic: the renderer imports it, so no node:* modules.
    files: ['src/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'os', 'better-sqlite3'], message: 'src/contract runs in the browser too.' },
            { group: ['electron', 'react', 'react-dom', '../core/*', '../../core/*'], message: 'src/contract imports nothing but zod.' },
          ],
        },
      ],
    },
  },
  {
    // The renderer talks to the core only through the contract; no Node, no core internals.
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'os', 'better-sqlite3', 'electron'], message: 'The renderer runs in a sandboxed page.' },
            {
              group: ['**/src/core/*', '**/src/core/**', '**/src/cli/**', '**/src/bridge/**', '**/src/transport/**', '**/main/**'],
              message: 'The renderer imports only src/contract.',
            },
          ],
        },
      ],
    },
  },
);
