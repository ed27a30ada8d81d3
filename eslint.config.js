// ESLint, configured once: typescript-eslint's recommended rules for TypeScript, the Astro plugin for
// .astro files. Formatting is Prettier's job (.prettierrc.json), not ESLint's.
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'generated/', '.astro/', 'node_modules/', 'public/', 'bench-results/', 'screenshots/', 'dist.staging-*/', 'dist.old-*/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }],
      // Our sanitizers match control characters on purpose (NUL, C0 controls, ANSI escapes in CLI output).
      'no-control-regex': 'off',
    },
  },
);
