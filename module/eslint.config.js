// ESLint for the counter page (issue 14 §7). ESLint 9 rather than 10: 9 runs on the Node.js 18 of
// Debian 12 (deploy/install-test-deps.sh installs Debian's nodejs where none is present).
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['target/', 'node_modules/'] },
  js.configs.recommended,
  {
    files: ['src/main/webapp/assets/**/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser },
    },
    rules: {
      // a forgotten variable or import is dead code a reader has to understand first
      'no-unused-vars': ['error', { args: 'after-used', ignoreRestSiblings: true }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-var': 'error',
      'prefer-const': 'error',
      'no-implicit-globals': 'error',
      'no-shadow': 'error',
      'no-param-reassign': 'off',
      'no-console': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      // text from the base or a QR code is only ever set as text (dom.js): no HTML sinks
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Set text, never HTML (dom.js h()): a label may be hostile.' },
        { property: 'outerHTML', message: 'Set text, never HTML (dom.js h()): a label may be hostile.' },
        { property: 'insertAdjacentHTML', message: 'Set text, never HTML (dom.js h()): a label may be hostile.' },
      ],
    },
  },
  {
    files: ['src/test/js/**/*.js', 'eslint.config.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
  },
];
