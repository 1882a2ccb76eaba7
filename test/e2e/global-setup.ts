/**
 * Starts the real server on a free port with a fresh data folder, waits for
 * /readyz, and launches one Chromium that the test files connect to.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserServer } from "playwright-core";
import type { TestProject } from "vitest/node";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The planner `admin` of the e2e server (ADMIN_PASSWORD); tests sign in with it and create other users. */
export const E2E_ADMIN_PASSWORD = "e2e-planner-pass-1";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--use-gl=swiftshader",
  "--enable-unsafe-swiftshader",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    wsEndpoint: string;
  }
}

/** A port nothing listens on now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, server: ChildProcess, log: () => string, timeoutMs = 180_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server not ready after ${timeoutMs} ms:\n${log()}`);
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * The server as `npm start` runs it (the bundle `npm run test:e2e` has just built), on a free
 * port with a fresh embedded database, ready; `env` adds settings (e.g. PROJECT_TILE_THRESHOLD).
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const bundle = path.join(ROOT, "server/dist/main.js");
  if (!existsSync(bundle))
    throw new Error("no server/dist/main.js: run `npm run build:server` (npm run test:e2e does)");
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "atlas-e2e-"));
  let output = "";
  const server = spawn(process.execPath, ["--enable-source-maps", bundle], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      BASEMAP_URL: "",
      ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (d) => (output = (output + d).slice(-20_000)));
  server.stderr?.on("data", (d) => (output = (output + d).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await new Promise<void>((resolve) => {
      if (server.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        server.kill("SIGKILL");
        resolve();
      }, 10_000);
      server.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      server.kill("SIGTERM");
    });
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitReady(url, server, () => output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, stop };
}

export default async function setup(project: TestProject) {
  if (!existsSync(path.join(ROOT, "client/dist/index.html"))) {
    throw new Error("client/dist is missing: run `npm run test:e2e` (it builds the client first)");
  }
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath} (apt-get install -y chromium)`);

  const server = await startServer();
  let browser: BrowserServer;
  try {
    browser = await chromium.launchServer({ executablePath, args: CHROMIUM_ARGS, host: "127.0.0.1" });
  } catch (err) {
    await server.stop();
    throw err;
  }
  project.provide("baseUrl", server.url);
  project.provide("wsEndpoint", browser.wsEndpoint());

  return async () => {
    await browser.close();
    await server.stop();
  };
}
