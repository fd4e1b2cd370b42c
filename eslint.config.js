// ESLint flat config: typescript-eslint with type information, eslint-plugin-vue for the
// storefront, Prettier for layout (eslint-config-prettier switches off what Prettier owns).
// Run by `npm run lint`, which `npm test` runs first. Fix what it finds; do not silence rules.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import vueParser from 'vue-eslint-parser';

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    'dist/',
    'web/dist/',
    '.data/',
    'test-artifacts/',
    'bench/results/',
    // Deliberate violations the architecture test checks its rules against.
    'test/architecture/fixtures/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  vue.configs['flat/recommended'],
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname, extraFileExtensions: ['.vue'] },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['web/src/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    // The storefront's build config is in web/tsconfig.node.json (Node types, not the DOM). The project service only
    // looks in the nearest tsconfig.json, web/'s, which holds the browser sources; so this file names its project.
    files: ['web/vite.config.ts'],
    languageOptions: { parserOptions: { projectService: false, project: './web/tsconfig.node.json' } },
  },
  {
    files: ['**/*.vue'],
    languageOptions: {
      parser: vueParser,
      parserOptions: { parser: tseslint.parser, projectService: true, tsconfigRootDir: import.meta.dirname, extraFileExtensions: ['.vue'] },
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    files: ['eslint.config.js'],
    languageOptions: { sourceType: 'module' },
  },
  prettier,
  {
    // After prettier: it turns max-len off, but long lines are a reader's problem Prettier leaves in strings and comments.
    // An import of one name from a deep path is the one line Prettier cannot wrap.
    rules: {
      'max-len': [
        'error',
        { code: 140, ignoreUrls: true, ignoreRegExpLiterals: true, ignorePattern: String.raw`^\s*(import|export) .* from '.*';$` },
      ],
    },
  },
);
