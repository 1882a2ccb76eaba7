/** Cross-site requests: CSRF prevention, cookies from foreign origins, CORS. */
import { beforeAll, describe, expect, it } from "vitest";
import { testServer } from "../../support/server.ts";
import { PASSWORD, createPlanner, type Account } from "./accounts.ts";
import { fingerprint } from "./db-state.ts";

const ALLOWED = "http://allowed.example";
const EVIL = "http://evil.example";
const MUTATION = `mutation { reportProgress(input: { taskId: "matter-41", status: IN_PROGRESS, progress: 10, note: "csrf" }) { id } }`;

let planner: Account;
let cookie: string;

beforeAll(async () => {
  planner = await createPlanner("csrf");
  const s = await testServer();
  const res = await fetch(`${s.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`,
      variables: { u: planner.username, p: PASSWORD },
    }),
  });
  const setCookie = res.headers.get("set-cookie") ?? "";
  cookie = setCookie.split(";")[0];
  expect(cookie).toMatch(/^atlas_session=/);
});

async function post(headers: Record<string, string>, body: string): Promise<{ status: number; json: any }> {
  const s = await testServer();
  const res = await fetch(`${s.url}/graphql`, { method: "POST", headers, body });
  return { status: res.status, json: await res.json().catch(() => null) };
}

describe("CSRF prevention", () => {
  it("refuses a mutation sent with GET, writing nothing", async () => {
    const s = await testServer();
    const before = await fingerprint();
    const res = await fetch(`${s.url}/graphql?query=${encodeURIComponent(MUTATION)}`, {
      headers: { ...planner.auth, "apollo-require-preflight": "1" },
    });
    expect(res.status).toBe(405);
    expect((await res.json()).errors[0].message).toMatch(/GET requests only support query operations/);
    expect(await fingerprint()).toEqual(before);
  });

  it("refuses a POST with content-type text/plain, writing nothing", async () => {
    const before = await fingerprint();
    const r = await post({ "content-type": "text/plain", cookie }, JSON.stringify({ query: MUTATION }));
    expect(r.status).toBe(400);
    expect(r.json.errors[0].message).toMatch(/Cross-Site Request Forgery/);
    expect(await fingerprint()).toEqual(before);
  });

  it("refuses a form-encoded POST, writing nothing", async () => {
    const before = await fingerprint();
    const r = await post(
      { "content-type": "application/x-www-form-urlencoded", cookie },
      `query=${encodeURIComponent(MUTATION)}`,
    );
    expect(r.status).toBe(400);
    expect(await fingerprint()).toEqual(before);
  });
});

describe("session cookies and the Origin header", () => {
  const me = JSON.stringify({ query: "{ me { username } }" });

  it("a cookie without an Origin (same-site navigation, scripts) signs the user in", async () => {
    const r = await post({ "content-type": "application/json", cookie }, me);
    expect(r.json.data.me).toEqual({ username: planner.username });
  });

  it("a cookie from an allowed origin signs the user in", async () => {
    const r = await post({ "content-type": "application/json", cookie, origin: ALLOWED }, me);
    expect(r.json.data.me).toEqual({ username: planner.username });
  });

  it("a cookie from a foreign origin counts as anonymous", async () => {
    const r = await post({ "content-type": "application/json", cookie, origin: EVIL }, me);
    expect(r.json.data.me).toBeNull();
  });

  it("a mutation with a cookie from a foreign origin is UNAUTHENTICATED and writes nothing", async () => {
    const before = await fingerprint();
    const r = await post(
      { "content-type": "application/json", cookie, origin: EVIL },
      JSON.stringify({ query: MUTATION }),
    );
    expect(r.json.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    expect(await fingerprint()).toEqual(before);
  });
});

describe("CORS", () => {
  async function preflight(origin: string): Promise<Response> {
    const s = await testServer();
    return fetch(`${s.url}/graphql`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type, authorization",
      },
    });
  }

  it("a preflight from the allowed origin gets access-control-allow-origin for it", async () => {
    const res = await preflight(ALLOWED);
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(res.headers.get("access-control-allow-headers")).toMatch(/authorization/);
  });

  it("a preflight from another origin gets no access-control-allow-origin", async () => {
    const res = await preflight(EVIL);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("a simple request from another origin gets no access-control-allow-origin", async () => {
    const s = await testServer();
    const res = await fetch(`${s.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: EVIL },
      body: me(),
    });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});

function me(): string {
  return JSON.stringify({ query: "{ me { username } }" });
}
