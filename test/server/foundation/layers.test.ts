/**
 * The layers point one way (issue 20). From the bottom:
 *
 * - core/: the signed-in actor, enums, errors, script conversion, paging and cursors, the list
 *   budget, GeoJSON and instants. Everyone may import it; it imports nothing of the server's.
 * - db/ and the repositories (modules/<name>/<name>.repository.ts): SQL, and nothing of GraphQL or HTTP.
 * - the loaders (modules/loaders.ts, modules/<name>/<name>.loader.ts): per-request DataLoaders that
 *   batch repository reads; no GraphQL, no HTTP.
 * - the services (every other file under modules/ that is not a resolver or a GraphQL type):
 *   take (db, actor, ...) and explicit dependencies (a request's loaders, its list budget), never
 *   the GraphQL context; no GraphQL, no HTTP.
 * - GraphQL (graphql/, modules/<name>/<name>.resolver.ts and .type.ts) and HTTP (http/): resolvers,
 *   /export, /tiles and /ogc call services, or the request's loaders, never a repository.
 *   A loader batching a repository read is not a layer crossing: it is how a resolver asks
 *   for a row, and a service in between would only pass the call on.
 *
 * The GraphQL types (*.type.ts) are type-graphql classes that also declare the row shapes
 * (PlaceRow, TaskFilter ...): the layers below import those shapes as types only (`import type`,
 * erased when compiled), so no file below the resolvers loads type-graphql.
 *
 * Raw SQL is written only in repositories; the importer (server/src/ingest) writes through the
 * repositories and nothing under modules/ or http/ imports it. These are rules about the source
 * text, so this test reads the source text.
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

/**
 * Imports from graphql/ or http/ that a file below the resolvers may still make, each with its
 * reason (none today: a file joining this list needs a reason).
 */
const UPWARD_ALLOWED: Record<string, string> = {};

/** Imports of repositories (values) a resolver, graphql/ or http/ file may make, each with its reason. */
const REPOSITORY_ALLOWED: Record<string, string> = {
  "graphql/sql-executor.ts":
    "compiles a whole operation into one statement, embedding the repositories' SQL fragments (conditions, orderings, columns)",
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
  return imports(file).map((i) => i.target);
}

/**
 * Every local import of a file: its target (relative to server/src) and whether it is for types
 * only (`import type { … }`, or every name marked `type`), which the compiler erases.
 */
function imports(file: { full: string; text: string }): { target: string; typeOnly: boolean }[] {
  return [...file.text.matchAll(/(?:import|export)\s([^"]*?)from\s*"(\.[^"]+)"|import\("(\.[^"]+)"\)/g)].map((m) => {
    const clause = (m[1] ?? "").trim();
    const names = /^\{([^}]*)\}$/
      .exec(clause)?.[1]
      .split(",")
      .map((n) => n.trim())
      .filter(Boolean);
    return {
      target: path
        .relative(SERVER, path.resolve(path.dirname(file.full), m[2] ?? m[3]))
        .split(path.sep)
        .join("/"),
      typeOnly: clause.startsWith("type ") || (!!names?.length && names.every((n) => n.startsWith("type "))),
    };
  });
}

/** The packages (not relative paths) a file imports. */
function packageImports(text: string): string[] {
  return [...text.matchAll(/(?:import|export)\s[^"]*?from\s*"([^".][^"]*)"|import\("([^".][^"]*)"\)/g)].map(
    (m) => m[1] ?? m[2],
  );
}

type Layer = "core" | "db" | "repository" | "loader" | "service" | "graphql" | "http" | "ingest" | "other";

/** The layer a file (path relative to server/src) belongs to; *.type.ts and resolvers are GraphQL. */
function layerOf(name: string): Layer {
  if (name.startsWith("core/")) return "core";
  if (name.startsWith("db/")) return "db";
  if (name.startsWith("graphql/")) return "graphql";
  if (name.startsWith("http/")) return "http";
  if (name.startsWith("ingest/")) return "ingest";
  if (!name.startsWith("modules/")) return "other";
  if (name.endsWith(".resolver.ts") || name.endsWith(".type.ts")) return "graphql";
  if (name.endsWith(".repository.ts")) return "repository";
  if (name === "modules/loaders.ts" || name.endsWith(".loader.ts")) return "loader";
  return "service";
}

const BELOW_GRAPHQL: Layer[] = ["core", "db", "repository", "loader", "service"];

/** What GraphQL and HTTP are made of: no file below the resolvers imports these packages. */
const GRAPHQL_AND_HTTP_PACKAGES = [
  "graphql",
  "type-graphql",
  "@apollo/server",
  "@as-integrations/express5",
  "express",
  "graphql-ws",
];

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

  it("imports the importer (ingest/) from no module and no HTTP route, not even through another file", () => {
    const byName = new Map(files.map((f) => [f.name, f]));
    /** The first chain of imports from `name` to a file of ingest/, or null. */
    const pathToIngest = (name: string, seen = new Set<string>()): string[] | null => {
      if (name.startsWith("ingest/")) return [name];
      const file = byName.get(name);
      if (!file || seen.has(name)) return null;
      seen.add(name);
      for (const target of localImports(file)) {
        const rest = pathToIngest(target, seen);
        if (rest) return [name, ...rest];
      }
      return null;
    };
    const offenders = files
      .filter((f) => f.name.startsWith("modules/") || f.name.startsWith("http/"))
      .flatMap((f) => pathToIngest(f.name)?.join(" → ") ?? []);
    expect(offenders).toEqual([]);
  });
  it("keeps core/ free of the rest of the server: it imports only core/", () => {
    const offenders = files
      .filter((f) => layerOf(f.name) === "core")
      .flatMap((f) => imports(f).flatMap((i) => (i.target.startsWith("core/") ? [] : [`${f.name} → ${i.target}`])));
    expect(offenders).toEqual([]);
  });

  it("imports nothing of GraphQL or HTTP below the resolvers (core/, db/, repositories, loaders, services)", () => {
    const below = files.filter((f) => BELOW_GRAPHQL.includes(layerOf(f.name)));
    expect(below.filter((f) => layerOf(f.name) === "service").length).toBeGreaterThan(10);
    const offenders = below.flatMap((f) =>
      imports(f).flatMap(({ target, typeOnly }) => {
        const up = layerOf(target) === "graphql" || layerOf(target) === "http";
        // a GraphQL type's row shapes may be named, as types: they are erased, type-graphql is not loaded
        const shapeOnly = typeOnly && target.startsWith("modules/") && target.endsWith(".type.ts");
        const edge = `${f.name} → ${target}`;
        return up && !shapeOnly && !(edge in UPWARD_ALLOWED) ? [edge] : [];
      }),
    );
    expect(offenders).toEqual([]);
    const packages = below.flatMap((f) =>
      packageImports(f.text)
        .filter((p) => GRAPHQL_AND_HTTP_PACKAGES.includes(p))
        .map((p) => `${f.name} → ${p}`),
    );
    expect(packages).toEqual([]);
    for (const edge of Object.keys(UPWARD_ALLOWED)) {
      const [name, target] = edge.split(" → ");
      const file = files.find((f) => f.name === name);
      expect(file && localImports(file), edge).toContain(target);
    }
  });

  it("has resolvers, graphql/ and http/ call services or loaders, never a repository", () => {
    const offenders = files
      .filter((f) => layerOf(f.name) === "graphql" || layerOf(f.name) === "http")
      .filter((f) => !f.name.endsWith(".type.ts") && !(f.name in REPOSITORY_ALLOWED))
      .flatMap((f) =>
        imports(f).flatMap(({ target, typeOnly }) =>
          layerOf(target) === "repository" && !typeOnly ? [`${f.name} → ${target}`] : [],
        ),
      );
    expect(offenders).toEqual([]);
    for (const name of Object.keys(REPOSITORY_ALLOWED)) {
      const file = files.find((f) => f.name === name);
      expect(file && imports(file).some((i) => layerOf(i.target) === "repository" && !i.typeOnly), name).toBe(true);
    }
  });
});
