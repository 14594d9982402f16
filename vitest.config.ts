import { availableParallelism } from 'node:os';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['**/node_modules/**', 'data/**', 'display/dist/**'],
    pool: 'forks',
    // Most test time is waiting (brokers, Chromium, timers), not computing: even on two cores,
    // two files at once finish far sooner than vitest's default of one worker per spare core.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
