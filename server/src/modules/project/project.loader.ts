/**
 * Per-request DataLoaders for projects. They hang off the request's scope (the GraphQL
 * context, or whatever else carries a request's database and list budget) in a WeakMap,
 * created on first use, so they live exactly as long as the request.
 */
import type DataLoader from "dataloader";
import type { Db } from "../../db/database.ts";
import { byKey, groupByKey, loader } from "../../db/loader-utils.ts";
import type { ListBudget } from "../../core/list-budget.ts";
import type { GeoJsonGeometry } from "../../core/geojson.ts";
import type { PlaceRow } from "../place/place.type.ts";
import type { TaskRow } from "../task/task.type.ts";
import * as projects from "./project.repository.ts";
import type { ProjectRow } from "./project.type.ts";

/** Runs one query per distinct batch parameter (page size and cursor, instant). */
function groupedBy<K, V>(
  param: (key: K) => string,
  run: (keys: K[]) => Promise<V[]>,
): (keys: readonly K[]) => Promise<V[]> {
  return async (keys) => {
    const groups = new Map<string, number[]>();
    keys.forEach((key, i) => {
      const p = param(key);
      groups.set(p, [...(groups.get(p) ?? []), i]);
    });
    const out = new Array<V>(keys.length);
    await Promise.all(
      [...groups.values()].map(async (idx) => {
        const values = await run(idx.map((i) => keys[i]));
        idx.forEach((i, j) => (out[i] = values[j]));
      }),
    );
    return out;
  };
}

export interface PlacePageKey {
  placeId: string;
  first: number;
  after: (number | string)[] | null;
}

function createProjectLoaders(db: Db, budget: ListBudget) {
  return {
    project: loader<string, ProjectRow | null>(async (ids) =>
      byKey(ids, await projects.findProjectsByIds(db, ids), (r) => r.id),
    ),
    geometry: loader<string, GeoJsonGeometry | null>(async (ids) =>
      byKey(ids, await projects.findProjectGeometries(db, ids), (r) => r.id).map((r) => r?.geometry ?? null),
    ),
    tasksByProject: loader<string, TaskRow[]>(async (ids) =>
      groupByKey(ids, await projects.findTasksByProjects(db, ids), (r) => r.projectId),
    ),
    // a task may be served by any number of projects: read no more than the request's list budget has left
    projectsByTask: loader<string, ProjectRow[]>(async (ids) => {
      const rows = await budget.readCapped("Task.projects", (cap) => projects.findProjectsByTasks(db, ids, cap));
      return groupByKey(ids, rows, (r) => r.taskId);
    }),
    placesByProject: loader<string, PlaceRow[]>(async (ids) =>
      groupByKey(ids, await projects.findPlacesOfProjects(db, ids), (r) => r.projectId),
    ),
    status: loader<{ projectId: string; asOf: Date }, projects.ProjectStatusRow>(
      groupedBy(
        (k) => k.asOf.toISOString(),
        async (keys) =>
          byKey(
            keys.map((k) => k.projectId),
            await projects.findProjectStatuses(
              db,
              keys.map((k) => k.projectId),
              keys[0].asOf,
            ),
            (r) => r.projectId,
          ) as projects.ProjectStatusRow[],
      ),
      (k) => `${k.projectId}|${k.asOf.toISOString()}`,
    ),
    projectsByPlace: loader<PlacePageKey, projects.PlaceProjectRow[]>(
      groupedBy(
        (k) => JSON.stringify([k.first, k.after]),
        async (keys) => {
          const rows = await projects.findProjectsInPlaces(
            db,
            keys.map((k) => k.placeId),
            keys[0].first,
            keys[0].after,
          );
          return groupByKey(
            keys.map((k) => k.placeId),
            rows,
            (r) => r.placeId,
          );
        },
      ),
      (k) => JSON.stringify([k.placeId, k.first, k.after]),
    ),
  } satisfies Record<string, DataLoader<any, any>>;
}

export type ProjectLoaders = ReturnType<typeof createProjectLoaders>;

/** What a request's loaders are made from: its database handle and its list budget. */
export interface LoaderScope {
  db: Db;
  budget: ListBudget;
}

const perRequest = new WeakMap<LoaderScope, ProjectLoaders>();

/** The project loaders of this request. */
export function projectLoaders(scope: LoaderScope): ProjectLoaders {
  let loaders = perRequest.get(scope);
  if (!loaders) {
    loaders = createProjectLoaders(scope.db, scope.budget);
    perRequest.set(scope, loaders);
  }
  return loaders;
}
