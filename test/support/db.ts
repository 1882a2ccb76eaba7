/**
 * The one database of a test run: the embedded PGlite+PostGIS (booting it takes
 * ~15 s, so every file shares it) or, when DATABASE_URL is set, that server.
 * Migrated and seeded once. Tests never delete shared data; they add their own.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase, type Database, type Db } from "../../server/src/db/database.ts";
import { migrateToLatest } from "../../server/src/db/migrate.ts";
import { seedIfEmpty } from "../../server/src/seed.ts";
import { createLogger } from "../../server/src/logger.ts";

let shared: Promise<Database> | null = null;

export const silentLogger = createLogger("silent");

/** A fresh, empty data folder for tests that need their own embedded database. */
export function tempDataDir(prefix = "atlas-test-"): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** The shared, migrated and seeded test database. */
export function testDatabase(): Promise<Database> {
  shared ??= (async () => {
    const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL || null, dataDir: tempDataDir() });
    await migrateToLatest(db.db);
    await seedIfEmpty(db.db, silentLogger);
    return db;
  })();
  return shared;
}

class Rollback extends Error {}

/**
 * Runs `body` in a transaction on the shared test database and always rolls it back: what it adds
 * (reports, plans, users) is seen by its own statements and by no other file. Returns what `body` returns.
 */
export async function inRolledBack<T>(body: (trx: Db) => Promise<T>): Promise<T> {
  const { db } = await testDatabase();
  let result!: T;
  await db
    .transaction()
    .execute(async (trx) => {
      result = await body(trx);
      throw new Rollback();
    })
    .catch((error) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return result;
}
