import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    // The end-to-end tests run dist/main.js: build it (incrementally, with the libraries) before any test starts.
    globalSetup: ['./src/testing/build-cli.test-support.ts'],
    // The views are asserted as plain text; Nx (and CI terminals) set FORCE_COLOR, which would make ink emit colour codes.
    env: { FORCE_COLOR: '0', NO_COLOR: '1' },
  },
});
