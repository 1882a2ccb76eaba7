/**
 * Issue 18, caches bounded by bytes: the SQL lane kept up to 1 000 query texts (each up to
 * 2 MB, comments included) and the SQL executor up to 32 statements per operation keyed by
 * the whole variables' JSON: 510 requests took one server from 103 to 748 MB for good. Here
 * an app with 1 MB caches is sent many distinct large documents and variables, and what the
 * caches hold stays within 1 MB; the same request twice still reuses its statement.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "graphql";
import { createApp, type App } from "../../../server/src/app.ts";
import { loadConfig } from "../../../server/src/config.ts";
import { getSchema } from "../../../server/src/graphql/schema.ts";
import { statementFor } from "../../../server/src/graphql/sql-executor.ts";
import { LIMITS } from "../../../server/src/graphql/limits.ts";
import { silentLogger, testDatabase } from "../../support/db.ts";

const MB = 1024 * 1024;
let app: App;

beforeAll(async () => {
  const database = await testDatabase();
  app = await createApp(
    loadConfig({ PORT: "0", SEED_ON_BOOT: "false", QUERY_CACHE_MB: "1", STATEMENT_CACHE_MB: "1" }),
    silentLogger,
    { database },
  );
  await app.start();
});

afterAll(async () => {
  await app.stop();
});

async function post(body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${app.url()}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** A valid covered read of ~500 tokens, distinct per n (its aliases' names), padded with a comment. */
function bigQuery(n: number, comment: number): string {
  const fields = Array.from(
    { length: 5 },
    (_, i) =>
      `a${n}x${i}: places(filter: { kinds: [COUNTY, DISTRICT] }) { id code nameEn name(script: HANT) kind precision areaKm2 source aliases parent { id nameEn kind } children { id nameEn kind } }`,
  );
  return `# ${"c".repeat(comment)}\nquery Big${n} { ${fields.join(" ")} }`;
}

describe("the caches filled by requests are bounded by bytes", () => {
  it("the SQL lane keeps at most its bytes of documents, whatever the texts sent", async () => {
    for (let n = 0; n < 60; n++) {
      const r = await post({ query: bigQuery(n, 40_000) });
      expect(r.status, JSON.stringify(r.body).slice(0, 200)).toBe(200);
      expect(r.body.data[`a${n}x0`].length).toBeGreaterThan(0);
    }
    const { queries } = app.cacheStats();
    expect(queries.maxBytes).toBe(1 * MB);
    expect(queries.bytes).toBeLessThanOrEqual(queries.maxBytes);
    expect(queries.entries).toBeGreaterThan(5);
    // 60 texts of ~50 000 characters were sent: they are not what is kept
    expect(queries.entries).toBeLessThan(60);
  });

  it("a query text over the limit is refused before parsing, with a named error", async () => {
    const r = await post({ query: bigQuery(0, LIMITS.maxQueryChars) });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(r.body.errors[0].message).toMatch(new RegExp(`at most ${LIMITS.maxQueryChars} characters .*got \\d+`));
  });

  it("the SQL executor keeps at most its bytes of statements, whatever the variables sent", async () => {
    const q = `query($b: [Float!], $w: GeoJSON) { a: tasks(filter: { spatial: { bbox: $b } }, first: 5) { nodes { id places { role place { id nameEn } } } } b: places(filter: { within: $w }) { id } }`;
    for (let n = 0; n < 150; n++) {
      // distinct bboxes (small variables), and every tenth request a distinct 3 000-position polygon (~100 KB)
      const w = n % 10 === 0 ? { type: "Polygon", coordinates: [ring(3_000, n)] } : null;
      const r = await post({ query: q, variables: { b: [112 + n / 1000, 37.5, 113, 38.2], w } });
      expect(r.status).toBe(200);
      expect(r.body.errors).toBeUndefined();
    }
    const { statements } = app.cacheStats();
    expect(statements.maxBytes).toBe(1 * MB);
    expect(statements.bytes).toBeLessThanOrEqual(statements.maxBytes);
    expect(statements.entries).toBeGreaterThan(10);
  });

  it("the same operation and variables reuse the statement built the first time", async () => {
    const schema = await getSchema();
    const document = parse(`query($b: [Float!]) { tasks(filter: { spatial: { bbox: $b } }) { nodes { id } } }`);
    const db = app.database().db;
    const variables = { b: [112.1, 37.5, 113, 38.2] };
    const first = statementFor({ schema, document, variables, db, viewer: null, maxItems: 10_000 });
    expect(first).not.toBeNull();
    // what is kept is the text and the parameters, not the tree of nodes the statement was built from
    // (a bare node with the text: no fragments or parameter nodes), which cost ~10x the text's memory
    expect(first!.query).toMatchObject({ kind: "RawNode", sqlFragments: [first!.sql], parameters: [] });
    expect(
      statementFor({
        schema,
        document,
        variables: { b: [112.1, 37.5, 113, 38.2] },
        db,
        viewer: null,
        maxItems: 10_000,
      }),
    ).toBe(first);
    expect(
      statementFor({
        schema,
        document,
        variables: { b: [112.2, 37.5, 113, 38.2] },
        db,
        viewer: null,
        maxItems: 10_000,
      }),
    ).not.toBe(first);
  });
});

/** A simple ring of n corners around Taiyuan, distinct per seed. */
function ring(n: number, seed: number): number[][] {
  const corners: number[][] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const r = 0.3 + 0.05 * Math.sin(i * 3.1 + seed);
    corners.push([112.55 + r * Math.cos(a), 37.87 + r * Math.sin(a)]);
  }
  return [...corners, corners[0]];
}
