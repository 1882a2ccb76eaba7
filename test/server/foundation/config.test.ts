import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../server/src/config.ts";

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, "/srv/atlas");
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("defaults to the embedded database on 127.0.0.1:4000 with ./data", () => {
    const config = loadConfig({}, "/srv/atlas");
    expect(config).toMatchObject({
      port: 4000,
      host: "127.0.0.1",
      dataDir: "/srv/atlas/data",
      databaseUrl: null,
      adminPassword: null,
    });
  });

  it.each([
    ["PORT", { PORT: "abc" }, /PORT: expected an integer 0-65535, got "abc"/],
    ["PORT", { PORT: "70000" }, /PORT: expected an integer/],
    ["DATABASE_URL", { DATABASE_URL: "not a url" }, /DATABASE_URL: expected a URL/],
    ["DATABASE_URL", { DATABASE_URL: "mysql://root@127.0.0.1/x" }, /DATABASE_URL: expected the postgres:\/\/ scheme/],
    ["ADMIN_PASSWORD", { ADMIN_PASSWORD: "short" }, /ADMIN_PASSWORD: expected at least 10 characters/],
    ["CORS_ORIGINS", { CORS_ORIGINS: "https://ok.example, not-an-origin" }, /CORS_ORIGINS: .*not-an-origin/],
    ["LOG_LEVEL", { LOG_LEVEL: "loud" }, /LOG_LEVEL/],
    ["BASEMAP_URL", { BASEMAP_URL: "ftp://tiles" }, /BASEMAP_URL/],
    [
      "PROJECT_TILE_THRESHOLD",
      { PROJECT_TILE_THRESHOLD: "-5" },
      /PROJECT_TILE_THRESHOLD: expected a non-negative integer, got "-5"/,
    ],
    [
      "PROJECT_TILE_THRESHOLD",
      { PROJECT_TILE_THRESHOLD: "20k" },
      /PROJECT_TILE_THRESHOLD: expected a non-negative integer/,
    ],
    [
      "STATEMENT_TIMEOUT_MS",
      { STATEMENT_TIMEOUT_MS: "5s" },
      /STATEMENT_TIMEOUT_MS: expected a non-negative integer, got "5s"/,
    ],
    [
      "STATEMENT_TIMEOUT_MS",
      { STATEMENT_TIMEOUT_MS: "5" },
      /STATEMENT_TIMEOUT_MS: expected 0 \(none\) or at least 10 milliseconds, got "5"/,
    ],
    ["REQUEST_DEADLINE_MS", { REQUEST_DEADLINE_MS: "-1" }, /REQUEST_DEADLINE_MS: expected a non-negative integer/],
    ["DATABASE_POOL_SIZE", { DATABASE_POOL_SIZE: "0" }, /DATABASE_POOL_SIZE: expected an integer 1-1000, got "0"/],
    [
      "DATABASE_PREPARED_STATEMENTS",
      { DATABASE_PREPARED_STATEMENTS: "maybe" },
      /DATABASE_PREPARED_STATEMENTS: expected true or false, got "maybe"/,
    ],
  ])("refuses a bad %s with a message naming it", (variable, env, message) => {
    const error = errorOf(env);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(message);
  });

  it("resolves DATA_DIR against the working directory and accepts a server URL", () => {
    const config = loadConfig(
      { DATA_DIR: "var/db", DATABASE_URL: "postgres://u@127.0.0.1:5432/atlas", PORT: "0" },
      "/srv/atlas",
    );
    expect(config.dataDir).toBe("/srv/atlas/var/db");
    expect(config.databaseUrl).toBe("postgres://u@127.0.0.1:5432/atlas");
    expect(config.port).toBe(0);
  });

  it("runs statements under a 5 s timeout and requests under a 15 s deadline, 10 connections with prepared statements, unless told otherwise", () => {
    expect(loadConfig({})).toMatchObject({
      statementTimeoutMs: 5_000,
      requestDeadlineMs: 15_000,
      databasePoolSize: 10,
      databasePreparedStatements: true,
    });
    expect(
      loadConfig({
        STATEMENT_TIMEOUT_MS: "0",
        REQUEST_DEADLINE_MS: "2000",
        DATABASE_POOL_SIZE: "4",
        DATABASE_PREPARED_STATEMENTS: "false",
      }),
    ).toMatchObject({
      statementTimeoutMs: 0,
      requestDeadlineMs: 2_000,
      databasePoolSize: 4,
      databasePreparedStatements: false,
    });
  });

  it("switches the map to vector tiles above 20,000 projects unless PROJECT_TILE_THRESHOLD says otherwise", () => {
    expect(loadConfig({}).projectTileThreshold).toBe(20_000);
    expect(loadConfig({ PROJECT_TILE_THRESHOLD: "0" }).projectTileThreshold).toBe(0);
    expect(loadConfig({ PROJECT_TILE_THRESHOLD: "150000" }).projectTileThreshold).toBe(150_000);
  });
});
