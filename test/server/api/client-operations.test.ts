/**
 * The map client's own operations (client/src/api/operations.ts) over the seeded plan pass
 * the cost rule and the list budget, with room to spare: every read answers without an
 * error, and answers the same with a tenth of the list budget.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../../server/src/app.ts";
import { loadConfig } from "../../../server/src/config.ts";
import { LIMITS } from "../../../server/src/graphql/limits.ts";
import * as ops from "../../../client/src/api/operations.ts";
import { silentLogger, testDatabase } from "../../support/db.ts";
import { testServer } from "../../support/server.ts";
import { createPlanner, createUser, PASSWORD, type Account } from "../report/accounts.ts";

const script = "HANS";
const asOf = "2014-06-30T00:00:00Z";

type Gql = (
  query: string,
  variables?: Record<string, unknown>,
  headers?: Record<string, string>,
) => Promise<{ status: number; body: { data?: any; errors?: unknown[] } }>;

let tenth: App;
let planner: Account;
let leader: Account;

beforeAll(async () => {
  const database = await testDatabase();
  tenth = await createApp(loadConfig({ PORT: "0", SEED_ON_BOOT: "false" }), silentLogger, {
    database,
    maxListItems: LIMITS.maxListItems / 10,
  });
  await tenth.start();
  planner = await createPlanner("client-ops");
  // an area leader of the city carries every task of the plan as an obligation
  leader = await createUser(planner, { role: "AREA_LEADER", placeIds: ["taiyuan", "gujiao"] });
});

afterAll(async () => {
  await tenth.stop();
});

const onTenth: Gql = async (query, variables, headers) => {
  const res = await fetch(`${tenth.url()}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: await res.json() };
};

/** Sends an operation to the product's server and to the one with a tenth of the budget: no errors, the same data. */
async function both(
  document: { toString(): string },
  variables: Record<string, unknown> = {},
  headers?: Record<string, string>,
): Promise<any> {
  const query = document.toString();
  const s = await testServer();
  const full = await s.gql(query, variables, headers);
  expect(full.body.errors, JSON.stringify(full.body.errors)).toBeUndefined();
  expect(full.status).toBe(200);
  const small = await onTenth(query, variables, headers);
  expect(small.body.errors, JSON.stringify(small.body.errors)).toBeUndefined();
  expect(small.body.data).toEqual(full.body.data);
  return full.body.data;
}

describe("the client's operations over the seeded plan", () => {
  it("the map: places with geometry and status summaries, indicator values", async () => {
    const data = await both(ops.MAP_PLACES, { script, asOf, tolerance: ops.MAP_TOLERANCE });
    expect(data.places.length).toBe(34);
    const city = data.places.find((p: { id: string }) => p.id === "taiyuan");
    expect(city.statusSummary.total).toBe(79);
    const indicators = await both(ops.INDICATORS, { script });
    expect(indicators.indicators.length).toBeGreaterThan(0);
    const values = await both(ops.PLACE_INDICATOR_VALUES, { indicatorId: indicators.indicators[0].id });
    expect(values.places.length).toBe(34);
  });

  it("lookups, every page of tasks, a task and its reports", async () => {
    const lookups = await both(ops.LOOKUPS, { script });
    expect(lookups.plan.sections.length).toBeGreaterThan(0);
    let after: string | null = null;
    let seen = 0;
    for (let page = 0; page < 5; page++) {
      const data = await both(ops.TASKS, { script, filter: {}, asOf, first: 50, after });
      seen += data.tasks.nodes.length;
      if (!data.tasks.pageInfo.hasNextPage) break;
      after = data.tasks.pageInfo.endCursor;
    }
    expect(seen).toBe(79);
    const task = await both(ops.TASK_DETAIL, { id: "reform-14", script, asOf });
    expect(task.task.places.length).toBeGreaterThan(0);
    await both(ops.TASK_REPORTS, { id: "reform-14", script });
  });

  it("every place's panel, with and without the citywide tasks", async () => {
    const { places } = await both(`{ places { id } }`);
    for (const { id } of places as { id: string }[]) {
      for (const includeCitywide of [false, true]) {
        const data = await both(ops.PLACE_DETAIL, { id, script, asOf, includeCitywide });
        expect(data.place.obligations.length).toBe(data.place.statusSummary.total);
      }
    }
  });

  it("projects: the count, the map's pages and one project", async () => {
    const count = await both(ops.PROJECT_COUNT);
    const page = await both(ops.MAP_PROJECTS, { script, filter: {}, asOf, first: 100 });
    expect(page.projects.nodes.length).toBe(Math.min(100, count.projects.totalCount));
    if (page.projects.nodes.length) await both(ops.PROJECT_DETAIL, { id: page.projects.nodes[0].id, script, asOf });
  });

  it("signed in: the session with the user's places and obligations, the review queue", async () => {
    const me = await both(ops.ME, { script }, leader.auth);
    const city = me.me.places.find((p: { id: string }) => p.id === "taiyuan");
    expect(city.obligations.length).toBe(79);
    await both(ops.REVIEW_QUEUE, { script }, planner.auth);
    // the login mutation answers the same selection of the user
    for (const gql of [(await testServer()).gql, onTenth]) {
      const login = await gql(ops.LOGIN.toString(), { username: leader.username, password: PASSWORD, script });
      expect(login.body.errors, JSON.stringify(login.body.errors)).toBeUndefined();
      expect(login.body.data.login.user.places).toEqual(me.me.places);
    }
  });
});
