import { sql, type Kysely } from "kysely";

/**
 * A report is decided once, now by the database too: reviewReport decides in one statement
 * (report.repository.ts decideReport) whose ON CONFLICT on this index makes the second of two
 * simultaneous decisions do nothing, where a row lock held between two statements did before.
 * The rule held since the first version (a decision under that lock), so no database has two
 * reviews of one report; if one has, this migration names them rather than choosing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const twice = await sql<{ id: string }>`
    select report_id::text as id from report_review group by report_id having count(*) > 1 order by report_id limit 10`.execute(
    db,
  );
  if (twice.rows.length > 0)
    throw new Error(
      `reports decided more than once (ids ${twice.rows.map((r) => r.id).join(", ")}): keep one review of each, then start again`,
    );
  await sql`create unique index report_review_once on report_review (report_id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}
