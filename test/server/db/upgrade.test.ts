/**
 * A database made by the previous version (migrated to 0004, with v1 reports: on a place, on
 * the whole task, on a place the task is no obligation of, reviewed or not) upgrades in place:
 * every report is kept, attached to the obligation of its place (the task's citywide one when it
 * named none), dated the day it was filed. Runs in a schema of its own inside the test database
 * (on one connection), so it needs no second database.
 */
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "../../../server/src/db/migrate.ts";
import { testDatabase } from "../../support/db.ts";

const SCHEMA = `upgrade_${process.pid}_${Date.now()}`;

interface Attached {
  id: string;
  note: string;
  taskId: string;
  placeId: string;
  active: boolean;
  asOf: string;
  filedOn: string;
}

let attached: Attached[] = [];
let v1Count = 0;
let obligations: { taskId: string; placeId: string; active: boolean }[] = [];
let forms: { placeId: string; alias: string; hans: string; hant: string }[] = [];
let stale = -1;

/** A small v1 world: the city, two counties, two tasks, three users and five reports. */
async function v1Data(db: Kysely<any>): Promise<void> {
  const square = (x: number, y: number, d: number) =>
    JSON.stringify({
      type: "Polygon",
      coordinates: [
        [
          [x, y],
          [x + d, y],
          [x + d, y + d],
          [x, y + d],
          [x, y],
        ],
      ],
    });
  await sql`insert into plan (id, doc_number, title_hant, title_hans, title_en, issuer_hant, issuer_hans, issued_on, period_start, period_end,
      source_text_hant, source_text_hans, content_hash, ordinal)
    values ('p', 'n', 't', 't', 't', 'i', 'i', '2013-07-16', 2013, 2015, 's', 's', 'h', 0)`.execute(db);
  for (const [id, kind, x, d, ordinal] of [
    ["city", "CITY", 112, 1, 0],
    ["county-a", "COUNTY", 112.1, 0.3, 1],
    ["county-b", "COUNTY", 112.5, 0.3, 2],
  ] as const) {
    await sql`insert into place (id, name_hans, name_hant, name_en, kind, precision, source, geom, label_point, aliases, ordinal)
      values (${id}, ${id}, ${id}, ${id}, ${kind}, 'EXACT', 'test', ST_SetSRID(ST_GeomFromGeoJSON(${square(x, 37.1, d)}), 4326),
        ST_SetSRID(ST_MakePoint(${x + d / 2}, ${37.1 + d / 2}), 4326), ${id === "city" ? ["太原市", "並州"] : []}::text[], ${ordinal})`.execute(
      db,
    );
  }
  await sql`insert into place_containment (outer_id, inner_id) values ('city', 'county-a'), ('city', 'county-b')`.execute(
    db,
  );
  for (const [id, ordinal] of [
    ["shared", 0],
    ["citywide", 1],
  ] as const) {
    await sql`insert into task (id, plan_id, kind, number, ref, section_id, ordinal, title_hant, title_hans, title_en, text_hant, text_hans, span_start, span_end, due_year)
      values (${id}, 'p', 'REFORM', ${ordinal + 1}, 'r', 's', ${ordinal}, 't', 't', 't', 't', 't', 0, 1, 2015)`.execute(
      db,
    );
  }
  await sql`insert into task_place (task_id, place_id, role) values ('shared', 'county-a', 'PILOT'), ('shared', 'county-b', 'PILOT'), ('citywide', 'city', 'SUBJECT')`.execute(
    db,
  );
  await sql`insert into app_user (username, display_name, role, password_hash) values ('leader', 'Leader', 'AREA_LEADER', 'x'), ('planner', 'Planner', 'PLANNER', 'x')`.execute(
    db,
  );
  const user = async (name: string) =>
    (await sql<{ id: string }>`select id::text from app_user where username = ${name}`.execute(db)).rows[0].id;
  const leader = await user("leader");
  const planner = await user("planner");
  const report = async (taskId: string, placeId: string | null, note: string, createdAt: string, author: string) =>
    (
      await sql<{
        id: string;
      }>`insert into progress_report (task_id, place_id, status, progress, note, author_id, created_at)
        values (${taskId}, ${placeId}, 'IN_PROGRESS', 40, ${note}, ${author}::bigint, ${createdAt}::timestamptz) returning id::text`.execute(
        db,
      )
    ).rows[0].id;
  const onPlace = await report("shared", "county-a", "on county-a", "2024-03-01T10:00:00Z", leader);
  await report("shared", null, "whole task", "2024-03-02T17:30:00Z", planner); // 01:30 on the 3rd in China
  await report("citywide", null, "citywide task, no place", "2024-03-04T10:00:00Z", planner);
  await report("citywide", "county-b", "a place the task does not name", "2024-03-05T10:00:00Z", planner);
  await report("shared", "county-b", "on county-b, never reviewed", "2024-03-06T10:00:00Z", leader);
  await sql`insert into report_review (report_id, decision, reviewer_id) values (${onPlace}::bigint, 'APPROVE', ${planner}::bigint)`.execute(
    db,
  );
}

describe("upgrading a v1 database", () => {
  beforeAll(async () => {
    const { db } = await testDatabase();
    await db.connection().execute(async (conn) => {
      try {
        await sql`create schema ${sql.id(SCHEMA)}`.execute(conn);
        await sql`select set_config('search_path', ${`${SCHEMA}, public`}, false)`.execute(conn);
        await migrateToLatest(conn, { upTo: "0004_add_task_page_covering_indexes", schema: SCHEMA });
        await v1Data(conn);
        v1Count = (await sql<{ n: number }>`select count(*)::int as n from progress_report`.execute(conn)).rows[0].n;
        await migrateToLatest(conn, { schema: SCHEMA });
        attached = (
          await sql<Attached>`
            select r.id::text, r.note, o.task_id as "taskId", o.place_id as "placeId", o.active, r.as_of::text as "asOf",
              ((r.created_at at time zone 'UTC') + interval '8 hours')::date::text as "filedOn"
            from progress_report r join obligation o on o.id = r.obligation_id order by r.id`.execute(conn)
        ).rows;
        obligations = (
          await sql<{ taskId: string; placeId: string; active: boolean }>`
          select task_id as "taskId", place_id as "placeId", active from obligation order by task_id, place_id`.execute(
            conn,
          )
        ).rows;
        forms = (
          await sql<{ placeId: string; alias: string; hans: string; hant: string }>`
          select place_id as "placeId", alias, hans, hant from place_alias_form order by place_id, position`.execute(
            conn,
          )
        ).rows;
        stale = (await sql<{ n: number }>`select count(*)::int as n from place_alias_stale`.execute(conn)).rows[0].n;
      } finally {
        await sql`select set_config('search_path', 'public', false)`.execute(conn);
        await sql`drop schema if exists ${sql.id(SCHEMA)} cascade`.execute(conn);
      }
    });
  });

  afterAll(async () => {
    const { db } = await testDatabase();
    await sql`drop schema if exists ${sql.id(SCHEMA)} cascade`.execute(db);
  });

  it("keeps every report", () => {
    expect(v1Count).toBe(5);
    expect(attached).toHaveLength(5);
  });

  it("materializes an obligation per linked place and the city's for every task", () => {
    expect(obligations).toEqual([
      { taskId: "citywide", placeId: "city", active: true },
      { taskId: "citywide", placeId: "county-b", active: false },
      { taskId: "shared", placeId: "city", active: true },
      { taskId: "shared", placeId: "county-a", active: true },
      { taskId: "shared", placeId: "county-b", active: true },
    ]);
  });

  it("attaches a report to the obligation of its place, or the task's citywide one", () => {
    const byNote = Object.fromEntries(attached.map((a) => [a.note, `${a.taskId}@${a.placeId}`]));
    expect(byNote).toEqual({
      "on county-a": "shared@county-a",
      "whole task": "shared@city",
      "citywide task, no place": "citywide@city",
      "a place the task does not name": "citywide@county-b",
      "on county-b, never reviewed": "shared@county-b",
    });
  });

  it("keeps a report on a place the task does not name, on an inactive obligation", () => {
    expect(attached.find((a) => a.note === "a place the task does not name")).toMatchObject({
      placeId: "county-b",
      active: false,
    });
  });

  it("computes the geocoding forms of the places already there, in both scripts (0015)", () => {
    expect(forms).toEqual([
      { placeId: "city", alias: "太原市", hans: "太原市", hant: "太原市" },
      { placeId: "city", alias: "並州", hans: "并州", hant: "並州" },
      { placeId: "city", alias: "city", hans: "city", hant: "city" },
      { placeId: "county-a", alias: "county-a", hans: "county-a", hant: "county-a" },
      { placeId: "county-b", alias: "county-b", hans: "county-b", hant: "county-b" },
    ]);
    expect(stale).toBe(0);
  });

  it("dates each old report the day it was filed (China time)", () => {
    for (const a of attached) expect(a.asOf, a.note).toBe(a.filedOn);
    expect(attached.find((a) => a.note === "whole task")!.asOf).toBe("2024-03-03");
  });
});
