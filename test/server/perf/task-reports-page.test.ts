/**
 * Task.reports(first:, after:) is paged in SQL, per task: with thousands of reports on a task the
 * answer is the right page (newest first, keyset on the cursor, only what the reader may see), and
 * the statement reads that page's rows, not the task's every report.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CompiledQuery, sql, type RootOperationNode } from "kysely";
import { execute, parse } from "graphql";
import type { Db } from "../../../server/src/db/database.ts";
import { createContext } from "../../../server/src/graphql/context.ts";
import type { SessionUser } from "../../../server/src/core/actor.ts";
import { getSchema } from "../../../server/src/graphql/schema.ts";
import { inRolledBack, silentLogger } from "../../support/db.ts";

const TASK = "reform-14";
const REPORTS = 5000;
const FIRST = 20;

const PAGE = `query($id: ID!, $first: Int, $after: String) {
  task(id: $id) { reports(first: $first, after: $after) { nodes { id review } pageInfo { hasNextPage endCursor } } }
}`;
const WITH_TOTAL = PAGE.replace(
  "reports(first: $first, after: $after) {",
  "reports(first: $first, after: $after) { totalCount",
);

/** Runs `body` over the seeded data plus REPORTS reports on TASK (every other one approved), then rolls them back. */
async function withManyReports(
  body: (
    trx: Db,
    ids: { all: string[]; approved: string[]; planner: SessionUser; before: { all: number; approved: number } },
  ) => Promise<void>,
): Promise<void> {
  await inRolledBack(async (trx) => {
    const username = `pages-${randomUUID().slice(0, 8)}`;
    const user = await sql<{ id: string }>`
        insert into app_user (username, display_name, role, password_hash) values (${username}, 'pages', 'PLANNER', 'x') returning id::text`.execute(
      trx,
    );
    const authorId = user.rows[0].id;
    // reports other tests filed on TASK in this database (all older than these)
    const counted = await sql<{ all: number; approved: number }>`
        select count(*)::int as all, count(*) filter (where (select v.decision from report_review v where v.report_id = r.id order by v.created_at desc, v.id desc limit 1) = 'APPROVE')::int as approved
        from progress_report r where r.task_id = ${TASK}`.execute(trx);
    // in one statement
    const inserted = await sql<{ id: string }>`
        insert into progress_report (task_id, place_id, obligation_id, as_of, status, progress, note, author_id)
        select o.task_id, o.place_id, o.id, date '2013-03-01' + g % 700, 'IN_PROGRESS', g % 100, 'many', ${authorId}::bigint
        from obligation o cross join generate_series(1, ${REPORTS}::int) g
        where o.task_id = ${TASK} and o.place_id = (select id from place where kind = 'CITY')
        returning id::text`.execute(trx);
    await sql`insert into report_review (report_id, decision, reviewer_id)
        select r.id, 'APPROVE', ${authorId}::bigint from progress_report r where r.author_id = ${authorId}::bigint and r.id % 2 = 0`.execute(
      trx,
    );
    await sql`analyze progress_report`.execute(trx);
    await sql`analyze report_review`.execute(trx);
    const all = inserted.rows.map((r) => r.id).sort((a, b) => Number(b) - Number(a));
    const planner: SessionUser = { id: authorId, username, role: "PLANNER", departmentId: null, placeIds: [] };
    await body(trx, { all, approved: all.filter((id) => Number(id) % 2 === 0), planner, before: counted.rows[0] });
  });
}

/** Answers `source` and keeps every statement it sent, compiled, to explain afterwards. */
async function answer(trx: Db, source: string, variables: Record<string, unknown>, user: SessionUser | null) {
  const statements: CompiledQuery[] = [];
  const recording = trx.withPlugin({
    transformQuery: ({ node, queryId }) => {
      statements.push(trx.getExecutor().compileQuery(node as RootOperationNode, queryId));
      return node;
    },
    transformResult: async ({ result }) => result,
  }) as Db;
  const contextValue = createContext({
    db: recording,
    user,
    tokenHash: null,
    requestId: "pages",
    clientAddress: "127.0.0.1",
    log: silentLogger,
    sessionTtlSeconds: 0,
    secureCookies: false,
  });
  const result = await execute({
    schema: await getSchema(),
    document: parse(source),
    variableValues: variables,
    contextValue,
  });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return { data: result.data as any, statements };
}

interface PlanNode {
  "Relation Name"?: string;
  "Index Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  Plans?: PlanNode[];
}

/** Rows the statement read from progress_report (its scans' actual rows times loops), from EXPLAIN ANALYZE. */
async function reportRowsRead(trx: Db, statement: CompiledQuery): Promise<number> {
  const explained = await trx.executeQuery<{ "QUERY PLAN": { Plan: PlanNode }[] }>(
    CompiledQuery.raw(`explain (analyze, format json) ${statement.sql}`, [...statement.parameters]),
  );
  const walk = (node: PlanNode): number => {
    const own =
      node["Relation Name"] === "progress_report" ? (node["Actual Rows"] ?? 0) * (node["Actual Loops"] ?? 1) : 0;
    return own + (node.Plans ?? []).reduce((n, child) => n + walk(child), 0);
  };
  return walk(explained.rows[0]["QUERY PLAN"][0].Plan);
}

describe("Task.reports is paged in SQL", () => {
  it("answers each page of a task with thousands of reports, newest first, what the reader may see", async () => {
    await withManyReports(async (trx, { all, approved, planner, before }) => {
      expect(all.length).toBe(REPORTS);
      // anonymous: approved reports only
      const first = await answer(trx, WITH_TOTAL, { id: TASK, first: FIRST }, null);
      const page1 = first.data.task.reports;
      expect(page1.nodes.map((n: any) => n.id)).toEqual(approved.slice(0, FIRST));
      expect(page1.nodes.every((n: any) => n.review === "APPROVED")).toBe(true);
      expect(page1.totalCount).toBe(before.approved + approved.length);
      expect(page1.pageInfo.hasNextPage).toBe(true);
      const second = await answer(trx, WITH_TOTAL, { id: TASK, first: FIRST, after: page1.pageInfo.endCursor }, null);
      expect(second.data.task.reports.nodes.map((n: any) => n.id)).toEqual(approved.slice(FIRST, 2 * FIRST));
      expect(second.data.task.reports.totalCount).toBe(before.approved + approved.length);
      // a planner sees them all; an empty page keeps the whole count
      const planned = await answer(trx, WITH_TOTAL, { id: TASK, first: FIRST }, planner);
      expect(planned.data.task.reports.nodes.map((n: any) => n.id)).toEqual(all.slice(0, FIRST));
      const empty = await answer(trx, WITH_TOTAL, { id: TASK, first: 0 }, planner);
      expect(empty.data.task.reports.nodes).toEqual([]);
      expect(empty.data.task.reports.totalCount).toBe(before.all + REPORTS);
    });
  }, 120_000);

  it("reads only the page: first + 1 visible reports, however many the task has", async () => {
    await withManyReports(async (trx, { planner }) => {
      for (const [who, user, perVisible] of [
        ["a planner", planner, 1],
        ["anonymous", null, 2],
      ] as const) {
        const { data, statements } = await answer(trx, PAGE, { id: TASK, first: FIRST }, user);
        expect(data.task.reports.nodes).toHaveLength(FIRST);
        const reportStatements = statements.filter((s) => /from progress_report r/.test(s.sql));
        expect(reportStatements, who).toHaveLength(1);
        const read = await reportRowsRead(trx, reportStatements[0]);
        // anonymous skips the unapproved every other report on its way down
        expect(read, who).toBeGreaterThan(0);
        expect(read, who).toBeLessThanOrEqual(perVisible * (FIRST + 1) + 2);
      }
    });
  }, 120_000);
});
