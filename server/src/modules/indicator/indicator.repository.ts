/** All SQL about indicators and their recorded values. */
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../../db/database.ts";
import type { SessionUser } from "../../core/actor.ts";
import type { IndicatorRow, IndicatorValueRow } from "./indicator.type.ts";

const COLUMNS = sql`i.id, i.plan_id as "planId", i.name_hans as "nameHans", i.name_hant as "nameHant", i.name_en as "nameEn", i.unit,
  i.comparator, i.target, i.stretch_target as "stretchTarget", i.base_year as "baseYear", i.target_year as "targetYear",
  i.scope_place_id as "scopePlaceId", i.span_start as "spanStart", i.span_end as "spanEnd"`;

export async function listIndicators(db: Db, planId: string | null): Promise<IndicatorRow[]> {
  const r = await sql<IndicatorRow>`
    select ${COLUMNS} from indicator i join plan pl on pl.id = i.plan_id
    ${planId ? sql`where i.plan_id = ${planId}` : sql``} order by pl.ordinal, i.ordinal`.execute(db);
  return r.rows;
}

/** The indicators of each plan, in plan order: Plan.indicators of a whole plan list in one statement. */
export async function findIndicatorsByPlans(db: Db, planIds: readonly string[]): Promise<IndicatorRow[]> {
  const r = await sql<IndicatorRow>`select ${COLUMNS} from indicator i where i.plan_id = any(${[...planIds]}::text[]) order by i.plan_id, i.ordinal`.execute(db);
  return r.rows;
}

export async function findIndicatorsByIds(db: Db, ids: readonly string[]): Promise<IndicatorRow[]> {
  const r = await sql<IndicatorRow>`select ${COLUMNS} from indicator i where i.id = any(${[...ids]}::text[])`.execute(db);
  return r.rows;
}

export async function findIndicatorsByTasks(db: Db, taskIds: readonly string[]): Promise<(IndicatorRow & { taskId: string })[]> {
  const r = await sql<IndicatorRow & { taskId: string }>`
    select it.task_id as "taskId", ${COLUMNS} from indicator_task it join indicator i on i.id = it.indicator_id
    where it.task_id = any(${[...taskIds]}::text[]) order by it.task_id, i.ordinal`.execute(db);
  return r.rows;
}

export async function findTaskIdsByIndicators(db: Db, ids: readonly string[]): Promise<{ indicatorId: string; taskId: string }[]> {
  const r = await sql<{ indicatorId: string; taskId: string }>`
    select it.indicator_id as "indicatorId", it.task_id as "taskId" from indicator_task it join task t on t.id = it.task_id
    where it.indicator_id = any(${[...ids]}::text[]) order by it.indicator_id, it.ordinal, t.ordinal, t.id`.execute(db);
  return r.rows;
}

const VALUE_COLUMNS = sql`v.id::text as id, v.indicator_id as "indicatorId", v.place_id as "placeId", v.year, v.value, v.source,
  v.recorded_by::text as "recordedBy", v.recorded_at as "recordedAt",
  v.review, v.reviewed_by::text as "reviewedBy", v.reviewed_at as "reviewedAt", v.review_note as "reviewNote"`;

/**
 * Values for (indicator, place) pairs: for each year the latest APPROVED recording wins
 * (values are append-only; a correction is a newer row). Figures waiting for review or
 * returned never count, for any reader (as only approved reports set a task's status).
 */
export async function findValues(
  db: Db,
  filter: { indicatorIds?: string[] | null; placeIds?: string[] | null; fromYear?: number | null; toYear?: number | null },
): Promise<IndicatorValueRow[]> {
  const ids = (list: string[] | null | undefined) => (list ? sql`${list}::text[]` : null);
  const r = await valuesSql({ ...filter, indicatorIds: ids(filter.indicatorIds), placeIds: ids(filter.placeIds) }).execute(db);
  return r.rows;
}

/**
 * findValues' statement, the ids given as text[] expressions (the SQL executor composes it into
 * its own statement, with the ids of the rows it is building); null: any.
 */
export function valuesSql(filter: {
  indicatorIds?: RawBuilder<unknown> | null;
  placeIds?: RawBuilder<unknown> | null;
  fromYear?: number | null;
  toYear?: number | null;
}): RawBuilder<IndicatorValueRow> {
  return sql<IndicatorValueRow>`
    select * from (
      select distinct on (v.indicator_id, v.place_id, v.year) ${VALUE_COLUMNS}
      from indicator_value v
      where v.review = 'APPROVED'
        ${filter.indicatorIds ? sql`and v.indicator_id = any(${filter.indicatorIds})` : sql``}
        ${filter.placeIds ? sql`and v.place_id = any(${filter.placeIds})` : sql``}
        ${filter.fromYear != null ? sql`and v.year >= ${filter.fromYear}` : sql``}
        ${filter.toYear != null ? sql`and v.year <= ${filter.toYear}` : sql``}
      order by v.indicator_id, v.place_id, v.year, v.recorded_at desc, v.id desc
    ) x order by "indicatorId", "placeId", year`;
}

export async function insertValue(
  db: Db,
  row: { indicatorId: string; placeId: string; year: number; value: number; source: string; recordedBy: string; approved: boolean },
): Promise<IndicatorValueRow> {
  const review = row.approved ? "APPROVED" : "SUBMITTED";
  const r = await sql<IndicatorValueRow>`
    insert into indicator_value as v (indicator_id, place_id, year, value, source, recorded_by, review, reviewed_by, reviewed_at)
    values (${row.indicatorId}, ${row.placeId}, ${row.year}, ${row.value}, ${row.source}, ${row.recordedBy}::bigint, ${review},
      ${row.approved ? sql`${row.recordedBy}::bigint` : sql`null`}, ${row.approved ? sql`now()` : sql`null`})
    returning ${VALUE_COLUMNS}`.execute(db);
  return r.rows[0];
}

/** One recording, locked for a review decision; null when there is none. */
export async function lockValue(db: Db, id: string): Promise<IndicatorValueRow | null> {
  const r = await sql<IndicatorValueRow>`select ${VALUE_COLUMNS} from indicator_value v where v.id = ${id}::bigint for update`.execute(db);
  return r.rows[0] ?? null;
}

export async function setValueReview(db: Db, id: string, review: "APPROVED" | "RETURNED", reviewerId: string, note: string | null): Promise<IndicatorValueRow> {
  const r = await sql<IndicatorValueRow>`
    update indicator_value v set review = ${review}, reviewed_by = ${reviewerId}::bigint, reviewed_at = now(), review_note = ${note}
    where v.id = ${id}::bigint returning ${VALUE_COLUMNS}`.execute(db);
  return r.rows[0];
}

/**
 * Every recording (not only the latest per year), newest first, that the viewer may see:
 * APPROVED ones for everybody; those waiting for review or returned only for planners and
 * for whoever recorded them (as progress reports). Anonymous users and viewers: APPROVED only.
 */
export async function findValueRecords(
  db: Db,
  viewer: SessionUser | null,
  filter: { indicatorId: string | null; placeId: string | null; review: string | null; first: number },
): Promise<IndicatorValueRow[]> {
  const visible =
    !viewer || viewer.role === "VIEWER"
      ? sql`v.review = 'APPROVED'`
      : viewer.role === "PLANNER"
        ? sql`true`
        : sql`(v.review = 'APPROVED' or v.recorded_by = ${viewer.id}::bigint)`;
  const r = await sql<IndicatorValueRow>`
    select ${VALUE_COLUMNS} from indicator_value v
    where ${visible}
      ${filter.indicatorId ? sql`and v.indicator_id = ${filter.indicatorId}` : sql``}
      ${filter.placeId ? sql`and v.place_id = ${filter.placeId}` : sql``}
      ${filter.review ? sql`and v.review = ${filter.review}` : sql``}
    order by v.recorded_at desc, v.id desc
    limit ${filter.first}`.execute(db);
  return r.rows;
}
