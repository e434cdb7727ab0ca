import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    // The end-to-end tests run dist/main.js: build it (incrementally, with the libraries) before any test starts.
    globalSetup: ['./src/testing/build-cli.test-support.ts'],
    // The views are asserted as an interactive terminal shows them, in plain text: Nx and CI terminals set FORCE_COLOR
    // (ink would emit colour codes), and with CI=true ink renders only the final frame (is-in-ci), so both are pinned here.
    // The binary run by the end-to-end tests keeps the caller's environment.
    env: { FORCE_COLOR: '0', NO_COLOR: '1', CI: 'false' },
  },
});
