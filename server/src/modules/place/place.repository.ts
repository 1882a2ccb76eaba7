/** All SQL about places: lookups, spatial queries, containment and obligations. */
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../../db/database.ts";
import { anyText } from "../../db/any-of.ts";
import { limitTo } from "../../db/loader-utils.ts";
import { enumArray } from "../../db/sql-literals.ts";
import type { PlaceKind } from "../../core/enums.ts";
import type { GeoJsonGeometry } from "../../core/geojson.ts";
import { linkCondition, type Spatial } from "../spatial/spatial-filter.ts";
import type { PlaceRow } from "./place.type.ts";
import type { TaskRow } from "../task/task.type.ts";
import { allWordsMatch } from "../search/search.repository.ts";
import { aliasForms } from "../project/geocode.ts";

// bbox from one box3d per row: four ST_XMin(p.geom)-style calls would read (detoast) the geometry four times
export const PLACE_COLUMNS = sql`p.id, p.code, p.name_hans as "nameHans", p.name_hant as "nameHant", p.name_en as "nameEn", p.aliases,
  p.kind, p.parent_id as "parentId", p.precision, p.source, p.area_km2 as "areaKm2", p.ordinal,
  ST_AsGeoJSON(p.label_point, 6)::json as centroid,
  (select array[ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b)]::float8[] from (select p.geom::box3d as b) x) as bbox`;

/** Which of `ids` name a place. */
export async function findExistingPlaceIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom("place").select("id").where("id", "=", anyText(ids)).execute();
  return new Set(rows.map((row) => row.id));
}

/** Links of one task or place, strongest role first: the order of every place link list. */
export function roleOrder(link: string): RawBuilder<number> {
  return roleRank(sql.ref(`${link}.role`));
}

/** A role's place in roleOrder (SQL, 1 for PILOT … 5 for MENTION; null for no role of these). */
export function roleRank(role: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`array_position(array['PILOT','SUBJECT','LEAD','APPLIES','MENTION'], ${role})`;
}

export interface PlaceQuery {
  kinds: PlaceKind[] | null;
  spatial: Spatial | null;
  /** simplified-script text */
  text: string | null;
}

export async function findPlaces(db: Db, q: PlaceQuery, limit: number | null = null): Promise<PlaceRow[]> {
  const where = placeConditions(q);
  const r =
    await sql<PlaceRow>`select ${PLACE_COLUMNS} from place p ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``} order by p.ordinal ${limitTo(limit)}`.execute(
      db,
    );
  return r.rows;
}

/** Conditions on the place row `p` for a place query (listed in `p.ordinal` order). */
export function placeConditions(q: PlaceQuery): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [];
  if (q.kinds) where.push(sql`p.kind = any(${enumArray(q.kinds)})`);
  if (q.spatial) where.push(linkCondition({ ...q.spatial, excludeCitywide: false }, "p", null));
  if (q.text) {
    const words = allWordsMatch(
      q.text,
      (pattern) => sql`p.name_hans ilike ${pattern} or p.name_hant ilike ${pattern} or p.name_en ilike ${pattern}
      or exists (select 1 from unnest(p.aliases) a where a ilike ${pattern})`,
    );
    where.push(sql`(${words} or p.id = ${q.text})`);
  }
  return where;
}

export async function findPlacesByIds(db: Db, ids: readonly string[]): Promise<PlaceRow[]> {
  const r = await sql<PlaceRow>`select ${PLACE_COLUMNS} from place p where p.id = any(${[...ids]}::text[])`.execute(db);
  return r.rows;
}

export async function findPlaceByCode(db: Db, code: string): Promise<PlaceRow | undefined> {
  const r = await sql<PlaceRow>`select ${PLACE_COLUMNS} from place p where p.code = ${code}`.execute(db);
  return r.rows[0];
}

export async function findChildren(
  db: Db,
  parentIds: readonly string[],
  limit: number | null = null,
): Promise<PlaceRow[]> {
  const r =
    await sql<PlaceRow>`select ${PLACE_COLUMNS} from place p where p.parent_id = any(${[...parentIds]}::text[]) order by p.ordinal ${limitTo(limit)}`.execute(
      db,
    );
  return r.rows;
}

/** Containing places, largest first. */
export async function findContainers(db: Db, innerIds: readonly string[]): Promise<(PlaceRow & { innerId: string })[]> {
  const r = await sql<PlaceRow & { innerId: string }>`
    select c.inner_id as "innerId", ${PLACE_COLUMNS}
    from place_containment c join place p on p.id = c.outer_id
    where c.inner_id = any(${[...innerIds]}::text[])
    order by c.inner_id, p.area_km2 desc nulls last, p.ordinal`.execute(db);
  return r.rows;
}

/** Every place whose geometry contains the point, smallest first. */
export async function findPlacesAt(db: Db, lng: number, lat: number): Promise<PlaceRow[]> {
  const r = await sql<PlaceRow>`
    select ${PLACE_COLUMNS} from place p
    where ST_Intersects(p.geom, ST_SetSRID(ST_MakePoint(${lng}::float8, ${lat}::float8), 4326))
      and ST_Dimension(p.geom) = 2
    order by p.area_km2 asc nulls first, p.ordinal`.execute(db);
  return r.rows;
}

/**
 * A place's boundary for display at `tolerance` (degrees): its outline stored at the largest tolerance not above it
 * (place_outline, kept by a trigger: migration 0016), so never simplified more than asked; the boundary as
 * surveyed without a tolerance, or below the smallest stored one. Never ST_SimplifyPreserveTopology while a
 * request waits: it is slow, and a cancel in the middle of it kills the PostgreSQL backend (see the migration).
 */
export function displayGeometry(
  id: RawBuilder<unknown>,
  geom: RawBuilder<unknown>,
  tolerance: number | null | undefined,
): RawBuilder<unknown> {
  if (!tolerance || !(tolerance > 0)) return sql`${geom}`;
  return sql`coalesce((select o.geom from place_outline o where o.place_id = ${id} and o.tolerance <= ${tolerance}::float8
    order by o.tolerance desc limit 1), ${geom})`;
}

/** GeoJSON geometries, optionally simplified (tolerance in degrees: displayGeometry). */
export async function findGeometries(
  db: Db,
  ids: readonly string[],
  tolerance: number | null,
): Promise<{ id: string; geometry: GeoJsonGeometry }[]> {
  const geom = displayGeometry(sql.ref("p.id"), sql.ref("p.geom"), tolerance);
  const r = await sql<{ id: string; geometry: GeoJsonGeometry }>`
    select p.id, ST_AsGeoJSON(${geom}, 6)::json as geometry from place p where p.id = any(${[...ids]}::text[])`.execute(
    db,
  );
  return r.rows;
}

export interface ObligationLinkRow {
  placeId: string;
  taskId: string;
  reason: "DIRECT" | "CONTAINED" | "LEAD" | "APPLIES_TO_ALL" | "CITYWIDE";
  linkTaskId: string | null;
  linkPlaceId: string | null;
  linkRole: string | null;
  evidenceStart: number | null;
  evidenceEnd: number | null;
  curated: boolean | null;
  note: string | null;
  planId: string;
  taskOrder: number;
  planOrder: number;
  /** the task's row, so that the obligations need no second statement for their tasks */
  task: TaskRow;
}

/**
 * Every reason each task is an obligation of each place, one row per (reason, link):
 * links to the place itself (DIRECT, or APPLIES_TO_ALL for every-unit duties),
 * to places inside it (CONTAINED), its government leading (LEAD), and the whole city (CITYWIDE).
 * Per place in plan order of the tasks (tasks of the same ordinal by id, as every task list); a
 * task's links as every place link list (roleOrder), so an obligation's `via` and the order of a
 * place's obligations are the same whatever plan PostgreSQL picks (and whatever the limit).
 * `limit`: the rows of the first `limit` obligations (place and task) only, each with all its rows.
 */
export async function findObligationLinks(
  db: Db,
  placeIds: readonly string[],
  opts: {
    includeContained: boolean;
    includeCitywide: boolean;
    kinds: string[] | null;
    /** at most this many obligations (a place and a task), with every row of each */
    limit?: number | null;
    taskIds?: readonly string[];
  },
): Promise<ObligationLinkRow[]> {
  const kinds = opts.kinds ? sql`and t.kind = any(${enumArray(opts.kinds)})` : sql``;
  const tasks = opts.taskIds ? sql`and t.id = any(${[...opts.taskIds]}::text[])` : sql``;
  const order = sql`r.place_id, pl.ordinal, t.ordinal, t.id, ${roleOrder("tp")} nulls last, lp.ordinal nulls last, r.reason`;
  const rows = sql<ObligationLinkRow>`
    with ${obligationReasons(placeIds, opts)}
    select r.place_id as "placeId", r.task_id as "taskId", r.reason,
      case when r.reason in ('LEAD', 'APPLIES_TO_ALL') then null else tp.task_id end as "linkTaskId",
      case when r.reason in ('LEAD', 'APPLIES_TO_ALL') then null else tp.place_id end as "linkPlaceId",
      case when r.reason in ('LEAD', 'APPLIES_TO_ALL') then null else tp.role end as "linkRole",
      tp.evidence_start as "evidenceStart", tp.evidence_end as "evidenceEnd", tp.curated, tp.note,
      t.plan_id as "planId", t.ordinal as "taskOrder", pl.ordinal as "planOrder",
      (select row_to_json(x) from (select t.id, t.plan_id as "planId", t.kind, t.number, t.ref, t.section_id as "sectionId", t.ordinal,
        t.title_hans as "titleHans", t.title_hant as "titleHant", t.title_en as "titleEn", t.text_hans as "textHans", t.text_hant as "textHant",
        t.span_start as "spanStart", t.span_end as "spanEnd", t.due_year as "dueYear") x) as task,
      row_number() over (order by ${order}) as row_n,
      dense_rank() over (order by r.place_id, pl.ordinal, t.ordinal, t.id) as obligation_n
    from reasons r
    join task t on t.id = r.task_id ${kinds} ${tasks}
    join plan pl on pl.id = t.plan_id
    left join task_place tp on tp.task_id = r.task_id and tp.place_id = r.link_place and tp.role = r.link_role
    left join place lp on lp.id = tp.place_id`;
  // a limit keeps whole obligations: every row of the first `limit`
  const r = await sql<ObligationLinkRow>`
    select * from (${rows}) y ${opts.limit == null ? sql`` : sql`where y.obligation_n <= ${opts.limit}::bigint`}
    order by y.row_n`.execute(db);
  return r.rows;
}

/**
 * The CTEs `target(place_id)` (the places asked about) and `reasons(place_id, task_id, reason,
 * link_place, link_role)`: every reason each task is an obligation of each place (see
 * findObligationLinks, which lists them, and findStatusSummaries, which counts them).
 */
export function obligationReasons(
  placeIds: readonly string[],
  opts: { includeContained: boolean; includeCitywide: boolean },
): RawBuilder<unknown> {
  return sql`target(place_id) as (select unnest(${[...placeIds]}::text[])),
    reasons as (${reasonsSql(sql`${[...placeIds]}::text[]`, opts)})`;
}

/**
 * The rows of obligationReasons' `reasons` for the places of `placeIds` (any text[] expression:
 * the SQL executor passes the place it is building), columns place_id, task_id, reason,
 * link_place, link_role; with `taskId` (SQL), only that task's.
 */
export function reasonsSql(
  placeIds: RawBuilder<unknown>,
  opts: { includeContained: boolean; includeCitywide: boolean; taskId?: RawBuilder<unknown> },
): RawBuilder<ObligationReasonRow> {
  const only = (column: string) => (opts.taskId ? sql`and ${sql.ref(column)} = ${opts.taskId}` : sql``);
  return sql<ObligationReasonRow>`
      select g.place_id, tp.task_id, case tp.role when 'APPLIES' then 'APPLIES_TO_ALL' when 'LEAD' then 'LEAD' else 'DIRECT' end as reason, tp.place_id as link_place, tp.role as link_role
      from unnest(${placeIds}) g(place_id) join task_place tp on tp.place_id = g.place_id ${only("tp.task_id")}
      union all
      select g.place_id, tp.task_id, case tp.role when 'APPLIES' then 'APPLIES_TO_ALL' else 'CONTAINED' end, tp.place_id, tp.role
      from unnest(${placeIds}) g(place_id) join place_containment c on c.outer_id = g.place_id join task_place tp on tp.place_id = c.inner_id ${only("tp.task_id")}
      where ${opts.includeContained}
      union all
      select g.place_id, l.task_id, 'LEAD', null, null
      from unnest(${placeIds}) g(place_id) join department d on d.jurisdiction_place_id = g.place_id join task_lead l on l.department_id = d.id ${only("l.task_id")}
      union all
      select g.place_id, tp.task_id, 'CITYWIDE', tp.place_id, tp.role
      from unnest(${placeIds}) g(place_id) join place city on city.kind = 'CITY' join task_place tp on tp.place_id = city.id ${only("tp.task_id")}
      where ${opts.includeCitywide} and g.place_id <> city.id
        and exists (select 1 from place_containment c where c.outer_id = city.id and c.inner_id = g.place_id)`;
}

export interface ObligationReasonRow {
  place_id: string;
  task_id: string;
  reason: ObligationLinkRow["reason"];
  link_place: string | null;
  link_role: string | null;
}

/**
 * A place's obligations as the API shows them (toObligations in place.service.ts, said in SQL for
 * the SQL executor): one row per task, from reasonsSql for the place `placeId` (SQL), with
 * columns task_id, place_id (the place asked about), reasons (text[], in the API's order,
 * CITYWIDE dropped beside any other reason), citywide (CITYWIDE is its only reason), owner_id
 * (the place of the obligation row behind it: the city's for an entry that is only CITYWIDE),
 * obligation_id (that row's id, null when there is none), and via_place/via_role (the links
 * behind it as parallel arrays, repeats included: Obligation.via orders and filters them).
 * `kinds` (SQL text[], or null) keeps the tasks of those kinds; `taskId` only that task.
 */
export function obligationEntriesSql(
  placeId: RawBuilder<unknown>,
  opts: {
    includeContained: boolean;
    includeCitywide: boolean;
    kinds?: string[] | null;
    taskId?: RawBuilder<unknown>;
  },
): RawBuilder<unknown> {
  const kinds = opts.kinds ? sql`where oe_t.kind = any(${enumArray(opts.kinds)})` : sql``;
  // LEAD and APPLIES_TO_ALL name no link (findObligationLinks)
  const linked = sql`oe_r.reason not in ('LEAD', 'APPLIES_TO_ALL') and oe_r.link_place is not null`;
  return sql`
    select oe_x.*, (select oe_o.id from obligation oe_o where oe_o.task_id = oe_x.task_id and oe_o.place_id = oe_x.owner_id) as obligation_id
    from (
      select oe_r.task_id, ${placeId}::text as place_id,
        array(select u.reason from unnest(array['DIRECT', 'CONTAINED', 'LEAD', 'APPLIES_TO_ALL', 'CITYWIDE']) with ordinality u(reason, i)
          where u.reason = any(array_agg(oe_r.reason)) and (u.reason <> 'CITYWIDE' or bool_and(oe_r.reason = 'CITYWIDE')) order by u.i) as reasons,
        bool_and(oe_r.reason = 'CITYWIDE') as citywide,
        case when bool_and(oe_r.reason = 'CITYWIDE') then (array_agg(oe_r.link_place order by oe_r.link_place))[1] else ${placeId}::text end as owner_id,
        coalesce(array_agg(oe_r.link_place order by oe_r.link_place, oe_r.link_role) filter (where ${linked}), '{}') as via_place,
        coalesce(array_agg(oe_r.link_role order by oe_r.link_place, oe_r.link_role) filter (where ${linked}), '{}') as via_role
      from (${reasonsSql(sql`array[${placeId}::text]`, opts)}) oe_r
      join task oe_t on oe_t.id = oe_r.task_id ${kinds}
      group by oe_r.task_id
    ) oe_x`;
}

/** A gazetteer place as an import writes it: the place table's columns, the geometry as GeoJSON. */
export interface GazetteerPlaceWrite {
  id: string;
  code: string | null;
  name_hans: string;
  name_hant: string;
  name_en: string | null;
  kind: string;
  parent_id: string | null;
  precision: string;
  source: string;
  aliases: string[];
  geometry: unknown;
  ordinal: number;
}

/**
 * Inserts or updates the gazetteer's places (a row whose content and geometry are unchanged is
 * not rewritten), then sets their parents in a second pass, so the order of the rows does not
 * matter. One parameter per statement however many places: the rows travel as one JSON array.
 * Containment is not recomputed here (computeContainment).
 */
export async function upsertGazetteerPlaces(trx: Db, rows: GazetteerPlaceWrite[]): Promise<void> {
  await sql`
    insert into place (id, code, name_hans, name_hant, name_en, kind, parent_id, precision, source, aliases, geom, label_point, area_km2, ordinal)
    select r.id, r.code, r.name_hans, r.name_hant, r.name_en, r.kind, null, r.precision, r.source,
      array(select jsonb_array_elements_text(r.aliases)), g.geom,
      ST_PointOnSurface(g.geom),
      case when ST_Dimension(g.geom) = 2 then ST_Area(g.geom::geography) / 1e6 end, r.ordinal
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id text, code text, name_hans text, name_hant text, name_en text, kind text,
      parent_id text, precision text, source text, aliases jsonb, geometry jsonb, ordinal int)
    cross join lateral (select ST_SetSRID(ST_GeomFromGeoJSON(r.geometry::text), 4326) as geom) g
    on conflict (id) do update set
      code = excluded.code, name_hans = excluded.name_hans, name_hant = excluded.name_hant, name_en = excluded.name_en,
      kind = excluded.kind, precision = excluded.precision, source = excluded.source, aliases = excluded.aliases,
      geom = excluded.geom, label_point = excluded.label_point, area_km2 = excluded.area_km2, ordinal = excluded.ordinal
    where (place.code, place.name_hans, place.name_hant, place.name_en, place.kind, place.precision, place.source, place.aliases, place.ordinal)
      is distinct from (excluded.code, excluded.name_hans, excluded.name_hant, excluded.name_en, excluded.kind, excluded.precision, excluded.source, excluded.aliases, excluded.ordinal)
      or not ST_Equals(place.geom, excluded.geom)`.execute(trx);
  await sql`
    update place p set parent_id = r.parent_id
    from jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ id: r.id, parent_id: r.parent_id })))}::jsonb) as r(id text, parent_id text)
    where p.id = r.id and p.parent_id is distinct from r.parent_id`.execute(trx);
  await syncPlaceAliasForms(trx);
}

/**
 * Recomputes the geocoding forms (place_alias_form, geocode.ts aliasForms) of the places whose
 * names or aliases were written since (place_alias_stale, marked by a trigger on place: migration
 * 0015), and clears their marks. Nothing to do, nothing converted: OpenCC is loaded only when a
 * place is marked. Run it after writing places (upsertGazetteerPlaces does), in the same transaction.
 */
export async function syncPlaceAliasForms(db: Db): Promise<void> {
  const stale = await sql<{ id: string; nameHans: string; nameHant: string; aliases: string[] }>`
    select p.id, p.name_hans as "nameHans", p.name_hant as "nameHant", p.aliases
    from place_alias_stale s join place p on p.id = s.place_id order by p.id for update of s`.execute(db);
  if (stale.rows.length === 0) return;
  const forms = stale.rows.flatMap((p) =>
    aliasForms(p).map((f, position) => ({
      place_id: p.id,
      position,
      alias: f.alias,
      hans: f.hans,
      hant: f.hant,
      hans_length: f.hans.length,
    })),
  );
  const ids = stale.rows.map((p) => p.id);
  await sql`delete from place_alias_form where place_id = any(${ids}::text[])`.execute(db);
  await sql`
    insert into place_alias_form (place_id, position, alias, hans, hant, hans_length)
    select r.place_id, r.position, r.alias, r.hans, r.hant, r.hans_length
    from jsonb_to_recordset(${JSON.stringify(forms)}::jsonb) as r(place_id text, position int, alias text, hans text, hant text, hans_length int)`.execute(
    db,
  );
  await sql`delete from place_alias_stale where place_id = any(${ids}::text[])`.execute(db);
}

/** Rebuilds place_containment from the geometries (run after places change). */
export async function computeContainment(db: Db): Promise<void> {
  // A place lies in another when the other covers its point-on-surface and, for areas,
  // at least half of it: approximate areas drawn across a boundary (西山) belong to the
  // unit holding most of them rather than to none.
  // A point that stands in for an unknown position says nothing about where the place is:
  // one known only to lie in the city (ADM2) lies in the city alone, one known only to its
  // county-level unit (ADM3) in administrative units alone (the rule projects follow,
  // project.repository geometricallyIn). Otherwise the city's placeholder point, in
  // Jiancaoping, made Jiancaoping answer for the private economy zone's tasks.
  await sql`
    delete from place_containment;
    insert into place_containment (outer_id, inner_id)
    select o.id, i.id from place o join place i on i.id <> o.id
    where ST_Dimension(o.geom) = 2
      and ${standInAllows(sql.ref("i.precision"), sql.ref("o.kind"))}
      and ST_Covers(o.geom, i.label_point)
      and (ST_Dimension(i.geom) < 2 or (ST_Area(i.geom) < ST_Area(o.geom) and ST_Area(ST_Intersection(o.geom, i.geom)) >= 0.5 * ST_Area(i.geom)));
  `.execute(db);
}

/**
 * Brings the obligation rows in line with the links (of these tasks, or all): one per task and
 * linked place, county-level unit or zone holding a linked place (not the city, which holds
 * everything), place whose government leads it, and the city (every task: lead departments and
 * planners report there). Ids never change: a row whose reason is gone is only marked inactive
 * (its reports stay; it counts nowhere) and is active again, with its reports, when the reason
 * returns. Run after an import, a seed, or a curated link change, in the same transaction.
 */
export async function syncObligations(db: Db, taskIds: readonly string[] | null = null): Promise<void> {
  const scope = (column: string) => (taskIds ? sql`and ${sql.ref(column)} = any(${[...taskIds]}::text[])` : sql``);
  await sql`
    with wanted as (
      select tp.task_id, tp.place_id from task_place tp where true ${scope("tp.task_id")}
      union
      select tp.task_id, c.outer_id from task_place tp join place_containment c on c.inner_id = tp.place_id
        join place op on op.id = c.outer_id where op.kind <> 'CITY' ${scope("tp.task_id")}
      union
      select l.task_id, d.jurisdiction_place_id from task_lead l join department d on d.id = l.department_id
        where d.jurisdiction_place_id is not null ${scope("l.task_id")}
      union
      select t.id, city.id from task t cross join place city where city.kind = 'CITY' ${scope("t.id")}
    ),
    added as (
      insert into obligation (task_id, place_id) select task_id, place_id from wanted
      on conflict (task_id, place_id) do update set active = true where not obligation.active
      returning id
    )
    update obligation o set active = false
    where o.active ${scope("o.task_id")}
      and not exists (select 1 from wanted w where w.task_id = o.task_id and w.place_id = o.place_id)`.execute(db);
}

/** Whether a place of this precision may lie in an outer place of this kind by geometry: stand-in points only in what they stand for. */
function standInAllows(precision: RawBuilder<unknown>, outerKind: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`(case ${precision}
    when 'ADM2' then ${outerKind} = 'CITY'
    when 'ADM3' then ${outerKind} in ('CITY', 'DISTRICT', 'COUNTY', 'COUNTY_CITY')
    else true end)`;
}
