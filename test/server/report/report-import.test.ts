/**
 * The obligations CSV upload (report-import.ts): uploading a file twice files nothing new, even
 * twice at once; refusals name the file line (quoted line breaks counted); allOrNothing files
 * nothing when a row is refused.
 */
import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { testDatabase } from "../../support/db.ts";
import { testServer } from "../../support/server.ts";
import { createPlanner, type Account } from "./accounts.ts";

const IMPORT = `mutation($c: String!, $d: Boolean, $a: Boolean) {
  importReports(content: $c, dryRun: $d, allOrNothing: $a) { committed filed alreadyFiled refused rows { row line alreadyFiled problem } }
}`;

const FILE = [
  "task_id,title,new_status,new_progress,note",
  'matter-41,"a title",IN_PROGRESS,20,"first line of the note',
  'second line of the note"',
  "matter-40,x,COMPLETED,100,done",
  "reform-14,y,IN_PROGRESS,35,started",
].join("\r\n");

async function upload(account: Account, content: string, options: { dryRun?: boolean; allOrNothing?: boolean } = {}) {
  const s = await testServer();
  const r = await s.gql(
    IMPORT,
    { c: content, d: options.dryRun ?? false, a: options.allOrNothing ?? false },
    account.auth,
  );
  if (!r.body.data) throw new Error(JSON.stringify(r.body.errors));
  return r.body.data.importReports as {
    committed: boolean;
    filed: number;
    alreadyFiled: number;
    refused: number;
    rows: { row: number; line: number; alreadyFiled: boolean; problem: string | null }[];
  };
}

async function reportsBy(account: Account): Promise<number> {
  const { db } = await testDatabase();
  const r = await sql<{
    n: number;
  }>`select count(*)::int as n from progress_report where author_id = ${account.id}::bigint`.execute(db);
  return r.rows[0].n;
}

describe("obligations CSV upload", () => {
  it("files nothing new when the same file is uploaded again", async () => {
    const planner = await createPlanner("csv-twice");
    const first = await upload(planner, FILE);
    expect(first).toMatchObject({ committed: true, filed: 3, alreadyFiled: 0, refused: 0 });
    const second = await upload(planner, FILE);
    expect(second).toMatchObject({ committed: true, filed: 0, alreadyFiled: 3, refused: 0 });
    expect(second.rows.every((r) => r.alreadyFiled)).toBe(true);
    expect(await reportsBy(planner)).toBe(3);
    // a dry run says so too
    expect(await upload(planner, FILE, { dryRun: true })).toMatchObject({
      committed: false,
      filed: 0,
      alreadyFiled: 3,
    });
  });

  it("files an edited row as a new report and skips the rest", async () => {
    const planner = await createPlanner("csv-edit");
    await upload(planner, FILE);
    const edited = await upload(
      planner,
      FILE.replace("reform-14,y,IN_PROGRESS,35,started", "reform-14,y,IN_PROGRESS,50,halfway"),
    );
    expect(edited).toMatchObject({ filed: 1, alreadyFiled: 2 });
    expect(await reportsBy(planner)).toBe(4);
  });

  it("files each row once when the same file is uploaded twice at the same moment", async () => {
    const planner = await createPlanner("csv-race");
    const [a, b] = await Promise.all([upload(planner, FILE), upload(planner, FILE)]);
    expect(a.filed + b.filed).toBe(3);
    expect(a.alreadyFiled + b.alreadyFiled).toBe(3);
    expect(await reportsBy(planner)).toBe(3);
  });

  it("names the file line of a refused row, counting line breaks inside quoted notes", async () => {
    const planner = await createPlanner("csv-line");
    const content = FILE + "\r\nmatter-39,z,FINISHED,10,bad status\r\n\r\nnot-a-task,z,IN_PROGRESS,10,unknown";
    const r = await upload(planner, content, { dryRun: true });
    expect(r.rows.map((x) => [x.row, x.line])).toEqual([
      [1, 2],
      [2, 4],
      [3, 5],
      [4, 6],
      [5, 8],
    ]);
    expect(r.rows[3].problem).toMatch(/^line 6: new_status "FINISHED" is not one of/);
    expect(r.rows[4].problem).toBe('line 8: unknown task "not-a-task"');
  });

  it("with allOrNothing, files nothing when any row is refused", async () => {
    const planner = await createPlanner("csv-atomic");
    const content = FILE + "\r\nmatter-39,z,FINISHED,10,bad status";
    const r = await upload(planner, content, { allOrNothing: true });
    expect(r).toMatchObject({ committed: false, filed: 0, refused: 1 });
    expect(await reportsBy(planner)).toBe(0);
    // without it, the valid rows are filed
    expect(await upload(planner, content)).toMatchObject({ committed: true, filed: 3, refused: 1 });
    expect(await reportsBy(planner)).toBe(3);
  });
});
