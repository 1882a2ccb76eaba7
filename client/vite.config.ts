import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { appShell } from "./app-shell.ts";

const root = fileURLToPath(new URL(".", import.meta.url));
const api = process.env.ATLAS_API ?? "http://127.0.0.1:4000";

// Two pages: the map app (index.html) and a locally bundled GraphiQL (graphiql.html).
export default defineConfig({
  root,
  base: "/",
  publicDir: "public",
  plugins: [react(), appShell()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: { index: `${root}index.html`, graphiql: `${root}graphiql.html` },
    },
  },
  server: {
    host: "127.0.0.1",
    proxy: {
      "/graphql": api,
      "/export": api,
      "/tiles": api,
      "/healthz": api,
    },
  },
});
