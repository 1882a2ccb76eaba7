/** Rules for obligations: the paged list, annual targets, the annual assessment and its finalization. */
import type { Db } from "../../db/database.ts";
import type { Loaders } from "../loaders.ts";
import { requireUser, type SessionUser } from "../../core/actor.ts";
import { checkFirst, decodeCursor, encodeCursor } from "../../core/paging.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../core/errors.ts";
import { obligationsByKeys } from "../place/place.service.ts";
import type { ObligationRow } from "../place/place.type.ts";
import { canCurate } from "../report/permissions.ts";
import {
  findAssessedPlaceIds,
  findAssessments,
  findExistingIds,
  findObligationPage,
  findObligationsByKeys,
  findPlanPeriodOfTask,
  insertFinalization,
  lockAssessment,
  replaceTargets,
  type AssessmentFigures,
  type ObligationQuery,
} from "./obligation.repository.ts";
import type { AreaAssessmentRow, ObligationConnection, ObligationFilter, YearTargetInput } from "./obligation.type.ts";

async function checkIds(db: Db, table: "place" | "task", ids: string[], field: string): Promise<void> {
  const known = await findExistingIds(db, table, ids);
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length)
    throw new ValidationError(`${field}: unknown ${table} ${unknown.map((u) => JSON.stringify(u)).join(", ")}`);
}

/**
 * A Query.obligations filter and page checked into a query (everything but the existence of its
 * places, which listObligations checks in the database); throws ValidationError naming what is wrong.
 */
export function toObligationQuery(
  filter: ObligationFilter | null | undefined,
  first: number | null | undefined,
  after: string | null | undefined,
  now: Date,
): ObligationQuery {
  const f = filter ?? {};
  const size = checkFirst(first, 50);
  const cursor = decodeCursor(after, "OBLIGATIONS", 4);
  if (cursor && !cursor.every((v) => typeof v === "number"))
    throw new ValidationError("after: not a cursor returned by this API");
  if (f.dueYear != null && (!Number.isInteger(f.dueYear) || f.dueYear < 1900 || f.dueYear > 2100))
    throw new ValidationError(`dueYear must be a year, got ${f.dueYear}`);
  return {
    placeIds: f.placeIds?.length ? f.placeIds : null,
    includeContained: f.includeContained ?? true,
    taskIds: f.taskIds?.length ? f.taskIds : null,
    kinds: f.kinds?.length ? f.kinds : null,
    statuses: f.statuses?.length ? f.statuses : null,
    asOf: f.asOf ?? now,
    dueYear: f.dueYear ?? null,
    behindTarget: f.behindTarget ?? false,
    first: size,
    after: cursor as [number, number, number, number] | null,
  };
}

/**
 * Query.obligations: one page of obligations under a filter, paged like tasks (at most 100). Its
 * nodes count against the list budget where every list's items do (countListItems), once.
 */
export async function listObligations(
  db: Db,
  loaders: Loaders,
  filter: ObligationFilter | null,
  first: number,
  after: string | null,
  now: Date,
): Promise<ObligationConnection> {
  const query = toObligationQuery(filter, first, after, now);
  if (query.placeIds) await checkIds(db, "place", query.placeIds, "placeIds");
  const rows = await findObligationPage(db, query);
  const page = rows.slice(0, query.first);
  const nodes = await obligationsByKeys(loaders, page);
  const last = page[page.length - 1];
  return {
    nodes: nodes.map((n) => ({ ...n, asOf: filter?.asOf ?? undefined })),
    pageInfo: {
      hasNextPage: rows.length > query.first,
      endCursor: last ? encodeCursor("OBLIGATIONS", [last.k1, last.k2, last.k3, last.k4]) : null,
    },
    totalCount: rows[0]?.totalCount ?? 0,
  };
}

/**
 * setObligationTargets (planners): replaces the obligation's yearly targets in one transaction.
 * Each year lies within the plan's period and at most once; progress is 0-100 and never lower
 * than an earlier year's. An empty list clears them (the task's due year at 100 again).
 */
export async function setObligationTargets(
  db: Db,
  actor: SessionUser | null,
  taskId: string,
  placeId: string,
  targets: YearTargetInput[],
): Promise<void> {
  const user = requireUser(actor);
  const decision = canCurate(user, "set obligation targets");
  if (!decision.allowed) throw new ForbiddenError(decision.reason);
  const sorted = [...targets].sort((a, b) => a.year - b.year);
  await db.transaction().execute(async (trx) => {
    const period = await findPlanPeriodOfTask(trx, taskId);
    if (!period) throw new ValidationError(`unknown task ${JSON.stringify(taskId)}`);
    const { periodStart, periodEnd } = period;
    const [row] = await findObligationsByKeys(trx, [{ taskId, placeId }]);
    if (!row || !row.active) throw new ValidationError(`task ${taskId} is not an obligation of ${placeId}`);
    sorted.forEach((t, i) => {
      if (!Number.isInteger(t.year) || t.year < periodStart || t.year > periodEnd) {
        throw new ValidationError(`targets: year ${t.year} is outside the plan's period ${periodStart}-${periodEnd}`);
      }
      if (!Number.isFinite(t.progress) || t.progress < 0 || t.progress > 100)
        throw new ValidationError(`targets: progress must be between 0 and 100, got ${t.progress} for ${t.year}`);
      const prev = sorted[i - 1];
      if (prev && prev.year === t.year) throw new ValidationError(`targets: year ${t.year} is given twice`);
      if (prev && t.progress < prev.progress)
        throw new ValidationError(
          `targets: ${t.year}'s progress ${t.progress} is lower than ${prev.year}'s ${prev.progress}; targets never go down`,
        );
    });
    await replaceTargets(trx, row.id, sorted, user.id);
  });
}

/** A plan year, or ValidationError (Query.assessment, finalizeAssessment; the SQL executor checks with it too). */
export function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1900 || year > 2100)
    throw new ValidationError(`year must be a plan year, got ${year}`);
}

function withScore(row: Omit<AreaAssessmentRow, "year" | "score">, year: number): AreaAssessmentRow {
  return { ...row, year, score: row.due > 0 ? Math.round((row.met / row.due) * 1000) / 1000 : null };
}

/** Query.assessment: one row per county-level unit and zone (or the places asked for), computed in SQL. */
export async function assessment(db: Db, year: number, placeIds: string[] | null): Promise<AreaAssessmentRow[]> {
  checkYear(year);
  if (placeIds?.length) await checkIds(db, "place", placeIds, "placeIds");
  const ids = placeIds?.length ? placeIds : await findAssessedPlaceIds(db);
  const rows = await findAssessments(db, ids, year);
  const byId = new Map(rows.map((r) => [r.placeId, r]));
  return ids.map((id) => withScore(byId.get(id)!, year));
}

/** finalizeAssessment (planners): freezes one area's figures for a year; a second time is a CONFLICT. */
export async function finalizeAssessment(
  db: Db,
  actor: SessionUser | null,
  year: number,
  placeId: string,
  note: string | null,
): Promise<AreaAssessmentRow> {
  const user = requireUser(actor);
  const decision = canCurate(user, "finalize an assessment");
  if (!decision.allowed) throw new ForbiddenError(decision.reason);
  checkYear(year);
  const text = note?.trim() ? note.trim() : null;
  if (text && text.length > 4000) throw new ValidationError("note is longer than 4000 characters");
  await db.transaction().execute(async (trx) => {
    await checkIds(trx, "place", [placeId], "placeId");
    // one finalization at a time per area and year: the second waits, then finds the first
    await lockAssessment(trx, placeId, year);
    const [row] = await findAssessments(trx, [placeId], year);
    if (row.finalizedAt) throw new ConflictError(`the ${year} assessment of ${placeId} is already finalized`);
    const figures: AssessmentFigures = {
      obligations: row.obligations,
      due: row.due,
      met: row.met,
      metLate: row.metLate,
      delayed: row.delayed,
      notReported: row.notReported,
    };
    if (!(await insertFinalization(trx, { placeId, year, figures, note: text, userId: user.id })))
      throw new ConflictError(`the ${year} assessment of ${placeId} is already finalized`);
  });
  const [row] = await findAssessments(db, [placeId], year);
  if (!row) throw new NotFoundError(`place ${placeId} not found`);
  return withScore(row, year);
}

export type { ObligationRow };
