/**
 * The map's place and task panels (PlaceDetail, TaskDetail) through the resolvers and through the
 * SQL executor, in process, on the database of DATABASE_URL (migrated and seeded here): statements
 * per request and the median time of 30 after 5 warm-up runs; then the same over a place given 200
 * more obligations (a plan of 200 tasks linked to it, each reported on and approved), in a
 * transaction that is rolled back. `node --import tsx test/bench/panels-measure.ts`
 */
import "reflect-metadata"; // the schema's modules (type-graphql)
import { seededDatabase, timed } from "./in-process.ts";
import { execute, parse } from "graphql";
import { sql } from "kysely";
import type { Db } from "../../server/src/db/database.ts";
import { createLogger } from "../../server/src/logger.ts";
import { createContext } from "../../server/src/graphql/context.ts";
import { ListBudget } from "../../server/src/core/list-budget.ts";
import { getSchema } from "../../server/src/graphql/schema.ts";
import { executeInSql, statementFor } from "../../server/src/graphql/sql-executor.ts";
import { syncObligations } from "../../server/src/modules/place/place.repository.ts";
import { clientOperations } from "../support/generated-operations.ts";
import { insertPlanLikeSeeded } from "../support/synthetic.ts";

const log = createLogger("silent");
const RUNS = 30;

async function main() {
  const database = await seededDatabase(log);
  const schema = await getSchema();
  const ops = new Map(clientOperations().map((o) => [o.name, o.source]));
  const cases: [string, string, Record<string, unknown>][] = [
    ["PlaceDetail xiaodian", "PlaceDetail", { id: "xiaodian", script: "HANS", asOf: null, includeCitywide: false }],
    [
      "PlaceDetail gujiao +citywide",
      "PlaceDetail",
      { id: "gujiao", script: "HANS", asOf: null, includeCitywide: true },
    ],
    ["PlaceDetail taiyuan", "PlaceDetail", { id: "taiyuan", script: "HANS", asOf: null, includeCitywide: false }],
    ["TaskDetail reform-14", "TaskDetail", { id: "reform-14", script: "HANS", asOf: null }],
  ];
  const measure = async (db: Db, label: string, name: string, variables: Record<string, unknown>) => {
    const document = parse(ops.get(name)!);
    const resolvers = async (db: Db) => {
      const contextValue = createContext({
        db,
        user: null,
        tokenHash: null,
        requestId: "measure",
        clientAddress: "127.0.0.1",
        log,
        sessionTtlSeconds: 0,
        secureCookies: false,
        budget: new ListBudget(50_000),
      });
      const r = await execute({ schema, document, variableValues: variables, contextValue });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      return r.data;
    };
    const executor = async (db: Db) => {
      const r = await executeInSql({
        schema,
        document,
        variables,
        db,
        viewer: null,
        budget: new ListBudget(50_000),
      });
      if (!r) throw new Error(`${label}: not compiled`);
      return r.data;
    };
    const row: Record<string, unknown> = { label };
    for (const [path, run] of [
      ["resolvers", resolvers],
      ["executor", executor],
    ] as const) {
      const { statements, ms } = await timed(db, run, RUNS);
      row[`${path} statements`] = statements;
      row[`${path} ms`] = ms;
    }
    const statement = statementFor({ schema, document, variables, db, viewer: null, maxItems: 50_000 })!;
    const plan = await db.executeQuery<{ "QUERY PLAN": string }>({
      ...statement,
      sql: `explain (analyze, buffers, format text) ${statement.sql}`,
    });
    const lines = plan.rows.map((r) => r["QUERY PLAN"]);
    row.explain = lines
      .filter((l) => /Planning Time|Execution Time|^\s*Buffers/.test(l))
      .slice(-3)
      .join("; ");
    const data = (await executor(db)) as { place?: { obligations: unknown[] }; task?: { obligations: unknown[] } };
    row.obligations = (data.place ?? data.task)?.obligations.length;
    console.log(JSON.stringify(row));
  };
  for (const [label, name, variables] of cases) await measure(database.db, label, name, variables);

  class Rollback extends Error {}
  await database.db
    .transaction()
    .execute(async (trx) => {
      const planId = "measure-200";
      await insertPlanLikeSeeded(trx, planId, "measure");
      await sql`
        insert into task (id, plan_id, kind, number, ref, section_id, ordinal, title_hant, title_hans, title_en, text_hant, text_hans, span_start, span_end, due_year)
        select ${planId} || '-' || g, ${planId}, 'MATTER', g, g || '.', '5.1', g, '合成' || g, '合成' || g, 'measure ' || g, '合成', '合成', 0, 10, 2015
        from generate_series(1, 200) g`.execute(trx);
      await sql`insert into task_place (task_id, place_id, role, evidence_start, evidence_end) select id, 'gujiao', 'SUBJECT', 10, 20 from task where plan_id = ${planId}`.execute(
        trx,
      );
      await syncObligations(trx);
      const author = await sql<{ id: string }>`
        insert into app_user (username, display_name, role, password_hash) values ('measure', 'measure', 'PLANNER', 'x') returning id::text`.execute(
        trx,
      );
      // ten approved reports on each new obligation of gujiao
      await sql`
        with r as (
          insert into progress_report (task_id, place_id, obligation_id, status, progress, note, author_id, as_of)
          select o.task_id, o.place_id, o.id, 'IN_PROGRESS', k * 10, 'measure', ${author.rows[0].id}::bigint, date '2014-01-01' + k
          from obligation o cross join generate_series(1, 10) k where o.place_id = 'gujiao' and o.task_id like ${planId + "-%"}
          returning id)
        insert into report_review (report_id, reviewer_id, decision) select id, ${author.rows[0].id}::bigint, 'APPROVE' from r`.execute(
        trx,
      );
      await measure(trx, "PlaceDetail gujiao +200 obligations", "PlaceDetail", {
        id: "gujiao",
        script: "HANS",
        asOf: null,
        includeCitywide: true,
      });
      throw new Rollback();
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  await database.close();
}

await main();
