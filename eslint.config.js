// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layering: each layer may import only the layers below it (see docs/architecture.md).
 * The patterns are relative-path fragments, so they catch `../runtime/x` as well as deeper paths.
 */
const nodeBuiltins = [
  'node:*',
  'fs',
  'net',
  'http',
  'https',
  'child_process',
  'os',
  'path',
  'dgram',
  'timers',
];
/**
 * React's hook rules for the renderer. eslint-plugin-react-hooks is not in package.json yet
 * (it must be added as a devDependency); until it is installed the rules are skipped rather
 * than failing every lint run.
 */
const REACT_HOOKS_PLUGIN = 'eslint-plugin-react-hooks'; // a variable: typecheck must not need it
const reactHooks = await import(REACT_HOOKS_PLUGIN).then(
  (m) => m.default,
  () => null,
);
const reactHooksRules = reactHooks
  ? [
      {
        files: ['src/renderer/**/*.tsx', 'src/renderer/**/*.ts', 'bench/ui/**/*.tsx'],
        plugins: { 'react-hooks': reactHooks },
        rules: {
          'react-hooks/rules-of-hooks': 'error',
          'react-hooks/exhaustive-deps': 'error',
        },
      },
    ]
  : [];

const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: forbidden.map((group) => ({ group, message })) },
    ],
  },
});

/**
 * Test-only code: tests (`*.test.ts`), their shared helpers (`*.test-kit.ts`, which may sit next
 * to the code they exercise) and everything under test/. Production files must not import it.
 * A separate rule from the layers' no-restricted-imports, so the two never override each other.
 */
const testFiles = ['**/*.test.ts', '**/*.test.tsx', '**/*.test-kit.ts', '**/*.test-kit.tsx'];
const testOnlyImports = {
  group: [
    '**/*.test-kit',
    '**/*.test-kit.*',
    '**/*.test',
    '**/*.test.*',
    '**/test/**',
    '**/bench/**',
  ],
  message:
    'Test kits, tests, test/ and bench/ stay out of production code: only *.test.ts and *.test-kit.ts files may import them.',
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
      '.tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: [...testFiles, 'test/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/explicit-module-boundary-types': 'off' },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: testFiles,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [testOnlyImports] }],
    },
  },
  {
    // test/ is the integration suite: it may use src and its own support, never bench/, which
    // measures; shared pieces live in test/support or src, and bench imports them.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/bench/**'],
              message: 'test/ does not import bench/: move the shared piece to test/support.',
            },
          ],
        },
      ],
    },
  },
  layer(
    ['src/shared/**/*.ts'],
    [
      [...nodeBuiltins],
      ['electron'],
      ['**/main/**', '**/renderer/**', '**/preload/**', 'react', 'modbus-serial'],
    ],
    'src/shared is the contract: it imports only zod and other shared modules.',
  ),
  layer(
    ['src/main/core/**/*.ts'],
    [
      [...nodeBuiltins],
      ['electron', 'modbus-serial', 'socketcan', 'serialport', 'better-sqlite3'],
      [
        '**/devices/**',
        '**/runtime/**',
        '**/sim/**',
        '**/hosts/**',
        '**/service/**',
        '**/transports/**',
        '**/site/**',
        '**/commissioning/**',
        '**/recording/**',
        '**/util/resources-path',
      ],
    ],
    'The core is pure: no I/O, no timers, no drivers. It imports only shared code and itself.',
  ),
  {
    // The core gets `now` from its caller and never waits: no clock, no timers, no randomness
    // of its own, so a step is a pure function of its inputs and replays exactly.
    files: ['src/main/core/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...[
          'Date',
          'performance',
          'setTimeout',
          'setInterval',
          'setImmediate',
          'clearTimeout',
          'clearInterval',
        ].map((name) => ({
          name,
          message: 'The core takes time as an argument (now); it reads no clock and sets no timer.',
        })),
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'The core is deterministic: randomness comes in as an input.',
        },
        {
          object: 'Date',
          property: 'now',
          message: 'The core takes time as an argument (now); it reads no clock.',
        },
      ],
    },
  },
  layer(
    ['src/main/devices/**/*.ts'],
    [
      ['electron'],
      [
        '**/runtime/**',
        '**/sim/**',
        '**/hosts/**',
        '**/service/**',
        '**/transports/**',
        '**/commissioning/**',
      ],
    ],
    'Drivers sit below the runtime: they know devices, not the control loop or hosts.',
  ),
  layer(
    ['src/main/sim/**/*.ts'],
    [
      ['electron'],
      ['**/runtime/**', '**/hosts/**', '**/service/**', '**/transports/**', '**/commissioning/**'],
    ],
    'The simulator plays the site: it may use drivers and profiles, never the EMS runtime.',
  ),
  layer(
    ['src/main/runtime/**/*.ts', 'src/main/site/**/*.ts'],
    [['electron'], ['**/hosts/**', '**/service/**', '**/transports/**', '**/commissioning/**']],
    'The runtime knows the core and drivers, never the hosts above it.',
  ),
  layer(
    ['src/main/recording/**/*.ts'],
    [
      ['electron'],
      [
        '**/runtime/**',
        '**/sim/**',
        '**/hosts/**',
        '**/service/**',
        '**/transports/**',
        '**/commissioning/**',
      ],
    ],
    'The session store keeps records; it knows nothing of the loop, the service or hosts.',
  ),
  layer(
    ['src/main/util/**/*.ts'],
    [
      ['electron'],
      [
        '**/core/**',
        '**/devices/**',
        '**/runtime/**',
        '**/sim/**',
        '**/site/**',
        '**/hosts/**',
        '**/service/**',
        '**/transports/**',
        '**/recording/**',
        '**/commissioning/**',
      ],
    ],
    'Utilities are leaves: generic helpers that know nothing of the EMS.',
  ),
  layer(
    ['src/main/commissioning/**/*.ts'],
    [['electron'], ['**/hosts/**', '**/service/**', '**/transports/**', '**/sim/**']],
    'Commissioning tools use drivers and the runtime; the service above calls them.',
  ),
  layer(
    ['src/main/service/**/*.ts'],
    [['electron'], ['**/hosts/**', '**/transports/**']],
    'The service implements the contract for every transport; it never imports one.',
  ),
  layer(
    ['src/main/transports/**/*.ts'],
    [['**/hosts/**', '**/sim/**']],
    'Transports carry the contract to the service; hosts sit above them.',
  ),
  {
    // The sandboxed preload loads only electron and what is bundled into it: no zod, nothing
    // of main or the renderer, no Node modules. What it takes from src/shared must be zod-free
    // (scripts/check-import-graph.mjs follows the imports through shared to make sure).
    files: ['src/preload/**/*.ts'],
    ignores: ['src/preload/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...nodeBuiltins, 'zod', '**/main/**', '**/renderer/**', 'modbus-serial'],
              message: 'The preload imports only electron and zod-free modules of src/shared.',
            },
          ],
        },
      ],
    },
  },
  ...reactHooksRules,
  {
    files: ['src/renderer/**/*.ts', 'src/renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...nodeBuiltins, 'electron', '**/main/**', '**/preload/**', 'modbus-serial'],
              message: 'The renderer imports only shared code (the contract) and UI libraries.',
            },
          ],
        },
      ],
    },
  },
);
