/**
 * The map's places (MapPlaces, the benchmark's M1) through the SQL executor, in process, on the
 * database of DATABASE_URL (a benchmark dataset, e.g. atlas_bench_10x): EXPLAIN (ANALYZE, BUFFERS)
 * of its one statement, then the median time of a few runs.
 * `DATABASE_URL=… node --import tsx test/bench/m1-explain.ts [--runs 5] [--as-of 2014-06-30] [--no-explain] [--dump statement.json]`
 */
import "reflect-metadata"; // the schema's modules (type-graphql)
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { parse } from "graphql";
import { CompiledQuery } from "kysely";
import { openDatabase } from "../../server/src/db/database.ts";
import { ListBudget } from "../../server/src/core/list-budget.ts";
import { getSchema } from "../../server/src/graphql/schema.ts";
import { executeInSqlAsText, statementFor } from "../../server/src/graphql/sql-executor.ts";
import { clientOperations } from "../support/generated-operations.ts";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL: a benchmark dataset's database");
  const runs = Number(arg("--runs", "5"));
  const database = await openDatabase({ databaseUrl: url, dataDir: null as unknown as string });
  const schema = await getSchema();
  const source = clientOperations().find((o) => o.name === "MapPlaces")!.source;
  const document = parse(source);
  const variables = { script: "HANS", asOf: arg("--as-of", "2014-06-30"), tolerance: 0.001 };
  try {
    const statement = statementFor({
      schema,
      document,
      variables,
      db: database.db,
      viewer: null,
      maxItems: 2 ** 31 - 1,
    });
    if (!statement) throw new Error("MapPlaces is not compiled");
    const dump = process.argv.indexOf("--dump");
    if (dump > 0)
      writeFileSync(process.argv[dump + 1], JSON.stringify({ sql: statement.sql, parameters: statement.parameters }));
    if (!process.argv.includes("--no-explain")) {
      const plan = await database.db.executeQuery<{ "QUERY PLAN": string }>(
        CompiledQuery.raw(`explain (analyze, buffers) ${statement.sql}`, [...statement.parameters]),
      );
      console.log(plan.rows.map((r) => r["QUERY PLAN"]).join("\n"));
    }
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const text = await executeInSqlAsText({
        schema,
        document,
        variables,
        db: database.db,
        viewer: null,
        budget: new ListBudget(1e9),
      });
      times.push(performance.now() - started);
      bytes = text?.length ?? -1;
    }
    times.sort((a, b) => a - b);
    console.log(
      `MapPlaces: ${bytes} characters; ms ${times.map((t) => t.toFixed(0)).join(" ")}; median ${times[Math.floor(runs / 2)].toFixed(0)}`,
    );
  } finally {
    await database.close();
  }
}

await main();
