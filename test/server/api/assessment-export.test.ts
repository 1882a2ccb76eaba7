/** GET /export/assessment/<year>.csv: the rows of Query.assessment, as a spreadsheet (UTF-8 with a BOM). */
import { beforeAll, describe, expect, it } from "vitest";
import { testServer } from "../../support/server.ts";
import { createPlanner, type Account } from "../report/accounts.ts";

let planner: Account;
beforeAll(async () => {
  planner = await createPlanner();
});

async function csvRows(path: string): Promise<{ status: number; bom: number[]; rows: string[][] }> {
  const s = await testServer();
  const res = await fetch(`${s.url}${path}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder().decode(bytes.slice(3));
  // no field of these rows holds a comma or quote except the note, which the test keeps plain
  const rows = text
    .split("\r\n")
    .filter(Boolean)
    .map((r) => r.split(","));
  return { status: res.status, bom: [...bytes.slice(0, 3)], rows };
}

describe("assessment CSV", () => {
  it("has one row per area of Query.assessment with the same figures, and shows a finalization", async () => {
    const s = await testServer();
    const fin = await s.gql(
      `mutation { finalizeAssessment(year: 2015, placeId: "qingxu", note: "closed") { finalizedAt } }`,
      {},
      planner.auth,
    );
    expect(fin.body.errors).toBeUndefined();
    const gql = await s.gql(
      `{ assessment(year: 2015) { place { id name } due met metLate delayed notReported score finalizedAt finalizedBy { displayName } note } }`,
    );
    const expected = gql.body.data.assessment;
    const res = await fetch(`${s.url}/export/assessment/2015.csv`);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toContain("assessment-2015.csv");
    const { status, bom, rows } = await csvRows("/export/assessment/2015.csv");
    expect(status).toBe(200);
    expect(bom).toEqual([0xef, 0xbb, 0xbf]);
    expect(rows[0]).toEqual([
      "place_id",
      "place",
      "year",
      "obligations",
      "due",
      "met",
      "met_late",
      "delayed",
      "not_reported",
      "score",
      "finalized_at",
      "finalized_by",
      "note",
    ]);
    expect(rows.length - 1).toBe(expected.length);
    expected.forEach((a: any, i: number) => {
      const r = rows[i + 1];
      expect(r.slice(0, 3), a.place.id).toEqual([a.place.id, a.place.name, "2015"]);
      expect(r.slice(4, 10).map((v) => (v === "" ? null : Number(v)))).toEqual([
        a.due,
        a.met,
        a.metLate,
        a.delayed,
        a.notReported,
        a.score,
      ]);
      expect(r[10]).toBe(a.finalizedAt ?? "");
      expect(r[11]).toBe(a.finalizedBy?.displayName ?? "");
    });
    const qingxu = rows.find((r) => r[0] === "qingxu")!;
    expect(qingxu[10]).not.toBe("");
    expect(qingxu[12]).toBe("closed");
  });

  it("a year that is not four digits, or outside the plan's range, answers 400 with a JSON error", async () => {
    const s = await testServer();
    for (const file of ["20x4.csv", "2014.json", "1800.csv"]) {
      const res = await fetch(`${s.url}/export/assessment/${file}`);
      expect(res.status, file).toBe(400);
      const body = await res.json();
      expect(body.error.code, file).toBe("BAD_USER_INPUT");
      expect(body.error.message, file).toMatch(/year/);
    }
  });
});
