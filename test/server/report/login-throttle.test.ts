/**
 * Sign-in throttling (user.service LOGIN_THROTTLE): the check and its record are one step, so
 * concurrent guesses cannot slip past it; delays grow; an attacker cannot lock a user out; every
 * attempt is counted, even one refused for its input. Each test signs in from addresses of its
 * own (the server trusts X-Forwarded-For from loopback), so no test counts against another.
 */
import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { testDatabase } from "../../support/db.ts";
import { testServer } from "../../support/server.ts";
import { PASSWORD, createPlanner, createUser, uniqueName } from "./accounts.ts";

const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token user { id } } }`;

// addresses from a range no other test file uses (198.18.0.0/15, benchmarking), random per run
const base = randomInt(0, 200);
let next = 1;
function address(): Record<string, string> {
  const n = next++;
  return { "x-forwarded-for": `198.18.${base}.${n}` };
}

async function attempt(username: string, password: string, from: Record<string, string>) {
  const s = await testServer();
  const r = await s.gql(LOGIN, { u: username, p: password }, from);
  const error = r.body.errors?.[0] as
    { message: string; extensions?: { code?: string; retryAfter?: number } } | undefined;
  return {
    status: r.status,
    code: error?.extensions?.code ?? "OK",
    retryAfter: error?.extensions?.retryAfter,
    message: error?.message,
  };
}

/** Moves the last failure of every counter of `username` back in time, as if `seconds` had passed. */
async function age(username: string, seconds: number): Promise<void> {
  const { db } = await testDatabase();
  await sql`update login_throttle set last_failure_at = last_failure_at - make_interval(secs => ${seconds}) where key like ${"%" + username}`.execute(
    db,
  );
}

async function victim(prefix: string) {
  const planner = await createPlanner(prefix);
  return createUser(planner, { role: "VIEWER" }, prefix);
}

describe("sign-in throttling", () => {
  it("checks at most 5 of 50 concurrent wrong passwords from one address; the rest are refused with retryAfter", async () => {
    const user = await victim("race");
    const from = address();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => attempt(user.username, `wrong password ${i}`, from)),
    );
    const codes = results.map((r) => r.code);
    expect(codes.filter((c) => c === "UNAUTHENTICATED")).toHaveLength(5);
    expect(codes.filter((c) => c === "TOO_MANY_REQUESTS")).toHaveLength(45);
    for (const r of results.filter((x) => x.code === "TOO_MANY_REQUESTS")) expect(r.retryAfter).toBeGreaterThan(0);
  });

  it("doubles the delay with each failure past the threshold", async () => {
    const user = await victim("delay");
    const from = address();
    for (let i = 1; i <= 5; i++)
      expect((await attempt(user.username, "wrong password", from)).code, `attempt ${i}`).toBe("UNAUTHENTICATED");
    const first = await attempt(user.username, "wrong password", from);
    expect(first.code).toBe("TOO_MANY_REQUESTS");
    expect(first.retryAfter).toBeGreaterThan(25);
    expect(first.retryAfter).toBeLessThanOrEqual(30);
    await age(user.username, 31);
    expect((await attempt(user.username, "wrong password", from)).code).toBe("UNAUTHENTICATED");
    const second = await attempt(user.username, "wrong password", from);
    expect(second.code).toBe("TOO_MANY_REQUESTS");
    expect(second.retryAfter).toBeGreaterThan(55);
    expect(second.retryAfter).toBeLessThanOrEqual(60);
    // the right password waits like any other attempt from this address
    expect((await attempt(user.username, PASSWORD, from)).code).toBe("TOO_MANY_REQUESTS");
  });

  it("lets the right password through from an address that has not been failing while others hammer the account", async () => {
    const user = await victim("lockout");
    const attacker = address();
    for (let i = 0; i < 8; i++) await attempt(user.username, "wrong password", attacker);
    // ten more addresses, one guess each: the account's own counter is past its threshold
    for (let i = 0; i < 10; i++)
      expect((await attempt(user.username, "wrong password", address())).code).toBe("UNAUTHENTICATED");
    expect((await attempt(user.username, "wrong password", attacker)).code).toBe("TOO_MANY_REQUESTS");
    expect((await attempt(user.username, PASSWORD, attacker)).code).toBe("TOO_MANY_REQUESTS");
    expect((await attempt(user.username, PASSWORD, address())).code).toBe("OK");
  });

  it("holds back an address that has failed elsewhere once the account's counter is past its threshold", async () => {
    const user = await victim("spread");
    for (let i = 0; i < 10; i++) await attempt(user.username, "wrong password", address());
    const roaming = address();
    expect((await attempt(uniqueName("other"), "wrong password", roaming)).code).toBe("UNAUTHENTICATED");
    expect((await attempt(user.username, "wrong password", roaming)).code).toBe("TOO_MANY_REQUESTS");
  });

  it("counts usernames case-insensitively", async () => {
    const user = await victim("ratecase");
    const from = address();
    for (let i = 1; i <= 5; i++)
      await attempt(i % 2 ? user.username.toUpperCase() : user.username, "wrong password", from);
    expect((await attempt(user.username, "wrong password", from)).code).toBe("TOO_MANY_REQUESTS");
  });

  it("refuses an address after 20 failures, for any username", async () => {
    const from = address();
    for (let i = 1; i <= 20; i++)
      expect((await attempt(uniqueName("spray"), "wrong password", from)).code, `attempt ${i}`).toBe("UNAUTHENTICATED");
    expect((await attempt(uniqueName("spray"), "wrong password", from)).code).toBe("TOO_MANY_REQUESTS");
  });

  it("refuses a username over 64 characters with a named error, before any password work, and counts the attempt", async () => {
    const from = address();
    const long = "x".repeat(3000);
    const first = await attempt(long, "wrong password", from);
    expect(first.status).toBe(200);
    expect(first.code).toBe("BAD_USER_INPUT");
    expect(first.message).toBe("username must be at most 64 characters");
    for (let i = 2; i <= 20; i++)
      expect((await attempt(long, "wrong password", from)).code, `attempt ${i}`).toBe("BAD_USER_INPUT");
    expect((await attempt(long, "wrong password", from)).code).toBe("TOO_MANY_REQUESTS");
  });

  it("refuses a password over 200 characters with a named error", async () => {
    const r = await attempt(uniqueName("long"), "p".repeat(5_000), address());
    expect(r.code).toBe("BAD_USER_INPUT");
    expect(r.message).toBe("password must be at most 200 characters");
  });

  it("a success clears the pair's failures, so the user is not held back by their own typos", async () => {
    const user = await victim("typo");
    const from = address();
    for (let i = 0; i < 4; i++) await attempt(user.username, "wrong password", from);
    expect((await attempt(user.username, PASSWORD, from)).code).toBe("OK");
    for (let i = 0; i < 4; i++)
      expect((await attempt(user.username, "wrong password", from)).code).toBe("UNAUTHENTICATED");
    expect((await attempt(user.username, PASSWORD, from)).code).toBe("OK");
  });
});
