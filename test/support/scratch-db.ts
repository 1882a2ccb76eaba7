/**
 * A database of a test file's own on the PostgreSQL server of DATABASE_URL, for tests that
 * terminate its connections or refuse them (the shared test database must not see that).
 */
import pg from "pg";

/** The server of DATABASE_URL with another database name. */
export function urlFor(database: string): string {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs statements on the server's `postgres` database as the test's role. */
export async function admin<T extends pg.QueryResultRow = pg.QueryResultRow>(
  text: string,
  values?: unknown[],
): Promise<pg.QueryResult<T>> {
  const client = new pg.Client({ connectionString: urlFor("postgres") });
  client.on("error", () => {});
  await client.connect();
  try {
    return await client.query<T>(text, values);
  } finally {
    await client.end();
  }
}

export interface ScratchDatabase {
  name: string;
  url: string;
  /** ends every connection to it but the caller's */
  terminateBackends(): Promise<number>;
  /** refuses (false) or accepts (true) new connections */
  allowConnections(allow: boolean): Promise<void>;
  drop(): Promise<void>;
}

/** Creates an empty database; drop() removes it whatever holds it open. */
export async function scratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${Date.now()}_${process.pid}`;
  await admin(`create database ${name}`);
  return {
    name,
    url: urlFor(name),
    async terminateBackends() {
      const r = await admin<{ n: number }>(
        "select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
        [name],
      );
      return r.rows[0].n;
    },
    async allowConnections(allow) {
      await admin(`alter database ${name} allow_connections ${allow}`);
    },
    async drop() {
      await admin(`alter database ${name} allow_connections true`).catch(() => {});
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}
