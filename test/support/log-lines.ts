/** A pino destination that keeps every JSON log line, parsed, for tests that read the request log. */
import { Writable } from "node:stream";
import { pino, type Logger } from "pino";
import { vi } from "vitest";

/**
 * An info-level logger whose lines land, parsed, in `lines`. `settled()` resolves once every
 * request the app has started has written its request line (written when the response finishes,
 * which can be after the client has read the answer), and each of `requestIds` has one (a request
 * the SQL lane's front door answered logs no "request started"): wait on it, not on a timer.
 */
export function capturingLogger<T = Record<string, unknown>>(): {
  logger: Logger;
  lines: T[];
  settled: (...requestIds: (string | null | undefined)[]) => Promise<void>;
} {
  const lines: T[] = [];
  // the requests that logged "request started" (debug) and not yet their request line
  const open = new Set<string>();
  const finished = new Set<string>();
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const text of String(chunk).split("\n")) {
        if (!text.trim()) continue;
        const line = JSON.parse(text) as { level: number; msg?: string; requestId?: string; status?: number };
        if (line.msg === "request started" && line.requestId) open.add(line.requestId);
        else if (line.level >= 30) {
          lines.push(line as T);
          if (line.requestId && line.status !== undefined) {
            open.delete(line.requestId);
            finished.add(line.requestId);
          }
        }
      }
      done();
    },
  });
  const settled = (...requestIds: (string | null | undefined)[]) =>
    vi.waitFor(
      () => {
        const waiting = [...open, ...requestIds.filter((id): id is string => !!id && !finished.has(id))];
        if (waiting.length > 0) throw new Error(`requests still without their log line: ${waiting.join(", ")}`);
      },
      { timeout: 10_000, interval: 1 },
    );
  // debug, to see the "request started" lines; only info and above reach `lines`
  return { logger: pino({ level: "debug", base: undefined }, sink), lines, settled };
}
