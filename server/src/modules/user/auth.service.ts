/**
 * Sessions: random bearer tokens stored only as SHA-256 hashes, with expiry and
 * revocation, carried in the Authorization header or an HttpOnly SameSite cookie.
 * All state lives in PostgreSQL, so any number of servers can share it.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Request } from "express";
import type { Db } from "../../db/database.ts";
import type { SessionUser } from "../../core/actor.ts";
import type { Logger } from "../../logger.ts";
import { hashPassword } from "./password.ts";
import { findSessionUser, upsertAdmin } from "./user.repository.ts";

export const SESSION_COOKIE = "atlas_session";
export const SESSION_TTL_SECONDS = 8 * 60 * 60;

/** The stored form of a token. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new random token (256 bits, URL-safe). */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

function cookieToken(req: Pick<Request, "headers">): string | null {
  return sessionCookieIn(req.headers.cookie);
}

/** The session token in a Cookie header, or null. */
export function sessionCookieIn(header: string | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name !== SESSION_COOKIE) continue;
    try {
      return decodeURIComponent(rest.join("="));
    } catch {
      // a malformed escape cannot hold one of our (base64url) tokens: no session, not a server error
      return null;
    }
  }
  return null;
}

/** The token of an Authorization value (`Bearer <token>`), or "invalid". */
export function bearerIn(value: string): string {
  const match = /^Bearer\s+([\w-]{20,200})$/i.exec(value.trim());
  return match ? match[1] : "invalid";
}

/**
 * The token a request carries. A cookie counts only for same-origin requests or
 * configured origins: a cross-site page cannot act with a user's cookie.
 */
export function requestToken(req: Request, allowedOrigins: string[]): string | null {
  const auth = req.get("authorization");
  if (auth) return bearerIn(auth);
  const token = cookieToken(req);
  if (!token) return null;
  const origin = req.get("origin");
  if (origin) {
    const own = `${req.protocol}://${req.get("host")}`;
    if (origin !== own && !allowedOrigins.includes(origin)) return null;
  }
  return token;
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
