// ESLint flat config: typescript-eslint's recommended rules, React hooks rules for the
// renderer, and no-restricted-imports per folder mirroring the layer table of
// ARCHITECTURE.md (tests/unit/layers.test.ts enforces the same table on every import).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = {
  regex: '^(node:.*|assert|buffer|child_process|cluster|crypto|dgram|dns|events|fs|fs/promises|http|http2|https|module|net|os|path|perf_hooks|process|readline|stream|string_decoder|timers|tls|tty|url|util|v8|vm|worker_threads|zlib)$',
  message: 'Node built-ins belong in core/node, electron/ or cli/ (see ARCHITECTURE.md, layers).',
};
const rel = (folders, message) => ({ regex: `(^|/)(${folders})(/|$)`, message });
const pkg = (names, message) => names.map((name) => ({ name, message }));

const CORE_MSG = 'core/ is platform-free: no DOM, no Node, no electron (ARCHITECTURE.md, layers).';
const RENDERER_MSG = 'renderer/ talks to the platform only through HostApi; core/node and electron are off limits (ARCHITECTURE.md, layers).';

export default defineConfig(
  {
    // build outputs only
    ignores: ['dist/**', 'dist-electron/**', 'release/**', 'out/**', 'node_modules/**', 'tests/e2e/screenshots/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },

  // ---------------------------------------------------------------- renderer
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs['recommended-latest'].rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [...pkg(['electron'], RENDERER_MSG), ...pkg(['zod', 'yaml', 'docx', 'jszip', 'mammoth'], 'The renderer uses these through core/ (ARCHITECTURE.md, layers).')],
          patterns: [NODE_BUILTINS, rel('core/node', RENDERER_MSG), rel('electron|cli', RENDERER_MSG)],
        },
      ],
    },
  },

  // ---------------------------------------------------------------- core (platform-free)
  {
    files: ['core/**/*.ts'],
    ignores: ['core/node/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: pkg(['electron', 'react', 'react-dom', 'prosemirror-view', 'prosemirror-dropcursor', 'prosemirror-gapcursor'], CORE_MSG),
          patterns: [NODE_BUILTINS, rel('node', CORE_MSG), rel('renderer|electron|cli', CORE_MSG)],
        },
      ],
    },
  },

  // ---------------------------------------------------------------- core/node
  {
    files: ['core/node/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: pkg(['electron', 'react', 'react-dom', 'prosemirror-view'], 'core/node is used by electron/ and cli/ alike: no electron, no DOM.'),
          patterns: [rel('renderer|electron|cli', 'core/node may import core/ and Node built-ins only.')],
        },
      ],
    },
  },

  // ---------------------------------------------------------------- electron
  {
    // the plain decision modules: Node tests load them, so electron only as types
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', allowTypeImports: true, message: 'Only electron/main.ts and electron/preload.ts load electron; keep this module a plain function Node tests can load (use "import type").' },
            ...pkg(['react', 'react-dom', 'prosemirror-view'], 'electron/ has no DOM code.'),
          ],
          patterns: [rel('renderer|cli', 'electron/ may import core/, core/node/, electron and Node built-ins.')],
        },
      ],
    },
  },
  {
    files: ['electron/main.ts', 'electron/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: pkg(['react', 'react-dom', 'prosemirror-view'], 'electron/ has no DOM code.'),
          patterns: [rel('renderer|cli', 'electron/ may import core/, core/node/, electron and Node built-ins.')],
        },
      ],
    },
  },

  // ---------------------------------------------------------------- cli
  {
    files: ['cli/**/*.{ts,mjs}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: pkg(['electron', 'react', 'react-dom', 'prosemirror-view'], 'cli/ is headless: core/, core/node/ and Node built-ins.'),
          patterns: [rel('renderer|electron', 'cli/ may import core/, core/node/ and Node built-ins.')],
        },
      ],
    },
  },

  // ---------------------------------------------------------------- tests and tools
  {
    files: ['tests/e2e/contract-harness.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
