/**
 * The soak run (issue 18; `npm run soak [-- --minutes N]`, not in CI): starts the built server
 * (`node server/dist/main.js` with the start script's flags; DATABASE_URL if set, else the
 * embedded database in a fresh folder), holds mixed traffic on it — the map's reads, filters
 * (bbox, near, within), search, exports, vector tiles, and hostile input (polygons over the
 * caps or crossing themselves, huge strings and lists, large distinct query texts and
 * variables that once filled the caches) — and samples the server's RSS every 5 s. It prints
 * the RSS at the start, after the first minute, once warmed up (the caches fill during the first
 * fifth of the run), the peak and the end, whether it is flat (the last minute's median within
 * 10 % or 20 MB of the warmed-up minute's), and the answers by status.
 * A 5xx answer, an INTERNAL_SERVER_ERROR or a dead server fails the run (exit 1).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { memoryOf } from "./measure.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const minutesArg = process.argv.indexOf("--minutes");
const MINUTES = minutesArg > 0 ? Number(process.argv[minutesArg + 1]) : 10;
if (!(MINUTES > 0)) throw new Error("--minutes: expected a positive number");
const CONCURRENCY = 4;
const SAMPLE_MS = 5_000;

function startFlags(): string[] {
  const start: string = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts.start;
  const m = start.match(/\bnode ((?:--[\w-]+(?:=\S+)? )*)server\/dist\/main\.js/);
  return m ? m[1].trim().split(/\s+/).filter(Boolean) : [];
}

// ---- traffic ---------------------------------------------------------------------------

const TAIYUAN = [112.55, 37.87];
let counter = 0;
const rand = (a: number, b: number) => a + Math.random() * (b - a);
const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)];

function ring(n: number, r: number, wobble = 0.1): number[][] {
  const cx = TAIYUAN[0] + rand(-0.1, 0.1);
  const cy = TAIYUAN[1] + rand(-0.1, 0.1);
  const pts: number[][] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const k = r * (1 + wobble * Math.sin(i * 7.3 + counter));
    pts.push([cx + k * Math.cos(a), cy + k * Math.sin(a)]);
  }
  return [...pts, pts[0]];
}

function zigzag(n: number): number[][] {
  const pts: number[][] = [];
  for (let i = 0; i < n; i++) pts.push([TAIYUAN[0] + (i % 2 ? 0.2 : -0.2), TAIYUAN[1] - 0.2 + (0.4 * i) / n]);
  return [...pts, pts[0]];
}

/** hostile: made to cost the server; refused: it must also get an error (the others are valid, only large) */
type Request = {
  kind: string;
  hostile: boolean;
  refused?: boolean;
  method: "GET" | "POST";
  path: string;
  body?: unknown;
};
const gql = (kind: string, query: string, variables?: unknown, hostile = false, refused = hostile): Request => ({
  kind,
  hostile,
  refused,
  method: "POST",
  path: "/graphql",
  body: { query, variables },
});

const MAP_PLACES = `query MapPlaces { places { id code name nameEn kind precision centroid areaKm2 parent { id } } }`;
const TASKS = `query Tasks($f: TaskFilter, $first: Int) { tasks(filter: $f, first: $first) { totalCount nodes { id kind ref title titleEn places { role place { id name kind } } } } }`;
const PLACE_PANEL = `query Panel($id: ID!) { place(id: $id) { id name nameEn kind obligations { task { id title kind } reasons } statusSummary { notStarted inProgress completed delayed atRisk overdue meanProgress } } }`;
const PLACE_IDS = [
  "gujiao",
  "qingxu",
  "yangqu",
  "loufan",
  "xiaodian",
  "yingze",
  "xinghualing",
  "wanbailin",
  "jinyuan",
  "jiancaoping",
];

function nextRequest(): Request {
  counter++;
  const roll = Math.random();
  if (roll < 0.15) return gql("map places", MAP_PLACES);
  if (roll < 0.3) {
    const w = rand(0.02, 0.2);
    const x = rand(112.3, 112.8);
    const y = rand(37.6, 38.1);
    return gql("tasks bbox", TASKS, { f: { spatial: { bbox: [x, y, x + w, y + w] } }, first: 50 });
  }
  if (roll < 0.4)
    return gql("tasks near", TASKS, {
      f: {
        spatial: { near: { lng: rand(112.4, 112.7), lat: rand(37.7, 38), radiusMeters: rand(500, 20_000) } },
        orderBy: "DISTANCE",
      },
      first: 20,
    });
  if (roll < 0.5)
    return gql("tasks within", TASKS, {
      f: { spatial: { within: { type: "Polygon", coordinates: [ring(Math.floor(rand(8, 400)), rand(0.02, 0.3))] } } },
      first: 50,
    });
  if (roll < 0.58) return gql("place panel", PLACE_PANEL, { id: pick(PLACE_IDS) });
  if (roll < 0.64)
    return gql("search", `query($t: String!) { search(text: $t) { __typename } }`, {
      t: pick(["太原", "改革", "清徐", "transformation", "煤"]),
    });
  if (roll < 0.69)
    return {
      kind: "export tasks",
      hostile: false,
      method: "GET",
      path: `/export/tasks.geojson?kinds=MATTER,REFORM&placeIds=${pick(PLACE_IDS)}`,
    };
  if (roll < 0.71) return { kind: "export places", hostile: false, method: "GET", path: "/export/places.geojson" };
  if (roll < 0.76) {
    const z = Math.floor(rand(8, 14));
    const n = 2 ** z;
    const x = Math.floor(((TAIYUAN[0] + 180) / 360) * n);
    const lat = (TAIYUAN[1] * Math.PI) / 180;
    const y = Math.floor(((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * n);
    return { kind: "tile", hostile: false, method: "GET", path: `/tiles/projects/${z}/${x}/${y}.mvt` };
  }
  // hostile: about a quarter of the traffic
  const h = Math.floor(Math.random() * 8);
  switch (h) {
    case 0:
      return gql(
        "hostile: polygon over the cap",
        TASKS,
        { f: { spatial: { within: { type: "Polygon", coordinates: [ring(10_500, 0.3)] } } } },
        true,
      );
    case 1:
      return gql(
        "hostile: self-crossing polygon",
        TASKS,
        { f: { spatial: { within: { type: "Polygon", coordinates: [zigzag(6_501)] } } } },
        true,
      );
    case 2:
      return gql(
        "hostile: valid polygon at the cap",
        TASKS,
        { f: { spatial: { within: { type: "Polygon", coordinates: [ring(9_999, 0.3, 0.05)] } } }, first: 5 },
        true,
        false,
      );
    case 3:
      return gql("hostile: huge string", TASKS, { f: { text: "改".repeat(rand(10_001, 300_000)) } }, true);
    case 4:
      return gql(
        "hostile: huge list",
        TASKS,
        { f: { sectionIds: Array.from({ length: 20_000 }, (_, i) => `s${i}`) } },
        true,
      );
    case 5:
      // distinct texts with a large comment: once kept whole in the lane's cache
      return gql(
        "hostile: distinct large query text",
        `# ${counter} ${"x".repeat(60_000)}\n${MAP_PLACES.replace("MapPlaces", `M${counter}`)}`,
        undefined,
        true,
        false,
      );
    case 6:
      // distinct variables with a large polygon: once a statement per variables' JSON
      return gql(
        "hostile: distinct large variables",
        TASKS,
        {
          f: { spatial: { within: { type: "Polygon", coordinates: [ring(3_000, 0.25)] } } },
          first: Math.floor(rand(1, 100)),
        },
        true,
        false,
      );
    default:
      return {
        kind: "hostile: export with crossing within",
        hostile: true,
        refused: true,
        method: "GET",
        path: `/export/tasks.geojson?within=${encodeURIComponent(JSON.stringify({ type: "Polygon", coordinates: [zigzag(200)] }))}`,
      };
  }
}

// ---- run --------------------------------------------------------------------------------

async function main(): Promise<void> {
  if (!existsSync(path.join(ROOT, "server/dist/main.js")) || process.argv.includes("--build")) {
    const built = spawnSync(process.execPath, ["scripts/build-server.mjs"], { cwd: ROOT, stdio: "inherit" });
    if (built.status !== 0) throw new Error("building the server failed");
  }
  const dataDir = process.env.DATABASE_URL ? null : mkdtempSync(path.join(os.tmpdir(), "atlas-soak-"));
  const child = spawn(process.execPath, [...startFlags(), "server/dist/main.js"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      LOG_LEVEL: "info",
      ...(dataDir ? { DATA_DIR: dataDir } : {}),
    },
  });
  let exited = false;
  child.once("exit", () => (exited = true));
  const base = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    child.once("exit", (code) => reject(new Error(`the server exited (${code}) before it was ready`)));
    lines.on("line", (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg?.startsWith("ready") && entry.url) resolve(entry.url);
      } catch {
        // not a log line
      }
    });
  });
  console.log(
    `soak: ${base} (pid ${child.pid}, ${process.env.DATABASE_URL ? "PostgreSQL server" : "embedded database"}), ${MINUTES} min, ${CONCURRENCY} clients`,
  );

  const byKind = new Map<string, { n: number; statuses: Map<number, number>; maxMs: number }>();
  const failures: string[] = [];
  const samples: { t: number; rssMb: number }[] = [];
  const started = Date.now();
  const end = started + MINUTES * 60_000;
  const sample = () => samples.push({ t: (Date.now() - started) / 1000, rssMb: memoryOf(child.pid!).rssMb });
  sample();
  const sampler = setInterval(() => {
    sample();
    const s = samples[samples.length - 1];
    if (Math.round(s.t) % 60 < SAMPLE_MS / 1000) console.log(`  ${s.t.toFixed(0)} s: RSS ${s.rssMb.toFixed(0)} MB`);
  }, SAMPLE_MS);

  async function client(): Promise<void> {
    while (Date.now() < end && !exited) {
      const r = nextRequest();
      const t0 = performance.now();
      let status = 0;
      let text = "";
      try {
        const res = await fetch(base + r.path, {
          method: r.method,
          headers: r.body ? { "content-type": "application/json" } : {},
          body: r.body ? JSON.stringify(r.body) : undefined,
          signal: AbortSignal.timeout(60_000),
        });
        status = res.status;
        text = await res.text();
      } catch (error) {
        failures.push(`${r.kind}: ${(error as Error).message}`);
      }
      const ms = performance.now() - t0;
      const k = byKind.get(r.kind) ?? { n: 0, statuses: new Map(), maxMs: 0 };
      byKind.set(r.kind, k);
      k.n++;
      k.statuses.set(status, (k.statuses.get(status) ?? 0) + 1);
      k.maxMs = Math.max(k.maxMs, ms);
      if (status >= 500 || text.includes("INTERNAL_SERVER_ERROR"))
        failures.push(`${r.kind}: HTTP ${status} ${text.slice(0, 200)}`);
      if (r.hostile && r.refused && !text.includes('"error')) {
        failures.push(`${r.kind}: answered without an error`);
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  clearInterval(sampler);
  sample();

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  // warmed up: the caches (QUERY_CACHE_MB + STATEMENT_CACHE_MB, 32 MB by default) and the
  // database pool fill during the first fifth of the run (at least its first minute)
  const warm = Math.max(60, MINUTES * 12);
  const firstMinute =
    median(samples.filter((s) => s.t >= 30 && s.t <= 60).map((s) => s.rssMb)) || samples[1]?.rssMb || samples[0].rssMb;
  const warmed = median(samples.filter((s) => s.t >= warm && s.t <= warm + 60).map((s) => s.rssMb)) || firstMinute;
  const lastMinute = median(samples.filter((s) => s.t >= MINUTES * 60 - 60).map((s) => s.rssMb));
  const peak = Math.max(...samples.map((s) => s.rssMb));
  const flat = lastMinute - warmed <= Math.max(0.1 * warmed, 20);
  const total = [...byKind.values()].reduce((a, k) => a + k.n, 0);

  console.log(`\nrequests: ${total} in ${MINUTES} min (${(total / MINUTES / 60).toFixed(1)}/s)`);
  for (const [kind, k] of [...byKind].sort()) {
    console.log(
      `  ${kind.padEnd(40)} ${String(k.n).padStart(6)}  ${[...k.statuses].map(([s, n]) => `${s}×${n}`).join(" ")}  max ${k.maxMs.toFixed(0)} ms`,
    );
  }
  console.log(
    `RSS: start ${samples[0].rssMb.toFixed(0)} MB, first minute ${firstMinute.toFixed(0)} MB, warmed (${warm} s) ${warmed.toFixed(0)} MB, peak ${peak.toFixed(0)} MB, end ${lastMinute.toFixed(0)} MB: ${flat ? "flat" : "GROWING"}`,
  );
  const alive = !exited;
  console.log(`server alive: ${alive}; failures: ${failures.length}`);
  for (const f of failures.slice(0, 20)) console.log(`  ${f}`);

  child.kill("SIGTERM");
  await new Promise((r) => (exited ? r(null) : child.once("exit", r)));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (failures.length || !alive || !flat) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
