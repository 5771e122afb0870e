// Lint: typescript-eslint's recommended rules, plus the layer boundary of the engine:
// libs/engine is pure, so it may not import the I/O stack or read the clock/environment.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**', 'apps/web/dist/**', '.data/**', 'test-artifacts/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': 'error',
    },
  },
  {
    files: ['libs/engine/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@nestjs/*', 'typeorm', 'bullmq', 'ioredis', 'pg', 'fs', 'node:fs', 'net', 'node:net', 'http', 'node:http', '@app/*'], message: 'libs/engine is pure: no I/O, no framework.' },
        ],
      }],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'Time is an input (ctx.now).' },
        { object: 'Math', property: 'random', message: 'Ids and randomness are inputs.' },
        { object: 'process', property: 'env', message: 'Configuration is an input.' },
      ],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time is an input (ctx.now).' }],
    },
  },
);
