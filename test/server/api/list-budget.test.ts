/**
 * The list budget (server/src/core/list-budget.ts): a read whose lists the data makes
 * longer than LIMITS.maxListItems is refused with RESULT_TOO_LARGE, naming the list and
 * how to ask for less, by the resolvers and by the SQL executor alike, after reading no
 * more than the budget; the same shapes over the seeded plan are answered. The large plan
 * is inserted in a transaction that is rolled back.
 */
import { findObligationLinks, syncObligations } from "../../../server/src/modules/place/place.repository.ts";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { execute, parse, type ExecutionResult } from "graphql";
import {
  sql,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from "kysely";
import { createApp, type App } from "../../../server/src/app.ts";
import { loadConfig } from "../../../server/src/config.ts";
import { scopedDb, type Db } from "../../../server/src/db/database.ts";
import { TooLargeError } from "../../../server/src/core/errors.ts";
import { createContext } from "../../../server/src/graphql/context.ts";
import { LIMITS } from "../../../server/src/graphql/limits.ts";
import { ListBudget } from "../../../server/src/core/list-budget.ts";
import { getSchema } from "../../../server/src/graphql/schema.ts";
import { executeInSql } from "../../../server/src/graphql/sql-executor.ts";
import { inRolledBack, silentLogger, testDatabase } from "../../support/db.ts";
import { testServer } from "../../support/server.ts";
import { createPlanner } from "../report/accounts.ts";
import { insertPlanLikeSeeded } from "../../support/synthetic.ts";
import { capturingLogger } from "../../support/log-lines.ts";

const COUNTY_LEVEL = "[DISTRICT, COUNTY, COUNTY_CITY]";

/** The shape of the report: every county-level unit's obligations, with their tasks' text, and its summary. */
const OBLIGATIONS = `{
  places(filter: { kinds: ${COUNTY_LEVEL} }) {
    id
    obligations { task { id text titleEn } }
    statusSummary { total notStarted inProgress atRisk delayed completed meanProgress reported overdue }
  }
}`;

/** A shape the SQL executor answers: the same places with their tasks. */
const TASKS = `{ places(filter: { kinds: ${COUNTY_LEVEL} }) { id tasks { role task { id titleEn } } } }`;

/** `tasks` new tasks in a new plan, each linked to every county-level unit: ten times as many links. */
async function insertLargePlan(trx: Db, planId: string, tasks: number): Promise<void> {
  await insertPlanLikeSeeded(trx, planId, "large");
  await sql`
    insert into task (id, plan_id, kind, number, ref, section_id, ordinal, title_hant, title_hans, title_en, text_hant, text_hans, span_start, span_end, due_year)
    select ${planId} || '-task-' || g, ${planId}, 'MATTER', g, g || '.', '5.1', g, '合成' || g, '合成' || g, 'large ' || g,
      repeat('推進資源型經濟轉型。', 8), repeat('推进资源型经济转型。', 8), 0, 10, 2015
    from generate_series(1, ${tasks}::int) g`.execute(trx);
  await sql`
    insert into task_place (task_id, place_id, role)
    select t.id, p.id, 'MENTION' from task t cross join place p
    where t.plan_id = ${planId} and p.kind in ('DISTRICT', 'COUNTY', 'COUNTY_CITY')`.execute(trx);
  // as an import does: the obligations follow the links
  await syncObligations(trx);
}

/** Runs `check` over the seeded data plus a large plan, and rolls the plan back. */
async function withLargePlan(check: (trx: Db) => Promise<void>): Promise<void> {
  await inRolledBack(async (trx) => {
    await insertLargePlan(trx, `budget-${randomUUID().slice(0, 8)}`, 1200);
    await check(trx);
  });
}

/** Counts the statements run and the rows the database sends back: what a request brought into memory. */
class RowCounter implements KyselyPlugin {
  statements = 0;
  rows = 0;
  /** the queries built through this plugin and not yet answered (the SQL executor's statements are built without plugins) */
  readonly #pending = new Set<unknown>();
  /** statements sent and not yet answered */
  get running(): number {
    return this.#pending.size;
  }
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.#pending.add(args.queryId);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.#pending.delete(args.queryId);
    this.statements += 1;
    this.rows += args.result.rows.length;
    return args.result;
  }
}

/** Runs an operation through the resolvers (no SQL executor), counting its statements and the rows they read. */
async function resolve(
  db: Db,
  source: string,
): Promise<{ result: ExecutionResult; statements: number; rows: number; used: number }> {
  const schema = await getSchema();
  const counted = new RowCounter();
  const counter = { statements: 0 };
  const contextValue = createContext({
    db: scopedDb(db, counter).withPlugin(counted),
    user: null,
    tokenHash: null,
    requestId: "budget",
    clientAddress: "127.0.0.1",
    log: silentLogger,
    sessionTtlSeconds: 0,
    secureCookies: false,
  });
  const result = await execute({ schema, document: parse(source), contextValue });
  return { result, statements: counter.statements, rows: counted.rows, used: contextValue.budget.used };
}

function refusal(result: ExecutionResult): TooLargeError {
  const errors = result.errors ?? [];
  expect(errors.length, JSON.stringify(result.data)).toBeGreaterThan(0);
  const original = errors[0].originalError;
  expect(original).toBeInstanceOf(TooLargeError);
  // every error is the same refusal, not a mix of failures
  for (const e of errors) expect(e.originalError).toBe(original);
  return original as TooLargeError;
}

describe("list budget over a large plan", () => {
  it("answers the report's shape over the seeded plan, well within the budget", async () => {
    const { db } = await testDatabase();
    const { result, used } = await resolve(db, OBLIGATIONS);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const places = (result.data as { places: { obligations: unknown[] }[] }).places;
    expect(places.length).toBeGreaterThanOrEqual(10);
    expect(places.some((p) => p.obligations.length > 0)).toBe(true);
    expect(used).toBeLessThan(LIMITS.maxListItems / 10);
  });

  it("refuses obligations that would hold more items than the budget, naming the lists and how to ask for less", async () => {
    await withLargePlan(async (trx) => {
      const { result, statements, rows } = await resolve(trx, OBLIGATIONS);
      const error = refusal(result);
      expect(error.code).toBe("RESULT_TOO_LARGE");
      expect(error.message).toMatch(
        new RegExp(`^this request needs more than ${LIMITS.maxListItems} list items, the limit per request`),
      );
      expect(error.message).toMatch(/Place\.obligations/);
      expect(error.message).toMatch(/places\(filter: \{ kinds/);
      expect(error.message).toMatch(/obligations\(kinds:/);
      expect(error.details).toMatchObject({ limit: LIMITS.maxListItems });
      expect(result.data).toBeNull();
      // refused from the statement for the obligations' links, which read the rows of no more
      // obligations than the budget allows and one (of the 13 000 there are; a few obligations of
      // the seeded plan have two or three reason rows), after the places'; the places' status
      // summaries are asked for beside the links (a statement is counted when it is sent, and this
      // one may not have come back before the refusal); the obligations' tasks were not read
      expect(statements).toBeLessThanOrEqual(3);
      expect(rows).toBeLessThanOrEqual(LIMITS.maxListItems + 1 + 40);
    });
  });

  it("answers the map's places with their summaries over the large plan: summaries are counted in PostgreSQL, not held", async () => {
    await withLargePlan(async (trx) => {
      const { result, used, rows } = await resolve(
        trx,
        `{ places { id statusSummary { total notStarted overdue } } gujiao: place(id: "gujiao") { obligations { task { id } } } }`,
      );
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      const data = result.data as {
        places: { id: string; statusSummary: { total: number; notStarted: number } }[];
        gujiao: { obligations: unknown[] };
      };
      const gujiao = data.places.find((p) => p.id === "gujiao")!;
      // the large plan's 1 200 tasks each name every county-level unit
      expect(gujiao.statusSummary.total).toBeGreaterThan(1200);
      expect(gujiao.statusSummary.total).toBe(data.gujiao.obligations.length);
      expect(data.places.find((p) => p.id === "taiyuan")!.statusSummary.total).toBeGreaterThan(1200);
      // the budget holds the places and the one place's obligations; the summaries' ~13 000 obligations never came here
      expect(used).toBe(data.places.length + data.gujiao.obligations.length);
      expect(rows).toBeLessThan(3 * data.places.length + 2 * data.gujiao.obligations.length + 100);
    });
  });

  it("refuses the same places' tasks in the SQL executor as in the resolvers", async () => {
    await withLargePlan(async (trx) => {
      const schema = await getSchema();
      const budget = new ListBudget(LIMITS.maxListItems);
      const inSql = executeInSql({ schema, document: parse(TASKS), db: trx, viewer: null, budget });
      await expect(inSql).rejects.toBeInstanceOf(TooLargeError);
      await expect(inSql).rejects.toThrow(/\(at Query\.places, Place\.tasks\)/);
      // and the request stays refused: the resolvers, given its budget, do not read it again
      expect(budget.refusal).not.toBeNull();

      const { result } = await resolve(trx, TASKS);
      expect(refusal(result).message).toMatch(/Place\.tasks/);
    });
  });

  it("answers the same places' tasks over the seeded plan, in the SQL executor and the resolvers", async () => {
    const { db } = await testDatabase();
    const schema = await getSchema();
    const budget = new ListBudget(LIMITS.maxListItems);
    const inSql = await executeInSql({ schema, document: parse(TASKS), db, viewer: null, budget });
    const { result, used } = await resolve(db, TASKS);
    expect(result.errors).toBeUndefined();
    expect(inSql?.data).toEqual(JSON.parse(JSON.stringify(result.data)));
    expect(budget.used).toBe(used);
    expect(used).toBeGreaterThan(20);
  });
});

describe("a place's obligations against the budget", () => {
  it("counts the obligations, not their reason rows, in the resolvers as in the SQL executor", async () => {
    const { db } = await testDatabase();
    const schema = await getSchema();
    const places = ["taiyuan", "gujiao", "qingxu", "yangqu", "loufan", "xiaodian"];
    const source = `{ ${places.map((id) => `${id}: place(id: "${id}") { obligations { task { id } } }`).join(" ")} }`;
    const run = async (limit: number) => {
      const budget = new ListBudget(limit);
      const inSql = await executeInSql({ schema, document: parse(source), db, viewer: null, budget }).catch(
        (error: unknown) => error,
      );
      const contextValue = createContext({
        db,
        user: null,
        tokenHash: null,
        requestId: "budget",
        clientAddress: "127.0.0.1",
        log: silentLogger,
        sessionTtlSeconds: 0,
        secureCookies: false,
        budget: new ListBudget(limit),
      });
      const resolved = await execute({ schema, document: parse(source), contextValue });
      return { inSql, resolved };
    };
    const { resolved: all } = await run(LIMITS.maxListItems);
    const data = all.data as Record<string, { obligations: unknown[] }>;
    const n = places.reduce((sum, id) => sum + data[id].obligations.length, 0);
    // more reason rows than obligations: capping the rows would refuse what fits
    const rows = await findObligationLinks(db, places, { includeContained: true, includeCitywide: false, kinds: null });
    expect(rows.length).toBeGreaterThan(n + 50);
    const fits = await run(n);
    expect(fits.resolved.errors).toBeUndefined();
    expect((fits.inSql as { data: unknown }).data).toEqual(JSON.parse(JSON.stringify(fits.resolved.data)));
    const over = await run(n - 1);
    expect(over.inSql).toBeInstanceOf(TooLargeError);
    expect(refusal(over.resolved).message).toMatch(/Place\.obligations/);
  });
});

describe("the list budget's refusal over HTTP", () => {
  // a budget the seeded plan can exceed: the product's is exercised above
  const LIMIT = 200;
  let app: App;
  const { logger, lines, settled } = capturingLogger<{
    requestId?: string;
    executor?: string;
    statements?: number;
    errorCodes?: string[];
  }>();
  // every statement of this app, whichever door of the SQL lane runs it
  const counted = new RowCounter();

  beforeAll(async () => {
    const database = await testDatabase();
    app = await createApp(loadConfig({ PORT: "0", SEED_ON_BOOT: "false" }), logger, {
      database: { ...database, db: database.db.withPlugin(counted) },
      maxListItems: LIMIT,
    });
    await app.start();
  });

  afterAll(async () => {
    await app.stop();
  });

  async function post(query: string, headers: Record<string, string> = {}, variables?: Record<string, unknown>) {
    const res = await fetch(`${app.url()}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = await res.json();
    await settled(res.headers.get("x-request-id")); // the log line is written when the response finishes
    return { status: res.status, body, log: lines.find((l) => l.requestId === res.headers.get("x-request-id")) };
  }

  it("answers one RESULT_TOO_LARGE error and no data, however many lists went over", async () => {
    // each place is nullable: without the plugin, one error per place and the rest of the data. Their
    // 125 obligations fit in 200 items; with the links behind them they do not
    const places = ["taiyuan", "gujiao", "qingxu", "yangqu", "loufan", "xiaodian"];
    const r = await post(
      `{ ${places.map((id) => `${id}: place(id: "${id}") { id obligations { task { id } via { role } } statusSummary { total } }`).join(" ")} city: place(id: "taiyuan") { id } }`,
    );
    expect(r.status).toBe(200);
    expect(r.body.data).toBeNull();
    expect(r.body.errors).toHaveLength(1);
    expect(r.body.errors[0].extensions).toMatchObject({ code: "RESULT_TOO_LARGE", limit: LIMIT });
    expect(r.body.errors[0].message).toMatch(new RegExp(`more than ${LIMIT} list items`));
    expect(r.log?.errorCodes).toEqual(["RESULT_TOO_LARGE"]);
  });

  it("refuses an answer of the SQL lane once: Apollo answers the error without running the statement again", async () => {
    // a refused request's other lists may still be reading when its answer is sent: let them finish
    await vi.waitFor(() => expect(counted.running).toBe(0), { timeout: 10_000, interval: 1 });
    const before = counted.statements;
    const r = await post(`{ places { id tasks { role task { id places { role place { id } } } } } }`);
    expect(r.body.data).toBeNull();
    expect(r.body.errors).toHaveLength(1);
    expect(r.body.errors[0].extensions.code).toBe("RESULT_TOO_LARGE");
    expect(r.body.errors[0].extensions.lists).toEqual(["Query.places", "Place.tasks", "Task.places"]);
    expect(counted.statements - before).toBe(1);
  });

  it("answers what fits in the budget as before", async () => {
    const r = await post(`{ places(filter: { kinds: [COUNTY] }) { id obligations { task { id } } } }`);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.places.length).toBe(3);
  });

  it("does not count the rows a mutation answers about its own write: an import's outcome is never refused", async () => {
    const planner = await createPlanner("budget");
    const csv = [
      "task_id,new_status,new_progress,note",
      ...Array.from({ length: LIMIT + 100 }, () => "reform-14,,,"),
    ].join("\n");
    const r = await post(
      `mutation($csv: String!) { importReports(content: $csv, dryRun: true) { unchanged rows { row problem } } }`,
      planner.auth,
      { csv },
    );
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.importReports.rows).toHaveLength(LIMIT + 100);
    expect(r.body.data.importReports.unchanged).toBe(LIMIT + 100);
  });
});

describe("the cost rule's estimate of obligations", () => {
  it("counts a place's obligations as up to every task of the plan, naming the costliest lists", async () => {
    const s = await testServer();
    const r = await s.gql(`{ places { id obligations { task { id places { role place { id } } } } } }`);
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(r.body.errors?.[0]?.message).toMatch(new RegExp(`exceeds the limit of ${LIMITS.maxCost}`));
    expect(r.body.errors?.[0]?.message).toContain("places ×10 → obligations ×100 → places ×10");
  });
});
