/**
 * Runs before every test file (vitest.config.ts setupFiles): after the file, stop the app
 * testServer() started for it, so the next file starts its own. Kept free of the server's
 * imports so the client's test files do not load it. reflect-metadata first: type-graphql's
 * decorators need it, and with one module graph for every file (isolate: false) the first file
 * to load a type module may not be one that loads the schema (which imports it).
 */
import "reflect-metadata";
import { afterAll } from "vitest";

afterAll(async () => {
  await (globalThis as { __stopTestServer?: () => Promise<void> }).__stopTestServer?.();
});
