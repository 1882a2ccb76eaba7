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
import * as m0005 from "./migrations/0005_add_obligations.ts";
import * as m0006 from "./migrations/0006_add_login_throttle.ts";
import * as m0007 from "./migrations/0007_add_report_import_key.ts";
import * as m0008 from "./migrations/0008_drop_stand_in_containment.ts";
import * as m0009 from "./migrations/0009_add_report_task_page_index.ts";
import * as m0010 from "./migrations/0010_add_user_disabled_and_link_note.ts";
import * as m0011 from "./migrations/0011_add_indicator_value_review.ts";
import * as m0012 from "./migrations/0012_add_source_text_astral_offsets.ts";
import * as m0013 from "./migrations/0013_add_report_review_once.ts";
import * as m0014 from "./migrations/0014_add_report_project_index.ts";
import * as m0015 from "./migrations/0015_add_place_alias_forms.ts";
import * as m0016 from "./migrations/0016_add_place_outlines.ts";

const migrations: Record<string, Migration> = {
  "0001_create_schema": m0001,
  "0002_add_project_places": m0002,
  "0003_add_place_lookup_indexes": m0003,
  "0004_add_task_page_covering_indexes": m0004,
  "0005_add_obligations": m0005,
  "0006_add_login_throttle": m0006,
  "0007_add_report_import_key": m0007,
  "0008_drop_stand_in_containment": m0008,
  "0009_add_report_task_page_index": m0009,
  "0010_add_user_disabled_and_link_note": m0010,
  "0011_add_indicator_value_review": m0011,
  "0012_add_source_text_astral_offsets": m0012,
  "0013_add_report_review_once": m0013,
  "0014_add_report_project_index": m0014,
  "0015_add_place_alias_forms": m0015,
  "0016_add_place_outlines": m0016,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date (or only up to the named migration); throws with the failing migration's name. */
export async function migrateToLatest(db: Db, opts: { upTo?: string; schema?: string } = {}): Promise<void> {
  const { upTo, schema } = opts;
  if (upTo !== undefined && !(upTo in migrations)) throw new Error(`unknown migration ${upTo}`);
  // schema: where the migrations' own bookkeeping lives (a test upgrading a database in a schema of its own)
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = upTo === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(upTo);
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`migration ${failed} failed: ${(error as Error).message}`);
  }
}
