/** Sessions: what a token is worth once tampered with, expired or revoked; sign-in cookies; failed sign-ins. */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { testDatabase } from "../../support/db.ts";
import { testServer } from "../../support/server.ts";
import { PASSWORD, createPlanner, createUser, login, uniqueName, type Account } from "./accounts.ts";
import { fingerprint } from "./db-state.ts";

const ME = `{ me { id username } }`;
const MUTATION = `mutation { reportProgress(input: { taskId: "matter-41", status: IN_PROGRESS, progress: 1, note: "token test" }) { id } }`;
const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token user { id } } }`;

let nextAddress = 1;
/** A client address of its own (the server trusts X-Forwarded-For from loopback), so failed sign-ins here count against nobody else. */
function address(): Record<string, string> {
  return { "x-forwarded-for": `203.0.113.${nextAddress++}` };
}

async function asToken(token: string) {
  const s = await testServer();
  const auth = { authorization: `Bearer ${token}` };
  return { me: (await s.gql(ME, {}, auth)).body, mutation: (await s.gql(MUTATION, {}, auth)).body };
}

describe("tokens", () => {
  it("a valid token signs the user in (the control for the cases below)", async () => {
    const planner = await createPlanner("token");
    const r = await asToken(planner.token);
    expect(r.me.data.me.username).toBe(planner.username);
    expect(r.mutation.errors).toBeUndefined();
  });

  it("a tampered token is anonymous: me is null, mutations UNAUTHENTICATED", async () => {
    const planner = await createPlanner("token");
    const last = planner.token.at(-1) === "A" ? "B" : "A";
    const r = await asToken(planner.token.slice(0, -1) + last);
    expect(r.me.data.me).toBeNull();
    expect(r.mutation.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("a malformed Authorization header is anonymous", async () => {
    const s = await testServer();
    const r = await s.gql(ME, {}, { authorization: "Bearer not a token!" });
    expect(r.status).toBeLessThan(500);
    expect(r.body.data.me).toBeNull();
  });

  it("an expired token is anonymous", async () => {
    const planner = await createPlanner("token");
    const { db } = await testDatabase();
    const hash = createHash("sha256").update(planner.token).digest("hex");
    const updated =
      await sql`update auth_session set expires_at = now() - interval '1 minute' where token_hash = ${hash} returning 1`.execute(
        db,
      );
    expect(updated.rows).toHaveLength(1);
    const r = await asToken(planner.token);
    expect(r.me.data.me).toBeNull();
    expect(r.mutation.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("a token is anonymous after logout", async () => {
    const planner = await createPlanner("token");
    const s = await testServer();
    const out = await s.gql(`mutation { logout }`, {}, planner.auth);
    expect(out.body.data.logout).toBe(true);
    const r = await asToken(planner.token);
    expect(r.me.data.me).toBeNull();
    expect(r.mutation.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("logout revokes only its own session", async () => {
    const planner = await createPlanner("token");
    const second = await login(planner.username);
    const s = await testServer();
    await s.gql(`mutation { logout }`, {}, planner.auth);
    expect((await asToken(second.token)).me.data.me.username).toBe(planner.username);
  });
});

describe("sessions the report mutations look up themselves (in their own statement)", () => {
  const UPDATE = `mutation($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id } }`;
  const REVIEW = `mutation($id: ID!) { reviewReport(id: $id, decision: APPROVE) { id review } }`;

  async function pendingReport(by: Account): Promise<string> {
    const s = await testServer();
    const r = await s.gql(MUTATION, {}, by.auth);
    expect(r.body.errors).toBeUndefined();
    return r.body.data.reportProgress.id;
  }

  it.each([
    ["disabling the account", { disabled: true }],
    ["a planner resetting its password", { password: "another good password" }],
  ])("end with %s: reportProgress and reviewReport are UNAUTHENTICATED and write nothing", async (_what, input) => {
    const planner = await createPlanner("token-admin");
    const other = await createUser(planner, { role: "PLANNER" }, "token-revoked");
    const id = await pendingReport(planner);
    const s = await testServer();
    const changed = await s.gql(UPDATE, { id: other.id, input }, planner.auth);
    expect(changed.body.errors).toBeUndefined();
    const before = await fingerprint();
    const report = await s.gql(MUTATION, {}, other.auth);
    const review = await s.gql(REVIEW, { id }, other.auth);
    expect(report.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(review.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(await fingerprint()).toEqual(before);
  });

  it("act with the role the account has now, not the one it signed in with", async () => {
    const planner = await createPlanner("token-admin");
    const other = await createUser(planner, { role: "PLANNER" }, "token-demoted");
    const id = await pendingReport(planner);
    const s = await testServer();
    const demoted = await s.gql(UPDATE, { id: other.id, input: { role: "VIEWER" } }, planner.auth);
    expect(demoted.body.errors).toBeUndefined();
    const before = await fingerprint();
    const report = await s.gql(MUTATION, {}, other.auth);
    const review = await s.gql(REVIEW, { id }, other.auth);
    expect(report.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(review.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await fingerprint()).toEqual(before);
  });
});

describe("login", () => {
  it("sets the token as an HttpOnly, SameSite=Strict cookie", async () => {
    const planner = await createPlanner("cookie");
    const s = await testServer();
    const res = await fetch(`${s.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: LOGIN, variables: { u: planner.username, p: PASSWORD } }),
    });
    const body = await res.json();
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toContain(`atlas_session=${body.data.login.token}`);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Strict/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
  });

  it("gives the same answer for an unknown user and a wrong password", async () => {
    const planner = await createPlanner("login");
    const s = await testServer();
    const unknown = await s.gql(LOGIN, { u: uniqueName("nobody"), p: PASSWORD }, address());
    const wrong = await s.gql(LOGIN, { u: planner.username, p: "not the password" }, address());
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(wrong.body.errors?.[0]).toEqual(unknown.body.errors?.[0]);
    expect(wrong.body.data).toEqual(unknown.body.data);
  });

  it("answers TOO_MANY_REQUESTS after 20 failures from one address, for any username", async () => {
    const s = await testServer();
    const from = address();
    for (let i = 1; i <= 20; i++) {
      const r = await s.gql(LOGIN, { u: uniqueName("spray"), p: "wrong password" }, from);
      expect(r.body.errors?.[0]?.extensions?.code, `attempt ${i}`).toBe("UNAUTHENTICATED");
    }
    const next = await s.gql(LOGIN, { u: uniqueName("spray"), p: "wrong password" }, from);
    expect(next.body.errors?.[0]?.extensions?.code).toBe("TOO_MANY_REQUESTS");
  });
});
