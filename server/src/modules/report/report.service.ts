/**
 * The reporting workflow: reports, reviews, indicator values and curated links.
 * One mutation = one transaction; the permission check runs inside it against
 * the same snapshot, and a refusal writes nothing.
 */
import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import type { SessionUser } from "../../core/actor.ts";
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from "../../core/errors.ts";
import type { IndicatorValueInput, IndicatorValueRow } from "../indicator/indicator.type.ts";
import { insertValue, lockValue, setValueReview } from "../indicator/indicator.repository.ts";
import { syncObligations } from "../place/place.repository.ts";
import { dayOf } from "../task/task.repository.ts";
import type { TaskPlaceRow } from "../task/task.type.ts";
import { canCurate, canRecordValue, canReport, canReview, canReviewValue, type AreaFacts, type Decision, type TaskFacts } from "./permissions.ts";
import { announcedLocally } from "./report-events.ts";
import { announcement } from "./report-events.repository.ts";
import { insertReport, insertReview, lockReport } from "./report.repository.ts";
import type { LinkTaskToPlaceInput, ReportProgressInput, ReportRow } from "./report.type.ts";

/** The signed-in user, or UNAUTHENTICATED. */
export function requireUser(user: SessionUser | null): SessionUser {
  if (!user) throw new UnauthenticatedError();
  return user;
}

function enforce(decision: Decision): void {
  if (!decision.allowed) throw new ForbiddenError(decision.reason);
}

/** A task's lead departments, in order (SQL, for the task id given). */
function leadsOf(taskId: string) {
  return sql`coalesce((select array_agg(department_id order by ordinal) from task_lead where task_id = ${taskId}), '{}')`;
}

/** The places a task is an active obligation of (SQL). */
function obligationPlacesOf(taskId: string) {
  return sql`coalesce((select array_agg(o.place_id order by o.place_id) from obligation o where o.task_id = ${taskId} and o.active), '{}')`;
}

/** These places and every place inside them (SQL). */
function coveredBy(placeIds: string[]) {
  return sql`array(select unnest(${placeIds}::text[]) union select inner_id from place_containment where outer_id = any(${placeIds}::text[]))`;
}

/** The id of the active obligation a report names: the task at the place, or no place = the city (SQL). */
function reportedObligation(taskId: string, placeId: string | null) {
  return sql`(select o.id::text from obligation o
    where o.task_id = ${taskId} and o.active
      and o.place_id = coalesce(${placeId}::text, (select c.id from place c where c.kind = 'CITY' order by c.ordinal limit 1)))`;
}

const unknownTask = (taskId: string) => new ValidationError(`unknown task ${JSON.stringify(taskId)}`);

/** Leads and obligation places of a task; NotFound when the task does not exist. */
export async function taskFacts(db: Db, taskId: string): Promise<TaskFacts> {
  const r = await sql<{ exists: boolean; leads: string[]; places: string[] }>`
    select exists (select 1 from task where id = ${taskId}) as exists, ${leadsOf(taskId)} as leads, ${obligationPlacesOf(taskId)} as places`.execute(db);
  const row = r.rows[0];
  if (!row.exists) throw unknownTask(taskId);
  return { taskId, leadDepartmentIds: row.leads, obligationPlaceIds: row.places };
}

/** The user's places and everything inside them. */
export async function areaFacts(db: Db, user: SessionUser): Promise<AreaFacts> {
  if (user.placeIds.length === 0) return { coveredPlaceIds: [] };
  const r = await sql<{ ids: string[] }>`select ${coveredBy(user.placeIds)} as ids`.execute(db);
  return { coveredPlaceIds: r.rows[0].ids };
}

async function requireExists(db: Db, table: "place" | "project" | "indicator", id: string): Promise<void> {
  const r = await sql`select 1 from ${sql.table(table)} where id = ${id}`.execute(db);
  if (r.rows.length === 0) throw new ValidationError(`unknown ${table} ${JSON.stringify(id)}`);
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
  const r = await sql<{ id: string | null; periodStart: number }>`
    select ${reportedObligation(taskId, placeId)} as id, pl.period_start as "periodStart"
    from task t join plan pl on pl.id = t.plan_id where t.id = ${taskId}`.execute(db);
  const row = r.rows[0];
  if (!row) throw new ValidationError(`unknown task ${JSON.stringify(taskId)}`, { problem: "UNKNOWN_TASK" });
  return checkTarget(taskId, placeId, row.id, row.periodStart, asOf);
}

/** reportTarget's rules over the obligation found (or none) and the plan's first year. */
function checkTarget(taskId: string, placeId: string | null, obligationId: string | null, periodStart: number, asOf: string | null): { obligationId: string; asOf: string } {
  if (!obligationId) throw new ValidationError(placeId ? `task ${taskId} is not an obligation of ${placeId}` : `task ${taskId} has no citywide obligation`, { problem: "NOT_AN_OBLIGATION", placeId });
  const date = asOf ?? today();
  const [y, m, d] = date.split("-").map(Number);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) !== date) {
    throw new ValidationError(`asOf ${JSON.stringify(date)} is not a calendar date like 2014-05-01`, { problem: "BAD_DATE", value: date });
  }
  if (date > today()) throw new ValidationError(`asOf ${date} is in the future: a report describes a date up to today (${today()})`, { problem: "DATE_IN_FUTURE", value: date, limit: today() });
  const start = `${String(periodStart).padStart(4, "0")}-01-01`;
  if (date < start) throw new ValidationError(`asOf ${date} is before the plan began (${start})`, { problem: "DATE_BEFORE_PLAN", value: date, limit: start });
  return { obligationId, asOf: date };
}

/**
 * Everything reportProgress checks, in one statement: the task (its leads and obligation places),
 * whether the place and the project named exist and the project serves the task, the user's area,
 * the obligation reported on and the plan's first year.
 */
async function reportFacts(db: Db, user: SessionUser, input: ReportProgressInput) {
  const { taskId } = input;
  const placeId = input.placeId ?? null;
  const projectId = input.projectId ?? null;
  const r = await sql<{
    taskExists: boolean; leads: string[]; places: string[]; placeExists: boolean; projectServes: boolean;
    covered: string[]; obligationId: string | null;
    /** null only when the task does not exist */
    periodStart: number | null;
  }>`
    select exists (select 1 from task where id = ${taskId}) as "taskExists", ${leadsOf(taskId)} as leads, ${obligationPlacesOf(taskId)} as places,
      (${placeId}::text is null or exists (select 1 from place where id = ${placeId})) as "placeExists",
      (${projectId}::text is null or exists (select 1 from project_task where project_id = ${projectId} and task_id = ${taskId})) as "projectServes",
      ${coveredBy(user.placeIds)} as covered,
      ${reportedObligation(taskId, placeId)} as "obligationId",
      (select pl.period_start from task t join plan pl on pl.id = t.plan_id where t.id = ${taskId}) as "periodStart"`.execute(db);
  return r.rows[0];
}

/**
 * Files a progress report (SUBMITTED) if the user may report on the task: one transaction of two
 * statements, the facts every check needs (reportFacts), then the insert, which also announces
 * the report and returns it. A refusal comes between them and writes nothing.
 */
export async function reportProgress(db: Db, actor: SessionUser | null, input: ReportProgressInput): Promise<ReportRow> {
  const user = requireUser(actor);
  const note = checkNote(input.note);
  if (input.progress != null && !(input.progress >= 0 && input.progress <= 100)) {
    throw new ValidationError(`progress must be between 0 and 100, got ${input.progress}`);
  }
  const placeId = input.placeId ?? null;
  return db.transaction().execute(async (trx) => {
    const facts = await reportFacts(trx, user, input);
    if (!facts.taskExists) throw unknownTask(input.taskId);
    if (!facts.placeExists) throw new ValidationError(`unknown place ${JSON.stringify(placeId)}`);
    if (!facts.projectServes) throw new ValidationError(`project ${JSON.stringify(input.projectId)} does not serve task ${input.taskId}`);
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
export async function reviewReport(db: Db, actor: SessionUser | null, id: string, decision: "APPROVE" | "RETURN", note: string | null): Promise<ReportRow> {
  const user = requireUser(actor);
  if (!/^\d{1,18}$/.test(id)) throw new ValidationError(`unknown report ${JSON.stringify(id)}`);
  const reviewNote = note == null || note.trim() === "" ? null : checkNote(note, "note");
  const kind = decision === "APPROVE" ? "APPROVED" : "RETURNED";
  return db.transaction().execute(async (trx) => {
    const report = await lockReport(trx, id);
    if (!report) throw new NotFoundError(`report ${id} not found`);
    // canReview reads the task's leads only
    enforce(canReview(user, { taskId: report.taskId, leadDepartmentIds: report.leadDepartmentIds, obligationPlaceIds: [] }, report.authorId));
    const reviewed = await insertReview(trx, { reportId: id, decision, note: reviewNote, reviewerId: user.id }, (reportId) => announcement(reportId, kind));
    if (!reviewed) throw new ConflictError(`report ${id} has already been reviewed`);
    announcedLocally(reviewed.hub, id, kind);
    return reviewed.report;
  });
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
    await sql`
      insert into task_place (task_id, place_id, role, curated, note) values (${input.taskId}, ${input.placeId}, ${input.role}, true, ${note})
      on conflict (task_id, place_id, role) do update set curated = true, note = coalesce(excluded.note, task_place.note)`.execute(trx);
    await sql`insert into link_change (task_id, place_id, role, action, note, user_id)
      values (${input.taskId}, ${input.placeId}, ${input.role}, 'link', ${note}, ${user.id}::bigint)`.execute(trx);
    await syncObligations(trx, [input.taskId]);
    const r = await sql<TaskPlaceRow>`
      select tp.task_id as "taskId", tp.place_id as "placeId", tp.role, tp.evidence_start as "evidenceStart", tp.evidence_end as "evidenceEnd",
        tp.curated, tp.note, t.plan_id as "planId"
      from task_place tp join task t on t.id = tp.task_id where tp.task_id = ${input.taskId} and tp.place_id = ${input.placeId} and tp.role = ${input.role}`.execute(trx);
    return r.rows[0];
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
    const r = await sql`delete from task_place where task_id = ${taskId} and place_id = ${placeId} returning role`.execute(trx);
    if (r.rows.length === 0) return false;
    await sql`insert into link_change (task_id, place_id, action, note, user_id) values (${taskId}, ${placeId}, 'unlink', ${why}, ${user.id}::bigint)`.execute(trx);
    await syncObligations(trx, [taskId]);
    return true;
  });
}

/**
 * What the linker proposed but cannot be sure of, not yet confirmed by a planner: a place the
 * text names only in passing (MENTION), or one it found through a short form, an abbreviation
 * or a collective expression rather than the place's own name (太礦, 民營區, 三縣一市,
 * 五個省級以上開發區). Reads `tp`, `p` (the place) and `pl` (the plan).
 */
const UNCERTAIN = sql`not tp.curated and tp.evidence_start is not null and (tp.role = 'MENTION' or (tp.role = 'SUBJECT'
  and substr(pl.source_text_hans, tp.evidence_start + 1, tp.evidence_end - tp.evidence_start) not in (p.name_hans, p.name_hant)
  and substr(pl.source_text_hant, tp.evidence_start + 1, tp.evidence_end - tp.evidence_start) not in (p.name_hans, p.name_hant)))`;

/** The linker's uncertain matches, in plan order (planners only), with their total count. */
export async function findLinkCandidates(
  db: Db,
  actor: SessionUser | null,
  first: number,
  after: (string | number)[] | null,
): Promise<{ rows: (TaskPlaceRow & { taskOrdinal: number; placeOrdinal: number; planOrdinal: number })[]; totalCount: number }> {
  const user = requireUser(actor);
  enforce(canCurate(user, "review the linker's matches"));
  const key = sql`(pl.ordinal, t.ordinal, p.ordinal, tp.place_id)`;
  const rows = await sql<TaskPlaceRow & { taskOrdinal: number; placeOrdinal: number; planOrdinal: number }>`
    select tp.task_id as "taskId", tp.place_id as "placeId", tp.role, tp.evidence_start as "evidenceStart", tp.evidence_end as "evidenceEnd",
      tp.curated, tp.note, t.plan_id as "planId", pl.ordinal as "planOrdinal", t.ordinal as "taskOrdinal", p.ordinal as "placeOrdinal"
    from task_place tp join task t on t.id = tp.task_id join plan pl on pl.id = t.plan_id join place p on p.id = tp.place_id
    where ${UNCERTAIN} ${after ? sql`and ${key} > (${Number(after[0])}::int, ${Number(after[1])}::int, ${Number(after[2])}::int, ${String(after[3])}::text)` : sql``}
    order by pl.ordinal, t.ordinal, p.ordinal, tp.place_id
    limit ${first + 1}`.execute(db);
  const count = await sql<{ n: number }>`
    select count(*)::int as n from task_place tp join task t on t.id = tp.task_id join plan pl on pl.id = t.plan_id join place p on p.id = tp.place_id
    where ${UNCERTAIN}`.execute(db);
  return { rows: rows.rows, totalCount: count.rows[0].n };
}
