/**
 * Applies the migrations in db/migrations in order, each in its own transaction
 * (Kysely's Migrator: a lock table, so concurrent servers don't race).
 */
import { Migrator, type Migration, type MigrationProvider } from "kysely";
import type { Db } from "./database.ts";
import * as m0001 from "./migrations/0001_create_schema.ts";
import * as m0002 from "./migrations/0002_add_project_places.ts";
import * as m0003 from "./migrations/0003_add_place_lookup_indexes.ts";
import * as m0004 from "./migrations/0004_add_task_page_covering_indexes.ts";
import * as m0005 from "./migrations/0005_drop_stand_in_containment.ts";

const migrations: Record<string, Migration> = {
  "0001_create_schema": m0001,
  "0002_add_project_places": m0002,
  "0003_add_place_lookup_indexes": m0003,
  "0004_add_task_page_covering_indexes": m0004,
  "0005_drop_stand_in_containment": m0005,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`migration ${failed} failed: ${(error as Error).message}`);
  }
}
