import { sql, type Kysely } from "kysely";

/**
 * Idempotent obligations CSV uploads (report-import.ts): a report filed from a CSV row keeps a
 * hash of what the row says and who filed it for which place; the unique index makes filing
 * the same row again a no-op, even when two uploads of one file run at once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table progress_report add column import_key text;
    create unique index progress_report_import_key on progress_report (import_key) where import_key is not null;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}
