import { availableParallelism } from 'node:os';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const ALWAYS_EXCLUDED = ['**/node_modules/**', 'data/**', 'display/dist/**', '.build/**'];
// Drills (a 200-device run, a month-sized report archive) measure more than they check:
// `npm run drills` runs them, `npm test` does not.
const DRILLS = process.env.GALLEY_DRILLS ? [] : ['test/drills/**'];
const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx'];
// Files that replace a module with vi.mock: a mocked module must not leak into the files
// that share their process, so they get a fresh one.
const MOCKING_MODULES = ['display/src/tickets/TicketDetail.test.tsx'];

export default defineConfig({
  plugins: [react()],
  test: {
    pool: 'forks',
    // Much test time is waiting (brokers, Chromium, timers), not computing: on two cores three
    // files at once finish the suite sooner than two; four are no faster than three (measured).
    maxWorkers: Math.max(3, availableParallelism() + 1),
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          // Tests beside the code they test. They share their worker processes: importing the
          // app afresh for each of ~280 files was a third of the suite's time. Each file still
          // builds its own app, database and broker; nothing in them depends on a fresh module.
          name: 'unit',
          include: TEST_FILES,
          exclude: [...ALWAYS_EXCLUDED, 'test/**', ...MOCKING_MODULES],
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'unit-mocking', include: MOCKING_MODULES, exclude: ALWAYS_EXCLUDED },
      },
      {
        extends: true,
        test: {
          // End-to-end and cross-part tests: processes, browsers and environment variables of
          // their own, so each file gets a fresh worker.
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          exclude: [...ALWAYS_EXCLUDED, ...DRILLS],
        },
      },
    ],
  },
});
