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
