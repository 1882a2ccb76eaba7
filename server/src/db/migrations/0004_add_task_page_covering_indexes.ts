import { sql, type Kysely } from "kysely";

/**
 * Covering indexes for a page of tasks under a location filter (task.repository
 * taskPageSql): the links of the places found, and the sort keys of their tasks,
 * are then read from the indexes alone (index-only scans), not from the tables.
 * At 100,000 tasks a `within` page reads ~2,000 links and tasks to keep 50.
 * task_place_place_cover replaces task_place_place (same leading column).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create index if not exists task_place_place_cover on task_place (place_id) include (role, task_id);
    drop index if exists task_place_place;
    create unique index if not exists task_sort_keys on task (id) include (plan_id, ordinal);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}
