import { defineConfig } from 'vitest/config';

// `npm test`: unit and integration tests. Browser tests live in tests/e2e and run with
// `npm run test:e2e` (vitest.e2e.config.ts).
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    globalSetup: ['tests/site/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
