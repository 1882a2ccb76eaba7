/**
 * OGC API – Features under /ogc over plain HTTP: the landing page, conformance, the OpenAPI
 * document (validated), collections, items with paging and filters compared with GraphQL's
 * answers, single features, HTML, errors, and the visibility of statuses.
 */
import { isDeepStrictEqual } from "node:util";
import { Validator } from "@seriousme/openapi-schema-validator";
import { beforeAll, describe, expect, it } from "vitest";
import { testServer } from "../../support/server.ts";
import { createPlanner } from "../report/accounts.ts";

interface Link {
  href: string;
  rel: string;
  type: string;
}
interface Feature {
  id: string;
  geometry: { type: string };
  properties: Record<string, unknown>;
}
interface Page {
  type: string;
  numberMatched: number;
  numberReturned: number;
  timeStamp: string;
  features: Feature[];
  links: Link[];
}

const GUJIAO_BOX = "111.9,37.8,112.2,38.0";

async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  const s = await testServer();
  return fetch(`${s.url}${path}`, { headers });
}

async function json<T = any>(path: string, status = 200): Promise<T> {
  const res = await get(path);
  const body = await res.json();
  expect(res.status, `${path}: ${JSON.stringify(body).slice(0, 300)}`).toBe(status);
  return body as T;
}

async function gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const s = await testServer();
  const r = await s.gql<T>(query, variables);
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  return r.body.data!;
}

/** Every feature of a collection, following the next links from a first page of `limit`. */
async function allFeatures(
  collection: string,
  params = "",
  limit = 25,
): Promise<{ features: Feature[]; pages: number; numberMatched: number }> {
  const s = await testServer();
  let url: string | undefined =
    `${s.url}/ogc/collections/${collection}/items?limit=${limit}${params ? `&${params}` : ""}`;
  const features: Feature[] = [];
  let pages = 0;
  let numberMatched = -1;
  while (url) {
    const res = await fetch(url);
    const page = (await res.json()) as Page;
    expect(res.status, JSON.stringify(page)).toBe(200);
    features.push(...page.features);
    numberMatched = page.numberMatched;
    pages += 1;
    url = page.links.find((l) => l.rel === "next")?.href;
    expect(pages, "paging must end").toBeLessThan(100);
  }
  return { features, pages, numberMatched };
}

describe("ogc: landing, conformance, api", () => {
  it("the landing page links to itself, its HTML, the API definition, conformance and the collections", async () => {
    const body = await json<{ links: Link[] }>("/ogc");
    const rels = Object.fromEntries(body.links.map((l) => [l.rel, l]));
    expect(rels.self.href).toMatch(/\/ogc$/);
    expect(rels.alternate.type).toBe("text/html");
    expect(rels["service-desc"].href).toMatch(/\/ogc\/api$/);
    expect(rels["service-desc"].type).toBe("application/vnd.oai.openapi+json;version=3.0");
    expect(rels.conformance.href).toMatch(/\/ogc\/conformance$/);
    expect(rels.data.href).toMatch(/\/ogc\/collections$/);
  });

  it("conformance declares core, geojson, oas30 and html", async () => {
    const body = await json<{ conformsTo: string[] }>("/ogc/conformance");
    for (const c of ["core", "geojson", "oas30", "html"])
      expect(body.conformsTo).toContain(`http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/${c}`);
  });

  it("/ogc/api is an OpenAPI 3.0 document that validates, with a path for each collection's items", async () => {
    const res = await get("/ogc/api");
    expect(res.headers.get("content-type")).toMatch(/^application\/vnd\.oai\.openapi\+json;\s*version=3\.0/);
    const doc = await res.json();
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toMatch(/^3\.0/);
    for (const c of ["places", "tasks", "obligations", "projects"])
      expect(Object.keys(doc.paths)).toContain(`/collections/${c}/items`);
    const limit = doc.components.parameters.limit.schema;
    expect([limit.default, limit.maximum]).toEqual([100, 1000]);
  });

  it("the validator rejects a broken document (the check above can fail)", async () => {
    const doc = await json("/ogc/api");
    delete doc.info;
    const result = await new Validator().validate(doc);
    expect(result.valid).toBe(false);
  });
});

describe("ogc: collections", () => {
  it("lists places, tasks, obligations and projects, each with an extent, CRS84 and a queryables link", async () => {
    const body = await json<{ collections: any[] }>("/ogc/collections");
    expect(body.collections.map((c) => c.id)).toEqual(["places", "tasks", "obligations", "projects"]);
    for (const c of body.collections) {
      expect(c.crs).toEqual(["http://www.opengis.net/def/crs/OGC/1.3/CRS84"]);
      expect(c.storageCrs).toBe("http://www.opengis.net/def/crs/OGC/1.3/CRS84");
      const [w, s, e, n] = c.extent.spatial.bbox[0];
      // Taiyuan lies at about 112.5 E, 37.9 N
      expect(w < 112.5 && e > 112.5 && s < 37.9 && n > 37.9, `${c.id} extent ${c.extent.spatial.bbox[0]}`).toBe(true);
      expect(c.links.find((l: Link) => l.rel === "items" && l.type === "application/geo+json").href).toMatch(
        new RegExp(`/ogc/collections/${c.id}/items$`),
      );
      expect(c.links.some((l: Link) => l.rel === "http://www.opengis.net/def/rel/ogc/1.0/queryables")).toBe(true);
    }
    const tasks = body.collections.find((c) => c.id === "tasks");
    expect(tasks.extent.temporal.interval).toEqual([["2013-01-01T00:00:00Z", "2015-12-31T23:59:59Z"]]);
  });

  it("/collections/tasks is the same document as its entry in /collections", async () => {
    const all = await json<{ collections: any[] }>("/ogc/collections");
    expect(await json("/ogc/collections/tasks")).toEqual(all.collections.find((c) => c.id === "tasks"));
  });

  it("queryables are a JSON Schema naming the filters", async () => {
    const res = await get("/ogc/collections/tasks/queryables");
    expect(res.headers.get("content-type")).toMatch(/^application\/schema\+json/);
    const body = await res.json();
    expect(body.$schema).toMatch(/json-schema\.org/);
    expect(body.type).toBe("object");
    expect(Object.keys(body.properties)).toEqual(
      expect.arrayContaining(["kind", "status", "taskId", "placeId", "role"]),
    );
    expect(body.properties.status.enum).toContain("COMPLETED");
  });
});

/**
 * Other test files write reports to the same database while this one reads, and a status can change
 * between the two reads: the OGC answer is taken between two GraphQL reads, again until those agree.
 */
async function consistent<G, O>(graphql: () => Promise<G>, ogc: () => Promise<O>): Promise<{ graphql: G; ogc: O }> {
  for (let attempt = 1; ; attempt++) {
    const before = await graphql();
    const answer = await ogc();
    if (isDeepStrictEqual(before, await graphql())) return { graphql: before, ogc: answer };
    if (attempt === 10) throw new Error("GraphQL's answer kept changing while the OGC answer was read");
  }
}

type ProjectPage = {
  totalCount: number;
  nodes: { id: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};

/** Every project GraphQL lists for a filter, page by page, and its totalCount. */
async function allProjects(filter: Record<string, unknown> = {}): Promise<{ ids: string[]; totalCount: number }> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const { projects }: { projects: ProjectPage } = await gql(
      `query($f: ProjectFilter, $after: String) { projects(filter: $f, first: 100, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`,
      { f: filter, after },
    );
    ids.push(...projects.nodes.map((p) => p.id));
    if (!projects.pageInfo.hasNextPage) return { ids, totalCount: projects.totalCount };
    after = projects.pageInfo.endCursor;
  }
}

describe("ogc: items against GraphQL", () => {
  it("places: every place, once, paged with next links, numberMatched = GraphQL's count", async () => {
    const { places } = await gql<{ places: { id: string }[] }>(`{ places { id } }`);
    const { features, pages, numberMatched } = await allFeatures("places", "", 10);
    expect(pages).toBe(Math.ceil(places.length / 10));
    expect(numberMatched).toBe(places.length);
    expect(features.map((f) => f.id)).toEqual(places.map((p) => p.id));
  });

  it("tasks: one feature per task–place link, the links GraphQL lists", async () => {
    const { tasks } = await gql<{
      tasks: { totalCount: number; nodes: { id: string; places: { role: string; place: { id: string } }[] }[] };
    }>(`{ tasks(first: 100) { totalCount nodes { id places { role place { id } } } } }`);
    expect(tasks.totalCount).toBeLessThanOrEqual(100);
    const expected = tasks.nodes.flatMap((t) => t.places.map((l) => `${t.id}@${l.place.id}@${l.role}`)).sort();
    const { features, numberMatched } = await allFeatures("tasks", "", 40);
    expect(numberMatched).toBe(expected.length);
    expect(features.map((f) => f.id).sort()).toEqual(expected);
  });

  it("tasks: a feature carries the task's fields, its lead departments, the link's evidence and the place's own status", async () => {
    const {
      ogc: f,
      graphql: { task, obligations },
    } = await consistent(
      () =>
        gql(
          `{ task(id: "reform-14") { id kind ref title dueYear leadDepartments { id name } places { role place { id } evidence { text } } }
             obligations(filter: { placeIds: ["gujiao"], taskIds: ["reform-14"], includeContained: false }) { nodes { status } } }`,
        ),
      () => json<Feature>("/ogc/collections/tasks/items/reform-14@gujiao@PILOT"),
    );
    const link = task.places.find((l: any) => l.place.id === "gujiao" && l.role === "PILOT");
    expect(obligations.nodes).toHaveLength(1);
    expect(f.properties).toMatchObject({
      taskId: "reform-14",
      kind: task.kind,
      ref: task.ref,
      title: task.title,
      dueYear: task.dueYear,
      // one place's share of the task: Gujiao's own status, not the task's roll-up over its places
      status: obligations.nodes[0].status,
      placeId: "gujiao",
      role: "PILOT",
      evidence: link.evidence?.text ?? null,
      leadDepartmentIds: task.leadDepartments.map((d: any) => d.id).join(","),
      leadDepartments: task.leadDepartments.map((d: any) => d.name).join("、"),
    });
    expect(f.geometry.type).toMatch(/Polygon/);
  });

  it("obligations: one feature per obligation of each place by its own reasons (GraphQL's obligations(includeContained: false))", async () => {
    const { places } = await gql<{
      places: { id: string; obligations: { task: { id: string }; reasons: string[] }[] }[];
    }>(`{ places { id obligations(includeContained: false) { task { id } reasons } } }`);
    const expected = places
      .flatMap((p) => p.obligations.map((o) => `${o.task.id}@${p.id} ${o.reasons.join(",")}`))
      .sort();
    const { features, numberMatched } = await allFeatures("obligations", "", 100);
    expect(numberMatched).toBe(expected.length);
    expect(features.map((f) => `${f.id} ${f.properties.reasons}`).sort()).toEqual(expected);
  });

  it("projects: every project with a geometry, numberMatched = GraphQL's totalCount", async () => {
    // other files import projects into the same database: all of GraphQL's pages, read around OGC's
    const {
      graphql: projects,
      ogc: { features, numberMatched },
    } = await consistent(
      () => allProjects(),
      () => allFeatures("projects", "", 100),
    );
    expect(numberMatched).toBe(projects.totalCount);
    expect(features.map((f) => f.id).sort()).toEqual(projects.ids.sort());
    // the ones known only to lie in the city are there, and say so
    expect(features.some((f) => f.properties.precision === "ADM2")).toBe(true);
  });

  it("bbox around Gujiao: places, tasks and projects are GraphQL's bbox answers", async () => {
    const bbox = GUJIAO_BOX.split(",").map(Number);
    const data = await gql(
      `query($b: [Float!]) { places(filter: { bbox: $b }) { id } tasks(filter: { spatial: { bbox: $b } }, first: 100) { nodes { id } } }`,
      { b: bbox },
    );
    const places = await allFeatures("places", `bbox=${GUJIAO_BOX}`);
    expect(places.features.map((f) => f.id).sort()).toEqual(data.places.map((p: any) => p.id).sort());
    expect(places.features.map((f) => f.id)).toContain("gujiao");
    const tasks = await allFeatures("tasks", `bbox=${GUJIAO_BOX}`);
    expect([...new Set(tasks.features.map((f) => f.properties.taskId))].sort()).toEqual(
      data.tasks.nodes.map((t: any) => t.id).sort(),
    );
    expect(tasks.features.length).toBeGreaterThan(0);
    const { graphql: inBox, ogc: projects } = await consistent(
      () => allProjects({ spatial: { bbox } }),
      () => allFeatures("projects", `bbox=${GUJIAO_BOX}`, 100),
    );
    expect(projects.features.map((f) => f.id).sort()).toEqual(inBox.ids.sort());
    const all = await json<Page>(`/ogc/collections/places/items?limit=1000`);
    expect(places.numberMatched).toBeLessThan(all.numberMatched);
  });

  it("kind, status, placeId and taskId filter tasks as GraphQL does", async () => {
    const {
      graphql: { tasks },
      ogc: page,
    } = await consistent(
      () =>
        gql(
          `{ tasks(filter: { kinds: [PILOT], statuses: [NOT_STARTED] }, first: 100) { nodes { id places { place { id } } } } }`,
        ),
      () => allFeatures("tasks", "kind=PILOT&status=NOT_STARTED"),
    );
    expect(page.features.length).toBe(tasks.nodes.reduce((n: number, t: any) => n + t.places.length, 0));
    for (const f of page.features) expect([f.properties.kind, f.properties.status]).toEqual(["PILOT", "NOT_STARTED"]);
    const gujiao = await allFeatures("tasks", "placeId=gujiao");
    expect(gujiao.features.length).toBeGreaterThan(0);
    for (const f of gujiao.features) expect(f.properties.placeId).toBe("gujiao");
    const one = await allFeatures("obligations", "taskId=reform-14");
    expect(one.features.map((f) => f.properties.placeId)).toEqual(expect.arrayContaining(["gujiao", "qingxu"]));
    for (const f of one.features) expect(f.properties.taskId).toBe("reform-14");
  });

  it("datetime: tasks run from the plan's first year to their due year; projects by their stated years, as ProjectFilter.year", async () => {
    const all = await json<Page>("/ogc/collections/tasks/items?limit=1");
    expect((await json<Page>("/ogc/collections/tasks/items?limit=1&datetime=2014-06-30T00:00:00Z")).numberMatched).toBe(
      all.numberMatched,
    );
    expect(
      (await json<Page>("/ogc/collections/tasks/items?limit=1&datetime=2016-01-01T00:00:00Z/..")).numberMatched,
    ).toBe(0);
    expect(
      (await json<Page>("/ogc/collections/tasks/items?limit=1&datetime=../2012-12-31T23:59:59Z")).numberMatched,
    ).toBe(0);
    expect(
      (await json<Page>("/ogc/collections/obligations/items?limit=1&datetime=2015-12-31")).numberMatched,
    ).toBeGreaterThan(0);
    const { projects } = await gql(`{ projects(filter: { year: 2014 }) { totalCount } }`);
    expect(
      (await json<Page>("/ogc/collections/projects/items?limit=1&datetime=2014-06-30T00:00:00Z")).numberMatched,
    ).toBe(projects.totalCount);
  });

  it("script=HANT gives the traditional title; the default is simplified", async () => {
    const { task } = await gql(`{ task(id: "reform-14") { hans: title(script: HANS) hant: title(script: HANT) } }`);
    expect(task.hans).not.toBe(task.hant);
    expect((await json<Feature>("/ogc/collections/obligations/items/reform-14@gujiao")).properties.title).toBe(
      task.hans,
    );
    expect(
      (await json<Feature>("/ogc/collections/obligations/items/reform-14@gujiao?script=HANT")).properties.title,
    ).toBe(task.hant);
  });
});

describe("ogc: paging", () => {
  it("next and prev links page by offset; the last page has no next", async () => {
    const first = await json<Page>("/ogc/collections/tasks/items?limit=50");
    expect(first.numberReturned).toBe(50);
    expect(first.links.find((l) => l.rel === "prev")).toBeUndefined();
    const next = first.links.find((l) => l.rel === "next")!;
    expect(new URL(next.href).searchParams.get("offset")).toBe("50");
    const second = (await (await fetch(next.href)).json()) as Page;
    expect(second.features[0].id).not.toBe(first.features[0].id);
    const prev = second.links.find((l) => l.rel === "prev")!;
    expect(((await (await fetch(prev.href)).json()) as Page).features.map((f) => f.id)).toEqual(
      first.features.map((f) => f.id),
    );
    const last = await json<Page>(`/ogc/collections/tasks/items?limit=50&offset=${first.numberMatched - 1}`);
    expect(last.numberReturned).toBe(1);
    expect(last.links.find((l) => l.rel === "next")).toBeUndefined();
    expect(Date.parse(last.timeStamp)).not.toBeNaN();
  });

  it("a page past the end is empty but still says how many match", async () => {
    const page = await json<Page>("/ogc/collections/places/items?offset=5000");
    expect(page.features).toEqual([]);
    expect(page.numberReturned).toBe(0);
    expect(page.numberMatched).toBeGreaterThan(0);
  });

  it("limit defaults to 100, and a limit over 1000 is treated as 1000 (not an error)", async () => {
    expect((await json<Page>("/ogc/collections/tasks/items")).numberReturned).toBe(100);
    const big = await json<Page>("/ogc/collections/tasks/items?limit=5000&offset=0");
    expect(big.numberReturned).toBe(big.numberMatched);
    expect(big.links.find((l) => l.rel === "self")!.href).toContain("limit=5000");
  });
});

describe("ogc: formats", () => {
  it("f=html and a browser's Accept header give a readable page with a table of the properties", async () => {
    for (const res of [
      await get("/ogc/collections/places/items?f=html&limit=5"),
      await get("/ogc/collections/places/items?limit=5", { accept: "text/html,application/xhtml+xml,*/*;q=0.8" }),
    ]) {
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      const page = await res.text();
      expect(page).toMatch(/<table>/);
      expect(page).toContain("taiyuan");
      expect(page).toMatch(/href="[^"]*offset=5[^"]*f=html|href="[^"]*f=html[^"]*offset=5/);
    }
    for (const path of [
      "/ogc",
      "/ogc/conformance",
      "/ogc/api",
      "/ogc/collections",
      "/ogc/collections/tasks",
      "/ogc/collections/tasks/queryables",
      "/ogc/collections/places/items/gujiao",
    ]) {
      const res = await get(`${path}?f=html`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type"), path).toMatch(/^text\/html/);
    }
  });

  it("items are application/geo+json for a client that does not ask for HTML", async () => {
    const res = await get("/ogc/collections/places/items?limit=1", { accept: "*/*" });
    expect(res.headers.get("content-type")).toMatch(/^application\/geo\+json/);
    expect(((await res.json()) as Page).type).toBe("FeatureCollection");
  });

  it("HTML escapes what it shows", async () => {
    const res = await get("/ogc/collections/places/items?f=html&limit=1000");
    expect(await res.text()).not.toMatch(/<script/i);
  });
});

describe("ogc: errors are the standard's JSON with the right status", () => {
  async function error(path: string, status: number, code: string, mentions: RegExp): Promise<void> {
    const res = await get(path);
    const body = await res.json();
    expect(res.status, `${path}: ${JSON.stringify(body)}`).toBe(status);
    expect(body.code, path).toBe(code);
    expect(body.description, path).toMatch(mentions);
  }

  it("400 for bad parameters, naming them", async () => {
    await error(
      "/ogc/collections/places/items?bbox=111,37,0,113,38,100",
      400,
      "InvalidParameterValue",
      /bbox: a box of 6 numbers/,
    );
    await error(
      "/ogc/collections/places/items?bbox=111,37,113",
      400,
      "InvalidParameterValue",
      /bbox: expected 4 numbers/,
    );
    await error(
      "/ogc/collections/places/items?bbox=113,37,111,38",
      400,
      "InvalidParameterValue",
      /bbox: west must be less than east/,
    );
    await error("/ogc/collections/places/items?bbox=a,b,c,d", 400, "InvalidParameterValue", /bbox/);
    await error("/ogc/collections/places/items?limit=0", 400, "InvalidParameterValue", /limit/);
    await error("/ogc/collections/places/items?limit=ten", 400, "InvalidParameterValue", /limit/);
    await error("/ogc/collections/places/items?offset=-1", 400, "InvalidParameterValue", /offset/);
    await error(
      "/ogc/collections/places/items?color=red",
      400,
      "InvalidParameterValue",
      /unknown query parameter "color"/,
    );
    await error(
      "/ogc/collections/places/items?datetime=2014-01-01T00:00:00Z",
      400,
      "InvalidParameterValue",
      /datetime: the places collection has no time/,
    );
    await error(
      "/ogc/collections/tasks/items?datetime=yesterday",
      400,
      "InvalidParameterValue",
      /datetime: expected an RFC 3339/,
    );
    await error(
      "/ogc/collections/tasks/items?datetime=2015-01-01T00:00:00Z/2014-01-01T00:00:00Z",
      400,
      "InvalidParameterValue",
      /start is after its end/,
    );
    await error(
      "/ogc/collections/tasks/items?kind=CASTLE",
      400,
      "InvalidParameterValue",
      /kind: unknown value "CASTLE"/,
    );
    await error(
      "/ogc/collections/tasks/items?script=LATIN",
      400,
      "InvalidParameterValue",
      /script: expected HANS or HANT/,
    );
    await error("/ogc/collections/tasks/items?f=xml", 400, "InvalidParameterValue", /f: expected json or html/);
    await error(
      "/ogc/collections/tasks/items?limit=1&limit=2",
      400,
      "InvalidParameterValue",
      /limit: give the parameter once/,
    );
    await error("/ogc/collections/tasks/items?placeId=%00", 400, "InvalidParameterValue", /NUL/);
    await error("/ogc?bbox=1,2,3,4", 400, "InvalidParameterValue", /unknown query parameter "bbox"/);
  });

  it("404 for an unknown collection, feature or path", async () => {
    await error("/ogc/collections/castles", 404, "NotFound", /collection "castles" does not exist/);
    await error("/ogc/collections/castles/items", 404, "NotFound", /castles/);
    await error("/ogc/collections/places/items/atlantis", 404, "NotFound", /no feature "atlantis"/);
    await error("/ogc/collections/tasks/items/reform-14@atlantis@PILOT", 404, "NotFound", /no feature/);
    await error("/ogc/collections/obligations/items/reform-14", 404, "NotFound", /no feature/);
    await error("/ogc/nowhere", 404, "NotFound", /no resource/);
  });

  it("405 for anything but GET: the API is read-only", async () => {
    const s = await testServer();
    const res = await fetch(`${s.url}/ogc/collections/places/items`, {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(405);
    expect((await res.json()).code).toBe("OperationNotSupported");
  });
});

describe("ogc: what anonymous readers see", () => {
  // this file's own task: no other test reports on it
  const TASK = "research-5";
  let authorName = "";

  beforeAll(async () => {
    const s = await testServer();
    const author = await createPlanner("ogc-author");
    authorName = author.username;
    const pending = await s.gql(
      `mutation($t: ID!) { reportProgress(input: { taskId: $t, status: DELAYED, progress: 5, note: "pending" }) { id } }`,
      { t: TASK },
      author.auth,
    );
    expect(pending.body.errors, JSON.stringify(pending.body.errors)).toBeUndefined();
  });

  it("a report nobody approved changes no status, and no author appears", async () => {
    const page = await json<Page>(`/ogc/collections/tasks/items?taskId=${TASK}`);
    expect(page.features.length).toBeGreaterThan(0);
    for (const f of page.features) expect([f.properties.status, f.properties.progress]).toEqual(["NOT_STARTED", null]);
    const obligations = await json<Page>(`/ogc/collections/obligations/items?taskId=${TASK}`);
    for (const f of obligations.features) expect(f.properties.status).toBe("NOT_STARTED");
    expect(JSON.stringify(page) + JSON.stringify(obligations)).not.toContain(authorName);
  });

  it("once approved, the status and progress show, as GraphQL shows them, and asOf before it shows the earlier state", async () => {
    const s = await testServer();
    const author = await createPlanner("ogc-author2");
    const reviewer = await createPlanner("ogc-reviewer");
    const report = await s.gql(
      `mutation($t: ID!) { reportProgress(input: { taskId: $t, status: IN_PROGRESS, progress: 40, note: "approved" }) { id } }`,
      { t: TASK },
      author.auth,
    );
    // v2: asOf is compared with the date a report describes (today, by default), not when it was approved
    const before = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const review = await s.gql(
      `mutation($id: ID!) { reviewReport(id: $id, decision: APPROVE) { review } }`,
      { id: report.body.data.reportProgress.id },
      reviewer.auth,
    );
    expect(review.body.data?.reviewReport?.review, JSON.stringify(review.body.errors)).toBe("APPROVED");
    const { task } = await gql(`{ task(id: "${TASK}") { status progress } }`);
    expect(task).toEqual({ status: "IN_PROGRESS", progress: 40 });
    const page = await json<Page>(`/ogc/collections/tasks/items?taskId=${TASK}&status=IN_PROGRESS`);
    expect(page.features.length).toBeGreaterThan(0);
    for (const f of page.features) expect([f.properties.status, f.properties.progress]).toEqual(["IN_PROGRESS", 40]);
    const earlier = await json<Page>(`/ogc/collections/tasks/items?taskId=${TASK}&asOf=${encodeURIComponent(before)}`);
    for (const f of earlier.features) expect(f.properties.status).toBe("NOT_STARTED");
    expect(JSON.stringify(page)).not.toContain(author.username);
  });
});

describe("ogc: the parameters' rules (no database)", () => {
  it("a limit over 1000 becomes 1000; none is 100", async () => {
    const { getCollection, parseItemsRequest } = await import("../../../server/src/modules/ogc/ogc.service.ts");
    expect(parseItemsRequest(getCollection("tasks"), { limit: "5000" }).query.limit).toBe(1000);
    expect(parseItemsRequest(getCollection("tasks"), {}).query.limit).toBe(100);
  });

  it("datetime: a date covers its whole day (UTC), open ends are unbounded", async () => {
    const { getCollection, datetimeParam } = await import("../../../server/src/modules/ogc/ogc.service.ts");
    const tasks = getCollection("tasks");
    expect(datetimeParam({ datetime: "2014-02-03" }, tasks)).toEqual({
      start: Date.UTC(2014, 1, 3),
      end: Date.UTC(2014, 1, 4) - 1,
    });
    expect(datetimeParam({ datetime: "../2014-02-03T00:00:00+08:00" }, tasks)).toEqual({
      start: -Infinity,
      end: Date.UTC(2014, 1, 2, 16),
    });
    expect(datetimeParam({ datetime: "2014-02-03T00:00:00Z/" }, tasks)).toEqual({
      start: Date.UTC(2014, 1, 3),
      end: Infinity,
    });
    expect(() => datetimeParam({ datetime: "2014-02-30" }, tasks)).toThrow(/not a calendar date/);
  });
});
