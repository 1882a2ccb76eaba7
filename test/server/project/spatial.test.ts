import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { testDatabase } from "../../support/db.ts";
import { testServer } from "../../support/server.ts";
import { signedIn } from "./planner.ts";

const UPSERT = `mutation ($input: ProjectInput!) {
  upsertProject(input: $input) { id name precision positionSource geometry places { id } tasks { id } category startYear endYear investmentCny reference }
}`;
const LIST = `query ($filter: ProjectFilter, $first: Int, $after: String) {
  projects(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } }
}`;

const tag = `sp${Date.now().toString(36)}`;
let planner: Record<string, string>;

async function ids(filter: Record<string, unknown>): Promise<string[]> {
  const s = await testServer();
  const out: string[] = [];
  let after: string | null = null;
  for (;;) {
    const res = await s.gql(LIST, { filter, first: 100, after });
    expect(res.body.errors).toBeUndefined();
    const page: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { id: string }[] } =
      res.body.data.projects;
    out.push(...page.nodes.map((n) => n.id));
    if (!page.pageInfo.hasNextPage) return out;
    after = page.pageInfo.endCursor;
  }
}

describe("upsertProject", () => {
  beforeAll(async () => {
    planner = (await signedIn("PLANNER")).headers;
    const s = await testServer();
    const inputs = [
      { id: `${tag}-qingxu-zone`, name: "清徐开发区测试项目", taskIds: ["matter-8"], placeName: "清徐開發區" },
      { id: `${tag}-gujiao`, name: "古交测试项目", taskIds: ["reform-15"], placeName: "古交市" },
      {
        id: `${tag}-point`,
        name: "坐标测试项目",
        nameEn: "Point test",
        taskIds: ["matter-19"],
        geometry: { type: "Point", coordinates: [112.3821, 37.6012] },
      },
      {
        id: `${tag}-far`,
        name: "远处测试项目",
        taskIds: ["matter-19"],
        geometry: { type: "Point", coordinates: [112.17, 37.91] },
      },
    ];
    for (const input of inputs) {
      const { body } = await s.gql(UPSERT, { input }, planner);
      expect(body.errors, input.id).toBeUndefined();
    }
  });

  it("geocodes a place name in either script and records how", async () => {
    const s = await testServer();
    const { body } = await s.gql(
      `{ project(id: "${tag}-qingxu-zone") { precision positionSource places { id } geometry } }`,
    );
    expect(body.data.project).toMatchObject({
      precision: "ADM3",
      positionSource: "geocoded: 清徐開發區 → qingxu-development-zone",
      places: [{ id: "qingxu-development-zone" }, { id: "qingxu" }, { id: "taiyuan" }],
      geometry: { type: "Point" },
    });
  });

  it("takes given coordinates as NEAR and keeps the position when an update gives none", async () => {
    const s = await testServer();
    const { body } = await s.gql(
      UPSERT,
      {
        input: {
          id: `${tag}-point`,
          name: "坐标测试项目 改",
          taskIds: ["matter-19", "matter-30"],
          startYear: 2014,
          endYear: 2016,
        },
      },
      planner,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.upsertProject).toMatchObject({
      name: "坐标测试项目 改",
      precision: "NEAR",
      positionSource: "given geometry (Point)",
      geometry: { type: "Point", coordinates: [112.3821, 37.6012] },
      tasks: [{ id: "matter-19" }, { id: "matter-30" }],
      startYear: 2014,
      endYear: 2016,
    });
    expect(body.data.upsertProject.places.map((p: { id: string }) => p.id)).toEqual(["qingxu", "taiyuan"]);
  });

  it.each([
    [{ name: "x", taskIds: ["matter-99"], placeName: "古交" }, /^project: taskIds: unknown task "matter-99"/],
    [{ name: "x", taskIds: ["matter-3"], placeName: "火星" }, /^project: placeName: "火星" matches no place/],
    [
      { name: "x", taskIds: ["matter-3"], placeName: "晋中" },
      /^project: placeName: "晋中" is jinzhong, which lies outside Taiyuan/,
    ],
    [
      { name: "x", taskIds: ["matter-3"], geometry: { type: "Point", coordinates: [113.9, 38.2] } },
      /^project: geometry: does not lie inside Taiyuan$/,
    ],
    [{ id: `${tag}-new`, name: "x", taskIds: ["matter-3"] }, /a new project needs a position/],
    [
      { name: "x", taskIds: ["matter-3"], placeName: "古交", endYear: 2101 },
      /endYear: expected a year from 2000 to 2100/,
    ],
  ])("refuses %j with BAD_USER_INPUT", async (input, message) => {
    const s = await testServer();
    const { body } = await s.gql(UPSERT, { input }, planner);
    expect(body.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(body.errors?.[0].message).toMatch(message);
  });

  it("is for planners only", async () => {
    const s = await testServer();
    const input = { name: "x", taskIds: ["matter-3"], placeName: "古交" };
    const anonymous = await s.gql(UPSERT, { input });
    expect(anonymous.body.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    for (const role of ["VIEWER", "AREA_LEADER", "DEPARTMENT"] as const) {
      const { headers } = await signedIn(role);
      const { body } = await s.gql(UPSERT, { input }, headers);
      expect(body.errors?.[0].extensions?.code, role).toBe("FORBIDDEN");
      expect(body.errors?.[0].message).toBe("only planners may add or change projects");
      const imported = await s.gql(
        `mutation { importProjects(format: CSV, content: "name,task_ids,place\\nx,matter-3,古交\\n") { created } }`,
        {},
        headers,
      );
      expect(imported.body.errors?.[0].message).toBe("only planners may import projects");
    }
  });
});

describe("projects' spatial filter", () => {
  it("placeIds: projects lying in Qingxu, including those in the Qingxu development zone, and nothing city-wide", async () => {
    const inQingxu = await ids({ spatial: { placeIds: ["qingxu"] } });
    expect(inQingxu).toEqual(
      expect.arrayContaining([`${tag}-qingxu-zone`, `${tag}-point`, "qingxu-development-zone-expansion"]),
    );
    expect(inQingxu).not.toContain(`${tag}-gujiao`);
    expect(inQingxu).not.toContain("urban-rail-transit");
    expect(inQingxu).toContain("barren-hills-afforestation"); // placed at the three counties and Gujiao
    expect(await ids({ spatial: { placeIds: ["qingxu-development-zone"] } })).toEqual(
      expect.arrayContaining([`${tag}-qingxu-zone`, "qingxu-development-zone-expansion"]),
    );
    expect(await ids({ spatial: { placeIds: ["gujiao"] } })).toContain(`${tag}-gujiao`);
  });

  it("a stand-in point contains only what was placed at it", async () => {
    const inZone = await ids({ spatial: { placeIds: ["private-economy-zone"] } });
    expect(inZone).toContain("private-economy-zone-expansion");
    expect(inZone).not.toContain("taikuang-industrial-heritage");
  });

  it("bbox, within and near match a project's own geometry, never city-wide (ADM2) projects", async () => {
    const bbox = await ids({ spatial: { bbox: [112.38, 37.6, 112.39, 37.61] } });
    expect(bbox).toContain(`${tag}-point`);
    expect(bbox).not.toContain(`${tag}-far`);
    expect(bbox).not.toContain("kitchen-waste-plant-500t");
    const square = {
      type: "Polygon",
      coordinates: [
        [
          [112.38, 37.6],
          [112.39, 37.6],
          [112.39, 37.61],
          [112.38, 37.61],
          [112.38, 37.6],
        ],
      ],
    };
    expect(await ids({ spatial: { within: square } })).toEqual(bbox);
    const near = await ids({ spatial: { near: { lng: 112.3821, lat: 37.6052, radiusMeters: 500 } } });
    expect(near).toContain(`${tag}-point`);
    expect(await ids({ spatial: { near: { lng: 112.3821, lat: 37.6052, radiusMeters: 400 } } })).not.toContain(
      `${tag}-point`,
    );
    const combined = await ids({
      spatial: { placeIds: ["qingxu"], bbox: [112.38, 37.6, 112.39, 37.61] },
      taskIds: ["matter-30"],
    });
    expect(combined).toEqual([`${tag}-point`]);
  });

  it("an area project (Xishan) matches a bbox that touches it", async () => {
    expect(await ids({ spatial: { bbox: [112.4, 37.85, 112.41, 37.86] } })).toContain("xishan-suburban-forest-park");
  });

  it("refuses first > 100 and an unknown place", async () => {
    const s = await testServer();
    const { body } = await s.gql(LIST, { first: 101 });
    expect(body.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(body.errors?.[0].message).toBe("first must be an integer from 0 to 100, got 101");
    const place = await s.gql(`{ place(id: "qingxu") { projects(first: 101) { totalCount } } }`);
    expect(place.body.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const unknown = await s.gql(LIST, { filter: { spatial: { placeIds: ["atlantis"] } } });
    expect(unknown.body.errors?.[0].message).toMatch(/spatial.placeIds: unknown id "atlantis"/);
  });

  it("filters by task, category, year and text", async () => {
    expect(await ids({ taskIds: ["matter-18"] })).toEqual(
      expect.arrayContaining(["kitchen-waste-plant-500t", "sanitation-industry-demonstration-base"]),
    );
    const livelihood = await ids({ categories: ["LIVELIHOOD"] });
    expect(livelihood).toContain("public-kindergartens");
    expect(livelihood).not.toContain("urban-rail-transit");
    expect(await ids({ year: 2015, text: "坐标测试", spatial: { placeIds: ["qingxu"] } })).toEqual([`${tag}-point`]);
    expect(await ids({ year: 2017, text: "坐标测试", spatial: { placeIds: ["qingxu"] } })).toEqual([]);
    expect(await ids({ year: 2015, text: "古交测试" })).toEqual([]); // no years: not known to be active in any
    expect(await ids({ text: "餐廚" })).toContain("kitchen-waste-plant-500t");
    expect(await ids({ text: "ring expressway" })).toEqual(["ring-expressway-system"]);
  });
});

describe("Place.projects", () => {
  it("lists projects in the place and in places inside it, paged", async () => {
    const s = await testServer();
    const q = `query ($after: String) { place(id: "qingxu") { projects(first: 25, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const res = await s.gql(q, { after });
      expect(res.body.errors).toBeUndefined();
      const page: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: { id: string }[];
      } = res.body.data.place.projects;
      total = page.totalCount;
      expect(page.nodes.length).toBeLessThanOrEqual(25);
      seen.push(...page.nodes.map((n: { id: string }) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen).toEqual(
      expect.arrayContaining(["qingxu-development-zone-expansion", `${tag}-qingxu-zone`, `${tag}-point`]),
    );
    expect(seen.sort()).toEqual((await ids({ spatial: { placeIds: ["qingxu"] } })).sort());
  });

  it("batches across places: the city holds everything, a heritage site its own", async () => {
    const s = await testServer();
    const { body } = await s.gql(
      `{ places(filter: { kinds: [CITY, HERITAGE_SITE] }) { id projects(first: 100) { totalCount nodes { id } } } }`,
    );
    const byId = new Map(body.data.places.map((p: any) => [p.id, p.projects]));
    const all = (await s.gql(LIST, { first: 0 })).body.data.projects.totalCount;
    expect((byId.get("taiyuan") as any).totalCount).toBe(all);
    const at = (id: string) => (byId.get(id) as any).nodes.map((n: { id: string }) => n.id);
    expect(at("jinci")).toContain("jinci-scenic-area");
    expect(at("jinci")).not.toContain("jinci-spring-protection");
    expect(at("chongshan-temple")).toContain("chongshan-wenmiao-historic-quarter");
    expect(at("wenmiao")).toContain("chongshan-wenmiao-historic-quarter");
    expect(at("wenmiao")).not.toContain("shuangta-temple-scenic-area");
  });
});

describe("Project.status", () => {
  it("comes from the latest approved report on the project as of the instant", async () => {
    const { db } = await testDatabase();
    const { userId } = await signedIn("PLANNER");
    const report = await sql<{ id: string }>`
      insert into progress_report (task_id, obligation_id, as_of, project_id, status, progress, note, author_id, created_at)
      values ('matter-19', (select o.id from obligation o join place c on c.id = o.place_id and c.kind = 'CITY' where o.task_id = 'matter-19'), '2014-05-01', ${`${tag}-point`}, 'IN_PROGRESS', 40, 'site cleared', ${userId}::bigint, '2014-05-01T00:00:00Z') returning id::text as id`.execute(
      db,
    );
    await sql`insert into report_review (report_id, decision, reviewer_id, created_at) values (${report.rows[0].id}::bigint, 'APPROVE', ${userId}::bigint, '2014-05-02T00:00:00Z')`.execute(
      db,
    );
    await sql`insert into progress_report (task_id, obligation_id, as_of, project_id, status, progress, note, author_id, created_at)
      values ('matter-19', (select o.id from obligation o join place c on c.id = o.place_id and c.kind = 'CITY' where o.task_id = 'matter-19'), '2014-06-01', ${`${tag}-point`}, 'COMPLETED', 100, 'not yet reviewed', ${userId}::bigint, '2014-06-01T00:00:00Z')`.execute(
      db,
    );
    const s = await testServer();
    const { body } = await s.gql(`{ project(id: "${tag}-point") {
      before: status(asOf: "2014-05-01T12:00:00Z") now: status progress beforeProgress: progress(asOf: "2014-04-01T00:00:00Z") } }`);
    expect(body.data.project).toEqual({
      before: "NOT_STARTED",
      now: "IN_PROGRESS",
      progress: 40,
      beforeProgress: null,
    });
    expect(await ids({ statuses: ["IN_PROGRESS"], text: "坐标测试" })).toEqual([`${tag}-point`]);
  });
});
