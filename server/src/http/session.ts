/**
 * How a request carries its session token: the Authorization header (`Bearer <token>`) or the
 * HttpOnly SameSite cookie the web client gets at login. What a token means is the auth
 * service's business (modules/user/auth.service.ts).
 */
import type { Request } from "express";

export const SESSION_COOKIE = "atlas_session";

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
