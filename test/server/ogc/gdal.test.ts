/**
 * A real GIS client against /ogc: GDAL's OAPIF driver (ogrinfo, ogr2ogr from Debian's gdal-bin)
 * lists the four layers, reads every feature of each through several pages, applies a spatial
 * filter, and converts a layer to a GeoPackage; every count is compared with GraphQL's answer.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appWithLog } from "../../support/server.ts";

const run = promisify(execFile);
const PAGE_SIZE = 7;
// around Gujiao (古交), west of the city
const GUJIAO = { west: 111.9, south: 37.8, east: 112.2, north: 38.0 };

const { lines, url } = appWithLog<{ path?: string; status?: number; statements?: number }>();
let dir = "";

/** Runs a GDAL tool (asynchronously: the server answering it runs in this process) against loopback only. */
async function gdal(tool: "ogrinfo" | "ogr2ogr", args: string[]): Promise<string> {
  try {
    const { stdout } = await run(tool, args, {
      maxBuffer: 64 * 1024 * 1024,
      env: {
        ...process.env,
        NO_PROXY: "127.0.0.1,localhost",
        no_proxy: "127.0.0.1,localhost",
        HTTP_PROXY: "",
        http_proxy: "",
        GDAL_HTTP_MAX_RETRY: "0",
        CPL_DEBUG: "OFF",
      },
    });
    return stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error(`GDAL's ${tool} is not installed; install it with: apt-get install gdal-bin`);
    }
    const e = error as Error & { stderr?: string; stdout?: string };
    throw new Error(`${tool} ${args.join(" ")} failed: ${e.message}\n${e.stderr ?? ""}`);
  }
}

const source = () => `OAPIF:${url()}/ogc`;

interface OgrFeature {
  [field: string]: string;
}

/** The features `ogrinfo -al -q -geom=NO` prints, as field maps. */
function parseFeatures(out: string): OgrFeature[] {
  const features: OgrFeature[] = [];
  let current: OgrFeature | null = null;
  for (const line of out.split("\n")) {
    if (line.startsWith("OGRFeature(")) features.push((current = {}));
    const field = /^ {2}(\w+) \([^)]*\) = (.*)$/.exec(line);
    if (current && field) current[field[1]] = field[2];
  }
  return features;
}

/** Every feature of a layer, read through pages of PAGE_SIZE, optionally within a box. */
async function readLayer(layer: string, box?: typeof GUJIAO): Promise<OgrFeature[]> {
  const spat = box ? ["-spat", String(box.west), String(box.south), String(box.east), String(box.north)] : [];
  return parseFeatures(
    await gdal("ogrinfo", ["-ro", "-al", "-q", "-geom=NO", ...spat, "-oo", `PAGE_SIZE=${PAGE_SIZE}`, source(), layer]),
  );
}

async function gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${url()}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as T;
}

/** How many /items requests of a layer the server answered (each page is one). */
function itemRequests(layer: string): number {
  return lines.filter((l) => l.path === `/ogc/collections/${layer}/items` && l.status === 200).length;
}

/** GraphQL's answer for each layer: the number of features it should have. */
async function graphqlCounts(): Promise<Record<string, number>> {
  const data = await gql(`{
    places { id obligations(includeContained: false) { task { id } } }
    tasks(first: 100) { totalCount nodes { places { role } } }
    projects(first: 1) { totalCount }
  }`);
  expect(data.tasks.totalCount, "every task on one GraphQL page").toBeLessThanOrEqual(100);
  return {
    places: data.places.length,
    tasks: data.tasks.nodes.reduce((n: number, t: { places: unknown[] }) => n + t.places.length, 0),
    obligations: data.places.reduce((n: number, p: { obligations: unknown[] }) => n + p.obligations.length, 0),
    projects: data.projects.totalCount,
  };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "atlas-ogc-gdal-"));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("GDAL's OAPIF driver reads /ogc", () => {
  it("ogrinfo lists the four layers", async () => {
    const out = await gdal("ogrinfo", ["-ro", "-so", source()]);
    const layers = [...out.matchAll(/^\d+: (\w+)/gm)].map((m) => m[1]);
    expect(layers).toEqual(["places", "tasks", "obligations", "projects"]);
  });

  it("reads every feature of each layer in several pages; the counts are GraphQL's", async () => {
    const expected = await graphqlCounts();
    for (const layer of ["places", "tasks", "obligations", "projects"]) {
      const before = itemRequests(layer);
      const features = await readLayer(layer);
      expect(features.length, layer).toBe(expected[layer]);
      // one request per page at least (GDAL may ask for the first page twice)
      expect(itemRequests(layer) - before, `${layer}: pages of ${PAGE_SIZE}`).toBeGreaterThanOrEqual(
        Math.ceil(expected[layer] / PAGE_SIZE),
      );
      const ids = features.map((f) => f.id ?? f.taskId + "@" + f.placeId);
      expect(new Set(ids).size, `${layer}: no feature twice`).toBe(features.length);
    }
  });

  it("a spatial filter around Gujiao gives GraphQL's bbox answers", async () => {
    const bbox = [GUJIAO.west, GUJIAO.south, GUJIAO.east, GUJIAO.north];
    const data = await gql(
      `query($b: [Float!]) { places(filter: { bbox: $b }) { id } tasks(filter: { spatial: { bbox: $b } }, first: 100) { nodes { id } } projects(filter: { spatial: { bbox: $b } }, first: 100) { totalCount } }`,
      { b: bbox },
    );
    const places = await readLayer("places", GUJIAO);
    expect(places.map((f) => f.id).sort()).toEqual(data.places.map((p: { id: string }) => p.id).sort());
    expect(places.map((f) => f.id)).toContain("gujiao");
    const tasks = await readLayer("tasks", GUJIAO);
    expect(tasks.length).toBeGreaterThan(0);
    expect([...new Set(tasks.map((f) => f.taskId))].sort()).toEqual(
      data.tasks.nodes.map((t: { id: string }) => t.id).sort(),
    );
    const projects = await readLayer("projects", GUJIAO);
    expect(projects.length).toBe(data.projects.totalCount);
    // the box is a real filter: fewer places than the whole gazetteer
    expect(places.length).toBeLessThan((await graphqlCounts()).places);
  });

  it("an attribute filter (-where) reaches the server as the query parameters the OpenAPI document lists, with GraphQL's answer", async () => {
    const data = await gql(`{ place(id: "gujiao") { tasks(filter: { kinds: [PILOT] }) { role task { id } } } }`);
    const before = itemRequests("tasks");
    const features = parseFeatures(
      await gdal("ogrinfo", [
        "-ro",
        "-al",
        "-q",
        "-geom=NO",
        "-where",
        "kind = 'PILOT' AND placeId = 'gujiao'",
        source(),
        "tasks",
      ]),
    );
    // filtered by the server: a page or two, not the ~18 pages of 10 that reading every link and filtering in GDAL takes
    expect(itemRequests("tasks") - before).toBeLessThanOrEqual(3);
    expect(features.map((f) => `${f.taskId}@${f.role}`).sort()).toEqual(
      data.place.tasks.map((l: { role: string; task: { id: string } }) => `${l.task.id}@${l.role}`).sort(),
    );
    expect(features.length).toBeGreaterThan(0);
  });

  it("each request GDAL made cost a few SQL statements, whatever the page size", () => {
    const ogc = lines.filter((l) => l.path?.startsWith("/ogc"));
    expect(ogc.length).toBeGreaterThan(50);
    // a page of task links: the page with its count, the leads, their departments, the plan's text
    for (const l of ogc) expect(l.statements, JSON.stringify(l)).toBeLessThanOrEqual(4);
    // the statements are counted (a page of task links takes all four)
    expect(Math.max(...ogc.map((l) => l.statements ?? 0))).toBe(4);
  });

  it("ogr2ogr converts the tasks layer to a GeoPackage with every feature", async () => {
    const gpkg = path.join(dir, "tasks.gpkg");
    await gdal("ogr2ogr", ["-f", "GPKG", gpkg, source(), "tasks", "-oo", "PAGE_SIZE=50"]);
    const info = await gdal("ogrinfo", ["-ro", "-so", gpkg, "tasks"]);
    const count = Number(/Feature Count: (\d+)/.exec(info)?.[1]);
    expect(count).toBe((await graphqlCounts()).tasks);
    expect(info).toMatch(/^taskId: String/m);
    expect(info).toMatch(/^evidence: String/m);
    const back = parseFeatures(
      await gdal("ogrinfo", ["-ro", "-al", "-q", "-geom=NO", "-where", "taskId = 'reform-14'", gpkg, "tasks"]),
    );
    expect(back.map((f) => f.placeId)).toEqual(expect.arrayContaining(["gujiao", "qingxu"]));
  });
});
