/** Task status as of an instant: an approval today is invisible in 2014 and visible now. */
import { beforeAll, describe, expect, it } from "vitest";
import { testServer } from "../../support/server.ts";
import { createPlanner } from "../report/accounts.ts";

// this file's own task: no other test approves reports on it
const TASK = "research-7";
const IN_2014 = "2014-06-30T00:00:00+08:00";

async function completedIds(asOf?: string): Promise<string[]> {
  const s = await testServer();
  const r = await s.gql(`query($f: TaskFilter) { tasks(filter: $f, first: 100) { nodes { id status } } }`, {
    f: { planId: "taiyuan-2013-30", statuses: ["COMPLETED"], ...(asOf ? { asOf } : {}) },
  });
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  return r.body.data.tasks.nodes.map((n: { id: string }) => n.id);
}

describe("status as of an instant", () => {
  beforeAll(async () => {
    const s = await testServer();
    const before = await s.gql(`query($id: ID!) { task(id: $id) { status } }`, { id: TASK });
    expect(before.body.data.task.status, `${TASK} must start without an approved report`).toBe("NOT_STARTED");
    const author = await createPlanner("asof-author");
    const reviewer = await createPlanner("asof-reviewer");
    const report = await s.gql(
      `mutation($t: ID!) { reportProgress(input: { taskId: $t, status: COMPLETED, progress: 100, note: "done" }) { id } }`,
      { t: TASK },
      author.auth,
    );
    const id = report.body.data.reportProgress.id;
    const review = await s.gql(
      `mutation($id: ID!) { reviewReport(id: $id, decision: APPROVE) { review } }`,
      { id },
      reviewer.auth,
    );
    expect(review.body.data?.reviewReport?.review, JSON.stringify(review.body.errors)).toBe("APPROVED");
  });

  it("Task.status is COMPLETED now", async () => {
    const s = await testServer();
    const r = await s.gql(`query($id: ID!) { task(id: $id) { status progress } }`, { id: TASK });
    expect(r.body.data.task).toEqual({ status: "COMPLETED", progress: 100 });
  });

  it("Task.status(asOf: 2014) is NOT_STARTED with no progress", async () => {
    const s = await testServer();
    const r = await s.gql(
      `query($id: ID!, $at: DateTime) { task(id: $id) { status(asOf: $at) progress(asOf: $at) } }`,
      { id: TASK, at: IN_2014 },
    );
    expect(r.body.data.task).toEqual({ status: "NOT_STARTED", progress: null });
  });

  it("TaskFilter.statuses [COMPLETED] includes it now", async () => {
    expect(await completedIds()).toContain(TASK);
  });

  it("TaskFilter.statuses [COMPLETED] with asOf 2014 leaves it out, and its status field follows the filter's asOf", async () => {
    expect(await completedIds(IN_2014)).not.toContain(TASK);
    const s = await testServer();
    const r = await s.gql(`query($f: TaskFilter) { tasks(filter: $f) { nodes { id status } } }`, {
      f: { planId: "taiyuan-2013-30", asOf: IN_2014, text: TASK },
    });
    expect(r.body.data.tasks.nodes).toEqual([{ id: TASK, status: "NOT_STARTED" }]);
  });
});
