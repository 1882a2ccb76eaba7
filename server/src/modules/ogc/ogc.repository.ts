/**
 * The SQL of the OGC API – Features collections: one page of features and the number matched,
 * in one statement per collection. The filters are the domain repositories' own condition
 * builders (placeConditions, taskConditions, linkCondition, obligationReasons, projectConditions),
 * so a bbox or a status means here what it means in GraphQL; only the paging (offset and limit,
 * as the OGC API pages) and the feature's columns are written here.
 */
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../../db/database.ts";
import { enumArray } from "../../db/sql-literals.ts";
import type { GeoPrecision, PlaceKind, ProjectCategory, TaskKind, TaskStatus } from "../../core/enums.ts";
import type { GeoJsonGeometry } from "../../core/geojson.ts";
import { obligationReasons, placeConditions, roleOrder } from "../place/place.repository.ts";
import { projectConditions, projectStatusAsOf } from "../project/project.repository.ts";
import { linkCondition, type Spatial } from "../spatial/spatial-filter.ts";
import { obligationStatusAsOf, STATUS_OR_NOT_STARTED, taskConditions } from "../task/task.repository.ts";

/** A closed instant range in milliseconds since the epoch; ±Infinity for an open end. */
export interface TimeRange {
  start: number;
  end: number;
}

/** What every collection's query shares: the page, the box and the time. */
export interface FeatureQuery {
  limit: number;
  offset: number;
  /** a validated bbox filter (Spatial.envelope), or null */
  spatial: Spatial | null;
  datetime: TimeRange | null;
}

export interface FeaturePage<R> {
  numberMatched: number;
  rows: R[];
}

/**
 * Wraps the statement `matched` (every feature the filters select, with the columns `order`
 * names) into one page and the count of all of them. The count comes in every answer, even a
 * page past the last feature (a row with no feature but the total).
 */
async function page<R extends { id: string | null }>(
  db: Db,
  matched: RawBuilder<unknown>,
  order: RawBuilder<unknown>,
  q: FeatureQuery,
): Promise<FeaturePage<R>> {
  const r = await sql<R & { numberMatched: number }>`
    with matched as (${matched})
    select c.total as "numberMatched", m.*
    from (select count(*)::int as total from matched) c
    left join lateral (select * from matched order by ${order} limit ${q.limit} offset ${q.offset}) m on true
    order by ${order}`.execute(db);
  return { numberMatched: r.rows[0]?.numberMatched ?? 0, rows: r.rows.filter((row) => row.id !== null) };
}

function timestamp(ms: number): string | null {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/**
 * A task's time as the plan states it: from 1 January of the plan's first year to the end of the
 * task's due year (UTC); the condition that it meets the requested range (open ends as null).
 */
function taskTimeMeets(range: TimeRange): RawBuilder<unknown> {
  return sql`make_timestamptz(pl.period_start, 1, 1, 0, 0, 0, 'UTC') <= coalesce(${timestamp(range.end)}::timestamptz, 'infinity')
    and make_timestamptz(t.due_year + 1, 1, 1, 0, 0, 0, 'UTC') > coalesce(${timestamp(range.start)}::timestamptz, '-infinity')`;
}

// ---------------------------------------------------------------- places

export interface PlaceFeatureRow {
  id: string;
  code: string | null;
  nameHans: string;
  nameHant: string;
  nameEn: string;
  kind: PlaceKind;
  parentId: string | null;
  precision: GeoPrecision;
  source: string;
  areaKm2: number | null;
  geometry: GeoJsonGeometry;
}

export interface PlaceFeatureQuery extends FeatureQuery {
  ids: string[] | null;
  kinds: PlaceKind[] | null;
  parentIds: string[] | null;
}

/** Places in gazetteer order; bbox as GraphQL's places(filter: {bbox}) (the whole city is no evidence of being in a box). */
export async function findPlaceFeatures(db: Db, q: PlaceFeatureQuery): Promise<FeaturePage<PlaceFeatureRow>> {
  const where = placeConditions({ kinds: q.kinds, spatial: q.spatial, text: null });
  if (q.ids) where.push(sql`p.id = any(${q.ids}::text[])`);
  if (q.parentIds) where.push(sql`p.parent_id = any(${q.parentIds}::text[])`);
  return page<PlaceFeatureRow>(
    db,
    sql`select p.id, p.code, p.name_hans as "nameHans", p.name_hant as "nameHant", p.name_en as "nameEn", p.kind, p.parent_id as "parentId",
        p.precision, p.source, p.area_km2 as "areaKm2", p.ordinal, ST_AsGeoJSON(p.geom, 6)::json as geometry
      from place p ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}`,
    sql`ordinal, id`,
    q,
  );
}

// ---------------------------------------------------------------- tasks (one feature per task–place link)

export interface TaskLinkFeatureRow {
  /** `<taskId>@<placeId>@<role>` */
  id: string;
  taskId: string;
  planId: string;
  kind: TaskKind;
  ref: string;
  titleHans: string;
  titleHant: string;
  titleEn: string;
  dueYear: number;
  status: TaskStatus;
  progress: number | null;
  placeId: string;
  placeNameHans: string;
  placeNameHant: string;
  precision: GeoPrecision;
  role: string;
  evidenceStart: number | null;
  evidenceEnd: number | null;
  curated: boolean;
  geometry: GeoJsonGeometry;
}

export interface TaskLinkFeatureQuery extends FeatureQuery {
  /** exact feature ids' parts, for /items/{featureId} */
  link: { taskId: string; placeId: string; role: string } | null;
  taskIds: string[] | null;
  placeIds: string[] | null;
  kinds: TaskKind[] | null;
  statuses: TaskStatus[] | null;
  roles: string[] | null;
  asOf: Date;
}

/**
 * Task–place links in plan order (a task's links strongest role first, as every place link list).
 * A bbox selects the links whose place GraphQL's location filter accepts (linkCondition): so the
 * tasks of the features in a box are those tasks(filter: {spatial: {bbox}}) returns.
 */
export async function findTaskLinkFeatures(db: Db, q: TaskLinkFeatureQuery): Promise<FeaturePage<TaskLinkFeatureRow>> {
  const where = taskConditions({
    planId: null,
    kinds: q.kinds,
    sectionIds: null,
    leadDepartmentIds: null,
    statuses: null,
    asOf: q.asOf,
    text: null,
    spatial: null,
  });
  // a link feature is one place's share of the task: that place's own status (v2), not the task's roll-up
  if (q.statuses) where.push(sql`${STATUS_OR_NOT_STARTED} = any(${enumArray(q.statuses)})`);
  if (q.taskIds) where.push(sql`t.id = any(${q.taskIds}::text[])`);
  if (q.placeIds) where.push(sql`tp.place_id = any(${q.placeIds}::text[])`);
  if (q.roles) where.push(sql`tp.role = any(${enumArray(q.roles)})`);
  if (q.link)
    where.push(sql`tp.task_id = ${q.link.taskId} and tp.place_id = ${q.link.placeId} and tp.role = ${q.link.role}`);
  if (q.spatial) where.push(linkCondition(q.spatial, "p", sql.ref("tp.role")));
  if (q.datetime) where.push(taskTimeMeets(q.datetime));
  return page<TaskLinkFeatureRow>(
    db,
    sql`select t.id || '@' || p.id || '@' || tp.role as id, t.id as "taskId", t.plan_id as "planId", t.kind, t.ref,
        t.title_hans as "titleHans", t.title_hant as "titleHant", t.title_en as "titleEn", t.due_year as "dueYear",
        ${STATUS_OR_NOT_STARTED} as status, s.progress, p.id as "placeId", p.name_hans as "placeNameHans", p.name_hant as "placeNameHant",
        p.precision, tp.role, tp.evidence_start as "evidenceStart", tp.evidence_end as "evidenceEnd", tp.curated,
        ST_AsGeoJSON(p.geom, 6)::json as geometry,
        pl.ordinal as k1, t.ordinal as k2, ${roleOrder("tp")} as k3, p.ordinal as k4
      from task t join plan pl on pl.id = t.plan_id
      join task_place tp on tp.task_id = t.id join place p on p.id = tp.place_id
      left join obligation orow on orow.task_id = t.id and orow.place_id = p.id
      left join lateral ${obligationStatusAsOf(sql.ref("orow.id"), q.asOf)} s on true
      ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}`,
    sql`k1, k2, k3, k4, id`,
    q,
  );
}

// ---------------------------------------------------------------- obligations

export interface ObligationFeatureRow {
  /** `<taskId>@<placeId>`, the contract's Obligation.id */
  id: string;
  taskId: string;
  kind: TaskKind;
  ref: string;
  titleHans: string;
  titleHant: string;
  titleEn: string;
  dueYear: number;
  status: TaskStatus;
  progress: number | null;
  placeId: string;
  placeNameHans: string;
  placeNameHant: string;
  precision: GeoPrecision;
  reasons: string[];
  geometry: GeoJsonGeometry;
}

export interface ObligationFeatureQuery extends FeatureQuery {
  /** the places whose obligations are listed (every place when no placeId filter is given) */
  placeIds: string[];
  taskIds: string[] | null;
  kinds: TaskKind[] | null;
  statuses: TaskStatus[] | null;
  asOf: Date;
}

/**
 * One feature per obligation: each (place, task) the place must carry out by its own reasons
 * (DIRECT, LEAD, APPLIES_TO_ALL; the reasons GraphQL's Place.obligations(includeContained: false)
 * gives, from the same obligationReasons), on the place's geometry, in gazetteer then plan order.
 *
 * The reasons are derived from the links; the status is the obligation row's own (v2: its latest
 * approved report dated on or before asOf), never the task's roll-up.
 */
export async function findObligationFeatures(
  db: Db,
  q: ObligationFeatureQuery,
): Promise<FeaturePage<ObligationFeatureRow>> {
  const where = taskConditions({
    planId: null,
    kinds: q.kinds,
    sectionIds: null,
    leadDepartmentIds: null,
    statuses: null,
    asOf: q.asOf,
    text: null,
    spatial: null,
  });
  if (q.statuses) where.push(sql`${STATUS_OR_NOT_STARTED} = any(${enumArray(q.statuses)})`);
  if (q.taskIds) where.push(sql`t.id = any(${q.taskIds}::text[])`);
  if (q.spatial) where.push(linkCondition(q.spatial, "p", null));
  if (q.datetime) where.push(taskTimeMeets(q.datetime));
  return page<ObligationFeatureRow>(
    db,
    sql`with ${obligationReasons(q.placeIds, { includeContained: false, includeCitywide: false })},
      own_reasons as (
        select place_id, task_id, array_agg(distinct reason order by reason) as reasons from reasons group by place_id, task_id)
      select t.id || '@' || p.id as id, t.id as "taskId", t.kind, t.ref, t.title_hans as "titleHans", t.title_hant as "titleHant",
        t.title_en as "titleEn", t.due_year as "dueYear", ${STATUS_OR_NOT_STARTED} as status, s.progress,
        p.id as "placeId", p.name_hans as "placeNameHans", p.name_hant as "placeNameHant", p.precision,
        array(select r from unnest(o.reasons) r order by array_position(array['DIRECT','CONTAINED','LEAD','APPLIES_TO_ALL','CITYWIDE'], r)) as reasons,
        ST_AsGeoJSON(p.geom, 6)::json as geometry,
        p.ordinal as k1, pl.ordinal as k2, t.ordinal as k3
      from own_reasons o join place p on p.id = o.place_id join task t on t.id = o.task_id join plan pl on pl.id = t.plan_id
      left join obligation orow on orow.task_id = t.id and orow.place_id = p.id
      left join lateral ${obligationStatusAsOf(sql.ref("orow.id"), q.asOf)} s on true
      ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}`,
    sql`k1, k2, k3, id`,
    q,
  );
}

// ---------------------------------------------------------------- projects

export interface ProjectFeatureRow {
  id: string;
  nameHans: string;
  nameHant: string;
  nameEn: string | null;
  category: ProjectCategory | null;
  precision: GeoPrecision;
  positionSource: string;
  startYear: number | null;
  endYear: number | null;
  investmentCny: number | null;
  reference: string | null;
  status: TaskStatus;
  progress: number | null;
  taskIds: string[];
  geometry: GeoJsonGeometry;
}

export interface ProjectFeatureQuery extends FeatureQuery {
  ids: string[] | null;
  taskIds: string[] | null;
  categories: ProjectCategory[] | null;
  statuses: TaskStatus[] | null;
  asOf: Date;
}

/**
 * Projects with a geometry, in plan then import order, with projectConditions (GraphQL's
 * projects filter). A datetime selects, as ProjectFilter.year does for one year, the projects
 * whose stated years meet the range; a project that states no year meets none.
 */
export async function findProjectFeatures(db: Db, q: ProjectFeatureQuery): Promise<FeaturePage<ProjectFeatureRow>> {
  const where = projectConditions({
    taskIds: q.taskIds,
    categories: q.categories,
    statuses: q.statuses,
    asOf: q.asOf,
    year: null,
    text: null,
    spatial: q.spatial,
    first: 0,
    after: null,
  });
  where.push(sql`pr.geom is not null`);
  if (q.ids) where.push(sql`pr.id = any(${q.ids}::text[])`);
  if (q.datetime) {
    const from = Number.isFinite(q.datetime.start) ? new Date(q.datetime.start).getUTCFullYear() : null;
    const to = Number.isFinite(q.datetime.end) ? new Date(q.datetime.end).getUTCFullYear() : null;
    where.push(sql`(pr.start_year is not null or pr.end_year is not null)
      and coalesce(pr.start_year, -2147483648) <= coalesce(${to}::int, 2147483647)
      and coalesce(pr.end_year, 2147483647) >= coalesce(${from}::int, -2147483648)`);
  }
  return page<ProjectFeatureRow>(
    db,
    sql`select pr.id, pr.name_hans as "nameHans", pr.name_hant as "nameHant", pr.name_en as "nameEn", pr.category, pr.precision,
        pr.position_source as "positionSource", pr.start_year as "startYear", pr.end_year as "endYear", pr.investment_cny as "investmentCny",
        pr.reference, ${STATUS_OR_NOT_STARTED} as status, s.progress,
        array(select pt.task_id from project_task pt where pt.project_id = pr.id order by pt.task_id) as "taskIds",
        ST_AsGeoJSON(pr.geom, 6)::json as geometry, pr.ordinal
      from project pr left join lateral ${projectStatusAsOf(sql.ref("pr.id"), q.asOf)} s on true
      ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}`,
    sql`ordinal, id`,
    q,
  );
}

// ---------------------------------------------------------------- extents

export interface ExtentRow {
  collection: "places" | "tasks" | "obligations" | "projects";
  bbox: [number, number, number, number] | null;
  /** first and last year the collection's features cover, when it has a time */
  fromYear: number | null;
  toYear: number | null;
}

/** Each collection's bounding box (from the data) and years, in one statement. */
export async function findExtents(db: Db): Promise<ExtentRow[]> {
  const box = (geoms: RawBuilder<unknown>) =>
    sql`(select array[ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b)]::float8[] from (select ST_Extent(g.geom)::box3d as b from ${geoms} g) x where b is not null)`;
  const r = await sql<ExtentRow>`
    select 'places' as collection, ${box(sql`(select p.geom from place p)`)} as bbox, null::int as "fromYear", null::int as "toYear"
    union all
    select 'tasks', ${box(sql`(select p.geom from place p where exists (select 1 from task_place tp where tp.place_id = p.id))`)},
      (select min(pl.period_start) from task t join plan pl on pl.id = t.plan_id), (select max(due_year) from task)
    union all
    select 'obligations', ${box(sql`(select p.geom from place p where exists (select 1 from task_place tp where tp.place_id = p.id)
        or exists (select 1 from department d join task_lead l on l.department_id = d.id where d.jurisdiction_place_id = p.id))`)},
      (select min(pl.period_start) from task t join plan pl on pl.id = t.plan_id), (select max(due_year) from task)
    union all
    select 'projects', ${box(sql`(select pr.geom from project pr where pr.geom is not null)`)},
      (select min(coalesce(start_year, end_year)) from project where geom is not null),
      (select max(coalesce(end_year, start_year)) from project where geom is not null)`.execute(db);
  return r.rows;
}

/** Every place id, in gazetteer order: the places whose obligations the obligations collection lists. */
export async function findAllPlaceIds(db: Db): Promise<string[]> {
  const r = await sql<{ id: string }>`select id from place order by ordinal, id`.execute(db);
  return r.rows.map((row) => row.id);
}
