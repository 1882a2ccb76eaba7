/**
 * Deterministic synthetic projects for the scale target: N rows (default 100,000)
 * at points inside Taiyuan's bounding box, from a seeded PRNG, so a benchmark
 * loads the same data on every run. Pure: no database, no I/O.
 *
 * @example
 * const rows = generateProjects({ count: 1000, seed: 7 });
 * const csv = toCsv(rows); // importProjects(format: CSV, content: csv)
 */

/** Taiyuan's outline's bounding box [west, south, east, north] (WGS84), from geo/data/boundaries.geojson. */
export const TAIYUAN_BBOX = [111.508791, 37.457198, 113.151283, 38.420061] as const;

const TASK_IDS = [
  "matter-3",
  "matter-5",
  "matter-8",
  "matter-14",
  "matter-16",
  "matter-18",
  "matter-22",
  "matter-24",
  "matter-25",
  "matter-33",
  "matter-34",
  "projects",
];
const CATEGORIES = ["INDUSTRIAL_TRANSFORMATION", "ECOLOGICAL_RESTORATION", "URBAN_RURAL_INTEGRATION", "LIVELIHOOD"];

export interface GeneratedProject {
  id: string;
  name: string;
  nameEn: string;
  taskIds: string[];
  category: string;
  lng: number;
  lat: number;
  startYear: number;
  endYear: number;
  investmentCny: number;
}

export interface GenerateOptions {
  /** how many projects (default 100,000) */
  count?: number;
  /** PRNG seed (default 20130716) */
  seed?: number;
  /** keep only points this accepts (e.g. a point-in-polygon test against the city outline); default: the whole bbox */
  accept?: (lng: number, lat: number) => boolean;
  /** id prefix (default "bench") */
  prefix?: string;
}

/** mulberry32: tiny, fast, seeded; the same seed gives the same sequence everywhere. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** N deterministic projects at points in Taiyuan's bbox (optionally filtered by `accept`). */
export function generateProjects(options: GenerateOptions = {}): GeneratedProject[] {
  const { count = 100_000, seed = 20130716, accept = () => true, prefix = "bench" } = options;
  const random = mulberry32(seed);
  const [w, s, e, n] = TAIYUAN_BBOX;
  const out: GeneratedProject[] = [];
  const width = String(count).length;
  for (let i = 0; out.length < count; i += 1) {
    if (i > count * 100) throw new Error("generateProjects: accept() refuses almost every point of the bbox");
    const lng = Number((w + random() * (e - w)).toFixed(6));
    const lat = Number((s + random() * (n - s)).toFixed(6));
    const task = TASK_IDS[Math.floor(random() * TASK_IDS.length)];
    const startYear = 2013 + Math.floor(random() * 3);
    const span = Math.floor(random() * 4);
    const investmentCny = Math.round(random() * 5e9);
    if (!accept(lng, lat)) continue;
    const k = String(out.length + 1).padStart(width, "0");
    out.push({
      id: `${prefix}-${k}`,
      name: `测试项目${k}`,
      nameEn: `Bench project ${k}`,
      taskIds: [task],
      category: CATEGORIES[Math.floor(random() * CATEGORIES.length)],
      lng,
      lat,
      startYear,
      endYear: startYear + span,
      investmentCny,
    });
  }
  return out;
}

/** The rows as import CSV (the columns documented in server/src/modules/project/README.md). */
export function toCsv(rows: GeneratedProject[]): string {
  const lines = ["id,name,name_en,task_ids,category,lng,lat,start_year,end_year,investment_cny"];
  for (const r of rows) {
    lines.push(
      [
        r.id,
        r.name,
        r.nameEn,
        r.taskIds.join(";"),
        r.category,
        r.lng,
        r.lat,
        r.startYear,
        r.endYear,
        r.investmentCny,
      ].join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}
