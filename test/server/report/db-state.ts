/** Fingerprints of the tables users write, to prove a refused request wrote nothing. */
import { sql } from "kysely";
import { testDatabase } from "../../support/db.ts";

export const MUTABLE_TABLES = [
  "progress_report",
  "report_review",
  "indicator_value",
  "task_place",
  "link_change",
] as const;

/** One md5 per mutable table (over every row's text, in a stable order) plus every identity sequence's position. */
export async function fingerprint(): Promise<Record<string, string>> {
  const { db } = await testDatabase();
  const out: Record<string, string> = {};
  for (const table of MUTABLE_TABLES) {
    const r = await sql<{ h: string; n: number }>`
      select md5(coalesce(string_agg(x::text, E'\n' order by x::text), '')) as h, count(*)::int as n from ${sql.table(table)} x`.execute(
      db,
    );
    out[table] = `${r.rows[0].n}:${r.rows[0].h}`;
  }
  const seqs = await sql<{ name: string; last: string | null }>`
    select sequencename as name, last_value::text as last from pg_sequences where schemaname = 'public' order by sequencename`.execute(
    db,
  );
  for (const s of seqs.rows) out[`sequence ${s.name}`] = String(s.last);
  return out;
}
