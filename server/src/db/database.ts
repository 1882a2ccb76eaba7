/**
 * Opens the database: the embedded PGlite + PostGIS in a data folder by default,
 * or a PostgreSQL server (pg pool) when DATABASE_URL is set. Both speak the same
 * SQL through one Kysely instance; the rest of the code never knows which.
 */
import { EventEmitter } from "node:events";
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import net from "node:net";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import {
  sql,
  CompiledQuery,
  DefaultConnectionProvider,
  DefaultQueryExecutor,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type ConnectionProvider,
  type DatabaseConnection,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type PostgresPool,
  type PostgresPoolClient,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from "kysely";
import pg from "pg";
import { ConfigError, type Config } from "../config.ts";
import { AppError, TimeoutError, UnavailableError } from "../core/errors.ts";
import type { EmbeddedOptions, WorkerReply, WorkerRequest, WorkerResult } from "./pglite-worker.ts";
import type { DB } from "./schema.ts";

/** The database as queries see it: every table and column of the migrated schema (schema.ts, generated). */
export type Db = Kysely<DB>;

/**
 * The tables of a query that reads table `T` as `A` (`selectFrom("indicator as i")`), for a helper
 * that takes that query's expression builder: `(eb: ExpressionBuilder<Tables<"indicator", "i">, "i">) => …`.
 */
export type Tables<T extends keyof DB, A extends string> = DB & { [K in A]: DB[T] };

export interface Database {
  db: Db;
  kind: "pglite" | "pg";
  /** true when the database answers a trivial query */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * What the database layer knows of the request it works for: how many statements it ran (read by
 * tests and the request log) and when its deadline passes (epoch ms). A statement that would start
 * after the deadline is refused with TimeoutError; on the PostgreSQL server one still running at
 * the deadline is cancelled (guardedPool). A request's statements go through its own handle
 * (scopedDb); work outside a request (boot, imports, announcements) uses the database's, which has
 * no scope.
 */
export interface RequestScope {
  statements: number;
  deadline?: number;
  /** the request deadline's length, for the message */
  deadlineMs?: number;
}

function deadlineError(scope: RequestScope): TimeoutError {
  return new TimeoutError(
    `the request ran past its deadline of ${scope.deadlineMs ?? "?"} ms: try again, or ask for less`,
  );
}

/** The deadline fields of a request scope starting now (none when `ms` is 0). */
export function deadline(ms: number): Pick<RequestScope, "deadline" | "deadlineMs"> {
  return ms > 0 ? { deadline: Date.now() + ms, deadlineMs: ms } : {};
}

/** Throws TimeoutError when the request is past its deadline. */
function checkDeadline(scope: RequestScope): void {
  if (scope.deadline !== undefined && Date.now() >= scope.deadline) throw deadlineError(scope);
}

/** Ending a transaction is never refused: a connection must not go back to the pool inside one. */
const TRANSACTION_END = /^\s*(commit|rollback)\b/i;

/**
 * The scope of the statement being handed to the driver, for the pool's guard (guardedPool), which
 * sets its cancel timer by it. Set only for the synchronous call that passes the statement down (the
 * driver's executeQuery reaches the client's query() before it first waits), so it is never another
 * request's.
 */
let handing: RequestScope | null = null;

/**
 * A request's connection: each statement counted in its scope, and refused once the deadline has
 * passed (the embedded database cannot interrupt a statement once it runs: its PostgreSQL is
 * single-threaded wasm without timers, and statement_timeout has no effect there).
 */
class ScopedConnection implements DatabaseConnection {
  constructor(
    private readonly inner: DatabaseConnection,
    private readonly scope: RequestScope,
  ) {}
  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    try {
      if (!TRANSACTION_END.test(query.sql)) checkDeadline(this.scope);
    } catch (error) {
      return Promise.reject(error);
    }
    this.scope.statements += 1;
    handing = this.scope;
    try {
      return this.inner.executeQuery<R>(query);
    } finally {
      handing = null;
    }
  }
  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

/**
 * The connections of a request's handle: those of the handle it was made from (the pool, or a
 * transaction's one connection), refused past the deadline and with each statement counted.
 */
class ScopedConnectionProvider implements ConnectionProvider {
  constructor(
    private readonly inner: ConnectionProvider,
    private readonly scope: RequestScope,
  ) {}
  async provideConnection<T>(consumer: (connection: DatabaseConnection) => Promise<T>): Promise<T> {
    checkDeadline(this.scope);
    return this.inner.provideConnection((connection) => consumer(new ScopedConnection(connection, this.scope)));
  }
}

/** A driver initialised once, on first use, and destroyed once: what Kysely's own RuntimeDriver does, shared by every handle. */
class SharedDriver implements Driver {
  #init: Promise<void> | null = null;
  #destroyed = false;
  constructor(private readonly driver: Driver) {}
  init(): Promise<void> {
    return (this.#init ??= this.driver.init());
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    await this.init();
    return this.driver.acquireConnection();
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    // through the request's connection: BEGIN counts, as COMMIT and ROLLBACK do
    return this.driver.beginTransaction(connection, settings);
  }
  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.driver.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.driver.rollbackTransaction(connection);
  }
  savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler["compileQuery"]): Promise<void> {
    return this.#savepointStep("savepoint", connection, name, compile);
  }
  rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler["compileQuery"],
  ): Promise<void> {
    return this.#savepointStep("rollbackToSavepoint", connection, name, compile);
  }
  releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler["compileQuery"],
  ): Promise<void> {
    return this.#savepointStep("releaseSavepoint", connection, name, compile);
  }
  /** One of the driver's savepoint steps, which a driver need not have. */
  #savepointStep(
    step: "savepoint" | "rollbackToSavepoint" | "releaseSavepoint",
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler["compileQuery"],
  ): Promise<void> {
    const run = this.driver[step];
    if (!run) throw new Error("savepoints are not supported on this database");
    return run.call(this.driver, connection, name, compile);
  }
  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.driver.releaseConnection(connection);
  }
  async destroy(): Promise<void> {
    if (this.#destroyed) return;
    this.#destroyed = true;
    if (this.#init) await this.#init.catch(() => undefined);
    await this.driver.destroy();
  }
}

/** What every handle of one database shares: its dialect and its one driver, found by the executor's adapter (one per database). */
interface Parts {
  dialect: Dialect;
  driver: SharedDriver;
}
const partsOf = new WeakMap<DialectAdapter, Parts>();
/** a request's handle → the handle it was made from */
const baseOf = new WeakMap<Db, Db>();

/** The database's handle over a dialect: statements outside any request. */
function kyselyOf(dialect: Dialect): Db {
  const driver = new SharedDriver(dialect.createDriver());
  const adapter = dialect.createAdapter();
  const executor = new DefaultQueryExecutor(
    dialect.createQueryCompiler(),
    adapter,
    new DefaultConnectionProvider(driver),
    [],
  );
  partsOf.set(adapter, { dialect, driver });
  return new Kysely<DB>({ config: { dialect }, dialect, driver, executor });
}

/**
 * The handle of one request (the request log makes it: app.ts): the same pool and plugins, its
 * statements counted in `scope` and bound by its deadline. Cheap: a few objects, no connection.
 */
export function scopedDb(db: Db, scope: RequestScope): Db {
  // a request's handle again: made from the one it was made from, not counted twice
  const base = baseOf.get(db) ?? db;
  const executor = base.getExecutor();
  const parts = partsOf.get(executor.adapter);
  if (!parts) throw new Error("scopedDb: not a handle of a database opened by openDatabase");
  const scoped = new Kysely<DB>({
    config: { dialect: parts.dialect },
    dialect: parts.dialect,
    driver: parts.driver,
    // the executor is the provider of the connections it runs on (the pool's, or a transaction's one)
    executor: executor.withConnectionProvider(new ScopedConnectionProvider(executor, scope)),
  });
  baseOf.set(scoped, base);
  return scoped;
}

/** The database's own handle of a request's (itself when it is one): for work that is not the request's, such as its announcements. */
export function unscopedDb(db: Db): Db {
  return baseOf.get(db) ?? db;
}

/**
 * A one-connection "pool" over PGlite: a query or a whole transaction holds the
 * connection until it is released, so concurrent requests never see another
 * request's open transaction (kysely-pglite shares the connection unguarded).
 */
class PGliteDriver implements Driver {
  #queue: Promise<void> = Promise.resolve();
  constructor(private readonly client: EmbeddedWorker) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const previous = this.#queue;
    this.#queue = previous.then(() => held);
    await previous;
    return new PGliteConnection(this.client, release);
  }
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin"));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as PGliteConnection).release();
  }
  async destroy(): Promise<void> {}
}

class PGliteConnection implements DatabaseConnection {
  constructor(
    private readonly client: EmbeddedWorker,
    readonly release: () => void,
  ) {}
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.client.run(query.sql, query.parameters);
    return {
      rows: result.rows as R[],
      numAffectedRows: result.affectedRows === undefined ? undefined : BigInt(result.affectedRows),
    };
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("streaming is not supported on the embedded database");
  }
}

function pgliteDialect(client: EmbeddedWorker): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new PGliteDriver(client),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}

/**
 * How to start the worker script beside this module: from the bundle, server/dist/pglite-worker.js;
 * from the TypeScript sources (tests, tsx), a small bootstrap that registers tsx's loader in the
 * worker first (a worker does not inherit the parent's loader, and Node 20 ignores `--import` in a
 * worker's execArgv).
 */
function workerScript(): { script: string | URL; eval: boolean } {
  const own = import.meta.url;
  if (!own.endsWith(".ts")) return { script: new URL("./pglite-worker.js", own), eval: false };
  // tsx's "." export is dist/loader.mjs; its ESM API sits beside it
  const tsxApi = new URL("./esm/api/index.mjs", pathToFileURL(createRequire(own).resolve("tsx"))).href;
  const worker = new URL("./pglite-worker.ts", own).href;
  return {
    script: `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(worker)}); });`,
    eval: true,
  };
}

/**
 * The main thread's end of the embedded database (db/pglite-worker.ts): sends each statement
 * to the worker and settles its promise with the rows or PostgreSQL's error (SQLSTATE `code`,
 * `position`, `detail` … kept). When the worker dies, what it was running fails with
 * UNAVAILABLE and a new worker opens the same data folder for the next statement.
 */
export class EmbeddedWorker extends EventEmitter {
  #worker!: Worker;
  #ready!: Promise<void>;
  #isReady = false;
  #pending = new Map<number, { resolve: (r: WorkerResult) => void; reject: (e: unknown) => void }>();
  #nextId = 1;
  #closing = false;
  /** how many times the worker was started again after dying */
  restarts = 0;

  private constructor(private readonly options: EmbeddedOptions) {
    super();
  }

  /** Starts the worker and waits until its database is open. */
  static async start(options: EmbeddedOptions): Promise<EmbeddedWorker> {
    const client = new EmbeddedWorker(options);
    client.#spawn();
    try {
      await client.#ready;
    } catch (error) {
      await client.close();
      throw error;
    }
    return client;
  }

  #spawn(): void {
    const { script, eval: evaluate } = workerScript();
    const worker = new Worker(script, { workerData: this.options, eval: evaluate });
    this.#worker = worker;
    this.#isReady = false;
    this.#ready = new Promise<void>((resolve, reject) => {
      worker.on("message", (reply: WorkerReply) => {
        if ("type" in reply) {
          if (reply.type === "ready") {
            this.#isReady = true;
            resolve();
          } else reject(new Error(reply.message));
          return;
        }
        const waiting = this.#pending.get(reply.id);
        if (!waiting) return;
        this.#pending.delete(reply.id);
        if (reply.ok) waiting.resolve(reply.result);
        else
          waiting.reject(Object.assign(new Error(reply.error.message), reply.error.fields, { name: reply.error.name }));
      });
      worker.on("error", (error) => reject(error));
      worker.on("exit", (code) => {
        reject(new Error(`the embedded database's worker exited (code ${code}) before it was ready`));
        if (this.#worker !== worker) return;
        const lost = [...this.#pending.values()];
        this.#pending.clear();
        for (const w of lost)
          w.reject(new UnavailableError("the embedded database stopped while answering: try again"));
        if (this.#closing) return;
        this.restarts += 1;
        this.#spawn();
        this.#ready.catch(() => {}); // a failed restart is reported to the statements that wait on it
      });
    });
  }

  /** Settles when the current worker has its database open (after a restart: the new one). */
  whenReady(): Promise<void> {
    return this.#ready;
  }

  /**
   * Runs one statement (or, without parameters, several) and returns the last one's rows.
   * While a new worker is opening the database after a crash (seconds), statements are refused
   * at once with UNAVAILABLE rather than queued behind the restart.
   */
  async run(sqlText: string, parameters: readonly unknown[]): Promise<WorkerResult> {
    if (this.#closing) throw new UnavailableError("the embedded database is closed");
    if (!this.#isReady) throw new UnavailableError("the embedded database is restarting: try again shortly");
    const id = this.#nextId++;
    const request: WorkerRequest =
      parameters.length === 0
        ? { id, op: "exec", sql: sqlText }
        : { id, op: "query", sql: sqlText, params: [...parameters] };
    return new Promise<WorkerResult>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage(request);
      this.emit("sent", request.id);
    });
  }

  /** Ends the worker as a crash would (tests of the restart). */
  async kill(): Promise<void> {
    await this.#worker.terminate();
  }

  /** Closes the database (PGlite flushes and closes the data folder), then ends the worker. */
  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    const worker = this.#worker;
    try {
      await this.#ready;
      const id = this.#nextId++;
      await new Promise<void>((resolve, reject) => {
        this.#pending.set(id, { resolve: () => resolve(), reject });
        worker.postMessage({ id, op: "close" } satisfies WorkerRequest);
      });
    } catch {
      // a worker that never opened its database has nothing to flush
    }
    await worker.terminate();
  }
}

const POSTGIS_HELP =
  "PostGIS is not available on this PostgreSQL server: install it (Debian/Ubuntu: apt-get install postgresql-15-postgis-3, matching the server's major version) " +
  "and let the connecting role run CREATE EXTENSION postgis, or unset DATABASE_URL to use the embedded database";

/**
 * Opens the embedded PGlite+PostGIS database in `dataDir`, on a worker thread of its own
 * (EmbeddedWorker): a heavy query no longer holds up the server's event loop.
 */
export async function openEmbedded(
  dataDir: string,
  tuning: Omit<EmbeddedOptions, "dataDir"> = {},
): Promise<Database & { worker: EmbeddedWorker }> {
  mkdirSync(dataDir, { recursive: true });
  let worker: EmbeddedWorker;
  try {
    worker = await EmbeddedWorker.start({ dataDir, ...tuning });
  } catch (error) {
    throw new ConfigError("DATA_DIR", `cannot open the embedded database in ${dataDir}: ${(error as Error).message}`);
  }
  const db = kyselyOf(pgliteDialect(worker));
  return {
    db,
    kind: "pglite",
    worker,
    ping: () => answers(db),
    close: async () => {
      await db.destroy();
      await worker.close();
    },
  };
}

/** How the server's pool behaves; the app passes its configuration, tools and benchmarks the defaults. */
export interface ServerOptions {
  /**
   * Cap on one statement's run time (ms; 0 = none). PostgreSQL cancels a statement past it
   * (statement_timeout, sent when the connection opens); inside a request the client also sends
   * a cancel request when the server has not, which is how it works behind PgBouncer.
   */
  statementTimeoutMs?: number;
  /** Named prepared statements (off behind a transaction-pooling PgBouncer older than 1.21). */
  preparedStatements?: boolean;
  /** How long a request waits for a pooled connection before the database counts as unavailable. */
  acquireTimeoutMs?: number;
  /** Told of what an operator should see: a lost connection, a setting PgBouncer would not pass on. */
  warn?: (message: string, error?: unknown) => void;
}

// The working set is small and cached: with the default random_page_cost (4, spinning disks) the planner
// scans whole tables for `id = any($1)` batches instead of probing indexes (10× the work, measured in
// test/bench), and JIT compiles the rare expensive plan for longer than it then runs.
// plan_cache_mode stays auto: forcing generic plans helped the spatial statements a little but
// made `kind = any($1)` scan the place table (Q1 at 10×: 1.2 → 2.7 ms of PostgreSQL per request).
export const PLANNER_SETTINGS = { random_page_cost: "1.1", jit: "off" };

/**
 * Opens a pool to a PostgreSQL server and makes sure PostGIS is there. Session settings go in the
 * connection's startup options; a PgBouncer refuses those ("unsupported startup parameter"), and then
 * the pool connects without them and warns unless the database or role already has them as defaults
 * (README, Production).
 */
export async function openServer(url: string, poolSize = 10, options: ServerOptions = {}): Promise<Database> {
  const statementTimeoutMs = options.statementTimeoutMs ?? 0;
  const settings: Record<string, string> = {
    ...PLANNER_SETTINGS,
    ...(statementTimeoutMs > 0 ? { statement_timeout: String(statementTimeoutMs) } : {}),
  };
  const startupOptions = Object.entries(settings)
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(" ");
  const newPool = (withOptions: boolean) => {
    const pool = new pg.Pool({
      connectionString: url,
      max: poolSize,
      connectionTimeoutMillis: options.acquireTimeoutMs ?? 5000,
      ...(withOptions ? { options: startupOptions } : {}),
    });
    // an idle client's network error must not crash the process; the pool drops that client and the next query reports it
    pool.on("error", (error) => options.warn?.("an idle database connection failed; the pool drops it", error));
    return pool;
  };
  let pool = newPool(true);
  let client: pg.PoolClient;
  try {
    try {
      client = await pool.connect();
    } catch (error) {
      if (!/unsupported startup parameter/i.test((error as Error).message)) throw error;
      await pool.end().catch(() => {});
      pool = newPool(false);
      client = await pool.connect();
      const current = await client.query<{ name: string; setting: string }>(
        "select name, setting from pg_settings where name = any($1::text[])",
        [Object.keys(settings)],
      );
      const differ = current.rows
        .filter((row) => row.setting !== settings[row.name])
        .map((row) => `${row.name} = ${settings[row.name]}`);
      if (differ.length) {
        options.warn?.(
          `the connection pooler does not pass startup options: set ${differ.join(", ")} as defaults of the database or role (README, Production)`,
        );
      }
    }
  } catch (error) {
    await pool.end().catch(() => {});
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ConfigError("DATABASE_URL", `cannot connect to ${redact(url)}: ${reason}`);
  }
  try {
    const available = await client.query("select 1 from pg_available_extensions where name = 'postgis'");
    if (available.rowCount === 0) throw new UnavailableError(POSTGIS_HELP);
    try {
      await client.query("create extension if not exists postgis");
    } catch (error) {
      throw new UnavailableError(`${POSTGIS_HELP} (create extension failed: ${(error as Error).message})`);
    }
  } catch (error) {
    client.release();
    await pool.end().catch(() => {});
    throw error;
  }
  client.release();
  const guarded = guardedPool(pool, {
    preparedStatements: options.preparedStatements ?? true,
    statementTimeoutMs,
    warn: options.warn,
  });
  const db = kyselyOf(new PostgresDialect({ pool: guarded }));
  return {
    db,
    kind: "pg",
    ping: () => answers(db),
    close: async () => {
      await db.destroy();
    },
  };
}

/** True when the database answers a trivial query. */
async function answers(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/** Node's codes for a connection that could not be made or was lost. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNABORTED",
]);

const UNAVAILABLE = "the database is unavailable: try again shortly";

/**
 * The application error for a failure that is the database's state rather than the statement's:
 * SQLSTATE class 08 (connection exception; PgBouncer's own refusals too), 57P01-57P03 (terminated,
 * shut down, starting up), class 53 (too many connections, out of memory or disk), a network error,
 * or node-postgres losing the connection. 57014 (a statement cancelled: statement_timeout or a
 * deadline) is a TimeoutError. Anything else is the statement's own problem: null.
 */
function databaseFailure(error: unknown, statementTimeoutMs = 0, scope: RequestScope | null = null): AppError | null {
  if (error instanceof AppError) return error;
  if (!(error instanceof Error)) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    if (code === "57014") {
      if (scope?.deadline !== undefined && Date.now() >= scope.deadline) return deadlineError(scope);
      return new TimeoutError(
        `a database statement ran longer than ${statementTimeoutMs || "its allowed"} ms and was cancelled: ask for less, or try again`,
      );
    }
    if (
      code.startsWith("08") ||
      code.startsWith("53") ||
      code === "57P01" ||
      code === "57P02" ||
      code === "57P03" ||
      NETWORK_CODES.has(code)
    ) {
      return new UnavailableError(UNAVAILABLE);
    }
  }
  if (
    /^(Connection terminated|Client has encountered a connection error|Client was closed|timeout exceeded when trying to connect|Connection ended)/i.test(
      error.message,
    )
  ) {
    return new UnavailableError(UNAVAILABLE);
  }
  return null;
}

/** Sends PostgreSQL's cancel request for the statement a client is running (a new connection; PgBouncer passes it on). */
function cancelStatement(client: pg.PoolClient): void {
  const { host, port, processID, secretKey } = client as unknown as {
    host: string;
    port: number;
    processID: number | null;
    secretKey: number | null;
  };
  if (processID === null || secretKey === null) return;
  const message = Buffer.alloc(16);
  message.writeInt32BE(16, 0);
  message.writeInt32BE(80877102, 4);
  message.writeInt32BE(processID, 8);
  message.writeInt32BE(secretKey, 12);
  const socket = host.startsWith("/") ? net.connect(`${host}/.s.PGSQL.${port}`) : net.connect(port, host);
  socket.on("error", () => {}); // the statement then ends at its own timeout or with its request
  // written, not ended: the server closes the connection when it has acted on the request
  // (PgBouncer 1.18 exits on a cancel connection its client half-closed first)
  socket.setTimeout(10_000, () => socket.destroy());
  socket.on("end", () => socket.destroy());
  socket.write(message);
}

/** What a checked-out client has been through since it left the pool. */
interface Checkout {
  /** the connection failed while checked out: the pool must not take it back */
  lost?: Error;
  /** a cancel request was sent and not yet seen to land: it could still hit a later statement */
  cancelInFlight: boolean;
}

/**
 * The pool Kysely uses. Every client it hands out:
 * - has an `error` listener while checked out (pg-pool listens only while a client is idle, and an
 *   unheard `error` event, e.g. its backend terminated between two statements of a transaction,
 *   would end the process); a client whose connection failed is destroyed on release, not reused;
 * - translates connection failures into UnavailableError and cancelled statements into TimeoutError
 *   (databaseFailure), from connecting as from querying, so every path answers 503/504 alike;
 * - inside a request (a statement handed down by ScopedConnection, which has refused it if it was
 *   past the deadline), sends a cancel request for one still running at the deadline, or past the
 *   statement timeout when the server has not cancelled it itself (its own statement_timeout is the
 *   first line; behind PgBouncer there may be none);
 * - sends parameterised statements as named prepared statements when `preparedStatements`: each
 *   connection parses and plans a statement text once and reuses the plan (the repositories' SQL has
 *   a stable text per shape, with arrays for lists). Statements without parameters (migrations,
 *   several statements at once) keep the simple protocol.
 */
function guardedPool(
  pool: pg.Pool,
  opts: { preparedStatements: boolean; statementTimeoutMs: number; warn?: (message: string, error?: unknown) => void },
): PostgresPool {
  const names = new Map<string, string>();
  // a bound on distinct texts (the SQL executor makes one per operation shape, and each
  // connection keeps a plan per name); past it, statements are simply not named
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (!name && names.size < 2000) {
      name = `k${createHash("sha1").update(text).digest("base64url").slice(0, 20)}`;
      names.set(text, name);
    }
    return name;
  };
  // the server cancels first; the client's own cancel is the backstop a little later
  const clientTimeoutMs = opts.statementTimeoutMs > 0 ? opts.statementTimeoutMs + 250 : Number.POSITIVE_INFINITY;
  const checkouts = new WeakMap<pg.PoolClient, Checkout>();
  const wrapped = new WeakSet<pg.PoolClient>();
  const fail = (error: unknown, scope: RequestScope | null): never => {
    throw databaseFailure(error, opts.statementTimeoutMs, scope) ?? error;
  };

  function guard(client: pg.PoolClient): void {
    const query = client.query.bind(client) as (config: unknown, values?: unknown[]) => Promise<unknown>;
    (client as { query: unknown }).query = (text: unknown, values?: unknown[]) => {
      const scope = handing;
      const ending = typeof text === "string" && TRANSACTION_END.test(text);
      const named = opts.preparedStatements && typeof text === "string" && values && values.length > 0;
      const running = (named ? query({ name: nameOf(text), text, values }) : query(text, values)).catch(
        (error: unknown) => fail(error, scope),
      );
      const limit =
        scope && !ending
          ? Math.min(clientTimeoutMs, (scope.deadline ?? Number.POSITIVE_INFINITY) - Date.now())
          : Number.POSITIVE_INFINITY;
      const checkout = checkouts.get(client);
      if (!Number.isFinite(limit) || !checkout) return running;
      const timer = setTimeout(() => {
        checkout.cancelInFlight = true;
        cancelStatement(client);
      }, limit);
      return running.then(
        (result) => {
          clearTimeout(timer);
          return result;
        },
        (error: unknown) => {
          clearTimeout(timer);
          // the cancel landed: nothing is left in flight to hit a later statement
          if (error instanceof TimeoutError) checkout.cancelInFlight = false;
          throw error;
        },
      );
    };
  }

  /**
   * An `error` listener for the client's whole life. pg-pool listens only while a client is idle, and
   * it hands a client out in the middle of parsing the server's bytes: a backend terminated right
   * after it connected or finished a statement sends its 57P01 in the same read, which then finds no
   * listener and ends the process. So it is added at pg-pool's 'connect' and 'acquire' events, which
   * come before pg-pool removes its own listener.
   */
  function listen(client: pg.PoolClient): void {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    guard(client);
    client.on("error", (error: Error) => {
      const checkout = checkouts.get(client);
      // idle, or not yet returned to the caller: pg-pool drops a client that is not queryable when it comes back
      if (!checkout) return;
      checkout.lost ??= error;
      opts.warn?.("a database connection failed while in use", error);
    });
  }
  pool.on("connect", listen);
  pool.on("acquire", listen);

  return {
    connect: async () => {
      // a request past its deadline was refused before it asked for a connection (ScopedConnectionProvider)
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        opts.warn?.("cannot get a database connection", error);
        // whatever stops the pool from handing out a connection (refused, too many clients, not
        // accepting connections, the wait timed out) is the database's state, not the request's
        throw databaseFailure(error) ?? new UnavailableError(UNAVAILABLE);
      }
      listen(client);
      const checkout: Checkout = { cancelInFlight: false };
      checkouts.set(client, checkout);
      const release = client.release;
      client.release = ((error?: Error | boolean) => {
        checkouts.delete(client);
        release(
          error ??
            checkout.lost ??
            (checkout.cancelInFlight ? new Error("a cancel request may still be in flight") : undefined),
        );
      }) as typeof client.release;
      return client as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

/**
 * Opens whichever database the configuration names. The app passes its pool settings and statement
 * timeout; tools (imports) leave them out: their statements may run as long as they need.
 */
export function openDatabase(
  config: Pick<Config, "databaseUrl" | "dataDir"> & { databasePoolSize?: number },
  server: ServerOptions = {},
): Promise<Database> {
  return config.databaseUrl
    ? openServer(config.databaseUrl, config.databasePoolSize ?? 10, server)
    : openEmbedded(config.dataDir);
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "the configured server";
  }
}
