/**
 * The reporting workflow: reports, reviews, indicator values and curated links.
 * One mutation = one transaction, and a refusal writes nothing. A report and a review are one
 * statement each that checks and writes at once (the write happens only when every rule
 * holds); the rules then run here on the facts it read to say why nothing was written. The
 * others check inside their transaction, before they write.
 */
import type { Db } from "../../db/database.ts";
import { isPendingSession, requireUser, type Actor, type SessionUser } from "../../core/actor.ts";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from "../../core/errors.ts";
import { checkFirst, decodeCursor, encodeCursor } from "../../core/paging.ts";
import { PlaceRole } from "../../core/enums.ts";
import type { IndicatorValueInput, IndicatorValueRow } from "../indicator/indicator.type.ts";
import { insertValue, lockValue, setValueReview } from "../indicator/indicator.repository.ts";
import { syncObligations } from "../place/place.repository.ts";
import { dayOf } from "../task/task.repository.ts";
import type { TaskPlaceRow, TaskRow } from "../task/task.type.ts";
import { findSessionUser } from "../user/user.repository.ts";
import {
  canCurate,
  canRecordValue,
  canReport,
  canReview,
  canReviewValue,
  type AreaFacts,
  type Decision,
  type TaskFacts,
} from "./permissions.ts";
import { announceReport } from "./report-events.ts";
import {
  decideReport,
  deleteLinks,
  fileReport,
  findCoveredPlaceIds,
  findLink,
  findObligationOfReport,
  findPendingReports,
  findTaskFacts,
  findUncertainLinks,
  insertLinkChange,
  rowExists,
  upsertCuratedLink,
  type UncertainLinkKey,
  type UncertainLinkRow,
} from "./report.repository.ts";
import type { LinkTaskToPlaceInput, ReportField, ReportProgressInput, ReportRow } from "./report.type.ts";

/**
 * The report id a ProgressReportConnection's `after` names (encodeCursor("REPORTS", [id]) of the
 * last report of a page), or null for none; a ValidationError for anything else.
 */
export function reportCursor(after: string | null | undefined): string | null {
  const cursor = decodeCursor(after, "REPORTS", 1);
  if (cursor && (typeof cursor[0] !== "string" || !/^\d{1,18}$/.test(cursor[0])))
    throw new ValidationError("after: not a cursor returned by this API");
  return cursor ? String(cursor[0]) : null;
}

function enforce(decision: Decision): void {
  if (!decision.allowed) throw new ForbiddenError(decision.reason);
}

/** Leads and obligation places of a task; NotFound when the task does not exist. */
export async function taskFacts(db: Db, taskId: string): Promise<TaskFacts> {
  const row = await findTaskFacts(db, taskId);
  if (!row) throw new ValidationError(`unknown task ${JSON.stringify(taskId)}`);
  return { taskId, leadDepartmentIds: row.leads, obligationPlaceIds: row.places };
}

/** The user's places and everything inside them. */
export async function areaFacts(db: Db, user: SessionUser): Promise<AreaFacts> {
  if (user.placeIds.length === 0) return { coveredPlaceIds: [] };
  return { coveredPlaceIds: await findCoveredPlaceIds(db, user.placeIds) };
}

async function requireExists(db: Db, table: "place" | "project" | "indicator", id: string): Promise<void> {
  if (!(await rowExists(db, table, id))) throw new ValidationError(`unknown ${table} ${JSON.stringify(id)}`);
}

function checkNote(note: string, field = "note", max = 4000): string {
  const trimmed = note.trim();
  if (trimmed.length === 0) throw new ValidationError(`${field} must not be empty: say what was done`);
  if (trimmed.length > max) throw new ValidationError(`${field} is longer than ${max} characters`);
  return trimmed;
}

/** Today's date in China (UTC+8), where the plan's dates are. */
export function today(): string {
  return dayOf(new Date());
}

/**
 * The obligation a report is about and the date it describes; ValidationError naming the rule
 * when the place carries no such obligation or the date lies in the future or before the plan's
 * first year. No place = the task's citywide obligation.
 */
export async function reportTarget(
  db: Db,
  taskId: string,
  placeId: string | null,
  asOf: string | null,
): Promise<{ obligationId: string; asOf: string }> {
  const row = await findObligationOfReport(db, taskId, placeId);
  if (!row) throw new ValidationError(`unknown task ${JSON.stringify(taskId)}`, { problem: "UNKNOWN_TASK" });
  return checkTarget(taskId, placeId, row.id, row.periodStart, asOf);
}

/** reportTarget's rules over the obligation found (or none) and the plan's first year. */
function checkTarget(
  taskId: string,
  placeId: string | null,
  obligationId: string | null,
  periodStart: number,
  asOf: string | null,
  day = today(),
): { obligationId: string; asOf: string } {
  if (!obligationId)
    throw new ValidationError(
      placeId ? `task ${taskId} is not an obligation of ${placeId}` : `task ${taskId} has no citywide obligation`,
      { problem: "NOT_AN_OBLIGATION", placeId },
    );
  const date = asOf ?? day;
  const [y, m, d] = date.split("-").map(Number);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) !== date) {
    throw new ValidationError(`asOf ${JSON.stringify(date)} is not a calendar date like 2014-05-01`, {
      problem: "BAD_DATE",
      value: date,
    });
  }
  if (date > day)
    throw new ValidationError(`asOf ${date} is in the future: a report describes a date up to today (${day})`, {
      problem: "DATE_IN_FUTURE",
      value: date,
      limit: day,
    });
  const start = `${String(periodStart).padStart(4, "0")}-01-01`;
  if (date < start)
    throw new ValidationError(`asOf ${date} is before the plan began (${start})`, {
      problem: "DATE_BEFORE_PLAN",
      value: date,
      limit: start,
    });
  return { obligationId, asOf: date };
}

/**
 * The signed-in user behind an actor: a pending session is looked up (one statement) and its
 * user told to the request. For a refusal found before a service's own statement, which must
 * still name UNAUTHENTICATED first when there is no live session.
 */
async function resolvedUser(db: Db, actor: Actor): Promise<SessionUser | null> {
  if (!isPendingSession(actor)) return actor;
  const user = (await findSessionUser(db, actor.tokenHash)) ?? null;
  actor.resolved(user);
  return user;
}

/** The user a check-and-write statement found for a pending session (its actor), told to the request; a known user as it is. */
function actorFound(actor: Actor, found: SessionUser | null): SessionUser | null {
  if (!isPendingSession(actor)) return actor;
  actor.resolved(found);
  return found;
}

/** The date a report describes when `asOf` (none: today) is one it may describe as far as its text and today go; null otherwise (checkTarget says why). */
function plausibleAsOf(asOf: string | null, day: string): string | null {
  const date = asOf ?? day;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const [y, m, d] = date.split("-").map(Number);
  if (new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) !== date) return null;
  return date > day ? null : date;
}

/**
 * Files a progress report (SUBMITTED) if the user may report on the task, in one statement that
 * checks and writes at once (fileReport: the session when it is pending, the facts every check
 * needs, the insert that only happens when they all pass, and the task's row when the response
 * asks for it), then announced (announceReport). When nothing was written, the checks run here on the facts the
 * statement read, in their order, for the error; a refusal writes nothing.
 */
export async function reportProgress(
  db: Db,
  actor: Actor,
  input: ReportProgressInput,
  /** withTask: the task's row too; fields: only these of the report (the SQL lane's answer) */
  opts: { withTask?: boolean; fields?: readonly ReportField[] } = {},
): Promise<{ report: ReportRow; task: TaskRow | null }> {
  if (actor === null) throw new UnauthenticatedError();
  let note: string;
  try {
    note = checkNote(input.note);
    if (input.progress != null && !(input.progress >= 0 && input.progress <= 100)) {
      throw new ValidationError(`progress must be between 0 and 100, got ${input.progress}`);
    }
  } catch (error) {
    requireUser(await resolvedUser(db, actor));
    throw error;
  }
  const placeId = input.placeId ?? null;
  const asOf = input.asOf ?? null;
  const day = today();
  const filed = await fileReport(
    db,
    actor,
    {
      taskId: input.taskId,
      placeId,
      projectId: input.projectId ?? null,
      asOf: plausibleAsOf(asOf, day),
      status: input.status,
      progress: input.progress ?? null,
      note,
    },
    opts.withTask ?? false,
    opts.fields,
  );
  const user = actorFound(actor, filed.actor);
  if (filed.report) {
    announceReport(db, filed.report.id, "SUBMITTED");
    return { report: filed.report, task: filed.task };
  }
  const { facts } = filed;
  const reporter = requireUser(user);
  if (!facts.taskExists) throw new ValidationError(`unknown task ${JSON.stringify(input.taskId)}`);
  if (!facts.placeExists) throw new ValidationError(`unknown place ${JSON.stringify(placeId)}`);
  if (!facts.projectServes)
    throw new ValidationError(`project ${JSON.stringify(input.projectId)} does not serve task ${input.taskId}`);
  const task: TaskFacts = { taskId: input.taskId, leadDepartmentIds: facts.leads, obligationPlaceIds: facts.places };
  enforce(canReport(reporter, task, { coveredPlaceIds: facts.covered }, placeId));
  checkTarget(input.taskId, placeId, facts.obligationId, facts.periodStart!, asOf, day);
  // every rule passed here, and the statement wrote nothing: its SQL and permissions.ts disagree
  throw new Error(
    `reportProgress: the statement refused what the checks allow (task ${input.taskId}, place ${placeId})`,
  );
}

/**
 * Approves or returns a SUBMITTED report; a report is decided once. One statement that checks
 * and writes at once (decideReport: the session when it is pending, the report with what
 * canReview needs, the review that only happens when the actor may decide it and nobody has),
 * then announced (announceReport). When nothing was written, the checks run here on the facts it read, in
 * their order, for the error (NOT_FOUND, FORBIDDEN, then CONFLICT: decided before).
 */
export async function reviewReport(
  db: Db,
  actor: Actor,
  id: string,
  decision: "APPROVE" | "RETURN",
  note: string | null,
  /** only these fields of the report (the SQL lane's answer); all when not given */
  fields?: readonly ReportField[],
): Promise<ReportRow> {
  if (actor === null) throw new UnauthenticatedError();
  let reviewNote: string | null;
  try {
    if (!/^\d{1,18}$/.test(id)) throw new ValidationError(`unknown report ${JSON.stringify(id)}`);
    reviewNote = note == null || note.trim() === "" ? null : checkNote(note, "note");
  } catch (error) {
    requireUser(await resolvedUser(db, actor));
    throw error;
  }
  const kind = decision === "APPROVE" ? "APPROVED" : "RETURNED";
  const decided = await decideReport(db, actor, { reportId: id, decision, note: reviewNote }, fields);
  const user = requireUser(actorFound(actor, decided.actor));
  if (decided.report) {
    announceReport(db, id, kind);
    return decided.report;
  }
  const { facts } = decided;
  if (facts.taskId === null || facts.authorId === null) throw new NotFoundError(`report ${id} not found`);
  // canReview reads the task's leads only
  enforce(
    canReview(
      user,
      { taskId: facts.taskId, leadDepartmentIds: facts.leadDepartmentIds ?? [], obligationPlaceIds: [] },
      facts.authorId,
    ),
  );
  throw new ConflictError(`report ${id} has already been reviewed`);
}

/**
 * Records an indicator figure with its source (append-only; a newer row corrects an older one).
 * A planner's figure counts at once; anybody else's is SUBMITTED until a planner reviews it.
 */
export async function recordIndicatorValue(
  db: Db,
  actor: SessionUser | null,
  input: IndicatorValueInput,
): Promise<IndicatorValueRow> {
  const user = requireUser(actor);
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
    throw new ValidationError(`year must be between 2000 and 2100, got ${input.year}`);
  if (!Number.isFinite(input.value)) throw new ValidationError("value must be a finite number");
  const source = checkNote(input.source, "source", 500);
  return db.transaction().execute(async (trx) => {
    await requireExists(trx, "indicator", input.indicatorId);
    await requireExists(trx, "place", input.placeId);
    enforce(canRecordValue(user, await areaFacts(trx, user), input.placeId));
    return insertValue(trx, { ...input, source, recordedBy: user.id, approved: user.role === "PLANNER" });
  });
}

/** Approves or returns a SUBMITTED indicator figure; a figure is decided once. */
export async function reviewIndicatorValue(
  db: Db,
  actor: SessionUser | null,
  id: string,
  decision: "APPROVE" | "RETURN",
  note: string | null,
): Promise<IndicatorValueRow> {
  const user = requireUser(actor);
  if (!/^\d{1,18}$/.test(id)) throw new ValidationError(`id: unknown indicator value ${JSON.stringify(id)}`);
  const reviewNote = note == null || note.trim() === "" ? null : checkNote(note, "note");
  return db.transaction().execute(async (trx) => {
    const value = await lockValue(trx, id);
    if (!value) throw new NotFoundError(`indicator value ${id} not found`);
    enforce(canReviewValue(user, value.recordedBy));
    if (value.review !== "SUBMITTED") throw new ConflictError(`indicator value ${id} has already been reviewed`);
    return setValueReview(trx, id, decision === "APPROVE" ? "APPROVED" : "RETURNED", user.id, reviewNote);
  });
}

/** An optional note on a link change: trimmed, at most 1000 characters; empty is none. */
function linkNote(note: string | null | undefined): string | null {
  const trimmed = note?.trim() ?? "";
  if (trimmed.length > 1000) throw new ValidationError("note is longer than 1000 characters");
  return trimmed || null;
}

/**
 * Adds (or re-roles) a curated link, or confirms one the linker made (it becomes curated and
 * keeps its evidence); the note stays on the link, and the change is kept in link_change.
 * Obligations follow in the same transaction (syncObligations).
 */
export async function linkTaskToPlace(
  db: Db,
  actor: SessionUser | null,
  input: LinkTaskToPlaceInput,
): Promise<TaskPlaceRow> {
  const user = requireUser(actor);
  enforce(canCurate(user, "curate task-place links"));
  const note = linkNote(input.note);
  return db.transaction().execute(async (trx) => {
    await taskFacts(trx, input.taskId);
    await requireExists(trx, "place", input.placeId);
    await upsertCuratedLink(trx, { taskId: input.taskId, placeId: input.placeId, role: input.role, note });
    await insertLinkChange(trx, {
      taskId: input.taskId,
      placeId: input.placeId,
      role: input.role,
      action: "link",
      note,
      userId: user.id,
    });
    await syncObligations(trx, [input.taskId]);
    return findLink(trx, input.taskId, input.placeId, input.role);
  });
}

/**
 * Removes every link between a task and a place (a planner's removal, or the rejection of one
 * of the linker's uncertain matches); stays removed across re-imports. The note is kept in
 * link_change. Obligations follow in the same transaction.
 */
export async function unlinkTaskFromPlace(
  db: Db,
  actor: SessionUser | null,
  taskId: string,
  placeId: string,
  note?: string | null,
): Promise<boolean> {
  const user = requireUser(actor);
  enforce(canCurate(user, "curate task-place links"));
  const why = linkNote(note);
  return db.transaction().execute(async (trx) => {
    await taskFacts(trx, taskId);
    await requireExists(trx, "place", placeId);
    if (!(await deleteLinks(trx, taskId, placeId))) return false;
    await insertLinkChange(trx, { taskId, placeId, role: null, action: "unlink", note: why, userId: user.id });
    await syncObligations(trx, [taskId]);
    return true;
  });
}

/** The linker's uncertain matches, in plan order (planners only), with their total count. */
export async function findLinkCandidates(
  db: Db,
  actor: SessionUser | null,
  first: number,
  after: UncertainLinkKey | null,
): Promise<{ rows: UncertainLinkRow[]; totalCount: number }> {
  const user = requireUser(actor);
  enforce(canCurate(user, "review the linker's matches"));
  return findUncertainLinks(db, first, after);
}

const PLACE_ROLES = new Set<unknown>(Object.values(PlaceRole));

/**
 * The sort key a linkCandidates cursor names (linkCandidateCursor's: three ordinals, a place id and
 * the role), or null for none. A cursor of four, made before the role was in the key, names no role:
 * its page starts at the first role of its task and place (UncertainLinkKey), so nothing after it is
 * skipped. A ValidationError for anything else.
 */
export function linkCandidateKey(after: string | null | undefined): UncertainLinkKey | null {
  const key = decodeCursor(after, "linkCandidates", [5, 4]);
  if (!key) return null;
  const role = key.length === 5 ? key[4] : null;
  if (role !== null && !PLACE_ROLES.has(role)) throw new ValidationError("after: not a cursor returned by this API");
  return [Number(key[0]), Number(key[1]), Number(key[2]), String(key[3]), role as PlaceRole | null];
}

/** The cursor of an uncertain match: the key linkCandidateKey reads back. */
export function linkCandidateCursor(row: UncertainLinkRow): string {
  return encodeCursor("linkCandidates", [row.planOrdinal, row.taskOrdinal, row.placeOrdinal, row.placeId, row.role]);
}

/**
 * Whose submitted reports the actor's review queue holds: every task's for a planner (departmentId
 * null), its tasks' for a department user; null for anybody else (an empty queue). Never their own.
 */
export function reviewQueueOf(user: SessionUser): { departmentId: string | null } | null {
  if (user.role !== "PLANNER" && user.role !== "DEPARTMENT") return null;
  return { departmentId: user.role === "DEPARTMENT" ? user.departmentId : null };
}

/** The submitted reports the actor may review, oldest first: a planner's all, a department's those on its tasks; never their own. */
export async function pendingReports(db: Db, actor: SessionUser | null, first: number): Promise<ReportRow[]> {
  const user = requireUser(actor);
  const queue = reviewQueueOf(user);
  if (!queue) return [];
  return findPendingReports(db, queue.departmentId, user.id, checkFirst(first, 50));
}
