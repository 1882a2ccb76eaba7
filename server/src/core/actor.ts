/** The signed-in actor: who a request acts for, and the check that somebody is signed in. */
import { UnauthenticatedError } from "./errors.ts";

/** The signed-in actor a request acts for: who they are and what their role lets them touch. */
export interface SessionUser {
  id: string;
  username: string;
  role: "PLANNER" | "AREA_LEADER" | "DEPARTMENT" | "VIEWER";
  departmentId: string | null;
  placeIds: string[];
}

/** The signed-in actor, or UNAUTHENTICATED. */
export function requireUser(user: SessionUser | null): SessionUser {
  if (!user) throw new UnauthenticatedError();
  return user;
}

/**
 * A signed-in session not looked up yet: the request's only work is mutations that look their
 * session up inside their own statement (app.ts), so the request costs no statement of its own
 * for it. `resolved` is told the session's user (null: no live session) once one has.
 */
export interface PendingSession {
  /** SHA-256 of the request's token (auth_session.token_hash) */
  tokenHash: string;
  resolved(user: SessionUser | null): void;
}

/** Who a service acts for: the signed-in user, nobody (null), or a session its statement looks up. */
export type Actor = SessionUser | PendingSession | null;

export function isPendingSession(actor: Actor): actor is PendingSession {
  return actor !== null && "tokenHash" in actor;
}
