import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const ACTIONS = readdirSync(new URL('./actions', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const PACKAGES = ['shared', 'sim', 'testkit', 'demo'].map((p) => `./packages/${p}`);
const except = (all, keep) => all.filter((p) => p !== keep);

/** This repository's own rules: file names in kebab-case. */
const local = {
  rules: {
    'kebab-case-file': {
      meta: { type: 'suggestion', schema: [], messages: { name: 'File name "{{name}}" is not kebab-case.' } },
      create(context) {
        return {
          Program(node) {
            const name = basename(context.filename);
            if (!/^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+)*\.(ts|js|mjs|cjs)$/.test(name))
              context.report({ node, messageId: 'name', data: { name } });
          },
        };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', '.ci/out/**', 'demo-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  // Structure: no import cycles, dependencies one way, the packages' entries only, kebab-case file names.
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX, local },
    settings: {
      'import-x/extensions': ['.ts', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            // The simulator is an honest peer: it imports no product code.
            { target: './packages/sim/src', from: except(PACKAGES, './packages/sim').concat('./actions') },
            // Shared code serves the actions and knows none of them, nor the test tools.
            {
              target: './packages/shared/src',
              from: except(PACKAGES, './packages/shared').concat('./actions'),
            },
            // The testkit runs actions against the simulator: it imports no product code.
            { target: './packages/testkit/src', from: ['./packages/shared', './packages/demo', './actions'] },
            // No action imports another; an action's source imports no test tool.
            ...ACTIONS.map((a) => ({
              target: `./actions/${a}`,
              from: './actions',
              except: [`./${a}`],
              message: 'An action imports no other action: what two need belongs in packages/shared.',
            })),
            ...ACTIONS.map((a) => ({
              target: `./actions/${a}/src`,
              from: ['./packages/sim', './packages/testkit', './packages/demo'],
            })),
          ],
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@ecs-delivery/*/src', '@ecs-delivery/*/src/**'],
              message: "Import a package's entries (its package.json exports), never its src/ files.",
            },
          ],
        },
      ],
      'local/kebab-case-file': 'error',
    },
  },
  {
    files: ['**/test/**', '**/*.test.ts'],
    languageOptions: { globals: { ...globals.jest } },
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
