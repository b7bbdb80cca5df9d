import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The JSON report feeds the plain "N passed, N failed" line that .ci/run prints at the end.
    reporters: ['default', ['json', { outputFile: '.tmp/reports/vitest.json' }]],
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          // Upper bounds only: a loaded 2-core CI machine once took over 30 s to start a child process.
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Integration tests open real sockets and child processes; one file at a time keeps ports and CPU calm on 2 cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
