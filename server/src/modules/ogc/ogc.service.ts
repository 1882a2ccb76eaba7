/**
 * OGC API – Features, Part 1 (Core, GeoJSON, HTML, OpenAPI 3.0): the collections, the rules of
 * their query parameters, and the features, links and extents the documents are made of. The
 * router (http/ogc.ts) only chooses the format and writes the answer.
 *
 * Read-only and anonymous: a task's status is its obligations' roll-up (statusAsOf), a link's or
 * an obligation's the place's own (obligationStatusAsOf), the same as an anonymous GraphQL client
 * reads, and no report, author or reviewer is ever part of a feature.
 */
import type { Db } from "../../db/database.ts";
import { NotFoundError, ValidationError } from "../../core/errors.ts";
import { PlaceKind, ProjectCategory, Script, TaskKind, TaskStatus, PlaceRole } from "../../core/enums.ts";
import type { GeoJsonGeometry } from "../../core/geojson.ts";
import { findDepartmentsByIds } from "../department/department.repository.ts";
import { findSourceTexts } from "../plan/plan.repository.ts";
import { bboxToPolygon, validateSpatial, type Spatial } from "../spatial/spatial-filter.ts";
import { findLeadsByTasks } from "../task/task.repository.ts";
import {
  findAllPlaceIds,
  findExtents,
  findObligationFeatures,
  findPlaceFeatures,
  findProjectFeatures,
  findTaskLinkFeatures,
  type ExtentRow,
  type FeatureQuery,
  type TimeRange,
} from "./ogc.repository.ts";

export const CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
/** Beyond this offset a client is not paging but probing; every collection is far smaller. */
export const MAX_OFFSET = 1_000_000;

export const CONFORMANCE = [
  "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
  "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
  "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
  "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
  "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
  "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
];

export type CollectionId = "places" | "tasks" | "obligations" | "projects";

export interface Feature {
  type: "Feature";
  id: string;
  geometry: GeoJsonGeometry;
  properties: Record<string, string | number | boolean | null>;
}

/** A simple property filter: `name=value` or `name=v1,v2` (any of them). */
export interface PropertyFilter {
  name: string;
  description: string;
  /** the allowed values, for enum-valued properties */
  values?: readonly string[];
}

/** JSON Schema of one queryable property (OGC API – Features Part 3). */
export interface Queryable {
  type: "string" | "integer" | "number" | "boolean";
  title: string;
  enum?: readonly string[];
}

export interface CollectionSpec {
  id: CollectionId;
  title: string;
  description: string;
  /** what a feature's time is, when `datetime` applies to the collection; null when it does not */
  temporal: string | null;
  /** whether `asOf` (the instant of the statuses) applies */
  asOf: boolean;
  filters: PropertyFilter[];
  queryables: Record<string, Queryable>;
  /** a feature id as this collection writes it, for the OpenAPI document */
  exampleId: string;
}

const enumValues = (e: Record<string, string>): string[] => Object.values(e);
const TASK_KINDS = enumValues(TaskKind);
const STATUSES = enumValues(TaskStatus);

export const COLLECTIONS: readonly CollectionSpec[] = [
  {
    id: "places",
    title: "Places",
    description:
      "The places the plan names: the city, its ten county-level units (boundaries from Tianditu, GS(2024)0650), zones, sites and areas. " +
      "`precision` says how sure a position is; a point with precision ADM2/ADM3 is a stand-in, not a surveyed position.",
    temporal: null,
    asOf: false,
    filters: [
      { name: "kind", description: "the kind of place", values: enumValues(PlaceKind) },
      { name: "parentId", description: "the administrative parent's id" },
    ],
    queryables: {
      kind: { type: "string", title: "kind of place", enum: enumValues(PlaceKind) },
      parentId: { type: "string", title: "administrative parent" },
    },
    exampleId: "gujiao",
  },
  {
    id: "tasks",
    title: "Tasks and their places",
    description:
      "One feature per link between a task of the plan and a place it concerns, on the place's geometry: the task's fields, " +
      "the link's role and the words of the plan that make the link (evidence). A bbox keeps the links GraphQL's location filter keeps: " +
      "the whole-city link and the every-county (APPLIES) links are not evidence of being in a box.",
    temporal: "from 1 January of the plan's first year to 31 December of the task's due year",
    asOf: true,
    filters: [
      { name: "kind", description: "the task's kind", values: TASK_KINDS },
      {
        name: "status",
        description: "the linked place's own status in the task (its obligation's) as of asOf",
        values: STATUSES,
      },
      { name: "taskId", description: "the task's id" },
      { name: "placeId", description: "the linked place's id" },
      { name: "role", description: "the link's role", values: enumValues(PlaceRole) },
    ],
    queryables: {
      kind: { type: "string", title: "task kind", enum: TASK_KINDS },
      status: { type: "string", title: "the place's own status in the task", enum: STATUSES },
      taskId: { type: "string", title: "task id" },
      placeId: { type: "string", title: "place id" },
      role: { type: "string", title: "the place's role in the task", enum: enumValues(PlaceRole) },
    },
    exampleId: "reform-14@gujiao@PILOT",
  },
  {
    id: "obligations",
    title: "Obligations",
    description:
      "One feature per obligation: a task a place must carry out by its own reasons (named directly, its government leads it, " +
      "or it applies to every county-level unit), on the place's geometry. Its status is, for now, its task's status.",
    temporal: "from 1 January of the plan's first year to 31 December of the task's due year",
    asOf: true,
    filters: [
      { name: "kind", description: "the task's kind", values: TASK_KINDS },
      { name: "status", description: "the obligation's status as of asOf", values: STATUSES },
      { name: "taskId", description: "the task's id" },
      { name: "placeId", description: "the place's id" },
    ],
    queryables: {
      kind: { type: "string", title: "task kind", enum: TASK_KINDS },
      status: { type: "string", title: "status", enum: STATUSES },
      taskId: { type: "string", title: "task id" },
      placeId: { type: "string", title: "place id" },
    },
    exampleId: "reform-14@gujiao",
  },
  {
    id: "projects",
    title: "Projects",
    description:
      "Located projects serving the plan's tasks. Projects known only to lie somewhere in the city (precision ADM2) are included " +
      "on the city's outline as a stand-in; `precision` says so, and a bbox never matches them (as in GraphQL).",
    temporal: "the project's start and end years as stated; a project that states no year meets no datetime",
    asOf: true,
    filters: [
      { name: "category", description: "the project's category", values: enumValues(ProjectCategory) },
      { name: "status", description: "the project's status as of asOf", values: STATUSES },
      { name: "taskId", description: "a task the project serves" },
    ],
    queryables: {
      category: { type: "string", title: "category", enum: enumValues(ProjectCategory) },
      status: { type: "string", title: "status", enum: STATUSES },
      taskId: { type: "string", title: "a task it serves" },
    },
    exampleId: "coal-trading-market",
  },
];

/** The collection with this id; NotFoundError naming the ones there are. */
export function getCollection(id: string): CollectionSpec {
  const spec = COLLECTIONS.find((c) => c.id === id);
  if (!spec)
    throw new NotFoundError(
      `collection ${JSON.stringify(id)} does not exist; the collections are ${COLLECTIONS.map((c) => c.id).join(", ")}`,
    );
  return spec;
}

// ---------------------------------------------------------------- query parameters

export type QueryParams = Record<string, unknown>;

/** The parameters of /items for a collection. */
function itemsParameters(spec: CollectionSpec): string[] {
  return [
    "f",
    "bbox",
    "limit",
    "offset",
    "datetime",
    "script",
    ...(spec.asOf ? ["asOf"] : []),
    ...spec.filters.map((f) => f.name),
  ];
}
/** The parameters of /items/{featureId}. */
function itemParameters(spec: CollectionSpec): string[] {
  return ["f", "script", ...(spec.asOf ? ["asOf"] : [])];
}

/** Refuses any query parameter the resource does not define (OGC API – Features: 400 for an unknown parameter). */
export function checkKnown(query: QueryParams, known: readonly string[]): void {
  for (const name of Object.keys(query)) {
    if (!known.includes(name)) {
      throw new ValidationError(
        `unknown query parameter ${JSON.stringify(name)}; this resource takes ${known.map((k) => JSON.stringify(k)).join(", ")}`,
      );
    }
  }
}

/** One value of a parameter: a repeated parameter is refused (which would it be?). */
function single(query: QueryParams, name: string): string | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== "string") throw new ValidationError(`${name}: give the parameter once, as a plain value`);
  return raw;
}

function list(query: QueryParams, name: string, allowed?: readonly string[]): string[] | null {
  const raw = single(query, name);
  if (raw === undefined) return null;
  const values = [
    ...new Set(
      raw
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
  if (values.length === 0) throw new ValidationError(`${name}: expected a value`);
  if (values.length > 100) throw new ValidationError(`${name}: at most 100 values`);
  if (allowed) {
    for (const v of values)
      if (!allowed.includes(v))
        throw new ValidationError(`${name}: unknown value ${JSON.stringify(v)}; expected one of ${allowed.join(", ")}`);
  }
  return values;
}

function integer(query: QueryParams, name: string, min: number): number | undefined {
  const raw = single(query, name);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min)
    throw new ValidationError(`${name}: expected an integer of at least ${min}, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

/** The format asked for with `f`, if any. */
export function formatParam(query: QueryParams): "json" | "html" | undefined {
  const f = single(query, "f");
  if (f === undefined) return undefined;
  if (f === "json" || f === "html") return f;
  throw new ValidationError(`f: expected json or html, got ${JSON.stringify(f)}`);
}

function scriptParam(query: QueryParams): Script {
  const raw = single(query, "script");
  if (raw === undefined) return Script.HANS;
  if (raw === Script.HANS || raw === Script.HANT) return raw;
  throw new ValidationError(`script: expected HANS or HANT, got ${JSON.stringify(raw)}`);
}

function asOfParam(query: QueryParams): Date {
  const raw = single(query, "asOf");
  if (raw === undefined) return new Date();
  const t = parseInstant(raw, "asOf", "start");
  if (t === null)
    throw new ValidationError(
      `asOf: expected an RFC 3339 date-time such as 2014-12-31T00:00:00Z, got ${JSON.stringify(raw)}`,
    );
  return new Date(t);
}

/** bbox=minLon,minLat,maxLon,maxLat in CRS84; a box of six numbers (with heights) is refused, as is any other count. */
function bboxParam(query: QueryParams): Spatial | null {
  const raw = single(query, "bbox");
  if (raw === undefined) return null;
  const parts = raw.split(",").map((v) => v.trim());
  const numbers = parts.map(Number);
  if (parts.some((p) => p === "") || numbers.some((n) => !Number.isFinite(n)))
    throw new ValidationError(`bbox: expected comma-separated numbers, got ${JSON.stringify(raw)}`);
  if (numbers.length === 6)
    throw new ValidationError(
      "bbox: a box of 6 numbers (with heights) is not supported; give 4 numbers: minimum longitude, minimum latitude, maximum longitude, maximum latitude (CRS84)",
    );
  if (numbers.length !== 4)
    throw new ValidationError(
      `bbox: expected 4 numbers (minimum longitude, minimum latitude, maximum longitude, maximum latitude), got ${numbers.length}`,
    );
  bboxToPolygon(numbers, "bbox");
  return validateSpatial({ bbox: numbers });
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 date-time, or a date (its first or last millisecond, UTC); null when it is neither. */
function parseInstant(raw: string, name: string, end: "start" | "end"): number | null {
  const date = DATE.exec(raw);
  if (date) {
    const t = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
    if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== raw)
      throw new ValidationError(`${name}: ${JSON.stringify(raw)} is not a calendar date`);
    return end === "start" ? t : t + 86_400_000 - 1;
  }
  if (!DATE_TIME.test(raw)) return null;
  const t = Date.parse(raw);
  if (Number.isNaN(t)) throw new ValidationError(`${name}: ${JSON.stringify(raw)} is not a valid date-time`);
  return t;
}

/** datetime: an instant, or an interval start/end with `..` (or nothing) for an open end. */
export function datetimeParam(query: QueryParams, spec: CollectionSpec): TimeRange | null {
  const raw = single(query, "datetime");
  if (raw === undefined) return null;
  if (!spec.temporal) throw new ValidationError(`datetime: the ${spec.id} collection has no time; leave datetime out`);
  const expected =
    "expected an RFC 3339 date-time (2014-06-30T00:00:00Z), a date, or an interval start/end with .. for an open end";
  const ends = raw.split("/");
  if (ends.length > 2) throw new ValidationError(`datetime: ${expected}, got ${JSON.stringify(raw)}`);
  const parse = (s: string, which: "start" | "end"): number => {
    if (ends.length === 2 && (s === ".." || s === "")) return which === "start" ? -Infinity : Infinity;
    const t = parseInstant(s, "datetime", which);
    if (t === null) throw new ValidationError(`datetime: ${expected}, got ${JSON.stringify(raw)}`);
    return t;
  };
  if (ends.length === 1) {
    return { start: parse(raw, "start"), end: parse(raw, "end") };
  }
  const range = { start: parse(ends[0], "start"), end: parse(ends[1], "end") };
  if (range.start > range.end) throw new ValidationError("datetime: the interval's start is after its end");
  return range;
}

export interface ItemsRequest {
  spec: CollectionSpec;
  /** the page (limit already clamped to MAX_LIMIT), box and time */
  query: FeatureQuery;
  script: Script;
  asOf: Date;
  filters: Record<string, string[] | null>;
}

/** Validates /items' query parameters. A limit over MAX_LIMIT is clamped to it, as the standard recommends (not an error). */
export function parseItemsRequest(spec: CollectionSpec, query: QueryParams): ItemsRequest {
  checkKnown(query, itemsParameters(spec));
  const limit = Math.min(integer(query, "limit", 1) ?? DEFAULT_LIMIT, MAX_LIMIT);
  const offset = integer(query, "offset", 0) ?? 0;
  if (offset > MAX_OFFSET) throw new ValidationError(`offset: at most ${MAX_OFFSET}, got ${offset}`);
  const filters: Record<string, string[] | null> = {};
  for (const f of spec.filters) filters[f.name] = list(query, f.name, f.values);
  return {
    spec,
    query: { limit, offset, spatial: bboxParam(query), datetime: datetimeParam(query, spec) },
    script: scriptParam(query),
    asOf: spec.asOf ? asOfParam(query) : new Date(),
    filters,
  };
}

// ---------------------------------------------------------------- features

export interface FeaturesResult {
  numberMatched: number;
  features: Feature[];
}

/** One page of a collection's features. */
export async function listFeatures(db: Db, r: ItemsRequest): Promise<FeaturesResult> {
  return readFeatures(db, r, null);
}

/** One feature by its id; NotFoundError when the collection has none with that id. */
export async function getFeature(
  db: Db,
  spec: CollectionSpec,
  featureId: string,
  query: QueryParams,
): Promise<Feature> {
  checkKnown(query, itemParameters(spec));
  const r: ItemsRequest = {
    spec,
    query: { limit: 1, offset: 0, spatial: null, datetime: null },
    script: scriptParam(query),
    asOf: spec.asOf ? asOfParam(query) : new Date(),
    filters: {},
  };
  const { features } = await readFeatures(db, r, featureId);
  if (!features[0]) throw new NotFoundError(`the ${spec.id} collection has no feature ${JSON.stringify(featureId)}`);
  return features[0];
}

async function readFeatures(db: Db, r: ItemsRequest, featureId: string | null): Promise<FeaturesResult> {
  const hant = r.script === Script.HANT;
  const f = r.filters;
  const ids = featureId === null ? null : [featureId];
  switch (r.spec.id) {
    case "places": {
      const page = await findPlaceFeatures(db, {
        ...r.query,
        ids,
        kinds: f.kind as PlaceKind[] | null,
        parentIds: f.parentId,
      });
      return {
        numberMatched: page.numberMatched,
        features: page.rows.map((p) => ({
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
      };
    }
    case "tasks": {
      let link = null;
      if (featureId !== null) {
        const [taskId, placeId, role, ...rest] = featureId.split("@");
        if (!taskId || !placeId || !role || rest.length) return { numberMatched: 0, features: [] };
        link = { taskId, placeId, role };
      }
      const page = await findTaskLinkFeatures(db, {
        ...r.query,
        link,
        taskIds: f.taskId ?? null,
        placeIds: f.placeId ?? null,
        kinds: f.kind as TaskKind[] | null,
        statuses: f.status as TaskStatus[] | null,
        roles: f.role ?? null,
        asOf: r.asOf,
      });
      const taskIds = [...new Set(page.rows.map((row) => row.taskId))];
      const planIds = [...new Set(page.rows.map((row) => row.planId))];
      const [leads, texts] = await Promise.all([
        taskIds.length ? findLeadsByTasks(db, taskIds) : [],
        planIds.length ? findSourceTexts(db, planIds) : [],
      ]);
      const departments = leads.length
        ? await findDepartmentsByIds(db, [...new Set(leads.map((l) => l.departmentId))])
        : [];
      const departmentName = new Map(departments.map((d) => [d.id, hant ? d.nameHant : d.nameHans]));
      const text = new Map(texts.map((t) => [t.id, hant ? t.hant : t.hans]));
      return {
        numberMatched: page.numberMatched,
        features: page.rows.map((row) => {
          const own = leads.filter((l) => l.taskId === row.taskId);
          // OpenCC maps character for character: a span's offsets are the same in both scripts
          const evidence =
            row.evidenceStart !== null && row.evidenceEnd !== null
              ? (text.get(row.planId)?.slice(row.evidenceStart, row.evidenceEnd) ?? null)
              : null;
          return {
            type: "Feature",
            id: row.id,
            geometry: row.geometry,
            properties: {
              taskId: row.taskId,
              kind: row.kind,
              ref: row.ref,
              title: hant ? row.titleHant : row.titleHans,
              titleEn: row.titleEn,
              dueYear: row.dueYear,
              status: row.status,
              progress: row.progress,
              leadDepartmentIds: own.map((l) => l.departmentId).join(","),
              leadDepartments: own.map((l) => departmentName.get(l.departmentId) ?? l.departmentId).join("、"),
              placeId: row.placeId,
              placeName: hant ? row.placeNameHant : row.placeNameHans,
              precision: row.precision,
              role: row.role,
              evidence,
              curated: row.curated,
            },
          };
        }),
      };
    }
    case "obligations": {
      let placeIds = f.placeId ?? null;
      let taskIds = f.taskId ?? null;
      if (featureId !== null) {
        const [taskId, placeId, ...rest] = featureId.split("@");
        if (!taskId || !placeId || rest.length) return { numberMatched: 0, features: [] };
        placeIds = [placeId];
        taskIds = [taskId];
      }
      const page = await findObligationFeatures(db, {
        ...r.query,
        placeIds: placeIds ?? (await findAllPlaceIds(db)),
        taskIds,
        kinds: f.kind as TaskKind[] | null,
        statuses: f.status as TaskStatus[] | null,
        asOf: r.asOf,
      });
      return {
        numberMatched: page.numberMatched,
        features: page.rows.map((row) => ({
          type: "Feature",
          id: row.id,
          geometry: row.geometry,
          properties: {
            taskId: row.taskId,
            placeId: row.placeId,
            placeName: hant ? row.placeNameHant : row.placeNameHans,
            precision: row.precision,
            kind: row.kind,
            ref: row.ref,
            title: hant ? row.titleHant : row.titleHans,
            titleEn: row.titleEn,
            dueYear: row.dueYear,
            status: row.status,
            progress: row.progress,
            reasons: row.reasons.join(","),
          },
        })),
      };
    }
    case "projects": {
      const page = await findProjectFeatures(db, {
        ...r.query,
        ids,
        taskIds: f.taskId ?? null,
        categories: f.category as ProjectCategory[] | null,
        statuses: f.status as TaskStatus[] | null,
        asOf: r.asOf,
      });
      return {
        numberMatched: page.numberMatched,
        features: page.rows.map((row) => ({
          type: "Feature",
          id: row.id,
          geometry: row.geometry,
          properties: {
            id: row.id,
            name: hant ? row.nameHant : row.nameHans,
            nameEn: row.nameEn,
            category: row.category,
            precision: row.precision,
            positionSource: row.positionSource,
            startYear: row.startYear,
            endYear: row.endYear,
            investmentCny: row.investmentCny,
            reference: row.reference,
            status: row.status,
            progress: row.progress,
            taskIds: row.taskIds.join(","),
          },
        })),
      };
    }
  }
}

// ---------------------------------------------------------------- documents

export interface Link {
  href: string;
  rel: string;
  type: string;
  title?: string;
}

export const JSON_TYPE = "application/json";
export const GEOJSON_TYPE = "application/geo+json";
export const HTML_TYPE = "text/html";
export const OPENAPI_TYPE = "application/vnd.oai.openapi+json;version=3.0";

export interface CollectionDocument {
  id: string;
  title: string;
  description: string;
  itemType: "feature";
  crs: string[];
  storageCrs: string;
  extent: { spatial: { bbox: number[][]; crs: string }; temporal?: { interval: (string | null)[][]; trs: string } };
  links: Link[];
}

/** Each collection's extent: its bbox from the data, its years where datetime applies. */
export async function readExtents(db: Db): Promise<Map<CollectionId, ExtentRow>> {
  const rows = await findExtents(db);
  return new Map(rows.map((row) => [row.collection, row]));
}

/** The document of one collection (in /collections and /collections/{id}). */
export function collectionDocument(
  spec: CollectionSpec,
  extent: ExtentRow | undefined,
  base: string,
): CollectionDocument {
  const href = `${base}/collections/${spec.id}`;
  const doc: CollectionDocument = {
    id: spec.id,
    title: spec.title,
    description: spec.description,
    itemType: "feature",
    crs: [CRS84],
    storageCrs: CRS84,
    extent: { spatial: { bbox: [extent?.bbox ?? [-180, -90, 180, 90]], crs: CRS84 } },
    links: [
      { href, rel: "self", type: JSON_TYPE, title: "this collection" },
      { href: `${href}?f=html`, rel: "alternate", type: HTML_TYPE, title: "this collection as HTML" },
      { href: `${href}/items`, rel: "items", type: GEOJSON_TYPE, title: `the ${spec.id} as GeoJSON` },
      { href: `${href}/items?f=html`, rel: "items", type: HTML_TYPE, title: `the ${spec.id} as HTML` },
      {
        href: `${href}/queryables`,
        rel: "http://www.opengis.net/def/rel/ogc/1.0/queryables",
        type: "application/schema+json",
        title: "the properties one may filter on",
      },
    ],
  };
  if (spec.temporal && extent?.fromYear != null && extent.toYear != null) {
    doc.extent.temporal = {
      interval: [[`${extent.fromYear}-01-01T00:00:00Z`, `${extent.toYear}-12-31T23:59:59Z`]],
      trs: "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian",
    };
  }
  return doc;
}

/** The landing page's document. */
export function landingDocument(base: string) {
  return {
    title: "Taiyuan transformation-plan atlas",
    description:
      "Taiyuan's 2013-2015 implementation plan for the resource-based economy reform pilot (并政发〔2013〕30号): " +
      "its places, tasks, obligations and projects as OGC API – Features.",
    links: [
      { href: base, rel: "self", type: JSON_TYPE, title: "this document" },
      { href: `${base}?f=html`, rel: "alternate", type: HTML_TYPE, title: "this document as HTML" },
      { href: `${base}/api`, rel: "service-desc", type: OPENAPI_TYPE, title: "the API definition (OpenAPI 3.0)" },
      { href: `${base}/api?f=html`, rel: "service-doc", type: HTML_TYPE, title: "the API definition as HTML" },
      {
        href: `${base}/conformance`,
        rel: "conformance",
        type: JSON_TYPE,
        title: "the conformance classes implemented",
      },
      { href: `${base}/collections`, rel: "data", type: JSON_TYPE, title: "the collections" },
    ] satisfies Link[],
  };
}

/** The links of an items page: self and alternate, the collection, and next/prev when there are more. */
export function itemsLinks(
  r: ItemsRequest,
  query: QueryParams,
  base: string,
  numberReturned: number,
  numberMatched: number,
): Link[] {
  const href = `${base}/collections/${r.spec.id}/items`;
  const withParams = (changes: Record<string, string | undefined>): string => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (typeof v === "string" && !(k in changes)) params.set(k, v);
    for (const [k, v] of Object.entries(changes)) if (v !== undefined) params.set(k, v);
    const s = params.toString();
    return s ? `${href}?${s}` : href;
  };
  const { limit, offset } = r.query;
  const links: Link[] = [
    { href: withParams({ f: undefined }), rel: "self", type: GEOJSON_TYPE, title: "this page" },
    { href: withParams({ f: "html" }), rel: "alternate", type: HTML_TYPE, title: "this page as HTML" },
    { href: `${base}/collections/${r.spec.id}`, rel: "collection", type: JSON_TYPE, title: "the collection" },
  ];
  if (offset + numberReturned < numberMatched) {
    links.push({
      href: withParams({ f: undefined, offset: String(offset + limit), limit: String(limit) }),
      rel: "next",
      type: GEOJSON_TYPE,
      title: "the next page",
    });
  }
  if (offset > 0) {
    links.push({
      href: withParams({ f: undefined, offset: String(Math.max(0, offset - limit)), limit: String(limit) }),
      rel: "prev",
      type: GEOJSON_TYPE,
      title: "the previous page",
    });
  }
  return links;
}

/** The queryables of a collection as JSON Schema (OGC API – Features Part 3). */
export function queryablesDocument(spec: CollectionSpec, base: string) {
  return {
    $schema: "https://json-schema.org/draft/2019-09/schema",
    $id: `${base}/collections/${spec.id}/queryables`,
    type: "object",
    title: spec.title,
    properties: {
      geometry: {
        $ref: "https://geojson.org/schema/Geometry.json",
        title: "the feature's geometry (filter it with bbox)",
      },
      ...spec.queryables,
    },
    additionalProperties: false,
  };
}
