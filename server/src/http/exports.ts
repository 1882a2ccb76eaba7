/**
 * Exports for GIS tools and spreadsheets: the same data and rules as GraphQL,
 * over plain HTTP. GeoJSON is RFC 7946 (WGS84); CSV is UTF-8 with a BOM so
 * Excel opens Chinese text correctly.
 */
import { Router, type Request, type Response } from "express";
import type { Db } from "../db/database.ts";
import { AppError, ValidationError, httpStatusFor } from "../core/errors.ts";
import { createLoaders } from "../modules/loaders.ts";
import { INPUT_LIMITS } from "../graphql/input-guard.ts";
import { parseInstant } from "../core/instant.ts";
import { ListBudget } from "../core/list-budget.ts";
import { PlaceKind, Script, TaskKind, TaskOrder, TaskStatus } from "../core/enums.ts";
import { listPlacesWithGeometry, obligationsOf } from "../modules/place/place.service.ts";
import { assessment } from "../modules/obligation/obligation.service.ts";
import { checkPlaceIdsExist, taskFeatures } from "../modules/task/task.service.ts";
import type { TaskFilter } from "../modules/task/task.type.ts";
import type { GeoJsonGeometry } from "../core/geojson.ts";
import { pino } from "pino";
import { toCsv } from "../csv.ts";

function list(req: Request, name: string): string[] | undefined {
  const raw = req.query[name];
  if (raw === undefined) return undefined;
  const values = (Array.isArray(raw) ? raw : [raw])
    .flatMap((v) => String(v).split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  // the same caps as GraphQL's arguments (input-guard.ts)
  if (values.length > INPUT_LIMITS.maxListItems)
    throw new ValidationError(`${name}: at most ${INPUT_LIMITS.maxListItems} values, got ${values.length}`);
  for (const v of values) {
    if (v.length > INPUT_LIMITS.maxStringChars)
      throw new ValidationError(
        `${name}: values of at most ${INPUT_LIMITS.maxStringChars} characters, got ${v.length}`,
      );
  }
  return values.length ? values : undefined;
}

function numbers(req: Request, name: string): number[] | undefined {
  const values = list(req, name);
  if (!values) return undefined;
  const parsed = values.map(Number);
  if (parsed.some((n) => !Number.isFinite(n))) throw new ValidationError(`${name}: expected comma-separated numbers`);
  return parsed;
}

function enumList<T extends string>(req: Request, name: string, allowed: Record<string, T>): T[] | undefined {
  const values = list(req, name);
  if (!values) return undefined;
  const ok = new Set(Object.values(allowed));
  for (const v of values)
    if (!ok.has(v as T))
      throw new ValidationError(`${name}: unknown value ${JSON.stringify(v)}; expected one of ${[...ok].join(", ")}`);
  return values as T[];
}

function cappedText(value: string, name: string): string {
  if (value.length > INPUT_LIMITS.maxStringChars)
    throw new ValidationError(`${name}: at most ${INPUT_LIMITS.maxStringChars} characters, got ${value.length}`);
  return value;
}

/** `within` as GeoJSON text: parsed here, checked (caps, rings, crossings) by validateSpatial like the GraphQL filter's. */
function geoJson(req: Request, name: string): GeoJsonGeometry | undefined {
  const raw = req.query[name];
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = typeof raw === "string" ? JSON.parse(raw) : undefined;
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== "object" || parsed === null || typeof (parsed as { type?: unknown }).type !== "string") {
    throw new ValidationError(`${name}: expected one GeoJSON Polygon or MultiPolygon as JSON text`);
  }
  return parsed as GeoJsonGeometry;
}

/** TaskFilter from query parameters: kinds, sectionIds, leadDepartmentIds, statuses, text, placeIds, includeContained, within (GeoJSON), bbox, near=lng,lat,radius, excludeCitywide, asOf. */
function taskFilterFromQuery(req: Request): TaskFilter {
  const near = numbers(req, "near");
  if (near && near.length !== 3) throw new ValidationError("near: expected lng,lat,radiusMeters");
  const asOf = req.query.asOf === undefined ? undefined : parseInstant("asOf", req.query.asOf);
  if (typeof asOf === "string") throw new ValidationError(asOf);
  const placeIds = list(req, "placeIds");
  const bbox = numbers(req, "bbox");
  const within = geoJson(req, "within");
  const excludeCitywide = req.query.excludeCitywide === "true";
  const spatial =
    placeIds || bbox || within || near || excludeCitywide
      ? {
          placeIds,
          includeContained: req.query.includeContained !== "false",
          within,
          bbox,
          near: near ? { lng: near[0], lat: near[1], radiusMeters: near[2] } : undefined,
          excludeCitywide,
        }
      : undefined;
  return {
    kinds: enumList(req, "kinds", TaskKind),
    sectionIds: list(req, "sectionIds"),
    leadDepartmentIds: list(req, "leadDepartmentIds"),
    statuses: enumList(req, "statuses", TaskStatus),
    text: typeof req.query.text === "string" ? cappedText(req.query.text, "text") : undefined,
    asOf,
    spatial,
    orderBy: TaskOrder.PLAN_ORDER,
  };
}

function script(req: Request): Script {
  return req.query.script === "HANT" ? Script.HANT : Script.HANS;
}

function send(res: Response, error: unknown, log: pino.Logger): void {
  if (error instanceof AppError) {
    // the database down: a client or load balancer may try again in a second
    if (error.code === "UNAVAILABLE") res.setHeader("retry-after", "1");
    res.status(httpStatusFor(error.code)).json({ error: { code: error.code, message: error.message } });
    return;
  }
  log.error({ err: error }, "export failed");
  res.status(500).json({ error: { code: "INTERNAL_SERVER_ERROR", message: "internal server error" } });
}

export function exportRouter(getDb: (req: Request) => Db): Router {
  const router = Router();
  const log = pino({ level: "error" });

  // PostgreSQL text cannot hold U+0000: refuse it here rather than fail in the driver
  router.use((req, res, next) => {
    if (JSON.stringify(req.query).includes("\\u0000") || req.path.includes("\u0000")) {
      res.status(400).json({
        error: { code: "BAD_USER_INPUT", message: "query parameters must not contain the NUL character (U+0000)" },
      });
      return;
    }
    next();
  });

  router.get("/tasks.geojson", async (req, res) => {
    try {
      const db = getDb(req);
      const filter = taskFilterFromQuery(req);
      if (filter.spatial?.placeIds) await checkPlaceIdsExist(db, filter.spatial.placeIds, "placeIds");
      const features = await taskFeatures(db, filter, script(req));
      res.type("application/geo+json").json({ type: "FeatureCollection", features });
    } catch (error) {
      send(res, error, log);
    }
  });

  router.get("/places.geojson", async (req, res) => {
    try {
      const db = getDb(req);
      const rows = await listPlacesWithGeometry(db, enumList(req, "kinds", PlaceKind) ?? null);
      const hant = script(req) === Script.HANT;
      res.type("application/geo+json").json({
        type: "FeatureCollection",
        features: rows.map((p) => ({
          type: "Feature",
          id: p.id,
          geometry: p.geometry,
          properties: {
            id: p.id,
            code: p.code,
            name: hant ? p.nameHant : p.nameHans,
            nameEn: p.nameEn,
            kind: p.kind,
            parentId: p.parentId,
            precision: p.precision,
            source: p.source,
            areaKm2: p.areaKm2,
          },
        })),
      });
    } catch (error) {
      send(res, error, log);
    }
  });

  router.get("/obligations/:file", async (req, res) => {
    try {
      const db = getDb(req);
      const match = /^([a-z0-9-]+)\.csv$/.exec(req.params.file);
      if (!match) throw new ValidationError("expected /export/obligations/<placeId>.csv");
      const placeId = match[1];
      await checkPlaceIdsExist(db, [placeId], "placeId");
      // a download of one place's obligations, however many: GraphQL's list budget is for answers built in memory per field
      const budget = new ListBudget(Number.POSITIVE_INFINITY);
      const loaders = createLoaders(db, budget, null);
      const includeCitywide = req.query.includeCitywide === "true";
      const obligations = await obligationsOf(loaders, placeId, {
        includeContained: true,
        includeCitywide,
        kinds: null,
      });
      const asOf = new Date();
      const hant = script(req) === Script.HANT;
      const rows = await Promise.all(
        obligations.map(async (o) => {
          // the place's own status (the city's for an entry that is only citywide), not the task's roll-up
          const [status, leads] = await Promise.all([
            loaders.obligationState.load({ taskId: o.task.id, placeId: o.ownerId, asOf }),
            loaders.leadsByTask.load(o.task.id),
          ]);
          const departments = await loaders.department.loadMany(leads.map((l) => l.departmentId));
          const names = departments
            .map((d) => (d && !(d instanceof Error) ? (hant ? d.nameHant : d.nameHans) : ""))
            .join("、");
          return [
            o.task.id,
            o.task.kind,
            o.task.ref,
            hant ? o.task.titleHant : o.task.titleHans,
            o.task.titleEn,
            names,
            o.reasons.join(" "),
            status.status,
            status.progress ?? "",
            "",
            "",
            "",
            "",
          ];
        }),
      );
      const csv = toCsv(
        [
          "task_id",
          "kind",
          "ref",
          "title",
          "title_en",
          "lead_units",
          "reasons",
          "status",
          "progress",
          "new_status",
          "new_progress",
          "note",
          "as_of",
        ],
        rows,
      );
      res.setHeader("content-disposition", `attachment; filename="obligations-${placeId}.csv"`);
      res.type("text/csv; charset=utf-8").send(csv);
    } catch (error) {
      send(res, error, log);
    }
  });

  router.get("/assessment/:file", async (req, res) => {
    try {
      const db = getDb(req);
      const match = /^(\d{4})\.csv$/.exec(req.params.file);
      if (!match) throw new ValidationError("expected /export/assessment/<year>.csv with a four-digit year");
      // the same service as Query.assessment: the same rows, frozen figures for finalized areas
      const rows = await assessment(db, Number(match[1]), null);
      const budget = new ListBudget(Number.POSITIVE_INFINITY);
      const loaders = createLoaders(db, budget, null);
      const hant = script(req) === Script.HANT;
      const [places, users] = await Promise.all([
        loaders.place.loadMany(rows.map((r) => r.placeId)),
        loaders.user.loadMany(rows.flatMap((r) => (r.finalizedBy ? [r.finalizedBy] : []))),
      ]);
      const userName = new Map(
        users.flatMap((u) => (u && !(u instanceof Error) ? [[u.id, u.displayName] as const] : [])),
      );
      const lines = rows.map((r, i) => {
        const p = places[i];
        const name = p && !(p instanceof Error) ? (hant ? p.nameHant : p.nameHans) : "";
        return [
          r.placeId,
          name,
          r.year,
          r.obligations,
          r.due,
          r.met,
          r.metLate,
          r.delayed,
          r.notReported,
          r.score ?? "",
          r.finalizedAt ? r.finalizedAt.toISOString() : "",
          r.finalizedBy ? (userName.get(r.finalizedBy) ?? "") : "",
          r.note ?? "",
        ];
      });
      const csv = toCsv(
        [
          "place_id",
          "place",
          "year",
          "obligations",
          "due",
          "met",
          "met_late",
          "delayed",
          "not_reported",
          "score",
          "finalized_at",
          "finalized_by",
          "note",
        ],
        lines,
      );
      res.setHeader("content-disposition", `attachment; filename="assessment-${match[1]}.csv"`);
      res.type("text/csv; charset=utf-8").send(csv);
    } catch (error) {
      send(res, error, log);
    }
  });

  return router;
}
