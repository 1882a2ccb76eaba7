/**
 * Client mistakes found by probing the running server (issue 18): each answered with a named
 * error (a code and a message stating the rule), never an internal error or HTTP 500, and
 * nothing written.
 */
import { describe, expect, it } from "vitest";
import { testServer } from "../../support/server.ts";
import { fingerprint } from "../report/db-state.ts";
import { createPlanner } from "../report/accounts.ts";

describe("client mistakes get named errors", () => {
  it("a subscription over HTTP is BAD_REQUEST, naming where subscriptions are served", async () => {
    const s = await testServer();
    const r = await s.gql(`subscription { reportEvents { kind } }`);
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.extensions?.code).toBe("BAD_REQUEST");
    expect(r.body.errors?.[0]?.message).toBe(
      "subscriptions are served over WebSocket (the graphql-ws protocol) on /graphql, not over HTTP POST",
    );
  });

  it("a named subscription among several operations is BAD_REQUEST too", async () => {
    const s = await testServer();
    const res = await fetch(`${s.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `query A { plans { id } } subscription B { reportEvents { kind } }`,
        operationName: "B",
      }),
    });
    const body = await res.json();
    expect(res.status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe("BAD_REQUEST");
  });

  it('reportProgress with placeId "" is BAD_USER_INPUT naming the field, and writes nothing', async () => {
    const planner = await createPlanner("empty-id");
    const s = await testServer();
    const before = await fingerprint();
    const r = await s.gql(
      `mutation($p: ID) { reportProgress(input: { taskId: "matter-41", status: IN_PROGRESS, progress: 10, note: "x", placeId: $p }) { id } }`,
      { p: "" },
      planner.auth,
    );
    expect(r.status).toBeLessThan(500);
    expect(r.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.body.errors?.[0]?.message).toBe("input.placeId must not be empty");
    expect(await fingerprint()).toEqual(before);
  });

  it("judges each request's variables, not the first ones sent with the same text", async () => {
    const planner = await createPlanner("empty-id");
    const s = await testServer();
    const query = `mutation($p: ID, $n: String!) { reportProgress(input: { taskId: "matter-41", status: IN_PROGRESS, note: $n, placeId: $p }) { id } }`;
    const fine = await s.gql(query, { p: null, n: "same text, no place" }, planner.auth);
    expect(fine.body.errors).toBeUndefined();
    const empty = await s.gql(query, { p: " ", n: "same text, an empty place" }, planner.auth);
    expect(empty.body.errors?.[0]?.message).toBe("input.placeId must not be empty");
    const again = await s.gql(query, { p: null, n: "same text, no place again" }, planner.auth);
    expect(again.body.errors).toBeUndefined();
  });

  it("an empty id written as a literal is BAD_USER_INPUT too", async () => {
    const planner = await createPlanner("empty-id");
    const s = await testServer();
    const r = await s.gql(
      `mutation { reportProgress(input: { taskId: "", status: IN_PROGRESS, note: "x" }) { id } }`,
      {},
      planner.auth,
    );
    expect(r.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.body.errors?.[0]?.message).toBe("input.taskId must not be empty");
  });

  it("an empty id in a list of ids is BAD_USER_INPUT", async () => {
    const planner = await createPlanner("empty-id");
    const s = await testServer();
    const r = await s.gql(
      `mutation($i: ProjectInput!) { upsertProject(input: $i) { id } }`,
      { i: { name: "x", taskIds: ["matter-41", " "] } },
      planner.auth,
    );
    expect(r.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.body.errors?.[0]?.message).toBe("input.taskIds must not be empty");
  });

  for (const asOf of [
    "99999-01-01",
    "1899-12-31",
    "2014-02-30",
    "2014-13-01",
    "2014-06-30T25:00:00Z",
    "yesterday",
    "2014",
  ]) {
    it(`/export/tasks.geojson?asOf=${asOf} is 400 BAD_USER_INPUT`, async () => {
      const s = await testServer();
      const res = await fetch(`${s.url}/export/tasks.geojson?asOf=${encodeURIComponent(asOf)}`);
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error?.code).toBe("BAD_USER_INPUT");
      expect(body.error?.message).toMatch(/^asOf/);
    });

    it(`a GraphQL asOf of ${asOf} is BAD_USER_INPUT`, async () => {
      const s = await testServer();
      const r = await s.gql(`query($a: DateTime) { tasks(first: 1, filter: { asOf: $a }) { totalCount } }`, {
        a: asOf,
      });
      expect(r.status).toBeLessThan(500);
      expect(r.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    });
  }

  it("a GraphQL asOf literal of 99999-01-01 on a field argument is BAD_USER_INPUT", async () => {
    const s = await testServer();
    const r = await s.gql(`{ task(id: "matter-41") { status(asOf: "99999-01-01") } }`);
    expect(r.status).toBeLessThan(500);
    expect(r.body.errors?.[0]?.extensions?.code).toMatch(/^(BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED)$/);
    expect(r.body.errors?.[0]?.message).toMatch(/^DateTime must be an ISO 8601 string/);
  });

  it("accepts the dates it should: a bare date, an instant with offset, the range's ends", async () => {
    const s = await testServer();
    for (const asOf of ["2014-06-30", "2014-06-30T00:00:00+08:00", "1900-01-01", "9999-12-31", "2016-02-29"]) {
      const res = await fetch(`${s.url}/export/tasks.geojson?kinds=MATTER&asOf=${encodeURIComponent(asOf)}`);
      expect(res.status, asOf).toBe(200);
      const r = await s.gql(`query($a: DateTime) { tasks(first: 1, filter: { asOf: $a }) { totalCount } }`, {
        a: asOf,
      });
      expect(r.body.errors, asOf).toBeUndefined();
    }
  });
});
