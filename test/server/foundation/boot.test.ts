/**
 * The server as a newcomer runs it: the real entry point in a child process on a fresh database
 * of the test run's kind: the embedded one (a new data folder; each boot takes ~10-20 s) when
 * DATABASE_URL is unset, else a new, empty database on that PostgreSQL server. CI runs the suite
 * both ways, so each leg boots only its own kind.
 */
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runFailingServer, startServerProcess } from "../../support/process.ts";
import { tempDataDir } from "../../support/db.ts";
import { scratchDatabase, type ScratchDatabase } from "../../support/scratch-db.ts";

const onServer = Boolean(process.env.DATABASE_URL);
const scratch: ScratchDatabase[] = [];

/** The settings of a fresh, empty database of this run's kind. */
async function freshDatabase(): Promise<Record<string, string>> {
  if (!onServer) return { DATA_DIR: tempDataDir() };
  const database = await scratchDatabase("atlas_boot");
  scratch.push(database);
  return { DATABASE_URL: database.url };
}

afterAll(async () => {
  for (const database of scratch) await database.drop();
});

/** Resolves once `seen()` holds, checked whenever the child writes; rejects at its exit or after `ms`. */
function untilOutput(
  child: ReturnType<typeof spawn>,
  output: () => string,
  what: string,
  seen: () => boolean,
  ms = 120_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      child.stdout!.off("data", check);
      child.stderr!.off("data", check);
      child.off("close", exited);
      if (error) reject(error);
      else resolve();
    };
    const check = () => {
      if (seen()) done();
    };
    const exited = () => done(new Error(`exited before ${what}:\n${output()}`));
    const timer = setTimeout(() => done(new Error(`not ${what} in ${ms} ms:\n${output()}`)), ms);
    child.stdout!.on("data", check);
    child.stderr!.on("data", check);
    child.on("close", exited);
    check();
  });
}

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

describe(
  `first start, restart and shutdown on ${onServer ? "the PostgreSQL server" : "the embedded database"}`,
  { timeout: 300_000 },
  () => {
    let database: Record<string, string>;
    beforeAll(async () => {
      database = await freshDatabase();
    });

    it("imports the seeded plan on the first start and serves it", async () => {
      const server = await startServerProcess(database);
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
      const server = await startServerProcess({ ...database, LOG_LEVEL: "debug" });
      const query = "{ tasks(first: 100) { nodes { id places { place { name } } leadDepartments { name } } } }";
      const inflight = Array.from({ length: 10 }, () => gql(server.url, query));
      // signal once the server has received all ten (it logs each at debug level)
      await untilOutput(
        server.child,
        server.output,
        "ten requests started",
        () => (server.output().match(/"msg":"request started"/g) ?? []).length >= 10,
      );
      server.child.kill("SIGTERM");
      const results = await Promise.all(inflight);
      expect(results.every((r) => r.status === 200 && r.body.data?.tasks.nodes.length === 79)).toBe(true);
      expect(await server.exited).toBe(0);
      expect(server.output()).toMatch(/"msg":"stopped"/);
    });

    it("reuses the data on a second start: no re-import, no duplicates", async () => {
      const server = await startServerProcess(database);
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
      const fresh = await freshDatabase();
      const child = spawn(process.execPath, ["--import", "tsx", "server/src/main.ts"], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: "", PORT: "0", ...fresh },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout!.on("data", (d) => (out += d));
      child.stderr!.on("data", (d) => (out += d));
      const exited = new Promise((r) => child.on("exit", r));
      // the import starts right after the database opens
      await untilOutput(
        child,
        () => out,
        "the database opened",
        () => out.includes("database open"),
      );
      child.kill("SIGKILL");
      await exited;
      expect(out).not.toMatch(/imported the seeded plan/);
      const server = await startServerProcess(fresh);
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
  },
);
