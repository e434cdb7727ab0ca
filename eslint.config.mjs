// Flat config: typescript-eslint with type information, and Nx module boundaries between the layers.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', '**/*.test-support.ts'];
const TEST_PACKAGES = ['vitest', 'fast-check'];

// The layers of docs/architecture.md: domain ← application ← adapters ← apps. No wildcard rule anywhere.
function depConstraints({ allowTestPackages }) {
  const extra = allowTestPackages ? TEST_PACKAGES : [];
  return [
    // The domain imports nothing outside itself: no npm package at all.
    { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'], allowedExternalImports: [...extra] },
    // The application knows only the domain; every outside effect is a port it owns.
    { sourceTag: 'type:application', onlyDependOnLibsWithTags: ['type:domain'], allowedExternalImports: [...extra] },
    { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:domain', 'type:application'] },
    { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:application', 'type:adapter'] },
    { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:domain', 'type:application', 'type:adapter'] },
  ];
}

const boundaries = (allowTestPackages) => [
  'error',
  { enforceBuildableLibDependency: true, banTransitiveDependencies: true, allow: [], depConstraints: depConstraints({ allowTestPackages }) },
];

// Node's built-in modules are not npm packages, so the Nx rule does not see them; ban them in the pure layers explicitly.
const builtins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const noNodeBuiltins = ['error', { paths: builtins.map((name) => ({ name, message: 'the domain and application layers do no I/O: use a port' })) }];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.nx/**', '**/coverage/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: false }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      '@nx/enforce-module-boundaries': boundaries(false),
    },
  },
  {
    files: TEST_FILES,
    rules: {
      '@nx/enforce-module-boundaries': boundaries(true),
      // Asymmetric matchers (`expect.any(Number)`) are typed `any` by vitest.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // API tests read JSON answers whose shape is what they assert.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  { files: ['libs/domain/src/**/*.ts', 'libs/application/src/**/*.ts'], rules: { 'no-restricted-imports': noNodeBuiltins } },
  {
    // The domain reads no clock, no randomness and no environment: they come in as arguments.
    files: ['libs/domain/src/**/*.ts'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'no environment in the domain' }, { name: 'console', message: 'no I/O in the domain' }],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'no clock in the domain: take `now` as an argument' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'no clock in the domain: take `now` as an argument' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'no randomness in the domain' },
      ],
    },
  },
  { files: ['**/*.mjs', '**/*.js', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.mjs', '**/*.js', '**/*.cjs'], languageOptions: { globals: globals.node } },
);
