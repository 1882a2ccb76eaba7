/**
 * Rules for projects: filter validation and paging, the planner-only writes
 * (upsertProject, importProjects: one transaction each), and loading the
 * projects the seeded plan names.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { SEEDS_DIR } from "../../paths.ts";
import type { Db } from "../../db/database.ts";
import { ForbiddenError, UnavailableError, ValidationError } from "../../core/errors.ts";
import { requireUser, type SessionUser } from "../../core/actor.ts";
import { ImportAction, ImportFormat, type ProjectCategory } from "../../core/enums.ts";
import { checkFirst, decodeCursor, encodeCursor } from "../../core/paging.ts";
import { deriveHans, toSimplified } from "../../core/script.ts";
import { canCurate } from "../report/permissions.ts";
import { validateSpatial } from "../spatial/spatial-filter.ts";
import { checkPlaceIdsExist } from "../task/task.service.ts";
import { coarsest, createGeocoder, precisionAt } from "./geocode.ts";
import type { ProjectLoaders } from "./project.loader.ts";
import {
  draftFromInput,
  generatedId,
  MAX_YEAR,
  MIN_YEAR,
  parseProjectCsv,
  parseProjectGeoJson,
  type ParsedImport,
  type ProjectDraft,
  fieldProblem,
  type FieldProblem,
  type ProjectInputValues,
  type RowProblem,
} from "./project-import.ts";
import {
  checkGeometries,
  compareProjects,
  deleteSeededProjectsExcept,
  findExistingTaskIds,
  findGeocodablePlaces,
  findProjectPage,
  findProjectPosition,
  findProjectsByIds,
  lockProjectImport,
  writeProjects,
  type ProjectQuery,
  type ProjectWrite,
} from "./project.repository.ts";
import type {
  GeocodeResult,
  ImportResult,
  ImportRow,
  ProjectConnection,
  ProjectFilter,
  ProjectRow,
} from "./project.type.ts";

export const PROJECT_CURSOR = "PROJECT_ORDER";
export const SEED_PROJECTS_FILE = path.join(SEEDS_DIR, "projects.json");

// ---------------------------------------------------------------- reading

/** Validates a ProjectFilter into a query (without paging). */
/** `now`: the instant the projects' statuses are as of (the request's). */
export function toProjectQuery(
  filter: ProjectFilter | null | undefined,
  now: Date = new Date(),
): Omit<ProjectQuery, "first" | "after"> {
  const f = filter ?? {};
  if (
    f.year !== undefined &&
    f.year !== null &&
    (!Number.isInteger(f.year) || f.year < MIN_YEAR || f.year > MAX_YEAR)
  ) {
    throw new ValidationError(`year must be from ${MIN_YEAR} to ${MAX_YEAR}, got ${f.year}`);
  }
  return {
    taskIds: f.taskIds?.length ? f.taskIds : null,
    categories: f.categories?.length ? f.categories : null,
    statuses: f.statuses?.length ? f.statuses : null,
    asOf: now,
    year: f.year ?? null,
    text: f.text?.trim() ? toSimplified(f.text.trim()).slice(0, 200) : null,
    spatial: validateSpatial(f.spatial),
  };
}

/** One page of projects matching the filter. */
export async function listProjects(
  db: Db,
  filter: ProjectFilter | null | undefined,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<ProjectConnection> {
  const query = toProjectQuery(filter);
  const size = checkFirst(first, 50);
  const cursor = decodeCursor(after, PROJECT_CURSOR, 2);
  if (filter?.spatial?.placeIds) await checkPlaceIdsExist(db, filter.spatial.placeIds, "spatial.placeIds");
  const rows = await findProjectPage(db, { ...query, first: size, after: cursor });
  const page = rows.slice(0, size);
  let totalCount = rows[0]?.totalCount;
  if (totalCount === undefined)
    totalCount = cursor ? ((await findProjectPage(db, { ...query, first: 0, after: null }))[0]?.totalCount ?? 0) : 0;
  return toConnection(
    page.map(({ totalCount: _t, ...row }) => row),
    rows.length > size,
    totalCount,
  );
}

/** One page of the projects lying in a place or in places inside it (batched across places by the request's loader). */
export async function listProjectsInPlace(
  loaders: ProjectLoaders,
  placeId: string,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<ProjectConnection> {
  const size = checkFirst(first, 50);
  const cursor = decodeCursor(after, PROJECT_CURSOR, 2);
  const rows = await loaders.projectsByPlace.load({ placeId, first: size, after: cursor });
  // a place without projects (or past the last page) comes back as one row with no project but the total
  const nodes = rows.filter((r) => r.id !== null).map(({ placeId: _p, totalCount: _t, ...row }) => row);
  return toConnection(nodes.slice(0, size), nodes.length > size, rows[0]?.totalCount ?? 0);
}

/** A connection from a page of rows. */
export function toConnection(nodes: ProjectRow[], hasNextPage: boolean, totalCount: number): ProjectConnection {
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    pageInfo: { hasNextPage, endCursor: last ? encodeCursor(PROJECT_CURSOR, [last.ordinal, last.id]) : null },
    totalCount,
  };
}

// ---------------------------------------------------------------- writing

function requirePlanner(actor: SessionUser | null, what: string): void {
  const user = requireUser(actor);
  const decision = canCurate(user, what);
  if (!decision.allowed) throw new ForbiddenError(decision.reason);
}

interface Resolved {
  writes: (ProjectWrite & { row: number })[];
  refused: RowProblem[];
}

/** The checks that need the database: tasks exist, places geocode, geometries are valid and inside Taiyuan, ids are unique. */
async function resolveDrafts(
  db: Db,
  drafts: ProjectDraft[],
  where: (row: number) => string,
  names: { taskIds: string; place: string } = { taskIds: "task_ids", place: "place" },
): Promise<Resolved> {
  const problems = new Map<number, FieldProblem[]>();
  const refuse = (d: ProjectDraft, message: string, field?: string) =>
    problems.set(d.row, [...(problems.get(d.row) ?? []), field ? { field, message } : fieldProblem(message)]);

  const known = await findExistingTaskIds(db, [...new Set(drafts.flatMap((d) => d.taskIds))]);
  for (const d of drafts) {
    const unknown = d.taskIds.filter((t) => !known.has(t));
    if (unknown.length)
      refuse(
        d,
        `${names.taskIds}: unknown task${unknown.length > 1 ? "s" : ""} ${unknown.map((t) => JSON.stringify(t)).join(", ")} (expected ids of the plan's tasks, e.g. matter-18)`,
      );
  }

  const placed = new Map<number, { placeId: string; alias: string; precision: ProjectWrite["precision"] }>();
  if (drafts.some((d) => d.position?.kind === "place")) {
    const geocode = createGeocoder(await findGeocodablePlaces(db));
    for (const d of drafts) {
      if (d.position?.kind !== "place") continue;
      const match = geocode(d.position.name);
      if (!match) {
        refuse(
          d,
          `${names.place}: ${JSON.stringify(d.position.name)} matches no place of the gazetteer (expected a place name in either script, e.g. 清徐开发区, or a place id, e.g. qingxu)`,
        );
      } else if (match.place.kind === "EXTERNAL") {
        refuse(
          d,
          `${names.place}: ${JSON.stringify(d.position.name)} is ${match.place.id}, which lies outside Taiyuan`,
        );
      } else {
        placed.set(d.row, { placeId: match.place.id, alias: match.alias, precision: precisionAt(match.place) });
      }
    }
  }

  const withGeometry = drafts.flatMap((d) =>
    d.position?.kind === "geometry" ? [{ idx: d.row, geometry: JSON.stringify(d.position.geometry), draft: d }] : [],
  );
  const checks = new Map(
    (
      await checkGeometries(
        db,
        withGeometry.map(({ idx, geometry }) => ({ idx, geometry })),
      )
    ).map((c) => [c.idx, c]),
  );
  for (const { idx, draft } of withGeometry) {
    const c = checks.get(idx)!;
    const position = draft.position as Extract<ProjectDraft["position"], { kind: "geometry" }>;
    if (!c.valid) refuse(draft, `geometry: not a valid geometry (${c.reason})`);
    else if (c.inside === null)
      throw new UnavailableError(
        "the gazetteer is not loaded: Taiyuan's outline (place taiyuan) is missing, so positions cannot be checked",
      );
    else if (!c.inside)
      refuse(
        draft,
        position.label === "geometry"
          ? "geometry: does not lie inside Taiyuan"
          : `${position.label} lie outside Taiyuan`,
        position.label === "geometry" ? "geometry" : "lng",
      );
  }

  const writes: Resolved["writes"] = [];
  const firstRowOf = new Map<string, number>();
  for (const d of drafts) {
    if (problems.has(d.row)) continue;
    const id = d.id ?? generatedId(d);
    const earlier = firstRowOf.get(id);
    if (earlier !== undefined) {
      refuse(d, `id: ${id} is already used by ${where(earlier)} of this import (give each project its own id)`);
      continue;
    }
    firstRowOf.set(id, d.row);
    const base = {
      row: d.row,
      id,
      planId: null,
      nameHans: d.nameHans,
      nameHant: d.nameHant,
      nameEn: d.nameEn,
      category: d.category,
      startYear: d.startYear,
      endYear: d.endYear,
      investmentCny: d.investmentCny,
      reference: d.reference,
      spanStart: null,
      spanEnd: null,
      ordinal: null,
      taskIds: d.taskIds,
    };
    if (d.position?.kind === "geometry") {
      writes.push({
        ...base,
        precision: d.position.precision,
        positionSource: d.position.source,
        geometry: JSON.stringify(d.position.geometry),
        placeIds: null,
      });
    } else if (d.position?.kind === "place") {
      const p = placed.get(d.row)!;
      writes.push({
        ...base,
        precision: p.precision,
        positionSource: `geocoded: ${p.alias} → ${p.placeId}`,
        geometry: null,
        placeIds: [p.placeId],
      });
    } else {
      // no position: only upsertProject gets here, and keeps the stored one
      writes.push({
        ...base,
        precision: "ADM2" as ProjectWrite["precision"],
        positionSource: "",
        geometry: null,
        placeIds: null,
        keepGeometry: true,
      });
    }
  }
  const byRow = new Map(drafts.map((d) => [d.row, d]));
  const refused = [...problems.entries()].map(([row, list]) => ({
    row,
    message: `${where(row)}: ${list.map((p) => p.message).join("; ")}`,
    problems: list,
    id: byRow.get(row)?.id ?? null,
    name: byRow.get(row)?.nameHant ?? null,
  }));
  return { writes, refused };
}

function parseImport(format: ImportFormat, content: string): { parsed: ParsedImport; where: (row: number) => string } {
  if (format === ImportFormat.CSV) {
    const parsed = parseProjectCsv(content);
    return { parsed, where: (row) => `line ${parsed.lines?.get(row) ?? row + 1}` };
  }
  return { parsed: parseProjectGeoJson(content), where: (row) => `feature ${row}` };
}

/**
 * Imports CSV or GeoJSON text. A dry run reports what would be created, updated
 * and refused and writes nothing; a real run writes every valid row in one
 * transaction. Rows identical to the stored project count as neither.
 * No permission check: callers (the mutation, the operator's CLI) decide who may.
 */
/**
 * Imports projects (dryRun: only says what would change). With allOrNothing, a file with any
 * refused row writes nothing at all (the counts say what the valid rows would have done).
 */
export async function runImport(
  db: Db,
  format: ImportFormat,
  content: string,
  dryRun: boolean,
  allOrNothing = false,
): Promise<ImportResult> {
  const { parsed, where } = parseImport(format, content);
  const work = async (tx: Db): Promise<ImportResult> => {
    const { writes, refused } = await resolveDrafts(tx, parsed.drafts, where);
    const compared = await compareProjects(tx, writes);
    const created = compared.filter((c) => !c.exists).length;
    const updated = compared.filter((c) => c.exists && c.changed).length;
    const all = [...parsed.refused, ...refused].sort((a, b) => a.row - b.row);
    const write = !dryRun && !(allOrNothing && all.length > 0);
    if (write)
      await writeProjects(
        tx,
        writes.filter((_, i) => compared[i].changed),
      );
    return { dryRun: !write, created, updated, refused: all, rows: importRows(writes, compared, all, parsed.lines) };
  };
  if (dryRun) return work(db);
  return db.transaction().execute(async (trx) => {
    // one project import at a time, across server instances too
    await lockProjectImport(trx);
    return work(trx);
  });
}

/** Every row of an import, in file order: what it becomes (or why it is refused). */
function importRows(
  writes: Resolved["writes"],
  compared: { exists: boolean; changed: boolean }[],
  refused: RowProblem[],
  lines: Map<number, number> | undefined,
): ImportRow[] {
  const rows: ImportRow[] = writes.map((w, i) => {
    const point = w.geometry ? (JSON.parse(w.geometry) as { type: string; coordinates: unknown }) : null;
    const [lng, lat] = point?.type === "Point" ? (point.coordinates as number[]) : [null, null];
    return {
      row: w.row,
      line: lines?.get(w.row) ?? null,
      id: w.id,
      name: w.nameHant,
      action: !compared[i].exists
        ? ImportAction.CREATE
        : compared[i].changed
          ? ImportAction.UPDATE
          : ImportAction.UNCHANGED,
      precision: w.precision,
      positionSource: w.positionSource,
      placeId: w.placeIds?.[0] ?? null,
      lng,
      lat,
      problems: [],
    };
  });
  for (const r of refused) {
    const problems = r.problems ?? [{ field: null, message: r.message.replace(/^(line|feature) \d+: /, "") }];
    rows.push({
      row: r.row,
      line: lines?.get(r.row) ?? null,
      id: r.id ?? null,
      name: r.name ?? null,
      action: ImportAction.REFUSED,
      precision: null,
      positionSource: null,
      placeId: null,
      lng: null,
      lat: null,
      problems: problems.map((p) => ({ row: r.row, field: p.field, message: p.message })),
    });
  }
  return rows.sort((a, b) => a.row - b.row);
}

/**
 * The name geocodeAddress matches: the address trimmed, refused when empty or over 200 characters
 * (the SQL executor's geocoding checks it alike).
 */
export function geocodeText(address: string): string {
  const text = address.trim();
  if (!text) throw new ValidationError("address must not be empty: give a place name in either script or a place id");
  if (text.length > 200) throw new ValidationError("address is longer than 200 characters");
  return text;
}

/**
 * Where a project named by a place would be placed, and how precisely, without saving anything
 * (the same geocoder as upsertProject's placeName). Null when the name matches no place.
 */
export async function geocodeAddress(
  db: Db,
  actor: SessionUser | null,
  address: string,
): Promise<GeocodeResult | null> {
  requirePlanner(actor, "geocode project positions");
  const text = geocodeText(address);
  const match = createGeocoder(await findGeocodablePlaces(db))(text);
  if (!match) return null;
  if (match.place.kind === "EXTERNAL")
    throw new ValidationError(`address: ${JSON.stringify(text)} is ${match.place.id}, which lies outside Taiyuan`);
  const precision = precisionAt(match.place);
  return {
    placeId: match.place.id,
    alias: match.alias,
    precision,
    positionSource: `geocoded: ${match.alias} → ${match.place.id}`,
    citywide: precision === "ADM2",
  };
}

/** importProjects: planners only. */
export async function importProjects(
  db: Db,
  actor: SessionUser | null,
  format: ImportFormat,
  content: string,
  dryRun: boolean,
): Promise<ImportResult> {
  requirePlanner(actor, "import projects");
  return runImport(db, format, content, dryRun);
}

/** upsertProject: planners only; creates or changes one project in one transaction. */
export async function upsertProject(db: Db, actor: SessionUser | null, input: ProjectInputValues): Promise<ProjectRow> {
  requirePlanner(actor, "add or change projects");
  const draft = draftFromInput(input);
  const id = await db.transaction().execute(async (trx) => {
    const { writes, refused } = await resolveDrafts(trx, [draft], () => "project", {
      taskIds: "taskIds",
      place: "placeName",
    });
    if (refused.length) throw new ValidationError(refused[0].message);
    const write = writes[0];
    if (write.keepGeometry) {
      const stored = await findProjectPosition(trx, write.id);
      if (!stored)
        throw new ValidationError(
          `project ${write.id} does not exist yet: a new project needs a position (geometry or placeName)`,
        );
      write.precision = stored.precision;
      write.positionSource = stored.positionSource;
    }
    await writeProjects(trx, [write]);
    return write.id;
  });
  const [row] = await findProjectsByIds(db, [id]);
  return row;
}

// ---------------------------------------------------------------- the seeded projects

/** One project the plan names, as curated in seeds/projects.json. */
export interface SeedProject {
  id: string;
  /** as the plan prints it (traditional script) */
  name: string;
  nameEn: string;
  taskIds: string[];
  category: ProjectCategory;
  /** the plan's words naming it, found in the text of the first task */
  quote: string;
  /** gazetteer places it is placed at (the plan gives no coordinates) */
  places: string[];
}

/** What seeding projects needs of a parsed plan (ingest's ParsedPlan has it): its tasks' spans in its source text. */
export interface SeedPlan {
  id: string;
  sourceText: string;
  tasks: { id: string; span: { start: number; end: number } }[];
}

export interface SeedProjectFile {
  planId: string;
  projects: SeedProject[];
}

export function readSeedProjects(file = SEED_PROJECTS_FILE): SeedProjectFile {
  return JSON.parse(readFileSync(file, "utf8")) as SeedProjectFile;
}

/** Where a seeded project's quoted words sit in the plan's source text; throws when they are not in its task. */
export function seedSpan(plan: SeedPlan, p: SeedProject): { start: number; end: number } {
  const task = plan.tasks.find((t) => t.id === p.taskIds[0]);
  if (!task)
    throw new Error(
      `seeds/projects.json: project ${p.id} serves task ${p.taskIds[0]}, which plan ${plan.id} does not have`,
    );
  const at = plan.sourceText.slice(task.span.start, task.span.end).indexOf(p.quote);
  if (at < 0 || !p.quote)
    throw new Error(
      `seeds/projects.json: project ${p.id}: the words ${JSON.stringify(p.quote)} are not in the text of ${task.id}`,
    );
  return { start: task.span.start + at, end: task.span.start + at + p.quote.length };
}

/**
 * Loads the projects the seeded plan names, inside the plan's import transaction.
 * Idempotent: unchanged projects are not written. Seeded projects that left the
 * file go (unless reported on); projects users imported are never touched.
 */
export async function loadSeedProjects(trx: Db, plan: SeedPlan, file = SEED_PROJECTS_FILE): Promise<number> {
  const seed = readSeedProjects(file);
  if (seed.planId !== plan.id) return 0;
  const places = new Map((await findGeocodablePlaces(trx)).map((p) => [p.id, p]));
  const planTasks = new Set(plan.tasks.map((t) => t.id));
  const writes: ProjectWrite[] = seed.projects.map((p, ordinal) => {
    const missingTask = p.taskIds.find((t) => !planTasks.has(t));
    if (missingTask)
      throw new Error(
        `seeds/projects.json: project ${p.id} serves task ${missingTask}, which plan ${plan.id} does not have`,
      );
    const at = p.places.map((id) => {
      const place = places.get(id);
      if (!place)
        throw new Error(`seeds/projects.json: project ${p.id} is placed at ${id}, which the gazetteer does not have`);
      return place;
    });
    if (at.length === 0) throw new Error(`seeds/projects.json: project ${p.id} names no place`);
    const span = seedSpan(plan, p);
    return {
      id: p.id,
      planId: plan.id,
      nameHant: p.name,
      nameHans: deriveHans(p.name),
      nameEn: p.nameEn,
      category: p.category,
      precision: coarsest(at.map(precisionAt)),
      positionSource: `gazetteer: ${p.places.join(", ")}`,
      startYear: null,
      endYear: null,
      investmentCny: null,
      reference: null,
      spanStart: span.start,
      spanEnd: span.end,
      ordinal,
      taskIds: p.taskIds,
      geometry: null,
      placeIds: p.places,
    };
  });
  const compared = await compareProjects(trx, writes);
  const changed = writes.filter((_, i) => compared[i].changed);
  await writeProjects(trx, changed);
  await deleteSeededProjectsExcept(
    trx,
    plan.id,
    writes.map((w) => w.id),
  );
  return changed.length;
}
