import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'http',
  'https',
  'net',
  'crypto',
  'stream',
  'child_process',
  'url',
  'util',
  'events',
];

/** Layering from DESIGN.md: shared <- server/engine <- electron main / renderer. */
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**', 'electron/**', 'renderer/**'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['shared/**'],
    rules: restrict(
      [
        'electron',
        'react-dom',
        'react-dom/*',
        'ws',
        'lowdb',
        'lowdb/*',
        '**/electron/**',
        '**/renderer/**',
        ...nodeBuiltins,
      ],
      'shared/ is pure TypeScript: no electron, node:, DOM libraries or imports from electron/ and renderer/.',
    ),
  },
  {
    files: ['electron/server/**'],
    rules: restrict(
      [
        'electron',
        'electron/*',
        '**/renderer/**',
        '../main*',
        '../preload*',
        '../ipc/**',
        'react',
        'react-dom',
      ],
      'electron/server/ runs under plain Node: no electron, no main-process or renderer code.',
    ),
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(
      ['electron', 'electron/*', '**/electron/**', 'ws', 'lowdb', ...nodeBuiltins],
      'renderer/ talks only to ChatApi: no electron, node or server imports.',
    ),
  },
);
