import { describe, expect, it, beforeAll } from "vitest";
import { sql } from "kysely";
import { booleanPointInPolygon } from "@turf/turf";
import type { MultiPolygon, Polygon } from "geojson";
import { readGazetteer } from "../../../geo/read-gazetteer.ts";
import { testDatabase } from "../../support/db.ts";
import { testServer } from "../../support/server.ts";
import { signedIn } from "./planner.ts";
import { mulberry32 as prng } from "../../bench/generate-projects.ts";
import { runImport } from "../../../server/src/modules/project/project.service.ts";
import { ImportFormat } from "../../../server/src/core/enums.ts";

const IMPORT = `mutation ($format: ImportFormat!, $content: String!, $dryRun: Boolean) {
  importProjects(format: $format, content: $content, dryRun: $dryRun) { dryRun created updated refused { row message } }
}`;

const city = readGazetteer().find((p) => p.id === "taiyuan")!.geometry as Polygon | MultiPolygon;

/** A point well inside Taiyuan (its neighbours 0.005° away are inside too, so the border's precision never matters). */
function insidePoint(random: () => number): [number, number] {
  for (;;) {
    const lng = Number((111.51 + random() * 1.64).toFixed(5));
    const lat = Number((37.46 + random() * 0.96).toFixed(5));
    const d = 0.005;
    if (
      [
        [0, 0],
        [d, 0],
        [-d, 0],
        [0, d],
        [0, -d],
      ].every(([x, y]) => booleanPointInPolygon([lng + x, lat + y], city))
    )
      return [lng, lat];
  }
}

const PLACES = [
  "清徐开发区",
  "清徐開發區",
  "古交市",
  "gujiao",
  "晉祠",
  "小店区",
  "太原武宿综合保税区",
  "清徐开发区物流园",
];
const TASKS = ["matter-8", "matter-18", "matter-22;matter-24", "reform-14"];
const BAD = ["unknown-task", "unknown-place", "outside", "bad-year", "malformed"] as const;

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

interface Generated {
  csv: string;
  valid: number;
  bad: Map<number, (typeof BAD)[number]>;
}

/** 1,000 mixed rows: coordinates, place names in both scripts, ids given or not, 100 bad rows of five kinds. */
function generateCsv(tag: string): Generated {
  const random = prng(20130716);
  const header = "id,name,name_en,task_ids,category,lng,lat,place,start_year,end_year,investment_cny,reference";
  const lines = [`\uFEFF${header}`];
  const bad = new Map<number, (typeof BAD)[number]>();
  let valid = 0;
  for (let row = 1; row <= 1000; row += 1) {
    const id = row % 3 === 0 ? `${tag}-p${row}` : "";
    const name = `测试项目 ${tag} 第${row}号`;
    const nameEn = row % 2 ? `Test project ${row}` : "";
    let tasks = TASKS[row % TASKS.length];
    const category = ["", "INDUSTRIAL_TRANSFORMATION", "生態修復", "livelihood"][row % 4];
    let [lng, lat, place] = ["", "", ""];
    if (row % 2) [lng, lat] = insidePoint(random).map(String);
    else place = PLACES[(row / 2) % PLACES.length];
    let [start, end] = row % 5 ? ["2013", "2015"] : ["", ""];
    const investment = row % 7 ? String(Math.round(random() * 1e9)) : "";
    const reference = row % 11 === 0 ? `Bulletin ${row}, "quoted", page 2\nsecond line` : "";
    let fields = [id, name, nameEn, tasks, category, lng, lat, place, start, end, investment, reference];
    if (row % 10 === 0) {
      const kind = BAD[(row / 10) % BAD.length];
      bad.set(row, kind);
      if (kind === "unknown-task") tasks = "matter-99";
      if (kind === "unknown-place") [lng, lat, place] = ["", "", "火星基地"];
      if (kind === "outside") [lng, lat, place] = ["113.9", "38.2", ""];
      if (kind === "bad-year") [start, end] = ["1999", "2015"];
      fields = [id, name, nameEn, tasks, category, lng, lat, place, start, end, investment, reference];
      if (kind === "malformed") fields = fields.slice(0, 9);
    } else {
      valid += 1;
    }
    lines.push(fields.map(csvField).join(","));
  }
  return { csv: `${lines.join("\r\n")}\r\n`, valid, bad };
}

const EXPECTED: Record<(typeof BAD)[number], RegExp> = {
  "unknown-task": /^line \d+: task_ids: unknown task "matter-99" \(expected ids of the plan's tasks/,
  "unknown-place": /^line \d+: place: "火星基地" matches no place of the gazetteer \(expected a place name/,
  outside: /^line \d+: coordinates 113\.9, 38\.2 lie outside Taiyuan$/,
  "bad-year": /^line \d+: start_year: expected a year from 2000 to 2100, got "1999"$/,
  malformed: /^line \d+: malformed row: expected 12 fields as in the header, got 9$/,
};

async function projectCount(): Promise<number> {
  const { db } = await testDatabase();
  const r = await sql<{ n: number }>`select count(*)::int as n from project`.execute(db);
  return r.rows[0].n;
}

describe("importProjects with a generated CSV of 1,000 mixed rows", () => {
  const tag = `imp${Date.now().toString(36)}`;
  const file = generateCsv(tag);
  let headers: Record<string, string>;
  beforeAll(async () => {
    headers = (await signedIn("PLANNER")).headers;
  });

  it("a dry run reports the expected counts and writes nothing", async () => {
    const s = await testServer();
    const before = await projectCount();
    const { body } = await s.gql(IMPORT, { format: "CSV", content: file.csv }, headers);
    expect(body.errors).toBeUndefined();
    const result = body.data.importProjects;
    expect(result).toMatchObject({ dryRun: true, created: file.valid, updated: 0 });
    expect(result.refused).toHaveLength(100);
    expect(await projectCount()).toBe(before);
  });

  it("with allOrNothing (the CLI's --all-or-nothing), writes nothing when any row is refused", async () => {
    const { db } = await testDatabase();
    const before = await projectCount();
    const result = await runImport(db, ImportFormat.CSV, file.csv, false, true);
    expect(result).toMatchObject({ dryRun: true, created: 900 });
    expect(result.refused).toHaveLength(100);
    expect(await projectCount()).toBe(before);
  });

  it("imports every valid row, refuses the bad ones saying why, and writes exactly the created rows", async () => {
    const s = await testServer();
    const before = await projectCount();
    const { body } = await s.gql(IMPORT, { format: "CSV", content: file.csv, dryRun: false }, headers);
    expect(body.errors).toBeUndefined();
    const result = body.data.importProjects;
    expect(result).toMatchObject({ dryRun: false, created: 900, updated: 0 });
    expect(result.refused.map((p: { row: number }) => p.row)).toEqual([...file.bad.keys()]);
    // refusals name file lines: data row n starts on line n + 1 or later (the header is line 1, and
    // some generated fields hold quoted line breaks)
    let previous = 1;
    for (const problem of result.refused) {
      expect(problem.message).toMatch(EXPECTED[file.bad.get(problem.row)!]);
      const line = Number(/^line (\d+): /.exec(problem.message)?.[1]);
      expect(line).toBeGreaterThanOrEqual(problem.row + 1);
      expect(line).toBeGreaterThan(previous);
      previous = line;
    }
    expect(await projectCount()).toBe(before + 900);
  });

  it("stores geocoded rows at the matched place, in either script, with the place's precision", async () => {
    const s = await testServer();
    const row = async (n: number) => {
      const { body } = await s.gql(
        `query ($text: String) { projects(filter: { text: $text }, first: 100) { nodes { name positionSource precision places { id } reference } } }`,
        {
          text: `${tag} 第${n}号`,
        },
      );
      return body.data.projects.nodes.find((p: { name: string }) => p.name === `测试项目 ${tag} 第${n}号`);
    };
    const zone = ["qingxu-development-zone", "qingxu", "taiyuan"];
    expect(await row(2)).toMatchObject({
      positionSource: "geocoded: 清徐開發區 → qingxu-development-zone",
      precision: "ADM3",
    });
    expect((await row(2)).places.map((p: { id: string }) => p.id)).toEqual(zone);
    expect(await row(16)).toMatchObject({
      positionSource: "geocoded: 清徐开发区 → qingxu-development-zone",
      precision: "ADM3",
    });
    expect(await row(14)).toMatchObject({ positionSource: "geocoded: 清徐开发区 → qingxu-development-zone" });
    expect(await row(4)).toMatchObject({ positionSource: "geocoded: 古交市 → gujiao", precision: "ADM3" });
    expect(await row(22)).toMatchObject({
      positionSource: "geocoded: gujiao → gujiao",
      reference: 'Bulletin 22, "quoted", page 2\nsecond line',
    });
    expect(await row(26)).toMatchObject({ positionSource: "geocoded: 小店区 → xiaodian", precision: "ADM3" });
    expect(await row(8)).toMatchObject({ positionSource: "geocoded: 晉祠 → jinci", precision: "NEAR" });
    expect(await row(1)).toMatchObject({ positionSource: "given coordinates", precision: "NEAR" });
  });

  it("re-importing the same file changes nothing", async () => {
    const s = await testServer();
    const before = await projectCount();
    const { body } = await s.gql(IMPORT, { format: "CSV", content: file.csv, dryRun: false }, headers);
    expect(body.data.importProjects).toMatchObject({ created: 0, updated: 0 });
    expect(body.data.importProjects.refused).toHaveLength(100);
    expect(await projectCount()).toBe(before);
  });

  it("a changed row with an id is an update, counted once", async () => {
    const s = await testServer();
    const changed = file.csv.replace(
      `${tag}-p3,测试项目 ${tag} 第3号,Test project 3,`,
      `${tag}-p3,测试项目 ${tag} 第3号 (renamed),Test project 3,`,
    );
    expect(changed).not.toBe(file.csv);
    const dry = await s.gql(IMPORT, { format: "CSV", content: changed }, headers);
    expect(dry.body.data.importProjects).toMatchObject({ created: 0, updated: 1 });
    const real = await s.gql(IMPORT, { format: "CSV", content: changed, dryRun: false }, headers);
    expect(real.body.data.importProjects).toMatchObject({ created: 0, updated: 1 });
    const { body } = await s.gql(`{ project(id: "${tag}-p3") { name nameHant: name(script: HANT) } }`);
    expect(body.data.project).toEqual({
      name: `测试项目 ${tag} 第3号 (renamed)`,
      nameHant: `測試項目 ${tag} 第3號 (renamed)`,
    });
  });
});

describe("importProjects refuses what is not an import", () => {
  it.each([
    ["CSV", '{"type":"FeatureCollection","features":[]}', /looks like JSON, not CSV/],
    ["CSV", "name,lng,lat\nx,112.5,37.8\n", /lacks the required column task_ids/],
    ["CSV", "name,task_ids,colour\nx,matter-3,red\n", /unknown column "colour"/],
    ["CSV", "name,task_ids,lng\nx,matter-3,112.5\n", /both lng and lat, or neither/],
    ["CSV", "", /the file is empty/],
    ["GEOJSON", "name,task_ids\n", /not valid JSON/],
    ["GEOJSON", '{"type":"Feature","properties":{},"geometry":null}', /expected a FeatureCollection, got "Feature"/],
    ["GEOJSON", '{"type":"FeatureCollection"}', /no features array/],
  ])("%s %j → BAD_USER_INPUT", async (format, content, message) => {
    const s = await testServer();
    const { headers } = await signedIn("PLANNER");
    const { body } = await s.gql(IMPORT, { format, content }, headers);
    expect(body.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(body.errors?.[0].message).toMatch(message);
  });
});

describe("importProjects with GeoJSON", () => {
  it("takes geometry as given: EXACT only when cited, NEAR for points, APPROXIMATE for drawn areas; refuses outside Taiyuan", async () => {
    const s = await testServer();
    const { headers } = await signedIn("PLANNER");
    const tag = `geo${Date.now().toString(36)}`;
    const feature = (id: string, geometry: unknown, props: Record<string, unknown> = {}) => ({
      type: "Feature",
      geometry,
      properties: { id: `${tag}-${id}`, name: `GeoJSON ${id}`, task_ids: ["matter-14"], ...props },
    });
    const square = {
      type: "Polygon",
      coordinates: [
        [
          [112.4, 37.85],
          [112.42, 37.85],
          [112.42, 37.87],
          [112.4, 37.87],
          [112.4, 37.85],
        ],
      ],
    };
    const content = JSON.stringify({
      type: "FeatureCollection",
      features: [
        feature(
          "cited",
          { type: "Point", coordinates: [112.4424, 37.7079] },
          { precision: "EXACT", reference: "survey 2014-03" },
        ),
        feature("uncited", { type: "Point", coordinates: [112.4424, 37.7079] }, { precision: "EXACT" }),
        feature("near", { type: "Point", coordinates: [112.5, 37.8] }),
        feature("area", square),
        feature("placed", null, { place: "西山" }),
        feature("outside", { type: "Point", coordinates: [113.9, 38.2] }),
        feature("bowtie", {
          type: "Polygon",
          coordinates: [
            [
              [112.4, 37.8],
              [112.5, 37.9],
              [112.5, 37.8],
              [112.4, 37.9],
              [112.4, 37.8],
            ],
          ],
        }),
        feature("nowhere", null),
        { type: "Point", coordinates: [1, 2] },
      ],
    });
    const { body } = await s.gql(IMPORT, { format: "GEOJSON", content, dryRun: false }, headers);
    expect(body.errors).toBeUndefined();
    expect(body.data.importProjects.created).toBe(4);
    const refused = new Map(
      body.data.importProjects.refused.map((p: { row: number; message: string }) => [p.row, p.message]),
    );
    expect(refused.get(2)).toBe("feature 2: precision: EXACT needs a reference saying where the position comes from");
    expect(refused.get(6)).toBe("feature 6: geometry: does not lie inside Taiyuan");
    expect(refused.get(7)).toMatch(/^feature 7: geometry: not a valid geometry \(Self-intersection/);
    expect(refused.get(8)).toMatch(/^feature 8: position: expected lng and lat, or place/);
    expect(refused.get(9)).toBe("feature 9: expected a GeoJSON Feature");
    const q = await s.gql(
      `{ projects(filter: { text: "GeoJSON" }, first: 100) { nodes { id precision positionSource geometry } } }`,
    );
    const byId = new Map(q.body.data.projects.nodes.map((n: any) => [n.id, n]));
    expect(byId.get(`${tag}-cited`)).toMatchObject({
      precision: "EXACT",
      positionSource: "given geometry (Point), cited: survey 2014-03",
    });
    expect(byId.get(`${tag}-near`)).toMatchObject({
      precision: "NEAR",
      geometry: { type: "Point", coordinates: [112.5, 37.8] },
    });
    expect(byId.get(`${tag}-area`)).toMatchObject({ precision: "APPROXIMATE", geometry: square });
    expect(byId.get(`${tag}-placed`)).toMatchObject({
      precision: "APPROXIMATE",
      positionSource: "geocoded: 西山 → xishan",
    });
  });
});
