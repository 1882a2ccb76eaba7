/**
 * Runs before every test file (vitest.config.ts setupFiles): after the file, stop the app
 * testServer() started for it, so the next file starts its own. Kept free of imports so the
 * client's test files do not load the server.
 */
import { afterAll } from "vitest";

afterAll(async () => {
  await (globalThis as { __stopTestServer?: () => Promise<void> }).__stopTestServer?.();
});
