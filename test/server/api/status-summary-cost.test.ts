/**
 * A place's statusSummary finds each obligation's latest approved report once, whatever the number
 * of reports the obligation has: the statement's reads of progress_report stay a small multiple of
 * the place's obligations when each obligation has been reported on many times. Counted from
 * EXPLAIN (ANALYZE) of findStatusSummaries' own statement over reports added inside a transaction
 * that is rolled back, with the planner's statistics taken of them (ANALYZE in the transaction, as
 * autovacuum takes them of a database that has its reports).
 *
 * The statistics are the test's own because the plan depends on them and other files change them,
 * and stale ones leave the planner free to choose otherwise. test/server/perf/task-reports-page.test.ts
 * runs ANALYZE inside a transaction it rolls back: pg_class keeps the sizes it counted (5 057
 * reports; written in place), pg_statistic's column statistics are rolled back, and with a size but
 * no column statistics the planner takes default selectivities (0.5 % for `project_id is null`) and
 * found each obligation's latest approved day by reading all its reports and sorting them (2 449
 * report rows read for 79 obligations, whenever that file ran before this one). Statistics of the
 * shared database taken before the burst would not do either: on a fresh one they say there are no
 * reports, and the planner looked for each obligation's latest report along the primary key (187 309
 * rows); with one report per obligation in a table of mostly dead rows, it read them all again (2 528).
 * ANALYZE here leaves pg_class's sizes behind (this transaction's rows counted), as that file does.
 *
 * Other files' reports on the city's obligations would be walked too when they are dated between the
 * test's latest report and AS_OF (some are filed in 2014): AS_OF is four days after it, when no test
 * files any.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { statusSummariesSql } from "../../../server/src/modules/task/task.repository.ts";
import { inRolledBack } from "../../support/db.ts";

const PLACE = "taiyuan"; // the city: every task is its obligation
const REPORTS_PER_OBLIGATION = 30;
// the test's latest report is on 27 December 2013 (1 January + 12 × 30 days)
const AS_OF = new Date("2013-12-31T00:00:00+08:00");

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Actual Rows": number;
  "Actual Loops": number;
  "Rows Removed by Filter"?: number;
  Plans?: PlanNode[];
}

/** Rows of `table` the plan read: returned or filtered out by its scans, over all their loops. */
function rowsRead(node: PlanNode, table: string): number {
  const own =
    node["Relation Name"] === table
      ? (node["Actual Rows"] + (node["Rows Removed by Filter"] ?? 0)) * node["Actual Loops"]
      : 0;
  return own + (node.Plans ?? []).reduce((n, child) => n + rowsRead(child, table), 0);
}

/** How the plan reads `table`: its scans' node types, each with how many times it ran ("Index Scan ×79"). */
function scansOf(node: PlanNode, table: string): string[] {
  const own = node["Relation Name"] === table ? [`${node["Node Type"]} ×${node["Actual Loops"]}`] : [];
  return [...own, ...(node.Plans ?? []).flatMap((child) => scansOf(child, table))];
}

// PostgreSQL server only: the embedded database's planner, with the statistics of its small
// tables, answered this statement with a bitmap scan and a sort of each obligation's reports and a
// sequential scan of the reviews per report (2449 report rows read here on 2 Dec), so the walk the
// statement is written for is not what it runs there
describe.skipIf(!process.env.DATABASE_URL)("Place.statusSummary's cost", () => {
  it("reads a few reports per obligation, not every report of each", async () => {
    const measured = await inRolledBack(async (trx) => {
      const author = await sql<{ id: string }>`
          insert into app_user (username, display_name, role, password_hash) values (${`summary-cost-${Date.now()}`}, 'summary cost', 'PLANNER', 'x') returning id::text`.execute(
        trx,
      );
      // every obligation of the place reported on every fortnight of 2013, every other report approved
      await sql`
          insert into progress_report (task_id, place_id, obligation_id, as_of, status, progress, note, author_id)
          select o.task_id, o.place_id, o.id, date '2013-01-01' + 12 * k, 'IN_PROGRESS', k, 'summary cost', ${author.rows[0].id}::bigint
          from obligation o cross join generate_series(1, ${REPORTS_PER_OBLIGATION}::int) k where o.place_id = ${PLACE} and o.active`.execute(
        trx,
      );
      await sql`
          insert into report_review (report_id, decision, reviewer_id)
          select id, 'APPROVE', ${author.rows[0].id}::bigint from progress_report where note = 'summary cost' and progress::int % 2 = 0`.execute(
        trx,
      );
      // the planner's statistics of them, not whatever an earlier file left (see above)
      await sql`analyze progress_report, report_review`.execute(trx);
      const obligations = (
        await sql<{
          n: number;
        }>`select count(*)::int as n from obligation where place_id = ${PLACE} and active`.execute(trx)
      ).rows[0].n;
      const plan = await sql<{
        "QUERY PLAN": { Plan: PlanNode }[];
      }>`explain (analyze, format json) ${statusSummariesSql(sql`${[PLACE]}::text[]`, AS_OF, false)}`.execute(trx);
      const summary = await statusSummariesSql(sql`${[PLACE]}::text[]`, AS_OF, false).execute(trx);
      return {
        obligations,
        reportsRead: rowsRead(plan.rows[0]["QUERY PLAN"][0].Plan, "progress_report"),
        scans: scansOf(plan.rows[0]["QUERY PLAN"][0].Plan, "progress_report"),
        total: summary.rows[0].total,
      };
    });
    const { obligations, reportsRead, scans, total } = measured;
    expect(obligations).toBeGreaterThan(10);
    expect(total).toBe(obligations);
    // two short index walks per obligation: its latest approved day (the newest report is approved), that day's reports
    expect(
      reportsRead,
      `${reportsRead} report rows read for ${obligations} obligations of ${REPORTS_PER_OBLIGATION} reports each (${scans.join(", ")})`,
    ).toBeLessThanOrEqual(4 * obligations);
  });
});
