/**
 * The reporting workflow: reports, reviews, indicator values and curated links.
 * One mutation = one transaction; the permission check runs inside it against
 * the same snapshot, and a refusal writes nothing.
 */
import type { Db } from "../../db/database.ts";
import type { SessionUser } from "../../core/actor.ts";
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from "../../core/errors.ts";
import type { IndicatorValueInput, IndicatorValueRow } from "../indicator/indicator.type.ts";
import { insertValue, lockValue, setValueReview } from "../indicator/indicator.repository.ts";
import { syncObligations } from "../place/place.repository.ts";
import { dayOf } from "../task/task.repository.ts";
import type { TaskPlaceRow } from "../task/task.type.ts";
import { canCurate, canRecordValue, canReport, canReview, canReviewValue, type AreaFacts, type Decision, type TaskFacts } from "./permissions.ts";
import { announceReport } from "./report-events.ts";
import {
  deleteLinks,
  findCoveredPlaceIds,
  findLink,
  findObligationOfReport,
  findReportsByIds,
  findTaskFacts,
  findUncertainLinks,
  insertLinkChange,
  insertReport,
  insertReview,
  lockReport,
  projectServesTask,
  rowExists,
  upsertCuratedLink,
} from "./report.repository.ts";
import type { LinkTaskToPlaceInput, ReportProgressInput, ReportRow } from "./report.type.ts";

/** The signed-in user, or UNAUTHENTICATED. */
export function requireUser(user: SessionUser | null): SessionUser {
  if (!user) throw new UnauthenticatedError();
  return user;
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
export async function reportTarget(db: Db, taskId: string, placeId: string | null, asOf: string | null): Promise<{ obligationId: string; asOf: string }> {
  const row = await findObligationOfReport(db, taskId, placeId);
  if (!row) throw new ValidationError(`unknown task ${JSON.stringify(taskId)}`, { problem: "UNKNOWN_TASK" });
  if (!row.id) throw new ValidationError(placeId ? `task ${taskId} is not an obligation of ${placeId}` : `task ${taskId} has no citywide obligation`, { problem: "NOT_AN_OBLIGATION", placeId });
  const date = asOf ?? today();
  const [y, m, d] = date.split("-").map(Number);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) !== date) {
    throw new ValidationError(`asOf ${JSON.stringify(date)} is not a calendar date like 2014-05-01`, { problem: "BAD_DATE", value: date });
  }
  if (date > today()) throw new ValidationError(`asOf ${date} is in the future: a report describes a date up to today (${today()})`, { problem: "DATE_IN_FUTURE", value: date, limit: today() });
  const start = `${String(row.periodStart).padStart(4, "0")}-01-01`;
  if (date < start) throw new ValidationError(`asOf ${date} is before the plan began (${start})`, { problem: "DATE_BEFORE_PLAN", value: date, limit: start });
  return { obligationId: row.id, asOf: date };
}

/** Files a progress report (SUBMITTED) if the user may report on the task. */
export async function reportProgress(db: Db, actor: SessionUser | null, input: ReportProgressInput): Promise<ReportRow> {
  const user = requireUser(actor);
  const note = checkNote(input.note);
  if (input.progress != null && !(input.progress >= 0 && input.progress <= 100)) {
    throw new ValidationError(`progress must be between 0 and 100, got ${input.progress}`);
  }
  const id = await db.transaction().execute(async (trx) => {
    const task = await taskFacts(trx, input.taskId);
    if (input.placeId) await requireExists(trx, "place", input.placeId);
    if (input.projectId) {
      if (!(await projectServesTask(trx, input.projectId, input.taskId))) throw new ValidationError(`project ${JSON.stringify(input.projectId)} does not serve task ${input.taskId}`);
    }
    enforce(canReport(user, task, await areaFacts(trx, user), input.placeId ?? null));
    const target = await reportTarget(trx, input.taskId, input.placeId ?? null, input.asOf ?? null);
    const reportId = await insertReport(trx, {
      taskId: input.taskId,
      placeId: input.placeId ?? null,
      obligationId: target.obligationId,
      asOf: target.asOf,
      projectId: input.projectId ?? null,
      status: input.status,
      progress: input.progress ?? null,
      note,
      authorId: user.id,
    });
    await announceReport(trx, reportId, "SUBMITTED");
    return reportId;
  });
  return (await findReportsByIds(db, [id]))[0];
}

/** Approves or returns a SUBMITTED report; a report is decided once. */
export async function reviewReport(db: Db, actor: SessionUser | null, id: string, decision: "APPROVE" | "RETURN", note: string | null): Promise<ReportRow> {
  const user = requireUser(actor);
  if (!/^\d{1,18}$/.test(id)) throw new ValidationError(`unknown report ${JSON.stringify(id)}`);
  const reviewNote = note == null || note.trim() === "" ? null : checkNote(note, "note");
  await db.transaction().execute(async (trx) => {
    const report = await lockReport(trx, id);
    if (!report) throw new NotFoundError(`report ${id} not found`);
    enforce(canReview(user, await taskFacts(trx, report.taskId), report.authorId));
    if (report.reviewed) throw new ConflictError(`report ${id} has already been reviewed`);
    await insertReview(trx, { reportId: id, decision, note: reviewNote, reviewerId: user.id });
    await announceReport(trx, id, decision === "APPROVE" ? "APPROVED" : "RETURNED");
  });
  return (await findReportsByIds(db, [id]))[0];
}

/**
 * Records an indicator figure with its source (append-only; a newer row corrects an older one).
 * A planner's figure counts at once; anybody else's is SUBMITTED until a planner reviews it.
 */
export async function recordIndicatorValue(db: Db, actor: SessionUser | null, input: IndicatorValueInput): Promise<IndicatorValueRow> {
  const user = requireUser(actor);
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) throw new ValidationError(`year must be between 2000 and 2100, got ${input.year}`);
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
export async function reviewIndicatorValue(db: Db, actor: SessionUser | null, id: string, decision: "APPROVE" | "RETURN", note: string | null): Promise<IndicatorValueRow> {
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
export async function linkTaskToPlace(db: Db, actor: SessionUser | null, input: LinkTaskToPlaceInput): Promise<TaskPlaceRow> {
  const user = requireUser(actor);
  enforce(canCurate(user, "curate task-place links"));
  const note = linkNote(input.note);
  return db.transaction().execute(async (trx) => {
    await taskFacts(trx, input.taskId);
    await requireExists(trx, "place", input.placeId);
    await upsertCuratedLink(trx, { taskId: input.taskId, placeId: input.placeId, role: input.role, note });
    await insertLinkChange(trx, { taskId: input.taskId, placeId: input.placeId, role: input.role, action: "link", note, userId: user.id });
    await syncObligations(trx, [input.taskId]);
    return findLink(trx, input.taskId, input.placeId, input.role);
  });
}

/**
 * Removes every link between a task and a place (a planner's removal, or the rejection of one
 * of the linker's uncertain matches); stays removed across re-imports. The note is kept in
 * link_change. Obligations follow in the same transaction.
 */
export async function unlinkTaskFromPlace(db: Db, actor: SessionUser | null, taskId: string, placeId: string, note?: string | null): Promise<boolean> {
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
  after: (string | number)[] | null,
): Promise<{ rows: (TaskPlaceRow & { taskOrdinal: number; placeOrdinal: number; planOrdinal: number })[]; totalCount: number }> {
  const user = requireUser(actor);
  enforce(canCurate(user, "review the linker's matches"));
  return findUncertainLinks(db, first, after);
}
