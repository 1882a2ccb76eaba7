/**
 * A report and a review are each one transaction of as few statements as their checks allow:
 * BEGIN, the facts every check reads (one statement), the write that also announces the event
 * and returns the row (one statement), COMMIT. A refusal comes between the two and writes
 * nothing. Counted with the request's statement counter, calling the services as the resolvers do.
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../../server/src/core/actor.ts";
import type { Db } from "../../../server/src/db/database.ts";
import { statementCounter } from "../../../server/src/db/database.ts";
import { TaskStatus } from "../../../server/src/core/enums.ts";
import { reportProgress, reviewReport } from "../../../server/src/modules/report/report.service.ts";
import { testDatabase } from "../../support/db.ts";
import { fingerprint } from "./db-state.ts";

/** BEGIN, facts, write, COMMIT */
const WRITE = 4;
/** BEGIN, facts, ROLLBACK */
const REFUSED = 3;

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

async function counted<T>(run: () => Promise<T>): Promise<{ statements: number; result: T | Error }> {
  const counter = { statements: 0 };
  const result = await statementCounter.run(counter, () => run().catch((error: Error) => error));
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
  it("files a report on a citywide obligation in one transaction of two statements", async () => {
    const { statements, result } = await counted(() =>
      reportProgress(db, planner, {
        taskId: task,
        status: TaskStatus.IN_PROGRESS,
        progress: 10,
        note: "statements: city",
      }),
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
    const { statements, result } = await counted(() =>
      reportProgress(db, leader, {
        taskId: task,
        placeId: "xiaodian",
        projectId: project,
        status: TaskStatus.AT_RISK,
        progress: 20,
        note: "statements: leader",
        asOf: "2014-03-01",
      }),
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

  it("refuses after the facts statement and writes nothing", async () => {
    const before = await fingerprint();
    const { statements, result } = await counted(() =>
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
  it("decides a report in one transaction of two statements, and a second decision is a CONFLICT that writes nothing", async () => {
    const filed = await reportProgress(db, planner, {
      taskId: task,
      status: TaskStatus.IN_PROGRESS,
      progress: 30,
      note: "statements: to review",
    });
    const { statements, result } = await counted(() => reviewReport(db, reviewer, filed.id, "APPROVE", "fine"));
    expect(result).toMatchObject({ id: filed.id, review: "APPROVED", reviewerId: reviewer.id, reviewNote: "fine" });
    expect(statements).toBe(WRITE);

    const before = await fingerprint();
    const again = await counted(() => reviewReport(db, reviewer, filed.id, "RETURN", null));
    expect((again.result as Error).message).toMatch(/already been reviewed/);
    expect(again.statements).toBe(WRITE);
    expect(await fingerprint()).toEqual(before);
  });
});
