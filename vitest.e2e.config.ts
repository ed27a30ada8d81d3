import { defineConfig } from 'vitest/config';

// `npm run test:e2e`: browser tests in headless Debian chromium (CHROMIUM_PATH or /usr/bin/chromium)
// against the default site, built once and served locally.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // UI changes on a busy CI machine can take more than the default second.
    expect: { poll: { timeout: 5_000 } },
  },
});
