import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'coverage/', '.local/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // Values of the runtime's AWS SDK come through shared/aws/, which loads it with require (the cold start: see runtime-sdk.ts).
    files: ['shared/**/*.ts', 'functions/**/*.ts'],
    ignores: ['shared/aws/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@aws-sdk/*'], allowTypeImports: true, message: 'Take SDK values from shared/aws/ (it loads the runtime\'s SDK with require: see runtime-sdk.ts).' }] },
      ],
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
