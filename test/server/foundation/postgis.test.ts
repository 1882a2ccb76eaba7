/**
 * A PostgreSQL server where PostGIS cannot be enabled: the server refuses to
 * start with a message that says so and how to install it. Simulated with a
 * role that may not create extensions (PostGIS is not a trusted extension), so
 * the test means the same whether or not the package is installed.
 * Needs the local PostgreSQL server (127.0.0.1:5432, trust auth); skipped without it.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openServer } from "../../../server/src/db/database.ts";
import { runFailingServer } from "../../support/process.ts";

const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = `atlas_nopostgis_${process.pid}`;

async function adminReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const reachable = await adminReachable();

describe.skipIf(!reachable)("a PostgreSQL server without PostGIS", { timeout: 120_000 }, () => {
  const url = `postgres://${name}@127.0.0.1:5432/${name}`;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`create role ${name} login nosuperuser`);
    await admin.query(`create database ${name} owner ${name}`);
    await admin.end();
  });

  afterAll(async () => {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`drop role if exists ${name}`);
    await admin.end();
  });

  it("openServer refuses with a message naming PostGIS and how to install it", async () => {
    await expect(openServer(url)).rejects.toThrow(
      /PostGIS is not available on this PostgreSQL server: install it \(Debian\/Ubuntu: apt-get install postgresql-15-postgis-3/,
    );
  });

  it("the server process stops with that one line and exit code 1", async () => {
    const { code, output } = await runFailingServer({ DATABASE_URL: url });
    expect(code).toBe(1);
    const lines = output.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: PostGIS is not available/);
    expect(lines[0]).toMatch(/unset DATABASE_URL to use the embedded database/);
  });
});
