/**
 * Sessions: random bearer tokens stored only as SHA-256 hashes, with expiry and
 * revocation. All state lives in PostgreSQL, so any number of servers can share it.
 * How a request carries its token (header or cookie) is http/session.ts's business.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../db/database.ts";
import type { SessionUser } from "../../core/actor.ts";
import type { Logger } from "../../logger.ts";
import { hashPassword } from "./password.ts";
import { findSessionUser, upsertAdmin } from "./user.repository.ts";

export const SESSION_TTL_SECONDS = 8 * 60 * 60;

/** The stored form of a token. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new random token (256 bits, URL-safe). */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The user of a token (from a header, a cookie or a WebSocket's connectionParams), or anonymous. */
export async function sessionForToken(
  db: Db,
  token: string | null,
): Promise<{ user: SessionUser | null; tokenHash: string | null }> {
  if (!token || token === "invalid") return { user: null, tokenHash: null };
  const tokenHash = hashToken(token);
  const row = await findSessionUser(db, tokenHash);
  return row ? { user: row, tokenHash } : { user: null, tokenHash: null };
}

/** Makes sure the bootstrap planner `admin` exists with this password. */
export async function ensureAdmin(db: Db, password: string, logger: Logger): Promise<void> {
  const hash = await hashPassword(password);
  await upsertAdmin(db, hash);
  logger.info("planner account admin is ready (ADMIN_PASSWORD)");
}
