/** Rules for reading tasks: filter validation, paging, the default instant. */
import type { Db } from "../../db/database.ts";
import { ValidationError } from "../../core/errors.ts";
import { TaskOrder, type Script } from "../../core/enums.ts";
import { checkFirst, decodeCursor, encodeCursor } from "../../core/paging.ts";
import { toSimplified } from "../../core/script.ts";
import { validateSpatial } from "../spatial/spatial-filter.ts";
import { findExistingPlaceIds } from "../place/place.repository.ts";
import {
  findTaskFeatures,
  findTaskPage,
  findTaskPagesByPlans,
  type TaskPageRow,
  type TaskQuery,
} from "./task.repository.ts";
import type { TaskConnection, TaskFilter } from "./task.type.ts";

/** Checks that every id names a place; names the unknown ones. */
export async function checkPlaceIdsExist(db: Db, ids: string[] | null | undefined, what: string): Promise<void> {
  if (!ids || ids.length === 0) return;
  const known = await findExistingPlaceIds(db, ids);
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length)
    throw new ValidationError(
      `${what}: unknown id${unknown.length > 1 ? "s" : ""} ${unknown.map((id) => JSON.stringify(id)).join(", ")}`,
    );
}

/** Validates a TaskFilter into a query (without paging). */
/** `now`: the instant a filter without asOf is as of (the request's). */
export function toTaskQuery(
  filter: TaskFilter | null | undefined,
  now: Date = new Date(),
): Omit<TaskQuery, "first" | "after"> {
  const f = filter ?? {};
  const spatial = validateSpatial(f.spatial);
  const orderBy = f.orderBy ?? TaskOrder.PLAN_ORDER;
  if (orderBy === TaskOrder.DISTANCE && !spatial?.near)
    throw new ValidationError("orderBy DISTANCE needs spatial.near");
  const text = f.text?.trim() ? toSimplified(f.text.trim()).slice(0, 200) : null;
  return {
    planId: f.planId ?? null,
    kinds: f.kinds?.length ? f.kinds : null,
    sectionIds: f.sectionIds?.length ? f.sectionIds : null,
    leadDepartmentIds: f.leadDepartmentIds?.length ? f.leadDepartmentIds : null,
    statuses: f.statuses?.length ? f.statuses : null,
    asOf: f.asOf ?? now,
    text,
    spatial,
    orderBy,
  };
}

/** The tasks export (/export/tasks.geojson): a GeoJSON feature per task and linked place matching the filter. */
export async function taskFeatures(db: Db, filter: TaskFilter, script: Script): Promise<unknown[]> {
  return findTaskFeatures(db, toTaskQuery(filter), script);
}

/** One page of tasks matching the filter, as a connection. */
export async function listTasks(
  db: Db,
  filter: TaskFilter | null | undefined,
  first: number | null | undefined,
  after: string | null | undefined,
  options: { withTotal?: boolean } = {},
): Promise<TaskConnection> {
  const withTotal = options.withTotal ?? true;
  const { query, size, cursor } = await pageRequest(db, filter, first, after);
  const rows = await findTaskPage(db, { ...query, first: size, after: cursor, withTotal });
  const total = withTotal ? (rows[0]?.totalCount ?? (cursor ? await countOnly(db, query) : 0)) : 0;
  return connection(rows, size, query, filter, total);
}

async function countOnly(db: Db, query: Omit<TaskQuery, "first" | "after">): Promise<number> {
  // past the last page the page query returns no row to carry the total
  const rows = await findTaskPage(db, { ...query, first: 0, after: null });
  return rows[0]?.totalCount ?? 0;
}

/**
 * listTasks for each of several plans (Plan.tasks), the filter's own planId replaced by each
 * plan's: one statement for every plan's page (findTaskPagesByPlans), and one more only when a
 * cursor lies past the last page of some plan and the total is asked for.
 */
export async function listTasksOfPlans(
  db: Db,
  planIds: readonly string[],
  filter: TaskFilter | null | undefined,
  first: number | null | undefined,
  after: string | null | undefined,
  options: { withTotal?: boolean } = {},
): Promise<TaskConnection[]> {
  const withTotal = options.withTotal ?? true;
  const { query, size, cursor } = await pageRequest(db, filter, first, after);
  const pages = await findTaskPagesByPlans(db, planIds, { ...query, first: size, after: cursor, withTotal });
  // past the last page of a plan its page has no row to carry the total (countOnly)
  const uncounted = withTotal && cursor ? planIds.filter((id) => !pages.has(id)) : [];
  const totals = uncounted.length
    ? await findTaskPagesByPlans(db, uncounted, { ...query, first: 0, after: null })
    : new Map<string, TaskPageRow[]>();
  return planIds.map((id) => {
    const rows = pages.get(id) ?? [];
    const total = withTotal ? (rows[0]?.totalCount ?? totals.get(id)?.[0]?.totalCount ?? 0) : 0;
    return connection(rows, size, query, filter, total);
  });
}

/** A page request checked: the filter's query, the page's size and its decoded cursor. */
async function pageRequest(
  db: Db,
  filter: TaskFilter | null | undefined,
  first: number | null | undefined,
  after: string | null | undefined,
) {
  const query = toTaskQuery(filter);
  const size = checkFirst(first, 50);
  const cursor = decodeCursor(after, query.orderBy, 4);
  // the key is three numbers and an id (see findTaskPage); anything else would reach SQL casts
  if (cursor && !(cursor.slice(0, 3).every((v) => typeof v === "number") && typeof cursor[3] === "string")) {
    throw new ValidationError("after: not a cursor returned by this API");
  }
  if (filter?.spatial?.placeIds) await checkPlaceIdsExist(db, filter.spatial.placeIds, "spatial.placeIds");
  return { query, size, cursor };
}

/** A page's rows (up to size + 1: the one more says there is a next page) as a connection. */
function connection(
  rows: TaskPageRow[],
  size: number,
  query: Omit<TaskQuery, "first" | "after">,
  filter: TaskFilter | null | undefined,
  totalCount: number,
): TaskConnection {
  const page = rows.slice(0, size);
  const near = query.spatial?.near ? { lng: query.spatial.near.lng, lat: query.spatial.near.lat } : undefined;
  const nodes = page.map(({ sortKey: _k, totalCount: _t, ...row }) => ({
    ...row,
    asOf: filter?.asOf ?? undefined,
    near,
  }));
  const edges = page.map((row, i) => ({ cursor: encodeCursor(query.orderBy, row.sortKey), node: nodes[i] }));
  return {
    edges,
    nodes,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    // not asked for: never serialised, so not counted
    totalCount,
  };
}
