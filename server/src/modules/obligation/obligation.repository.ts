/** All SQL about obligation rows: lookups, own states, targets, pages and the annual assessment. */
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../../db/database.ts";
import { anyText } from "../../db/any-of.ts";
import { enumArray } from "../../db/sql-literals.ts";
import type { TaskKind, TaskStatus } from "../../core/enums.ts";
import { DUE_YEAR, obligationStatusAsOf } from "../task/task.repository.ts";
import { PLACE_COLUMNS } from "../place/place.repository.ts";
import type { PlaceRow } from "../place/place.type.ts";

/** An obligation row's key: the task and the place that must act. */
export interface ObligationKey {
  taskId: string;
  placeId: string;
}

export interface ObligationDbRow extends ObligationKey {
  id: string;
  active: boolean;
}

export interface ObligationStateRow extends ObligationKey {
  status: TaskStatus;
  progress: number | null;
}

export interface TargetRow extends ObligationKey {
  year: number;
  progress: number;
}

function keyArrays(keys: readonly ObligationKey[]): RawBuilder<unknown> {
  return sql`unnest(${keys.map((k) => k.taskId)}::text[], ${keys.map((k) => k.placeId)}::text[]) k(task_id, place_id)`;
}

export async function findObligationsByKeys(db: Db, keys: readonly ObligationKey[]): Promise<ObligationDbRow[]> {
  const r = await sql<ObligationDbRow>`
    select o.id::text, o.task_id as "taskId", o.place_id as "placeId", o.active
    from ${keyArrays(keys)} join obligation o on o.task_id = k.task_id and o.place_id = k.place_id`.execute(db);
  return r.rows;
}

/** Each task's active obligations, the city's first, then in gazetteer order; with the place's row. */
export async function findObligationsByTasks(
  db: Db,
  taskIds: readonly string[],
): Promise<(ObligationKey & { place: PlaceRow })[]> {
  const r = await sql<ObligationKey & { place: PlaceRow }>`
    select o.task_id as "taskId", o.place_id as "placeId", (select row_to_json(x) from (select ${PLACE_COLUMNS}) x) as place
    from obligation o join place p on p.id = o.place_id
    where o.task_id = any(${[...taskIds]}::text[]) and o.active
    order by o.task_id, p.kind = 'CITY' desc, p.ordinal`.execute(db);
  return r.rows;
}

/**
 * The places of the task `taskId`'s (SQL) active obligations, in findObligationsByTasks' order
 * (sort by city desc, ordinal): columns place_id, city, ordinal. For the SQL executor (Task.obligations).
 */
export function taskObligationPlacesSql(taskId: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`select tob_o.place_id, tob_p.kind = 'CITY' as city, tob_p.ordinal
    from obligation tob_o join place tob_p on tob_p.id = tob_o.place_id
    where tob_o.task_id = ${taskId} and tob_o.active`;
}

/** Own status and progress of obligations as of an instant (NOT_STARTED, null when no approved report). */
export async function findObligationStates(
  db: Db,
  keys: readonly ObligationKey[],
  asOf: Date,
): Promise<ObligationStateRow[]> {
  const r = await sql<ObligationStateRow>`
    select k.task_id as "taskId", k.place_id as "placeId", coalesce(s.status, 'NOT_STARTED') as status, s.progress
    from ${keyArrays(keys)} left join obligation o on o.task_id = k.task_id and o.place_id = k.place_id
    left join lateral ${obligationStatusAsOf(sql.ref("o.id"), asOf)} s on true`.execute(db);
  return r.rows;
}

export async function findTargets(db: Db, keys: readonly ObligationKey[]): Promise<TargetRow[]> {
  const r = await sql<TargetRow>`
    select o.task_id as "taskId", o.place_id as "placeId", ot.year, ot.progress
    from ${keyArrays(keys)} join obligation o on o.task_id = k.task_id and o.place_id = k.place_id
    join obligation_target ot on ot.obligation_id = o.id
    order by o.task_id, o.place_id, ot.year`.execute(db);
  return r.rows;
}

/** Replaces an obligation's targets (the caller validated them and holds the transaction). */
export async function replaceTargets(
  db: Db,
  obligationId: string,
  targets: { year: number; progress: number }[],
  userId: string,
): Promise<void> {
  await db.deleteFrom("obligation_target").where("obligation_id", "=", obligationId).execute();
  if (targets.length === 0) return;
  await db
    .insertInto("obligation_target")
    .values(targets.map((t) => ({ obligation_id: obligationId, year: t.year, progress: t.progress, set_by: userId })))
    .execute();
}

/** A validated Query.obligations filter and page. */
export interface ObligationQuery {
  placeIds: string[] | null;
  includeContained: boolean;
  taskIds: string[] | null;
  kinds: TaskKind[] | null;
  statuses: TaskStatus[] | null;
  asOf: Date;
  dueYear: number | null;
  behindTarget: boolean;
  first: number;
  /** the sort key of the last row seen: plan ordinal, task ordinal, place ordinal, obligation id */
  after: [number, number, number, number] | null;
}

export interface ObligationPageRow extends ObligationKey {
  k1: number;
  k2: number;
  k3: number;
  k4: number;
  totalCount: number;
}

/**
 * The progress obligation `o` was expected to reach by the end of the year of `asOf` (its
 * target for that year, else the latest earlier one; none before the first): for behindTarget.
 */
function expectedBy(asOf: Date): RawBuilder<unknown> {
  return sql`(select ot.progress from obligation_target ot where ot.obligation_id = o.id and ot.year <= extract(year from ${asOf}::timestamptz)::int
    order by ot.year desc limit 1)`;
}

/** One page of active obligations in plan order (task, then place) and the total, in one statement. */
export async function findObligationPage(db: Db, q: ObligationQuery): Promise<ObligationPageRow[]> {
  const r = await obligationPageSql(q).execute(db);
  return r.rows.map((row) => ({
    ...row,
    k1: Number(row.k1),
    k2: Number(row.k2),
    k3: Number(row.k3),
    k4: Number(row.k4),
  }));
}

/**
 * findObligationPage's statement: the page's first + 1 rows after the cursor, in order of (k1, k2,
 * k3, k4), each with the count of every match. The SQL executor nests it (Query.obligations).
 */
export function obligationPageSql(q: ObligationQuery): RawBuilder<ObligationPageRow> {
  const where: RawBuilder<unknown>[] = [sql`o.active`];
  if (q.placeIds) {
    where.push(
      q.includeContained
        ? sql`(o.place_id = any(${q.placeIds}::text[]) or exists (select 1 from place_containment c where c.outer_id = any(${q.placeIds}::text[]) and c.inner_id = o.place_id))`
        : sql`o.place_id = any(${q.placeIds}::text[])`,
    );
  }
  if (q.taskIds) where.push(sql`o.task_id = any(${q.taskIds}::text[])`);
  if (q.kinds) where.push(sql`t.kind = any(${enumArray(q.kinds)})`);
  if (q.statuses) where.push(sql`coalesce(s.status, 'NOT_STARTED') = any(${enumArray(q.statuses)})`);
  if (q.dueYear !== null) where.push(sql`${DUE_YEAR} = ${q.dueYear}::int`);
  if (q.behindTarget) where.push(sql`coalesce(s.progress, 0) < ${expectedBy(q.asOf)}`);
  const after = q.after
    ? sql`where (k1, k2, k3, k4) > (${q.after[0]}::int, ${q.after[1]}::int, ${q.after[2]}::int, ${q.after[3]}::bigint)`
    : sql``;
  // a page's limit (at most 101) in the text, as taskPageSql's: one generic plan
  return sql<ObligationPageRow>`
    with matched as (
      select o.task_id as "taskId", o.place_id as "placeId", pl.ordinal as k1, t.ordinal as k2, p.ordinal as k3, o.id as k4
      from obligation o join task t on t.id = o.task_id join plan pl on pl.id = t.plan_id join place p on p.id = o.place_id
      ${q.statuses || q.behindTarget ? sql`left join lateral ${obligationStatusAsOf(sql.ref("o.id"), q.asOf)} s on true` : sql``}
      where ${sql.join(where, sql` and `)}
    )
    select m.*, (select count(*)::int from matched) as "totalCount" from matched m ${after}
    order by k1, k2, k3, k4 limit ${sql.lit(q.first + 1)}`;
}

/** The figures of one area's assessment for one year. */
export interface AssessmentFigures {
  obligations: number;
  due: number;
  met: number;
  metLate: number;
  delayed: number;
  notReported: number;
}

export interface AssessmentRow extends AssessmentFigures {
  placeId: string;
  finalizedAt: Date | null;
  finalizedBy: string | null;
  note: string | null;
}

/**
 * The assessment of each place for a year, computed in one statement. A place's obligations are
 * its active obligation rows (zones' inside a county are the county's rows too). Per obligation:
 * target = its target for the year, or 100 when it has no targets and its task falls due that
 * year; it is due when it has one. Judged with its approved reports:
 * met = due and its approved progress as of 31 December of the year (a COMPLETED status counts
 * as 100) reaches the target; metLate = due, not met by then, and reaching it now (any later
 * approved report, as known now); delayed = due, not met, and its status at the year's end is
 * DELAYED or AT_RISK; notReported = due with no approved report dated by the year's end.
 * The finalized rows are read as frozen (assessment_finalization.figures), not computed. Each place
 * once, however often it is asked for.
 */
export async function findAssessments(db: Db, placeIds: readonly string[], year: number): Promise<AssessmentRow[]> {
  const r = await assessmentsSql(sql`${[...placeIds]}::text[]`, year).execute(db);
  return r.rows;
}

/**
 * findAssessments' statement for the places of `placeIds` (SQL: a text[]), one row per place
 * (the SQL executor embeds it).
 */
export function assessmentsSql(placeIds: RawBuilder<unknown>, year: number): RawBuilder<AssessmentRow> {
  const yearEnd = new Date(Date.UTC(year, 11, 31, 15, 59, 59)); // 23:59:59 on 31 December in China
  return sql<AssessmentRow>`
    with target(place_id) as (select distinct unnest(${placeIds})),
    ob as (
      select g.place_id, o.id,
        coalesce((select ot.progress from obligation_target ot where ot.obligation_id = o.id and ot.year = ${year}::int),
          case when not exists (select 1 from obligation_target ot where ot.obligation_id = o.id) and t.due_year = ${year}::int then 100 end) as goal
      from target g join obligation o on o.place_id = g.place_id and o.active join task t on t.id = o.task_id
    ),
    judged as (
      select ob.place_id, ob.goal, e.status as end_status,
        case when e.status = 'COMPLETED' then 100 else e.progress end as end_progress,
        case when n.status = 'COMPLETED' then 100 else n.progress end as now_progress
      from ob
      left join lateral ${obligationStatusAsOf(sql.ref("ob.id"), yearEnd)} e on true
      left join lateral ${obligationStatusAsOf(sql.ref("ob.id"), new Date(Date.UTC(9999, 0, 1)))} n on true
    ),
    live as (
      select g.place_id,
        count(j.place_id)::int as obligations,
        count(j.goal)::int as due,
        count(*) filter (where j.goal is not null and coalesce(j.end_progress, -1) >= j.goal)::int as met,
        count(*) filter (where j.goal is not null and coalesce(j.end_progress, -1) < j.goal and coalesce(j.now_progress, -1) >= j.goal)::int as "metLate",
        count(*) filter (where j.goal is not null and coalesce(j.end_progress, -1) < j.goal and j.end_status in ('DELAYED', 'AT_RISK'))::int as delayed,
        count(*) filter (where j.goal is not null and j.end_status is null)::int as "notReported"
      from target g left join judged j on j.place_id = g.place_id
      group by g.place_id
    )
    select l.place_id as "placeId",
      coalesce((f.figures->>'obligations')::int, l.obligations) as obligations,
      coalesce((f.figures->>'due')::int, l.due) as due,
      coalesce((f.figures->>'met')::int, l.met) as met,
      coalesce((f.figures->>'metLate')::int, l."metLate") as "metLate",
      coalesce((f.figures->>'delayed')::int, l.delayed) as delayed,
      coalesce((f.figures->>'notReported')::int, l."notReported") as "notReported",
      f.finalized_at as "finalizedAt", f.finalized_by::text as "finalizedBy", f.note
    from live l left join assessment_finalization f on f.place_id = l.place_id and f.year = ${year}::int`;
}

/** Appends a finalization; false when the year of that place is already finalized. */
export async function insertFinalization(
  db: Db,
  row: { placeId: string; year: number; figures: AssessmentFigures; note: string | null; userId: string },
): Promise<boolean> {
  const inserted = await db
    .insertInto("assessment_finalization")
    .values({
      place_id: row.placeId,
      year: row.year,
      figures: JSON.stringify(row.figures),
      note: row.note,
      finalized_by: row.userId,
    })
    .onConflict((oc) => oc.columns(["place_id", "year"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The county-level units and zones, the places the assessment is for, in gazetteer order. */
export async function findAssessedPlaceIds(db: Db): Promise<string[]> {
  const r = await sql<{ ids: string[] }>`select ${ASSESSED_PLACE_IDS} as ids`.execute(db);
  return r.rows[0].ids;
}

/** findAssessedPlaceIds' ids as SQL: a text[] in gazetteer order (the SQL executor embeds it). */
export const ASSESSED_PLACE_IDS: RawBuilder<string[]> = sql<string[]>`array(
  select id from place where kind in ('DISTRICT', 'COUNTY', 'COUNTY_CITY', 'DEVELOPMENT_ZONE', 'BONDED_ZONE', 'NEW_DISTRICT')
  order by ordinal, id)`;

/** Which of these ids are places (or tasks). */
export async function findExistingIds(db: Db, table: "place" | "task", ids: readonly string[]): Promise<Set<string>> {
  const rows = await db.selectFrom(table).select("id").where("id", "=", anyText(ids)).execute();
  return new Set(rows.map((x) => x.id));
}

/** The period of the plan a task belongs to; undefined when there is no such task. */
export async function findPlanPeriodOfTask(
  db: Db,
  taskId: string,
): Promise<{ periodStart: number; periodEnd: number } | undefined> {
  return db
    .selectFrom("task as t")
    .innerJoin("plan as pl", "pl.id", "t.plan_id")
    .select(["pl.period_start as periodStart", "pl.period_end as periodEnd"])
    .where("t.id", "=", taskId)
    .executeTakeFirst();
}

/** Holds one area's finalization of one year until the transaction ends: a second one waits, then finds the first. */
export async function lockAssessment(trx: Db, placeId: string, year: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`assessment:${placeId}:${year}`}))`.execute(trx);
}
