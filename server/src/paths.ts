/**
 * Where the repository's files are, found from this module's location so they resolve
 * from any working directory — and the same whether the server runs from its sources
 * (server/src) or from the bundle `npm start` builds (server/dist).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "seeds"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no repository root (package.json beside seeds/) above ${from}`);
  }
}

/** The repository root: package.json, seeds/, geo/, client/. */
export const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
export const SEEDS_DIR = path.join(ROOT, "seeds");
export const GEO_DATA_DIR = path.join(ROOT, "geo", "data");
export const CLIENT_DIST = path.join(ROOT, "client", "dist");
