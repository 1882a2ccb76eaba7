import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT } from "../../support/process.ts";

/**
 * The CLI on this run's kind of database: with DATABASE_URL, the run's own database (the CLI
 * migrates and seeds it as the tests do, and a dry run writes nothing); else a new embedded one
 * in `dataDir`.
 */
function cli(args: string[], dataDir: string) {
  const database = process.env.DATABASE_URL
    ? { DATABASE_URL: process.env.DATABASE_URL }
    : { DATABASE_URL: "", DATA_DIR: dataDir };
  const r = spawnSync(process.execPath, ["--import", "tsx", "server/src/import-projects.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...database, LOG_LEVEL: "warn" },
    encoding: "utf8",
    timeout: 180_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm run import-projects", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "atlas-import-cli-"));

  it("exits 1 naming a file it cannot read", () => {
    const r = cli([path.join(dir, "missing.csv")], path.join(dir, "db"));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: cannot read .*missing\.csv: ENOENT/);
  });

  it("exits 1 without a file", () => {
    const r = cli([], path.join(dir, "db"));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/usage: npm run import-projects -- <file/);
  });

  // on the embedded leg one embedded database boot (~1 min); committing runs the same runImport as the GraphQL tests (import.test.ts)
  it("dry-runs by default and prints the row-by-row report", () => {
    const file = path.join(dir, "projects.csv");
    writeFileSync(
      file,
      "id,name,task_ids,place,lng,lat\ncli-a,清徐项目,matter-8,清徐开发区,,\ncli-b,外面,matter-8,,113.9,38.2\n",
    );
    const dry = cli([file], path.join(dir, "db"));
    expect(dry.stderr).toBe("");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("dry run (nothing written; add --commit to import)");
    expect(dry.stdout).toContain("created 1, updated 0, refused 1");
    expect(dry.stdout).toContain("refused line 3: coordinates 113.9, 38.2 lie outside Taiyuan");
  }, 240_000);
});
