/**
 * The embedded database's own thread: owns the PGlite + PostGIS instance and answers
 * {id, op, sql, params} messages from database.ts (EmbeddedWorker). PGlite runs PostgreSQL
 * as WebAssembly, synchronously, on whichever thread calls it: here, so that a heavy query
 * no longer stops the server's event loop (health checks, static files, the other requests'
 * JSON). Loaded as TypeScript through tsx (tests, `npm run import`) or as
 * server/dist/pglite-worker.js from the bundle (scripts/build-server.mjs).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { PGlite } from "@electric-sql/pglite";

export interface EmbeddedOptions {
  dataDir: string;
  /** bytes of WebAssembly memory to start with (PGlite's default is 256 MB; it grows on demand) */
  initialMemory?: number;
  /** postgresql.conf lines, e.g. "shared_buffers = 16MB" */
  postgresqlconf?: string[];
  /** flush to disk after returning a result rather than before (faster writes; a crash can lose the last transaction) */
  relaxedDurability?: boolean;
}

export type WorkerRequest =
  | { id: number; op: "query"; sql: string; params: unknown[] }
  | { id: number; op: "exec"; sql: string }
  | { id: number; op: "close" };

export interface WorkerResult {
  rows: unknown[];
  affectedRows?: number;
}

/** What crosses back for a failed statement: PostgreSQL's fields (code = SQLSTATE, position, detail …). */
export interface WorkerError {
  name: string;
  message: string;
  fields: Record<string, unknown>;
}

export type WorkerReply =
  | { type: "ready" }
  | { type: "failed"; message: string }
  | { id: number; ok: true; result: WorkerResult }
  | { id: number; ok: false; error: WorkerError };

function serializeError(error: unknown): WorkerError {
  const e = error as Error & Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(e ?? {})) {
    if (value === undefined || typeof value === "function") continue;
    // only what structured clone carries: PostgreSQL's error fields are strings and numbers
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") fields[key] = value;
  }
  return { name: e?.name ?? "Error", message: e?.message ?? String(error), fields };
}

async function run(): Promise<void> {
  const port = parentPort!;
  const options = workerData as EmbeddedOptions;
  let client: PGlite;
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const { postgis } = await import("@electric-sql/pglite-postgis");
    client = await PGlite.create({
      dataDir: options.dataDir,
      extensions: { postgis },
      ...(options.initialMemory ? { initialMemory: options.initialMemory } : {}),
      ...(options.postgresqlconf?.length ? { postgresqlconf: options.postgresqlconf } : {}),
      ...(options.relaxedDurability ? { relaxedDurability: true } : {}),
    });
    await client.exec("create extension if not exists postgis");
  } catch (error) {
    port.postMessage({ type: "failed", message: (error as Error)?.message ?? String(error) } satisfies WorkerReply);
    return;
  }
  port.on("message", (request: WorkerRequest) => {
    void answer(client, request).then((reply) => port.postMessage(reply));
  });
  port.postMessage({ type: "ready" } satisfies WorkerReply);
}

async function answer(client: PGlite, request: WorkerRequest): Promise<WorkerReply> {
  try {
    if (request.op === "close") {
      await client.close();
      return { id: request.id, ok: true, result: { rows: [] } };
    }
    if (request.op === "exec") {
      // exec runs several statements (migrations, maintenance) like pg's simple protocol does
      const results = await client.exec(request.sql);
      const last = results[results.length - 1];
      return { id: request.id, ok: true, result: { rows: last?.rows ?? [], affectedRows: last?.affectedRows } };
    }
    const result = await client.query(request.sql, request.params);
    return { id: request.id, ok: true, result: { rows: result.rows, affectedRows: result.affectedRows } };
  } catch (error) {
    return { id: request.id, ok: false, error: serializeError(error) };
  }
}

if (parentPort) void run();
