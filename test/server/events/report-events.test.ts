/**
 * Subscription.reportEvents over graphql-ws: who hears what, placeIds, auth by token and cookie,
 * limits, and a clean close at stop. On the PostgreSQL leg the reports are filed and reviewed
 * through a SECOND app with its own pool on the same database (the event crosses servers through
 * LISTEN/NOTIFY); on the embedded leg through the subscribers' own app (one process).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import { sql } from "kysely";
import { createClient, type Client } from "graphql-ws";
import { createApp, type App } from "../../../server/src/app.ts";
import { loadConfig } from "../../../server/src/config.ts";
import { openDatabase, type Database } from "../../../server/src/db/database.ts";
import { silentLogger, testDatabase } from "../../support/db.ts";
import { createPlanner, createUser, type Account } from "../report/accounts.ts";

const DEADLINE_MS = 15_000;
const onServer = Boolean(process.env.DATABASE_URL);

const EVENTS = `subscription Events($placeIds: [ID!]) {
  reportEvents(placeIds: $placeIds) {
    kind
    report { id review note author { username } place { id } }
    obligation { place { id } task { id } reasons }
  }
}`;

interface Event {
  kind: string;
  report: {
    id: string;
    review: string;
    note: string;
    author: { username: string } | null;
    place: { id: string } | null;
  };
  obligation: { place: { id: string }; task: { id: string }; reasons: string[] };
}

/** A deadline that fails the test instead of hanging it. */
function within<T>(what: string, p: Promise<T>, ms = DEADLINE_MS): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)),
    ),
  ]);
}

/** What one subscription received, with a way to wait for the next one. */
class Inbox {
  readonly events: Event[] = [];
  readonly errors: unknown[] = [];
  #waiters: (() => void)[] = [];
  push(e: Event) {
    this.events.push(e);
    for (const w of this.#waiters.splice(0)) w();
  }
  fail(e: unknown) {
    this.errors.push(e);
    for (const w of this.#waiters.splice(0)) w();
  }
  /** Waits until `n` events (or an error) have arrived. */
  async count(n: number, what = `${n} events`): Promise<Event[]> {
    await within(
      what,
      (async () => {
        while (this.events.length < n && this.errors.length === 0)
          await new Promise<void>((r) => this.#waiters.push(r));
      })(),
    );
    if (this.errors.length) throw new Error(`subscription failed: ${JSON.stringify(this.errors)}`);
    return this.events;
  }
}

function wsUrl(app: App): string {
  return `${app.url().replace(/^http/, "ws")}/graphql`;
}

/** A WebSocket class sending these headers with the upgrade (a browser sends its cookie and Origin). */
function withHeaders(headers: Record<string, string>): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  } as unknown as typeof WebSocket;
}

function client(app: App, opts: { token?: string; headers?: Record<string, string> } = {}): Client {
  return createClient({
    url: wsUrl(app),
    webSocketImpl: opts.headers ? withHeaders(opts.headers) : WebSocket,
    connectionParams: opts.token ? { authorization: `Bearer ${opts.token}` } : undefined,
    retryAttempts: 0,
    lazy: true,
  });
}

function subscribe(c: Client, variables: Record<string, unknown> = {}, query = EVENTS): Inbox {
  const inbox = new Inbox();
  c.subscribe<{ reportEvents: Event }>(
    { query, variables },
    {
      next: (r) => (r.errors ? inbox.fail(r.errors) : inbox.push(r.data!.reportEvents)),
      error: (e) => inbox.fail(e instanceof Error ? e.message : e),
      complete: () => undefined,
    },
  );
  return inbox;
}

async function gql<T = any>(
  app: App,
  query: string,
  variables: Record<string, unknown>,
  account?: Account,
): Promise<T> {
  const res = await fetch(`${app.url()}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(account?.auth ?? {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}

async function file(app: App, who: Account, input: Record<string, unknown>): Promise<string> {
  const d = await gql(
    app,
    `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id } }`,
    { input },
    who,
  );
  return d.reportProgress.id;
}

async function review(app: App, who: Account, id: string, decision: "APPROVE" | "RETURN"): Promise<void> {
  await gql(
    app,
    `mutation($id: ID!, $d: ReviewDecision!) { reviewReport(id: $id, decision: $d) { id } }`,
    { id, d: decision },
    who,
  );
}

/** Resolves with the close code and reason of a raw socket. */
function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })));
}

const config = () => ({ ...loadConfig({ PORT: "0", SEED_ON_BOOT: "false" }), corsOrigins: ["http://allowed.example"] });

let subscribers: App;
let writer: App;
let writerDb: Database | null = null;
let planner: Account;
let reviewer: Account;
let leader: Account;
let viewer: Account;

beforeAll(async () => {
  const database = await testDatabase();
  const listenUrl = process.env.DATABASE_URL || null;
  subscribers = await createApp(config(), silentLogger, { database, listenUrl });
  await subscribers.start();
  if (onServer) {
    // a second server: its own process state and pool, the same PostgreSQL database
    writerDb = await openDatabase({ databaseUrl: process.env.DATABASE_URL!, dataDir: "" });
    writer = await createApp(config(), silentLogger, { database: writerDb, listenUrl });
    await writer.start();
  } else {
    writer = subscribers;
  }
  planner = await createPlanner("events-planner");
  reviewer = await createPlanner("events-reviewer");
  leader = await createUser(planner, { role: "AREA_LEADER", placeIds: ["gujiao"] }, "events-leader");
  viewer = await createUser(planner, { role: "VIEWER" }, "events-viewer");
}, 400_000);

afterAll(async () => {
  if (writer !== subscribers) await writer?.stop();
  await writerDb?.close();
  await subscribers?.stop();
});

describe("reportEvents", () => {
  it("anonymous users and viewers hear approvals only, without authors; planners hear the filing and the approval with authors", async () => {
    const anonymous = client(subscribers);
    const asViewer = client(subscribers, { token: viewer.token });
    const asPlanner = client(subscribers, { token: planner.token });
    const asQingxu = client(subscribers, { token: planner.token });
    try {
      const hub = subscribers.reportEvents();
      const before = hub.subscriberCount();
      const anon = subscribe(anonymous);
      const view = subscribe(asViewer, { placeIds: ["gujiao"] });
      const plan = subscribe(asPlanner, { placeIds: ["taiyuan"] }); // the city contains Gujiao
      const qingxu = subscribe(asQingxu, { placeIds: ["qingxu"] });
      await within(
        "four subscribers",
        hub.whenSubscribers((n) => n >= before + 4),
      );

      const gujiao = await file(writer, leader, {
        taskId: "reform-14",
        placeId: "gujiao",
        status: "IN_PROGRESS",
        progress: 40,
        note: "events test: gujiao pilot under way",
      });
      const [submitted] = await plan.count(1, "the planner's SUBMITTED event");
      expect(submitted).toMatchObject({
        kind: "SUBMITTED",
        report: { id: gujiao, review: "SUBMITTED", author: { username: leader.username }, place: { id: "gujiao" } },
        obligation: { place: { id: "gujiao" }, task: { id: "reform-14" } },
      });
      expect(submitted.obligation.reasons.length).toBeGreaterThan(0);

      await review(writer, reviewer, gujiao, "APPROVE");
      const [, approved] = await plan.count(2, "the planner's APPROVED event");
      expect(approved).toMatchObject({
        kind: "APPROVED",
        report: { id: gujiao, review: "APPROVED", author: { username: leader.username } },
      });

      // the first thing anonymous users and viewers hear is the approval: never the filing
      expect(await anon.count(1, "the anonymous APPROVED event")).toEqual([
        expect.objectContaining({ kind: "APPROVED", report: expect.objectContaining({ id: gujiao, author: null }) }),
      ]);
      expect(await view.count(1, "the viewer's APPROVED event")).toEqual([
        expect.objectContaining({ kind: "APPROVED", report: expect.objectContaining({ id: gujiao, author: null }) }),
      ]);

      // a subscriber to Qingxu heard nothing of Gujiao: its first event is Qingxu's report
      const q = await file(writer, planner, {
        taskId: "matter-8",
        placeId: "qingxu",
        status: "IN_PROGRESS",
        progress: 10,
        note: "events test: qingxu",
      });
      const [first] = await qingxu.count(1, "Qingxu's event");
      expect(first).toMatchObject({
        kind: "SUBMITTED",
        report: { id: q, place: { id: "qingxu" } },
        obligation: { place: { id: "qingxu" } },
      });

      // a returned report is the author's and reviewers' business, not the public's
      await review(writer, reviewer, q, "RETURN");
      await plan.count(2);
      await qingxu.count(2, "Qingxu's RETURNED event");
      expect(qingxu.events[1]).toMatchObject({ kind: "RETURNED", report: { id: q, review: "RETURNED" } });
      // approve a third report so that anonymous users have a later event to show RETURNED never came
      const last = await file(writer, planner, {
        taskId: "matter-8",
        placeId: "qingxu",
        status: "COMPLETED",
        progress: 100,
        note: "events test: qingxu done",
      });
      await review(writer, reviewer, last, "APPROVE");
      await anon.count(2, "the anonymous second APPROVED event");
      expect(anon.events.map((e) => [e.kind, e.report.id])).toEqual([
        ["APPROVED", gujiao],
        ["APPROVED", last],
      ]);
      expect(view.events).toHaveLength(1); // the viewer asked for Gujiao only
    } finally {
      await Promise.all([anonymous.dispose(), asViewer.dispose(), asPlanner.dispose(), asQingxu.dispose()]);
    }
    await within(
      "the disposed clients' subscribers to end",
      subscribers.reportEvents().whenSubscribers((n) => n === 0),
    );
  }, 60_000);

  it("authenticates by the session cookie of the upgrade, and refuses a bad token with a reason", async () => {
    const byCookie = client(subscribers, { headers: { cookie: `atlas_session=${planner.token}` } });
    try {
      const hub = subscribers.reportEvents();
      const before = hub.subscriberCount();
      const inbox = subscribe(byCookie, { placeIds: ["gujiao"] });
      await within(
        "the cookie subscriber",
        hub.whenSubscribers((n) => n > before),
      );
      const id = await file(writer, leader, {
        taskId: "reform-14",
        placeId: "gujiao",
        status: "IN_PROGRESS",
        progress: 50,
        note: "events test: cookie",
      });
      const [e] = await inbox.count(1, "the cookie subscriber's SUBMITTED event");
      expect(e).toMatchObject({ kind: "SUBMITTED", report: { id, author: { username: leader.username } } });
    } finally {
      await byCookie.dispose();
    }

    const bad = new WebSocket(wsUrl(subscribers), "graphql-transport-ws");
    await new Promise((r) => bad.once("open", r));
    const done = closed(bad);
    bad.send(
      JSON.stringify({ type: "connection_init", payload: { authorization: "Bearer not-a-live-session-token-at-all" } }),
    );
    const { code, reason } = await within("the bad token's close", done);
    expect(code).toBe(4403);
    expect(reason).toMatch(/token is invalid, expired or revoked/);
  }, 30_000);

  it("refuses unknown places, queries over the socket, and subscriptions over HTTP, naming the rule", async () => {
    const c = client(subscribers);
    try {
      const unknown = subscribe(c, { placeIds: ["atlantis"] });
      await expect(unknown.count(1)).rejects.toThrow(/unknown place \\"atlantis\\"/);
      const query = subscribe(c, {}, `{ plan { id } }`);
      await expect(query.count(1)).rejects.toThrow(/subscriptions only; send a query as an HTTP POST/);
    } finally {
      await c.dispose();
    }
    const res = await fetch(`${subscribers.url()}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: EVENTS }),
    });
    const body = await res.json();
    expect(res.status).toBe(400);
    expect(body.errors[0]).toMatchObject({ extensions: { code: "BAD_REQUEST" } });
    expect(body.errors[0].message).toMatch(/graphql-ws.*\/graphql/);
  });

  it("checks the Origin of a browser's upgrade as CORS does", async () => {
    const evil = new WebSocket(wsUrl(subscribers), "graphql-transport-ws", {
      headers: { origin: "http://evil.example" },
    });
    evil.on("error", () => undefined); // the aborted handshake
    const status = await within(
      "the refusal",
      new Promise<number>((resolve) =>
        evil.once("unexpected-response", (req, res) => {
          resolve(res.statusCode ?? 0);
          req.destroy();
        }),
      ),
    );
    expect(status).toBe(403);
    for (const origin of ["http://allowed.example", subscribers.url()]) {
      const ok = new WebSocket(wsUrl(subscribers), "graphql-transport-ws", { headers: { origin } });
      await within(
        `an upgrade from ${origin}`,
        new Promise(
          (resolve, reject) => (
            ok.once("open", resolve),
            ok.once("unexpected-response", () => reject(new Error(`${origin} refused`)))
          ),
        ),
      );
      const done = closed(ok);
      ok.close();
      await done;
    }
  });
});

describe.runIf(onServer)("listening", () => {
  const NAME = "atlas-events-idle-test";
  let app: App;
  let admin: Database;
  beforeAll(async () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.searchParams.set("application_name", NAME);
    app = await createApp(config(), silentLogger, {
      database: await testDatabase(),
      listenUrl: url.toString(),
      listenIdleMs: 200,
    });
    await app.start();
    admin = await testDatabase();
  });
  afterAll(async () => {
    await app?.stop();
  });

  /** This app's LISTEN connections, from PostgreSQL's own view. */
  async function listeners(): Promise<number> {
    const r = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity where application_name = ${NAME}`.execute(admin.db);
    return r.rows[0].n;
  }

  it("listens only while it has subscribers, and hears again once someone subscribes after it stopped", async () => {
    const hub = app.reportEvents();
    expect(await listeners()).toBe(0);

    const first = client(app, { token: planner.token });
    try {
      subscribe(first, { placeIds: ["gujiao"] });
      await within(
        "a subscriber",
        hub.whenSubscribers((n) => n === 1),
      );
      expect(await listeners()).toBe(1);
    } finally {
      await first.dispose();
    }
    await within(
      "no subscribers",
      hub.whenSubscribers((n) => n === 0),
    );
    // closed once idle (listenIdleMs), seen by PostgreSQL as the session ending
    await vi.waitFor(async () => expect(await listeners()).toBe(0), { timeout: DEADLINE_MS, interval: 50 });

    const second = client(app, { token: planner.token });
    try {
      const inbox = subscribe(second, { placeIds: ["gujiao"] });
      await within(
        "a subscriber again",
        hub.whenSubscribers((n) => n === 1),
      );
      expect(await listeners()).toBe(1);
      const id = await file(writer, leader, {
        taskId: "reform-14",
        placeId: "gujiao",
        status: "IN_PROGRESS",
        progress: 45,
        note: "events test: heard after listening again",
      });
      const [event] = await inbox.count(1, "the event after listening again");
      expect(event).toMatchObject({ kind: "SUBMITTED", report: { id } });
    } finally {
      await second.dispose();
    }
  });
});

describe("limits and shutdown", () => {
  let small: App;
  let stopped = false;
  beforeAll(async () => {
    small = await createApp(config(), silentLogger, {
      database: await testDatabase(),
      listenUrl: process.env.DATABASE_URL || null,
      subscriptionLimits: { perConnection: 2, perAddress: 2, messageBytes: 4096, initTimeoutMs: 500 },
    });
    await small.start();
  });
  afterAll(async () => {
    if (!stopped) await small?.stop();
  });

  it("refuses a subscription over the per-connection limit, a connection over the per-address limit, a large message and a silent client", async () => {
    const c = client(small);
    try {
      const a = subscribe(c);
      const b = subscribe(c);
      const third = subscribe(c);
      await expect(third.count(1)).rejects.toThrow(/at most 2 subscriptions per connection/);
      expect(a.errors).toEqual([]);
      expect(b.errors).toEqual([]);

      // c holds one connection: one more is allowed, the next is closed with a reason
      const second = new WebSocket(wsUrl(small), "graphql-transport-ws");
      await new Promise((r) => second.once("open", r));
      const over = new WebSocket(wsUrl(small), "graphql-transport-ws");
      const { code, reason } = await within("the per-address refusal", closed(over));
      expect(code).toBe(4429);
      expect(reason).toMatch(/too many connections from .*: at most 2/);
      const secondClosed = closed(second);
      second.close();
      await secondClosed;
    } finally {
      await c.dispose();
    }
    // a client that goes away is no subscriber any more
    await within(
      "the closed connection's subscribers to end",
      small.reportEvents().whenSubscribers((n) => n === 0),
    );

    const big = new WebSocket(wsUrl(small), "graphql-transport-ws");
    await new Promise((r) => big.once("open", r));
    const bigClosed = closed(big);
    big.send(JSON.stringify({ type: "connection_init", payload: { pad: "x".repeat(5000) } }));
    expect((await within("the size refusal", bigClosed)).code).toBe(1009);

    const silent = new WebSocket(wsUrl(small), "graphql-transport-ws");
    const silentClosed = closed(silent);
    expect(await within("the init timeout", silentClosed)).toEqual({
      code: 4408,
      reason: "Connection initialisation timeout",
    });
  }, 30_000);

  it("closes every subscriber with 1001 at stop, then stops", async () => {
    const raw = new WebSocket(wsUrl(small), "graphql-transport-ws");
    await new Promise((r) => raw.once("open", r));
    raw.send(JSON.stringify({ type: "connection_init" }));
    await new Promise<void>((resolve) =>
      raw.on("message", (m) => JSON.parse(m.toString()).type === "connection_ack" && resolve()),
    );
    raw.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: EVENTS } }));
    const hub = small.reportEvents();
    await within(
      "the subscriber",
      hub.whenSubscribers((n) => n === 1),
    );
    const done = closed(raw);
    stopped = true;
    await small.stop();
    expect(await done).toEqual({ code: 1001, reason: "the server is shutting down" });
    expect(hub.subscriberCount()).toBe(0);
    expect(small.subscriptionConnections()).toBe(0);
  });
});
