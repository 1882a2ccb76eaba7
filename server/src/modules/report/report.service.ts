/**
 * The reporting workflow: reports, reviews, indicator values and curated links.
 * One mutation = one transaction; the permission check runs inside it against
 * the same snapshot, and a refusal writes nothing.
 */
import type { Db } from "../../db/database.ts";
import { requireUser, type SessionUser } from "../../core/actor.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../core/errors.ts";
import { checkFirst, decodeCursor } from "../../core/paging.ts";
import type { IndicatorValueInput, IndicatorValueRow } from "../indicator/indicator.type.ts";
import { insertValue, lockValue, setValueReview } from "../indicator/indicator.repository.ts";
import { syncObligations } from "../place/place.repository.ts";
import { dayOf } from "../task/task.repository.ts";
import type { TaskPlaceRow } from "../task/task.type.ts";
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
import { announcedLocally } from "./report-events.ts";
import { announcement } from "./report-events.repository.ts";
import {
  deleteLinks,
  findCoveredPlaceIds,
  findLink,
  findObligationOfReport,
  findPendingReports,
  findReportFacts,
  findTaskFacts,
  findUncertainLinks,
  insertLinkChange,
  insertReport,
  insertReview,
  lockReport,
  rowExists,
  upsertCuratedLink,
} from "./report.repository.ts";
import type { LinkTaskToPlaceInput, ReportProgressInput, ReportRow } from "./report.type.ts";

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
): { obligationId: string; asOf: string } {
  if (!obligationId)
    throw new ValidationError(
      placeId ? `task ${taskId} is not an obligation of ${placeId}` : `task ${taskId} has no citywide obligation`,
      { problem: "NOT_AN_OBLIGATION", placeId },
    );
  const date = asOf ?? today();
  const [y, m, d] = date.split("-").map(Number);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) !== date) {
    throw new ValidationError(`asOf ${JSON.stringify(date)} is not a calendar date like 2014-05-01`, {
      problem: "BAD_DATE",
      value: date,
    });
  }
  if (date > today())
    throw new ValidationError(`asOf ${date} is in the future: a report describes a date up to today (${today()})`, {
      problem: "DATE_IN_FUTURE",
      value: date,
      limit: today(),
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
 * Files a progress report (SUBMITTED) if the user may report on the task: one transaction of two
 * statements, the facts every check needs (reportFacts), then the insert, which also announces
 * the report and returns it. A refusal comes between them and writes nothing.
 */
export async function reportProgress(
  db: Db,
  actor: SessionUser | null,
  input: ReportProgressInput,
): Promise<ReportRow> {
  const user = requireUser(actor);
  const note = checkNote(input.note);
  if (input.progress != null && !(input.progress >= 0 && input.progress <= 100)) {
    throw new ValidationError(`progress must be between 0 and 100, got ${input.progress}`);
  }
  const placeId = input.placeId ?? null;
  return db.transaction().execute(async (trx) => {
    const facts = await findReportFacts(trx, user.placeIds, {
      taskId: input.taskId,
      placeId,
      projectId: input.projectId ?? null,
    });
    if (!facts.taskExists) throw new ValidationError(`unknown task ${JSON.stringify(input.taskId)}`);
    if (!facts.placeExists) throw new ValidationError(`unknown place ${JSON.stringify(placeId)}`);
    if (!facts.projectServes)
      throw new ValidationError(`project ${JSON.stringify(input.projectId)} does not serve task ${input.taskId}`);
    const task: TaskFacts = { taskId: input.taskId, leadDepartmentIds: facts.leads, obligationPlaceIds: facts.places };
    enforce(canReport(user, task, { coveredPlaceIds: facts.covered }, placeId));
    const target = checkTarget(input.taskId, placeId, facts.obligationId, facts.periodStart!, input.asOf ?? null);
    const { report, hub } = await insertReport(
      trx,
      {
        taskId: input.taskId,
        placeId,
        obligationId: target.obligationId,
        asOf: target.asOf,
        projectId: input.projectId ?? null,
        status: input.status,
        progress: input.progress ?? null,
        note,
        authorId: user.id,
      },
      (id) => announcement(id, "SUBMITTED"),
    );
    announcedLocally(hub, report.id, "SUBMITTED");
    return report;
  });
}

/**
 * Approves or returns a SUBMITTED report; a report is decided once. One transaction of two
 * statements: the report locked with what canReview needs, then the review, which also
 * announces the decision and returns the report (none when it was decided before: CONFLICT).
 */
export async function reviewReport(
  db: Db,
  actor: SessionUser | null,
  id: string,
  decision: "APPROVE" | "RETURN",
  note: string | null,
): Promise<ReportRow> {
  const user = requireUser(actor);
  if (!/^\d{1,18}$/.test(id)) throw new ValidationError(`unknown report ${JSON.stringify(id)}`);
  const reviewNote = note == null || note.trim() === "" ? null : checkNote(note, "note");
  const kind = decision === "APPROVE" ? "APPROVED" : "RETURNED";
  return db.transaction().execute(async (trx) => {
    const report = await lockReport(trx, id);
    if (!report) throw new NotFoundError(`report ${id} not found`);
    // canReview reads the task's leads only
    enforce(
      canReview(
        user,
        { taskId: report.taskId, leadDepartmentIds: report.leadDepartmentIds, obligationPlaceIds: [] },
        report.authorId,
      ),
    );
    const reviewed = await insertReview(
      trx,
      { reportId: id, decision, note: reviewNote, reviewerId: user.id },
      (reportId) => announcement(reportId, kind),
    );
    if (!reviewed) throw new ConflictError(`report ${id} has already been reviewed`);
    announcedLocally(reviewed.hub, id, kind);
    return reviewed.report;
  });
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
  after: (string | number)[] | null,
): Promise<{
  rows: (TaskPlaceRow & { taskOrdinal: number; placeOrdinal: number; planOrdinal: number })[];
  totalCount: number;
}> {
  const user = requireUser(actor);
  enforce(canCurate(user, "review the linker's matches"));
  return findUncertainLinks(db, first, after);
}

/** The submitted reports the actor may review, oldest first: a planner's all, a department's those on its tasks; never their own. */
export async function pendingReports(db: Db, actor: SessionUser | null, first: number): Promise<ReportRow[]> {
  const user = requireUser(actor);
  if (user.role !== "PLANNER" && user.role !== "DEPARTMENT") return [];
  return findPendingReports(db, user.role === "DEPARTMENT" ? user.departmentId : null, user.id, checkFirst(first, 50));
}
