import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// One PGlite+PostGIS instance boots in ~15 s, so the database-backed suites
// share it through test/support/db.ts rather than booting per file.
export default defineConfig({
  esbuild: { target: "es2022" },
  // one copy of graphql: Vite would resolve our own imports to graphql's ESM build while
  // Node loads the CommonJS one for type-graphql and Apollo, and their instanceof checks
  // then fail ("Cannot determine GraphQL input type ...")
  resolve: {
    alias: [
      { find: /^graphql$/, replacement: fileURLToPath(new URL("./node_modules/graphql/index.js", import.meta.url)) },
    ],
  },
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    exclude: ["test/e2e/**", "**/node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One file at a time in one worker, one module graph: the database in test/support is shared
    // by every file. Two workers on this 2-core machine would each boot their own embedded
    // database (~15 s each) on the cores the tests and PostgreSQL need, and files that count
    // statements, time deadlines or measure throughput would run under each other's load.
    fileParallelism: false,
    maxWorkers: 1,
    isolate: false,
    pool: "forks",
    globals: false,
    // each file its own app (test/support/server.ts), over the one shared database
    setupFiles: ["test/support/per-file.ts"],
  },
});
