/**
 * The SQL lane (server/src/http/sql-lane.ts): a valid operation the SQL executor covers is
 * answered before Apollo, with the body Apollo would send; everything it must not judge
 * (invalid documents, NUL, invalid variables, signed-in requests, other media types)
 * still reaches Apollo and gets Apollo's answer.
 */
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { createApp, type App } from "../../../server/src/app.ts";
import { loadConfig } from "../../../server/src/config.ts";
import { testDatabase } from "../../support/db.ts";

const Q = `query Lane($near: NearInput!, $first: Int) { tasks(filter: { spatial: { near: $near }, orderBy: DISTANCE }, first: $first) { nodes { id places { role distanceMeters place { id } } } } }`;
const NEAR = { lng: 112.55, lat: 37.87, radiusMeters: 10_000 };

let app: App;
const lines: { requestId?: string; executor?: string; statements?: number; path?: string; status?: number }[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n")) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  const database = await testDatabase();
  app = await createApp({ ...loadConfig({ PORT: "0", SEED_ON_BOOT: "false" }) }, pino({ level: "info", base: undefined }, sink), { database });
  await app.start();
});

afterAll(async () => {
  await app.stop();
});

async function post(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${app.url()}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  const requestId = res.headers.get("x-request-id")!;
  // the log line is written when the response finishes
  await new Promise((r) => setTimeout(r, 20));
  return { status: res.status, text, body: JSON.parse(text), contentType: res.headers.get("content-type"), log: lines.find((l) => l.requestId === requestId && l.path === "/graphql") };
}

describe("SQL lane", () => {
  it("answers a covered operation before Apollo, with Apollo's bytes, in one statement", async () => {
    const lane = await post({ query: Q, variables: { near: NEAR, first: 10 } });
    expect(lane.status).toBe(200);
    expect(lane.log?.executor).toBe("sql-lane");
    expect(lane.log?.statements).toBe(1);
    expect(lane.contentType).toBe("application/json; charset=utf-8");
    expect(lane.body.data.tasks.nodes.length).toBeGreaterThan(0);

    // the same operation through Apollo (which the lane leaves clients that prefer graphql-response+json)
    const apollo = await post({ query: Q, variables: { near: NEAR, first: 10 } }, { accept: "application/graphql-response+json" });
    expect(apollo.log?.executor).toBe("sql");
    expect(apollo.text).toBe(lane.text);

    // other variables: a new statement, still in the lane
    const fewer = await post({ query: Q, variables: { near: NEAR, first: 2 } });
    expect(fewer.log?.executor).toBe("sql-lane");
    expect(fewer.body.data.tasks.nodes).toEqual(lane.body.data.tasks.nodes.slice(0, 2));

    // operations it does not cover go to Apollo
    const status = await post({ query: `{ task(id: "reform-14") { id status } }` });
    expect(status.log?.executor).toBeUndefined();
    expect(status.body.data.task.status).toBe("NOT_STARTED");
  });

  it("leaves to Apollo what it must judge: invalid variables, NUL, signed-in requests, other media types", async () => {
    await post({ query: Q, variables: { near: NEAR, first: 10 } });

    const tooMany = await post({ query: Q, variables: { near: NEAR, first: 500 } });
    expect(tooMany.log?.executor).toBeUndefined();
    expect(tooMany.body.errors[0].extensions.code).toBe("BAD_USER_INPUT");

    const badType = await post({ query: Q, variables: { near: { lng: "east" }, first: 1 } });
    expect(badType.status).toBe(400);
    expect(badType.body.errors[0].extensions.code).toBe("BAD_USER_INPUT");

    const nul = await post({ query: `query($id: ID!) { task(id: $id) { id } }`, variables: { id: "reform-14" } });
    expect(nul.body.data.task.id).toBe("reform-14");
    const withNul = await post({ query: `query($id: ID!) { task(id: $id) { id } }`, variables: { id: "reform\u000014" } });
    expect(withNul.status).toBe(400);
    expect(withNul.body.errors[0].message).toMatch(/NUL/);

    const signedIn = await post({ query: Q, variables: { near: NEAR, first: 10 } }, { authorization: "Bearer not-a-token" });
    expect(signedIn.log?.executor).not.toBe("sql-lane");

    const graphqlResponse = await post({ query: Q, variables: { near: NEAR, first: 10 } }, { accept: "application/graphql-response+json" });
    expect(graphqlResponse.log?.executor).toBe("sql");
    expect(graphqlResponse.body.data.tasks.nodes.length).toBeGreaterThan(0);
    expect(graphqlResponse.contentType).toMatch(/application\/graphql-response\+json/);
  });

  it("never answers an invalid document: Apollo refuses it as before", async () => {
    // deeper than the depth limit, a NUL in a literal, over the cost limit, a syntax error
    const refused = [
      `{ places { children { children { children { children { children { children { children { children { children { id } } } } } } } } } } }`,
      `{ task(id: "reform\u000014") { id } }`,
      `{ ${Array.from({ length: 12 }, (_, i) => `t${i}: tasks(first: 100) { nodes { places { place { children { id } } } } }`).join(" ")} }`,
      `{ task(id: "reform-14") { id }`,
    ];
    for (const query of refused) {
      for (let i = 0; i < 2; i++) {
        const res = await post({ query });
        expect(res.status, query).toBe(400);
        expect(res.log?.executor, query).toBeUndefined();
        expect(res.body.errors[0].extensions.code, query).toMatch(/GRAPHQL_VALIDATION_FAILED|GRAPHQL_PARSE_FAILED|BAD_USER_INPUT/);
      }
    }
  });
});
