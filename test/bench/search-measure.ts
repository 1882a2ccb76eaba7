/**
 * Search and the yearly assessment through the app over HTTP, in process, with the SQL executor and
 * without it (SQL_EXECUTOR=false: the resolvers), on the database of DATABASE_URL (migrated and
 * seeded here): ROUNDS rounds of one request of each variant in turn (so both see the same machine
 * load), one connection, after a warm-up; each request's search text is the next of TEXTS, so the
 * executor's statement cache holds only what TEXTS repeat (and for "search, new variables", nothing). Prints the median, p90 and mean per
 * request, and requests/s, for each. `DATABASE_URL=… node --import tsx test/bench/search-measure.ts`
 */
import "reflect-metadata"; // the schema's modules (type-graphql)
import { seededDatabase } from "./in-process.ts";
import { performance } from "node:perf_hooks";
import { createApp } from "../../server/src/app.ts";
import { loadConfig } from "../../server/src/config.ts";
import { createLogger } from "../../server/src/logger.ts";

const log = createLogger("silent");
const ROUNDS = Number(process.env.ROUNDS ?? 200);

/** Both scripts, names, bodies, several words, English, an id, no hits. */
const TEXTS = [
  "古交",
  "萬柏林",
  "煤炭 产业",
  "矿城融合",
  "礦城融合",
  "太原",
  "Taiyuan",
  "reform-14",
  "改革",
  "no such thing",
  "小店",
  "園區",
  "转型",
  "综改",
];

const SEARCH = `query Search($text: String!) {
  search(text: $text, first: 20) {
    __typename
    ... on Task { id title status progress }
    ... on Place { id name kind }
    ... on Department { id name }
    ... on Project { id name category }
  }
}`;
const ASSESSMENT = `query Assessment($year: Int!) {
  assessment(year: $year) { year place { id name } obligations due met metLate delayed notReported score finalizedAt note }
}`;

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return {
    median: s[Math.floor(s.length / 2)].toFixed(2),
    p90: s[Math.floor(s.length * 0.9)].toFixed(2),
    mean: mean.toFixed(2),
    perSecond: Math.round(1000 / mean),
  };
}

async function main() {
  const database = await seededDatabase(log);
  const apps = {
    executor: await createApp(loadConfig({ PORT: "0", SEED_ON_BOOT: "false" }), log, { database }),
    resolvers: await createApp(loadConfig({ PORT: "0", SEED_ON_BOOT: "false", SQL_EXECUTOR: "false" }), log, {
      database,
    }),
  };
  for (const app of Object.values(apps)) await app.start();
  const post = async (base: string, query: string, variables: Record<string, unknown>) => {
    const started = performance.now();
    const res = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    if (res.status !== 200 || text.includes('"errors"')) throw new Error(text.slice(0, 300));
    return { ms, text };
  };
  const cases: [string, string, (i: number) => Record<string, unknown>][] = [
    ["search", SEARCH, (i) => ({ text: TEXTS[i % TEXTS.length] })],
    // the same texts with trailing spaces, more each round: the same hits, but variables the executor's
    // statement cache has not seen, so every statement is built again (the text checked and folded)
    [
      "search, new variables",
      SEARCH,
      (i) => ({ text: TEXTS[i % TEXTS.length] + " ".repeat(1 + Math.floor(i / TEXTS.length)) }),
    ],
    ["assessment", ASSESSMENT, (i) => ({ year: 2013 + (i % 3) })],
  ];
  for (const [label, query, variables] of cases) {
    // the same answers from both (and a warm-up)
    for (let i = 0; i < TEXTS.length; i++) {
      const a = await post(apps.executor.url(), query, variables(i));
      const b = await post(apps.resolvers.url(), query, variables(i));
      if (a.text !== b.text) throw new Error(`${label} ${JSON.stringify(variables(i))}: the answers differ`);
    }
    const times: Record<string, number[]> = { executor: [], resolvers: [] };
    for (let i = 0; i < ROUNDS; i++)
      for (const [name, app] of Object.entries(apps)) times[name].push((await post(app.url(), query, variables(i))).ms);
    for (const [name, xs] of Object.entries(times))
      console.log(`${label.padEnd(21)} ${name.padEnd(9)} ${ROUNDS} requests: ${JSON.stringify(stats(xs))} (ms)`);
  }
  for (const app of Object.values(apps)) await app.stop();
  await database.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
