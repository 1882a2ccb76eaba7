/** All SQL about indicators and their recorded values. */
import { sql, type ExpressionBuilder, type Insertable, type RawBuilder } from "kysely";
import type { Db, Tables } from "../../db/database.ts";
import { anyText } from "../../db/any-of.ts";
import type { Indicator, IndicatorTask } from "../../db/schema.ts";
import type { SessionUser } from "../../core/actor.ts";
import type { Comparator, ReviewState } from "../../core/enums.ts";
import type { IndicatorRow, IndicatorValueRow } from "./indicator.type.ts";

/** Indicator `i`'s columns as IndicatorRow. */
const columns = (eb: ExpressionBuilder<Tables<"indicator", "i">, "i">) =>
  [
    "i.id",
    "i.plan_id as planId",
    "i.name_hans as nameHans",
    "i.name_hant as nameHant",
    "i.name_en as nameEn",
    "i.unit",
    eb.ref("i.comparator").$castTo<Comparator>().as("comparator"),
    "i.target",
    "i.stretch_target as stretchTarget",
    "i.base_year as baseYear",
    "i.target_year as targetYear",
    "i.scope_place_id as scopePlaceId",
    "i.span_start as spanStart",
    "i.span_end as spanEnd",
  ] as const;

export async function listIndicators(db: Db, planId: string | null): Promise<IndicatorRow[]> {
  return db
    .selectFrom("indicator as i")
    .innerJoin("plan as pl", "pl.id", "i.plan_id")
    .select(columns)
    .$if(!!planId, (q) => q.where("i.plan_id", "=", planId!))
    .orderBy("pl.ordinal")
    .orderBy("i.ordinal")
    .execute();
}

/** The indicators of each plan, in plan order: Plan.indicators of a whole plan list in one statement. */
export async function findIndicatorsByPlans(db: Db, planIds: readonly string[]): Promise<IndicatorRow[]> {
  return db
    .selectFrom("indicator as i")
    .select(columns)
    .where("i.plan_id", "=", anyText(planIds))
    .orderBy("i.plan_id")
    .orderBy("i.ordinal")
    .execute();
}

export async function findIndicatorsByIds(db: Db, ids: readonly string[]): Promise<IndicatorRow[]> {
  return db.selectFrom("indicator as i").select(columns).where("i.id", "=", anyText(ids)).execute();
}

export async function findIndicatorsByTasks(
  db: Db,
  taskIds: readonly string[],
): Promise<(IndicatorRow & { taskId: string })[]> {
  return db
    .selectFrom("indicator_task as it")
    .innerJoin("indicator as i", "i.id", "it.indicator_id")
    .select("it.task_id as taskId")
    .select(columns)
    .where("it.task_id", "=", anyText(taskIds))
    .orderBy("it.task_id")
    .orderBy("i.ordinal")
    .execute();
}

export async function findTaskIdsByIndicators(
  db: Db,
  ids: readonly string[],
): Promise<{ indicatorId: string; taskId: string }[]> {
  return db
    .selectFrom("indicator_task as it")
    .innerJoin("task as t", "t.id", "it.task_id")
    .select(["it.indicator_id as indicatorId", "it.task_id as taskId"])
    .where("it.indicator_id", "=", anyText(ids))
    .orderBy("it.indicator_id")
    .orderBy("it.ordinal")
    .orderBy("t.ordinal")
    .orderBy("t.id")
    .execute();
}

/** Recording `v`'s columns as IndicatorValueRow (ids as text: the drivers read bigints differently). */
const valueColumns = (eb: ExpressionBuilder<Tables<"indicator_value", "v">, "v">) =>
  [
    eb.cast<string>("v.id", "text").as("id"),
    "v.indicator_id as indicatorId",
    "v.place_id as placeId",
    "v.year",
    "v.value",
    "v.source",
    eb.cast<string | null>("v.recorded_by", "text").as("recordedBy"),
    "v.recorded_at as recordedAt",
    eb.ref("v.review").$castTo<ReviewState>().as("review"),
    eb.cast<string | null>("v.reviewed_by", "text").as("reviewedBy"),
    "v.reviewed_at as reviewedAt",
    "v.review_note as reviewNote",
  ] as const;

/**
 * valueColumns for valuesSql, which the SQL executor composes into its own statements: an sql
 * fragment there, so the list is written twice (keep them alike).
 */
const VALUE_COLUMNS_SQL = sql`v.id::text as id, v.indicator_id as "indicatorId", v.place_id as "placeId", v.year, v.value, v.source,
  v.recorded_by::text as "recordedBy", v.recorded_at as "recordedAt",
  v.review, v.reviewed_by::text as "reviewedBy", v.reviewed_at as "reviewedAt", v.review_note as "reviewNote"`;

/**
 * Values for (indicator, place) pairs: for each year the latest APPROVED recording wins
 * (values are append-only; a correction is a newer row). Figures waiting for review or
 * returned never count, for any reader (as only approved reports set a task's status).
 */
export async function findValues(
  db: Db,
  filter: {
    indicatorIds?: string[] | null;
    placeIds?: string[] | null;
    fromYear?: number | null;
    toYear?: number | null;
  },
): Promise<IndicatorValueRow[]> {
  const ids = (list: string[] | null | undefined) => (list ? sql`${list}::text[]` : null);
  const r = await valuesSql({
    ...filter,
    indicatorIds: ids(filter.indicatorIds),
    placeIds: ids(filter.placeIds),
  }).execute(db);
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
      select distinct on (v.indicator_id, v.place_id, v.year) ${VALUE_COLUMNS_SQL}
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
  row: {
    indicatorId: string;
    placeId: string;
    year: number;
    value: number;
    source: string;
    recordedBy: string;
    approved: boolean;
  },
): Promise<IndicatorValueRow> {
  // inserted in a CTE named like the other statements' alias, so that it returns the same columns
  return db
    .with("v", (w) =>
      w
        .insertInto("indicator_value")
        .values({
          indicator_id: row.indicatorId,
          place_id: row.placeId,
          year: row.year,
          value: row.value,
          source: row.source,
          recorded_by: row.recordedBy,
          review: row.approved ? "APPROVED" : "SUBMITTED",
          reviewed_by: row.approved ? row.recordedBy : null,
          reviewed_at: row.approved ? sql<Date>`now()` : null,
        })
        .returningAll(),
    )
    .selectFrom("v")
    .select(valueColumns)
    .executeTakeFirstOrThrow();
}

/** One recording, locked for a review decision; null when there is none. */
export async function lockValue(db: Db, id: string): Promise<IndicatorValueRow | null> {
  return (
    (await db
      .selectFrom("indicator_value as v")
      .select(valueColumns)
      .where("v.id", "=", id)
      .forUpdate()
      .executeTakeFirst()) ?? null
  );
}

export async function setValueReview(
  db: Db,
  id: string,
  review: "APPROVED" | "RETURNED",
  reviewerId: string,
  note: string | null,
): Promise<IndicatorValueRow> {
  return db
    .updateTable("indicator_value as v")
    .set({ review, reviewed_by: reviewerId, reviewed_at: sql<Date>`now()`, review_note: note })
    .where("v.id", "=", id)
    .returning(valueColumns)
    .executeTakeFirstOrThrow();
}

/**
 * Every recording (not only the latest per year), newest first, that the viewer may see:
 * APPROVED ones for everybody; those waiting for review or returned only for planners and
 * for whoever recorded them (as progress reports). Anonymous users and viewers: APPROVED only.
 */
export async function findValueRecords(
  db: Db,
  viewer: SessionUser | null,
  filter: ValueRecordFilter,
): Promise<IndicatorValueRow[]> {
  const r = await valueRecordsSql(viewer, filter).execute(db);
  return r.rows;
}

export interface ValueRecordFilter {
  indicatorId: string | null;
  placeId: string | null;
  review: string | null;
  first: number;
}

/**
 * findValueRecords' statement (VALUE_COLUMNS_SQL of each, newest first), which the SQL executor
 * composes into its own (Query.indicatorValueRecords); the viewer's id is a parameter.
 */
export function valueRecordsSql(viewer: SessionUser | null, filter: ValueRecordFilter): RawBuilder<IndicatorValueRow> {
  const conditions: RawBuilder<unknown>[] = [];
  if (!viewer || viewer.role === "VIEWER") conditions.push(sql`v.review = 'APPROVED'`);
  else if (viewer.role !== "PLANNER")
    conditions.push(sql`(v.review = 'APPROVED' or v.recorded_by = ${viewer.id}::bigint)`);
  if (filter.indicatorId) conditions.push(sql`v.indicator_id = ${filter.indicatorId}`);
  if (filter.placeId) conditions.push(sql`v.place_id = ${filter.placeId}`);
  if (filter.review) conditions.push(sql`v.review = ${filter.review}`);
  return sql<IndicatorValueRow>`select ${VALUE_COLUMNS_SQL} from indicator_value v
    ${conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``}
    order by v.recorded_at desc, v.id desc
    limit ${filter.first}`;
}

/** An indicator as an import writes it, without its plan. */
export type IndicatorWrite = Omit<Insertable<Indicator>, "plan_id">;

/** Inserts or updates a plan's indicators (their recorded values are another table, never touched). */
export async function upsertIndicators(trx: Db, planId: string, rows: IndicatorWrite[]): Promise<void> {
  await sql`
    insert into indicator (id, plan_id, ordinal, name_hant, name_hans, name_en, unit, comparator, target, stretch_target, base_year, target_year,
      scope_place_id, span_start, span_end)
    select r.id, ${planId}, r.ordinal, r.name_hant, r.name_hans, r.name_en, r.unit, r.comparator, r.target, r.stretch_target, r.base_year,
      r.target_year, r.scope_place_id, r.span_start, r.span_end
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id text, ordinal int, name_hant text, name_hans text, name_en text, unit text,
      comparator text, target float8, stretch_target float8, base_year int, target_year int, scope_place_id text, span_start int, span_end int)
    on conflict (id) do update set plan_id = excluded.plan_id, ordinal = excluded.ordinal, name_hant = excluded.name_hant, name_hans = excluded.name_hans,
      name_en = excluded.name_en, unit = excluded.unit, comparator = excluded.comparator, target = excluded.target, stretch_target = excluded.stretch_target,
      base_year = excluded.base_year, target_year = excluded.target_year, scope_place_id = excluded.scope_place_id, span_start = excluded.span_start,
      span_end = excluded.span_end`.execute(trx);
}

/** Replaces the tasks these indicators measure. */
export async function replaceIndicatorTasks(
  trx: Db,
  indicatorIds: string[],
  rows: Insertable<IndicatorTask>[],
): Promise<void> {
  await trx.deleteFrom("indicator_task").where("indicator_id", "=", anyText(indicatorIds)).execute();
  await sql`
    insert into indicator_task (indicator_id, task_id, ordinal)
    select r.indicator_id, r.task_id, r.ordinal
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(indicator_id text, task_id text, ordinal int)
    on conflict do nothing`.execute(trx);
}
