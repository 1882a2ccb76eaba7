/**
 * Each kind of refusal of the obligations CSV upload carries its own problemCode and the values
 * it names (column, value, place, department, bound), so clients word it in the reader's
 * language; `problem` keeps the server's English sentence.
 */
import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { testDatabase } from "../../support/db.ts";
import { testServer } from "../../support/server.ts";
import { taiyuanDay } from "../../support/taiyuan-day.ts";
import { ReportImportProblem } from "../../../server/src/modules/report/report-import.ts";
import { createPlanner, createUser, type Account } from "./accounts.ts";

const IMPORT = `mutation($c: String!, $p: ID) {
  importReports(content: $c, placeId: $p, dryRun: true) {
    rows { row taskId problem problemCode problemField problemValue problemPlaceId problemDepartmentId problemLimit }
  }
}`;

interface Row {
  row: number;
  taskId: string | null;
  problem: string | null;
  problemCode: string | null;
  problemField: string | null;
  problemValue: string | null;
  problemPlaceId: string | null;
  problemDepartmentId: string | null;
  problemLimit: string | null;
}

const HEADER = "task_id,title,new_status,new_progress,note,as_of";

async function upload(account: Account, lines: string[], placeId: string | null = null): Promise<Row[]> {
  const s = await testServer();
  const r = await s.gql(IMPORT, { c: [HEADER, ...lines].join("\r\n"), p: placeId }, account.auth);
  if (!r.body.data) throw new Error(JSON.stringify(r.body.errors));
  return r.body.data.importReports.rows as Row[];
}

/** The code and values of a refused row, without the English sentence. */
const codeOf = (r: Row) => ({
  code: r.problemCode,
  field: r.problemField,
  value: r.problemValue,
  place: r.problemPlaceId,
  department: r.problemDepartmentId,
  limit: r.problemLimit,
});
const none = { field: null, value: null, place: null, department: null, limit: null };

describe("obligations CSV refusals carry a code", () => {
  const seen = new Set<string>();

  it("a planner's rows: syntax, columns, unknown task, dates, and a task that is not the place's obligation", async () => {
    const planner = await createPlanner("csv-codes");
    const rows = await upload(planner, [
      'matter-41,x,IN_PROGRESS,10,a"b,',
      ",x,IN_PROGRESS,10,no task,",
      "matter-41,x,FINISHED,10,bad status,",
      "matter-41,x,IN_PROGRESS,120,too much,",
      "matter-41,x,IN_PROGRESS,10,,",
      `matter-41,x,IN_PROGRESS,10,${"n".repeat(4001)},`,
      "not-a-task,x,IN_PROGRESS,10,unknown,",
      "matter-41,x,IN_PROGRESS,10,slashes,2014/05/01",
      "matter-41,x,IN_PROGRESS,10,no such day,2014-02-30",
      "matter-41,x,IN_PROGRESS,10,future,2999-01-01",
      "matter-41,x,IN_PROGRESS,10,too early,2000-01-01",
      "matter-41,x,IN_PROGRESS,10,fine,",
    ]);
    const codes = rows.map(codeOf);
    expect(codes.slice(0, 11)).toEqual([
      { ...none, code: "CSV_SYNTAX", field: "5" },
      { ...none, code: "MISSING_TASK_ID", field: "task_id" },
      { ...none, code: "BAD_STATUS", field: "new_status", value: "FINISHED" },
      { ...none, code: "BAD_PROGRESS", field: "new_progress", value: "120" },
      { ...none, code: "MISSING_NOTE", field: "note" },
      { ...none, code: "NOTE_TOO_LONG", field: "note", value: "4001", limit: "4000" },
      { ...none, code: "UNKNOWN_TASK", field: "task_id", value: "not-a-task" },
      { ...none, code: "BAD_DATE", field: "as_of", value: "2014/05/01" },
      { ...none, code: "BAD_DATE", field: "as_of", value: "2014-02-30" },
      {
        ...none,
        code: "DATE_IN_FUTURE",
        field: "as_of",
        value: "2999-01-01",
        limit: taiyuanDay(), // today as the server counts it
      },
      {
        ...none,
        code: "DATE_BEFORE_PLAN",
        field: "as_of",
        value: "2000-01-01",
        limit: expect.stringMatching(/^\d{4}-01-01$/),
      },
    ]);
    // accepted: no problem at all
    expect(codes[11]).toEqual({ ...none, code: null });
    // the English sentence stays for API clients
    expect(rows[6].problem).toBe('line 8: unknown task "not-a-task"');
    for (const c of codes) if (c.code) seen.add(c.code);

    // a task with no obligation at the place the planner names
    const [other] = await upload(planner, ["reform-15,x,COMPLETED,100,not qingxu's,"], "qingxu");
    expect(codeOf(other)).toEqual({ ...none, code: "NOT_AN_OBLIGATION", place: "qingxu" });
    expect(other.problem).toMatch(/reform-15 is not an obligation of qingxu/);
    seen.add(other.problemCode!);
  });

  it("an area leader's: no place, not their place, not the place's obligation", async () => {
    const planner = await createPlanner("csv-codes-lead");
    const leader = await createUser(planner, { role: "AREA_LEADER", placeIds: ["qingxu"] });
    const row = ["reform-15,x,COMPLETED,100,not ours,"];
    const [noPlace] = await upload(leader, row);
    expect(codeOf(noPlace)).toEqual({ ...none, code: "PLACE_REQUIRED" });
    const [notMine] = await upload(leader, row, "gujiao");
    expect(codeOf(notMine)).toEqual({ ...none, code: "NOT_YOUR_PLACE", place: "gujiao" });
    const [notOurs] = await upload(leader, row, "qingxu");
    expect(codeOf(notOurs)).toEqual({ ...none, code: "NOT_AN_OBLIGATION", place: "qingxu" });
    expect(notOurs.problem).toBe("line 2: task reform-15 is not an obligation of qingxu");
    for (const r of [noPlace, notMine, notOurs]) seen.add(r.problemCode!);
  });

  it("a department's and a viewer's: a task the department does not lead; no reporting at all", async () => {
    const planner = await createPlanner("csv-codes-dept");
    const { db } = await testDatabase();
    const pick = await sql<{ department: string; task: string }>`
      select d.id as department, (select t.id from task t where not exists (select 1 from task_lead l where l.task_id = t.id and l.department_id = d.id) order by t.id limit 1) as task
      from department d where exists (select 1 from task_lead l where l.department_id = d.id) order by d.id limit 1`.execute(
      db,
    );
    const { department, task } = pick.rows[0];
    const dept = await createUser(planner, { role: "DEPARTMENT", departmentId: department });
    const [notLed] = await upload(dept, [`${task},x,COMPLETED,100,not led,`]);
    expect(codeOf(notLed)).toEqual({ ...none, code: "NOT_LED_BY_DEPARTMENT", department });
    const viewer = await createUser(planner, { role: "VIEWER" });
    const [cannot] = await upload(viewer, [`${task},x,COMPLETED,100,viewer,`]);
    expect(codeOf(cannot)).toEqual({ ...none, code: "CANNOT_REPORT" });
    seen.add(notLed.problemCode!);
    seen.add(cannot.problemCode!);
  });

  it("every code but OTHER is given by some refusal above, and the served enum lists exactly these codes", async () => {
    expect([...seen].sort()).toEqual(
      Object.values(ReportImportProblem)
        .filter((c) => c !== "OTHER")
        .sort(),
    );
    const s = await testServer();
    const r = await s.gql(`{ __type(name: "ReportImportProblem") { enumValues { name } } }`);
    expect(r.body.data.__type.enumValues.map((v: { name: string }) => v.name).sort()).toEqual(
      Object.values(ReportImportProblem).sort(),
    );
  });
});
