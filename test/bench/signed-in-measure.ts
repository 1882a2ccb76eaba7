/**
 * The signed-in reads (the console's: the user, the accounts, the review queue, the linker's
 * uncertain matches, every recording of the indicators, and a task's reports as a planner sees
 * them) through the resolvers and through the SQL executor, for a planner, in process, on the
 * database of DATABASE_URL (migrated and seeded here): statements per request and the median time
 * of 30 after 5 warm-up runs, over the seeded plan plus two synthetic layers and the signed-in
 * users' own reports and figures, in a transaction that is rolled back. Then geocoding: the whole
 * request through the resolvers (and its parts: reading the gazetteer, building the matcher,
 * matching) and through the executor (one statement over the stored forms, place_alias_form).
 * `node --import tsx test/bench/signed-in-measure.ts`
 */
import "reflect-metadata"; // the schema's modules (type-graphql)
import { seededDatabase, timed as timedRuns } from "./in-process.ts";
import { execute, parse } from "graphql";
import type { Db } from "../../server/src/db/database.ts";
import { createLogger } from "../../server/src/logger.ts";
import { createContext } from "../../server/src/graphql/context.ts";
import type { SessionUser } from "../../server/src/core/actor.ts";
import { ListBudget } from "../../server/src/core/list-budget.ts";
import { getSchema } from "../../server/src/graphql/schema.ts";
import { executeInSql } from "../../server/src/graphql/sql-executor.ts";
import { findGeocodablePlaces } from "../../server/src/modules/project/project.repository.ts";
import { createGeocoder } from "../../server/src/modules/project/geocode.ts";
import { clientOperations, seededIds, TASK } from "../support/generated-operations.ts";
import { addSyntheticLayer, insertSignedInUsers, insertSyntheticPlanner } from "../support/synthetic.ts";

const log = createLogger("silent");
const RUNS = 30;
const timed = (db: Db, run: (db: Db) => Promise<unknown>) => timedRuns(db, run, RUNS);

async function main() {
  const database = await seededDatabase(log);
  const schema = await getSchema();
  const ops = new Map(clientOperations().map((o) => [o.name, o.source]));

  const resolvers = (user: SessionUser, source: string, variables: Record<string, unknown>) => async (db: Db) => {
    const contextValue = createContext({
      db,
      user,
      tokenHash: null,
      requestId: "measure",
      clientAddress: "127.0.0.1",
      log,
      sessionTtlSeconds: 0,
      secureCookies: false,
      budget: new ListBudget(50_000),
    });
    const r = await execute({ schema, document: parse(source), variableValues: variables, contextValue });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data;
  };

  class Rollback extends Error {}
  await database.db
    .transaction()
    .execute(async (trx) => {
      const planner = await insertSyntheticPlanner(trx, "measure-signed-in");
      const ids = await seededIds(trx);
      for (const k of [1, 2]) await addSyntheticLayer(trx, k, planner.id, "measure-signed-in", ids);
      await insertSignedInUsers(trx, "measure-signed-in", planner, ids);
      const cases: [string, Record<string, unknown>][] = [
        ["Me", { script: "HANS" }],
        ["ConsoleUsers", { script: "HANS" }],
        ["ReviewQueue", { script: "HANS" }],
        ["ConsoleLinkCandidates", { script: "HANS" }],
        ["ConsoleIndicatorValues", { script: "HANS", review: null }],
        ["TaskReports", { id: TASK, script: "HANS" }],
      ];
      for (const [name, variables] of cases) {
        const source = ops.get(name)!;
        const document = parse(source);
        const executor = async (db: Db) => {
          const r = await executeInSql({
            schema,
            document,
            variables,
            db,
            viewer: planner,
            budget: new ListBudget(50_000),
          });
          if (!r) throw new Error(`${name}: not compiled`);
          return r.data;
        };
        const row = {
          label: `${name} as planner`,
          resolvers: await timed(trx, resolvers(planner, source, variables)),
          executor: await timed(trx, executor),
        };
        console.log(JSON.stringify(row));
      }
      // geocoding: the resolvers' request, and its parts; the executor's
      const geocode = `query Geocode($address: String!) { geocode(address: $address) { alias precision positionSource citywide place { id nameEn } } }`;
      const geocodeDocument = parse(geocode);
      for (const address of ["古交市", "清徐开发区物流园", "no such place"]) {
        const whole = await timed(trx, resolvers(planner, geocode, { address }));
        const executor = await timed(trx, async (db) => {
          const r = await executeInSql({
            schema,
            document: geocodeDocument,
            variables: { address },
            db,
            viewer: planner,
            budget: new ListBudget(50_000),
          });
          if (!r) throw new Error("geocode: not compiled");
          return r.data;
        });
        const read = await timed(trx, (db) => findGeocodablePlaces(db));
        const places = await findGeocodablePlaces(trx);
        const build = await timed(trx, async () => createGeocoder(places));
        const geocoder = createGeocoder(places);
        const match = await timed(trx, async () => geocoder(address));
        console.log(
          JSON.stringify({
            label: `geocode ${address}`,
            request: whole,
            executor,
            "read the gazetteer": read,
            "build the matcher": build,
            match,
            places: places.length,
          }),
        );
      }
      throw new Rollback();
    })
    .catch((error) => {
      if (!(error instanceof Rollback)) throw error;
    });
  await database.close();
}

await main();
