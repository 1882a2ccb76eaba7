import { defineConfig } from "vitest/config";

// One PGlite+PostGIS instance boots in ~15 s, so the database-backed suites
// share it through test/support/db.ts rather than booting per file.
export default defineConfig({
  esbuild: { target: "es2022" },
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    exclude: ["test/e2e/**", "node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // one worker, one module graph: the database and server in test/support are shared by every file
    isolate: false,
    pool: "forks",
    globals: false,
  },
});
