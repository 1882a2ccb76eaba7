// Builds the map client when client/dist is missing or older than its sources,
// so `npm start` on a fresh clone serves a current client without a rebuild every time.
import { existsSync, readdirSync, statSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const built = path.join(root, "client/dist/index.html");

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "dist" || entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

if (!existsSync(path.join(root, "client"))) process.exit(0);
if (existsSync(built) && statSync(built).mtimeMs >= newest(path.join(root, "client"))) process.exit(0);
console.log("building the map client (client/dist) ...");
const result = spawnSync("npx", ["vite", "build", "--config", "client/vite.config.ts", "--logLevel", "warn"], {
  cwd: root,
  stdio: "inherit",
});
process.exit(result.status ?? 1);
