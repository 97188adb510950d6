import js from '@eslint/js';
import eslintConfigPrettier from 'eslint-config-prettier/flat';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'url',
  'stream',
  'worker_threads',
  'zlib',
  'util',
];

// A later block's `no-restricted-imports` replaces an earlier one's options (flat config does not merge them), so
// each block states its whole list: the restrictions of its room plus its own.
function restrictImports(base, extra = {}) {
  return ['error', { paths: [...base.paths, ...(extra.paths ?? [])], patterns: [...base.patterns, ...(extra.patterns ?? [])] }];
}

const sharedRestrictions = {
  paths: [...nodeBuiltins.filter((n) => !n.includes('*')), 'electron', 'react', 'react-dom', 'dexie-react-hooks', 'recharts', 'playwright-core'].map(
    (name) => ({
      name,
      message: 'shared/ runs everywhere: no Node, Electron, React or DOM-only library here.',
    }),
  ),
  patterns: [
    { group: ['node:*', '@codegouvfr/*', '@tanstack/*', 'react-*'], message: 'shared/ runs everywhere: no Node or UI library here.' },
    { group: ['**/renderer/**', '**/electron/**', '**/test/**'], message: 'shared/ imports only shared/.' },
  ],
};

/**
 * The floors of shared/, lowest first (README, "The floors of shared/"). A file imports from its own floor and
 * the floors beneath it, never from above, so the floors stack without a circle; test/unit/sharedGraph.test.ts
 * checks that every folder of shared/ sits on one and that no files import each other in a circle.
 */
export const sharedFloors = [
  { name: 'ground', members: ['format', 'ports', 'errors.ts', 'util.ts'] },
  { name: 'reference data', members: ['reference'] },
  { name: 'schemas and rules', members: ['schemas', 'rules'] },
  { name: 'CSV', members: ['csv'] },
  { name: 'database', members: ['db'] },
  { name: 'repositories', members: ['repos'] },
  { name: 'sync', members: ['sync'] },
  { name: 'review, office, demo data, backups and accounts', members: ['review', 'office', 'demo', 'backup', 'accounts'] },
  { name: 'bridge contract', members: ['bridge'] },
];

const rendererRestrictions = {
  paths: ['electron', 'dexie', ...nodeBuiltins.filter((n) => !n.includes('*'))].map((name) => ({
    name,
    message: 'The renderer reaches the Node side only through renderer/bridge, and the database only through shared/repos.',
  })),
  patterns: [
    { group: ['node:*'], message: 'No Node API in the renderer.' },
    { group: ['**/electron/**'], message: 'The renderer reaches electron/ only through the bridge.' },
  ],
};

const noDatabase = 'Components never touch the database: pass the repository context to a shared/repos function (shared/bridge/backupClient.ts for a backup).';

// From a feature or the shell, another feature is reached only through its index.ts.
const featureDoors = {
  regex: '^\\.\\./(?:features/[^/]+|(?!features/|ui/|bridge/|app/|\\.)[^/]+)/(?!index\\.tsx?$).+',
  message: 'Import another feature only through its index.ts.',
};

const nodeSideRestrictions = {
  paths: [{ name: 'react', message: 'No React on the Node side.' }],
  patterns: [{ group: ['**/renderer/**'], message: 'electron/ never imports the renderer.' }],
};

// The three rooms of ../shared/ARCHITECTURE.md, enforced: shared/ imports only shared/ and pure libraries;
// renderer/ never reaches Node or Electron; electron/ never reaches React; only main/ and preload/ import
// electron; features talk to each other through their index.ts.
export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'renderer/public/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: { 'no-restricted-imports': restrictImports(sharedRestrictions) },
  },
  // Each floor of shared/ imports only its own floor and the floors beneath it.
  ...sharedFloors.map((floor, i) => {
    const above = sharedFloors.slice(i + 1).flatMap((f) => f.members);
    return {
      files: floor.members.map((m) => (m.endsWith('.ts') ? `shared/${m}` : `shared/${m}/**/*.ts`)),
      ignores: ['shared/**/*.test.ts'],
      rules: {
        'no-restricted-imports': restrictImports(sharedRestrictions, {
          patterns: above.length
            ? [
                {
                  regex: `^(?:\\.\\.?/)+(?:${above.map((m) => (m.endsWith('.ts') ? `${m.replace('.', '\\.')}$` : `${m}/`)).join('|')})`,
                  message: `shared/ is built in floors (README, "The floors of shared/"): ${floor.members.join(', ')} may import only ${sharedFloors
                    .slice(0, i + 1)
                    .flatMap((f) => f.members)
                    .join(', ')}.`,
                },
              ]
            : [],
        }),
      },
    };
  }),
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrictImports(rendererRestrictions),
    },
  },
  {
    files: ['renderer/features/*/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrictImports(rendererRestrictions, {
        patterns: [
          featureDoors,
          { regex: '^\\.\\./\\.\\./app/(?!index\\.ts$).+', message: 'A feature reaches the application shell only through renderer/app/index.ts.' },
          { group: ['**/shared/db/database.ts'], message: noDatabase },
        ],
      }),
      // The repository context holds the database for shared/ functions: a feature hands it on, never opens it.
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='db']", message: noDatabase },
        { selector: "ObjectPattern > Property[key.name='db']", message: noDatabase },
        { selector: "MemberExpression[computed=true][property.value='db']", message: noDatabase },
      ],
    },
  },
  {
    files: ['renderer/app/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrictImports(rendererRestrictions, { patterns: [featureDoors] }),
    },
  },
  {
    // The UI kit serves every feature and knows none: no feature, no application shell.
    files: ['renderer/ui/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrictImports(rendererRestrictions, {
        patterns: [
          { group: ['**/features/**', '**/app/**'], message: 'renderer/ui imports no feature and not the application shell: pass what it needs as props.' },
        ],
      }),
    },
  },
  {
    files: ['electron/**/*.{ts,mts,mjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': restrictImports(nodeSideRestrictions, {
        paths: [{ name: 'electron', message: 'Only electron/main and electron/preload may import electron: keep the logic in plain Node modules.' }],
        // The web host and the CLI run without Electron: what they share with main lives in electron/node/.
        patterns: [{ regex: '^(?:\\.\\./)+main/', message: 'electron/main is Electron’s process only: move what is shared to electron/node/.' }],
      }),
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictImports(nodeSideRestrictions),
    },
  },
  {
    files: ['test/**/*.ts', '**/*.test.{ts,tsx}', '*.config.{ts,js}', 'build/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  // Formatting is Prettier's (npm run lint checks it): no ESLint rule may disagree with it.
  eslintConfigPrettier,
);
