import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const noUi = { group: ['@/app/*', '@/app', '@/components/*', '@/components', '**/app/*', '**/components/*'], message: 'lib/ and db/ never import the UI.' };

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['.next/**', 'node_modules/**', '.data/**', 'next-env.d.ts', 'tests/.artifacts/**', 'test-results/**', 'playwright-report/**'],
  },
  {
    // One direction only: app/ and components/ reach the database through lib/.
    files: ['app/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/db/*', '@/db', '**/db/*'], message: 'Pages and components go through lib/, never db/.' },
            { group: ['@/lib/**/internal/*', '@/lib/**/internal', '**/lib/**/internal/*', '**/lib/**/internal'], message: "A domain's internal/ helpers take no viewer: call the domain's index (lib/<domain>)." },
          ],
        },
      ],
    },
  },
  {
    // Components are handed what they need by app/ (actions as props), never reach up into it.
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/db/*', '@/db', '**/db/*'], message: 'Pages and components go through lib/, never db/.' },
            { group: ['@/app/*', '@/app', '**/app/*'], message: 'Components never import app/: take actions and data as props.' },
            { group: ['@/lib/**/internal/*', '@/lib/**/internal', '**/lib/**/internal/*', '**/lib/**/internal'], message: "A domain's internal/ helpers take no viewer: call the domain's index (lib/<domain>)." },
          ],
        },
      ],
    },
  },
  {
    // lib/ is below the UI: it never imports app/ or components/.
    files: ['lib/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noUi] }],
    },
  },
  {
    // db/ is the lowest layer: nothing above it, lib/ included (what it needs
    // of the environment is db/env.ts). Its own block, since a later block's
    // rule replaces an earlier one's for the same file.
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [noUi, { group: ['@/lib/*', '@/lib', '**/lib/*'], message: 'db/ is the lowest layer: it never imports lib/.' }] },
      ],
    },
  },
  {
    // No module cycles in the app's own code (a cycle hides which module is the lower layer).
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'lib/**/*.{ts,tsx}', 'db/**/*.ts', 'proxy.ts'],
    rules: { 'import/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
];

export default config;
