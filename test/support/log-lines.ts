/** A pino destination that keeps every JSON log line, parsed, for tests that read the request log. */
import { Writable } from "node:stream";
import { pino, type Logger } from "pino";

/** An info-level logger whose lines land, parsed, in `lines`. */
export function capturingLogger<T = Record<string, unknown>>(): { logger: Logger; lines: T[] } {
  const lines: T[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n")) if (line.trim()) lines.push(JSON.parse(line) as T);
      done();
    },
  });
  return { logger: pino({ level: "info", base: undefined }, sink), lines };
}
