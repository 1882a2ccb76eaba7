/**
 * Opens the database: the embedded PGlite + PostGIS in a data folder by default,
 * or a PostgreSQL server (pg pool) when DATABASE_URL is set. Both speak the same
 * SQL through one Kysely instance; the rest of the code never knows which.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { EventEmitter } from "node:events";
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import {
  sql,
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type PostgresPool,
  type PostgresPoolClient,
  type QueryResult,
} from "kysely";
import pg from "pg";
import { ConfigError, type Config } from "../config.ts";
import { UnavailableError } from "../errors.ts";
import type { EmbeddedOptions, WorkerReply, WorkerRequest, WorkerResult } from "./pglite-worker.ts";

export type Db = Kysely<any>;

export interface Database {
  db: Db;
  kind: "pglite" | "pg";
  /** true when the database answers a trivial query */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Per-request statement counter, read by tests and the request log. */
export const statementCounter = new AsyncLocalStorage<{ statements: number }>();

function countStatement(): void {
  const store = statementCounter.getStore();
  if (store) store.statements += 1;
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
  return { script: `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(worker)}); });`, eval: true };
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
        else waiting.reject(Object.assign(new Error(reply.error.message), reply.error.fields, { name: reply.error.name }));
      });
      worker.on("error", (error) => reject(error));
      worker.on("exit", (code) => {
        reject(new Error(`the embedded database's worker exited (code ${code}) before it was ready`));
        if (this.#worker !== worker) return;
        const lost = [...this.#pending.values()];
        this.#pending.clear();
        for (const w of lost) w.reject(new UnavailableError("the embedded database stopped while answering: try again"));
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
    const request: WorkerRequest = parameters.length === 0 ? { id, op: "exec", sql: sqlText } : { id, op: "query", sql: sqlText, params: [...parameters] };
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
export async function openEmbedded(dataDir: string, tuning: Omit<EmbeddedOptions, "dataDir"> = {}): Promise<Database & { worker: EmbeddedWorker }> {
  mkdirSync(dataDir, { recursive: true });
  let worker: EmbeddedWorker;
  try {
    worker = await EmbeddedWorker.start({ dataDir, ...tuning });
  } catch (error) {
    throw new ConfigError("DATA_DIR", `cannot open the embedded database in ${dataDir}: ${(error as Error).message}`);
  }
  const db = new Kysely<any>({ dialect: pgliteDialect(worker), log: countStatement });
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

/** Opens a pool to a PostgreSQL server and makes sure PostGIS is there. */
export async function openServer(url: string, poolSize = 10): Promise<Database> {
  // The working set is small and cached: with the default random_page_cost (4, spinning disks) the planner
  // scans whole tables for `id = any($1)` batches instead of probing indexes (10× the work, measured in
  // test/bench), and JIT compiles the rare expensive plan for longer than it then runs.
  // plan_cache_mode stays auto: forcing generic plans helped the spatial statements a little but
  // made `kind = any($1)` scan the place table (Q1 at 10×: 1.2 → 2.7 ms of PostgreSQL per request).
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000, options: "-c random_page_cost=1.1 -c jit=off" });
  // an idle client's network error must not crash the process; the next query reports it
  pool.on("error", () => {});
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
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
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: preparedStatements(pool) }), log: countStatement });
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

/**
 * A pool whose clients send parameterised statements as named prepared statements:
 * each connection parses and plans a statement text once and reuses the plan (the
 * repositories' SQL has a stable text per shape, with arrays for lists). Statements
 * without parameters (migrations, several statements at once) keep the simple protocol.
 */
function preparedStatements(pool: pg.Pool): PostgresPool {
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
  const wrapped = new WeakSet<pg.PoolClient>();
  return {
    connect: async () => {
      const client = await pool.connect();
      if (!wrapped.has(client)) {
        wrapped.add(client);
        const query = client.query.bind(client) as (...args: unknown[]) => unknown;
        (client as { query: unknown }).query = (text: unknown, values?: unknown[]) =>
          typeof text === "string" && values && values.length > 0 ? query({ name: nameOf(text), text, values }) : query(text, values);
      }
      return client as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

/** Opens whichever database the configuration names. */
export function openDatabase(config: Pick<Config, "databaseUrl" | "dataDir">): Promise<Database> {
  return config.databaseUrl ? openServer(config.databaseUrl) : openEmbedded(config.dataDir);
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
