import { availableParallelism } from 'node:os';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    // Drills (a 200-device run, a month-sized report archive) measure more than they check:
    // `npm run drills` runs them, `npm test` does not.
    exclude: [
      '**/node_modules/**',
      'data/**',
      'display/dist/**',
      ...(process.env.GALLEY_DRILLS ? [] : ['test/drills/**']),
    ],
    pool: 'forks',
    // Much test time is waiting (brokers, Chromium, timers), not computing: on two cores three
    // files at once finish the suite sooner than two; four are no faster than three (measured).
    maxWorkers: Math.max(3, availableParallelism() + 1),
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
