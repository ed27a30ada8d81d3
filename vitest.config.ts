import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

// `npm test`: three projects, by what their tests cost.
//   unit     tests/lib: pure logic, no site build (`npm run test:unit`: seconds);
//   site     tests/site: built sites, read as a user or a host would;
//   scripts  tests/scripts: the npm commands, run as a user runs them (some build sites).
// What several test files need and is costly (a site per fixture and options) is made once per run
// in this run's folder (tests/support/run-cache.ts), named here so that every worker of every
// project finds it; tests/support/run-setup.ts removes it at the end.
// Browser tests live in tests/e2e and run with `npm run test:e2e` (vitest.e2e.config.ts).
process.env['MAPSCOPE_TEST_RUN'] = path.join(tmpdir(), `mapscope-test-run-${randomUUID()}`);

const RUN_SETUP = 'tests/support/run-setup.ts';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 240_000,
    projects: [
      {
        extends: true,
        // Pure logic: the files share one module graph per worker thread (isolate: false) rather than
        // each loading src/ again, which halves the run; a test that changes process-wide state
        // (an environment variable) puts it back. Two workers (the others keep Vitest's default), so
        // the unit tests run as a group of their own, first (groupOrder).
        test: {
          name: 'unit',
          include: ['tests/lib/**/*.test.ts'],
          pool: 'threads',
          isolate: false,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: 'site', include: ['tests/site/**/*.test.ts'], globalSetup: [RUN_SETUP, 'tests/site/setup.ts'], sequence: { groupOrder: 1 } },
      },
      { extends: true, test: { name: 'scripts', include: ['tests/scripts/**/*.test.ts'], globalSetup: [RUN_SETUP], sequence: { groupOrder: 1 } } },
    ],
  },
});
