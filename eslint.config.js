// Lint rules for the whole workspace. Besides the recommended sets, it keeps the layers of
// telegram-mtproto-core pointing down (DESIGN.md): tl/ and crypto/ import nothing above them.
'use strict';
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const prettier = require('eslint-config-prettier');

const layersAbove = (...layers) =>
  layers.map((layer) => ({
    group: [`**/${layer}/**`, `../${layer}`, `../../${layer}`],
    message: `this layer may not import from ${layer}/ (see DESIGN.md, layering)`,
  }));

module.exports = tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'packages/core/src/tl/generated/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['packages/core/src/tl/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: layersAbove('crypto', 'transport', 'auth', 'session', 'client') },
      ],
    },
  },
  {
    files: ['packages/core/src/crypto/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: layersAbove('transport', 'auth', 'session', 'client') }],
    },
  },
);
