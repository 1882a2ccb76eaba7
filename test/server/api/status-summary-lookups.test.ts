/**
 * A status summary finds each obligation's state one of two ways (StateLookup in task.repository.ts):
 * one obligation at a time, or every approved report read once. Both must count the same, for any
 * places, instant, filter and the citywide tasks; and "auto" must take the one that reads less: all
 * the reports at once for every place of a database with few reports, one lookup per obligation for
 * one place whose obligations have many each (the estimate of how many reports there are is
 * PostgreSQL's statistics, taken in the test).
 *
 * The reports are the test's own, added inside a transaction that is rolled back: reports on several
 * days, two on one day (the later one counts), approved, returned and never reviewed ones, a project's
 * report (never an obligation's state), and targets that move an obligation's due year.
 */
import { sql, type RawBuilder } from "kysely";
import { describe, expect, it } from "vitest";
import { TaskKind, TaskStatus } from "../../../server/src/core/enums.ts";
import type { Db } from "../../../server/src/db/database.ts";
import {
  statusSummariesSql,
  taskConditions,
  type StateLookup,
  type StatusSummaryRow,
} from "../../../server/src/modules/task/task.repository.ts";
import { toTaskQuery } from "../../../server/src/modules/task/task.service.ts";
import { inRolledBack } from "../../support/db.ts";

const INSTANTS = [
  new Date("2013-05-01T00:00:00+08:00"),
  new Date("2014-06-30T23:59:00+08:00"),
  new Date("2015-12-31T12:00:00+08:00"),
  new Date("2027-01-01T00:00:00+08:00"),
];

/** The test's reports: every third active obligation reported on over 2013–2015, decided in turn. */
async function addReports(trx: Db): Promise<void> {
  const author = await sql<{ id: string }>`
    insert into app_user (username, display_name, role, password_hash)
    values (${`summary-lookups-${Date.now()}`}, 'summary lookups', 'PLANNER', 'x') returning id::text`.execute(trx);
  const by = author.rows[0].id;
  await sql`
    insert into progress_report (task_id, place_id, obligation_id, as_of, status, progress, note, author_id, created_at)
    select o.task_id, o.place_id, o.id, date '2013-03-31' + 91 * (k / 2), (array['IN_PROGRESS', 'AT_RISK', 'DELAYED', 'COMPLETED'])[1 + (o.id + k) % 4],
      case when (o.id + k) % 5 = 0 then null else ((o.id * 7 + k * 13) % 101)::float8 end, 'summary lookups', ${by}::bigint,
      timestamptz '2016-01-01' + make_interval(mins => k)
    from obligation o cross join generate_series(0, 2 + (o.id % 9)::int) k
    where o.active and o.id % 3 = 0`.execute(trx);
  // approved, returned (a rejection) or never reviewed, in turn
  await sql`
    insert into report_review (report_id, decision, reviewer_id)
    select id, case when id % 3 = 0 then 'REJECT' else 'APPROVE' end, ${by}::bigint
    from progress_report where note = 'summary lookups' and id % 4 <> 1`.execute(trx);
  // a project's approved report on an obligation: never the obligation's own state
  await sql`
    with p as (select pt.project_id, o.id as obligation_id, o.task_id, o.place_id
      from project_task pt join obligation o on o.task_id = pt.task_id and o.active limit 3),
    r as (insert into progress_report (task_id, place_id, project_id, obligation_id, as_of, status, progress, note, author_id)
      select p.task_id, p.place_id, p.project_id, p.obligation_id, date '2015-06-30', 'COMPLETED', 100, 'summary lookups project', ${by}::bigint
      from p returning id)
    insert into report_review (report_id, decision, reviewer_id) select id, 'APPROVE', ${by}::bigint from r`.execute(
    trx,
  );
  // targets: an earlier and a later due year than the task's
  await sql`
    insert into obligation_target (obligation_id, year, progress)
    select o.id, y, 50 from obligation o cross join (values (2013), (2014)) v(y) where o.active and o.id % 7 = 0
    union all
    select o.id, 2016, 80 from obligation o where o.active and o.id % 7 = 3
    on conflict do nothing`.execute(trx);
}

async function summaries(
  trx: Db,
  places: RawBuilder<unknown>,
  asOf: Date,
  citywide: boolean,
  lookup: StateLookup,
  where: RawBuilder<unknown>[] = [],
): Promise<StatusSummaryRow[]> {
  const r = await statusSummariesSql(places, asOf, citywide, where, lookup).execute(trx);
  return [...r.rows].sort((a, b) => a.placeId.localeCompare(b.placeId));
}

describe("a status summary's two ways of finding obligations' states", () => {
  it("count the same for every place, alone or together, at any instant, with a filter and the citywide tasks", async () => {
    await inRolledBack(async (trx) => {
      await addReports(trx);
      const all = sql`array(select id from place)`;
      const ids = (await sql<{ id: string }>`select id from place order by id`.execute(trx)).rows.map((r) => r.id);
      let compared = 0;
      for (const [i, asOf] of INSTANTS.entries()) {
        for (const citywide of [false, true]) {
          // the filters at two of the instants (each costs three statements on each side)
          const filters =
            i % 2
              ? [
                  [],
                  taskConditions(toTaskQuery({ kinds: [TaskKind.MATTER], asOf })),
                  taskConditions(toTaskQuery({ statuses: [TaskStatus.COMPLETED], asOf })),
                ]
              : [[]];
          for (const where of filters) {
            const each = await summaries(trx, all, asOf, citywide, "each", where);
            expect(each.length).toBe(ids.length);
            expect(await summaries(trx, all, asOf, citywide, "all", where)).toEqual(each);
            expect(await summaries(trx, all, asOf, citywide, "auto", where)).toEqual(each);
            compared += each.length;
          }
        }
      }
      // one place at a time, and a place asked twice, as the whole list counted it
      const asOf = INSTANTS[2];
      const together = await summaries(trx, all, asOf, true, "each");
      for (const id of ids.filter((_, k) => k % 6 === 0)) {
        for (const lookup of ["each", "all", "auto"] as const)
          expect(await summaries(trx, sql`array[${id}, ${id}]::text[]`, asOf, true, lookup)).toEqual(
            together.filter((s) => s.placeId === id),
          );
      }
      expect(compared).toBeGreaterThan(100);
      // the test's reports moved the counts: not every summary is all NOT_STARTED
      const late = await summaries(trx, all, INSTANTS[3], false, "auto");
      expect(late.some((s) => s.completed > 0 && s.reported > 0 && s.overdue > 0)).toBe(true);
    });
  });
});

interface PlanNode {
  "Relation Name"?: string;
  "Node Type": string;
  "Actual Loops": number;
  Plans?: PlanNode[];
}

/** Each scan of progress_report that ran, with how many times it ran. */
function reportScans(node: PlanNode): number[] {
  const own = node["Relation Name"] === "progress_report" && node["Actual Loops"] > 0 ? [node["Actual Loops"]] : [];
  return [...own, ...(node.Plans ?? []).flatMap(reportScans)];
}

// PostgreSQL server only, as status-summary-cost.test.ts: the choice is the statement's, the plans PostgreSQL's
describe.skipIf(!process.env.DATABASE_URL)("a status summary's choice", () => {
  it("reads the reports once for every place, and looks up one place's obligations one by one", async () => {
    await inRolledBack(async (trx) => {
      const explain = async (places: RawBuilder<unknown>) => {
        const plan = await sql<{ "QUERY PLAN": { Plan: PlanNode }[] }>`explain (analyze, format json)
          ${statusSummariesSql(places, INSTANTS[1], false)}`.execute(trx);
        return reportScans(plan.rows[0]["QUERY PLAN"][0].Plan);
      };
      // few reports (other files' and none of this test's): every place's obligations outnumber them. The
      // statement's estimate of the reports and reviews is the statistics', taken here of both tables: other
      // files leave theirs behind (task-reports-page.test.ts analyzes 5,000 reports it then rolls back, and
      // pg_class keeps the counts)
      await sql`analyze progress_report, report_review`.execute(trx);
      const everyPlace = await explain(sql`array(select id from place)`);
      expect(everyPlace.length, "progress_report is read").toBeGreaterThan(0);
      expect(Math.max(...everyPlace), `scans of progress_report and their loops: ${everyPlace.join(", ")}`).toBe(1);
      // thirty reports on each of the city's obligations: then the city's own are looked up
      const author = await sql<{ id: string }>`
        insert into app_user (username, display_name, role, password_hash)
        values (${`summary-choice-${Date.now()}`}, 'summary choice', 'PLANNER', 'x') returning id::text`.execute(trx);
      await sql`
        insert into progress_report (task_id, place_id, obligation_id, as_of, status, progress, note, author_id)
        select o.task_id, o.place_id, o.id, date '2013-01-01' + 12 * k, 'IN_PROGRESS', k, 'summary choice', ${author.rows[0].id}::bigint
        from obligation o cross join generate_series(1, 30) k where o.active`.execute(trx);
      await sql`analyze progress_report, report_review`.execute(trx);
      const onePlace = await explain(sql`array['xiaodian']::text[]`);
      expect(Math.max(...onePlace), `scans of progress_report and their loops: ${onePlace.join(", ")}`).toBeGreaterThan(
        1,
      );
    });
  });
});
