/** reviewReport: who may decide, once, and what a decision changes. */
import { beforeAll, describe, expect, it } from "vitest";
import { testServer } from "../../support/server.ts";
import { createPlanner, createUser, type Account } from "./accounts.ts";
import { fingerprint } from "./db-state.ts";

const REPORT = `mutation($t: ID!, $s: TaskStatus!, $p: Float) { reportProgress(input: { taskId: $t, status: $s, progress: $p, note: "review test" }) { id review } }`;
const REVIEW = `mutation($id: ID!, $d: ReviewDecision!) { reviewReport(id: $id, decision: $d, note: "ok") { id review reviewedBy { id } } }`;

let author: Account;
let reviewer: Account;
let finance: Account;

async function report(by: Account, taskId: string, status = "IN_PROGRESS", progress = 40): Promise<string> {
  const s = await testServer();
  const r = await s.gql(REPORT, { t: taskId, s: status, p: progress }, by.auth);
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  return r.body.data.reportProgress.id;
}

async function review(by: Account, id: string, decision: "APPROVE" | "RETURN") {
  const s = await testServer();
  return s.gql(REVIEW, { id, d: decision }, by.auth);
}

async function status(taskId: string): Promise<{ status: string; progress: number | null }> {
  const s = await testServer();
  const r = await s.gql(`query($id: ID!) { task(id: $id) { status progress } }`, { id: taskId });
  return r.body.data.task;
}

beforeAll(async () => {
  author = await createPlanner("review-author");
  reviewer = await createPlanner("review-reviewer");
  // the finance bureau leads research-8 (and not matter-8, which the commerce bureau leads)
  finance = await createUser(author, { role: "DEPARTMENT", departmentId: "city-finance-bureau" });
  const s = await testServer();
  const leads = await s.gql(
    `{ a: task(id: "research-8") { leadDepartments { id } } b: task(id: "matter-8") { leadDepartments { id } } }`,
  );
  expect(leads.body.data.a.leadDepartments.map((d: { id: string }) => d.id)).toContain("city-finance-bureau");
  expect(leads.body.data.b.leadDepartments.map((d: { id: string }) => d.id)).not.toContain("city-finance-bureau");
});

describe("reviewReport", () => {
  it("never lets the author review their own report, and writes nothing", async () => {
    const id = await report(author, "research-8");
    const before = await fingerprint();
    const r = await review(author, id, "APPROVE");
    expect(r.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(r.body.errors?.[0]?.message).toMatch(/own report/);
    expect(await fingerprint()).toEqual(before);
  });

  it("does not let a department user review their own report on a task they lead", async () => {
    const id = await report(finance, "research-8");
    const r = await review(finance, id, "RETURN");
    expect(r.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("lets a department review a report on a task it leads", async () => {
    const id = await report(author, "research-8");
    const r = await review(finance, id, "RETURN");
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.reviewReport).toEqual({ id, review: "RETURNED", reviewedBy: { id: finance.id } });
  });

  it("refuses a department reviewing a report on a task it does not lead", async () => {
    const id = await report(author, "matter-8");
    const before = await fingerprint();
    const r = await review(finance, id, "APPROVE");
    expect(r.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(r.body.errors?.[0]?.message).toMatch(/lead department of task matter-8/);
    expect(await fingerprint()).toEqual(before);
  });

  it("decides a report once: a second review is a CONFLICT and writes nothing", async () => {
    const id = await report(author, "research-8");
    expect((await review(reviewer, id, "RETURN")).body.errors).toBeUndefined();
    const before = await fingerprint();
    const again = await review(finance, id, "APPROVE");
    expect(again.body.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(await fingerprint()).toEqual(before);
  });

  it("lets exactly one of two simultaneous reviews win", async () => {
    const id = await report(author, "research-8");
    const results = await Promise.all([review(reviewer, id, "RETURN"), review(finance, id, "RETURN")]);
    const codes = results.map((r) => r.body.errors?.[0]?.extensions?.code ?? "OK").sort();
    expect(codes).toEqual(["CONFLICT", "OK"]);
  });

  it("answers NOT_FOUND for a report that does not exist", async () => {
    const r = await review(reviewer, "999999999", "APPROVE");
    expect(r.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});

describe("what a review changes", () => {
  // this file's own task for approvals: nothing else approves reports on research-6
  const TASK = "research-6";

  it("a submitted report does not change the task's status", async () => {
    const before = await status(TASK);
    await report(author, TASK, "AT_RISK", 30);
    expect(await status(TASK)).toEqual(before);
  });

  it("a returned report does not change the task's status", async () => {
    const before = await status(TASK);
    const id = await report(author, TASK, "DELAYED", 20);
    expect((await review(reviewer, id, "RETURN")).body.data.reviewReport.review).toBe("RETURNED");
    expect(await status(TASK)).toEqual(before);
  });

  it("an approved report sets the task's status and progress", async () => {
    const id = await report(author, TASK, "AT_RISK", 35);
    expect(await status(TASK)).not.toEqual({ status: "AT_RISK", progress: 35 });
    expect((await review(reviewer, id, "APPROVE")).body.data.reviewReport.review).toBe("APPROVED");
    expect(await status(TASK)).toEqual({ status: "AT_RISK", progress: 35 });
  });
});

describe("reviewQueue", () => {
  const QUEUE = `{ reviewQueue(first: 100) { id review author { id } task { id leadDepartments { id } } } }`;
  type Item = {
    id: string;
    review: string;
    author: { id: string };
    task: { id: string; leadDepartments: { id: string }[] };
  };

  async function queue(by: Account | null): Promise<{ items: Item[] | null; code?: string }> {
    const s = await testServer();
    const r = await s.gql(QUEUE, {}, by?.auth);
    return { items: r.body.data?.reviewQueue ?? null, code: r.body.errors?.[0]?.extensions?.code };
  }

  it("shows a department the submitted reports on the tasks it leads, never its own, and no others", async () => {
    const onItsTask = await report(author, "research-8");
    const onAnother = await report(author, "matter-8");
    const itsOwn = await report(finance, "research-8");
    const { items } = await queue(finance);
    // the queue is oldest first: the reports just filed are in it only while it holds fewer than 100
    expect(items!.length).toBeLessThan(100);
    const ids = items!.map((i) => i.id);
    expect(ids).toContain(onItsTask);
    expect(ids).not.toContain(onAnother);
    expect(ids).not.toContain(itsOwn);
    for (const item of items!) {
      expect(item.review).toBe("SUBMITTED");
      expect(item.author.id).not.toBe(finance.id);
      expect(item.task.leadDepartments.map((d) => d.id)).toContain("city-finance-bureau");
    }
    // a decided report leaves the queue
    expect((await review(reviewer, onItsTask, "APPROVE")).body.errors).toBeUndefined();
    expect((await queue(finance)).items!.map((i) => i.id)).not.toContain(onItsTask);
  });

  it("shows a planner the reports of others only", async () => {
    await report(author, "matter-8");
    const { items } = await queue(author);
    expect(items!.every((i) => i.author.id !== author.id && i.review === "SUBMITTED")).toBe(true);
  });

  it("is empty for a viewer and refused without a sign-in", async () => {
    const viewer = await createUser(author, { role: "VIEWER" });
    expect(await queue(viewer)).toEqual({ items: [], code: undefined });
    expect((await queue(null)).code).toBe("UNAUTHENTICATED");
  });
});
