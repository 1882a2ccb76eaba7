/**
 * Place.statusSummary is counted in PostgreSQL; here it must agree, for every place, with
 * what its obligations say one by one (each obligation's own status and progress as of the
 * same instant), with and without the citywide tasks, now and as of 2014.
 */
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { StatusSummary } from "../../../server/src/modules/place/place.type.ts";
import { testDatabase } from "../../support/db.ts";
import { testServer } from "../../support/server.ts";
import { taiyuanDay } from "../../support/taiyuan-day.ts";
import { createPlanner } from "../report/accounts.ts";

// this file's own tasks: no other test reports on them
const APPROVED = [
  { taskId: "matter-5", status: "COMPLETED", progress: 100 },
  { taskId: "matter-9", status: "AT_RISK", progress: 40 },
  { taskId: "reform-5", status: "IN_PROGRESS", progress: null },
  { taskId: "safeguard-2", status: "DELAYED", progress: 15 },
  { taskId: "reform-9", status: "IN_PROGRESS", progress: 55 },
];
// reported and never reviewed: it counts for nothing
const PENDING = { taskId: "matter-12", status: "COMPLETED", progress: 100 };

interface ObligationAnswer {
  id: string;
  dueYear: number;
  status: string;
  progress: number | null;
}

const SUMMARY = "total notStarted inProgress atRisk delayed completed meanProgress reported overdue";
const OBLIGATION = "id dueYear status(asOf: $at) progress(asOf: $at)";

/** The summary of a list of obligations, counted one by one; `reported`: the obligations with an approved report by then. */
function expected(tasks: ObligationAnswer[], at: Date, reported: Set<string>): StatusSummary {
  const count = (status: string) => tasks.filter((t) => t.status === status).length;
  const progress = tasks.map((t) => t.progress).filter((p): p is number => p !== null);
  return {
    total: tasks.length,
    notStarted: count("NOT_STARTED"),
    inProgress: count("IN_PROGRESS"),
    atRisk: count("AT_RISK"),
    delayed: count("DELAYED"),
    completed: count("COMPLETED"),
    meanProgress: progress.length
      ? Math.round((progress.reduce((a, b) => a + b, 0) / progress.length) * 10) / 10
      : null,
    reported: tasks.filter((t) => reported.has(t.id)).length,
    overdue: tasks.filter((t) => t.status !== "COMPLETED" && at > new Date(Date.UTC(t.dueYear, 11, 31, 23, 59, 59)))
      .length,
  };
}

/** Obligations ("task@place") with an approved report dated on or before `at`'s day in China (any test's), read straight from the tables. */
async function reportedBy(at: Date): Promise<Set<string>> {
  const { db } = await testDatabase();
  const day = taiyuanDay(at);
  const r = await sql<{ id: string }>`
    select distinct o.task_id || '@' || o.place_id as id from progress_report r join obligation o on o.id = r.obligation_id
    join report_review v on v.report_id = r.id
    where r.project_id is null and v.decision = 'APPROVE' and r.as_of <= ${day}::date`.execute(db);
  return new Set(r.rows.map((row) => row.id));
}

async function compareAt(at: Date): Promise<{ places: number; nonEmpty: number }> {
  const s = await testServer();
  const r = await s.gql(
    `query($at: DateTime) { places { id
      own: obligations { ${OBLIGATION} } city: obligations(includeCitywide: true) { ${OBLIGATION} }
      s: statusSummary(asOf: $at) { ${SUMMARY} } sc: statusSummary(asOf: $at, includeCitywide: true) { ${SUMMARY} } } }`,
    { at: at.toISOString() },
  );
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  const reported = await reportedBy(at);
  const places = r.body.data.places as {
    id: string;
    own: ObligationAnswer[];
    city: ObligationAnswer[];
    s: StatusSummary;
    sc: StatusSummary;
  }[];
  for (const p of places) {
    expect(p.s, `${p.id} at ${at.toISOString()}`).toEqual(expected(p.own, at, reported));
    expect(p.sc, `${p.id} with citywide at ${at.toISOString()}`).toEqual(expected(p.city, at, reported));
  }
  return { places: places.length, nonEmpty: places.filter((p) => p.s.total > 0).length };
}

describe("Place.statusSummary", () => {
  let approvedAt: Date;

  beforeAll(async () => {
    const s = await testServer();
    const author = await createPlanner("summary-author");
    const reviewer = await createPlanner("summary-reviewer");
    const report = async (input: { taskId: string; status: string; progress: number | null }) => {
      const r = await s.gql(
        `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id } }`,
        { input: { ...input, note: "summary test" } },
        author.auth,
      );
      expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
      return r.body.data.reportProgress.id as string;
    };
    for (const input of APPROVED) {
      const id = await report(input);
      const review = await s.gql(
        `mutation($id: ID!) { reviewReport(id: $id, decision: APPROVE) { review } }`,
        { id },
        reviewer.auth,
      );
      expect(review.body.data?.reviewReport?.review, JSON.stringify(review.body.errors)).toBe("APPROVED");
    }
    await report(PENDING);
    approvedAt = new Date();
  });

  it("counts, for every place, what its obligations say one by one (with and without citywide tasks)", async () => {
    const { places, nonEmpty } = await compareAt(approvedAt);
    expect(places).toBeGreaterThanOrEqual(30);
    expect(nonEmpty).toBeGreaterThanOrEqual(20);
  });

  it("counts this file's reports where they apply: the city carries every task", async () => {
    const s = await testServer();
    const r = await s.gql(`query($at: DateTime) { place(id: "taiyuan") { statusSummary(asOf: $at) { ${SUMMARY} } } }`, {
      at: approvedAt.toISOString(),
    });
    const summary = r.body.data.place.statusSummary as StatusSummary;
    expect(summary.total).toBe(79);
    expect(summary.completed).toBeGreaterThanOrEqual(1); // matter-5; the pending matter-12 is not
    expect(summary.atRisk).toBeGreaterThanOrEqual(1);
    expect(summary.delayed).toBeGreaterThanOrEqual(1);
    expect(summary.inProgress).toBeGreaterThanOrEqual(2);
    expect(summary.reported).toBeGreaterThanOrEqual(APPROVED.length);
    // every task is due by the end of 2015: all but the completed ones are overdue now
    expect(summary.overdue).toBe(summary.total - summary.completed);
  });

  it("counts nothing reported or overdue as of mid-2014, before any report", async () => {
    await compareAt(new Date("2014-06-30T00:00:00+08:00"));
    const s = await testServer();
    const r = await s.gql(
      `{ place(id: "taiyuan") { statusSummary(asOf: "2014-06-30T00:00:00+08:00") { ${SUMMARY} } } }`,
    );
    expect(r.body.data.place.statusSummary).toEqual({
      total: 79,
      notStarted: 79,
      inProgress: 0,
      atRisk: 0,
      delayed: 0,
      completed: 0,
      meanProgress: null,
      reported: 0,
      overdue: 0,
    });
  });
});
