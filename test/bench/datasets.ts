/**
 * The benchmark's databases on the PostgreSQL server: the real seeded plan and
 * synthetic data at 1× (1k places, 10k tasks) and 10×, generated with a seeded
 * PRNG so every run loads the same rows. The product's migrations create the
 * schema; rows go in with plain SQL; the peer's SQL functions are added last.
 *
 * @example
 * await ensureDataset("1x"); // creates atlas_bench_1x unless it is already complete
 */
import { syncObligations } from "../../server/src/modules/place/place.repository.ts";
import pg from "pg";
import { sql } from "kysely";
import { openServer, type Database } from "../../server/src/db/database.ts";
import { migrateToLatest } from "../../server/src/db/migrate.ts";
import { seedIfEmpty } from "../../server/src/seed.ts";
import { createLogger } from "../../server/src/logger.ts";
import { mulberry32, TAIYUAN_BBOX } from "./generate-projects.ts";
import { PEER_FUNCTIONS } from "./peer-functions.ts";

export type DatasetName = "real" | "1x" | "10x" | "100x";

export const PG_BASE = process.env.BENCH_PG ?? "postgres://postgres@127.0.0.1:5432";
export const SYNTHETIC_PLAN = "bench-plan";
/** bump when the generator changes, so stale databases are rebuilt */
const GENERATOR_VERSION = "4"; // 4: obligations materialized

/**
 * The datasets' databases are `<prefix>_<dataset>`. A branch with a migration main has not
 * merged runs the bench on a copy of its own (BENCH_DB_PREFIX=atlas_mine: `create database
 * atlas_mine_1x template atlas_bench_1x`), so the shared databases never hold a migration that
 * other checkouts do not know (Kysely's migrator refuses a database with one).
 */
const DB_PREFIX = process.env.BENCH_DB_PREFIX || "atlas_bench";

export function databaseName(name: DatasetName): string {
  return `${DB_PREFIX}_${name}`;
}

export function databaseUrl(name: DatasetName, applicationName?: string): string {
  return `${PG_BASE}/${databaseName(name)}${applicationName ? `?application_name=${applicationName}` : ""}`;
}

export function scaleOf(name: DatasetName): number {
  return name === "1x" ? 1 : name === "10x" ? 10 : name === "100x" ? 100 : 0;
}

/** Creates and fills the dataset's database unless a complete one (same generator version) exists. */
export async function ensureDataset(name: DatasetName, log: (msg: string) => void = console.log): Promise<void> {
  const admin = new pg.Client({ connectionString: `${PG_BASE}/postgres` });
  await admin.connect();
  const dbName = databaseName(name);
  try {
    const exists = await admin.query("select 1 from pg_database where datname = $1", [dbName]);
    if (exists.rowCount) {
      const probe = new pg.Client({ connectionString: `${PG_BASE}/${dbName}` });
      await probe.connect();
      try {
        const r = await probe
          .query("select obj_description('public.task'::regclass) as v")
          .catch(() => ({ rows: [{ v: null }] }));
        if (r.rows[0]?.v === `bench ${GENERATOR_VERSION}`) {
          await probe.end();
          // a product migration or peer function changed since the data was generated
          const database = await openServer(databaseUrl(name), 2);
          try {
            await migrateToLatest(database.db);
            await sql.raw(PEER_FUNCTIONS).execute(database.db);
          } finally {
            await database.close();
          }
          return;
        }
      } finally {
        await probe.end().catch(() => {});
      }
      log(`${dbName}: incomplete or from an older generator, rebuilding`);
      await admin.query(`drop database ${dbName} with (force)`);
    }
    await admin.query(`create database ${dbName}`);
  } finally {
    await admin.end();
  }
  const started = Date.now();
  const database = await openServer(databaseUrl(name), 4);
  try {
    await migrateToLatest(database.db);
    if (name === "real") await seedIfEmpty(database.db, createLogger("warn"));
    else {
      await fillSynthetic(database, scaleOf(name), log);
      await syncObligations(database.db);
    }
    await sql.raw(PEER_FUNCTIONS).execute(database.db);
    await sql.raw("vacuum analyze").execute(database.db); // and the visibility map, for index-only scans
    await sql.raw(`comment on table public.task is 'bench ${GENERATOR_VERSION}'`).execute(database.db);
  } finally {
    await database.close();
  }
  log(`${dbName}: ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const KM_PER_DEG_LAT = 110.57;
const kmPerDegLng = (lat: number) => 111.32 * Math.cos((lat * Math.PI) / 180);

/** A simple (star-shaped, counter-clockwise) polygon of `vertices` corners around a centre, radius in km. */
function starPolygon(random: () => number, lng: number, lat: number, radiusKm: number, vertices: number): string {
  const ring: [number, number][] = [];
  const step = (2 * Math.PI) / vertices;
  for (let i = 0; i < vertices; i++) {
    const a = i * step + random() * step * 0.4;
    const r = radiusKm * (0.7 + 0.3 * random());
    ring.push([
      Number((lng + (r * Math.cos(a)) / kmPerDegLng(lat)).toFixed(6)),
      Number((lat + (r * Math.sin(a)) / KM_PER_DEG_LAT).toFixed(6)),
    ]);
  }
  ring.push(ring[0]);
  return JSON.stringify({ type: "Polygon", coordinates: [ring] });
}

interface PlaceInput {
  id: string;
  code: string | null;
  name: string;
  nameEn: string;
  kind: string;
  parentId: string | null;
  precision: string;
  geojson: string;
}

const GRID = 10; // 10 × 10 districts over Taiyuan's bbox
const AREA_KINDS = ["DEVELOPMENT_ZONE", "SCENIC_AREA", "WATER_SOURCE", "NEW_DISTRICT", "BONDED_ZONE"];
const SITE_KINDS = ["HERITAGE_SITE", "SCENIC_AREA", "OTHER"];
const TASK_KINDS = ["REFORM", "MATTER", "PILOT", "RESEARCH", "SAFEGUARD"];
const ROLES = ["SUBJECT", "MENTION", "PILOT", "LEAD", "MENTION", "SUBJECT", "APPLIES"];

/** District i's centre (row-major over the grid). */
export function districtCentre(i: number): [number, number] {
  const [w, s, e, n] = TAIYUAN_BBOX;
  const col = i % GRID;
  const row = Math.floor(i / GRID);
  return [w + ((col + 0.5) * (e - w)) / GRID, s + ((row + 0.5) * (n - s)) / GRID];
}

/** The synthetic gazetteer: 1 city, 10 counties + 90 districts (the grid), then areas (polygons) and sites (points). */
function synthPlaces(scale: number): PlaceInput[] {
  const random = mulberry32(20130716);
  const [w, s, e, n] = TAIYUAN_BBOX;
  const places: PlaceInput[] = [];
  places.push({
    id: "b-city",
    code: "990000",
    name: "合成市",
    nameEn: "Synthetic City",
    kind: "CITY",
    parentId: null,
    precision: "EXACT",
    geojson: starPolygon(random, (w + e) / 2, (s + n) / 2, 75, 360),
  });
  const cellKm = Math.min(((e - w) / GRID) * kmPerDegLng((s + n) / 2), ((n - s) / GRID) * KM_PER_DEG_LAT);
  for (let i = 0; i < GRID * GRID; i++) {
    const [lng, lat] = districtCentre(i);
    const county = i % 10 === 3;
    places.push({
      id: `b-district-${String(i).padStart(3, "0")}`,
      code: String(990100 + i),
      name: `合成区${i}`,
      nameEn: `${county ? "County" : "District"} ${i}`,
      kind: county ? "COUNTY" : "DISTRICT",
      parentId: "b-city",
      precision: "EXACT",
      geojson: starPolygon(random, lng, lat, cellKm * 0.48, 200 + Math.floor(random() * 301)),
    });
  }
  const rest = 1000 * scale - places.length;
  const areas = Math.round(rest * 0.4);
  for (let i = 0; i < rest; i++) {
    const d = Math.floor(random() * GRID * GRID);
    const [cx, cy] = districtCentre(d);
    const lng = cx + ((random() - 0.5) * 0.6 * cellKm) / kmPerDegLng(cy);
    const lat = cy + ((random() - 0.5) * 0.6 * cellKm) / KM_PER_DEG_LAT;
    const parentId = `b-district-${String(d).padStart(3, "0")}`;
    if (i < areas) {
      places.push({
        id: `b-area-${String(i).padStart(6, "0")}`,
        code: null,
        name: `合成片区${i}`,
        nameEn: `Area ${i}`,
        kind: AREA_KINDS[i % AREA_KINDS.length],
        parentId,
        precision: "APPROXIMATE",
        geojson: starPolygon(random, lng, lat, 0.3 + random() * 1.5, 50 + Math.floor(random() * 151)),
      });
    } else {
      places.push({
        id: `b-site-${String(i).padStart(6, "0")}`,
        code: null,
        name: `合成地点${i}`,
        nameEn: `Site ${i}`,
        kind: SITE_KINDS[i % SITE_KINDS.length],
        parentId,
        precision: "EXACT",
        geojson: JSON.stringify({ type: "Point", coordinates: [Number(lng.toFixed(6)), Number(lat.toFixed(6))] }),
      });
    }
  }
  return places;
}

async function inChunks<T>(rows: T[], size: number, run: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await run(rows.slice(i, i + size));
}

/** Inserts the synthetic plan: places, departments, 10k × scale tasks with 1–3 place links and 1–2 leads each. */
async function fillSynthetic(database: Database, scale: number, log: (msg: string) => void): Promise<void> {
  const db = database.db;
  const random = mulberry32(7 * scale + 1);
  await sql`
    insert into plan (id, doc_number, title_hant, title_hans, title_en, issuer_hant, issuer_hans, issued_on, period_start, period_end,
      source_text_hant, source_text_hans, content_hash, ordinal)
    values (${SYNTHETIC_PLAN}, '合成〔2013〕1號', '合成計劃', '合成计划', 'Synthetic plan', '合成', '合成', '2013-07-16', 2013, 2015, '合成', '合成', 'synthetic', 1)`.execute(
    db,
  );
  await sql`
    insert into section (plan_id, id, ref, heading_hant, heading_hans, heading_en, parent_id, ordinal, span_start, span_end)
    select ${SYNTHETIC_PLAN}, g::text, g::text, '章' || g, '章' || g, 'Section ' || g, null, g, 0, 1 from generate_series(1, 10) g`.execute(
    db,
  );

  const places = synthPlaces(scale);
  await inChunks(places, 2000, (c) =>
    sql`
      insert into place (id, code, name_hans, name_hant, name_en, kind, parent_id, precision, source, aliases, geom, label_point, area_km2, ordinal)
      select x.id, x.code, x.name, x.name, x.name_en, x.kind, x.parent_id, x.precision, 'synthetic (seeded PRNG)', array[x.name],
        g.geom, ST_PointOnSurface(g.geom), case when ST_Dimension(g.geom) = 2 then ST_Area(g.geom::geography) / 1e6 end, x.ord
      from unnest(${c.map((p) => p.id)}::text[], ${c.map((p) => p.code)}::text[], ${c.map((p) => p.name)}::text[], ${c.map((p) => p.nameEn)}::text[],
                  ${c.map((p) => p.kind)}::text[], ${c.map((p) => p.parentId)}::text[], ${c.map((p) => p.precision)}::text[], ${c.map((p) => p.geojson)}::text[],
                  ${c.map((p) => places.indexOf(p))}::int[])
        as x(id, code, name, name_en, kind, parent_id, precision, geojson, ord)
      cross join lateral (select ST_SetSRID(ST_GeomFromGeoJSON(x.geojson), 4326) as geom) g
      order by x.ord`.execute(db),
  );
  log(`  ${places.length} places`);
  // containment from the hierarchy (the spatial computation is quadratic and not what is measured)
  await sql`
    insert into place_containment (outer_id, inner_id)
    select parent_id, id from place where parent_id is not null
    union select gp.parent_id, p.id from place p join place gp on gp.id = p.parent_id where gp.parent_id is not null`.execute(
    db,
  );

  const departments = 100 * scale;
  await sql`
    insert into department (id, name_hant, name_hans, name_en, jurisdiction_place_id, ordinal)
    select 'b-dept-' || lpad(g::text, 5, '0'), '部門' || g, '部门' || g, 'Department ' || g, null, g from generate_series(1, ${departments}::int) g`.execute(
    db,
  );

  const nTasks = 10_000 * scale;
  const linkable = places.filter((p) => p.kind !== "CITY").map((p) => p.id);
  const tasks: { id: string; kind: string; ordinal: number; section: string }[] = [];
  const links: { taskId: string; placeId: string; role: string; start: number }[] = [];
  const leads: { taskId: string; departmentId: string; ordinal: number }[] = [];
  for (let i = 1; i <= nTasks; i++) {
    const id = `b-task-${String(i).padStart(7, "0")}`;
    tasks.push({ id, kind: TASK_KINDS[i % TASK_KINDS.length], ordinal: i, section: String(1 + (i % 10)) });
    const seen = new Set<string>();
    const count = 1 + Math.floor(random() * 3);
    for (let k = 0; k < count; k++) {
      const placeId = random() < 0.03 ? "b-city" : linkable[Math.floor(random() * linkable.length)];
      if (seen.has(placeId)) continue;
      seen.add(placeId);
      links.push({
        taskId: id,
        placeId,
        role: placeId === "b-city" ? "SUBJECT" : ROLES[Math.floor(random() * ROLES.length)],
        start: Math.floor(random() * 1000),
      });
    }
    const leadCount = 1 + Math.floor(random() * 2);
    for (let k = 0; k < leadCount; k++) {
      const departmentId = `b-dept-${String(1 + ((i * 7 + k * 13) % departments)).padStart(5, "0")}`;
      leads.push({ taskId: id, departmentId, ordinal: k });
    }
  }
  await inChunks(tasks, 5000, (c) =>
    sql`
      insert into task (id, plan_id, kind, number, ref, section_id, ordinal, title_hant, title_hans, title_en, text_hant, text_hans, span_start, span_end, due_year)
      select x.id, ${SYNTHETIC_PLAN}, x.kind, x.ord, x.ord || '.', x.section, x.ord, '合成任務' || x.ord, '合成任务' || x.ord, 'Synthetic task ' || x.ord,
        repeat('推進資源型經濟轉型。', 8), repeat('推进资源型经济转型。', 8), x.ord * 10, x.ord * 10 + 9, 2013 + x.ord % 3
      from unnest(${c.map((t) => t.id)}::text[], ${c.map((t) => t.kind)}::text[], ${c.map((t) => t.ordinal)}::int[], ${c.map((t) => t.section)}::text[]) as x(id, kind, ord, section)`.execute(
      db,
    ),
  );
  await inChunks(links, 10_000, (c) =>
    sql`
      insert into task_place (task_id, place_id, role, evidence_start, evidence_end, curated)
      select x.task_id, x.place_id, x.role, x.s, x.s + 3, false
      from unnest(${c.map((l) => l.taskId)}::text[], ${c.map((l) => l.placeId)}::text[], ${c.map((l) => l.role)}::text[], ${c.map((l) => l.start)}::int[]) as x(task_id, place_id, role, s)`.execute(
      db,
    ),
  );
  await inChunks(leads, 10_000, (c) =>
    sql`
      insert into task_lead (task_id, department_id, ordinal, span_start, span_end)
      select x.task_id, x.department_id, x.ord, 0, 4
      from unnest(${c.map((l) => l.taskId)}::text[], ${c.map((l) => l.departmentId)}::text[], ${c.map((l) => l.ordinal)}::int[]) as x(task_id, department_id, ord)`.execute(
      db,
    ),
  );
  log(`  ${tasks.length} tasks, ${links.length} links, ${leads.length} leads`);
}
