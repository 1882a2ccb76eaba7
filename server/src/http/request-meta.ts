/**
 * What every response of ours derives from its request the same way (request id, CORS,
 * timing).
 */
import { randomUUID } from "node:crypto";

/** The request's id: the caller's X-Request-Id when it is a plain token (1–64 of [A-Za-z0-9_-]), else a new UUID. */
export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === "string" && /^[\w-]{1,64}$/.test(header) ? header : randomUUID();
}

/** The CORS headers an allowed origin gets on every response; null for any other origin (same-origin requests need none). */
export function corsHeadersFor(
  origin: string | undefined,
  allowed: ReadonlySet<string>,
): Record<string, string> | null {
  if (!origin || !allowed.has(origin)) return null;
  return { "access-control-allow-origin": origin, "access-control-allow-credentials": "true", vary: "Origin" };
}

/** Milliseconds since a process.hrtime.bigint() instant, to the microsecond. */
export function msSince(started: bigint): number {
  return Number((process.hrtime.bigint() - started) / 1000n) / 1000;
}
