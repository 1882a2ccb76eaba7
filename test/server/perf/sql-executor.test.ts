/**
 * The SQL executor (server/src/graphql/sql-executor.ts) gives the same answers as the
 * resolvers, in one statement, for every operation it takes, and counts the same list items
 * against the request's list budget; and it leaves alone what it does not cover or what the
 * resolvers must judge (errors included).
 */
import { randomUUID } from "node:crypto";
import type { SessionUser } from "../../../server/src/core/actor.ts";
import { afterEach, describe, expect, it, vi } from "vitest";
import { execute, parse } from "graphql";
import { sql } from "kysely";
import { scopedDb, type Db } from "../../../server/src/db/database.ts";
import { createContext } from "../../../server/src/graphql/context.ts";
import { LIMITS } from "../../../server/src/graphql/limits.ts";
import { ListBudget } from "../../../server/src/core/list-budget.ts";
import { getSchema } from "../../../server/src/graphql/schema.ts";
import { executeInSql, statementCacheStats, statementFor } from "../../../server/src/graphql/sql-executor.ts";
import { syncObligations } from "../../../server/src/modules/place/place.repository.ts";
import { inRolledBack, silentLogger, testDatabase } from "../../support/db.ts";
import { clientOperations, seededIds, TASK } from "../../support/generated-operations.ts";
import {
  addSyntheticLayer,
  insertPlanLikeSeeded,
  insertSignedInUsers,
  insertSyntheticPlanner,
} from "../../support/synthetic.ts";
import { testServer } from "../../support/server.ts";

const POLYGON = {
  type: "Polygon",
  coordinates: [
    [
      [112.45, 37.75],
      [112.7, 37.75],
      [112.7, 37.95],
      [112.45, 37.95],
      [112.45, 37.75],
    ],
  ],
};
const NEAR = { lng: 112.55, lat: 37.87, radiusMeters: 10_000 };
const TASK_PLACES = `places { role place { id nameEn } }`;

/** Operations it must answer, each with the same data as the resolvers. */
const COVERED: [string, string, Record<string, unknown>?][] = [
  [
    "Q1 places with their tasks",
    `query Q1 { places(filter: { kinds: [COUNTY] }) { id nameEn tasks { role task { id titleEn } } } }`,
  ],
  [
    "Q2 tasks with their places",
    `query Q2($plan: ID!) { tasks(filter: { planId: $plan }, first: 100) { nodes { id titleEn ${TASK_PLACES} } } }`,
    { plan: "taiyuan-2013-30" },
  ],
  [
    "Q3 bbox with children",
    `query Q3($bbox: [Float!]!) { places(filter: { bbox: $bbox }) { id nameEn children { id nameEn } } }`,
    { bbox: [112.45, 37.75, 112.7, 37.95] },
  ],
  [
    "Q4 within",
    `query Q4($polygon: GeoJSON!) { tasks(filter: { spatial: { within: $polygon } }, first: 50) { nodes { id titleEn ${TASK_PLACES} } } }`,
    { polygon: POLYGON },
  ],
  [
    "Q5 near by distance",
    `query Q5($near: NearInput!) { tasks(filter: { spatial: { near: $near }, orderBy: DISTANCE }, first: 50) { nodes { id titleEn places { role distanceMeters place { id nameEn } } } } }`,
    { near: NEAR },
  ],
  [
    "Q6 one task",
    `query Q6($id: ID!) { task(id: $id) { id titleEn kind dueYear ${TASK_PLACES} } }`,
    { id: "reform-14" },
  ],
  [
    "Q7 three levels",
    `{ places(filter: { kinds: [COUNTY] }) { id nameEn tasks { role task { id titleEn ${TASK_PLACES} } } } }`,
  ],
  ["Q8 geometries", `{ places(filter: { kinds: [DISTRICT] }) { id geometry } }`],
  [
    "every place column",
    `{ places { id code name nameHant: name(script: HANT) nameEn aliases kind precision source areaKm2 centroid bbox __typename } }`,
  ],
  [
    "simplified geometry",
    `{ places(filter: { kinds: [COUNTY, COUNTY_CITY] }) { id simple: geometry(tolerance: 0.01) exact: geometry(tolerance: null) } }`,
  ],
  [
    "one place, both directions",
    `{ place(id: "gujiao") { id parent { id nameEn parent { id } } children { id } tasks { role curated distanceMeters task { id ref number title titleHant: title(script: HANT) text textHant: text(script: HANT) dueYear kind } place { id } } } }`,
  ],
  ["a place by code", `{ place(code: "140181") { id name } }`],
  ["unknown ids are null", `{ place(id: "nowhere") { id } task(id: "no-task") { id } }`],
  [
    "fragments and __typename",
    `query { task(id: "reform-14") { ...T } } fragment T on Task { id titleEn places { ... on TaskPlace { role place { __typename id } } __typename } }`,
  ],
  [
    "several roots with aliases",
    `{ __typename a: task(id: "reform-14") { id } b: task(id: "matter-22") { id } counties: places(filter: { kinds: [COUNTY] }) { id } }`,
  ],
  // lists of places with geometries or lists two deep come back as rows, one per place (rowsStatement)
  [
    "an empty list of places beside other roots",
    `{ none: places(filter: { bbox: [0, 0, 1, 1] }) { id geometry } task(id: "reform-14") { id } __typename }`,
  ],
  [
    "lists of places as rows and as one text, then a task",
    `{ a: places(filter: { kinds: [COUNTY] }) { id geometry(tolerance: 0.01) } b: places(filter: { kinds: [CITY] }) { id nameEn children { id } } c: places(filter: { kinds: [COUNTY_CITY] }) { id tasks { task { places { role } } } } t: task(id: "matter-22") { id } }`,
  ],
  ["a page with the total", `{ tasks(first: 7) { totalCount nodes { id number } } }`],
  [
    "kinds, typename, total",
    `{ tasks(filter: { kinds: [MATTER] }, first: 100) { __typename totalCount nodes { id kind } } }`,
  ],
  [
    "text search, either script",
    `{ a: tasks(filter: { text: "古交" }) { totalCount nodes { id } } b: tasks(filter: { text: "萬柏林" }) { totalCount nodes { id } } }`,
  ],
  [
    "bbox over tasks",
    `query($bbox: [Float!]!) { tasks(filter: { spatial: { bbox: $bbox, excludeCitywide: true } }) { totalCount nodes { id ${TASK_PLACES} } } }`,
    { bbox: [112.45, 37.75, 112.7, 37.95] },
  ],
  [
    "near in plan order",
    `query($near: NearInput!) { tasks(filter: { spatial: { near: $near } }, first: 20) { nodes { id places { distanceMeters place { id } } } } }`,
    { near: NEAR },
  ],
  [
    "statuses and an empty page",
    `{ a: tasks(filter: { statuses: [NOT_STARTED] }, first: 5) { totalCount nodes { id } } b: tasks(first: 0) { nodes { id } } }`,
  ],
  ["an explicit null first", `{ tasks(first: null) { nodes { id } } }`],
  [
    "places by text, near and within",
    `query($near: NearInput!, $polygon: GeoJSON!) { a: places(filter: { text: "古交" }) { id } b: places(filter: { near: $near }) { id } c: places(filter: { within: $polygon }) { id } }`,
    { near: NEAR, polygon: POLYGON },
  ],
  [
    "a place's tasks, filtered",
    `{ place(id: "gujiao") { a: tasks(filter: { kinds: [REFORM] }) { role task { id } } b: tasks(filter: { statuses: [NOT_STARTED], text: "煤" }) { task { id } } } }`,
  ],
  [
    "page info, edges and a total without a page",
    `{ a: tasks(first: 3) { pageInfo { hasNextPage endCursor } edges { cursor node { id } } } b: tasks(first: 0) { totalCount pageInfo { hasNextPage endCursor } } }`,
  ],
  [
    "the second page by its cursor",
    `{ tasks(first: 2, after: "WyJQTEFOX09SREVSIiwxLDIsMCwicmVmb3JtLTIiXQ") { totalCount nodes { id } pageInfo { endCursor } } }`,
  ],
  [
    "statuses, sections, leads",
    `{ task(id: "reform-14") { status progress old: status(asOf: "2013-01-01") section { id ref heading } leadDepartments { id name nameEn } plan { id docNumber } source { start end } places { evidence { start end } } } }`,
  ],
  [
    "status summaries of places",
    `{ places(filter: { kinds: [COUNTY, DISTRICT] }) { id statusSummary { total notStarted inProgress atRisk delayed completed meanProgress reported overdue } city: statusSummary(includeCitywide: true, filter: { kinds: [REFORM] }) { total meanProgress } } }`,
  ],
  [
    "departments, plans and sections",
    `{ departments { id name(script: HANT) nameEn jurisdiction { id } tasks { id } } plans { id title issuer issuedOn periodStart periodEnd sections { id ref parent { id } children { id } tasks { id } } } plan { id } }`,
  ],
  [
    "a place's obligations, every field",
    `{ place(id: "gujiao") { obligations { __typename id reasons dueYear status progress old: status(asOf: "2013-06-30") targets { year progress } via { role curated note place { id } task { id } evidence { start end text } } task { id ref status } place { id } reports { totalCount nodes { id review } } } } }`,
  ],
  [
    "obligations with and without the city's and contained places, by kind",
    `{ xiaodian: place(id: "xiaodian") { a: obligations(includeCitywide: true) { id reasons via { role place { id } } } b: obligations(includeContained: false, kinds: [MATTER]) { id reasons } } taiyuan: place(id: "taiyuan") { obligations(includeCitywide: true) { id reasons via { place { id } } } } }`,
  ],
  [
    "a task's obligations, its words and its links' words",
    `{ task(id: "reform-14") { obligations { id status progress place { id name } reasons } source { start end text textHant: text(script: HANT) } places { evidence { start end text } } } }`,
  ],
  [
    "a page of obligations and the next",
    `{ a: obligations(first: 5) { totalCount pageInfo { hasNextPage endCursor } nodes { id reasons status task { id } } } b: obligations(first: 3, after: "WyJPQkxJR0FUSU9OUyIsMCwwLDAsMF0", filter: { kinds: [REFORM], statuses: [NOT_STARTED] }) { totalCount nodes { id } } }`,
  ],
  [
    "a plan's tasks and its text repairs",
    `{ plan { repairs { span { start end text textHant: text(script: HANT) } original repaired method } tasks(first: 3, filter: { kinds: [MATTER] }) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } } }`,
  ],
  [
    "places at a point, and what contains one",
    `{ placesAt(lng: 112.57, lat: 37.72) { id containedIn { id } } place(id: "gujiao") { containedIn { id nameEn } } }`,
  ],
  [
    "search in both scripts, every member of the union",
    `query($a: String!, $b: String!) {
      a: search(text: $a, first: 30) { __typename ... on Task { id titleEn } ... on Place { id nameEn } ... on Department { id nameEn } ... on Project { id nameEn } }
      b: search(text: $b) { ... on Place { id name(script: HANT) } ... on Task { __typename id } }
    }`,
    { a: "古交", b: "萬柏林" },
  ],
  [
    "the assessment of a year, and of some places",
    `{ all: assessment(year: 2014) { year place { id } obligations due met metLate delayed notReported score finalizedAt note }
      some: assessment(year: 2015, placeIds: ["gujiao", "xiaodian"]) { place { nameEn } due score } }`,
  ],
];

/** Operations it must leave to the resolvers. */
const NOT_COVERED: [string, string, Record<string, unknown>?][] = [
  ["a mutation", `mutation { logout }`],
  ["a bad obligations cursor", `{ obligations(after: "bad") { totalCount } }`],
  ["an obligations cursor of another order", `{ obligations(after: "WyJSRVBPUlRTIiwxXQ") { totalCount } }`],
  ["a due year that is no year", `{ obligations(filter: { dueYear: 30000 }) { totalCount } }`],
  ["a bad report cursor", `{ task(id: "reform-14") { reports(after: "WyJSRVBPUlRTIiwxXQ") { totalCount } } }`],
  ["a directive", `query($x: Boolean!) { task(id: "reform-14") { id @include(if: $x) } }`, { x: true }],
  ["first over the limit", `{ tasks(first: 500) { nodes { id } } }`],
  ["a bad cursor", `{ tasks(after: "bad") { nodes { id } } }`],
  ["a cursor of another order", `{ tasks(after: "WyJESVNUQU5DRSIsMSwyLDMsIngiXQ") { nodes { id } } }`],
  [
    "a distance written into a cursor",
    `query($near: NearInput!) { tasks(filter: { spatial: { near: $near }, orderBy: DISTANCE }) { pageInfo { endCursor } } }`,
    { near: NEAR },
  ],
  [
    "unknown place ids in a summary's filter",
    `{ places { statusSummary(filter: { spatial: { placeIds: ["nowhere"] } }) { total } } }`,
  ],
  ["a bad tolerance", `{ place(id: "gujiao") { geometry(tolerance: 5) } }`],
  ["a bad bbox", `{ places(filter: { bbox: [1, 2, 3] }) { id } }`],
  ["a missing variable", `query($id: ID!) { task(id: $id) { id } }`],
  ["neither id nor code", `{ place { id } }`],
  ["unknown place ids in a filter", `{ tasks(filter: { spatial: { placeIds: ["nowhere"] } }) { nodes { id } } }`],
  ["an empty search text", `{ search(text: " ") { __typename } }`],
  [
    "a search text over 200 characters",
    `query($t: String!) { search(text: $t) { __typename } }`,
    { t: "煤".repeat(201) },
  ],
  ["an assessment year that is no plan year", `{ assessment(year: 3000) { due } }`],
];

/** The resolvers' answer and the executor's for `user` (anonymous by default), on the shared database or in `within`, a transaction. */
async function both(source: string, variables?: Record<string, unknown>, within?: Db, user: SessionUser | null = null) {
  const schema = await getSchema();
  const db = within ?? (await testDatabase()).db;
  const document = parse(source);
  const contextValue = createContext({
    db,
    user,
    tokenHash: null,
    requestId: "sql-executor",
    clientAddress: "127.0.0.1",
    log: silentLogger,
    sessionTtlSeconds: 0,
    secureCookies: false,
  });
  const resolved = await execute({ schema, document, variableValues: variables, contextValue });
  const counter = { statements: 0 };
  const budget = new ListBudget(LIMITS.maxListItems);
  const inSql = await executeInSql({ schema, document, variables, db: scopedDb(db, counter), viewer: user, budget });
  return {
    resolved,
    inSql,
    statements: counter.statements,
    items: { resolvers: contextValue.budget.used, sql: budget.used },
  };
}

describe("SQL executor", () => {
  it.each(COVERED)(
    "%s: same data as the resolvers, in one statement, the same list items counted",
    async (_name, source, variables) => {
      const { resolved, inSql, statements, items } = await both(source, variables);
      expect(resolved.errors, JSON.stringify(resolved.errors)).toBeUndefined();
      expect(inSql).not.toBeNull();
      // through JSON, as both are sent: the resolvers' rows are class instances
      expect(inSql!.data).toEqual(JSON.parse(JSON.stringify(resolved.data)));
      expect(statements).toBe(1);
      // so both refuse the same requests (test/server/api/list-budget.test.ts)
      expect(items.sql).toBe(items.resolvers);
    },
  );

  it("answers lists that are not empty (the comparisons above compare something)", async () => {
    const { inSql } = await both(COVERED[1][1], COVERED[1][2]);
    const nodes = (inSql!.data.tasks as { nodes: { places: unknown[] }[] }).nodes;
    expect(nodes.length).toBeGreaterThan(50);
    expect(nodes.filter((n) => n.places.length > 0).length).toBeGreaterThan(50);
  });

  it("writes instants as the DateTime scalar does: milliseconds truncated, in UTC, at the ends of its years", async () => {
    // PostgreSQL keeps microseconds, a JavaScript Date milliseconds: node-postgres and PGlite truncate the rest (.028999 is .028)
    const instants = [
      "2014-06-30 12:34:56.029999+08",
      "2014-06-30 12:34:56.028999+00",
      "2015-01-01 00:00:00+00",
      "1900-01-01 00:00:00.001+00",
      "9999-12-31 23:59:59.999999+00",
    ];
    const source = `query($indicator: ID!) { place(id: "gujiao") { indicatorValues(indicatorId: $indicator) { year recordedAt reviewedAt } } }`;
    await inRolledBack(async (trx) => {
      const indicator = (await sql<{ id: string }>`select id from indicator order by ordinal limit 1`.execute(trx))
        .rows[0].id;
      // years of their own, so each is the latest of its year; every other one reviewed
      await sql`
          insert into indicator_value (indicator_id, place_id, year, value, source, recorded_at, reviewed_at)
          select ${indicator}, 'gujiao', 2100 + i::int, 1, 'instants', t::timestamptz, case when i % 2 = 0 then t::timestamptz end
          from unnest(${instants}::text[]) with ordinality x(t, i)`.execute(trx);
      const { resolved, inSql, statements } = await both(source, { indicator }, trx);
      expect(resolved.errors, JSON.stringify(resolved.errors)).toBeUndefined();
      const values = (resolved.data as { place: { indicatorValues: { year: number; recordedAt: string }[] } }).place
        .indicatorValues;
      // the resolvers' own answer, as a check that the instants above are the edges they are meant to be
      expect(values.filter((v) => v.year > 2100).map((v) => v.recordedAt)).toEqual([
        "2014-06-30T04:34:56.029Z",
        "2014-06-30T12:34:56.028Z",
        "2015-01-01T00:00:00.000Z",
        "1900-01-01T00:00:00.001Z",
        "9999-12-31T23:59:59.999Z",
      ]);
      expect(inSql?.data).toEqual(JSON.parse(JSON.stringify(resolved.data)));
      expect(statements).toBe(1);
    });
  });

  it("answers the map's TaskReports anonymous in one statement, approved reports only, and a planner's with every report and its author", async () => {
    const op = clientOperations().find((o) => o.name === "TaskReports")!;
    await inRolledBack(async (trx) => {
      const planner = await insertSyntheticPlanner(trx, `reports-${randomUUID().slice(0, 8)}`);
      const ids = await seededIds(trx);
      // a report on every obligation, one in three approved, one returned, one waiting, twice over
      for (const k of [1, 2]) await addSyntheticLayer(trx, k, planner.id, planner.username, ids);
      const variables = { id: TASK, script: "HANS" };
      const { resolved, inSql, statements, items } = await both(op.source, variables, trx);
      expect(resolved.errors, JSON.stringify(resolved.errors)).toBeUndefined();
      const expected = JSON.parse(JSON.stringify(resolved.data)) as {
        task: { reports: { totalCount: number; nodes: { review: string; author: unknown }[] } };
      };
      const { nodes, totalCount } = expected.task.reports;
      expect(nodes.length).toBeGreaterThan(1);
      expect(totalCount).toBeGreaterThanOrEqual(nodes.length);
      expect(new Set(nodes.map((n) => n.review))).toEqual(new Set(["APPROVED"]));
      expect(inSql?.data).toEqual(expected);
      expect(statements).toBe(1);
      expect(items.sql).toBe(items.resolvers);
      // a planner sees pending and returned reports and their authors, as the resolvers answer a planner
      const asPlanner = await both(op.source, variables, trx, planner);
      expect(asPlanner.resolved.errors, JSON.stringify(asPlanner.resolved.errors)).toBeUndefined();
      const forPlanner = JSON.parse(JSON.stringify(asPlanner.resolved.data)) as typeof expected;
      expect(new Set(forPlanner.task.reports.nodes.map((n) => n.review))).toEqual(
        new Set(["APPROVED", "RETURNED", "SUBMITTED"]),
      );
      expect(forPlanner.task.reports.nodes.every((n) => n.author !== null)).toBe(true);
      expect(asPlanner.inSql?.data).toEqual(forPlanner);
      expect(asPlanner.statements).toBe(1);
      expect(asPlanner.items.sql).toBe(asPlanner.items.resolvers);
    });
  });

  it("leaves obligations of unknown places to the resolvers after one statement that sends nothing, and they say which", async () => {
    const source = `{ obligations(filter: { placeIds: ["gujiao", "nowhere"] }) { totalCount nodes { id } } }`;
    const { resolved, inSql, statements } = await both(source);
    expect(inSql).toBeNull();
    expect(statements).toBe(1);
    expect(resolved.errors?.[0]?.message).toMatch(/placeIds: unknown place "nowhere"/);
    const server = await testServer();
    const res = await server.gql(source);
    expect(res.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.body.errors?.[0]?.message).toMatch(/placeIds: unknown place "nowhere"/);
  });

  it("slices the words of spans over characters outside the BMP as the resolvers do, in UTF-16 code units, halves of pairs included", async () => {
    // U+20000 and U+20040 (CJK extension B, two UTF-16 units each) and an emoji; the other script's text has them elsewhere
    const hans = "太原\u{20000}市😀古交\u{20040}x";
    const hant = "😀太原市古交\u{20000}\u{20040}xy";
    const planId = `astral-${randomUUID().slice(0, 8)}`;
    // spans from -2 to past the end, either way round, many of them splitting a pair at one end or both
    const spans: [number, number][] = [];
    for (let start = -2; start <= 14; start++) for (let end = -2; end <= 14; end += 2) spans.push([start, end]);
    const source = `{ ${spans.map((_, i) => `t${i}: task(id: "${planId}-${i}") { source { start end text hant: text(script: HANT) } }`).join(" ")} }`;
    await inRolledBack(async (trx) => {
      await insertPlanLikeSeeded(trx, planId, "astral");
      await sql`update plan set source_text_hans = ${hans}, source_text_hant = ${hant} where id = ${planId}`.execute(
        trx,
      );
      const offsets = await sql<{ hans: number[]; hant: number[] }>`
          select source_astral_hans as hans, source_astral_hant as hant from plan where id = ${planId}`.execute(trx);
      // kept by PostgreSQL (migration 0012): the UTF-16 offsets of the characters outside the BMP
      expect(offsets.rows[0]).toEqual({ hans: [2, 5, 9], hant: [0, 7, 9] });
      await sql`
          insert into task (id, plan_id, kind, number, ref, section_id, ordinal, title_hant, title_hans, title_en, text_hant, text_hans, span_start, span_end, due_year)
          select ${planId} || '-' || (i - 1), ${planId}, 'MATTER', i, i || '.', '5.1', i, '合成', '合成', 'astral', '合成', '合成', s, e, 2015
          from unnest(${spans.map((x) => x[0])}::int[], ${spans.map((x) => x[1])}::int[]) with ordinality x(s, e, i)`.execute(
        trx,
      );
      const { resolved, inSql, statements } = await both(source, undefined, trx);
      expect(resolved.errors, JSON.stringify(resolved.errors)).toBeUndefined();
      const answers = Object.values(resolved.data as Record<string, { source: { text: string; hant: string } }>);
      // the resolvers' own answers, as a check that the spans are the edges they are meant to be
      expect(answers[spans.findIndex(([s, e]) => s === 2 && e === 4)].source.text).toBe("\u{20000}");
      expect(answers[spans.findIndex(([s, e]) => s === 3 && e === 6)].source.text).toBe("\udc00市\ud83d");
      expect(answers[spans.findIndex(([s, e]) => s === -2 && e === 14)].source.hant).toBe("xy");
      const lone = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
      expect(answers.filter((a) => lone.test(a.source.text) || lone.test(a.source.hant)).length).toBeGreaterThan(20);
      expect(inSql?.data).toEqual(JSON.parse(JSON.stringify(resolved.data)));
      expect(statements).toBe(1);
    });
  });

  it("costs a place's panel in proportion to its obligations: the buffers its one statement reads for 100 and 200 more", async () => {
    const schema = await getSchema();
    // the panel without its projects: they do not grow with obligations, and other files import
    // projects into Gujiao while this runs (the buffers counted their pages)
    const op = clientOperations().find((o) => o.name === "PlaceDetail")!;
    const source = op.source.replace(/\n\s*projects\(first: 100\) \{[^\n]*\n/, "\n");
    expect(source).not.toContain("projects(");
    const variables = { id: "gujiao", script: "HANS", asOf: null, includeCitywide: true };
    const planId = `linear-${randomUUID().slice(0, 8)}`;
    // shared buffers the statement reads (EXPLAIN ANALYZE, BUFFERS), each time it reads one: the work done, not its time
    const measure = async (trx: Db) => {
      const statement = statementFor({
        schema,
        document: parse(source),
        variables,
        db: trx,
        viewer: null,
        maxItems: LIMITS.maxListItems,
      })!;
      const explained = await trx.executeQuery<{ "QUERY PLAN": unknown }>({
        ...statement,
        sql: `explain (analyze, buffers, format json) ${statement.sql}`,
      });
      const raw = explained.rows[0]["QUERY PLAN"];
      const [{ Plan: plan }] = (typeof raw === "string" ? JSON.parse(raw) : raw) as [{ Plan: Record<string, number> }];
      const { rows } = await trx.executeQuery(statement);
      const data = JSON.parse(rows[0].data!) as { place: { obligations: unknown[]; statusSummary: { total: number } } };
      return {
        buffers: plan["Shared Hit Blocks"] + plan["Shared Read Blocks"],
        obligations: data.place.obligations.length,
      };
    };
    // n more tasks of gujiao's, each with five approved reports on gujiao's obligation
    const addTasks = async (trx: Db, from: number, to: number, author: string) => {
      await sql`
        insert into task (id, plan_id, kind, number, ref, section_id, ordinal, title_hant, title_hans, title_en, text_hant, text_hans, span_start, span_end, due_year)
        select ${planId} || '-' || g, ${planId}, 'MATTER', g, g || '.', '5.1', g, '合成', '合成', 'linear ' || g, '合成', '合成', 0, 10, 2014
        from generate_series(${from}::int, ${to}::int) g`.execute(trx);
      await sql`
        insert into task_place (task_id, place_id, role, evidence_start, evidence_end)
        select ${planId} || '-' || g, 'gujiao', 'SUBJECT', 10, 20 from generate_series(${from}::int, ${to}::int) g`.execute(
        trx,
      );
      await syncObligations(trx);
      await sql`
        with r as (
          insert into progress_report (task_id, place_id, obligation_id, status, progress, note, author_id, as_of)
          select o.task_id, o.place_id, o.id, 'IN_PROGRESS', k * 10, 'linear', ${author}::bigint, date '2014-01-01' + k
          from obligation o cross join generate_series(1, 5) k
          where o.place_id = 'gujiao' and o.task_id in (select ${planId} || '-' || g from generate_series(${from}::int, ${to}::int) g)
          returning id)
        insert into report_review (report_id, reviewer_id, decision) select id, ${author}::bigint, 'APPROVE' from r`.execute(
        trx,
      );
    };
    await inRolledBack(async (trx) => {
      const planner = await insertSyntheticPlanner(trx, planId);
      await insertPlanLikeSeeded(trx, planId, "linear");
      const before = await measure(trx);
      await addTasks(trx, 1, 100, planner.id);
      const at100 = await measure(trx);
      await addTasks(trx, 101, 200, planner.id);
      const at200 = await measure(trx);
      expect([at100.obligations - before.obligations, at200.obligations - before.obligations]).toEqual([100, 200]);
      // linear: the second hundred costs what the first did (a lookup per obligation per obligation would be 3×)
      const ratio = (at200.buffers - before.buffers) / (at100.buffers - before.buffers);
      expect(ratio, JSON.stringify({ before, at100, at200 })).toBeLessThan(2.5);
      expect(ratio).toBeGreaterThan(1.5);
    });
  });

  // a task's state rolls its obligations up; an obligation's is its own reports' (STATES in sql-executor.ts)
  it.each([
    ["tasks", "tasks(first: 100)"],
    ["obligations", "obligations(first: 100)"],
  ])(
    "answers %s' status and progress side by side from one lookup only when they ask for the same instant",
    async (list, root) => {
      await inRolledBack(async (trx) => {
        const planner = await insertSyntheticPlanner(trx, `pairs-${randomUUID().slice(0, 8)}`);
        const ids = await seededIds(trx);
        for (const k of [1, 2]) await addSyntheticLayer(trx, k, planner.id, planner.username, ids);
        // side by side at the same instant, in either order; side by side at two instants; apart
        const other = list === "tasks" ? "kind" : "dueYear";
        const source = `{ ${root} { nodes { id status progress p: progress(asOf: "2013-01-01") s: status(asOf: "2013-01-01")
          x: status(asOf: "2013-01-01") y: progress ${other} z: status } } }`;
        const { resolved, inSql, statements } = await both(source, undefined, trx);
        expect(resolved.errors, JSON.stringify(resolved.errors)).toBeUndefined();
        const nodes = (resolved.data as Record<string, { nodes: Record<string, unknown>[] }>)[list].nodes;
        // the instants tell the tasks apart: a merge that took one pair's instant for the other would show
        expect(nodes.some((n) => n.status !== n.x)).toBe(true);
        expect(nodes.some((n) => n.progress !== n.p)).toBe(true);
        expect(inSql?.data).toEqual(JSON.parse(JSON.stringify(resolved.data)));
        expect(JSON.stringify(inSql?.data).indexOf('"id"')).toBeLessThan(
          JSON.stringify(inSql?.data).indexOf('"status"'),
        );
        expect(statements).toBe(1);
      });
    },
  );

  it.each(NOT_COVERED)("%s: left to the resolvers, without SQL", async (_name, source, variables) => {
    const { inSql, statements } = await both(source, variables);
    expect(inSql).toBeNull();
    expect(statements).toBe(0);
  });

  it("is what the HTTP endpoint answers with, and errors still come from the resolvers", async () => {
    const server = await testServer();
    const [, source, variables] = COVERED[4];
    const { resolved } = await both(source, variables);
    const res = await server.gql(source, variables);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: JSON.parse(JSON.stringify(resolved.data)) });
    const refused = await server.gql(`{ tasks(first: 500) { nodes { id } } }`);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(refused.body.errors?.[0]?.message).toMatch(/first must be an integer from 0 to 100, got 500/);
  });
});

// A statement is built once for a request's shape, not once per id or per instant (Template in sql-executor.ts).
describe("statements kept for many requests", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("one statement serves a lookup by every id, each request's own id in it, the same answers as the resolvers", async () => {
    const schema = await getSchema();
    const { db } = await testDatabase();
    const source = `query ById($id: ID!) { task(id: $id) { id titleEn dueYear places { role place { id nameEn } } } }`;
    const document = parse(source);
    const ids = (await db.selectFrom("task").select("id").orderBy("id").limit(30).execute()).map((r) => r.id);
    expect(ids.length).toBe(30);
    const texts = new Set<string>();
    const before = statementCacheStats().entries;
    for (const id of ids) {
      const statement = statementFor({ schema, document, variables: { id }, db, viewer: null, maxItems: 10_000 });
      expect(statement?.parameters).toContain(id);
      texts.add(statement!.sql);
    }
    expect(texts.size).toBe(1);
    expect(statementCacheStats().entries - before).toBeLessThanOrEqual(1);
    for (const id of [ids[0], ids[17], ids[29], "no-such-task"]) {
      const { resolved, inSql } = await both(source, { id });
      expect(inSql?.data).toEqual(JSON.parse(JSON.stringify(resolved.data)));
    }
  });

  it("one document answers each reader their own: a kept statement is never another actor's, nor the same actor's before a change", async () => {
    const schema = await getSchema();
    const source = `query Mine($id: ID!) {
      me { id username role places { id } }
      task(id: $id) { reports(first: 50) { totalCount nodes { id review author { id } reviewedBy { id } } } }
      indicatorValueRecords(first: 100) { id review reviewedBy { id } }
    }`;
    // one parsed document: one plan, whose statements are kept for every reader below
    const document = parse(source);
    await inRolledBack(async (trx) => {
      const tag = `mine-${randomUUID().slice(0, 8)}`;
      const planner = await insertSyntheticPlanner(trx, tag);
      const ids = await seededIds(trx);
      await addSyntheticLayer(trx, 1, planner.id, tag, ids);
      const { leader, department, viewer } = await insertSignedInUsers(trx, tag, planner, ids);
      // the leader as a session has them after a planner made them a viewer (updateUser)
      const demoted: SessionUser = { ...leader, role: "VIEWER", placeIds: [] };
      const answers = new Set<string>();
      for (const user of [planner, leader, null, department, viewer, planner, demoted, leader, null]) {
        const contextValue = createContext({
          db: trx,
          user,
          tokenHash: null,
          requestId: "sql-executor",
          clientAddress: "127.0.0.1",
          log: silentLogger,
          sessionTtlSeconds: 0,
          secureCookies: false,
        });
        const resolved = await execute({ schema, document, variableValues: { id: TASK }, contextValue });
        expect(resolved.errors, JSON.stringify(resolved.errors)).toBeUndefined();
        const inSql = await executeInSql({
          schema,
          document,
          variables: { id: TASK },
          db: trx,
          viewer: user,
          budget: new ListBudget(LIMITS.maxListItems),
        });
        const expected = JSON.parse(JSON.stringify(resolved.data)) as unknown;
        expect(inSql?.data, `${user?.username ?? "anonymous"} as ${user?.role ?? "nobody"}`).toEqual(expected);
        answers.add(JSON.stringify(expected));
      }
      // planner, leader, anonymous, department, viewer and the demoted leader all see something else
      expect(answers.size).toBe(6);
    });
  });

  it("a kept statement is as of the request's day in China, not the day it was built", async () => {
    const schema = await getSchema();
    const { db } = await testDatabase();
    const document = parse(`query Statuses { tasks(first: 5) { nodes { id status progress } } }`);
    const at = (instant: string) => {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(new Date(instant));
      const statement = statementFor({ schema, document, variables: {}, db, viewer: null, maxItems: 10_000 });
      vi.useRealTimers();
      return statement!.parameters.filter((p) => typeof p === "string" && /^\d{4}-\d{2}-\d{2}$/.test(p));
    };
    // 23:00 and 01:00 in Taiyuan (UTC+8): two days
    expect(at("2014-06-30T15:00:00Z")).toContain("2014-06-30");
    const next = at("2014-06-30T17:00:00Z");
    expect(next).toContain("2014-07-01");
    expect(next).not.toContain("2014-06-30");
  });
});
