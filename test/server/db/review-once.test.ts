/**
 * Migration 0013: a report is decided once, by a unique index. A database holding a report
 * decided twice (impossible since the first version, which decided under a row lock) is not
 * indexed by choosing one of the reviews: the migration names the reports and stops.
 * Runs on a table of a schema of its own, inside a transaction that is rolled back.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { up } from "../../../server/src/db/migrations/0013_add_report_review_once.ts";
import { testDatabase } from "../../support/db.ts";

class Rollback extends Error {}

describe("migration 0013_add_report_review_once", () => {
  it("names the reports decided more than once, and indexes the table once they are not", async () => {
    const { db } = await testDatabase();
    const schema = `review_once_${process.pid}_${Date.now()}`;
    const done = db.transaction().execute(async (trx) => {
      await sql`create schema ${sql.id(schema)}`.execute(trx);
      await sql`set local search_path to ${sql.id(schema)}, public`.execute(trx);
      await sql`create table report_review (id bigint generated always as identity primary key, report_id bigint not null)`.execute(
        trx,
      );
      await sql`insert into report_review (report_id) values (7), (8), (7), (9), (9), (9)`.execute(trx);
      await expect(up(trx)).rejects.toThrow(/reports decided more than once \(ids 7, 9\)/);
      await sql`delete from report_review where id not in (select min(id) from report_review group by report_id)`.execute(
        trx,
      );
      await up(trx);
      const index = await sql<{ indexdef: string }>`
        select indexdef from pg_indexes where schemaname = ${schema} and indexname = 'report_review_once'`.execute(trx);
      expect(index.rows.map((r) => r.indexdef)).toEqual([expect.stringMatching(/UNIQUE INDEX .* \(report_id\)/)]);
      await expect(sql`insert into report_review (report_id) values (8)`.execute(trx)).rejects.toThrow(/unique/i);
      throw new Rollback();
    });
    await expect(done).rejects.toBeInstanceOf(Rollback);
  });
});
