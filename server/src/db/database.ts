/**
 * Opens the database: the embedded PGlite + PostGIS in a data folder by default,
 * or a PostgreSQL server (pg pool) when DATABASE_URL is set. Both speak the same
 * SQL through one Kysely instance; the rest of the code never knows which.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
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
import type { PGlite } from "@electric-sql/pglite";
import { ConfigError, type Config } from "../config.ts";
import { UnavailableError } from "../errors.ts";

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
  constructor(private readonly client: PGlite) {}
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
    private readonly client: PGlite,
    readonly release: () => void,
  ) {}
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (query.parameters.length === 0) {
      // exec runs several statements (migrations, maintenance) like pg's simple protocol does
      const results = await this.client.exec(query.sql);
      const last = results[results.length - 1];
      return {
        rows: (last?.rows ?? []) as R[],
        numAffectedRows: last?.affectedRows === undefined ? undefined : BigInt(last.affectedRows),
      };
    }
    const result = await this.client.query<R>(query.sql, [...query.parameters]);
    return {
      rows: result.rows,
      numAffectedRows: result.affectedRows === undefined ? undefined : BigInt(result.affectedRows),
    };
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("streaming is not supported on the embedded database");
  }
}

function pgliteDialect(client: PGlite): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new PGliteDriver(client),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}

const POSTGIS_HELP =
  "PostGIS is not available on this PostgreSQL server: install it (Debian/Ubuntu: apt-get install postgresql-15-postgis-3, matching the server's major version) " +
  "and let the connecting role run CREATE EXTENSION postgis, or unset DATABASE_URL to use the embedded database";

/** Opens the embedded PGlite+PostGIS database in `dataDir`. */
export async function openEmbedded(dataDir: string): Promise<Database> {
  mkdirSync(dataDir, { recursive: true });
  const { PGlite } = await import("@electric-sql/pglite");
  const { postgis } = await import("@electric-sql/pglite-postgis");
  let client: PGlite;
  try {
    client = await PGlite.create({ dataDir, extensions: { postgis } });
  } catch (error) {
    throw new ConfigError("DATA_DIR", `cannot open the embedded database in ${dataDir}: ${(error as Error).message}`);
  }
  await client.exec("create extension if not exists postgis");
  const db = new Kysely<any>({ dialect: pgliteDialect(client), log: countStatement });
  return {
    db,
    kind: "pglite",
    ping: () => answers(db),
    close: async () => {
      await db.destroy();
      await client.close();
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
