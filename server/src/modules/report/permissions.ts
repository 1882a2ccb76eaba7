/**
 * Who may do what. Pure functions over facts loaded by the services, so the
 * rules read in one place and the permission-matrix test can enumerate them.
 */
import type { SessionUser } from "../../core/actor.ts";

export interface TaskFacts {
  taskId: string;
  /** departments leading the task */
  leadDepartmentIds: string[];
  /** places for which the task is an obligation (links, containment, LEAD, APPLIES_TO_ALL) */
  obligationPlaceIds: string[];
}

/** code: which rule refused, for clients that say it in their own words (the obligations CSV import's problemCode). */
export type Decision =
  | { allowed: true }
  | { allowed: false; reason: string; code?: DenyCode; placeId?: string | null; departmentId?: string | null };
export type DenyCode =
  "PLACE_REQUIRED" | "NOT_YOUR_PLACE" | "NOT_AN_OBLIGATION" | "NOT_LED_BY_DEPARTMENT" | "CANNOT_REPORT";

const allow: Decision = { allowed: true };
const deny = (
  reason: string,
  code?: DenyCode,
  facts: { placeId?: string | null; departmentId?: string | null } = {},
): Decision => ({ allowed: false, reason, ...(code ? { code, ...facts } : {}) });

/** The places a user answers for, with everything inside them. */
export interface AreaFacts {
  /** user's places plus places contained in them */
  coveredPlaceIds: string[];
}

/**
 * reportProgress: planners any task; area leaders their obligations; departments the tasks they lead.
 * The statement that files a report applies the same rule in SQL (report.repository.ts mayReport)
 * and writes only when it holds; this one says why when it does not. Change both together: the
 * permission matrix test holds them to the API's facts.
 */
export function canReport(user: SessionUser, task: TaskFacts, area: AreaFacts, placeId: string | null): Decision {
  switch (user.role) {
    case "PLANNER":
      return allow;
    case "AREA_LEADER": {
      // a report is about one obligation: a leader answers for their own places only (v2)
      const own = user.placeIds;
      if (!placeId)
        return deny(
          `area leaders must name one of their places (placeId): ${own.join(", ") || "none"}`,
          "PLACE_REQUIRED",
        );
      if (!area.coveredPlaceIds.includes(placeId))
        return deny(`${placeId} is not one of your places (${own.join(", ") || "none"})`, "NOT_YOUR_PLACE", {
          placeId,
        });
      if (!task.obligationPlaceIds.includes(placeId))
        return deny(`task ${task.taskId} is not an obligation of ${placeId}`, "NOT_AN_OBLIGATION", { placeId });
      return allow;
    }
    case "DEPARTMENT":
      if (!user.departmentId || !task.leadDepartmentIds.includes(user.departmentId)) {
        return deny(
          `task ${task.taskId} is not led by ${user.departmentId ?? "your department"}`,
          "NOT_LED_BY_DEPARTMENT",
          { departmentId: user.departmentId ?? null },
        );
      }
      return allow;
    default:
      return deny("viewers cannot report progress", "CANNOT_REPORT");
  }
}

/**
 * reviewReport: planners, or a lead department of the task; never the report's author. Applied
 * in SQL by the statement that decides (report.repository.ts MAY_REVIEW): change both together.
 */
export function canReview(user: SessionUser, task: TaskFacts, authorId: string): Decision {
  if (user.id === authorId) return deny("nobody may review their own report");
  if (user.role === "PLANNER") return allow;
  if (user.role === "DEPARTMENT" && user.departmentId && task.leadDepartmentIds.includes(user.departmentId))
    return allow;
  return deny(`only planners and the lead department of task ${task.taskId} may review its reports`);
}

/** recordIndicatorValue: planners anywhere; area leaders for their own places (and places inside them). */
export function canRecordValue(user: SessionUser, area: AreaFacts, placeId: string): Decision {
  if (user.role === "PLANNER") return allow;
  if (user.role === "AREA_LEADER" && area.coveredPlaceIds.includes(placeId)) return allow;
  if (user.role === "AREA_LEADER")
    return deny(`${placeId} is not one of your places (${user.placeIds.join(", ") || "none"})`);
  return deny("only planners and area leaders may record indicator values");
}

/**
 * Who wrote and reviewed reports and figures (ProgressReport.author and reviewedBy,
 * IndicatorValue.recordedBy and reviewedBy) is shown to signed-in users other than viewers; the resolvers and the
 * SQL executor both ask this.
 */
export function seesPeople(user: SessionUser | null): boolean {
  return user !== null && user.role !== "VIEWER";
}

/** Curated links, users, projects: planners only. */
export function canCurate(user: SessionUser, what: string): Decision {
  return user.role === "PLANNER" ? allow : deny(`only planners may ${what}`);
}

/** reviewIndicatorValue: planners only, never on a figure they recorded themselves. */
export function canReviewValue(user: SessionUser, recordedBy: string | null): Decision {
  if (user.role !== "PLANNER") return deny("only planners may review indicator values");
  if (recordedBy === user.id) return deny("nobody may review their own figure");
  return allow;
}
