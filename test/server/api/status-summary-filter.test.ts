/** statusSummary(filter:) counts only the obligations whose task the filter selects: the choropleth of a filtered list. */
import { beforeAll, describe, expect, it } from "vitest";
import { testServer } from "../../support/server.ts";

// the shared database boots (and seeds) once; on the embedded one that is the hook's time, not a test's
beforeAll(() => testServer().then(() => undefined));

async function data(query: string, variables: Record<string, unknown> = {}) {
  const s = await testServer();
  const r = await s.gql(query, variables);
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  return r.body.data;
}

const OBLIGATIONS = `query($id: ID!) { place(id: $id) { obligations { task { id } status } } }`;
const TASKS = `query($f: TaskFilter) { tasks(first: 100, filter: $f) { totalCount nodes { id } } }`;
const SUMMARY = `query($id: ID!, $f: TaskFilter) { place(id: $id) { all: statusSummary { total } filtered: statusSummary(filter: $f) { total notStarted reported } } }`;

describe("statusSummary(filter:)", () => {
  for (const [name, filter] of [
    ["kinds", { kinds: ["MATTER"] }],
    ["text, two words in traditional characters", { text: "煤炭 產業" }],
    ["lead department", { leadDepartmentIds: ["city-land-resources-bureau"] }],
    ["status", { statuses: ["NOT_STARTED"] }],
  ] as const) {
    it(`by ${name}: the place's obligations among the tasks the filter lists`, async () => {
      for (const place of ["qingxu", "gujiao"]) {
        const own: { task: { id: string }; status: string }[] = (await data(OBLIGATIONS, { id: place })).place
          .obligations;
        const obligations = own.map((o) => o.task.id);
        // a status filter selects by each obligation's own status (a place's choropleth), the others by the task
        const { statuses, ...taskFilter } = filter as { statuses?: readonly string[] };
        const tasks = (await data(TASKS, { f: taskFilter })).tasks;
        expect(tasks.totalCount).toBe(tasks.nodes.length);
        const selected = new Set(tasks.nodes.map((n: { id: string }) => n.id));
        const expected = own.filter(
          (o) => selected.has(o.task.id) && (!statuses || statuses.includes(o.status)),
        ).length;
        const summary = (await data(SUMMARY, { id: place, f: filter })).place;
        expect(summary.all.total).toBe(obligations.length);
        expect(summary.filtered.total).toBe(expected);
        expect(summary.filtered.notStarted).toBeLessThanOrEqual(expected);
        expect(summary.filtered.reported).toBeLessThanOrEqual(expected);
      }
    });
  }

  it("a filter that selects something changes the count somewhere (the test can fail)", async () => {
    const summary = (await data(SUMMARY, { id: "qingxu", f: { kinds: ["MATTER"] } })).place;
    expect(summary.filtered.total).toBeGreaterThan(0);
    expect(summary.filtered.total).toBeLessThan(summary.all.total);
  });

  it("an unknown place id in the filter is refused, naming it", async () => {
    const s = await testServer();
    const r = await s.gql(SUMMARY, { id: "qingxu", f: { spatial: { placeIds: ["nowhere"] } } });
    expect(r.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.body.errors?.[0]?.message).toContain("nowhere");
  });
});
