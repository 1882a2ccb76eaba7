/**
 * The layers point one way (issue 20): raw SQL is written only in repositories, and the rest of
 * the server reaches the database through them; the importer (server/src/ingest) writes through
 * the repositories and nothing under modules/ or http/ imports it. These are rules about the
 * source text, so this test reads the source text.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SERVER = fileURLToPath(new URL("../../../server/src/", import.meta.url));

/**
 * Files outside repositories and db/ that may still write SQL, each with its reason. A file
 * leaving this list is progress; one joining it needs a reason as good as these.
 */
const RAW_SQL_ALLOWED: Record<string, string> = {
  "graphql/sql-executor.ts":
    "the SQL lane compiles a whole GraphQL operation into one statement that builds the JSON answer",
  "modules/spatial/spatial-filter.ts":
    "builds the PostGIS conditions of the spatial filters as fragments the repositories embed; it runs no statement",
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const files = sourceFiles(SERVER).map((full) => ({
  name: path.relative(SERVER, full).split(path.sep).join("/"),
  full,
  text: readFileSync(full, "utf8"),
}));

/** The values (not types) a file imports from kysely. */
function kyselyValues(text: string): string[] {
  return [...text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"kysely"/g)].flatMap((m) =>
    m[1]
      .split(",")
      .map((name) => name.trim())
      .filter((name) => name && !name.startsWith("type ")),
  );
}

/** The files a file imports, as paths relative to server/src (those outside it start with ../). */
function localImports(file: { full: string; text: string }): string[] {
  return [...file.text.matchAll(/(?:import|export)\s[^"]*?from\s*"(\.[^"]+)"|import\("(\.[^"]+)"\)/g)].map((m) =>
    path
      .relative(SERVER, path.resolve(path.dirname(file.full), m[1] ?? m[2]))
      .split(path.sep)
      .join("/"),
  );
}

describe("layers", () => {
  it("finds the server's sources", () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.some((f) => f.name === "modules/task/task.repository.ts")).toBe(true);
  });

  it("writes raw SQL (kysely's sql template) only in repositories, db/ and the allowed files", () => {
    const offenders = files
      .filter((f) => kyselyValues(f.text).includes("sql"))
      .map((f) => f.name)
      .filter((name) => !name.endsWith(".repository.ts") && !name.startsWith("db/") && !(name in RAW_SQL_ALLOWED));
    expect(offenders).toEqual([]);
    // an allowance nobody needs any more is removed, so that the list says what is left
    for (const name of Object.keys(RAW_SQL_ALLOWED)) {
      const file = files.find((f) => f.name === name);
      expect(file && kyselyValues(file.text), name).toContain("sql");
    }
  });

  it("imports the importer (ingest/) from no module and no HTTP route", () => {
    const offenders = files
      .filter((f) => f.name.startsWith("modules/") || f.name.startsWith("http/"))
      .flatMap((f) =>
        localImports(f).flatMap((target) => (target.startsWith("ingest/") ? [`${f.name} → ${target}`] : [])),
      );
    expect(offenders).toEqual([]);
  });
});
