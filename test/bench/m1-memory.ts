/**
 * The product's memory under the map's startup request, one server alone: `node --import tsx
 * test/bench/m1-memory.ts` starts server/dist/main.js (or M1_MEMORY_MAIN, another bundle, to compare
 * two builds turn about) with package.json's start flags on atlas_bench_1x (made by `npm run bench`),
 * sends the client's MapPlaces over M1_MEMORY_CONNECTIONS (20) connections for M1_MEMORY_SECONDS (15)
 * and prints the server's resident memory from /proc every 25 ms: its peak, the peak after the first
 * third (past the first wave), p90 and median. Not a result of the bench: it shows where the peak RSS
 * of the bench's M1 rows comes from (BENCHMARKS.md, "Sixteenth session").
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { clientOperations } from "../support/generated-operations.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const PORT = 4302;
const start: string = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts.start;
const flags = (start.match(/\bnode ((?:--[\w-]+(?:=\S+)? )*)server\/dist\/main\.js/)?.[1] ?? "")
  .split(/\s+/)
  .filter(Boolean);

async function main(): Promise<void> {
  const child = spawn(process.execPath, [...flags, process.env.M1_MEMORY_MAIN ?? "server/dist/main.js"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      DATABASE_URL: "postgres://postgres@127.0.0.1:5432/atlas_bench_1x",
      PORT: String(PORT),
      HOST: "127.0.0.1",
      SEED_ON_BOOT: "false",
      LOG_LEVEL: "warn",
    },
  });
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))![1]) / 1024;
  try {
    for (let tries = 0; ; tries++) {
      if (child.exitCode !== null || tries > 300) throw new Error("the server did not start");
      const ready = await fetch(`http://127.0.0.1:${PORT}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const source = clientOperations().find((o) => o.name === "MapPlaces")!.source;
    const body = JSON.stringify({
      query: source,
      variables: { script: "HANS", asOf: "2014-06-30T00:00:00Z", tolerance: 0.001 },
    });
    const base = rss();
    const samples: number[] = [];
    const timer = setInterval(() => samples.push(rss()), 25);
    const result = await autocannon({
      url: `http://127.0.0.1:${PORT}/graphql`,
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      connections: Number(process.env.M1_MEMORY_CONNECTIONS ?? 20),
      duration: Number(process.env.M1_MEMORY_SECONDS ?? 15),
    });
    clearInterval(timer);
    const late = Math.max(...samples.slice(Math.floor(samples.length / 3)));
    samples.sort((a, b) => a - b);
    const at = (q: number) => samples[Math.floor((samples.length - 1) * q)].toFixed(0);
    console.log(
      `RSS MB: before ${base.toFixed(0)}, peak ${at(1)}, peak after the first third ${late.toFixed(0)}, p90 ${at(0.9)}, median ${at(0.5)}; ` +
        `${result.requests.total} answers (${result.non2xx} not 2xx), p50 ${result.latency.p50} ms`,
    );
  } finally {
    child.kill("SIGTERM");
  }
}

await main();
