/**
 * Starts the server: reads config, builds the app, listens. SIGTERM/SIGINT stop
 * accepting connections, let in-flight requests finish, close the database and
 * exit 0. A bad setting ends the process with one line naming it and exit 1.
 */
import "reflect-metadata";
import { ConfigError, loadConfig } from "./config.ts";
import { AppError } from "./core/errors.ts";
import { createApp } from "./app.ts";
import { createLogger } from "./logger.ts";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    fail(error);
  }
  const logger = createLogger(config.logLevel);
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  let starting: Promise<void> = Promise.resolve();
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: draining requests");
    // a signal while the app starts stops it once started
    starting
      .then(() => app?.stop())
      .then(() => {
        logger.info("stopped");
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      });
  };
  // before the app starts: once it has logged that it is ready, a SIGTERM must find the handler
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  try {
    app = await createApp(config, logger);
    starting = app.start();
    await starting;
  } catch (error) {
    if (app) await app.stop().catch(() => {});
    fail(error);
  }
}

function fail(error: unknown): never {
  if (error instanceof ConfigError || error instanceof AppError) {
    process.stderr.write(`error: ${error.message}\n`);
  } else {
    process.stderr.write(`error: could not start: ${(error as Error)?.message ?? String(error)}\n`);
  }
  process.exit(1);
}

void main();
