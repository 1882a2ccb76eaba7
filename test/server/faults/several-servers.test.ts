/**
 * Several servers, one PostgreSQL (issue 18): two server processes on one database share sessions
 * and data with nothing kept in either process (a token from one works on the other; a report
 * filed on one and approved on the other is in the next read on the first), directly and through
 * a PgBouncer in transaction pooling mode.
 *
 * PostgreSQL only: the embedded database belongs to one process.
 */
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServerProcess, type ServerProcess } from "../../support/process.ts";
import { PGBOUNCER, startPgBouncer, type Bouncer } from "../../support/pgbouncer.ts";
import { scratchDatabase, type ScratchDatabase } from "../../support/scratch-db.ts";

const onServer = Boolean(process.env.DATABASE_URL);
const PASSWORD = "several-servers-password";

async function gql(
  server: ServerProcess,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: await res.json() };
}

async function login(server: ServerProcess, username: string): Promise<string> {
  const r = await gql(server, `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, {
    u: username,
    p: PASSWORD,
  });
  expect(r.body.errors).toBeUndefined();
  return r.body.data.login.token;
}

const TASK = `query($id: ID!) { task(id: $id) { id status progress reports(first: 5) { nodes { note review } } } }`;

/** Sign in on `a`, use the token on `b`; file a report on `a`, approve it on `b`, read it on `a`. */
async function shareEverything(
  a: ServerProcess,
  b: ServerProcess,
  reviewerName: string,
  taskId: string,
): Promise<void> {
  const admin = await login(a, "admin");
  const me = await gql(b, `{ me { username role } }`, {}, admin);
  expect(me.body).toEqual({ data: { me: { username: "admin", role: "PLANNER" } } });

  // a second planner (nobody reviews their own report), made on b and signed in on a
  const created = await gql(
    b,
    `mutation($u: String!, $p: String!) { createUser(input: { username: $u, password: $p, displayName: "Reviewer", role: PLANNER }) { id } }`,
    { u: reviewerName, p: PASSWORD },
    admin,
  );
  expect(created.body.errors).toBeUndefined();
  const reviewer = await login(a, reviewerName);

  const before = await gql(a, TASK, { id: taskId });
  expect(before.body.data.task.status).toBe("NOT_STARTED");

  const note = `filed on one server, approved on the other (${reviewerName})`;
  const filed = await gql(
    a,
    `mutation($i: ReportProgressInput!) { reportProgress(input: $i) { id review } }`,
    { i: { taskId, status: "COMPLETED", progress: 100, note } },
    admin,
  );
  expect(filed.body.errors).toBeUndefined();
  const approved = await gql(
    b,
    `mutation($id: ID!) { reviewReport(id: $id, decision: APPROVE) { review } }`,
    { id: filed.body.data.reportProgress.id },
    reviewer,
  );
  expect(approved.body).toEqual({ data: { reviewReport: { review: "APPROVED" } } });

  const after = await gql(a, TASK, { id: taskId }, admin);
  expect(after.body.data.task).toMatchObject({ id: taskId, status: "COMPLETED", progress: 100 });
  expect(after.body.data.task.reports.nodes).toContainEqual({ note, review: "APPROVED" });
  // and the anonymous read on the first server (the SQL lane when it covers it)
  expect((await gql(a, TASK, { id: taskId })).body.data.task.status).toBe("COMPLETED");

  // signing out on one ends the session on both
  expect((await gql(b, `mutation { logout }`, {}, reviewer)).body.data.logout).toBe(true);
  expect((await gql(a, `{ me { username } }`, {}, reviewer)).body.data.me).toBeNull();
}

describe.skipIf(!onServer)(
  "two servers on one PostgreSQL (server only: the embedded database belongs to one process)",
  () => {
    let database: ScratchDatabase;
    const servers: ServerProcess[] = [];
    let taskIds: string[] = [];

    beforeAll(async () => {
      database = await scratchDatabase("atlas_multi");
      // the first seeds the database; the second finds it seeded
      servers.push(await startServerProcess({ DATABASE_URL: database.url, ADMIN_PASSWORD: PASSWORD }));
      servers.push(await startServerProcess({ DATABASE_URL: database.url, ADMIN_PASSWORD: PASSWORD }));
      const tasks = await gql(servers[0], `{ tasks(first: 2, filter: { kinds: [MATTER] }) { nodes { id } } }`);
      taskIds = tasks.body.data.tasks.nodes.map((t: { id: string }) => t.id);
      expect(taskIds).toHaveLength(2);
    });

    afterAll(async () => {
      for (const s of servers) {
        s.child.kill("SIGTERM");
        await s.exited;
      }
      await database?.drop();
    });

    it("share sessions and data directly", async () => {
      await shareEverything(servers[0], servers[1], "reviewer-direct", taskIds[0]);
    });

    describe.skipIf(!existsSync(PGBOUNCER))(
      "through PgBouncer in transaction pooling mode (needs Debian's pgbouncer)",
      () => {
        let bouncer: Bouncer;
        const behind: ServerProcess[] = [];

        beforeAll(async () => {
          bouncer = await startPgBouncer();
          const env = { DATABASE_URL: bouncer.urlFor(database.name), DATABASE_PREPARED_STATEMENTS: "false" };
          behind.push(await startServerProcess(env));
          behind.push(await startServerProcess(env));
        });

        afterAll(async () => {
          for (const s of behind) {
            s.child.kill("SIGTERM");
            await s.exited;
          }
          await bouncer?.stop();
        });

        it("share sessions and data, and say which settings the pooler did not pass on", async () => {
          await shareEverything(behind[0], behind[1], "reviewer-bouncer", taskIds[1]);
          expect(behind[0].output()).toMatch(
            /the connection pooler does not pass startup options: set .*statement_timeout = 5000.* as defaults of the database or role/,
          );
        });
      },
    );
  },
);
