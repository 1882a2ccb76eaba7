/**
 * The server as a newcomer runs it: the real entry point in a child process on
 * a fresh embedded database (each boot takes ~10-20 s: these tests are slow).
 */
import { describe, expect, it } from "vitest";
import { runFailingServer, startServerProcess } from "../../support/process.ts";
import { tempDataDir } from "../../support/db.ts";

async function gql(url: string, query: string) {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: unknown[] } };
}

function expectOneLineError(output: string, variable: string) {
  const lines = output
    .trim()
    .split("\n")
    .filter((l) => l.trim() !== "");
  expect(lines, output).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^error: ${variable}: `));
  expect(output).not.toMatch(/\n\s+at /);
}

describe("boot errors", { timeout: 120_000 }, () => {
  it("PORT=abc stops with one line naming PORT and exit code 1", async () => {
    const { code, output } = await runFailingServer({ PORT: "abc" });
    expect(code).toBe(1);
    expectOneLineError(output, "PORT");
  });

  it("an unreachable DATABASE_URL stops with one line naming DATABASE_URL and exit code 1", async () => {
    const { code, output } = await runFailingServer({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/atlas" });
    expect(code).toBe(1);
    expectOneLineError(output, "DATABASE_URL");
    expect(output).toMatch(/cannot connect/);
  });
});

describe("first start, restart and shutdown on the embedded database", { timeout: 300_000 }, () => {
  const dataDir = tempDataDir();

  it("imports the seeded plan on the first start and serves it", async () => {
    const server = await startServerProcess({ DATA_DIR: dataDir });
    try {
      expect(server.output()).toMatch(
        /imported the seeded plan: 1518 annotations removed, 9 passages repaired, 0 unrepaired/,
      );
      const { body } = await gql(server.url, "{ plans { id docNumber periodStart periodEnd } tasks { totalCount } }");
      expect(body.data.plans).toEqual([
        { id: "taiyuan-2013-30", docNumber: "并政发〔2013〕30号", periodStart: 2013, periodEnd: 2015 },
      ]);
      expect(body.data.tasks.totalCount).toBe(79);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    } finally {
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
    }
  });

  it("finishes in-flight requests on SIGTERM, closes the database and exits 0", async () => {
    const server = await startServerProcess({ DATA_DIR: dataDir, LOG_LEVEL: "debug" });
    const query = "{ tasks(first: 100) { nodes { id places { place { name } } leadDepartments { name } } } }";
    const inflight = Array.from({ length: 10 }, () => gql(server.url, query));
    // signal once the server has received all ten (it logs each at debug level)
    while ((server.output().match(/"msg":"request started"/g) ?? []).length < 10)
      await new Promise((r) => setTimeout(r, 5));
    server.child.kill("SIGTERM");
    const results = await Promise.all(inflight);
    expect(results.every((r) => r.status === 200 && r.body.data?.tasks.nodes.length === 79)).toBe(true);
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/"msg":"stopped"/);
  });

  it("reuses the data on a second start: no re-import, no duplicates", async () => {
    const server = await startServerProcess({ DATA_DIR: dataDir });
    try {
      expect(server.output()).toMatch(/database already holds the plan: no import/);
      expect(server.output()).not.toMatch(/imported the seeded plan/);
      const { body } = await gql(server.url, "{ plans { id } tasks { totalCount } places { id } }");
      expect(body.data.plans).toHaveLength(1);
      expect(body.data.tasks.totalCount).toBe(79);
      expect(new Set(body.data.places.map((p: { id: string }) => p.id)).size).toBe(body.data.places.length);
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
    }
  });

  it("recovers from kill -9 during the first import: the next start serves the whole plan", async () => {
    const fresh = tempDataDir();
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, ["--import", "tsx", "server/src/main.ts"], {
      cwd: (await import("../../support/process.ts")).ROOT,
      env: { ...process.env, DATABASE_URL: "", PORT: "0", DATA_DIR: fresh },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    await new Promise<void>((resolve) => {
      child.stdout!.on("data", (d) => {
        out += d;
        // the import starts right after the database opens
        if (out.includes("database open")) {
          child.kill("SIGKILL");
          resolve();
        }
      });
      child.on("exit", () => resolve());
    });
    await new Promise((r) => child.on("exit", r));
    const server = await startServerProcess({ DATA_DIR: fresh });
    try {
      const { body } = await gql(server.url, "{ plans { id } tasks { totalCount } indicators { id } }");
      expect(body.data.plans).toHaveLength(1);
      expect(body.data.tasks.totalCount).toBe(79);
      expect(body.data.indicators).toHaveLength(13);
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
    }
  });
});
