/**
 * Builds the bare React + MapLibre page (bare/) that the client benchmark
 * compares the product against, with client/vite.config.ts's build options
 * (es2022, minified, React plugin), into test/bench/results/client-bare/.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const root = fileURLToPath(new URL("./bare/", import.meta.url));
const outDir = fileURLToPath(new URL("../results/client-bare/", import.meta.url));

export default defineConfig({
  root,
  base: "/",
  publicDir: false,
  plugins: [react()],
  logLevel: "warn",
  build: {
    outDir,
    // outDir lies outside root, where Vite does not empty it unless told
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
});
