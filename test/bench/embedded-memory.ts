/**
 * Memory of the embedded database (PGlite + PostGIS on its worker thread), idle and under load:
 *   node --import tsx test/bench/embedded-memory.ts [--duration 20] [--variants default,initialMemory,...]
 * Each variant runs in a child process of its own on a fresh data folder: open, migrate, seed,
 * settle, read VmRSS (main thread + worker: one process), then 8 clients for `duration` seconds
 * of mixed reads (tasks with places, status summaries, both GeoJSON exports) with RSS sampled
 * every 200 ms. Prints one markdown row per variant. The absolute figure of `npm start` is the
 * `bundle` variant: server/dist/main.js run with plain node (run `npm run build:server` first).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

const VARIANTS: Record<string, Record<string, unknown>> = {
  default: {},
  initialMemory128: { initialMemory: 128 * 1024 * 1024 },
  sharedBuffers16: { postgresqlconf: ["shared_buffers = 16MB"] },
  workMem1: { postgresqlconf: ["work_mem = 1MB", "maintenance_work_mem = 16MB"] },
  relaxedDurability: { relaxedDurability: true },
  combined: {
    initialMemory: 128 * 1024 * 1024,
    postgresqlconf: ["shared_buffers = 16MB", "work_mem = 1MB", "maintenance_work_mem = 16MB"],
  },
};

const OPERATIONS = [
  {
    path: "/graphql",
    body: { query: `{ tasks(first: 100) { nodes { id title places { role place { id name } } } } }` },
  },
  {
    path: "/graphql",
    body: {
      query: `{ places(filter: { kinds: [COUNTY, DISTRICT, COUNTY_CITY] }) { id statusSummary(asOf: "2014-06-30T00:00:00Z") { completed delayed meanProgress } } }`,
    },
  },
  { path: "/export/tasks.geojson" },
  { path: "/export/places.geojson" },
];

function rssOf(pid: number | "self"): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

async function load(url: string, seconds: number, sample: () => void): Promise<number> {
  const until = Date.now() + seconds * 1000;
  let requests = 0;
  const timer = setInterval(sample, 200);
  await Promise.all(
    Array.from({ length: 8 }, async (_, c) => {
      for (let i = c; Date.now() < until; i++) {
        const op = OPERATIONS[i % OPERATIONS.length];
        const res = op.body
          ? await fetch(`${url}${op.path}`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify(op.body),
            })
          : await fetch(`${url}${op.path}`);
        if (!res.ok) throw new Error(`${op.path}: HTTP ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
        requests++;
      }
    }),
  );
  clearInterval(timer);
  return requests;
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** One variant, in this (child) process. */
async function child(name: string, seconds: number): Promise<void> {
  await import("reflect-metadata");
  const { openEmbedded } = await import("../../server/src/db/database.ts");
  const { migrateToLatest } = await import("../../server/src/db/migrate.ts");
  const { seedIfEmpty } = await import("../../server/src/seed.ts");
  const { createLogger } = await import("../../server/src/logger.ts");
  const { createApp } = await import("../../server/src/app.ts");
  const { loadConfig } = await import("../../server/src/config.ts");
  const dir = mkdtempSync(path.join(tmpdir(), "atlas-memory-"));
  const logger = createLogger("silent");
  const database = await openEmbedded(dir, VARIANTS[name]);
  await migrateToLatest(database.db);
  await seedIfEmpty(database.db, logger);
  const app = await createApp(loadConfig({ PORT: "0", SEED_ON_BOOT: "false" }), logger, { database });
  await app.start();
  global.gc?.();
  const idle = rssOf("self");
  let peak = idle;
  const requests = await load(app.url(), seconds, () => (peak = Math.max(peak, rssOf("self"))));
  const after = rssOf("self");
  await app.stop();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(JSON.stringify({ name, idle, peak, after, requests }) + "\n");
}

/** The bundled server (what `npm start` runs), measured from outside through /proc. */
async function bundle(
  seconds: number,
): Promise<{ name: string; idle: number; peak: number; after: number; requests: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), "atlas-memory-"));
  const server = spawn(
    process.execPath,
    ["--max-semi-space-size=4", "--heap-growing-percent=30", path.join(ROOT, "server/dist/main.js")],
    {
      env: { ...process.env, PORT: "0", DATA_DIR: dir, LOG_LEVEL: "info", DATABASE_URL: "" },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = "";
    server.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /"url":"(http:[^"]+)"/.exec(buffer);
      if (match) resolve(match[1]);
    });
    server.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  const idle = rssOf(server.pid!);
  let peak = idle;
  const requests = await load(url, seconds, () => (peak = Math.max(peak, rssOf(server.pid!))));
  const after = rssOf(server.pid!);
  server.kill("SIGTERM");
  await new Promise((resolve) => server.on("exit", resolve));
  rmSync(dir, { recursive: true, force: true });
  return { name: "bundle (npm start)", idle, peak, after, requests };
}

const { values } = parseArgs({
  options: { duration: { type: "string", default: "20" }, variants: { type: "string" }, child: { type: "string" } },
});
const seconds = Number(values.duration);
if (values.child) {
  await child(values.child, seconds);
} else {
  const names = values.variants ? values.variants.split(",") : ["bundle", ...Object.keys(VARIANTS)];
  console.log("| variant | idle RSS | peak RSS under load | RSS after load | requests |\n|---|---|---|---|---|");
  for (const name of names) {
    let row: { name: string; idle: number; peak: number; after: number; requests: number };
    if (name === "bundle") row = await bundle(seconds);
    else {
      const out = await new Promise<string>((resolve, reject) => {
        const p = spawn(
          process.execPath,
          [
            "--expose-gc",
            "--import",
            "tsx",
            fileURLToPath(import.meta.url),
            "--child",
            name,
            "--duration",
            String(seconds),
          ],
          { stdio: ["ignore", "pipe", "inherit"] },
        );
        let text = "";
        p.stdout.on("data", (c: Buffer) => (text += c.toString()));
        p.on("exit", (code) => (code === 0 ? resolve(text) : reject(new Error(`${name}: exit ${code}`))));
      });
      row = JSON.parse(out.trim().split("\n").at(-1)!);
    }
    console.log(`| ${row.name} | ${mb(row.idle)} | ${mb(row.peak)} | ${mb(row.after)} | ${row.requests} |`);
  }
}
