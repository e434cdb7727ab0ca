// `npm run drills` (tools/drills/run.mjs): every fault drill, one file at a time (they start API, scheduler and CLI
// processes of their own; run side by side on a 2-core machine they would mostly measure each other).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['**/*.drill.test.ts'],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
