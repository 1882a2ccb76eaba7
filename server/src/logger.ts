/** The process logger: pino, JSON, one line per operation; never tokens or passwords. */
import { pino, type Logger } from "pino";

export type { Logger };

/** Creates the root logger at the given level. */
export function createLogger(level: string): Logger {
  // synchronous writes: the last lines before process.exit (shutdown, boot errors) are never lost
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: ["req.headers.authorization", "req.headers.cookie", "password", "token"], censor: "[redacted]" },
    },
    pino.destination({ sync: true }),
  );
}
