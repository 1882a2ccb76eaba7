/**
 * The server's reporting rules, mirrored so the UI offers only what the API
 * will accept (server/src/modules/report/permissions.ts decides; a refusal
 * from the API is still shown as it comes). Pure functions.
 */
import type { SessionUser } from "../../api/types.ts";

export interface TaskLeads {
  id: string;
  leadDepartments: { id: string }[];
}

/** The user's places for which the task is an obligation (area leaders report for these). */
export function obligedPlaces(user: SessionUser, taskId: string): SessionUser["places"] {
  return user.places.filter((p) => p.obligations.some((o) => o.task.id === taskId));
}

/** reportProgress: planners any task; area leaders the obligations of their places; departments the tasks they lead. */
export function canReport(user: SessionUser | null, task: TaskLeads): boolean {
  if (!user) return false;
  switch (user.role) {
    case "PLANNER":
      return true;
    case "AREA_LEADER":
      return obligedPlaces(user, task.id).length > 0;
    case "DEPARTMENT":
      return Boolean(user.department && task.leadDepartments.some((d) => d.id === user.department!.id));
    default:
      return false;
  }
}

/** The places the report form offers: an area leader's obliged places (one is required), anyone else's own places (optional). */
export function reportPlaceChoices(
  user: SessionUser,
  taskId: string,
): { places: SessionUser["places"]; required: boolean } {
  if (user.role === "AREA_LEADER") return { places: obligedPlaces(user, taskId), required: false };
  return { places: user.places, required: false };
}

/** reviewReport: planners, or a lead department of the task; never the report's author. */
export function canReview(user: SessionUser | null, task: TaskLeads, authorId: string | undefined): boolean {
  if (!user || user.id === authorId) return false;
  if (user.role === "PLANNER") return true;
  return (
    user.role === "DEPARTMENT" &&
    Boolean(user.department && task.leadDepartments.some((d) => d.id === user.department!.id))
  );
}

/** Who has a review queue at all. */
export function hasReviewQueue(user: SessionUser | null): boolean {
  return user?.role === "PLANNER" || user?.role === "DEPARTMENT";
}

/** The obligations CSV upload: an area leader for their own places; planners anywhere. */
export function canUploadObligations(user: SessionUser | null, placeId: string): boolean {
  if (!user) return false;
  if (user.role === "PLANNER") return true;
  return user.role === "AREA_LEADER" && user.places.some((p) => p.id === placeId);
}

/** The planners' measures (overdue, not reported) are shown to planners only. */
export function seesPlannerMeasures(user: SessionUser | null): boolean {
  return user?.role === "PLANNER";
}

/** A progress value from the form: blank = none; otherwise 0-100; NaN when invalid. */
export function parseProgress(text: string): number | undefined {
  const s = text.trim();
  if (!s) return undefined;
  const n = Number(s);
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : Number.NaN;
}
