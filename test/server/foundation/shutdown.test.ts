/**
 * SIGTERM answers what was already queued (issue 18): connections that had reached the
 * server's accept queue when the signal came, requests written on them included, are served
 * before the process exits 0. To queue them deterministically the server is paused (SIGSTOP)
 * while the clients connect (the kernel completes the handshakes into the listen backlog), then
 * sent SIGTERM and resumed, so the signal and the queue meet in one turn of its event loop.
 */
import http from "node:http";
import { describe, expect, it } from "vitest";
import { startServerProcess } from "../../support/process.ts";
import { tempDataDir } from "../../support/db.ts";

/** Opens a connection, writes one GET, and resolves once the kernel has connected it, with the answer to come. */
function queuedRequest(
  url: string,
  path: string,
): Promise<{ answer: Promise<{ status: number } | { error: string }> }> {
  return new Promise((connected) => {
    const answer = new Promise<{ status: number } | { error: string }>((resolve) => {
      const req = http.get(`${url}${path}`, { agent: false }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0 }));
      });
      req.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
      req.on("socket", (socket) => socket.on("connect", () => connected({ answer })));
    });
  });
}

describe("SIGTERM", { timeout: 360_000 }, () => {
  it("answers every request already queued at SIGTERM, then exits 0", async () => {
    const env: Record<string, string> = process.env.DATABASE_URL
      ? { DATABASE_URL: process.env.DATABASE_URL, SEED_ON_BOOT: "false" }
      : { DATA_DIR: tempDataDir(), SEED_ON_BOOT: "false" };
    const server = await startServerProcess(env, 240_000);
    const pid = server.child.pid!;
    let resumed = false;
    try {
      process.kill(pid, "SIGSTOP");
      const paths = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? "/readyz" : "/healthz"));
      const queued = await Promise.all(paths.map((p) => queuedRequest(server.url, p)));
      process.kill(pid, "SIGTERM");
      process.kill(pid, "SIGCONT");
      resumed = true;
      const answers = await Promise.all(queued.map((q) => q.answer));
      expect(
        answers.filter((a) => !("status" in a) || a.status !== 200),
        server.output(),
      ).toEqual([]);
      expect(await server.exited).toBe(0);
    } finally {
      if (!resumed) process.kill(pid, "SIGCONT");
      server.child.kill("SIGKILL");
    }
  });
});
