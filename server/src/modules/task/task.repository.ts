/** All SQL about tasks, their leads, place links and statuses. */
import { sql, type Insertable, type RawBuilder } from "kysely";
import type { Db } from "../../db/database.ts";
import type { Task, TaskLead, TaskPlace } from "../../db/schema.ts";
import { anyText } from "../../db/any-of.ts";
import { limitTo } from "../../db/loader-utils.ts";
import { enumArray } from "../../db/sql-literals.ts";
import { Script, TaskOrder, type TaskKind, type TaskStatus } from "../../core/enums.ts";
import { MAX_PAGE_SIZE } from "../../core/paging.ts";
import { distanceTo, linkCondition, type Spatial } from "../spatial/spatial-filter.ts";
import { PLACE_COLUMNS, roleOrder } from "../place/place.repository.ts";
import type { PlaceRow, StatusSummary } from "../place/place.type.ts";
import type { TaskPlaceRow, TaskRow } from "./task.type.ts";
import { allWordsMatch } from "../search/search.repository.ts";

export const TASK_COLUMNS = sql`t.id, t.plan_id as "planId", t.kind, t.number, t.ref, t.section_id as "sectionId", t.ordinal,
  t.title_hans as "titleHans", t.title_hant as "titleHant", t.title_en as "titleEn", t.text_hans as "textHans", t.text_hant as "textHant",
  t.span_start as "spanStart", t.span_end as "spanEnd", t.due_year as "dueYear"`;

/** A validated task query: attribute filters, location filter, order and page. */
export interface TaskQuery {
  /** a plan's id; or, for one page per plan in one statement (findTaskPagesByPlans), the SQL column holding it */
  planId: string | RawBuilder<unknown> | null;
  kinds: TaskKind[] | null;
  sectionIds: string[] | null;
  leadDepartmentIds: string[] | null;
  statuses: TaskStatus[] | null;
  asOf: Date;
  /** already in simplified script */
  text: string | null;
  spatial: Spatial | null;
  orderBy: TaskOrder;
  first: number;
  /** decoded cursor: the sort key of the last row seen */
  after: (number | string)[] | null;
  /** count every match as well (default true); false when the client did not ask for totalCount */
  withTotal?: boolean;
}

export interface TaskPageRow extends TaskRow {
  sortKey: (number | string)[];
  totalCount: number;
}

/**
 * The date a report must describe, at the latest, to count as of an instant: the instant's
 * calendar day in China (UTC+8), where the plan's dates are.
 */
export function dayOf(asOf: Date): string {
  const day = new Date(asOf.getTime() + 8 * 3600_000);
  // the DateTime scalar allows instants up to 9999-12-31T23:59:59Z, whose day in China lies in
  // year 10000 (toISOString writes "+010000-01-01"): every report is on or before it anyway
  return day.getUTCFullYear() > 9999 ? "9999-12-31" : day.toISOString().slice(0, 10);
}

/**
 * One obligation's own state as of an instant: its latest APPROVED report (not one on a project)
 * whose described date (as_of) is on or before the instant's day, whenever it was filed or
 * approved; of several on that day, the last filed. Columns status, progress; no row when there is none.
 *
 * Found in two short walks of progress_report_obligation (obligation_id, as_of), whatever the
 * number of reports the obligation has: its latest day with an approved report (backwards from
 * the instant's day, stopping at the first approved one), then that day's reports. A single
 * `order by as_of desc, created_at desc, id desc limit 1` must read and sort every report up to
 * the day, since the index does not hold the tie-breakers: an obligation reported on many times
 * cost as many lookups as it had reports.
 */
export function obligationStatusAsOf(obligationId: RawBuilder<unknown>, asOf: Date): RawBuilder<unknown> {
  const approved = (r: string) =>
    sql`exists (select 1 from report_review v where v.report_id = ${sql.ref(`${r}.id`)} and v.decision = 'APPROVE')`;
  return sql`(
    select r.status, r.progress from progress_report r
    where r.obligation_id = ${obligationId} and r.project_id is null and ${approved("r")}
      and r.as_of = (
        select d.as_of from progress_report d
        where d.obligation_id = ${obligationId} and d.project_id is null and d.as_of <= ${dayOf(asOf)}::date and ${approved("d")}
        order by d.as_of desc limit 1)
    order by r.created_at desc, r.id desc limit 1)`;
}

/** The due year of the obligation `obligationId` (SQL) of a task due in `taskDueYear` (SQL): its last target year, else the task's. */
export function dueYearOf(obligationId: RawBuilder<unknown>, taskDueYear: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`coalesce((select max(ot.year) from obligation_target ot where ot.obligation_id = ${obligationId}), ${taskDueYear})`;
}

/** The due year of obligation `o` of task `t`. */
export const DUE_YEAR = dueYearOf(sql.ref("o.id"), sql.ref("t.due_year"));

/**
 * A task's status and progress as of an instant: the roll-up of its active obligations' own
 * states (the contract's rule: COMPLETED only when every obligation is; DELAYED when any is;
 * else AT_RISK when any is; else IN_PROGRESS when any has started; else NOT_STARTED), and the
 * mean of their progress with an obligation that has no approved report, or none with a figure,
 * counting 0 (null when none has a report). Columns status, progress, reported.
 */
export function statusAsOf(taskId: RawBuilder<unknown>, asOf: Date): RawBuilder<unknown> {
  return sql`(
    select case
        when count(*) > 0 and bool_and(x.status is not distinct from 'COMPLETED') then 'COMPLETED'
        when bool_or(x.status = 'DELAYED') then 'DELAYED'
        when bool_or(x.status = 'AT_RISK') then 'AT_RISK'
        when bool_or(x.status in ('IN_PROGRESS', 'COMPLETED')) then 'IN_PROGRESS'
        else 'NOT_STARTED' end as status,
      case when count(x.status) > 0 then avg(coalesce(x.progress, 0))::float8 end as progress
    from obligation o left join lateral ${obligationStatusAsOf(sql.ref("o.id"), asOf)} x on true
    where o.task_id = ${taskId} and o.active)`;
}

/**
 * The status of the report row `s` joined from statusAsOf (or projectStatusAsOf): a task or
 * project with no approved report is NOT_STARTED.
 */
export const STATUS_OR_NOT_STARTED = sql<TaskStatus>`coalesce(s.status, 'NOT_STARTED')`;

/** Conditions on the task row `t` (and its status `s`) for the attribute filters. */
export function taskConditions(q: Omit<TaskQuery, "orderBy" | "first" | "after">): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [];
  if (q.planId) where.push(sql`t.plan_id = ${q.planId}`);
  if (q.kinds) where.push(sql`t.kind = any(${enumArray(q.kinds)})`);
  if (q.sectionIds) {
    // a section matches its own tasks and those of its subsections ("5" holds "5.2")
    where.push(
      sql`(t.section_id = any(${q.sectionIds}::text[]) or exists (select 1 from unnest(${q.sectionIds}::text[]) s(id) where t.section_id like s.id || '.%'))`,
    );
  }
  if (q.leadDepartmentIds)
    where.push(
      sql`exists (select 1 from task_lead l where l.task_id = t.id and l.department_id = any(${q.leadDepartmentIds}::text[]))`,
    );
  if (q.statuses && q.spatial?.placeIds) {
    // with a place filter, the places' own status: a task is COMPLETED in Gujiao when Gujiao's obligation is
    where.push(sql`exists (select 1 from obligation o left join lateral ${obligationStatusAsOf(sql.ref("o.id"), q.asOf)} x on true
      where o.task_id = t.id and o.active and o.place_id = any(${q.spatial.placeIds}::text[]) and coalesce(x.status, 'NOT_STARTED') = any(${enumArray(q.statuses)}))`);
  } else if (q.statuses) where.push(sql`${STATUS_OR_NOT_STARTED} = any(${enumArray(q.statuses)})`);
  if (q.text) {
    // every word in the title or the text (either language); or the task's id, whole
    const words = allWordsMatch(
      q.text,
      (pattern) => sql`t.title_hans ilike ${pattern} or t.text_hans ilike ${pattern} or t.title_en ilike ${pattern}`,
    );
    where.push(sql`(${words} or t.id = ${q.text})`);
  }
  if (q.spatial) {
    where.push(
      sql`exists (select 1 from task_place tp join place p on p.id = tp.place_id where tp.task_id = t.id and ${linkCondition(q.spatial, "p", sql.ref("tp.role"))})`,
    );
  }
  return where;
}

/** One page of tasks and the total, in one statement. */
export async function findTaskPage(db: Db, q: TaskQuery): Promise<TaskPageRow[]> {
  const r = await taskPageSql(q, q.first + 1).execute(db);
  return r.rows.map(pageRow);
}

/**
 * findTaskPage for each of several plans (the query's planId left aside), in one statement: each
 * plan's page is taskPageSql with that plan, laterally beside the others. Rows by plan id; a plan
 * with no row on its page is absent.
 */
export async function findTaskPagesByPlans(
  db: Db,
  planIds: readonly string[],
  q: Omit<TaskQuery, "planId">,
): Promise<Map<string, TaskPageRow[]>> {
  const page = taskPageSql({ ...q, planId: sql.ref("k.plan_id") }, q.first + 1);
  const r = await sql<PageSqlRow & { pageOf: string }>`
    select k.plan_id as "pageOf", p.* from unnest(${[...planIds]}::text[]) k(plan_id) cross join lateral (${page}) p
    order by k.plan_id, p.k1, p.k2, p.k3, p.id`.execute(db);
  const pages = new Map<string, TaskPageRow[]>();
  for (const { pageOf, ...row } of r.rows) {
    const rows = pages.get(pageOf) ?? [];
    pages.set(pageOf, rows);
    rows.push(pageRow(row));
  }
  return pages;
}

type PageSqlRow = TaskRow & { k1: number; k2: number; k3: number; totalCount: number };

function pageRow(row: PageSqlRow): TaskPageRow {
  const { k1, k2, k3, ...rest } = row;
  return { ...rest, sortKey: [Number(k1), Number(k2), Number(k3), row.id] };
}

/** The largest limit taskPageSql takes: a full page and the one row that says there are more. */
const PAGE_LIMIT_MAX = MAX_PAGE_SIZE + 1;

/**
 * The statement behind findTaskPage: at most `limit` matching task rows after the cursor, in
 * order of (k1, k2, k3, id), each with its sort key and (when q.withTotal) the count of all
 * matches. The SQL executor (graphql/sql-executor.ts) nests it to build a response in SQL.
 *
 * The limit (a page size, at most 101) is written into the text rather than passed as a
 * parameter: PostgreSQL plans a prepared statement's generic plan for a parameter limit as if it
 * kept a tenth of the rows, finds it dearer than each custom plan and so plans every execution
 * anew (~0.3 ms of the ~1.1 ms a page of 100 tasks with their places costs); with the limit in
 * the text it keeps one generic plan.
 */
export function taskPageSql(q: TaskQuery, limit: number, columns: "all" | "keys" = "all"): RawBuilder<PageSqlRow> {
  if (!Number.isSafeInteger(limit) || limit < 0 || limit > PAGE_LIMIT_MAX)
    throw new RangeError(`a page's limit must be an integer from 0 to ${PAGE_LIMIT_MAX}, got ${limit}`);
  const near = q.spatial?.near ?? null;
  const byDistance = q.orderBy === TaskOrder.DISTANCE && near !== null;
  // by distance, the spatial condition is the join with the near places below
  const where = taskConditions(byDistance ? { ...q, spatial: null } : q);
  const withTotal = q.withTotal ?? true;
  // the status of every matched task is needed only to filter or order by it
  const status =
    q.statuses || q.orderBy === TaskOrder.PROGRESS
      ? sql`left join lateral ${statusAsOf(sql.ref("t.id"), q.asOf)} s on true`
      : sql``;
  // "keys": only id, the sort keys and the total, for a caller that joins the task itself (the SQL executor);
  // the page's rows are then sorted narrow and read from covering indexes
  const selected = columns === "keys" ? sql`t.id` : TASK_COLUMNS;
  if (q.orderBy === TaskOrder.PLAN_ORDER && !q.spatial && !q.text)
    return planOrderPageSql(q, where, status, limit, selected, withTotal);
  let sortColumns: RawBuilder<unknown>;
  let nearPlaces = sql``;
  let from = sql`task t`;
  if (byDistance) {
    // from the places near the point, not from every task: each qualifying place's distance
    // once (geography distances to 500-vertex polygons are dear), then per task the least over
    // its links. linkCondition without a role is the place part of the spatial filter, and
    // role <> 'APPLIES' its link part (a near filter is geometric): the tasks are exactly those
    // taskConditions' spatial `exists` selects.
    nearPlaces = sql`near_place as materialized (
      select p.id, ${distanceTo(near, "p.geom")} as d from place p where ${linkCondition(q.spatial!, "p", null)}),
      near_task as (
      select tp.task_id, min(np.d) as d from task_place tp join near_place np on np.id = tp.place_id
      where tp.role <> 'APPLIES' group by tp.task_id),`;
    from = sql`near_task nt join task t on t.id = nt.task_id`;
    sortColumns = sql`nt.d as k1, pl.ordinal as k2, t.ordinal as k3`;
  } else if (q.orderBy === TaskOrder.PROGRESS) {
    sortColumns = sql`-coalesce(s.progress, -1)::float8 as k1, pl.ordinal as k2, t.ordinal as k3`;
  } else {
    sortColumns = sql`pl.ordinal as k1, t.ordinal as k2, 0 as k3`;
  }
  const after = q.after
    ? sql`where (k1, k2, k3, id) > (${q.after[0]}::float8, ${q.after[1]}::float8, ${q.after[2]}::float8, ${q.after[3]}::text)`
    : sql``;
  return sql<PageSqlRow>`
    with ${nearPlaces} matched as (
      select ${selected}, ${sortColumns}
      from ${from}
      join plan pl on pl.id = t.plan_id
      ${status}
      ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}
    )
    select m.*, ${withTotal ? sql`(select count(*)::int from matched)` : sql`null::int`} as "totalCount"
    from matched m ${after}
    order by k1, k2, k3, id
    limit ${sql.lit(limit)}`;
}

/**
 * taskPageSql in plan order without spatial or text filters (the map's and the API's
 * common first page): each plan's first rows come from the (plan_id, ordinal) index
 * instead of sorting every task, and the total, when asked for, is counted apart (one
 * count over the same conditions, not every matched task's row kept to count and sort
 * them: the map's task list at 100,000 tasks). Same rows, same order, same total.
 */
function planOrderPageSql(
  q: TaskQuery,
  where: RawBuilder<unknown>[],
  status: RawBuilder<unknown>,
  limit: number,
  selected: RawBuilder<unknown>,
  withTotal: boolean,
): RawBuilder<PageSqlRow> {
  const after = q.after
    ? sql`and (pl.ordinal, t.ordinal, 0, t.id) > (${q.after[0]}::float8, ${q.after[1]}::float8, ${q.after[2]}::float8, ${q.after[3]}::text)`
    : sql``;
  const total = withTotal
    ? sql`(select count(*)::int from task t join plan pl on pl.id = t.plan_id ${status}
        ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``})`
    : sql`null::int`;
  return sql<PageSqlRow>`
    select ${selected}, pl.ordinal as k1, t.ordinal as k2, 0 as k3, ${total} as "totalCount"
    from plan pl cross join lateral (
      select t.* from task t ${status}
      where t.plan_id = pl.id ${where.length ? sql`and ${sql.join(where, sql` and `)}` : sql``} ${after}
      order by t.ordinal, t.id
      limit ${sql.lit(limit)}
    ) t
    order by k1, k2, k3, id
    limit ${sql.lit(limit)}`;
}

/**
 * The tasks export's GeoJSON features (RFC 7946 objects built by PostgreSQL), one per task and
 * linked place and role, in plan order: each is that place's share of the task, with the place's
 * own status (v2), not the task's roll-up.
 */
export async function findTaskFeatures(
  db: Db,
  query: Omit<TaskQuery, "first" | "after">,
  script: Script,
): Promise<unknown[]> {
  const where = taskConditions(query);
  const hant = script === Script.HANT;
  const r = await sql<{ feature: unknown }>`
    select json_build_object('type', 'Feature', 'id', t.id || '@' || p.id || '@' || tp.role,
      'geometry', ST_AsGeoJSON(p.geom, 6)::json,
      'properties', json_build_object('taskId', t.id, 'kind', t.kind, 'ref', t.ref,
        'title', ${hant ? sql`t.title_hant` : sql`t.title_hans`}, 'titleEn', t.title_en,
        'placeId', p.id, 'placeName', ${hant ? sql`p.name_hant` : sql`p.name_hans`}, 'role', tp.role, 'precision', p.precision,
        'status', coalesce(os.status, 'NOT_STARTED'), 'progress', os.progress)) as feature
    from task t join plan pl on pl.id = t.plan_id
    left join lateral ${statusAsOf(sql.ref("t.id"), query.asOf)} s on true
    join task_place tp on tp.task_id = t.id join place p on p.id = tp.place_id
    left join obligation o on o.task_id = t.id and o.place_id = p.id
    left join lateral ${obligationStatusAsOf(sql.ref("o.id"), query.asOf)} os on true
    ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}
    order by pl.ordinal, t.ordinal, p.ordinal, tp.role`.execute(db);
  return r.rows.map((row) => row.feature);
}

export async function findTasksByIds(db: Db, ids: readonly string[]): Promise<TaskRow[]> {
  const r = await sql<TaskRow>`select ${TASK_COLUMNS} from task t where t.id = any(${[...ids]}::text[])`.execute(db);
  return r.rows;
}

export async function findTasksBySections(
  db: Db,
  keys: readonly { planId: string; sectionId: string }[],
  limit: number | null = null,
): Promise<TaskRow[]> {
  const r = await sql<TaskRow>`
    select ${TASK_COLUMNS} from task t
    join unnest(${keys.map((k) => k.planId)}::text[], ${keys.map((k) => k.sectionId)}::text[]) k(plan_id, section_id)
      on t.plan_id = k.plan_id and t.section_id = k.section_id
    order by t.ordinal, t.id ${limitTo(limit)}`.execute(db);
  return r.rows;
}

const ROLE_ORDER = roleOrder("tp");

const LINK_COLUMNS = sql`tp.task_id as "taskId", tp.place_id as "placeId", tp.role, tp.evidence_start as "evidenceStart",
  tp.evidence_end as "evidenceEnd", tp.curated, tp.note, t.plan_id as "planId"`;

const PLACE_KEYS = [
  "id",
  "code",
  "nameHans",
  "nameHant",
  "nameEn",
  "aliases",
  "kind",
  "parentId",
  "precision",
  "source",
  "areaKm2",
  "ordinal",
  "centroid",
  "bbox",
] as const;
const TASK_KEYS = [
  "id",
  "planId",
  "kind",
  "number",
  "ref",
  "sectionId",
  "ordinal",
  "titleHans",
  "titleHant",
  "titleEn",
  "textHans",
  "textHant",
  "spanStart",
  "spanEnd",
  "dueYear",
] as const;
const LINK_KEYS = ["taskId", "placeId", "role", "evidenceStart", "evidenceEnd", "curated", "note", "planId"] as const;

function pick<T>(row: object, keys: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = (row as Record<string, unknown>)[key];
  return out as T;
}

/** A link with the linked place, when the query fetched both in one row. */
export type LinkWithPlace = TaskPlaceRow & { place?: PlaceRow };
/** A link with its task (and that task's links with their places), when fetched in one statement. */
export type LinkWithTask = TaskPlaceRow & { task?: TaskRow; taskLinks?: LinkWithPlace[] };

/** Place links of tasks, strongest role first; with distances from `near` when given, with the places' rows when asked. */
export async function findLinksByTasks(
  db: Db,
  taskIds: readonly string[],
  near: { lng: number; lat: number } | null,
  withPlace = false,
  limit: number | null = null,
): Promise<LinkWithPlace[]> {
  const distance = near ? sql`, ${distanceTo(near, "p.geom")} as "distanceMeters"` : sql``;
  const r = await sql<TaskPlaceRow & PlaceRow>`
    select ${LINK_COLUMNS} ${distance} ${withPlace ? sql`, ${PLACE_COLUMNS}` : sql``}
    from task_place tp join task t on t.id = tp.task_id join place p on p.id = tp.place_id
    where tp.task_id = any(${[...taskIds]}::text[])
    order by tp.task_id, ${ROLE_ORDER}, p.ordinal ${limitTo(limit)}`.execute(db);
  if (!withPlace) return r.rows;
  return r.rows.map((row) => ({
    ...pick<TaskPlaceRow>(row, near ? [...LINK_KEYS, "distanceMeters"] : LINK_KEYS),
    place: pick<PlaceRow>(row, PLACE_KEYS),
  }));
}

/**
 * Links of places (optionally only to tasks matching conditions on `t`); with the tasks'
 * rows, and those tasks' own links with their places (as findLinksByTasks orders them), when asked.
 */
export async function findLinksByPlaces(
  db: Db,
  placeIds: readonly string[],
  where: RawBuilder<unknown>[],
  asOf: Date,
  opts: { withStatus?: boolean; withTask?: boolean; withTaskLinks?: boolean; limit?: number | null } = {},
): Promise<LinkWithTask[]> {
  const { withStatus = true, withTask = false, withTaskLinks = false, limit = null } = opts;
  const taskLinks = sql`, (
      select coalesce(json_agg(json_build_object('taskId', tp2.task_id, 'placeId', tp2.place_id, 'role', tp2.role, 'evidenceStart', tp2.evidence_start,
          'evidenceEnd', tp2.evidence_end, 'curated', tp2.curated, 'note', tp2.note, 'planId', t.plan_id, 'place', (select row_to_json(x) from (select ${PLACE_COLUMNS}) x))
        order by ${roleOrder("tp2")}, p.ordinal), '[]'::json)
      from task_place tp2 join place p on p.id = tp2.place_id where tp2.task_id = t.id) as "taskLinks"`;
  const r = await sql<TaskPlaceRow & TaskRow & { taskLinks?: LinkWithPlace[] }>`
    select ${LINK_COLUMNS} ${withTask || withTaskLinks ? sql`, ${TASK_COLUMNS}` : sql``} ${withTaskLinks ? taskLinks : sql``}
    from task_place tp join task t on t.id = tp.task_id join plan pl on pl.id = t.plan_id
    ${withStatus ? sql`left join lateral ${statusAsOf(sql.ref("t.id"), asOf)} s on true` : sql``}
    where tp.place_id = any(${[...placeIds]}::text[]) ${where.length ? sql`and ${sql.join(where, sql` and `)}` : sql``}
    order by pl.ordinal, t.ordinal, t.id, ${ROLE_ORDER} ${limitTo(limit)}`.execute(db);
  if (!withTask && !withTaskLinks) return r.rows;
  return r.rows.map((row) => ({
    ...pick<TaskPlaceRow>(row, LINK_KEYS),
    task: pick<TaskRow>(row, TASK_KEYS),
    taskLinks: row.taskLinks,
  }));
}

export interface LeadRow {
  taskId: string;
  departmentId: string;
  ordinal: number;
  spanStart: number;
  spanEnd: number;
}

export async function findLeadsByTasks(db: Db, taskIds: readonly string[]): Promise<LeadRow[]> {
  const r = await sql<LeadRow>`
    select task_id as "taskId", department_id as "departmentId", ordinal, span_start as "spanStart", span_end as "spanEnd"
    from task_lead where task_id = any(${[...taskIds]}::text[]) order by task_id, ordinal`.execute(db);
  return r.rows;
}

export async function findTaskIdsByDepartments(
  db: Db,
  departmentIds: readonly string[],
  limit: number | null = null,
): Promise<{ departmentId: string; taskId: string }[]> {
  const r = await sql<{ departmentId: string; taskId: string }>`
    select l.department_id as "departmentId", l.task_id as "taskId"
    from task_lead l join task t on t.id = l.task_id join plan pl on pl.id = t.plan_id
    where l.department_id = any(${[...departmentIds]}::text[]) order by pl.ordinal, t.ordinal, t.id ${limitTo(limit)}`.execute(
    db,
  );
  return r.rows;
}

export interface StatusRow {
  taskId: string;
  status: TaskStatus;
  progress: number | null;
  /** an approved report exists as of the instant */
  reported: boolean;
}

/** Status and progress of tasks as of one instant. */
export async function findStatuses(db: Db, taskIds: readonly string[], asOf: Date): Promise<StatusRow[]> {
  const r = await sql<StatusRow>`
    select t.id as "taskId", ${STATUS_OR_NOT_STARTED} as status, s.progress, s.status is not null as reported
    from unnest(${[...taskIds]}::text[]) t(id)
    left join lateral ${statusAsOf(sql.ref("t.id"), asOf)} s on true`.execute(db);
  return r.rows;
}

/** A place's StatusSummary as counted in SQL: the sum and the number of the approved progress values instead of their mean (the caller rounds it). */
export type StatusSummaryRow = Omit<StatusSummary, "meanProgress"> & {
  placeId: string;
  progressSum: number | null;
  withProgress: number;
};

/**
 * How a status summary finds each obligation's state as of its instant: "each" looks up every
 * obligation's latest approved report on its own (obligationStatusAsOf: a few index reads per
 * obligation), "all" reads every approved report up to that day once and keeps each obligation's
 * latest (approvedStates); "auto" lets the statement choose by what it finds (statusSummariesOfSql).
 * Tests force either to compare them.
 */
export type StateLookup = "auto" | "each" | "all";

/**
 * "auto"'s cost model, in units of one report row read and passed over (dated after the day asked
 * about, or never reviewed): reading every approved report at once costs a unit per report and
 * REVIEW_COST per review (hashed, then its report sorted with the others); looking up obligations
 * one by one costs LOOKUP_COST per obligation. The rows are counted as PostgreSQL last counted them
 * (pg_class), or, in a table never analyzed (the embedded database has no autovacuum), from its size
 * at ROW_BYTES a row. Measured (BENCHMARKS.md, "Seventeenth session"): an obligation's lookup took
 * 4.4 to 8.5 µs, a review in the pass about 0.7 µs, a report passed over 0.015 to 0.1 µs. At 10x with
 * 947,000 reports (758,000 reviewed) every place took 4.1 s by lookups and 1.2 s by the pass; on
 * the bench's 1x data with 380,000 reports (its review pools, dated 2099) 255 ms and 40 ms.
 */
const LOOKUP_COST = 60;
const REVIEW_COST = 6;
/** Bytes per row of the tables counted (136 and 68 at 10x, with short notes). */
const ROW_BYTES = { progress_report: 128, report_review: 64 } as const;

/** How many rows `table` has, as the planner last counted them, or from its size when it never did. */
function estimatedRows(table: keyof typeof ROW_BYTES): RawBuilder<number> {
  return sql<number>`(select case when c.reltuples >= 0 then c.reltuples else pg_relation_size(c.oid) / ${ROW_BYTES[table]}::float8 end
    from pg_class c where c.oid = ${table}::regclass)`;
}

/**
 * Each obligation's latest approved report (not a project's) dated on or before the day of `asOf`
 * in China, as obligationStatusAsOf finds it one obligation at a time (the latest day, then the
 * latest report of that day), for all of them in one pass: columns obligation_id, status, progress.
 */
function approvedStates(asOf: Date): RawBuilder<unknown> {
  return sql`(select distinct on (r.obligation_id) r.obligation_id, r.status, r.progress
    from progress_report r
    where r.project_id is null and r.as_of <= ${dayOf(asOf)}::date
      and exists (select 1 from report_review v where v.report_id = r.id and v.decision = 'APPROVE')
    order by r.obligation_id, r.as_of desc, r.created_at desc, r.id desc)`;
}

/**
 * Each place's obligations (its active obligation rows: those of zones inside it are its own
 * rows too, see syncObligations) counted each by its own status as of `asOf`; with
 * includeCitywide, also the city's obligation of every task linked to the city that the place
 * does not carry itself. One row per place, counted in PostgreSQL, so a summary of thousands of
 * obligations costs one row here. An obligation is overdue when it is not COMPLETED after the
 * end of its due year (UTC): the last year with a target, else its task's.
 *
 * `where`: taskConditions of a task filter (the task as `t`, its status as `s`, here the
 * obligation's own status as of `asOf`): only the obligations whose task it selects are counted.
 */
export async function findStatusSummaries(
  db: Db,
  placeIds: readonly string[],
  asOf: Date,
  includeCitywide: boolean,
  where: RawBuilder<unknown>[] = [],
  lookup: StateLookup = "auto",
): Promise<StatusSummaryRow[]> {
  const r = await statusSummariesSql(sql`${[...placeIds]}::text[]`, asOf, includeCitywide, where, lookup).execute(db);
  return r.rows;
}

/**
 * findStatusSummaries' statement, for the places of `placeIds` (any text[] expression).
 */
export function statusSummariesSql(
  placeIds: RawBuilder<unknown>,
  asOf: Date,
  includeCitywide: boolean,
  where: RawBuilder<unknown>[] = [],
  lookup: StateLookup = "auto",
): RawBuilder<StatusSummaryRow> {
  return statusSummariesOfSql(sql`select unnest(${placeIds})`, asOf, includeCitywide, where, lookup);
}

/**
 * findStatusSummaries' statement for the places a query selects (one column, their ids, distinct):
 * the SQL executor composes it into its own statement with the query of the rows it is building, so
 * PostgreSQL knows how many places there are. Over an array it guesses ten: for the 10,000 places
 * of the map's startup request it then looked up each of their 485,000 obligations' tasks one by
 * one in nested loops (5.3 s) instead of hashing the tasks once (1.9 s, EXPLAIN ANALYZE at 10x).
 *
 * The obligations are counted per place before they meet the places (a hash aggregate, not a sort
 * of every obligation), and each obligation's state is found one of two ways (StateLookup). Under
 * "auto" the statement counts the places' obligations first and takes the way that costs less
 * (LOOKUP_COST): both are written, and the one not taken is behind a one-time filter that
 * PostgreSQL checks before running it. At 10x the map's 10,000 places took 1.2 s read together
 * against 4.1 s one by one; one place's few dozen obligations take a few index reads.
 */
export function statusSummariesOfSql(
  placeIds: RawBuilder<unknown>,
  asOf: Date,
  includeCitywide: boolean,
  where: RawBuilder<unknown>[] = [],
  lookup: StateLookup = "auto",
): RawBuilder<StatusSummaryRow> {
  const status = STATUS_OR_NOT_STARTED;
  const taskWhere = where.length ? sql`and ${sql.join(where, sql` and `)}` : sql``;
  // a city linked to a task by several roles is one obligation; one place within several cities
  // (none today) gets one of theirs per task
  const citywide = sql`
      union all
      select * from (
        select distinct on (g.place_id, co.task_id) g.place_id, co.id, co.task_id
        from target g join place city on city.kind = 'CITY' and city.id <> g.place_id
        join obligation co on co.place_id = city.id and co.active
        where exists (select 1 from task_place tp where tp.place_id = city.id and tp.task_id = co.task_id)
          and exists (select 1 from place_containment c where c.outer_id = city.id and c.inner_id = g.place_id)
          and not exists (select 1 from obligation o where o.place_id = g.place_id and o.task_id = co.task_id and o.active)
        order by g.place_id, co.task_id, city.id) cw`;
  const counted = (state: RawBuilder<unknown>, dueYear: RawBuilder<unknown>, gate: RawBuilder<unknown>) => sql`
    select o.place_id,
      count(t.id)::int as total,
      count(t.id) filter (where ${status} = 'NOT_STARTED')::int as "notStarted",
      count(t.id) filter (where ${status} = 'IN_PROGRESS')::int as "inProgress",
      count(t.id) filter (where ${status} = 'AT_RISK')::int as "atRisk",
      count(t.id) filter (where ${status} = 'DELAYED')::int as delayed,
      count(t.id) filter (where ${status} = 'COMPLETED')::int as completed,
      sum(s.progress) filter (where t.id is not null)::float8 as "progressSum",
      count(s.progress) filter (where t.id is not null)::int as "withProgress",
      count(s.status) filter (where t.id is not null)::int as reported,
      count(t.id) filter (where ${status} <> 'COMPLETED'
        and ${asOf}::timestamptz > make_timestamptz(${dueYear}, 12, 31, 23, 59, 59, 'UTC'))::int as overdue
    from own o ${state}
    left join task t on t.id = o.task_id ${taskWhere}
    ${gate}
    group by o.place_id`;
  // each: the obligation's own lookups, its last target year by the primary key (DUE_YEAR)
  const each = counted(
    sql`left join lateral ${obligationStatusAsOf(sql.ref("o.id"), asOf)} s on true`,
    DUE_YEAR,
    lookup === "auto" ? sql`where not (select yes from read_all)` : sql``,
  );
  // all: every approved report and every target read once, hashed
  const all = counted(
    sql`left join ${approvedStates(asOf)} s on s.obligation_id = o.id
      left join (select ot.obligation_id, max(ot.year) as year from obligation_target ot group by ot.obligation_id) ot on ot.obligation_id = o.id`,
    sql`coalesce(ot.year, t.due_year)`,
    lookup === "auto" ? sql`where (select yes from read_all)` : sql``,
  );
  const choice =
    lookup === "auto"
      ? sql`read_all as (select (select count(*) from own) * ${LOOKUP_COST}::float8
          > ${estimatedRows("progress_report")} + ${estimatedRows("report_review")} * ${REVIEW_COST}::float8 as yes),`
      : sql``;
  const byPlace = lookup === "each" ? each : lookup === "all" ? all : sql`${all} union all ${each}`;
  return sql<StatusSummaryRow>`
    with target(place_id) as (select distinct * from (${placeIds}) ids),
    own as (
      select g.place_id, o.id, o.task_id from target g join obligation o on o.place_id = g.place_id and o.active
      ${includeCitywide ? citywide : sql``}
    ),
    ${choice}
    counted as (${byPlace})
    select g.place_id as "placeId",
      coalesce(c.total, 0) as total, coalesce(c."notStarted", 0) as "notStarted", coalesce(c."inProgress", 0) as "inProgress",
      coalesce(c."atRisk", 0) as "atRisk", coalesce(c.delayed, 0) as delayed, coalesce(c.completed, 0) as completed,
      c."progressSum", coalesce(c."withProgress", 0) as "withProgress", coalesce(c.reported, 0) as reported,
      coalesce(c.overdue, 0) as overdue
    from target g left join counted c on c.place_id = g.place_id`;
}

/** A task as an import writes it, without its plan. */
export type TaskWrite = Omit<Insertable<Task>, "plan_id">;

/**
 * Inserts or updates a plan's tasks; one whose content is unchanged is not rewritten. The rows
 * travel as one JSON array: one parameter however many there are.
 */
export async function upsertTasks(trx: Db, planId: string, rows: TaskWrite[]): Promise<void> {
  await sql`
    insert into task (id, plan_id, kind, number, ref, section_id, ordinal, title_hant, title_hans, title_en, text_hant, text_hans, span_start, span_end, due_year)
    select r.id, ${planId}, r.kind, r.number, r.ref, r.section_id, r.ordinal, r.title_hant, r.title_hans, r.title_en, r.text_hant, r.text_hans,
      r.span_start, r.span_end, r.due_year
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id text, kind text, number int, ref text, section_id text, ordinal int,
      title_hant text, title_hans text, title_en text, text_hant text, text_hans text, span_start int, span_end int, due_year int)
    on conflict (id) do update set plan_id = excluded.plan_id, kind = excluded.kind, number = excluded.number, ref = excluded.ref,
      section_id = excluded.section_id, ordinal = excluded.ordinal, title_hant = excluded.title_hant, title_hans = excluded.title_hans,
      title_en = excluded.title_en, text_hant = excluded.text_hant, text_hans = excluded.text_hans, span_start = excluded.span_start,
      span_end = excluded.span_end, due_year = excluded.due_year
    where (task.kind, task.number, task.ref, task.section_id, task.ordinal, task.title_hant, task.title_en, task.text_hant, task.span_start, task.span_end, task.due_year)
      is distinct from (excluded.kind, excluded.number, excluded.ref, excluded.section_id, excluded.ordinal, excluded.title_hant, excluded.title_en,
        excluded.text_hant, excluded.span_start, excluded.span_end, excluded.due_year)`.execute(trx);
}

/** Deletes a plan's tasks that are not in `keepIds`, unless someone has reported on them (their history stays). */
export async function deleteTasksExcept(trx: Db, planId: string, keepIds: string[]): Promise<void> {
  await trx
    .deleteFrom("task as t")
    .where("t.plan_id", "=", planId)
    .where((eb) => eb.not(eb("t.id", "=", anyText(keepIds))))
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom("progress_report as r").select("r.id").whereRef("r.task_id", "=", "t.id"))),
    )
    .execute();
}

/** Replaces the lead units of these tasks. */
export async function replaceTaskLeads(trx: Db, taskIds: string[], rows: Insertable<TaskLead>[]): Promise<void> {
  await trx.deleteFrom("task_lead").where("task_id", "=", anyText(taskIds)).execute();
  await sql`
    insert into task_lead (task_id, department_id, ordinal, span_start, span_end)
    select r.task_id, r.department_id, r.ordinal, r.span_start, r.span_end
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(task_id text, department_id text, ordinal int, span_start int, span_end int)
    on conflict do nothing`.execute(trx);
}

/** A place link as an import writes it. */
export type TaskPlaceWrite = Required<
  Pick<Insertable<TaskPlace>, "task_id" | "place_id" | "role" | "evidence_start" | "evidence_end" | "curated">
>;

/**
 * Replaces the linker's place links of these tasks with `rows`. Curated links (seed overrides,
 * or made in the app) are kept, and links a planner removed in the app stay removed: the last
 * link_change of a task and place that says unlink deletes the link again.
 */
export async function replaceGeneratedLinks(trx: Db, taskIds: string[], rows: TaskPlaceWrite[]): Promise<void> {
  await trx.deleteFrom("task_place").where("task_id", "=", anyText(taskIds)).where("curated", "=", false).execute();
  await sql`
    insert into task_place (task_id, place_id, role, evidence_start, evidence_end, curated)
    select r.task_id, r.place_id, r.role, r.evidence_start, r.evidence_end, r.curated
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r(task_id text, place_id text, role text, evidence_start int, evidence_end int, curated boolean)
    on conflict (task_id, place_id, role) do update set evidence_start = excluded.evidence_start, evidence_end = excluded.evidence_end
    where task_place.curated = excluded.curated
      and (task_place.evidence_start, task_place.evidence_end) is distinct from (excluded.evidence_start, excluded.evidence_end)`.execute(
    trx,
  );
  await sql`
    delete from task_place tp using (
      select distinct on (task_id, place_id) task_id, place_id, action from link_change order by task_id, place_id, created_at desc, id desc
    ) c
    where c.task_id = tp.task_id and c.place_id = tp.place_id and c.action = 'unlink' and tp.task_id = any(${taskIds}::text[])`.execute(
    trx,
  );
}
