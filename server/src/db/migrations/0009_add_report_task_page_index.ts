import { sql, type Kysely } from "kysely";

/**
 * Task.reports pages newest first by id (report.repository.ts findReportsByTasks): with (task_id, id)
 * a page is read backwards from the cursor, first + 1 entries, however many reports the task has.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index progress_report_task_page on progress_report (task_id, id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}
