/**
 * A report and a review are each one statement that checks and writes at once: the facts every
 * check reads and the write that only happens when they all pass, which returns the row (and,
 * with a session token, looks the session up: the request has no statement of its own for it);
 * once it has committed, the event is announced outside the request, with the others of the next
 * few milliseconds in one statement (report-events.ts announceReport). A refusal writes nothing,
 * announces nothing, and says why from the facts the statement read. Counted with the request's statement counter, calling the services as the
 * resolvers do, and in the request log over HTTP.
 */
import { createHash, randomUUID } from "node:crypto";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { PendingSession, SessionUser } from "../../../server/src/core/actor.ts";
import type { Db } from "../../../server/src/db/database.ts";
import { scopedDb } from "../../../server/src/db/database.ts";
import { TaskStatus } from "../../../server/src/core/enums.ts";
import { reportProgress, reviewReport } from "../../../server/src/modules/report/report.service.ts";
import { testDatabase } from "../../support/db.ts";
import { appWithLog } from "../../support/server.ts";
import { fingerprint } from "./db-state.ts";
import { createPlanner, createUser } from "./accounts.ts";

/** the statement that checks and writes (the announcement is not the request's: announceReport) */
const WRITE = 1;
/** the same statement, which wrote nothing */
const REFUSED = 1;

let db: Db;
let planner: SessionUser;
let reviewer: SessionUser;
let leader: SessionUser;
/** a task of 小店 (xiaodian) with a project serving it */
let task: string;
let project: string;

async function user(role: SessionUser["role"], placeIds: string[] = []): Promise<SessionUser> {
  const username = `statements-${role.toLowerCase()}-${randomUUID().slice(0, 8)}`;
  const r = await sql<{ id: string }>`
    insert into app_user (username, display_name, role, password_hash) values (${username}, ${username}, ${role}, 'x') returning id::text`.execute(
    db,
  );
  const id = r.rows[0].id;
  for (const placeId of placeIds)
    await sql`insert into user_place (user_id, place_id) values (${id}::bigint, ${placeId})`.execute(db);
  return { id, username, role, departmentId: null, placeIds };
}

/** Runs `run` on a request's handle of the database, counting its statements. */
async function counted<T>(run: (db: Db) => Promise<T>): Promise<{ statements: number; result: T | Error }> {
  const counter = { statements: 0 };
  const result = await run(scopedDb(db, counter)).catch((error: Error) => error);
  return { statements: counter.statements, result };
}

beforeAll(async () => {
  db = (await testDatabase()).db;
  planner = await user("PLANNER");
  reviewer = await user("PLANNER");
  leader = await user("AREA_LEADER", ["xiaodian"]);
  const r = await sql<{ taskId: string; projectId: string }>`
    select o.task_id as "taskId", pt.project_id as "projectId" from obligation o join project_task pt on pt.task_id = o.task_id
    where o.place_id = 'xiaodian' and o.active order by o.task_id, pt.project_id limit 1`.execute(db);
  ({ taskId: task, projectId: project } = r.rows[0]);
});

describe("reportProgress", () => {
  it("files a report on a citywide obligation in one statement, announced after it", async () => {
    const { statements, result } = await counted((db) =>
      reportProgress(db, planner, {
        taskId: task,
        status: TaskStatus.IN_PROGRESS,
        progress: 10,
        note: "statements: city",
      }).then((r) => r.report),
    );
    expect(result).toMatchObject({
      taskId: task,
      placeId: null,
      obligationPlaceId: "taiyuan",
      review: "SUBMITTED",
      progress: 10,
      authorId: planner.id,
    });
    expect(statements).toBe(WRITE);
  });

  it("files an area leader's report on a place and a project as cheaply (their area is one of the facts)", async () => {
    const { statements, result } = await counted((db) =>
      reportProgress(db, leader, {
        taskId: task,
        placeId: "xiaodian",
        projectId: project,
        status: TaskStatus.AT_RISK,
        progress: 20,
        note: "statements: leader",
        asOf: "2014-03-01",
      }).then((r) => r.report),
    );
    expect(result).toMatchObject({
      taskId: task,
      placeId: "xiaodian",
      projectId: project,
      obligationPlaceId: "xiaodian",
      asOf: "2014-03-01",
      review: "SUBMITTED",
    });
    expect(statements).toBe(WRITE);
  });

  it("refuses from the facts its statement read, and writes nothing", async () => {
    const before = await fingerprint();
    const { statements, result } = await counted((db) =>
      reportProgress(db, leader, {
        taskId: task,
        placeId: "gujiao",
        status: TaskStatus.IN_PROGRESS,
        note: "statements: not theirs",
      }),
    );
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).message).toMatch(/gujiao is not one of your places/);
    expect(statements).toBe(REFUSED);
    expect(await fingerprint()).toEqual(before);
  });
});

describe("reviewReport", () => {
  it("decides a report in one statement (and its announcement), and a second decision is a CONFLICT that writes nothing", async () => {
    const { report: filed } = await reportProgress(db, planner, {
      taskId: task,
      status: TaskStatus.IN_PROGRESS,
      progress: 30,
      note: "statements: to review",
    });
    const { statements, result } = await counted((db) => reviewReport(db, reviewer, filed.id, "APPROVE", "fine"));
    expect(result).toMatchObject({ id: filed.id, review: "APPROVED", reviewerId: reviewer.id, reviewNote: "fine" });
    expect(statements).toBe(WRITE);

    const before = await fingerprint();
    const again = await counted((db) => reviewReport(db, reviewer, filed.id, "RETURN", null));
    expect((again.result as Error).message).toMatch(/already been reviewed/);
    expect(again.statements).toBe(REFUSED);
    expect(await fingerprint()).toEqual(before);
  });
});

/** A pending session for `token`'s hash, recording whom the statement found. */
function pending(token: string): PendingSession & { found: (SessionUser | null)[] } {
  const found: (SessionUser | null)[] = [];
  return {
    tokenHash: createHash("sha256").update(token).digest("hex"),
    resolved: (user) => found.push(user),
    found,
  };
}

describe("a session looked up by the mutation's own statement", () => {
  it("files a report as the session's user in one statement (and its announcement), and tells the request who that was", async () => {
    const account = await createPlanner("statements-pending");
    const session = pending(account.token);
    const { statements, result } = await counted((db) =>
      reportProgress(db, session, { taskId: task, status: TaskStatus.IN_PROGRESS, note: "statements: pending" }),
    );
    expect(result).toMatchObject({ report: { authorId: account.id, review: "SUBMITTED" } });
    expect(statements).toBe(WRITE);
    expect(session.found).toEqual([expect.objectContaining({ id: account.id, role: "PLANNER" })]);
  });

  it("is UNAUTHENTICATED for a revoked session, writing nothing, in the same statement", async () => {
    const account = await createPlanner("statements-revoked");
    const hash = createHash("sha256").update(account.token).digest("hex");
    await sql`update auth_session set revoked_at = now() where token_hash = ${hash}`.execute(db);
    const before = await fingerprint();
    const session = pending(account.token);
    const { statements, result } = await counted((db) =>
      reportProgress(db, session, { taskId: task, status: TaskStatus.IN_PROGRESS, note: "statements: revoked" }),
    );
    expect((result as Error & { code?: string }).code).toBe("UNAUTHENTICATED");
    expect(statements).toBe(REFUSED);
    expect(session.found).toEqual([null]);
    expect(await fingerprint()).toEqual(before);
  });

  it("says UNAUTHENTICATED before a bad note for a session that is not live (one statement to find out)", async () => {
    const session = pending(randomUUID());
    const { statements, result } = await counted((db) =>
      reportProgress(db, session, { taskId: task, status: TaskStatus.IN_PROGRESS, note: "   " }),
    );
    expect((result as Error & { code?: string }).code).toBe("UNAUTHENTICATED");
    expect(statements).toBe(1);
    const review = pending(randomUUID());
    const refused = await counted((db) => reviewReport(db, review, "1", "APPROVE", "x".repeat(5000)));
    expect((refused.result as Error & { code?: string }).code).toBe("UNAUTHENTICATED");
  });
});

describe("over HTTP, with a bearer token", () => {
  const { lines, settled, url } = appWithLog<{
    path?: string;
    statements?: number;
    role?: string;
    requestId?: string;
  }>();

  async function post(query: string, variables: Record<string, unknown>, token: string) {
    const requestId = randomUUID();
    const res = await fetch(`${url()}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-request-id": requestId },
      body: JSON.stringify({ query, variables }),
    });
    const body = await res.json();
    await settled(requestId);
    const line = lines.find((l) => l.requestId === requestId && l.statements !== undefined)!;
    return { body, statements: line.statements, role: line.role };
  }

  it("a report with its task in the answer is one statement, session included, and its announcement", async () => {
    const account = await createPlanner("statements-http");
    const r = await post(
      `mutation Q9($input: ReportProgressInput!) { reportProgress(input: $input) { status progress note task { id titleEn } } }`,
      { input: { taskId: task, status: "IN_PROGRESS", progress: 50, note: "statements: http" } },
      account.token,
    );
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.reportProgress).toMatchObject({ status: "IN_PROGRESS", task: { id: task } });
    expect(r.body.data.reportProgress.task.titleEn).toEqual(expect.any(String));
    expect(r.statements).toBe(WRITE);
    expect(r.role).toBe("PLANNER");
    // the answer's fields see the user the statement found: planners see a report's author
    const seen = await post(
      `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { author { id } } }`,
      { input: { taskId: task, status: "IN_PROGRESS", note: "statements: http author" } },
      account.token,
    );
    expect(seen.body).toEqual({ data: { reportProgress: { author: { id: account.id } } } });
  });

  it("a review is one statement and its announcement, and its author and reviewer resolve as the session's user sees them", async () => {
    const author = await createPlanner("statements-http-author");
    const reviewerAccount = await createPlanner("statements-http-reviewer");
    const filed = await post(
      `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id } }`,
      { input: { taskId: task, status: "IN_PROGRESS", progress: 60, note: "statements: http review" } },
      author.token,
    );
    const id = filed.body.data.reportProgress.id;
    const r = await post(
      `mutation R1($id: ID!) { reviewReport(id: $id, decision: APPROVE) { id review } }`,
      { id },
      reviewerAccount.token,
    );
    expect(r.body).toEqual({ data: { reviewReport: { id, review: "APPROVED" } } });
    expect(r.statements).toBe(WRITE);
    // fields after the write see the user the statement found (a viewer would see no author)
    const viewer = await createUser(author, { role: "VIEWER" });
    const again = await post(
      `mutation($id: ID!) { reviewReport(id: $id, decision: RETURN) { id } }`,
      { id },
      viewer.token,
    );
    expect(again.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(again.role).toBe("VIEWER");
  });

  it("an operation with other fields looks the session up first, as before", async () => {
    const account = await createPlanner("statements-http-mixed");
    const r = await post(
      `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id author { id } } logout }`,
      { input: { taskId: task, status: "IN_PROGRESS", note: "statements: mixed" } },
      account.token,
    );
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.reportProgress.author.id).toBe(account.id);
    expect(r.body.data.logout).toBe(true);
    expect(r.statements).toBeGreaterThan(2);
  });
});
