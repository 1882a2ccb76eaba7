/**
 * A request costs a bounded number of SQL statements however much data it
 * touches: the same broad queries are counted over the seeded plan and over a
 * much larger synthetic plan (inserted in a transaction that is rolled back).
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { Db } from "../../../server/src/db/database.ts";
import { countStatements } from "../../support/count-statements.ts";
import { inRolledBack, testDatabase } from "../../support/db.ts";
import { insertPlanLikeSeeded } from "../../support/synthetic.ts";
import { syncObligations } from "../../../server/src/modules/place/place.repository.ts";

const SEEDED = "taiyuan-2013-30";
// one statement per kind of data asked for: the tasks query asks for twelve (with its obligations, their reasons, targets, states and reports)
const MAX_STATEMENTS = 12;

const TASKS = `query($plan: ID!) {
  tasks(filter: { planId: $plan }, first: 100) {
    totalCount
    nodes {
      id status progress
      places { role place { name } }
      leadDepartments { name }
      indicators { name }
      reports { totalCount nodes { id } }
      obligations { id status progress dueYear targets { year } place { id } reasons reports { totalCount nodes { id asOf } } }
    }
  }
}`;

const PLACES = `{
  places {
    id
    obligations { id status progress dueYear reasons task { id status leadDepartments { name } } }
    statusSummary { total meanProgress }
  }
}`;

/** 100 tasks in a new plan, each with 8 place links, 3 leads, 3 indicators and 3 approved reports. */
async function insertSyntheticPlan(trx: Db, planId: string): Promise<void> {
  const prefix = `${planId}-task-`;
  await insertPlanLikeSeeded(trx, planId, "synthetic");
  await sql`
    insert into task (id, plan_id, kind, number, ref, section_id, ordinal, title_hant, title_hans, title_en, text_hant, text_hans, span_start, span_end, due_year)
    select ${prefix} || g, ${planId}, 'MATTER', g, g || '.', '5.1', g, '合成' || g, '合成' || g, 'synthetic ' || g, '合成', '合成', 0, 10, 2015
    from generate_series(1, 100) g`.execute(trx);
  await sql`
    insert into task_place (task_id, place_id, role)
    select t.id, p.id, 'MENTION' from task t cross join (select id from place where kind <> 'EXTERNAL' order by ordinal limit 8) p
    where t.plan_id = ${planId}`.execute(trx);
  await sql`
    insert into task_lead (task_id, department_id, ordinal, span_start, span_end)
    select t.id, d.id, d.n, 0, 5 from task t cross join (select id, row_number() over (order by ordinal) as n from department order by ordinal limit 3) d
    where t.plan_id = ${planId}`.execute(trx);
  await sql`
    insert into indicator_task (indicator_id, task_id, ordinal)
    select i.id, t.id, 0 from task t cross join (select id from indicator order by ordinal limit 3) i where t.plan_id = ${planId}`.execute(
    trx,
  );
  const user = await sql<{ id: string }>`
    insert into app_user (username, display_name, role, password_hash) values (${`n1-${randomUUID().slice(0, 8)}`}, 'synthetic', 'PLANNER', 'x')
    returning id::text`.execute(trx);
  const author = user.rows[0].id;
  await syncObligations(trx);
  // on each task's citywide obligation, as a whole-task report lands
  await sql`
    insert into progress_report (task_id, obligation_id, as_of, status, progress, note, author_id)
    select t.id, o.id, date '2014-01-01' + g, 'IN_PROGRESS', 10 * g, 'synthetic', ${author}::bigint
    from task t join obligation o on o.task_id = t.id join place c on c.id = o.place_id and c.kind = 'CITY'
    cross join generate_series(1, 3) g where t.plan_id = ${planId}`.execute(trx);
  await sql`
    insert into report_review (report_id, decision, reviewer_id)
    select r.id, 'APPROVE', ${author}::bigint from progress_report r join task t on t.id = r.task_id where t.plan_id = ${planId}`.execute(
    trx,
  );
}

/** Counts an operation over the seeded data, then over seeded + synthetic, and rolls the synthetic plan back. */
async function atTwoSizes(run: (db: Db, planId: string) => Promise<{ statements: number; data: any }>) {
  const planId = `n1-${randomUUID().slice(0, 8)}`;
  return inRolledBack(async (trx) => {
    const small = await run(trx, SEEDED);
    await insertSyntheticPlan(trx, planId);
    const large = await run(trx, planId);
    return { small, large };
  });
}

describe("SQL statements per request", () => {
  it("a broad tasks query costs the same few statements for the seeded plan and a larger one", async () => {
    const { small, large } = await atTwoSizes((db, plan) => countStatements(db, TASKS, { plan }));
    // the two sizes really differ: otherwise equal counts prove nothing
    expect(small.data.tasks.totalCount).toBeGreaterThanOrEqual(79);
    expect(large.data.tasks.totalCount).toBe(100);
    const links = (d: any) =>
      d.tasks.nodes.reduce((n: number, t: any) => n + t.places.length + t.reports.nodes.length, 0);
    expect(links(large.data)).toBeGreaterThan(links(small.data));
    expect(large.statements).toBe(small.statements);
    expect(small.statements).toBeLessThanOrEqual(MAX_STATEMENTS);
  });

  it("places with obligations and summaries cost the same few statements before and after many more links", async () => {
    const { small, large } = await atTwoSizes((db) => countStatements(db, PLACES));
    const obligations = (d: any) => d.places.reduce((n: number, p: any) => n + p.obligations.length, 0);
    expect(obligations(large.data)).toBeGreaterThan(obligations(small.data));
    expect(large.statements).toBe(small.statements);
    expect(small.statements).toBeLessThanOrEqual(MAX_STATEMENTS);
  });

  it("leaves no synthetic rows behind", async () => {
    const { db } = await testDatabase();
    const r = await sql<{ n: number }>`select count(*)::int as n from plan where id like 'n1-%'`.execute(db);
    expect(r.rows[0].n).toBe(0);
  });
});
