/** Starts the real app on an ephemeral port over the shared test database. */
import { afterAll, beforeAll } from "vitest";
import { createApp, type App } from "../../server/src/app.ts";
import { loadConfig } from "../../server/src/config.ts";
import { silentLogger, testDatabase } from "./db.ts";
import { capturingLogger } from "./log-lines.ts";

export interface TestServer {
  app: App;
  url: string;
  /** POSTs a GraphQL operation; returns the parsed body and the HTTP status */
  gql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] } }>;
}

let shared: Promise<TestServer> | null = null;

/**
 * Stops the file's app: test/support/per-file.ts calls it after each test file, so every file
 * gets an app of its own (over the shared database) and no keep-alive connection or request
 * state outlives the file that opened it.
 */
async function stopTestServer(): Promise<void> {
  const server = shared;
  shared = null;
  if (server) await (await server).app.stop();
}
(globalThis as { __stopTestServer?: () => Promise<void> }).__stopTestServer = stopTestServer;

/** The calling test file's app (sharing the database), started on first use, stopped after the file. */
export function testServer(): Promise<TestServer> {
  shared ??= (async () => {
    const database = await testDatabase();
    const config = { ...loadConfig({ PORT: "0", SEED_ON_BOOT: "false" }), corsOrigins: ["http://allowed.example"] };
    const app = await createApp(config, silentLogger, { database });
    await app.start();
    const url = app.url();
    return {
      app,
      url,
      async gql(query, variables, headers) {
        const res = await fetch(`${url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify({ query, variables }),
        });
        return { status: res.status, body: await res.json() };
      },
    };
  })();
  return shared;
}

/**
 * An app of the calling file's own, logging to `lines` (parsed), for tests that read the request
 * log: started before the file's tests, stopped after them. `url()` is its origin once started;
 * `settled()` waits until every request so far has written its log line.
 */
export function appWithLog<T = Record<string, unknown>>(): {
  lines: T[];
  settled: (...requestIds: string[]) => Promise<void>;
  url: () => string;
} {
  const { logger, lines, settled } = capturingLogger<T>();
  let app: App | undefined;
  beforeAll(async () => {
    const database = await testDatabase();
    app = await createApp(loadConfig({ PORT: "0", SEED_ON_BOOT: "false" }), logger, { database });
    await app.start();
  });
  afterAll(async () => {
    await app?.stop();
  });
  return {
    lines,
    settled,
    url: () => {
      if (!app) throw new Error("appWithLog: the app starts in beforeAll; ask for its url in a test");
      return app.url();
    },
  };
}
