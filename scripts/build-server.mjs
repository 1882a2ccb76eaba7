// Bundles the server (server/src/main.ts) into server/dist/main.js with esbuild: one file of
// plain JavaScript that `npm start` runs with node, without a TypeScript loader in the process
// (less memory and a faster start). Packages stay in node_modules. Takes well under a second.
// The embedded database's worker (server/src/db/pglite-worker.ts) is a second entry point,
// server/dist/pglite-worker.js, which database.ts starts from beside main.js.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
await build({
  entryPoints: {
    main: path.join(root, "server/src/main.ts"),
    "pglite-worker": path.join(root, "server/src/db/pglite-worker.ts"),
  },
  outdir: path.join(root, "server/dist"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  // decorators as TypeScript's experimentalDecorators; every type-graphql decorator names its type
  tsconfig: path.join(root, "tsconfig.json"),
  logLevel: "warning",
});
