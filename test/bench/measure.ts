/**
 * What the benchmark measures besides req/s: CPU ticks of a process and of the
 * PostgreSQL backends serving it (/proc/<pid>/stat), the machine's busy time
 * (/proc/stat) to see other work, a fixed CPU probe, peak RSS, and a TCP proxy
 * in front of PostgreSQL that counts the statements a server sends.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import net from "node:net";
import pg from "pg";

export const TICKS_PER_SECOND = 100;

/** utime + stime of a process (all its threads), in clock ticks; 0 when it is gone. */
export function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** Busy ticks of the whole machine (all CPUs): everything but idle and iowait. */
export function machineBusyTicks(): number {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0];
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return user + nice + system + irq + softirq + steal;
}

/** Peak and current resident set size of a process, in MB. */
export function memoryOf(pid: number): { peakMb: number; rssMb: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { peakMb: kb("VmHWM") / 1024, rssMb: kb("VmRSS") / 1024 };
  } catch {
    return { peakMb: 0, rssMb: 0 };
  }
}

/** A fixed CPU workload; its duration in ms tells how contended the CPUs are right now. */
export function cpuProbe(): number {
  const buffer = Buffer.alloc(64 * 1024, 7);
  const started = process.hrtime.bigint();
  for (let i = 0; i < 400; i++) createHash("sha256").update(buffer).digest();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** CPU ticks of the PostgreSQL backends whose application_name is given, by pid. */
export async function backendTicks(admin: pg.Client, applicationName: string): Promise<Map<number, number>> {
  const r = await admin.query<{ pid: number }>("select pid from pg_stat_activity where application_name = $1", [
    applicationName,
  ]);
  return new Map(r.rows.map((row) => [row.pid, processTicks(row.pid)]));
}

/** Ticks spent between two backend snapshots (backends that appeared count from zero). */
export function backendDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ticks] of after) total += ticks - (before.get(pid) ?? 0);
  return total;
}

/**
 * A TCP proxy to PostgreSQL counting the statements clients send: each simple
 * Query ('Q') and each extended-protocol Execute ('E') message is one.
 */
export async function startCountingProxy(target: {
  host: string;
  port: number;
}): Promise<{ port: number; statements(): number; close(): Promise<void> }> {
  let statements = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    let startup = true;
    let pending = Buffer.alloc(0);
    client.on("data", (chunk) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        if (startup) {
          if (pending.length < 8) break;
          const length = pending.readInt32BE(0);
          if (pending.length < length) break;
          const code = pending.readInt32BE(4);
          // SSLRequest / GSSENCRequest are followed by the real startup message
          if (code !== 80877103 && code !== 80877104) startup = false;
          pending = pending.subarray(length);
        } else {
          if (pending.length < 5) break;
          const length = pending.readInt32BE(1);
          if (pending.length < length + 1) break;
          const type = String.fromCharCode(pending[0]);
          if (type === "Q" || type === "E") statements += 1;
          pending = pending.subarray(length + 1);
        }
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("close", end).on("error", end);
    upstream.on("close", end).on("error", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    statements: () => statements,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
