/**
 * Boundaries for display come from outlines stored when a place's geometry is written (place_outline,
 * migration 0016), never from ST_SimplifyPreserveTopology while a request waits: on PostgreSQL 15 +
 * PostGIS 3.3 a cancel in the middle of it (a statement timeout, the request deadline) kills the backend,
 * and PostgreSQL then restarts every connection of every server (reproduced here on 4 Dec 2026: 4 clients
 * running it over the 1× benchmark's places and cancelled after 5-150 ms crashed the server within 100
 * rounds; ST_Simplify, ST_Intersects, ST_Intersection, ST_Covers, ST_AsMVTGeom and ST_IsValid survived
 * 60 rounds each). So: what a request may run is checked in the source, and what it gets is the same
 * simplification as before at the map's tolerances, never a coarser one than asked.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../../server/src/db/database.ts";
import { findGeometries } from "../../../server/src/modules/place/place.repository.ts";
import { testDatabase } from "../../support/db.ts";
import { testServer } from "../../support/server.ts";

const SERVER_SRC = path.resolve(import.meta.dirname, "../../../server/src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return file.endsWith(".ts") ? [file] : [];
  });
}

let db: Db;
beforeAll(async () => {
  db = (await testDatabase()).db;
});

/** A place's geometry simplified right now, as GeoJSON text (the reference the outlines were made with). */
async function simplifiedNow(placeId: string, tolerance: number): Promise<string> {
  const r = await sql<{ g: string }>`
    select ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, ${tolerance}::float8), 6) as g from place where id = ${placeId}`.execute(
    db,
  );
  return r.rows[0].g;
}

async function surveyed(placeId: string): Promise<string> {
  const r = await sql<{ g: string }>`select ST_AsGeoJSON(geom, 6) as g from place where id = ${placeId}`.execute(db);
  return r.rows[0].g;
}

describe("place outlines", () => {
  it("no request path runs ST_SimplifyPreserveTopology: only the migration that stores the outlines does", () => {
    const offenders = sourceFiles(SERVER_SRC)
      .filter((f) => !f.includes(`${path.sep}migrations${path.sep}`))
      .filter((f) => /ST_SimplifyPreserveTopology\s*\(/i.test(readFileSync(f, "utf8")))
      .map((f) => path.relative(SERVER_SRC, f));
    expect(offenders).toEqual([]);
  });

  it("answers a stored tolerance with the same simplification as before, a tolerance between two with the finer one, and below the finest with the boundary as surveyed", async () => {
    const id = "gujiao";
    const [at, between, coarse, tiny, none] = await Promise.all([
      findGeometries(db, [id], 0.001),
      findGeometries(db, [id], 0.0015),
      findGeometries(db, [id], 1),
      findGeometries(db, [id], 0.00005),
      findGeometries(db, [id], null),
    ]);
    const text = (rows: { geometry: unknown }[]) => JSON.stringify(rows[0].geometry);
    const norm = (g: string) => JSON.stringify(JSON.parse(g));
    expect(text(at)).toBe(norm(await simplifiedNow(id, 0.001)));
    expect(text(between)).toBe(norm(await simplifiedNow(id, 0.001)));
    expect(text(coarse)).toBe(norm(await simplifiedNow(id, 0.1)));
    expect(text(tiny)).toBe(norm(await surveyed(id)));
    expect(text(none)).toBe(norm(await surveyed(id)));
    // and they differ: the test would notice the stored outlines being ignored
    expect(text(at)).not.toBe(text(none));
  });

  it("keeps a place's outlines when its geometry is written (rolled back after)", async () => {
    const square = "POLYGON((112.5 37.9,112.6 37.9,112.6 38.0,112.5 38.0,112.5 37.9))";
    await db
      .transaction()
      .execute(async (trx) => {
        await sql`update place set geom = ST_GeomFromText(${square}, 4326) where id = 'gujiao'`.execute(trx);
        const rows = await findGeometries(trx, ["gujiao"], 0.001);
        expect(rows[0].geometry).toEqual({
          type: "Polygon",
          coordinates: [
            [
              [112.5, 37.9],
              [112.6, 37.9],
              [112.6, 38],
              [112.5, 38],
              [112.5, 37.9],
            ],
          ],
        });
        const n = await sql<{
          n: number;
        }>`select count(*)::int as n from place_outline where place_id = 'gujiao'`.execute(trx);
        expect(n.rows[0].n).toBe(10);
        throw new Error("roll back");
      })
      .catch((error: Error) => {
        if (error.message !== "roll back") throw error;
      });
    expect(JSON.stringify((await findGeometries(db, ["gujiao"], 0.001))[0].geometry)).toBe(
      JSON.stringify(JSON.parse(await simplifiedNow("gujiao", 0.001))),
    );
  });

  it("serves the map's places through the SQL executor from the same outlines", async () => {
    const server = await testServer();
    const { body } = await server.gql(`{ place(id: "gujiao") { geometry(tolerance: 0.001) } }`);
    expect(body.errors).toBeUndefined();
    expect(JSON.stringify(body.data.place.geometry)).toBe(
      JSON.stringify(JSON.parse(await simplifiedNow("gujiao", 0.001))),
    );
  });
});
