/**
 * Per-request DataLoaders: every field that reaches the database goes through
 * one of these (or one set-based query), so a request costs a bounded number of
 * SQL statements however broad it is. The statements for lists whose length the
 * data decides (a place's obligations and tasks, a section's tasks ...) read at
 * most what the request's list budget has left, plus one (core/list-budget.ts).
 */
import type DataLoader from "dataloader";
import type { Db } from "../db/database.ts";
import { byKey, groupByKey, loader, turnLoader } from "../db/loader-utils.ts";
import * as plans from "./plan/plan.repository.ts";
import * as tasks from "./task/task.repository.ts";
import * as places from "./place/place.repository.ts";
import * as departments from "./department/department.repository.ts";
import * as indicators from "./indicator/indicator.repository.ts";
import type { PlanRow, SectionRow, TextRepairRow } from "./plan/plan.type.ts";
import type { TaskConnection, TaskFilter, TaskPlaceRow, TaskRow } from "./task/task.type.ts";
import { listTasksOfPlans, toTaskQuery } from "./task/task.service.ts";
import type { PlaceRow } from "./place/place.type.ts";
import type { DepartmentRow } from "./department/department.type.ts";
import type { IndicatorRow, IndicatorValueRow } from "./indicator/indicator.type.ts";
import type { GeoJsonGeometry } from "../core/geojson.ts";
import type { ListBudget } from "../core/list-budget.ts";
import * as reports from "./report/report.repository.ts";
import type { ReportRow } from "./report/report.type.ts";
import { findUsersByIds } from "./user/user.repository.ts";
import type { UserRow } from "./user/user.repository.ts";
import * as obligations from "./obligation/obligation.repository.ts";
import type { SessionUser } from "../core/actor.ts";

type NearKey = { lng: number; lat: number } | null;

/** Groups keys by a batch parameter and runs one query per distinct parameter. */
function batchedBy<K, P, V>(
  paramOf: (key: K) => P,
  paramKey: (p: P) => string,
  run: (keys: K[], p: P) => Promise<V[]>,
): (keys: readonly K[]) => Promise<V[]> {
  return async (keys) => {
    const groups = new Map<string, { p: P; idx: number[] }>();
    keys.forEach((key, i) => {
      const p = paramOf(key);
      const k = paramKey(p);
      const g = groups.get(k);
      if (g) g.idx.push(i);
      else groups.set(k, { p, idx: [i] });
    });
    const out = new Array<V>(keys.length);
    await Promise.all(
      [...groups.values()].map(async ({ p, idx }) => {
        const values = await run(
          idx.map((i) => keys[i]),
          p,
        );
        idx.forEach((i, j) => (out[i] = values[j]));
      }),
    );
    return out;
  };
}

type ObligationKey = obligations.ObligationKey;

/** Rows in runs of the same key (rows ordered by it): one array per key. */
function runsOf<T>(rows: T[], keyOf: (row: T) => string): T[][] {
  const runs: T[][] = [];
  let last: string | null = null;
  for (const row of rows) {
    const key = keyOf(row);
    if (key !== last) runs.push([]);
    runs[runs.length - 1].push(row);
    last = key;
  }
  return runs;
}
const okey = (k: ObligationKey) => `${k.taskId}@${k.placeId}`;

export function createLoaders(db: Db, budget: ListBudget, viewer: SessionUser | null = null) {
  // declared first: the link loaders below prime them with rows their statements already fetched
  const task = loader<string, TaskRow | null>(async (ids) =>
    byKey(ids, await tasks.findTasksByIds(db, ids), (r) => r.id),
  );
  const place = loader<string, PlaceRow | null>(async (ids) =>
    byKey(ids, await places.findPlacesByIds(db, ids), (r) => r.id),
  );
  const linksByTask = loader<{ taskId: string; near: NearKey; withPlace?: boolean }, TaskPlaceRow[]>(
    batchedBy(
      (k) => k.near,
      (p) => (p ? `${p.lng},${p.lat}` : ""),
      async (keys, near) => {
        const rows = await budget.readCapped("Task.places", (cap) =>
          tasks.findLinksByTasks(
            db,
            keys.map((k) => k.taskId),
            near,
            keys.some((k) => k.withPlace),
            cap,
          ),
        );
        const links = rows.map(({ place: row, ...link }) => {
          if (row) place.prime(row.id, row);
          return link;
        });
        return groupByKey(
          keys.map((k) => k.taskId),
          links,
          (r) => r.taskId,
        );
      },
    ),
    // withPlace only decides what else gets fetched, not the answer
    (k) => `${k.taskId}|${k.near ? `${k.near.lng},${k.near.lat}` : ""}`,
  );
  return {
    plan: loader<string, PlanRow | null>(async (ids) => byKey(ids, await plans.findPlansByIds(db, ids), (r) => r.id)),
    sourceText: loader<string, { id: string; hans: string; hant: string } | null>(async (ids) =>
      byKey(ids, await plans.findSourceTexts(db, ids), (r) => r.id),
    ),
    sectionsByPlan: loader<string, SectionRow[]>(async (ids) =>
      groupByKey(ids, await plans.findSectionsByPlans(db, ids), (r) => r.planId),
    ),
    repairsByPlan: loader<string, TextRepairRow[]>(async (ids) =>
      groupByKey(ids, await plans.findRepairsByPlans(db, ids), (r) => r.planId),
    ),
    task,
    tasksBySection: loader<{ planId: string; sectionId: string }, TaskRow[]>(
      async (keys) =>
        groupByKey(
          keys.map((k) => `${k.planId}|${k.sectionId}`),
          await budget.readCapped("Section.tasks", (cap) => tasks.findTasksBySections(db, keys, cap)),
          (r) => `${r.planId}|${r.sectionId}`,
        ),
      (k) => `${k.planId}|${k.sectionId}`,
    ),
    /** Plan.tasks: a page of each plan's tasks, one statement for every plan asked with the same arguments */
    tasksByPlan: loader<
      { planId: string; filter: TaskFilter | null; first: number; after: string | null; withTotal: boolean },
      TaskConnection
    >(
      batchedBy(
        (k) => ({ filter: k.filter, first: k.first, after: k.after, withTotal: k.withTotal }),
        (p) => JSON.stringify(p),
        (keys, p) =>
          listTasksOfPlans(
            db,
            keys.map((k) => k.planId),
            p.filter,
            p.first,
            p.after,
            { withTotal: p.withTotal },
          ),
      ),
      (k) => JSON.stringify([k.planId, k.filter, k.first, k.after, k.withTotal]),
    ),
    linksByTask,
    leadsByTask: loader<string, tasks.LeadRow[]>(async (ids) =>
      groupByKey(ids, await tasks.findLeadsByTasks(db, ids), (r) => r.taskId),
    ),
    tasksByDepartment: loader<string, string[]>(async (ids) =>
      groupByKey(
        ids,
        await budget.readCapped("Department.tasks", (cap) => tasks.findTaskIdsByDepartments(db, ids, cap)),
        (r) => r.departmentId,
      ).map((rows) => rows.map((r) => r.taskId)),
    ),
    /** a place's obligations counted by status, one statement for every place of a request (and task filter) */
    statusSummary: loader<
      { placeId: string; asOf: Date; includeCitywide: boolean; filter?: TaskFilter | null },
      tasks.StatusSummaryRow
    >(
      batchedBy(
        (k) => ({ asOf: k.asOf, includeCitywide: k.includeCitywide, filter: k.filter ?? null }),
        (p) => `${p.asOf.toISOString()}|${p.includeCitywide}|${JSON.stringify(p.filter)}`,
        async (keys, p) => {
          const where = p.filter ? tasks.taskConditions(toTaskQuery(p.filter)) : [];
          const rows = await tasks.findStatusSummaries(
            db,
            keys.map((k) => k.placeId),
            p.asOf,
            p.includeCitywide,
            where,
          );
          return byKey(
            keys.map((k) => k.placeId),
            rows,
            (r) => r.placeId,
          ) as tasks.StatusSummaryRow[];
        },
      ),
      (k) => `${k.placeId}|${k.asOf.toISOString()}|${k.includeCitywide}|${JSON.stringify(k.filter ?? null)}`,
    ),
    status: loader<{ taskId: string; asOf: Date }, tasks.StatusRow>(
      batchedBy(
        (k) => k.asOf,
        (d) => d.toISOString(),
        async (keys, asOf) =>
          byKey(
            keys.map((k) => k.taskId),
            await tasks.findStatuses(
              db,
              keys.map((k) => k.taskId),
              asOf,
            ),
            (r) => r.taskId,
          ) as tasks.StatusRow[],
      ),
      (k) => `${k.taskId}|${k.asOf.toISOString()}`,
    ),
    place,
    children: loader<string, PlaceRow[]>(async (ids) =>
      groupByKey(
        ids,
        await budget.readCapped("Place.children", (cap) => places.findChildren(db, ids, cap)),
        (r) => r.parentId,
      ),
    ),
    containers: loader<string, PlaceRow[]>(async (ids) =>
      groupByKey(ids, await places.findContainers(db, ids), (r) => r.innerId),
    ),
    geometry: loader<{ id: string; tolerance: number | null }, GeoJsonGeometry | null>(
      batchedBy(
        (k) => k.tolerance,
        (t) => String(t),
        async (keys, tolerance) =>
          byKey(
            keys.map((k) => k.id),
            await places.findGeometries(
              db,
              keys.map((k) => k.id),
              tolerance,
            ),
            (r) => r.id,
          ).map((r) => r?.geometry ?? null),
      ),
      (k) => `${k.id}|${k.tolerance}`,
    ),
    obligationLinks: loader<
      { placeId: string; includeContained: boolean; includeCitywide: boolean; kinds: string[] | null },
      places.ObligationLinkRow[]
    >(
      batchedBy(
        (k) => ({ includeContained: k.includeContained, includeCitywide: k.includeCitywide, kinds: k.kinds }),
        (p) => JSON.stringify(p),
        async (keys, p) => {
          // the budget counts obligations (what the answer lists), each with all its reason rows
          const obligations = await budget.readCapped("Place.obligations", async (cap) =>
            runsOf(
              await places.findObligationLinks(
                db,
                keys.map((k) => k.placeId),
                { ...p, limit: cap },
              ),
              (r) => `${r.placeId}|${r.taskId}`,
            ),
          );
          return groupByKey(
            keys.map((k) => k.placeId),
            obligations.flat(),
            (r) => r.placeId,
          );
        },
      ),
      (k) => JSON.stringify(k),
    ),
    linksByPlace: loader<
      { placeId: string; filter: TaskFilter | null; withTask?: boolean; withTaskLinks?: boolean },
      TaskPlaceRow[]
    >(
      batchedBy(
        (k) => k.filter,
        (f) => JSON.stringify(f ?? null),
        async (keys, filter) => {
          const query = toTaskQuery(filter);
          const rows = await budget.readCapped("Place.tasks", (cap) =>
            tasks.findLinksByPlaces(
              db,
              keys.map((k) => k.placeId),
              tasks.taskConditions(query),
              query.asOf,
              {
                withStatus: query.statuses !== null,
                withTask: keys.some((k) => k.withTask),
                withTaskLinks: keys.some((k) => k.withTaskLinks),
                limit: cap,
              },
            ),
          );
          const links = rows.map(({ task: taskRow, taskLinks, ...link }) => {
            if (taskRow) task.prime(taskRow.id, taskRow);
            if (taskRow && taskLinks) {
              const own = taskLinks.map(({ place: placeRow, ...l }) => {
                if (placeRow) place.prime(placeRow.id, placeRow);
                return l;
              });
              linksByTask.prime({ taskId: taskRow.id, near: null }, own);
            }
            return link;
          });
          return groupByKey(
            keys.map((k) => k.placeId),
            links,
            (r) => r.placeId,
          );
        },
      ),
      // withTask/withTaskLinks only decide what else gets fetched, not the answer
      (k) => `${k.placeId}|${JSON.stringify(k.filter ?? null)}`,
    ),
    user: loader<string, UserRow | null>(async (ids) => byKey(ids, await findUsersByIds(db, ids), (r) => r.id)),
    report: loader<string, ReportRow | null>(async (ids) =>
      byKey(ids, await reports.findReportsByIds(db, ids), (r) => r.id),
    ),
    /** one page of each task's reports (paged in SQL per task), with the count only when asked for */
    reportsByTask: loader<
      { taskId: string; first: number; after: string | null; withTotal: boolean },
      { rows: ReportRow[]; totalCount: number }
    >(
      batchedBy(
        (k) => ({ first: k.first, after: k.after, withTotal: k.withTotal }),
        (p) => JSON.stringify(p),
        async (keys, p) =>
          byKey(
            keys.map((k) => k.taskId),
            await reports.findReportsByTasks(
              db,
              keys.map((k) => k.taskId),
              p.first,
              p.after,
              viewer,
              p.withTotal,
            ),
            (r) => r.taskId,
          ).map((page) => page ?? { rows: [], totalCount: 0 }),
      ),
      (k) => JSON.stringify(k),
    ),
    reportsByObligation: turnLoader<
      ObligationKey & { first: number; after: string | null },
      (ReportRow & { totalCount: number })[]
    >(
      batchedBy(
        (k) => ({ first: k.first, after: k.after }),
        (p) => JSON.stringify(p),
        async (keys, p) =>
          groupByKey(
            keys.map(okey),
            await reports.findReportsByObligations(db, keys, p.first, p.after, viewer),
            (r) => `${r.taskId}@${r.obligationPlaceId}`,
          ),
      ),
      (k) => JSON.stringify(k),
    ),
    /** the reasons and links behind obligation rows, one statement for all the rows of a request */
    obligationReasons: loader<ObligationKey, places.ObligationLinkRow[]>(async (keys) => {
      const rows = await places.findObligationLinks(db, [...new Set(keys.map((k) => k.placeId))], {
        includeContained: true,
        includeCitywide: false,
        kinds: null,
        taskIds: [...new Set(keys.map((k) => k.taskId))],
      });
      return groupByKey(keys.map(okey), rows, (r) => `${r.taskId}@${r.placeId}`);
    }, okey),
    obligationsByTask: loader<string, ObligationKey[]>(async (ids) => {
      const rows = await budget.readCapped("Task.obligations", () => obligations.findObligationsByTasks(db, ids));
      return groupByKey(
        ids,
        rows.map(({ place: row, ...k }) => {
          place.prime(row.id, row);
          return k;
        }),
        (r) => r.taskId,
      );
    }),
    obligationState: turnLoader<ObligationKey & { asOf: Date }, obligations.ObligationStateRow>(
      batchedBy(
        (k) => k.asOf,
        (d) => d.toISOString(),
        async (keys, asOf) =>
          byKey(
            keys.map(okey),
            await obligations.findObligationStates(db, keys, asOf),
            okey,
          ) as obligations.ObligationStateRow[],
      ),
      (k) => `${okey(k)}|${k.asOf.toISOString()}`,
    ),
    targets: turnLoader<ObligationKey, obligations.TargetRow[]>(
      async (keys) => groupByKey(keys.map(okey), await obligations.findTargets(db, keys), okey),
      okey,
    ),
    department: loader<string, DepartmentRow | null>(async (ids) =>
      byKey(ids, await departments.findDepartmentsByIds(db, ids), (r) => r.id),
    ),
    indicator: loader<string, IndicatorRow | null>(async (ids) =>
      byKey(ids, await indicators.findIndicatorsByIds(db, ids), (r) => r.id),
    ),
    /** the latest value of each (indicator, place), one statement for a whole indicator list */
    latestValue: loader<{ indicatorId: string; placeId: string }, IndicatorValueRow | null>(
      async (keys) => {
        const rows = await indicators.findValues(db, {
          indicatorIds: [...new Set(keys.map((k) => k.indicatorId))],
          placeIds: [...new Set(keys.map((k) => k.placeId))],
        });
        const latest = new Map<string, IndicatorValueRow>();
        for (const row of rows) latest.set(`${row.indicatorId}|${row.placeId}`, row); // ordered by year: the last wins
        return keys.map((k) => latest.get(`${k.indicatorId}|${k.placeId}`) ?? null);
      },
      (k) => `${k.indicatorId}|${k.placeId}`,
    ),
    /**
     * The values of (indicator, place) pairs in a year range: Indicator.values of a whole indicator list and
     * Place.indicatorValues of a whole place list in one statement each. A null indicator or place means all.
     */
    values: loader<
      { indicatorId: string | null; placeId: string | null; fromYear: number | null; toYear: number | null },
      IndicatorValueRow[]
    >(
      batchedBy(
        (k) => ({
          fromYear: k.fromYear,
          toYear: k.toYear,
          anyIndicator: k.indicatorId === null,
          anyPlace: k.placeId === null,
        }),
        (p) => JSON.stringify(p),
        async (keys, p) => {
          const rows = await indicators.findValues(db, {
            indicatorIds: p.anyIndicator ? null : [...new Set(keys.map((k) => k.indicatorId!))],
            placeIds: p.anyPlace ? null : [...new Set(keys.map((k) => k.placeId!))],
            fromYear: p.fromYear,
            toYear: p.toYear,
          });
          // the statement reads the product of the indicators and places asked for; each key keeps its own pairs
          const pair = (indicatorId: string | null, placeId: string | null) =>
            `${p.anyIndicator ? "" : indicatorId}|${p.anyPlace ? "" : placeId}`;
          return groupByKey(
            keys.map((k) => pair(k.indicatorId, k.placeId)),
            rows,
            (r) => pair(r.indicatorId, r.placeId),
          );
        },
      ),
      (k) => JSON.stringify([k.indicatorId, k.placeId, k.fromYear, k.toYear]),
    ),
    indicatorsByPlan: loader<string, IndicatorRow[]>(async (ids) =>
      groupByKey(ids, await indicators.findIndicatorsByPlans(db, ids), (r) => r.planId),
    ),
    indicatorsByTask: loader<string, IndicatorRow[]>(async (ids) =>
      groupByKey(ids, await indicators.findIndicatorsByTasks(db, ids), (r) => r.taskId),
    ),
    tasksByIndicator: loader<string, string[]>(async (ids) =>
      groupByKey(ids, await indicators.findTaskIdsByIndicators(db, ids), (r) => r.indicatorId).map((rows) =>
        rows.map((r) => r.taskId),
      ),
    ),
  } satisfies Record<string, DataLoader<any, any>>;
}

export type Loaders = ReturnType<typeof createLoaders>;
