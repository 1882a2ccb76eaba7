/** Keyset paging of tasks: every item once, in plan order, stable across writes between pages. */
import { describe, expect, it } from "vitest";
import { testServer } from "../../support/server.ts";
import { createPlanner } from "../report/accounts.ts";

const PLAN = "taiyuan-2013-30";
const PAGE = `query($f: TaskFilter, $after: String) {
  tasks(filter: $f, first: 7, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id number } } }
}`;

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string; number: number } }[];
}

async function page(filter: Record<string, unknown>, after: string | null): Promise<Page> {
  const s = await testServer();
  const r = await s.gql(PAGE, { f: filter, after });
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  return r.body.data.tasks;
}

const matters = Array.from({ length: 41 }, (_, i) => `matter-${i + 1}`);

describe("paging through the 41 matters 7 at a time", () => {
  const filter = { planId: PLAN, kinds: ["MATTER"] };

  it("returns each matter exactly once, in plan order, with totalCount 41 and no next page at the end", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let last: Page | null = null;
    for (let i = 0; i < 10; i++) {
      last = await page(filter, after);
      expect(last.totalCount).toBe(41);
      seen.push(...last.edges.map((e) => e.node.id));
      if (!last.pageInfo.hasNextPage) break;
      expect(last.edges).toHaveLength(7);
      expect(last.pageInfo.endCursor).toBe(last.edges[6].cursor);
      after = last.pageInfo.endCursor;
    }
    expect(seen).toEqual(matters);
    expect(last!.pageInfo.hasNextPage).toBe(false);
    expect(last!.edges).toHaveLength(41 - 7 * 5);
  });

  it("continues from the cursor unchanged when a curated link is added between pages", async () => {
    const s = await testServer();
    const planner = await createPlanner("paging");
    const first = await page(filter, null);
    expect(first.edges.map((e) => e.node.id)).toEqual(matters.slice(0, 7));
    // a link to a task already seen (and one not yet seen) must not shift, repeat or skip anything
    const loufan = await s.gql(`{ place(id: "loufan") { tasks { task { id } } } }`);
    const linked = loufan.body.data.place.tasks.map((l: { task: { id: string } }) => l.task.id);
    // the links below are removed again afterwards, so they must not be seeded ones
    expect(linked).not.toContain("matter-2");
    expect(linked).not.toContain("matter-12");
    const link = `mutation($t: ID!) { linkTaskToPlace(input: { taskId: $t, placeId: "loufan", role: MENTION, note: "paging test" }) { curated } }`;
    for (const taskId of ["matter-2", "matter-12"]) {
      const r = await s.gql(link, { t: taskId }, planner.auth);
      expect(r.body.data?.linkTaskToPlace?.curated, JSON.stringify(r.body.errors)).toBe(true);
    }
    try {
      const seen = first.edges.map((e) => e.node.id);
      let after = first.pageInfo.endCursor;
      for (let i = 0; i < 10 && after; i++) {
        const next = await page(filter, after);
        seen.push(...next.edges.map((e) => e.node.id));
        after = next.pageInfo.hasNextPage ? next.pageInfo.endCursor : null;
      }
      expect(seen).toEqual(matters);
    } finally {
      // the links were this test's own: take them away again
      for (const taskId of ["matter-2", "matter-12"]) {
        await s.gql(
          `mutation($t: ID!) { unlinkTaskFromPlace(taskId: $t, placeId: "loufan") }`,
          { t: taskId },
          planner.auth,
        );
      }
    }
  });

  it("keeps a spatial page stable when an earlier task gains a link to the filtered place", async () => {
    const s = await testServer();
    const planner = await createPlanner("paging");
    const spatial = { planId: PLAN, spatial: { placeIds: ["xiaodian"], includeContained: true } };
    const all = await s.gql(`query($f: TaskFilter) { tasks(filter: $f, first: 100) { nodes { id } } }`, { f: spatial });
    const before = all.body.data.tasks.nodes.map((n: { id: string }) => n.id) as string[];
    expect(before.length).toBeGreaterThan(7);
    expect(before).not.toContain("reform-1");
    const first = await page(spatial, null);
    const r = await s.gql(
      `mutation { linkTaskToPlace(input: { taskId: "reform-1", placeId: "xiaodian", role: MENTION }) { curated } }`,
      {},
      planner.auth,
    );
    expect(r.body.errors).toBeUndefined();
    try {
      const seen = first.edges.map((e) => e.node.id);
      let after = first.pageInfo.endCursor;
      for (let i = 0; i < 20 && after; i++) {
        const next = await page(spatial, after);
        seen.push(...next.edges.map((e) => e.node.id));
        after = next.pageInfo.hasNextPage ? next.pageInfo.endCursor : null;
      }
      // reform-1 sorts before the cursor, so the remaining pages are exactly the rest of the original list
      expect(seen).toEqual(before);
    } finally {
      await s.gql(`mutation { unlinkTaskFromPlace(taskId: "reform-1", placeId: "xiaodian") }`, {}, planner.auth);
    }
  });

  it("refuses a cursor from another ordering", async () => {
    const first = await page(filter, null);
    const s = await testServer();
    const r = await s.gql(
      `query($after: String) { tasks(filter: { orderBy: PROGRESS }, first: 7, after: $after) { totalCount } }`,
      { after: first.pageInfo.endCursor },
    );
    expect(r.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("refuses a forged cursor whose sort key is not numbers and an id", async () => {
    const s = await testServer();
    const forged = Buffer.from(JSON.stringify(["PLAN_ORDER", "a", "b", "c", "d"])).toString("base64url");
    const r = await s.gql(`query($after: String) { tasks(first: 7, after: $after) { totalCount } }`, { after: forged });
    expect(r.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.body.errors?.[0]?.message).toMatch(/not a cursor returned by this API/);
  });
});
