/**
 * What a `within` polygon costs (issue 18): validation alone (caps, rings, the sweep for
 * crossings) at sizes up to the cap, and whole requests on the server: the largest polygon
 * accepted, one just over the cap, and the self-crossing one of 6 501 positions.
 * `DATABASE_URL=… node --import tsx test/bench/polygon-cost.ts` (a fresh database: it seeds).
 */
import { createApp } from "../../server/src/app.ts";
import { loadConfig } from "../../server/src/config.ts";
import { createLogger } from "../../server/src/logger.ts";
import { POLYGON_LIMITS, validatePolygon } from "../../server/src/modules/spatial/spatial-filter.ts";

function star(n: number): number[][] {
  const ring: number[][] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const r = 0.3 + 0.05 * Math.sin(i * 7.3);
    ring.push([112.55 + r * Math.cos(a), 37.87 + r * Math.sin(a)]);
  }
  return [...ring, ring[0]];
}

function zigzag(n: number): number[][] {
  const ring: number[][] = [];
  for (let i = 0; i < n; i++) ring.push([112.55 + (i % 2 ? 0.2 : -0.2), 37.67 + (0.4 * i) / n]);
  return [...ring, ring[0]];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeValidation(ring: number[][], runs = 15): number {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    try {
      validatePolygon({ type: "Polygon", coordinates: [ring] });
    } catch {
      // refusals are timed too
    }
    ms.push(performance.now() - t);
  }
  return median(ms);
}

console.log("validation alone (median of 15):");
for (const n of [100, 1_000, 5_000, POLYGON_LIMITS.maxPositions - 1])
  console.log(`  simple ring, ${n + 1} positions: ${timeValidation(star(n)).toFixed(2)} ms`);
console.log(
  `  ${POLYGON_LIMITS.maxPositions + 1} positions (over the cap): ${timeValidation(star(POLYGON_LIMITS.maxPositions)).toFixed(3)} ms`,
);
console.log(`  32 001 positions (over the cap; the issue's 28 s): ${timeValidation(star(32_000)).toFixed(3)} ms`);
console.log(
  `  self-crossing, 6 502 positions (the issue's out-of-memory): ${timeValidation(zigzag(6_501)).toFixed(2)} ms`,
);

if (process.env.DATABASE_URL) {
  const app = await createApp(loadConfig({ ...process.env, PORT: "0", LOG_LEVEL: "silent" }), createLogger("silent"));
  await app.start();
  const query = `query($w: GeoJSON) { tasks(filter: { spatial: { within: $w } }, first: 50) { totalCount nodes { id } } }`;
  const request = async (ring: number[][]) => {
    const body = JSON.stringify({ query, variables: { w: { type: "Polygon", coordinates: [ring] } } });
    const t = performance.now();
    const res = await fetch(`${app.url()}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    const json = (await res.json()) as { errors?: { message: string }[]; data?: { tasks: { totalCount: number } } };
    return {
      ms: performance.now() - t,
      bytes: body.length,
      answer: json.errors ? json.errors[0].message.slice(0, 70) : `${json.data!.tasks.totalCount} tasks`,
    };
  };
  console.log("whole requests (tasks within, first 50; median of 9, after one warm-up):");
  for (const [label, ring] of [
    ["8 km circle, 33 positions", star(32)],
    ["1 000 positions", star(999)],
    ["2 000 positions", star(1_999)],
    ["5 000 positions", star(4_999)],
    [`largest accepted, ${POLYGON_LIMITS.maxPositions} positions`, star(POLYGON_LIMITS.maxPositions - 1)],
    [`over the cap, ${POLYGON_LIMITS.maxPositions + 1} positions`, star(POLYGON_LIMITS.maxPositions)],
    ["self-crossing, 6 502 positions", zigzag(6_501)],
  ] as const) {
    await request(ring);
    const runs = [];
    for (let i = 0; i < 9; i++) runs.push(await request(ring));
    console.log(
      `  ${label} (${(runs[0].bytes / 1024).toFixed(0)} KB): ${median(runs.map((r) => r.ms)).toFixed(1)} ms — ${runs[0].answer}`,
    );
  }
  await app.stop();
}
