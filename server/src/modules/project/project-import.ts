/**
 * Parsing and row validation of project imports (CSV and GeoJSON): pure, no
 * database. A file that is not what its format says is refused as a whole
 * (ValidationError); a bad row becomes an ImportProblem and the other rows go on.
 * What needs the database (tasks exist, coordinates inside Taiyuan, geocoding
 * against the stored gazetteer) is checked by project.service.ts.
 */
import { createHash } from "node:crypto";
import { parseCsvRecords, type CsvRecord } from "../../csv.ts";
import { ValidationError } from "../../core/errors.ts";
import { GeoPrecision, ProjectCategory } from "../../core/enums.ts";
import type { GeoJsonGeometry } from "../../core/geojson.ts";
import { toSimplified, toTraditional } from "../../core/script.ts";

const CSV_COLUMNS = [
  "id",
  "name",
  "name_en",
  "task_ids",
  "category",
  "lng",
  "lat",
  "place",
  "start_year",
  "end_year",
  "investment_cny",
  "reference",
] as const;
type Column = (typeof CSV_COLUMNS)[number];

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
const MAX_ROWS = 20_000;
const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,79}$/;
const TASK_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,79}$/;

/** Where a draft's position comes from, before the database resolves places and checks bounds. */
export type DraftPosition =
  | { kind: "geometry"; geometry: GeoJsonGeometry; precision: GeoPrecision; source: string; label: string }
  | { kind: "place"; name: string };

/** One import row after the checks that need no database. */
export interface ProjectDraft {
  /** 1-based data row or feature index */
  row: number;
  /** given id, or null: generated from the content (see generatedId) */
  id: string | null;
  nameHans: string;
  nameHant: string;
  nameEn: string | null;
  taskIds: string[];
  category: ProjectCategory | null;
  position: DraftPosition | null;
  startYear: number | null;
  endYear: number | null;
  investmentCny: number | null;
  reference: string | null;
}

export interface RowProblem {
  row: number;
  message: string;
  /** the row's problems one by one, each with the column it is about (null: the row as a whole) */
  problems?: FieldProblem[];
  /** what the row says it is, for showing refused rows */
  id?: string | null;
  name?: string | null;
}

export interface FieldProblem {
  field: string | null;
  message: string;
}

/** A problem sentence with the column it starts by naming ("task_ids: …", "lng, lat: …"). */
export function fieldProblem(message: string): FieldProblem {
  return { field: /^([a-z][a-z_]*)(?::|, )/.exec(message)?.[1] ?? null, message };
}

export interface ParsedImport {
  drafts: ProjectDraft[];
  refused: RowProblem[];
  /** data rows or features read, blank lines excluded */
  rows: number;
  /** CSV: the file line each data row starts on (header = line 1), for messages */
  lines?: Map<number, number>;
}

// ---------------------------------------------------------------- CSV

function isBlank(record: CsvRecord): boolean {
  return record.error === null && record.fields.length === 1 && record.fields[0].trim() === "";
}

/** Parses CSV import text into drafts and refused rows; throws ValidationError when it is not a usable CSV file. */
export function parseProjectCsv(content: string): ParsedImport {
  const text = content.replace(/^\uFEFF/, "");
  if (text.includes("\u0000")) throw new ValidationError("csv: the content is binary, not CSV text");
  const start = text.trimStart()[0];
  if (start === "{" || start === "[")
    throw new ValidationError("csv: the content looks like JSON, not CSV (use format GEOJSON for a FeatureCollection)");
  const records = parseCsvRecords(text);
  const headerAt = records.findIndex((r) => !isBlank(r));
  if (headerAt < 0)
    throw new ValidationError(
      `csv: the file is empty; expected a header row with the columns ${CSV_COLUMNS.join(", ")}`,
    );
  const header = records[headerAt];
  if (header.error) throw new ValidationError(`csv: the header row is malformed: ${header.error}`);
  const columns = header.fields.map((f) => f.trim().toLowerCase());
  checkHeader(columns);
  const out: ParsedImport = { drafts: [], refused: [], rows: 0, lines: new Map() };
  records.slice(headerAt + 1).forEach((record, i) => {
    const row = i + 1;
    if (isBlank(record)) return;
    out.lines!.set(row, record.line);
    out.rows += 1;
    if (out.rows > MAX_ROWS) throw new ValidationError(`csv: at most ${MAX_ROWS} rows per import; split the file`);
    // refusals name the file line (quoted line breaks counted), which is what an editor shows
    const label = `line ${record.line}`;
    if (record.error) return void out.refused.push({ row, message: `${label}: malformed row: ${record.error}` });
    if (record.fields.length !== columns.length) {
      return void out.refused.push({
        row,
        message: `${label}: malformed row: expected ${columns.length} fields as in the header, got ${record.fields.length}`,
      });
    }
    const values: Partial<Record<Column, string>> = {};
    columns.forEach((column, c) => (values[column as Column] = record.fields[c]));
    const result = draftFromValues(row, label, values, null);
    if ("message" in result) out.refused.push(result);
    else out.drafts.push(result);
  });
  return out;
}

function checkHeader(columns: string[]): void {
  const known = new Set<string>(CSV_COLUMNS);
  const unknown = columns.filter((c) => !known.has(c));
  if (unknown.length) {
    throw new ValidationError(
      `csv: unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((c) => JSON.stringify(c)).join(", ")}; expected columns among ${CSV_COLUMNS.join(", ")}`,
    );
  }
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) throw new ValidationError(`csv: column ${c} appears twice in the header`);
    seen.add(c);
  }
  const missing = ["name", "task_ids"].filter((c) => !seen.has(c));
  if (missing.length)
    throw new ValidationError(
      `csv: the header lacks the required column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`,
    );
  if (seen.has("lng") !== seen.has("lat"))
    throw new ValidationError("csv: the header must have both lng and lat, or neither");
  if (!seen.has("lng") && !seen.has("place"))
    throw new ValidationError("csv: the header needs lng and lat, or place, so that rows can be positioned");
}

// ---------------------------------------------------------------- GeoJSON

const GEOMETRY_TYPES = new Set(["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"]);

/** Parses a GeoJSON FeatureCollection into drafts and refused features; throws ValidationError when it is not one. */
export function parseProjectGeoJson(content: string): ParsedImport {
  let doc: unknown;
  try {
    doc = JSON.parse(content.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new ValidationError(`geojson: not valid JSON (${(error as Error).message})`);
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc))
    throw new ValidationError("geojson: expected a FeatureCollection object");
  const type = (doc as { type?: unknown }).type;
  if (type !== "FeatureCollection")
    throw new ValidationError(
      `geojson: expected a FeatureCollection, got ${type === undefined ? "an object without a type" : JSON.stringify(type)}`,
    );
  const features = (doc as { features?: unknown }).features;
  if (!Array.isArray(features)) throw new ValidationError("geojson: the FeatureCollection has no features array");
  if (features.length > MAX_ROWS)
    throw new ValidationError(`geojson: at most ${MAX_ROWS} features per import; split the file`);
  const out: ParsedImport = { drafts: [], refused: [], rows: features.length };
  features.forEach((feature: unknown, i) => {
    const row = i + 1;
    const where = `feature ${row}`;
    if (typeof feature !== "object" || feature === null || (feature as { type?: unknown }).type !== "Feature") {
      return void out.refused.push({ row, message: `${where}: expected a GeoJSON Feature` });
    }
    const f = feature as { properties?: unknown; geometry?: unknown };
    const props = f.properties ?? {};
    if (typeof props !== "object" || props === null || Array.isArray(props))
      return void out.refused.push({ row, message: `${where}: properties must be an object` });
    const values: Partial<Record<Column, string>> = {};
    for (const column of CSV_COLUMNS) {
      const v = (props as Record<string, unknown>)[column];
      if (v === undefined || v === null) continue;
      values[column] = Array.isArray(v) ? v.map(String).join(";") : String(v);
    }
    const precision = (props as Record<string, unknown>).precision;
    let given: { geometry: GeoJsonGeometry; precision: unknown } | null = null;
    if (f.geometry !== undefined && f.geometry !== null) {
      const problem = checkGeometry(f.geometry);
      if (problem)
        return void out.refused.push({
          row,
          message: `${where}: geometry: ${problem}`,
          problems: [{ field: "geometry", message: `geometry: ${problem}` }],
        });
      given = { geometry: f.geometry as GeoJsonGeometry, precision };
    }
    const result = draftFromValues(row, where, values, given);
    if ("message" in result) out.refused.push(result);
    else out.drafts.push(result);
  });
  return out;
}

function checkPosition(p: unknown): string | null {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((n) => typeof n === "number" && Number.isFinite(n)))
    return "expected positions [lng, lat]";
  if (p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90)
    return `position ${p[0]}, ${p[1]} is not a longitude/latitude`;
  return null;
}

function checkPositions(list: unknown, min: number, ring: boolean): string | null {
  if (!Array.isArray(list) || list.length < min)
    return ring ? `a polygon ring needs at least ${min} positions` : `a line needs at least ${min} positions`;
  for (const p of list) {
    const problem = checkPosition(p);
    if (problem) return problem;
  }
  if (ring) {
    const a = list[0] as number[];
    const b = list[list.length - 1] as number[];
    if (a[0] !== b[0] || a[1] !== b[1]) return "a polygon ring must be closed (first and last positions equal)";
  }
  return null;
}

function checkPolygon(rings: unknown): string | null {
  if (!Array.isArray(rings) || rings.length === 0) return "a polygon needs at least one ring";
  for (const ring of rings) {
    const problem = checkPositions(ring, 4, true);
    if (problem) return problem;
  }
  return null;
}

function checkList(list: unknown, each: (item: unknown) => string | null): string | null {
  if (!Array.isArray(list) || list.length === 0) return "expected a non-empty list of parts";
  for (const item of list) {
    const problem = each(item);
    if (problem) return problem;
  }
  return null;
}

/** Checks a GeoJSON geometry's type and coordinate structure (validity such as self-intersection is PostGIS's job). */
export function checkGeometry(g: unknown): string | null {
  if (typeof g !== "object" || g === null) return "expected a GeoJSON geometry object";
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown };
  if (typeof type !== "string" || !GEOMETRY_TYPES.has(type))
    return `expected one of ${[...GEOMETRY_TYPES].join(", ")}, got ${JSON.stringify(type)}`;
  switch (type) {
    case "Point":
      return checkPosition(coordinates);
    case "MultiPoint":
      return checkList(coordinates, checkPosition);
    case "LineString":
      return checkPositions(coordinates, 2, false);
    case "MultiLineString":
      return checkList(coordinates, (l) => checkPositions(l, 2, false));
    case "Polygon":
      return checkPolygon(coordinates);
    default:
      return checkList(coordinates, checkPolygon);
  }
}

// ---------------------------------------------------------------- rows

const CATEGORY_WORDS: Record<string, ProjectCategory> = {
  产业转型: ProjectCategory.INDUSTRIAL_TRANSFORMATION,
  生态修复: ProjectCategory.ECOLOGICAL_RESTORATION,
  城乡统筹: ProjectCategory.URBAN_RURAL_INTEGRATION,
  民生改善: ProjectCategory.LIVELIHOOD,
};

/** A category from its enum name (any case) or its Chinese name in either script (产业转型 …). */
export function parseCategory(value: string): ProjectCategory | null {
  const upper = value
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, "_");
  if ((Object.values(ProjectCategory) as string[]).includes(upper)) return upper as ProjectCategory;
  return CATEGORY_WORDS[toSimplified(value.trim())] ?? null;
}

function parseNumber(text: string): number | null {
  const t = text.trim().replace(/_/g, "");
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

function parseYear(column: string, text: string, problems: string[]): number | null {
  if (!text.trim()) return null;
  const n = parseNumber(text);
  if (n === null || !Number.isInteger(n) || n < MIN_YEAR || n > MAX_YEAR) {
    problems.push(`${column}: expected a year from ${MIN_YEAR} to ${MAX_YEAR}, got ${JSON.stringify(text.trim())}`);
    return null;
  }
  return n;
}

/** The same name in both scripts. */
export function bothScripts(name: string): { hans: string; hant: string } {
  return { hans: toSimplified(name), hant: toTraditional(name) };
}

function draftFromValues(
  row: number,
  where: string,
  v: Partial<Record<Column, string>>,
  given: { geometry: GeoJsonGeometry; precision: unknown } | null,
  n: (c: Column) => string = (c) => c,
  positionOptional = false,
): ProjectDraft | RowProblem {
  const problems: string[] = [];
  const get = (c: Column) => (v[c] ?? "").trim();

  const id = get("id") || null;
  if (id !== null && !ID_PATTERN.test(id))
    problems.push(
      `${n("id")}: expected a slug of lower-case letters, digits and hyphens (at most 80), got ${JSON.stringify(id)}`,
    );

  const name = get("name");
  if (!name) problems.push(`${n("name")}: required, expected the project's name`);
  else if (name.length > 200) problems.push(`${n("name")}: at most 200 characters, got ${name.length}`);
  const nameEn = get("name_en") || null;
  if (nameEn && nameEn.length > 200) problems.push(`${n("name_en")}: at most 200 characters, got ${nameEn.length}`);

  const taskIds = [
    ...new Set(
      get("task_ids")
        .split(";")
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
  if (taskIds.length === 0)
    problems.push(`${n("task_ids")}: required, expected task ids separated by ; (e.g. matter-18;matter-28)`);
  const badTask = taskIds.find((t) => !TASK_ID_PATTERN.test(t));
  if (badTask)
    problems.push(
      `${n("task_ids")}: ${JSON.stringify(badTask)} is not a task id (expected ids like matter-18, separated by ;)`,
    );

  let category: ProjectCategory | null = null;
  if (get("category")) {
    category = parseCategory(get("category"));
    if (!category)
      problems.push(
        `${n("category")}: expected one of ${Object.values(ProjectCategory).join(", ")} (or 产业转型, 生态修复, 城乡统筹, 民生改善), got ${JSON.stringify(get("category"))}`,
      );
  }

  let position: DraftPosition | null = null;
  const reference = get("reference") || null;
  if (reference && reference.length > 500)
    problems.push(`${n("reference")}: at most 500 characters, got ${reference.length}`);
  if (given) {
    const p =
      given.precision === undefined || given.precision === null ? null : String(given.precision).trim().toUpperCase();
    let precision = given.geometry.type === "Point" ? GeoPrecision.NEAR : GeoPrecision.APPROXIMATE;
    let source = `given geometry (${given.geometry.type})`;
    if (p === GeoPrecision.EXACT) {
      if (!reference) problems.push("precision: EXACT needs a reference saying where the position comes from");
      precision = GeoPrecision.EXACT;
      source = `given geometry (${given.geometry.type}), cited: ${reference}`;
    } else if (p !== null) {
      if (!(Object.values(GeoPrecision) as string[]).includes(p))
        problems.push(
          `precision: expected one of ${Object.values(GeoPrecision).join(", ")}, got ${JSON.stringify(given.precision)}`,
        );
      else precision = p as GeoPrecision;
    }
    position = { kind: "geometry", geometry: given.geometry, precision, source, label: "geometry" };
  } else {
    const lngText = get("lng");
    const latText = get("lat");
    if (lngText || latText) {
      const lng = parseNumber(lngText);
      const lat = parseNumber(latText);
      if (!lngText || !latText)
        problems.push(`${n("lng")}, ${n("lat")}: give both or neither, got only ${lngText ? n("lng") : n("lat")}`);
      else if (lng === null || lng < -180 || lng > 180)
        problems.push(
          `${n("lng")}: expected a longitude in degrees (WGS84, -180 to 180), got ${JSON.stringify(lngText)}`,
        );
      else if (lat === null || lat < -90 || lat > 90)
        problems.push(`${n("lat")}: expected a latitude in degrees (WGS84, -90 to 90), got ${JSON.stringify(latText)}`);
      else
        position = {
          kind: "geometry",
          geometry: { type: "Point", coordinates: [lng, lat] },
          precision: GeoPrecision.NEAR,
          source: "given coordinates",
          label: `coordinates ${lng}, ${lat}`,
        };
    } else if (get("place")) {
      position = { kind: "place", name: get("place") };
    } else if (!positionOptional) {
      problems.push(
        `position: expected ${n("lng")} and ${n("lat")}, or ${n("place")} (a place name in either script or a place id)`,
      );
    }
  }

  const startYear = parseYear(n("start_year"), get("start_year"), problems);
  const endYear = parseYear(n("end_year"), get("end_year"), problems);
  if (startYear !== null && endYear !== null && startYear > endYear)
    problems.push(
      `${n("start_year")}, ${n("end_year")}: the start (${startYear}) must not be after the end (${endYear})`,
    );

  let investmentCny: number | null = null;
  if (get("investment_cny")) {
    investmentCny = parseNumber(get("investment_cny"));
    if (investmentCny === null || investmentCny < 0) {
      problems.push(
        `${n("investment_cny")}: expected an amount in yuan, 0 or more, got ${JSON.stringify(get("investment_cny"))}`,
      );
      investmentCny = null;
    }
  }

  if (problems.length)
    return {
      row,
      message: `${where}: ${problems.join("; ")}`,
      problems: problems.map(fieldProblem),
      id,
      name: name || null,
    };
  const names = bothScripts(name);
  return {
    row,
    id,
    nameHans: names.hans,
    nameHant: names.hant,
    nameEn,
    taskIds,
    category,
    position,
    startYear,
    endYear,
    investmentCny,
    reference,
  };
}

const INPUT_NAMES: Record<Column, string> = {
  id: "id",
  name: "name",
  name_en: "nameEn",
  task_ids: "taskIds",
  category: "category",
  lng: "lng",
  lat: "lat",
  place: "placeName",
  start_year: "startYear",
  end_year: "endYear",
  investment_cny: "investmentCny",
  reference: "reference",
};

/** The fields of upsertProject's ProjectInput. */
export interface ProjectInputValues {
  id?: string | null;
  name: string;
  nameEn?: string | null;
  taskIds: string[];
  category?: ProjectCategory | null;
  geometry?: GeoJsonGeometry | null;
  placeName?: string | null;
  startYear?: number | null;
  endYear?: number | null;
  investmentCny?: number | null;
  reference?: string | null;
}

/** Checks an upsertProject input like an import row (position optional: an update may keep it); throws ValidationError. */
export function draftFromInput(input: ProjectInputValues): ProjectDraft {
  if (input.geometry && input.placeName?.trim())
    throw new ValidationError("give either geometry or placeName, not both");
  let given: { geometry: GeoJsonGeometry; precision: unknown } | null = null;
  if (input.geometry) {
    const problem = checkGeometry(input.geometry);
    if (problem) throw new ValidationError(`geometry: ${problem}`);
    given = { geometry: input.geometry, precision: null };
  }
  const text = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));
  if (input.taskIds.some((t) => t.includes(";"))) throw new ValidationError("taskIds: a task id never contains ;");
  const values: Partial<Record<Column, string>> = {
    id: text(input.id),
    name: input.name,
    name_en: text(input.nameEn),
    task_ids: input.taskIds.join(";"),
    category: text(input.category),
    place: text(input.placeName),
    start_year: text(input.startYear),
    end_year: text(input.endYear),
    investment_cny: text(input.investmentCny),
    reference: text(input.reference),
  };
  const result = draftFromValues(1, "project", values, given, (c) => INPUT_NAMES[c], true);
  if ("message" in result) throw new ValidationError(result.message);
  return result;
}

/**
 * The id of a row given none: a slug of its English name (or "project") and a
 * hash of what identifies it (name, tasks, position), so importing the same row
 * again finds the same project.
 */
export function generatedId(d: Pick<ProjectDraft, "nameHans" | "nameEn" | "taskIds" | "position">): string {
  const position =
    d.position === null ? null : d.position.kind === "place" ? toSimplified(d.position.name) : d.position.geometry;
  const hash = createHash("sha256")
    .update(JSON.stringify([d.nameHans, [...d.taskIds].sort(), position]))
    .digest("hex")
    .slice(0, 10);
  const slug = (d.nameEn ?? "")
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
  return `${slug || "project"}-${hash}`;
}
