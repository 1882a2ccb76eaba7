/**
 * Live report events (Subscription.reportEvents): who hears what, and how an event gets from
 * the transaction that made it to every subscriber of every server.
 *
 * A mutation announces its event once its transaction has committed (announceReport: a NOTIFY,
 * sent with the others of the next few milliseconds in one statement), so an event exists only
 * for a committed write. On a PostgreSQL server a process with subscribers LISTENs on one
 * dedicated session connection (DATABASE_LISTEN_URL, default DATABASE_URL), reconnecting after a
 * drop, so a subscriber on one server hears a review made on another. A process without
 * subscribers does not listen (LISTEN_IDLE_MS after its last one left): it would hear every
 * write of every server only to drop it. The embedded database has
 * one process: its hub is told directly and reads the report after the transaction has ended
 * (the embedded connection is one queue, so that read waits for the commit or the rollback).
 * Either way the report is read once per event, whatever the number of subscribers, and the
 * event is dropped if the write it announces is not there (rolled back).
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { unscopedDb, type Database, type Db } from "../../db/database.ts";
import type { SessionUser } from "../../core/actor.ts";
import type { Logger } from "../../logger.ts";
import { UnavailableError, ValidationError } from "../../core/errors.ts";
import { canReview } from "./permissions.ts";
import {
  findPlaceIds,
  findReportEventFacts,
  markLocalHub,
  notifyReportEvents,
  REPORT_EVENTS_CHANNEL,
  type ReportEventFacts,
} from "./report-events.repository.ts";
import type { ReportRow } from "./report.type.ts";

export type ReportEventKindName = "SUBMITTED" | "APPROVED" | "RETURNED";
const KINDS: ReadonlySet<string> = new Set(["SUBMITTED", "APPROVED", "RETURNED"]);

/** What a subscriber receives: the event's kind, the report as it stands, and its obligation's place. */
export interface ReportEventPayload {
  kind: ReportEventKindName;
  report: ReportRow;
  placeId: string;
}

/** Events queued for a subscriber that reads slower than they come; older ones are dropped beyond it. */
const MAX_QUEUED = 100;
/** placeIds of one subscription */
const MAX_PLACE_IDS = 100;

/** The hubs of this process's embedded databases (tests run several apps on one), by the id written into the database's session. */
const localHubs = new Map<string, Set<ReportEventHub>>();

/**
 * How long an announcement waits for others to share its statement. Each announcement is a
 * statement of its own otherwise: a round trip, a transaction and a wake-up of every listener per
 * report; under 20 writers at 1,700 reviews a second that was a tenth of the server's CPU and as
 * much of PostgreSQL's (BENCHMARKS.md, "Mutations"). A subscriber hears an event this much later:
 * 20 ms is nothing to a person watching the map, and a steady writer costs 50 statements a second,
 * not the 200 of a 5 ms window ("Sixteenth session").
 */
export const ANNOUNCE_WINDOW_MS = 20;
/**
 * How long a process whose last subscriber has left keeps listening: a page reloaded or a client
 * reconnecting finds the connection still there.
 */
const LISTEN_IDLE_MS = 30_000;
/** Announcements in one statement at most (each its own notification). */
const ANNOUNCE_BATCH = 500;

interface Announcement {
  reportId: string;
  kind: ReportEventKindName;
}

/** Announcements waiting for the next statement of one database handle, and that statement's progress. */
interface Announcer {
  waiting: Announcement[];
  timer: NodeJS.Timeout | null;
  sending: Promise<void>;
}

const announcers = new WeakMap<Db, Announcer>();

/**
 * Announces reports written and committed (reportProgress, reviewReport, a CSV import): queued for
 * one statement with the others announced within ANNOUNCE_WINDOW_MS on the same database handle
 * (notifyReportEvents: one NOTIFY each, one transaction). Fire and forget: the write stands
 * whatever happens here, and an announcement that fails (the database gone) is lost, as one is that
 * a listener misses while it reconnects; it is never the mutation's error, which would tell the
 * client that nothing was written. Not inside a transaction: a NOTIFY holds PostgreSQL's one
 * notification lock until its transaction's commit is flushed, so every write on the database
 * would commit one after another.
 */
export function announceReport(requestDb: Db, reportId: string, kind: ReportEventKindName): void {
  // on the database's own handle: not the request's statement, nor bound by its deadline
  const db = unscopedDb(requestDb);
  let announcer = announcers.get(db);
  if (!announcer) announcers.set(db, (announcer = { waiting: [], timer: null, sending: Promise.resolve() }));
  announcer.waiting.push({ reportId, kind });
  announcer.timer ??= setTimeout(() => sendWaiting(db, announcer), ANNOUNCE_WINDOW_MS);
}

/** Sends what waits, in statements of ANNOUNCE_BATCH, one after another. */
function sendWaiting(db: Db, announcer: Announcer): void {
  if (announcer.timer) clearTimeout(announcer.timer);
  announcer.timer = null;
  while (announcer.waiting.length) {
    const batch = announcer.waiting.splice(0, ANNOUNCE_BATCH);
    announcer.sending = announcer.sending.then(async () => {
      try {
        const hub = await notifyReportEvents(
          db,
          batch.map((a) => `${a.reportId}:${a.kind}`),
        );
        for (const a of batch) announcedLocally(hub, a.reportId, a.kind);
      } catch {
        // lost: see announceReport
      }
    });
  }
}

/** Sends the announcements waiting on this database handle now, and waits for every one sent before (stopping, tests). */
export async function flushAnnouncements(requestDb: Db): Promise<void> {
  const db = unscopedDb(requestDb);
  const announcer = announcers.get(db);
  if (!announcer) return;
  sendWaiting(db, announcer);
  await announcer.sending;
}

/**
 * The second half of an announcement made inside the statement that wrote the report
 * (report-events.repository.ts `announcement`), given the `hub` it selected: this process's
 * embedded hubs are told directly; a PostgreSQL server's listeners hear the NOTIFY.
 */
export function announcedLocally(hubId: string | null, reportId: string, kind: ReportEventKindName): void {
  for (const hub of (hubId && localHubs.get(hubId)) || []) hub.receive(reportId, kind);
}

/**
 * Visibility follows the queries' rules: everyone hears approvals; a pending or returned report
 * only its author, the planners and the task's lead department (those who may review it).
 */
function canHear(user: SessionUser | null, kind: ReportEventKindName, facts: ReportEventFacts): boolean {
  if (kind === "APPROVED") return true;
  if (!user) return false;
  if (user.id === facts.report.authorId) return true;
  return canReview(
    user,
    { taskId: facts.report.taskId, leadDepartmentIds: facts.leadDepartmentIds, obligationPlaceIds: [] },
    facts.report.authorId,
  ).allowed;
}

/** The event is on an obligation of one of these places or of a place inside one (all places when null). */
export function concerns(placeIds: ReadonlySet<string> | null, facts: ReportEventFacts): boolean {
  return placeIds === null || facts.enclosingPlaceIds.some((p) => placeIds.has(p));
}

class Subscriber implements AsyncIterableIterator<ReportEventPayload> {
  readonly #queue: ReportEventPayload[] = [];
  #waiting: ((r: IteratorResult<ReportEventPayload>) => void) | null = null;
  #done = false;
  constructor(
    readonly user: SessionUser | null,
    readonly placeIds: ReadonlySet<string> | null,
    private readonly onEnd: (s: Subscriber) => void,
    private readonly log: Logger,
  ) {}

  push(event: ReportEventPayload): void {
    if (this.#done) return;
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = null;
      resolve({ value: event, done: false });
      return;
    }
    this.#queue.push(event);
    if (this.#queue.length > MAX_QUEUED) {
      this.#queue.shift();
      this.log.warn(
        { user: this.user?.username ?? "anonymous" },
        `a report-events subscriber is ${MAX_QUEUED} events behind: the oldest is dropped`,
      );
    }
  }

  next(): Promise<IteratorResult<ReportEventPayload>> {
    const event = this.#queue.shift();
    if (event) return Promise.resolve({ value: event, done: false });
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.#waiting = resolve));
  }

  return(): Promise<IteratorResult<ReportEventPayload>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  end(): void {
    if (this.#done) return;
    this.#done = true;
    this.#queue.length = 0;
    this.#waiting?.({ value: undefined, done: true });
    this.#waiting = null;
    this.onEnd(this);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<ReportEventPayload> {
    return this;
  }
}

/** One per process (per app): follows the events and fans them out to this process's subscribers. */
export class ReportEventHub {
  readonly #subscribers = new Set<Subscriber>();
  readonly #countWaiters: { test: (n: number) => boolean; resolve: () => void }[] = [];
  /** events are delivered one after another, in the order they were heard */
  #chain: Promise<void> = Promise.resolve();
  #listener: pg.Client | null = null;
  #localId: string | null = null;
  #stopped = false;
  #retryMs = 250;
  #retryTimer: NodeJS.Timeout | null = null;
  #idleTimer: NodeJS.Timeout | null = null;
  /** subscribers, and subscriptions waiting for the connection: while there are any, this process listens */
  #demand = 0;
  /** resolves when the dedicated connection listens (PostgreSQL server, while there are subscribers): #listen */
  #listening: Promise<void> = Promise.resolve();

  constructor(
    private readonly database: Database,
    /** a session connection for LISTEN on a PostgreSQL server; null on the embedded database */
    private readonly listenUrl: string | null,
    private readonly log: Logger,
    /** how long it keeps listening after the last subscriber has left */
    private readonly listenIdleMs = LISTEN_IDLE_MS,
  ) {}

  async start(): Promise<void> {
    if (this.database.kind === "pglite") {
      this.#localId = await markLocalHub(this.database.db, randomUUID());
      if (!localHubs.has(this.#localId)) localHubs.set(this.#localId, new Set());
      localHubs.get(this.#localId)!.add(this);
      return;
    }
    if (!this.listenUrl) this.log.warn("report events: no DATABASE_URL to LISTEN on; subscribers hear nothing");
  }

  /**
   * Listens from now on, if it did not already: resolves once the listener is connected, or has failed
   * to (a reconnection is then under way); at once on the embedded database, which needs no listener.
   */
  #listen(): Promise<void> {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    if (this.database.kind !== "pg" || !this.listenUrl || this.#stopped) return Promise.resolve();
    // connecting, connected, or waiting to reconnect
    if (!this.#listener && !this.#retryTimer) this.#listening = this.#connect();
    return this.#listening.catch(() => undefined);
  }

  /** Nobody left to listen for: the connection closes after LISTEN_IDLE_MS, unless someone subscribes first. */
  #idle(): void {
    if (this.#demand > 0 || this.#idleTimer || this.#stopped) return;
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = null;
      if (this.#demand > 0) return;
      if (this.#retryTimer) clearTimeout(this.#retryTimer);
      this.#retryTimer = null;
      this.#listening = Promise.resolve();
      const listener = this.#listener;
      // no longer the listener: its end is not a drop to reconnect after
      this.#listener = null;
      if (listener) {
        listener.removeAllListeners("notification");
        void listener.end().catch(() => undefined);
        this.log.info("report events: no subscribers; stopped listening");
      }
    }, this.listenIdleMs);
    this.#idleTimer.unref();
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.listenUrl!, application_name: "atlas-report-events" });
    this.#listener = client;
    let dropped = false;
    const drop = (err?: Error) => {
      if (dropped) return;
      dropped = true;
      const current = this.#listener === client;
      if (current) this.#listener = null;
      client.removeAllListeners("notification");
      void client.end().catch(() => undefined);
      // stopped, or closed on purpose with nobody left to listen for (#idle)
      if (this.#stopped || !current) return;
      this.log.warn({ err, retryMs: this.#retryMs }, "report events: the LISTEN connection dropped; reconnecting");
      this.#scheduleReconnect();
    };
    client.on("error", drop);
    client.on("end", () => drop());
    client.on("notification", (msg) => {
      if (msg.channel !== REPORT_EVENTS_CHANNEL || !msg.payload) return;
      const [reportId, kind] = msg.payload.split(":");
      if (KINDS.has(kind)) this.receive(reportId, kind as ReportEventKindName);
    });
    try {
      await client.connect();
      await client.query(`listen ${REPORT_EVENTS_CHANNEL}`);
      this.#retryMs = 250;
      this.log.info("report events: listening");
    } catch (error) {
      drop(error as Error);
      throw error;
    }
  }

  #scheduleReconnect(): void {
    if (this.#retryTimer || this.#stopped || this.#demand === 0) return;
    const wait = this.#retryMs;
    this.#retryMs = Math.min(this.#retryMs * 2, 10_000);
    this.#listening = new Promise<void>((resolve) => {
      this.#retryTimer = setTimeout(() => {
        this.#retryTimer = null;
        this.#connect().then(resolve, () => resolve());
      }, wait);
      this.#retryTimer.unref();
    });
  }

  /**
   * An event to load and fan out; a failure is logged, never thrown at the write that announced it.
   * Nobody subscribed, nobody to tell: heard and dropped at once (every write announces; under a
   * benchmark's writes that was a promise chain per report for no one).
   */
  receive(reportId: string, kind: ReportEventKindName): void {
    if (this.#stopped || this.#subscribers.size === 0) return;
    this.#chain = this.#chain.then(() =>
      this.#deliver(reportId, kind).catch((err) =>
        this.log.error({ err, reportId, kind }, "report events: could not deliver an event"),
      ),
    );
  }

  async #deliver(reportId: string, kind: ReportEventKindName): Promise<void> {
    if (this.#subscribers.size === 0) return;
    const facts = await findReportEventFacts(this.database.db, reportId);
    // announced by a transaction that rolled back (the embedded database hears before the end)
    if (!facts || (kind !== "SUBMITTED" && facts.report.review !== kind)) return;
    const event: ReportEventPayload = { kind, report: facts.report, placeId: facts.placeId };
    for (const s of this.#subscribers) if (concerns(s.placeIds, facts) && canHear(s.user, kind, facts)) s.push(event);
  }

  /** A subscription: the events this user may hear about these places (all when null). */
  async subscribe(
    user: SessionUser | null,
    placeIds: readonly string[] | null | undefined,
  ): Promise<AsyncIterableIterator<ReportEventPayload>> {
    let places: Set<string> | null = null;
    if (placeIds) {
      if (placeIds.length === 0 || placeIds.length > MAX_PLACE_IDS)
        throw new ValidationError(`placeIds holds 1 to ${MAX_PLACE_IDS} places (omit it for all places)`);
      places = new Set(placeIds);
      const known = new Set(await findPlaceIds(this.database.db, [...places]));
      const unknown = [...places].filter((p) => !known.has(p));
      if (unknown.length)
        throw new ValidationError(`placeIds: unknown place ${unknown.map((p) => JSON.stringify(p)).join(", ")}`);
    }
    // counted from here: a subscriber hears what is committed once subscribe() has resolved
    this.#demand++;
    await this.#listen();
    if (this.#stopped) {
      this.#demand--;
      throw new UnavailableError("the server is shutting down: subscribe again shortly");
    }
    const s = new Subscriber(
      user,
      places,
      (gone) => {
        this.#subscribers.delete(gone);
        this.#demand--;
        this.#idle();
        this.#counted();
      },
      this.log,
    );
    this.#subscribers.add(s);
    this.#counted();
    return s;
  }

  subscriberCount(): number {
    return this.#subscribers.size;
  }

  /** Resolves when the number of subscribers passes the test (tests wait on it instead of sleeping). */
  whenSubscribers(test: (n: number) => boolean): Promise<void> {
    if (test(this.#subscribers.size)) return Promise.resolve();
    return new Promise((resolve) => this.#countWaiters.push({ test, resolve }));
  }

  #counted(): void {
    for (let i = this.#countWaiters.length - 1; i >= 0; i--) {
      const w = this.#countWaiters[i];
      if (w.test(this.#subscribers.size)) {
        this.#countWaiters.splice(i, 1);
        w.resolve();
      }
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    for (const s of [...this.#subscribers]) s.end();
    if (this.#localId) localHubs.get(this.#localId)?.delete(this);
    const listener = this.#listener;
    this.#listener = null;
    if (listener) await listener.end().catch(() => undefined);
  }
}
