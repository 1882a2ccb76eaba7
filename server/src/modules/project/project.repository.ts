/** All SQL about projects: pages, lookups, containment, statuses, and idempotent writes. */
import { sql, type RawBuilder } from "kysely";
import { precisionAt, SPECIFICITY, type GeocodePlace } from "./geocode.ts";
import type { Db } from "../../db/database.ts";
import { anyText } from "../../db/any-of.ts";
import { limitTo } from "../../db/loader-utils.ts";
import { enumArray } from "../../db/sql-literals.ts";
import { GeoPrecision, PlaceKind, type ProjectCategory, type TaskStatus } from "../../core/enums.ts";
import type { GeoJsonGeometry } from "../../core/geojson.ts";
import { PLACE_COLUMNS } from "../place/place.repository.ts";
import type { PlaceRow } from "../place/place.type.ts";
import { STATUS_OR_NOT_STARTED, TASK_COLUMNS } from "../task/task.repository.ts";
import type { TaskRow } from "../task/task.type.ts";
import { intersectsArea, isGeometric, type Spatial } from "../spatial/spatial-filter.ts";
import type { ProjectRow } from "./project.type.ts";
import { allWordsMatch } from "../search/search.repository.ts";

const PROJECT_COLUMNS = sql`pr.id, pr.plan_id as "planId", pr.name_hans as "nameHans", pr.name_hant as "nameHant", pr.name_en as "nameEn",
  pr.category, pr.precision, pr.position_source as "positionSource", pr.start_year as "startYear", pr.end_year as "endYear",
  pr.investment_cny as "investmentCny", pr.span_start as "spanStart", pr.span_end as "spanEnd", pr.reference, pr.ordinal`;

/** A validated project query. */
export interface ProjectQuery {
  taskIds: string[] | null;
  categories: ProjectCategory[] | null;
  statuses: TaskStatus[] | null;
  asOf: Date;
  year: number | null;
  /** already in simplified script */
  text: string | null;
  spatial: Spatial | null;
  first: number;
  /** decoded cursor: [ordinal, id] of the last row seen */
  after: (number | string)[] | null;
}

export interface ProjectPageRow extends ProjectRow {
  totalCount: number;
}

/** The latest approved report on one project as of an instant (status and progress). */
export function projectStatusAsOf(projectId: RawBuilder<unknown>, asOf: Date): RawBuilder<unknown> {
  return sql`(
    select r.status, r.progress from progress_report r
    where r.project_id = ${projectId} and r.created_at <= ${asOf}
      and exists (select 1 from report_review v where v.report_id = r.id and v.decision = 'APPROVE' and v.created_at <= ${asOf})
    order by r.created_at desc, r.id desc limit 1)`;
}

/**
 * True when project `x` lies in place `q` by geometry: q covers a point on x's
 * surface and, when x is an area, at least half of it (the rule place containment
 * uses, so a project spread over the whole city does not lie in the county holding
 * its label point). A project known only to the city (ADM2) lies only in the city,
 * one known only to a county-level unit (ADM3) only in administrative units; and a
 * place whose own point is a stand-in (ADM2/ADM3) contains nothing by geometry.
 */
function geometricallyIn(x: string, q: string): RawBuilder<boolean> {
  const g = sql.ref(`${x}.geom`);
  const qg = sql.ref(`${q}.geom`);
  // the cheap precision rule first, the area of an intersection last
  return sql<boolean>`(case ${sql.ref(`${x}.precision`)}
      when 'ADM2' then ${sql.ref(`${q}.kind`)} = 'CITY'
      when 'ADM3' then ${sql.ref(`${q}.kind`)} in ('CITY', 'DISTRICT', 'COUNTY', 'COUNTY_CITY')
      else ${sql.ref(`${q}.precision`)} not in ('ADM2', 'ADM3') end
    and ST_Intersects(${qg}, ${g}) and ST_Covers(${qg}, ST_PointOnSurface(${g}))
    and (ST_Dimension(${g}) < 2 or ST_Area(ST_Intersection(${qg}, ${g})) >= 0.5 * ST_Area(${g})))`;
}

/** True when project `x` lies in place `q`: positioned at it, or inside it by geometry. */
export function liesIn(x: string, q: string): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(`${q}.id`)} = any(${sql.ref(`${x}.place_ids`)}) or ${geometricallyIn(x, q)})`;
}

/** Ids of the projects lying in one of the places matched by `placeCondition` on `q` (each branch index-assisted). */
function projectsLyingIn(placeCondition: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`(select x.id from place q join project x on ST_Intersects(q.geom, x.geom) where ${placeCondition} and ${geometricallyIn("x", "q")}
    union select x.id from place q join project x on x.place_ids @> array[q.id] where ${placeCondition})`;
}

/** Places `ids` (an SQL text[] or id) and, when asked, the places inside them. */
function placeSet(ids: RawBuilder<unknown>, includeContained: boolean, many: boolean): RawBuilder<unknown> {
  const own = many ? sql`q.id = any(${ids})` : sql`q.id = ${ids}`;
  if (!includeContained) return own;
  const outer = many ? sql`c.outer_id = any(${ids})` : sql`c.outer_id = ${ids}`;
  return sql`(${own} or q.id in (select c.inner_id from place_containment c where ${outer}))`;
}

/**
 * The spatial filter on a project `pr`'s own geometry. within, bbox and near never
 * match a project known only to lie somewhere in the city (ADM2): like a task's
 * whole-city link, that is no evidence of being at any particular spot.
 */
function projectSpatialCondition(s: Spatial): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (s.placeIds)
    parts.push(sql`pr.id in ${projectsLyingIn(placeSet(sql`${s.placeIds}::text[]`, s.includeContained, true))}`);
  if (isGeometric(s) || s.excludeCitywide) parts.push(sql`pr.precision <> 'ADM2'`);
  const area = intersectsArea(s, "pr.geom");
  if (area) parts.push(area);
  if (s.near) {
    parts.push(
      sql`ST_DWithin(pr.geom::geography, ST_SetSRID(ST_MakePoint(${s.near.lng}::float8, ${s.near.lat}::float8), 4326)::geography, ${s.near.radiusMeters}::float8)`,
    );
  }
  return parts.length === 0 ? sql`true` : sql.join(parts, sql` and `);
}

/** Conditions on the project row `pr` (and its status `s`) for a project query. */
export function projectConditions(q: ProjectQuery): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [];
  if (q.taskIds)
    where.push(
      sql`exists (select 1 from project_task pt where pt.project_id = pr.id and pt.task_id = any(${q.taskIds}::text[]))`,
    );
  if (q.categories) where.push(sql`pr.category = any(${enumArray(q.categories)})`);
  if (q.statuses) where.push(sql`${STATUS_OR_NOT_STARTED} = any(${enumArray(q.statuses)})`);
  if (q.year !== null) {
    where.push(sql`(pr.start_year is not null or pr.end_year is not null)
      and coalesce(pr.start_year, ${q.year}) <= ${q.year} and coalesce(pr.end_year, ${q.year}) >= ${q.year}`);
  }
  if (q.text) {
    const words = allWordsMatch(
      q.text,
      (pattern) => sql`pr.name_hans ilike ${pattern} or pr.name_hant ilike ${pattern} or pr.name_en ilike ${pattern}`,
    );
    where.push(sql`(${words} or pr.id = ${q.text})`);
  }
  if (q.spatial) where.push(projectSpatialCondition(q.spatial));
  return where;
}

/** One page of projects (plan order, then import order) and the total, in one statement. */
export async function findProjectPage(db: Db, q: ProjectQuery): Promise<ProjectPageRow[]> {
  const r = await projectPageSql(q).execute(db);
  return r.rows;
}

/** findProjectPage's statement: the page's rows and the one after it (the SQL executor nests it to build a response in SQL). */
export function projectPageSql(q: ProjectQuery): RawBuilder<ProjectPageRow> {
  const where = projectConditions(q);
  const status = q.statuses ? sql`left join lateral ${projectStatusAsOf(sql.ref("pr.id"), q.asOf)} s on true` : sql``;
  const after = q.after ? sql`where (m.ordinal, m.id) > (${q.after[0]}::int, ${q.after[1]}::text)` : sql``;
  return sql<ProjectPageRow>`
    with matched as (
      select ${PROJECT_COLUMNS} from project pr ${status}
      ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}
    )
    select m.*, (select count(*)::int from matched) as "totalCount"
    from matched m ${after}
    order by m.ordinal, m.id
    limit ${q.first + 1}`;
}

export async function findProjectsByIds(db: Db, ids: readonly string[]): Promise<ProjectRow[]> {
  const r =
    await sql<ProjectRow>`select ${PROJECT_COLUMNS} from project pr where pr.id = any(${[...ids]}::text[])`.execute(db);
  return r.rows;
}

export async function findProjectGeometries(
  db: Db,
  ids: readonly string[],
): Promise<{ id: string; geometry: GeoJsonGeometry | null }[]> {
  const r = await sql<{ id: string; geometry: GeoJsonGeometry | null }>`
    select pr.id, ST_AsGeoJSON(pr.geom, 6)::json as geometry from project pr where pr.id = any(${[...ids]}::text[])`.execute(
    db,
  );
  return r.rows;
}

/** Tasks served by projects, in plan order. */
export async function findTasksByProjects(
  db: Db,
  projectIds: readonly string[],
): Promise<(TaskRow & { projectId: string })[]> {
  const r = await sql<TaskRow & { projectId: string }>`
    select pt.project_id as "projectId", ${TASK_COLUMNS}
    from project_task pt join task t on t.id = pt.task_id join plan pl on pl.id = t.plan_id
    where pt.project_id = any(${[...projectIds]}::text[])
    order by pt.project_id, pl.ordinal, t.ordinal, t.id`.execute(db);
  return r.rows;
}

/** Projects serving tasks, in project order. */
export async function findProjectsByTasks(
  db: Db,
  taskIds: readonly string[],
  limit: number | null = null,
): Promise<(ProjectRow & { taskId: string })[]> {
  const r = await sql<ProjectRow & { taskId: string }>`
    select pt.task_id as "taskId", ${PROJECT_COLUMNS}
    from project_task pt join project pr on pr.id = pt.project_id
    where pt.task_id = any(${[...taskIds]}::text[])
    order by pt.task_id, pr.ordinal, pr.id ${limitTo(limit)}`.execute(db);
  return r.rows;
}

/** Places each project lies in (computed with PostGIS), smallest first: a zone's point, then districts, then the city. */
export async function findPlacesOfProjects(
  db: Db,
  projectIds: readonly string[],
): Promise<(PlaceRow & { projectId: string })[]> {
  const r = await sql<PlaceRow & { projectId: string }>`
    select pr.id as "projectId", ${PLACE_COLUMNS}
    from project pr join place p on ${liesIn("pr", "p")}
    where pr.id = any(${[...projectIds]}::text[])
    order by pr.id, p.area_km2 asc nulls first, p.ordinal`.execute(db);
  return r.rows;
}

export interface PlaceProjectRow extends ProjectRow {
  placeId: string;
  totalCount: number;
}

/** One page of the projects lying in each place or in places inside it. */
export async function findProjectsInPlaces(
  db: Db,
  placeIds: readonly string[],
  first: number,
  after: (number | string)[] | null,
): Promise<PlaceProjectRow[]> {
  const r = await projectsInPlacesSql(sql`${[...placeIds]}::text[]`, first, after).execute(db);
  return r.rows;
}

/**
 * findProjectsInPlaces' statement, the places given as a text[] expression (the SQL executor
 * composes it into its own statement): per place its total, and a row per project of the page and
 * the one after it, or one row with no project.
 */
export function projectsInPlacesSql(
  placeIds: RawBuilder<unknown>,
  first: number,
  after: (number | string)[] | null,
): RawBuilder<PlaceProjectRow & { id: string | null }> {
  const inPlace = sql`pr.id in ${projectsLyingIn(placeSet(sql.ref("k.place_id"), true, false))}`;
  const afterCondition = after ? sql`and (pr.ordinal, pr.id) > (${after[0]}::int, ${after[1]}::text)` : sql``;
  return sql<PlaceProjectRow & { id: string | null }>`
    select k.place_id as "placeId", n.total as "totalCount", x.*
    from unnest(${placeIds}) k(place_id)
    cross join lateral (select count(*)::int as total from project pr where ${inPlace}) n
    left join lateral (
      select ${PROJECT_COLUMNS} from project pr where ${inPlace} ${afterCondition}
      order by pr.ordinal, pr.id limit ${first + 1}
    ) x on true
    order by k.place_id, x.ordinal, x.id`;
}

export interface ProjectStatusRow {
  projectId: string;
  status: TaskStatus;
  progress: number | null;
}

/** Status and progress of projects as of one instant (latest approved report on each). */
export async function findProjectStatuses(
  db: Db,
  projectIds: readonly string[],
  asOf: Date,
): Promise<ProjectStatusRow[]> {
  const r = await sql<ProjectStatusRow>`
    select p.id as "projectId", ${STATUS_OR_NOT_STARTED} as status, s.progress
    from unnest(${[...projectIds]}::text[]) p(id)
    left join lateral ${projectStatusAsOf(sql.ref("p.id"), asOf)} s on true`.execute(db);
  return r.rows;
}

export async function findExistingTaskIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom("task").select("id").where("id", "=", anyText(ids)).execute();
  return new Set(rows.map((row) => row.id));
}

export type GeocodablePlaceRow = GeocodePlace;

/** Every place with its aliases, for geocoding. */
export async function findGeocodablePlaces(db: Db): Promise<GeocodablePlaceRow[]> {
  const r = await sql<GeocodablePlaceRow>`
    select id, kind, precision, name_hans as "nameHans", name_hant as "nameHant", aliases from place order by ordinal, id`.execute(
    db,
  );
  return r.rows;
}

/** A name's match (geocodeMatchSql): the place, the alias as the gazetteer spells it, the place's kind, and the precision a project there has. */
export interface GeocodeMatchRow {
  placeId: string;
  alias: string;
  kind: PlaceKind;
  precision: GeoPrecision;
}

/** A place's SPECIFICITY (geocode.ts) from its kind, as SQL. */
function specificitySql(kind: RawBuilder<unknown>): RawBuilder<number> {
  const cases = Object.entries(SPECIFICITY).map(([k, n]) => sql`when ${sql.lit(k)} then ${sql.lit(n)}`);
  return sql<number>`case ${kind} ${sql.join(cases, sql` `)} end`;
}

/**
 * precisionAt (geocode.ts) as SQL, written from precisionAt itself: for each group of kinds that
 * map the precisions alike, what each precision becomes.
 */
export function precisionAtSql(kind: RawBuilder<unknown>, precision: RawBuilder<unknown>): RawBuilder<GeoPrecision> {
  const precisions = Object.values(GeoPrecision);
  const groups = new Map<string, PlaceKind[]>();
  for (const k of Object.values(PlaceKind)) {
    const key = JSON.stringify(precisions.map((p) => precisionAt({ kind: k, precision: p })));
    groups.set(key, [...(groups.get(key) ?? []), k]);
  }
  const cases = [...groups].map(([key, kinds]) => {
    const to = JSON.parse(key) as GeoPrecision[];
    const kindList = sql.join(kinds.map((k) => sql.lit(k)));
    const value = to.every((p) => p === to[0])
      ? sql.lit(to[0])
      : sql`case ${precision} ${sql.join(
          precisions.map((p, i) => sql`when ${sql.lit(p)} then ${sql.lit(to[i])}`),
          sql` `,
        )} end`;
    return sql`when ${kind} in (${kindList}) then ${value}`;
  });
  return sql<GeoPrecision>`case ${sql.join(cases, sql` `)} end`;
}

/**
 * Whether every place's geocoding forms are up to date (place_alias_stale is empty): otherwise
 * geocodeMatchSql may answer from old names, and the resolvers geocode instead (SQL, a condition).
 */
export const ALIAS_FORMS_FRESH: RawBuilder<boolean> = sql<boolean>`not exists (select 1 from place_alias_stale)`;

/**
 * createGeocoder's match (geocode.ts) over the stored forms (place_alias_form): one row
 * (GeocodeMatchRow) or none. `text` is the name trimmed, `hans` it in simplified script
 * (toSimplified), `id` it in lower case. A place whose id is `id`, with its id for the alias;
 * else the first form in createGeocoder's order (hans length, specificity, place ordinal, form
 * position) whose alias or traditional form the name contains, or whose simplified form its
 * simplified form contains, reported as the first alias of that place with the same simplified
 * form that the name contains as written (清徐開發區, not 清徐开发区), else as itself. strpos, as
 * JavaScript's includes, compares characters exactly.
 */
export function geocodeMatchSql(text: string, hans: string, id: string): RawBuilder<GeocodeMatchRow> {
  return sql<GeocodeMatchRow>`
    select gm."placeId", gm.alias, gmp.kind, ${precisionAtSql(sql.ref("gmp.kind"), sql.ref("gmp.precision"))} as precision
    from (
      (select gi.id as "placeId", gi.id as alias, 0 as k from place gi where gi.id = ${id}::text)
      union all
      (select gf.place_id, coalesce(
          (select gl.alias from place_alias_form gl
            where gl.place_id = gf.place_id and gl.hans = gf.hans and strpos(${text}::text, gl.alias) > 0
            order by gl.position limit 1),
          gf.alias), 1
        from place_alias_form gf join place gfp on gfp.id = gf.place_id
        where strpos(${text}::text, gf.alias) > 0 or strpos(${hans}::text, gf.hans) > 0 or strpos(${text}::text, gf.hant) > 0
        order by gf.hans_length desc, ${specificitySql(sql.ref("gfp.kind"))} desc, gfp.ordinal, gfp.id, gf.position
        limit 1)
    ) gm join place gmp on gmp.id = gm."placeId"
    order by gm.k limit 1`;
}

export interface GeometryCheckRow {
  idx: number;
  valid: boolean;
  reason: string;
  /** null when Taiyuan's outline is not loaded */
  inside: boolean | null;
}

/** Validity of given geometries and whether Taiyuan's outline covers them. */
export async function checkGeometries(db: Db, rows: { idx: number; geometry: string }[]): Promise<GeometryCheckRow[]> {
  if (rows.length === 0) return [];
  const r = await sql<GeometryCheckRow>`
    select r.idx, ST_IsValid(x.g) as valid, ST_IsValidReason(x.g) as reason,
      case when ST_IsValid(x.g) then (select ST_Covers(c.geom, x.g) from place c where c.id = 'taiyuan') end as inside
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(idx int, geometry text)
    cross join lateral (select ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4326) as g) x`.execute(db);
  return r.rows;
}

/** What one project row should become; geometry from GeoJSON text or from gazetteer places. */
export interface ProjectWrite {
  id: string;
  /** the plan that names it (seeded projects); null keeps what is stored */
  planId: string | null;
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
  /** null keeps what is stored */
  spanStart: number | null;
  spanEnd: number | null;
  /** null: after every existing project (new rows), kept on update */
  ordinal: number | null;
  taskIds: string[];
  geometry: string | null;
  /** one place: its geometry; several of one dimension: their union; mixed: their label points */
  placeIds: string[] | null;
  /** keep the stored geometry (an update that gives no position) */
  keepGeometry?: boolean;
}

function candidates(rows: ProjectWrite[]): RawBuilder<unknown> {
  const json = JSON.stringify(
    rows.map((w, idx) => ({
      idx,
      id: w.id,
      plan_id: w.planId,
      name_hans: w.nameHans,
      name_hant: w.nameHant,
      name_en: w.nameEn,
      category: w.category,
      precision: w.precision,
      position_source: w.positionSource,
      start_year: w.startYear,
      end_year: w.endYear,
      investment_cny: w.investmentCny,
      reference: w.reference,
      span_start: w.spanStart,
      span_end: w.spanEnd,
      ordinal: w.ordinal,
      task_ids: [...new Set(w.taskIds)].sort(),
      geometry: w.geometry,
      place_ids: w.placeIds,
      placed_at: w.placeIds ?? [],
      keep_geometry: w.keepGeometry ?? false,
    })),
  );
  return sql`(
    select r.*, g.geom, case when r.keep_geometry then (select x.place_ids from project x where x.id = r.id)
      else array(select jsonb_array_elements_text(r.placed_at)) end as place_array
    from jsonb_to_recordset(${json}::jsonb) as r(idx int, id text, plan_id text, name_hans text, name_hant text, name_en text,
      category text, precision text, position_source text, start_year int, end_year int, investment_cny float8, reference text,
      span_start int, span_end int, ordinal int, task_ids jsonb, geometry text, place_ids jsonb, placed_at jsonb, keep_geometry boolean)
    cross join lateral (select case
      when r.keep_geometry then (select x.geom from project x where x.id = r.id)
      when r.geometry is not null then ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4326)
      when r.place_ids is not null then (
        select case when count(*) = 1 then (array_agg(p.geom))[1]
                    when count(distinct ST_Dimension(p.geom)) = 1 then ST_Union(p.geom)
                    else ST_Union(p.label_point) end
        from place p where p.id in (select jsonb_array_elements_text(r.place_ids)))
      end as geom) g)`;
}

export interface CompareRow {
  idx: number;
  id: string;
  exists: boolean;
  changed: boolean;
}

/** For each candidate row: does the project exist, and would writing it change anything (fields, geometry, tasks)? */
export async function compareProjects(db: Db, rows: ProjectWrite[]): Promise<CompareRow[]> {
  if (rows.length === 0) return [];
  const r = await sql<CompareRow>`
    select c.idx, c.id, p.id is not null as exists,
      p.id is null
      or (p.name_hans, p.name_hant, p.name_en, p.category, p.precision, p.position_source, p.start_year, p.end_year, p.investment_cny, p.reference,
          p.plan_id, p.span_start, p.span_end, p.place_ids)
        is distinct from (c.name_hans, c.name_hant, c.name_en, c.category, c.precision, c.position_source, c.start_year, c.end_year, c.investment_cny, c.reference,
          coalesce(c.plan_id, p.plan_id), coalesce(c.span_start, p.span_start), coalesce(c.span_end, p.span_end), c.place_array)
      or ST_AsEWKB(p.geom) is distinct from ST_AsEWKB(c.geom)
      or array(select pt.task_id from project_task pt where pt.project_id = p.id order by pt.task_id)
        is distinct from array(select jsonb_array_elements_text(c.task_ids) order by 1) as changed
    from ${candidates(rows)} c left join project p on p.id = c.id
    order by c.idx`.execute(db);
  return r.rows;
}

/** Inserts or updates projects and replaces their task links; call inside a transaction. */
export async function writeProjects(trx: Db, rows: ProjectWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into project (id, plan_id, name_hans, name_hant, name_en, category, geom, place_ids, precision, position_source, start_year, end_year,
      investment_cny, span_start, span_end, reference, ordinal)
    select c.id, c.plan_id, c.name_hans, c.name_hant, c.name_en, c.category, c.geom, c.place_array, c.precision, c.position_source, c.start_year, c.end_year,
      c.investment_cny, c.span_start, c.span_end, c.reference,
      coalesce(c.ordinal, (select coalesce(max(ordinal), -1) + 1 from project) + c.idx)
    from ${candidates(rows)} c
    on conflict (id) do update set plan_id = coalesce(excluded.plan_id, project.plan_id), name_hans = excluded.name_hans, name_hant = excluded.name_hant,
      name_en = excluded.name_en, category = excluded.category, geom = excluded.geom, place_ids = excluded.place_ids, precision = excluded.precision,
      position_source = excluded.position_source, start_year = excluded.start_year, end_year = excluded.end_year,
      investment_cny = excluded.investment_cny, reference = excluded.reference,
      span_start = coalesce(excluded.span_start, project.span_start), span_end = coalesce(excluded.span_end, project.span_end)`.execute(
    trx,
  );
  const ids = rows.map((w) => w.id);
  await trx.deleteFrom("project_task").where("project_id", "=", anyText(ids)).execute();
  await sql`
    insert into project_task (project_id, task_id)
    select r.project_id, r.task_id
    from jsonb_to_recordset(${JSON.stringify(rows.flatMap((w) => [...new Set(w.taskIds)].map((taskId) => ({ project_id: w.id, task_id: taskId }))))}::jsonb)
      as r(project_id text, task_id text)
    on conflict do nothing`.execute(trx);
}

/** Removes seeded projects of a plan that left the seed file, unless someone reported on them. */
export async function deleteSeededProjectsExcept(trx: Db, planId: string, keepIds: string[]): Promise<void> {
  await trx
    .deleteFrom("project as pr")
    .where("pr.plan_id", "=", planId)
    .where((eb) => eb.not(eb("pr.id", "=", anyText(keepIds))))
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom("progress_report as r").select("r.id").whereRef("r.project_id", "=", "pr.id"))),
    )
    .execute();
}

/** How a stored project's position is known, to keep it when an update gives none. */
export async function findProjectPosition(
  db: Db,
  id: string,
): Promise<{ precision: GeoPrecision; positionSource: string } | undefined> {
  return db
    .selectFrom("project")
    .select((eb) => [eb.ref("precision").$castTo<GeoPrecision>().as("precision"), "position_source as positionSource"])
    .where("id", "=", id)
    .executeTakeFirst();
}

const IMPORT_LOCK = 20130717;

/** Holds the project import until the transaction ends: one import at a time, across server processes too. */
export async function lockProjectImport(trx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`.execute(trx);
}
