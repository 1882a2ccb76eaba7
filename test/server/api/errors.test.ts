/** Requests the API must refuse clearly: each with its code, never as a server error. */
import { describe, expect, it } from "vitest";
import { testServer } from "../../support/server.ts";
import { LIMITS } from "../../../server/src/graphql/limits.ts";

/** A query nesting place → tasks → task → places … to the given depth of fields. */
function deepQuery(depth: number): string {
  let inner = "id";
  let level = 2; // place { … } and the leaf
  while (level < depth) {
    inner = level % 2 === 0 ? `place { id tasks { ${inner} } }` : `task { id places { ${inner} } }`;
    level += 2;
  }
  return `{ place(id: "gujiao") { tasks { ${inner} } } }`;
}

describe("refused requests", () => {
  it("a 15-deep query fails validation, naming the depth limit", async () => {
    const s = await testServer();
    const r = await s.gql(deepQuery(15));
    expect(r.status).toBeLessThan(500);
    const depth = r.body.errors?.find((e) => /depth/i.test(e.message));
    expect(depth?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(depth?.message).toContain(`limit of ${LIMITS.maxDepth}`);
    expect(r.body.data).toBeUndefined();
  });

  it("first: 100000000 is refused as BAD_USER_INPUT, not clamped", async () => {
    const s = await testServer();
    const r = await s.gql(`{ tasks(first: 100000000) { totalCount nodes { id } } }`);
    expect(r.status).toBeLessThan(500);
    expect(r.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.body.errors?.[0]?.message).toMatch(/first must be an integer from 0 to 100/);
  });

  it("a two-point polygon is refused as BAD_USER_INPUT", async () => {
    const s = await testServer();
    const within = {
      type: "Polygon",
      coordinates: [
        [
          [112.5, 37.8],
          [112.6, 37.9],
        ],
      ],
    };
    const r = await s.gql(`query($w: GeoJSON) { tasks(filter: { spatial: { within: $w } }) { totalCount } }`, {
      w: within,
    });
    expect(r.status).toBeLessThan(500);
    expect(r.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.body.errors?.[0]?.message).toMatch(/at least 4 positions/);
  });

  it("lng: 500 is refused as BAD_USER_INPUT", async () => {
    const s = await testServer();
    const r = await s.gql(`{ placesAt(lng: 500, lat: 37.8) { id } }`);
    expect(r.status).toBeLessThan(500);
    expect(r.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.body.errors?.[0]?.message).toMatch(/lng must be between -180 and 180, got 500/);
  });

  it("a near point with lng: 500 is refused as BAD_USER_INPUT", async () => {
    const s = await testServer();
    const r = await s.gql(
      `{ tasks(filter: { spatial: { near: { lng: 500, lat: 37.8, radiusMeters: 1000 } } }) { totalCount } }`,
    );
    expect(r.status).toBeLessThan(500);
    expect(r.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("a NUL character in an argument is refused as BAD_USER_INPUT, not a database error", async () => {
    const s = await testServer();
    const r = await s.gql(`query($id: ID!, $t: String!) { task(id: $id) { id } search(text: $t) { __typename } }`, {
      id: "reform\u00001",
      t: "古交\u0000",
    });
    expect(r.status).toBe(400);
    expect(r.body.errors?.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
  });

  it("a NUL character in a literal is refused as BAD_USER_INPUT", async () => {
    const s = await testServer();
    const r = await s.gql(`{ tasks(filter: { text: "a\\u0000b" }) { totalCount } }`);
    expect(r.status).toBe(400);
    expect(r.body.errors?.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
  });

  it("a syntax error answers 400 GRAPHQL_PARSE_FAILED, not a server error", async () => {
    const s = await testServer();
    const r = await s.gql(`{ task(id: "reform-15") { id `);
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
    expect(r.body.errors?.[0]?.message).toMatch(/^Syntax Error/);
  });

  it("a query over the token limit answers 400, naming the limit", async () => {
    const s = await testServer();
    const r = await s.gql(`{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: plans { id }`).join(" ")} }`);
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(r.body.errors?.[0]?.message).toMatch(new RegExp(`token limit of ${LIMITS.maxTokens} exceeded`, "i"));
  });

  it("a persisted query with a wrong hash or version answers 400 BAD_REQUEST, not an internal error", async () => {
    const s = await testServer();
    for (const persistedQuery of [
      { version: 1, sha256Hash: "0".repeat(64) },
      { version: 2, sha256Hash: "abc" },
    ]) {
      const res = await fetch(`${s.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ plans { id } }", extensions: { persistedQuery } }),
      });
      expect(res.status, JSON.stringify(persistedQuery)).toBe(400);
      expect((await res.json()).errors[0].extensions.code).toBe("BAD_REQUEST");
    }
  });

  it("an asOf in year 0 is refused as BAD_USER_INPUT, not sent to the database", async () => {
    const s = await testServer();
    const r = await s.gql(`{ tasks(filter: { asOf: "0000-01-01T00:00:00Z" }) { totalCount } }`);
    expect(r.status).toBeLessThan(500);
    expect(r.body.errors?.[0]?.extensions?.code).toMatch(/^(BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED)$/);
    expect(r.body.errors?.[0]?.message).toMatch(/between the years 1900 and 9999/);
  });
});
