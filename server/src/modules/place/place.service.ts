/** Rules for reading places: validation of filters, obligations and their summary. */
import type { Db } from "../../db/database.ts";
import type { Loaders } from "../loaders.ts";
import type { ListBudget } from "../../core/list-budget.ts";
import { ObligationReason, type PlaceKind, type TaskKind } from "../../core/enums.ts";
import type { GeoJsonGeometry } from "../../core/geojson.ts";
import { toSimplified } from "../../core/script.ts";
import { ValidationError } from "../../core/errors.ts";
import { validateSpatial } from "../spatial/spatial-filter.ts";
import type { TaskFilter, TaskNode, TaskPlaceRow } from "../task/task.type.ts";
import { checkPlaceIdsExist } from "../task/task.service.ts";
import {
  findGeometries,
  findPlaceByCode,
  findPlaces,
  findPlacesAt,
  syncPlaceAliasForms,
  type ObligationLinkRow,
  type PlaceQuery,
} from "./place.repository.ts";
import type { ObligationRow, PlaceFilter, PlaceRow, StatusSummary } from "./place.type.ts";

/**
 * Brings the geocoding forms of places written without them (straight into the table: a hand-written
 * UPDATE, a bulk load) up to date, at boot: until then the SQL executor leaves geocoding to the
 * resolvers (place.repository.ts syncPlaceAliasForms). Nothing to do: one statement.
 */
export async function refreshGeocodingForms(db: Db): Promise<void> {
  await db.transaction().execute((trx) => syncPlaceAliasForms(trx));
}

const REASON_ORDER = [
  ObligationReason.DIRECT,
  ObligationReason.CONTAINED,
  ObligationReason.LEAD,
  ObligationReason.APPLIES_TO_ALL,
  ObligationReason.CITYWIDE,
];

/** Places matching a filter, in gazetteer order; no more than the request's list budget has left. */
export async function listPlaces(db: Db, budget: ListBudget, filter: PlaceFilter | null): Promise<PlaceRow[]> {
  const query = toPlaceQuery(filter);
  return budget.readCapped("Query.places", (cap) => findPlaces(db, query, cap));
}

/** Every place of these kinds (null: all), in gazetteer order, each with its whole geometry: the places export. */
export async function listPlacesWithGeometry(
  db: Db,
  kinds: PlaceKind[] | null,
): Promise<(PlaceRow & { geometry: GeoJsonGeometry | undefined })[]> {
  const rows = await findPlaces(db, { kinds, spatial: null, text: null });
  const geometries = await findGeometries(
    db,
    rows.map((p) => p.id),
    null,
  );
  const byId = new Map(geometries.map((g) => [g.id, g.geometry]));
  return rows.map((p) => ({ ...p, geometry: byId.get(p.id) }));
}

/** Validates a PlaceFilter into a query; throws ValidationError naming what is wrong. */
export function toPlaceQuery(filter: PlaceFilter | null | undefined): PlaceQuery {
  const f = filter ?? {};
  const spatial = validateSpatial({ within: f.within, bbox: f.bbox, near: f.near });
  return {
    kinds: f.kinds?.length ? f.kinds : null,
    spatial: spatial && { ...spatial, excludeCitywide: false },
    text: f.text?.trim() ? toSimplified(f.text.trim()).slice(0, 100) : null,
  };
}

/** Checks a coordinate pair given as query arguments. */
export function checkPoint(lng: number, lat: number): void {
  if (!Number.isFinite(lng) || lng < -180 || lng > 180)
    throw new ValidationError(`lng must be between -180 and 180, got ${lng}`);
  if (!Number.isFinite(lat) || lat < -90 || lat > 90)
    throw new ValidationError(`lat must be between -90 and 90, got ${lat}`);
}

/** Each task once, with every reason it is an obligation of the place and the links behind it. */
export async function obligationsOf(
  loaders: Loaders,
  placeId: string,
  opts: { includeContained: boolean; includeCitywide: boolean; kinds: TaskKind[] | null },
): Promise<ObligationRow[]> {
  const rows = await loaders.obligationLinks.load({ placeId, ...opts, kinds: opts.kinds?.length ? opts.kinds : null });
  return toObligations(loaders, placeId, rows);
}

/** Obligation rows as the API shows them (with reasons and links), from their keys. */
export async function obligationsByKeys(
  loaders: Loaders,
  keys: readonly { taskId: string; placeId: string }[],
): Promise<ObligationRow[]> {
  const groups = await Promise.all(keys.map((k) => loaders.obligationReasons.load(k)));
  // a key whose task is gone has no reasons left and drops out
  return (await Promise.all(keys.map((k, i) => toObligations(loaders, k.placeId, groups[i])))).flat();
}

async function toObligations(loaders: Loaders, placeId: string, rows: ObligationLinkRow[]): Promise<ObligationRow[]> {
  const byTask = new Map<string, { reasons: Set<ObligationReason>; via: TaskPlaceRow[]; seen: Set<string> }>();
  for (const r of rows) {
    loaders.task.prime(r.taskId, r.task);
    let entry = byTask.get(r.taskId);
    if (!entry) byTask.set(r.taskId, (entry = { reasons: new Set(), via: [], seen: new Set() }));
    entry.reasons.add(r.reason as ObligationReason);
    if (r.linkTaskId && r.linkPlaceId && r.linkRole) {
      const key = `${r.linkPlaceId}|${r.linkRole}`;
      if (!entry.seen.has(key)) {
        entry.seen.add(key);
        entry.via.push({
          taskId: r.linkTaskId,
          placeId: r.linkPlaceId,
          role: r.linkRole as TaskPlaceRow["role"],
          evidenceStart: r.evidenceStart,
          evidenceEnd: r.evidenceEnd,
          curated: r.curated ?? false,
          note: r.note,
          planId: r.planId,
        });
      }
    }
  }
  // a task the place carries itself is not also "citywide" for it
  const tasks = await loaders.task.loadMany([...byTask.keys()]);
  return tasks.flatMap((task) => {
    if (!task || task instanceof Error) return [];
    const entry = byTask.get(task.id)!;
    if (entry.reasons.size > 1) entry.reasons.delete(ObligationReason.CITYWIDE);
    const reasons = REASON_ORDER.filter((r) => entry.reasons.has(r));
    const citywide = reasons.includes(ObligationReason.CITYWIDE);
    const via = citywide ? entry.via : entry.via.filter((l) => l.placeId !== "taiyuan" || placeId === "taiyuan");
    // an entry that is only citywide is the city's obligation: its status is the city's
    const ownerId = citywide ? (entry.via[0]?.placeId ?? placeId) : placeId;
    return [{ placeId, ownerId, task: task as TaskNode, reasons, via }];
  });
}

/**
 * Counts of a place's obligations (contained places' included) by status as of an instant,
 * counted in PostgreSQL for all the places of a request at once: the obligations never come
 * into this process, so a summary costs nothing against the list budget however many it counts.
 */
export async function summarise(
  db: Db,
  loaders: Loaders,
  placeId: string,
  asOf: Date,
  includeCitywide: boolean,
  filter: TaskFilter | null = null,
): Promise<StatusSummary> {
  // a filter counts only the obligations whose task it selects: the choropleth of a filtered task list
  if (filter?.spatial?.placeIds) await checkPlaceIdsExist(db, filter.spatial.placeIds, "filter.spatial.placeIds");
  const {
    progressSum,
    withProgress,
    placeId: _,
    ...counts
  } = await loaders.statusSummary.load({ placeId, asOf, includeCitywide, filter });
  return {
    ...counts,
    meanProgress: withProgress && progressSum !== null ? Math.round((progressSum / withProgress) * 10) / 10 : null,
  };
}

/** The place with this gazetteer code, or null. */
export async function placeByCode(db: Db, code: string): Promise<PlaceRow | null> {
  return (await findPlaceByCode(db, code)) ?? null;
}

/** Every place whose geometry contains the point, smallest area first. */
export async function placesAt(db: Db, lng: number, lat: number): Promise<PlaceRow[]> {
  checkPoint(lng, lat);
  return findPlacesAt(db, lng, lat);
}
