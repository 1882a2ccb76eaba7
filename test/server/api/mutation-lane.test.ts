/**
 * The SQL lane's own-session mutations (server/src/http/sql-lane.ts, graphql/own-session.ts): a
 * signed-in JSON request whose operation is one report or review with a selection the lane can
 * write is answered before Apollo, in its one statement, with the bytes Apollo sends; every other
 * selection, and every refusal, is Apollo's, answered as an app without the lane answers it.
 * The reference is the same app with SQL_EXECUTOR=false (no lane), over the same database.
 * A write is one statement of the request: the one that checks and writes (its announcement
 * follows outside the request, report-events.ts announceReport).
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../../server/src/app.ts";
import { loadConfig } from "../../../server/src/config.ts";
import { silentLogger, testDatabase } from "../../support/db.ts";
import { capturingLogger } from "../../support/log-lines.ts";
import { createPlanner, createUser, PASSWORD, type Account } from "../report/accounts.ts";
import { fingerprint } from "../report/db-state.ts";

const ALLOWED = "http://allowed.example";
let lane: App;
let apollo: App;
const { logger, lines, settled } = capturingLogger<{
  requestId?: string;
  path?: string;
  executor?: string;
  statements?: number;
  role?: string;
  operationName?: string;
  errorCodes?: string[];
}>();

let author: Account;
let reviewer: Account;
let viewer: Account;
/** a task with a citywide obligation */
let task: string;

beforeAll(async () => {
  const database = await testDatabase();
  const config = { ...loadConfig({ PORT: "0", SEED_ON_BOOT: "false" }), corsOrigins: [ALLOWED] };
  lane = await createApp(config, logger, { database });
  apollo = await createApp({ ...config, sqlExecutor: false }, silentLogger, { database });
  await lane.start();
  await apollo.start();
  author = await createPlanner("mutation-lane-author");
  reviewer = await createPlanner("mutation-lane-reviewer");
  viewer = await createUser(author, { role: "VIEWER" });
  const r = await sql<{ taskId: string }>`
    select o.task_id as "taskId" from obligation o where o.place_id = 'taiyuan' and o.active order by o.task_id limit 1`.execute(
    database.db,
  );
  task = r.rows[0].taskId;
});

afterAll(async () => {
  await lane?.stop();
  await apollo?.stop();
});

interface Answer {
  status: number;
  text: string;
  contentType: string | null;
  log?: (typeof lines)[number];
}

async function post(
  to: App,
  body: Record<string, unknown>,
  headers: Record<string, string>,
  contentType = "application/json",
): Promise<Answer> {
  const requestId = randomUUID();
  const res = await fetch(`${to.url()}/graphql`, {
    method: "POST",
    headers: { "content-type": contentType, "x-request-id": requestId, ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const answer: Answer = { status: res.status, text, contentType: res.headers.get("content-type") };
  if (to === lane) {
    await settled(requestId);
    answer.log = lines.find((l) => l.requestId === requestId && l.path === "/graphql");
  }
  return answer;
}

const auth = (a: Account) => ({ authorization: `Bearer ${a.token}` });

/** A pending report by `author`, filed through the app without the lane; its id. */
async function pending(note = "mutation lane: to review"): Promise<string> {
  const r = await post(
    apollo,
    {
      query: `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id } }`,
      variables: { input: { taskId: task, status: "IN_PROGRESS", progress: 40, note } },
    },
    auth(author),
  );
  return JSON.parse(r.text).data.reportProgress.id;
}

/**
 * The lane's answer is Apollo's, byte for byte, once the values that differ between two writes
 * (the new row's id and times, found at these response keys) are Apollo's.
 */
function expectSameBytes(laneAnswer: Answer, apolloAnswer: Answer, varying: string[]): void {
  expect(laneAnswer.status).toBe(apolloAnswer.status);
  expect(laneAnswer.contentType).toBe(apolloAnswer.contentType);
  const pairs: [unknown, unknown][] = [];
  const walk = (a: unknown, b: unknown) => {
    if (!a || !b || typeof a !== "object" || typeof b !== "object") return;
    for (const [key, value] of Object.entries(a)) {
      const other = (b as Record<string, unknown>)[key];
      if (varying.includes(key) && value !== other) pairs.push([value, other]);
      else walk(value, other);
    }
  };
  walk(JSON.parse(laneAnswer.text), JSON.parse(apolloAnswer.text));
  let text = laneAnswer.text;
  for (const [mine, theirs] of pairs) text = text.split(JSON.stringify(mine)).join(JSON.stringify(theirs));
  expect(text).toBe(apolloAnswer.text);
}

const REPORT = `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { status progress note task { id } } }`;

describe("the SQL lane answers a report and a review", () => {
  const reports: { name: string; query: string; input?: Record<string, unknown>; varying: string[] }[] = [
    { name: "the benchmark's Q9", query: REPORT, varying: [] },
    {
      name: "every plain field, __typename and the task",
      query: `mutation Every($input: ReportProgressInput!) { reportProgress(input: $input) { __typename id status progress note createdAt asOf review reviewedAt reviewNote t: task { __typename id } } }`,
      varying: ["id", "createdAt"],
    },
    {
      name: "aliases and the root's __typename",
      query: `mutation Aliased($input: ReportProgressInput!) { __typename r: reportProgress(input: $input) { rid: id kind: status p: progress } }`,
      varying: ["rid"],
    },
    {
      name: "an alias __proto__",
      query: `mutation($input: ReportProgressInput!) { __proto__: reportProgress(input: $input) { __proto__: note t: task { __proto__: id } } }`,
      varying: [],
    },
    {
      name: "literal arguments, a date and a fractional progress",
      query: `mutation { reportProgress(input: { taskId: "TASK", status: AT_RISK, progress: 12.5, note: "mutation lane: literal", asOf: "2014-03-01" }) { id progress asOf status } }`,
      varying: ["id"],
    },
    {
      name: "no progress",
      query: `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { progress note review } }`,
      input: { taskId: "TASK", status: "NOT_STARTED", note: "mutation lane: no progress" },
      varying: [],
    },
  ];

  for (const c of reports) {
    it(`files a report: ${c.name}`, async () => {
      const query = c.query.replace("TASK", task);
      const input = c.input
        ? { ...c.input, taskId: task }
        : { taskId: task, status: "IN_PROGRESS", progress: 50, note: "mutation lane" };
      const body = { query, variables: { input } };
      const mine = await post(lane, body, auth(author));
      const theirs = await post(apollo, body, auth(author));
      expect(mine.log).toMatchObject({ executor: "sql-lane", statements: 1, role: "PLANNER" });
      expect(mine.log?.errorCodes).toBeUndefined();
      expect(JSON.parse(mine.text).errors).toBeUndefined();
      expectSameBytes(mine, theirs, c.varying);
    });
  }

  it("names the operation sent in the log line, as Apollo does", async () => {
    const query = `mutation Named($input: ReportProgressInput!) { reportProgress(input: $input) { id } }`;
    const input = { taskId: task, status: "IN_PROGRESS", note: "mutation lane: named" };
    const named = await post(lane, { query, variables: { input }, operationName: "Named" }, auth(author));
    expect(named.log).toMatchObject({ executor: "sql-lane", operationName: "Named" });
    const unnamed = await post(lane, { query, variables: { input } }, auth(author));
    expect(unnamed.log?.executor).toBe("sql-lane");
    expect(unnamed.log?.operationName).toBeUndefined();
  });

  it("reviews a report, with and without a note", async () => {
    for (const [query, variables] of [
      [`mutation R1($id: ID!) { reviewReport(id: $id, decision: APPROVE) { id review } }`, {}],
      [
        `mutation($id: ID!, $d: ReviewDecision!, $n: String) { reviewReport(id: $id, decision: $d, note: $n) { __typename id review reviewNote reviewedAt createdAt note progress status asOf task { id } } }`,
        { d: "RETURN", n: "  say more  " },
      ],
    ] as const) {
      const [a, b] = [await pending(), await pending()];
      const mine = await post(lane, { query, variables: { id: a, ...variables } }, auth(reviewer));
      const theirs = await post(apollo, { query, variables: { id: b, ...variables } }, auth(reviewer));
      expect(mine.log).toMatchObject({ executor: "sql-lane", statements: 1, role: "PLANNER" });
      expectSameBytes(mine, theirs, ["id", "reviewedAt", "createdAt"]);
    }
  });

  it("signs in with a session cookie from this origin, not from a foreign one", async () => {
    const res = await fetch(`${lane.url()}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`,
        variables: { u: author.username, p: PASSWORD },
      }),
    });
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
    expect(cookie).toMatch(/^atlas_session=/);
    const body = { query: REPORT, variables: { input: { taskId: task, status: "IN_PROGRESS", note: "cookie" } } };
    const own = await post(lane, body, { cookie });
    expect(own.log).toMatchObject({ executor: "sql-lane", role: "PLANNER" });
    const allowed = await post(lane, body, { cookie, origin: ALLOWED });
    expect(allowed.log).toMatchObject({ executor: "sql-lane", role: "PLANNER" });
    const before = await fingerprint();
    const foreign = await post(lane, body, { cookie, origin: "http://evil.example" });
    expect(foreign.log?.executor).toBeUndefined();
    expect(foreign.log?.errorCodes).toEqual(["UNAUTHENTICATED"]);
    expect(await fingerprint()).toEqual(before);
  });
});

describe("what the lane leaves to Apollo", () => {
  const input = { taskId: "TASK", status: "IN_PROGRESS", note: "mutation lane: Apollo's" };
  for (const [name, query] of [
    [
      "a field with a resolver",
      `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id author { id } } }`,
    ],
    [
      "a task field besides its id",
      `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { task { id titleEn } } }`,
    ],
    ["the place", `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { place { id } } }`],
    [
      "a fragment",
      `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { ...F } } fragment F on ProgressReport { id }`,
    ],
    [
      "a directive",
      `mutation($input: ReportProgressInput!, $y: Boolean!) { reportProgress(input: $input) { id note @include(if: $y) } }`,
    ],
    ["a repeated key", `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id id } }`],
    [
      "two mutations",
      `mutation($input: ReportProgressInput!) { a: reportProgress(input: $input) { id } b: reportProgress(input: $input) { id } }`,
    ],
  ] as const) {
    it(`${name}: Apollo's answer`, async () => {
      const variables = { input: { ...input, taskId: task }, y: true };
      const mine = await post(lane, { query, variables }, auth(author));
      const theirs = await post(apollo, { query, variables }, auth(author));
      expect(mine.log?.executor).toBeUndefined();
      expect(JSON.parse(mine.text).errors).toBeUndefined();
      expectSameBytes(mine, theirs, ["id"]);
    });
  }
});

describe("a refusal is Apollo's, with its bytes, and writes nothing", () => {
  const report = (input: Record<string, unknown>) => ({
    query: REPORT,
    variables: { input: { taskId: task, status: "IN_PROGRESS", note: "mutation lane: refused", ...input } },
  });
  const cases: { name: string; code: string; body: () => Promise<Record<string, unknown>>; who: () => Account }[] = [
    { name: "a viewer reports", code: "FORBIDDEN", body: async () => report({}), who: () => viewer },
    { name: "an empty note", code: "BAD_USER_INPUT", body: async () => report({ note: "   " }), who: () => author },
    {
      name: "progress over 100",
      code: "BAD_USER_INPUT",
      body: async () => report({ progress: 101 }),
      who: () => author,
    },
    {
      name: "an unknown task",
      code: "BAD_USER_INPUT",
      body: async () => report({ taskId: "no-such-task" }),
      who: () => author,
    },
    { name: "an empty id", code: "BAD_USER_INPUT", body: async () => report({ placeId: " " }), who: () => author },
    {
      name: "a status not in the enum",
      code: "BAD_USER_INPUT",
      body: async () => report({ status: "NOPE" }),
      who: () => author,
    },
    {
      name: "a date in the future",
      code: "BAD_USER_INPUT",
      body: async () => report({ asOf: "2999-01-01" }),
      who: () => author,
    },
    {
      name: "a review of an unknown report",
      code: "NOT_FOUND",
      body: async () => ({ query: `mutation { reviewReport(id: "987654321", decision: APPROVE) { id } }` }),
      who: () => reviewer,
    },
    {
      name: "a review of one's own report",
      code: "FORBIDDEN",
      body: async () => ({
        query: `mutation($id: ID!) { reviewReport(id: $id, decision: APPROVE) { id review } }`,
        variables: { id: await pending() },
      }),
      who: () => author,
    },
    {
      name: "a second review",
      code: "CONFLICT",
      body: async () => {
        const id = await pending();
        await post(
          apollo,
          { query: `mutation($id: ID!) { reviewReport(id: $id, decision: APPROVE) { id } }`, variables: { id } },
          auth(reviewer),
        );
        return { query: `mutation($id: ID!) { reviewReport(id: $id, decision: RETURN) { id } }`, variables: { id } };
      },
      who: () => reviewer,
    },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.code}`, async () => {
      const body = await c.body();
      const before = await fingerprint();
      const mine = await post(lane, body, auth(c.who()));
      const theirs = await post(apollo, body, auth(c.who()));
      expect(await fingerprint()).toEqual(before);
      expect(mine.log?.executor).toBeUndefined();
      expect(mine.log?.errorCodes).toEqual([c.code]);
      expect(JSON.parse(mine.text).errors[0].extensions.code).toBe(c.code);
      expectSameBytes(mine, theirs, []);
    });
  }

  it("a session that is not live: UNAUTHENTICATED", async () => {
    const before = await fingerprint();
    const headers = { authorization: `Bearer ${"x".repeat(43)}` };
    const mine = await post(lane, report({}), headers);
    const theirs = await post(apollo, report({}), headers);
    expect(await fingerprint()).toEqual(before);
    expect(mine.log?.executor).toBeUndefined();
    expect(mine.log?.errorCodes).toEqual(["UNAUTHENTICATED"]);
    expectSameBytes(mine, theirs, []);
  });

  it("a text/plain POST: Apollo's CSRF refusal", async () => {
    const before = await fingerprint();
    const mine = await post(lane, report({}), auth(author), "text/plain");
    const theirs = await post(apollo, report({}), auth(author), "text/plain");
    expect(await fingerprint()).toEqual(before);
    expect(mine.status).toBe(400);
    expect(mine.text).toMatch(/Cross-Site Request Forgery/);
    expectSameBytes(mine, theirs, []);
  });
});
