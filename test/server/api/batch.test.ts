/**
 * Batches (app.ts runBatch): a JSON array of operations is answered with the array of
 * their answers, in order, each as it would be alone; the operations share the request's
 * list budget, and a batch has at most LIMITS.maxBatch of them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../../server/src/app.ts";
import { loadConfig } from "../../../server/src/config.ts";
import { LIMITS } from "../../../server/src/graphql/limits.ts";
import { testDatabase } from "../../support/db.ts";
import { capturingLogger } from "../../support/log-lines.ts";

let app: App;
/** how many places the seeded plan has: `{ places { id } }` spends that many list items */
let places: number;
const { logger, lines, settled } = capturingLogger<{
  requestId?: string;
  operationName?: string;
  errorCodes?: string[];
  status?: number;
}>();

beforeAll(async () => {
  const database = await testDatabase();
  const row = await database.db
    .selectFrom("place")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  places = Number(row.n);
  // room for one list of every place, not for two
  app = await createApp(loadConfig({ PORT: "0", SEED_ON_BOOT: "false" }), logger, {
    database,
    maxListItems: Math.floor(places * 1.5),
  });
  await app.start();
});

afterAll(async () => {
  await app.stop();
});

async function post(body: unknown) {
  const res = await fetch(`${app.url()}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  await settled(res.headers.get("x-request-id")); // the log line is written when the response finishes
  return {
    status: res.status,
    text,
    body: JSON.parse(text),
    log: lines.find((l) => l.requestId === res.headers.get("x-request-id")),
  };
}

const COVERED = { query: `query Covered { tasks(first: 3) { nodes { id titleEn places { role place { id } } } } }` };
const UNCOVERED = {
  query: `query Uncovered($id: ID!) { task(id: $id) { id status progress leadDepartments { id } } }`,
  variables: { id: "reform-14" },
};
const INVALID = { query: `query Invalid { task(id: "reform-14") { nope } }` };

describe("a batch of operations", () => {
  it("answers each operation in order, as it would be answered alone, errors included", async () => {
    const batch = await post([COVERED, UNCOVERED, INVALID, { query: "query Me { me { id } }" }]);
    expect(batch.status).toBe(200);
    expect(batch.body).toHaveLength(4);
    const alone = await Promise.all([COVERED, UNCOVERED, INVALID].map((op) => post(op)));
    expect(batch.body[0]).toEqual(alone[0].body);
    expect(batch.body[1]).toEqual(alone[1].body);
    // the invalid one fails alone (400 alone, an element of a 200 in a batch) and takes nothing from the others
    expect(alone[2].status).toBe(400);
    expect(batch.body[2]).toEqual(alone[2].body);
    expect(batch.body[2].errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(batch.body[3]).toEqual({ data: { me: null } });
    // one log line for the request, naming its operations
    expect(batch.log).toMatchObject({
      status: 200,
      operationName: "batch(Covered,Uncovered,Invalid,Me)",
      errorCodes: ["GRAPHQL_VALIDATION_FAILED"],
    });
  });

  it("shares the request's list budget: what fits alone may not fit twice", async () => {
    const all = { query: "{ places { id } }" };
    const alone = await post(all);
    expect(alone.body.data.places).toHaveLength(places);
    const twice = await post([all, all]);
    expect(twice.body[0]).toEqual(alone.body);
    expect(twice.body[1].data).toBeNull();
    expect(twice.body[1].errors[0].extensions.code).toBe("RESULT_TOO_LARGE");
  });

  it("refuses an empty or oversized batch, naming the limit, and answers an element that is no operation alone", async () => {
    const empty = await post([]);
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].message).toBe(`a batch holds 1 to ${LIMITS.maxBatch} operations; this one has 0`);
    const oversized = await post(Array.from({ length: LIMITS.maxBatch + 1 }, () => COVERED));
    expect(oversized.status).toBe(400);
    expect(oversized.body.errors[0].message).toBe(
      `a batch holds 1 to ${LIMITS.maxBatch} operations; this one has ${LIMITS.maxBatch + 1}`,
    );
    const odd = await post([42, COVERED, { variables: {} }]);
    expect(odd.status).toBe(200);
    expect(odd.body).toHaveLength(3);
    expect(odd.body[0].errors[0].extensions.code).toBe("BAD_REQUEST");
    expect(odd.body[1].data.tasks.nodes).toHaveLength(3);
    expect(odd.body[2].errors[0].extensions.code).toBe("BAD_REQUEST");
  });
});
