/**
 * The only reader of process.env. Every setting is parsed and validated here,
 * once, at boot; a bad value stops the process with one line naming the variable.
 */
import path from "node:path";

export interface Config {
  port: number;
  host: string;
  /** folder of the embedded PGlite database (used when databaseUrl is unset) */
  dataDir: string;
  /** a PostgreSQL server to use instead of the embedded database */
  databaseUrl: string | null;
  /** a session-mode connection for LISTEN (report events) when DATABASE_URL goes through a transaction pooler; default DATABASE_URL */
  databaseListenUrl: string | null;
  adminPassword: string | null;
  /** origins allowed by CORS besides the server's own */
  corsOrigins: string[];
  /** "production" hides field suggestions and internal error detail */
  production: boolean;
  logLevel: string;
  /** URL of an online basemap style or raster template for the client; null keeps the map offline */
  basemapUrl: string | null;
  /** load the seeded plan and gazetteer into an empty database at boot */
  seedOnBoot: boolean;
  /** answer the reads it covers with one SQL statement (graphql/sql-executor.ts); off = resolvers only */
  sqlExecutor: boolean;
  /** above this many projects the client's map reads vector tiles (/tiles/projects) instead of GeoJSON */
  projectTileThreshold: number;
  /** estimated bytes of validated query documents the SQL lane keeps */
  queryCacheBytes: number;
  /** estimated bytes of built statements the SQL executor keeps */
  statementCacheBytes: number;
  /** PostgreSQL server: cap on one statement's run time, ms (0 = none); the embedded database cannot interrupt one */
  statementTimeoutMs: number;
  /** cap on one request's time, ms: no statement starts after it, and one running at it is cancelled */
  requestDeadlineMs: number;
  /** PostgreSQL server: connections this process keeps */
  databasePoolSize: number;
  /** PostgreSQL server: named prepared statements (false behind a transaction-pooling PgBouncer < 1.21) */
  databasePreparedStatements: boolean;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = "ConfigError";
  }
}

type Env = Record<string, string | undefined>;

function parsePort(env: Env): number {
  const raw = env.PORT;
  if (raw === undefined || raw === "") return 4000;
  if (!/^\d+$/.test(raw)) throw new ConfigError("PORT", `expected an integer 0-65535, got "${raw}"`);
  const port = Number(raw);
  if (port > 65535) throw new ConfigError("PORT", `expected an integer 0-65535, got "${raw}"`);
  return port;
}

function parseDatabaseUrl(env: Env, name = "DATABASE_URL"): string | null {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, "expected a URL like postgres://user@127.0.0.1:5432/atlas");
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new ConfigError(name, `expected the postgres:// scheme, got "${url.protocol}"`);
  }
  return raw;
}

function parseOrigins(env: Env): string[] {
  const raw = env.CORS_ORIGINS ?? "";
  const origins = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const origin of origins) {
    try {
      const u = new URL(origin);
      if (u.origin !== origin) throw new Error();
    } catch {
      throw new ConfigError(
        "CORS_ORIGINS",
        `expected comma-separated origins like https://atlas.example.org, got "${origin}"`,
      );
    }
  }
  return origins;
}

function parseCount(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d{1,9}$/.test(raw)) throw new ConfigError(name, `expected a non-negative integer, got "${raw}"`);
  return Number(raw);
}

function parsePoolSize(env: Env): number {
  const size = parseCount(env, "DATABASE_POOL_SIZE", 10);
  if (size < 1 || size > 1000)
    throw new ConfigError("DATABASE_POOL_SIZE", `expected an integer 1-1000, got "${env.DATABASE_POOL_SIZE}"`);
  return size;
}

function parseBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (/^(1|true|yes)$/i.test(raw)) return true;
  if (/^(0|false|no)$/i.test(raw)) return false;
  throw new ConfigError(name, `expected true or false, got "${raw}"`);
}

function parseMs(env: Env, name: string, fallback: number, min: number): number {
  const value = parseCount(env, name, fallback);
  if (value !== 0 && value < min)
    throw new ConfigError(name, `expected 0 (none) or at least ${min} milliseconds, got "${env[name]}"`);
  return value;
}

/** Reads and validates the configuration; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const host = env.HOST && env.HOST.trim() !== "" ? env.HOST.trim() : "127.0.0.1";
  if (/\s/.test(host)) throw new ConfigError("HOST", `expected a host name or address, got "${host}"`);
  const adminPassword = env.ADMIN_PASSWORD ?? null;
  if (adminPassword !== null && adminPassword.length < 10) {
    throw new ConfigError("ADMIN_PASSWORD", "expected at least 10 characters");
  }
  const logLevel = env.LOG_LEVEL ?? "info";
  if (!["fatal", "error", "warn", "info", "debug", "trace", "silent"].includes(logLevel)) {
    throw new ConfigError(
      "LOG_LEVEL",
      `expected one of fatal, error, warn, info, debug, trace, silent, got "${logLevel}"`,
    );
  }
  const basemap = env.BASEMAP_URL?.trim() || null;
  if (basemap !== null && !/^https?:\/\//.test(basemap)) {
    throw new ConfigError(
      "BASEMAP_URL",
      `expected an http(s) URL of a style.json or a {z}/{x}/{y} raster template, got "${basemap}"`,
    );
  }
  return {
    port: parsePort(env),
    host,
    dataDir: path.resolve(cwd, env.DATA_DIR && env.DATA_DIR !== "" ? env.DATA_DIR : "./data"),
    databaseUrl: parseDatabaseUrl(env),
    databaseListenUrl: parseDatabaseUrl(env, "DATABASE_LISTEN_URL"),
    adminPassword,
    corsOrigins: parseOrigins(env),
    production: env.NODE_ENV === "production",
    logLevel,
    basemapUrl: basemap,
    seedOnBoot: parseBool(env, "SEED_ON_BOOT", true),
    sqlExecutor: parseBool(env, "SQL_EXECUTOR", true),
    projectTileThreshold: parseCount(env, "PROJECT_TILE_THRESHOLD", 20_000),
    queryCacheBytes: parseCount(env, "QUERY_CACHE_MB", 16) * 1024 * 1024,
    statementCacheBytes: parseCount(env, "STATEMENT_CACHE_MB", 16) * 1024 * 1024,
    statementTimeoutMs: parseMs(env, "STATEMENT_TIMEOUT_MS", 5_000, 10),
    requestDeadlineMs: parseMs(env, "REQUEST_DEADLINE_MS", 15_000, 10),
    databasePoolSize: parsePoolSize(env),
    databasePreparedStatements: parseBool(env, "DATABASE_PREPARED_STATEMENTS", true),
  };
}
