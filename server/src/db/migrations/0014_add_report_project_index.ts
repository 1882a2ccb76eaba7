import { sql, type Kysely } from "kysely";

/**
 * A project's status as of an instant (project.repository.ts projectStatusAsOf) is its newest approved
 * report: with (project_id, created_at) that is read from the project's own reports, newest first, where
 * without it every report of every task was scanned once per project asked about.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index progress_report_project on progress_report (project_id, created_at) where project_id is not null`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}
