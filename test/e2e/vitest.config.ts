import { defineConfig } from "vitest/config";

// End-to-end: the real server (started once in global-setup.ts) and a real
// Chromium. `npm run test:e2e` builds the client first; nothing here builds.
export default defineConfig({
  esbuild: { target: "es2022" },
  test: {
    root: new URL("../..", import.meta.url).pathname,
    include: ["test/e2e/**/*.test.ts"],
    globalSetup: ["test/e2e/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    maxWorkers: 1,
    sequence: { concurrent: false },
  },
});
