/**
 * The SQL lane (server/src/http/sql-lane.ts): a valid operation the SQL executor covers is
 * answered before Apollo, with the body Apollo would send; everything it must not judge
 * (invalid documents, NUL, invalid variables, signed-in requests, other media types)
 * still reaches Apollo and gets Apollo's answer.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../../server/src/app.ts";
import { loadConfig } from "../../../server/src/config.ts";
import { testDatabase } from "../../support/db.ts";
import { clientOperations, seededIds, variablesOf } from "../../support/generated-operations.ts";
import { capturingLogger } from "../../support/log-lines.ts";

const Q = `query Lane($near: NearInput!, $first: Int) { tasks(filter: { spatial: { near: $near }, orderBy: DISTANCE }, first: $first) { nodes { id places { role distanceMeters place { id } } } } }`;
const NEAR = { lng: 112.55, lat: 37.87, radiusMeters: 10_000 };

const ALLOWED = "http://allowed.example";
let app: App;
const { logger, lines, settled } = capturingLogger<{
  requestId?: string;
  executor?: string;
  statements?: number;
  path?: string;
  status?: number;
}>();

beforeAll(async () => {
  const database = await testDatabase();
  app = await createApp({ ...loadConfig({ PORT: "0", SEED_ON_BOOT: "false" }), corsOrigins: [ALLOWED] }, logger, {
    database,
  });
  await app.start();
});

afterAll(async () => {
  await app.stop();
});

async function post(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${app.url()}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const requestId = res.headers.get("x-request-id")!;
  // the log line is written when the response finishes
  await settled(requestId);
  return {
    status: res.status,
    text,
    body: JSON.parse(text),
    contentType: res.headers.get("content-type"),
    log: lines.find((l) => l.requestId === requestId && l.path === "/graphql"),
  };
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
    const apollo = await post(
      { query: Q, variables: { near: NEAR, first: 10 } },
      { accept: "application/graphql-response+json" },
    );
    expect(apollo.log?.executor).toBe("sql");
    expect(apollo.text).toBe(lane.text);

    // other variables: a new statement, still in the lane
    const fewer = await post({ query: Q, variables: { near: NEAR, first: 2 } });
    expect(fewer.log?.executor).toBe("sql-lane");
    expect(fewer.body.data.tasks.nodes).toEqual(lane.body.data.tasks.nodes.slice(0, 2));

    // operations it does not cover (a directive, which it leaves to graphql-js) go to Apollo
    const uncovered = await post({ query: `{ places @include(if: true) { id } }` });
    expect(uncovered.log?.executor).toBeUndefined();
    expect(uncovered.body.data.places.length).toBeGreaterThan(0);
  });

  it("answers each of the map's reads it covers in one statement", async () => {
    const ids = await seededIds((await testDatabase()).db);
    const client = new Map(clientOperations().map((op) => [op.name, op.source]));
    for (const name of [
      "MapPlaces",
      "FilteredSummaries",
      "Lookups",
      "Tasks",
      "PlaceIndicatorValues",
      "Indicators",
      "IndicatorChartValues",
      "MapProjects",
      "PlaceDetail",
      "TaskDetail",
      "ProjectDetail",
    ]) {
      const res = await post({
        query: client.get(name),
        operationName: name,
        variables: variablesOf(name, client.get(name)!, ids),
      });
      expect(res.status, name).toBe(200);
      expect(res.log?.executor, name).toBe("sql-lane");
      expect(res.log?.statements, name).toBe(1);
    }
  });

  it("answers search and the assessment in one statement, with the resolvers' bytes", async () => {
    // the same database through the resolvers only
    const resolvers = await createApp(loadConfig({ PORT: "0", SEED_ON_BOOT: "false", SQL_EXECUTOR: "false" }), logger, {
      database: await testDatabase(),
    });
    await resolvers.start();
    try {
      const cases: [string, Record<string, unknown>][] = [
        [
          `query($t: String!) { search(text: $t) { __typename ... on Task { id title status } ... on Place { id name } ... on Department { id name } ... on Project { id name } } }`,
          { t: "礦城融合" },
        ],
        [`query($t: String!) { search(text: $t, first: 5) { ... on Place { id nameEn } } }`, { t: "古交" }],
        [`{ assessment(year: 2015) { year place { id name } due met score finalizedAt note } }`, {}],
      ];
      for (const [query, variables] of cases) {
        const lane = await post({ query, variables });
        expect(lane.log?.executor, query).toBe("sql-lane");
        expect(lane.log?.statements, query).toBe(1);
        const res = await fetch(`${resolvers.url()}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query, variables }),
        });
        expect(lane.text, query).toBe(await res.text());
      }
    } finally {
      await resolvers.stop();
    }
  });

  it("writes a large answer piece by piece, with Apollo's bytes and their length in bytes (CJK names included)", async () => {
    const query = `{ a: places { id name geometry } task(id: "reform-14") { id title } b: places(filter: { kinds: [COUNTY, DISTRICT] }) { id name geometry } c: places { id geometry } }`;
    const lane = await post({ query });
    expect(lane.log?.executor).toBe("sql-lane");
    expect(lane.text.length).toBeGreaterThan(64 * 1024); // the lane writes pieces past 64 Ki characters
    expect(lane.text).toMatch(/[\u4e00-\u9fff]/);
    const apollo = await post({ query }, { accept: "application/graphql-response+json" });
    expect(apollo.log?.executor).toBe("sql");
    expect(apollo.text).toBe(lane.text);
    const res = await fetch(`${app.url()}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query }),
    });
    expect(Number(res.headers.get("content-length"))).toBe(Buffer.byteLength(await res.text()));
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
    const withNul = await post({
      query: `query($id: ID!) { task(id: $id) { id } }`,
      variables: { id: "reform\u000014" },
    });
    expect(withNul.status).toBe(400);
    expect(withNul.body.errors[0].message).toMatch(/NUL/);

    const signedIn = await post(
      { query: Q, variables: { near: NEAR, first: 10 } },
      { authorization: "Bearer not-a-token" },
    );
    expect(signedIn.log?.executor).not.toBe("sql-lane");

    const graphqlResponse = await post(
      { query: Q, variables: { near: NEAR, first: 10 } },
      { accept: "application/graphql-response+json" },
    );
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
        expect(res.body.errors[0].extensions.code, query).toMatch(
          /GRAPHQL_VALIDATION_FAILED|GRAPHQL_PARSE_FAILED|BAD_USER_INPUT/,
        );
      }
    }
  });

  it("refuses an operation name the document does not hold, as graphql-js does, never answering its one operation", async () => {
    // the lane and the executor inside Apollo both took the document's only operation whatever the name asked for
    // (the benchmark's M1 named "M1" over the client's MapPlaces got data), where graphql-js refuses the request
    const res = await post({ operationName: "Nope", query: `query Lane { places { id } }` });
    expect(res.log?.executor).toBeUndefined();
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors[0].message).toBe('Unknown operation named "Nope".');
    // and the right name (or none) is answered by the lane
    for (const operationName of ["Lane", undefined]) {
      const ok = await post({ operationName, query: `query Lane { places { id } }` });
      expect(ok.log?.executor).toBe("sql-lane");
    }
  });

  describe("one pipeline: the lane answers inside Express", () => {
    /** POSTs raw bytes with exact headers (fetch would add its own). */
    function raw(body: string, headers: Record<string, string> = {}, chunked = false) {
      return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
        const req = http.request(`${app.url()}/graphql`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(chunked ? {} : { "content-length": String(Buffer.byteLength(body)) }),
            ...headers,
          },
        });
        req.on("response", (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (c) => (text += c));
          res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, text }));
        });
        req.on("error", reject);
        if (chunked) {
          // two chunks, no Content-Length: Transfer-Encoding chunked
          req.write(body.slice(0, 10));
          req.end(body.slice(10));
        } else req.end(body);
      });
    }
    const logOf = async (requestId: string | string[] | undefined) => {
      await settled(...[requestId].flat()); // the log line is written when the response finishes
      return lines.filter((l) => l.requestId === requestId && l.path === "/graphql");
    };
    const body = JSON.stringify({ query: Q, variables: { near: NEAR, first: 3 } });

    it("answers a plain request with the middleware's bytes, one log line, and the caller's request id", async () => {
      const plain = await raw(body, { "x-request-id": "lane-1" });
      expect(plain.status).toBe(200);
      expect(plain.headers["x-request-id"]).toBe("lane-1");
      expect(await logOf("lane-1")).toMatchObject([{ executor: "sql-lane", statements: 1, status: 200 }]);
      // a padded body and a chunked one: the same bytes
      const padded = await raw(body.replace("{", "{" + " ".repeat(70 * 1024)));
      expect(padded.status).toBe(200);
      expect(padded.text).toBe(plain.text);
      const chunked = await raw(body, {}, true);
      expect(chunked.text).toBe(plain.text);
    });

    it("gives an allowed origin its CORS headers, and others none", async () => {
      const allowed = await raw(body, { origin: ALLOWED });
      expect(allowed.status).toBe(200);
      expect(allowed.headers["access-control-allow-origin"]).toBe(ALLOWED);
      expect(allowed.headers["access-control-allow-credentials"]).toBe("true");
      const other = await raw(body, { origin: "http://elsewhere.example" });
      expect(other.status).toBe(200);
      expect(other.headers["access-control-allow-origin"]).toBeUndefined();
    });

    it("refuses a body that is not a JSON object with a 400 naming the problem, as Express would", async () => {
      const broken = await raw(`{"query": "{ places { id } }"`);
      expect(broken.status).toBe(400);
      expect(JSON.parse(broken.text).errors[0]).toMatchObject({ extensions: { code: "BAD_REQUEST" } });
      expect(JSON.parse(broken.text).errors[0].message).toMatch(/JSON/);
      const scalar = await raw(`"{ places { id } }"`);
      expect(scalar.status).toBe(400);
      expect(JSON.parse(scalar.text).errors[0]).toMatchObject({ extensions: { code: "BAD_REQUEST" } });
      expect(JSON.parse(scalar.text).errors[0].message).toMatch(/JSON/);
      // a large broken body: the same status and code
      const large = await raw(`{"query": "{ places { id } }"` + " ".repeat(70 * 1024));
      expect(large.status).toBe(400);
      expect(JSON.parse(large.text).errors[0].extensions.code).toBe("BAD_REQUEST");
    });

    it("hands what it read but does not answer to Express and Apollo: uncovered, invalid, batched", async () => {
      const uncovered = await raw(JSON.stringify({ query: `{ places @include(if: true) { id } }` }), {
        "x-request-id": "lane-2",
      });
      expect(JSON.parse(uncovered.text).data.places.length).toBeGreaterThan(0);
      const log = await logOf("lane-2");
      expect(log).toHaveLength(1);
      expect(log[0].executor).toBeUndefined();
      const invalid = await raw(JSON.stringify({ query: `{ task(id: "reform-14") { nope } }` }));
      expect(invalid.status).toBe(400);
      expect(JSON.parse(invalid.text).errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
      // a batch is app.ts's runBatch's, through Apollo
      const batched = await raw(JSON.stringify([{ query: "{ places { id } }" }]));
      expect(batched.status).toBe(200);
      expect(JSON.parse(batched.text)[0].data.places.length).toBeGreaterThan(0);
    });
  });
});
