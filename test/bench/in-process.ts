/**
 * What the in-process measurements (panels-measure, signed-in-measure, search-measure) share: the
 * database of DATABASE_URL, migrated and seeded, and timing a request: its statements and median time.
 */
import { performance } from "node:perf_hooks";
import { openDatabase, scopedDb, type Database, type Db } from "../../server/src/db/database.ts";
import { migrateToLatest } from "../../server/src/db/migrate.ts";
import { seedIfEmpty } from "../../server/src/seed.ts";
import type { Logger } from "../../server/src/logger.ts";

/** The PostgreSQL database of DATABASE_URL, migrated and seeded (a fresh one is best). */
export async function seededDatabase(log: Logger): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL: a PostgreSQL database (migrated and seeded here; a fresh one is best)");
  const database = await openDatabase({ databaseUrl: url, dataDir: null as unknown as string });
  await migrateToLatest(database.db);
  await seedIfEmpty(database.db, log);
  return database;
}

/** The middle value of a list of timings (the upper middle of an even count). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * A request's statements (counted on one run, on a request's handle of `db`) and its median time over `runs`
 * runs after 5 warm-up runs, in ms.
 */
export async function timed(
  db: Db,
  run: (db: Db) => Promise<unknown>,
  runs: number,
): Promise<{ statements: number; ms: string }> {
  const counter = { statements: 0 };
  await run(scopedDb(db, counter));
  const times: number[] = [];
  for (let i = 0; i < 5 + runs; i++) {
    const t = performance.now();
    await run(db);
    if (i >= 5) times.push(performance.now() - t);
  }
  return { statements: counter.statements, ms: median(times).toFixed(2) };
}
