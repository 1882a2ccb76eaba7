/**
 * Curation data kept beside the plan text in seeds/: repairs read by a person,
 * English titles, the department list and indicator links. Reading the files is
 * the only I/O of the ingest; everything else takes a PlanCuration value.
 */
import { existsSync, readFileSync } from "node:fs";
import { SEEDS_DIR } from "../paths.ts";
import { join } from "node:path";
import type { ParsedDepartment } from "./types.ts";
import type { CuratedRepair } from "./normalize.ts";
import type { IndicatorCuration } from "./extract-indicators.ts";
import { CurationError } from "./errors.ts";

/** English for the plan's title, headings, task titles and indicator names, keyed by id. */
export interface EnglishCuration {
  plan?: { title?: string };
  sections?: Record<string, string>;
  tasks?: Record<string, string>;
  indicators?: Record<string, string>;
}

/** Everything the ingest takes from people rather than from the text. */
export interface PlanCuration {
  repairs: CuratedRepair[];
  english: EnglishCuration;
  departments: ParsedDepartment[];
  indicators: IndicatorCuration[];
}

/** The repository's seeds/ folder, located from this module so it works from any working directory. */
function defaultSeedsDir(): string {
  return SEEDS_DIR;
}

function readJson<T>(path: string, fallback: T): T {
  if (!existsSync(path)) return fallback;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch (err) {
    throw new CurationError(`curation file ${path} is not valid JSON: ${(err as Error).message}`);
  }
}

/** Reads `<planId>.repairs.json`, `<planId>.english.json`, `<planId>.indicators.json` and `departments.json`; absent files count as empty. */
export function loadCuration(planId: string, seedsDir: string = defaultSeedsDir()): PlanCuration {
  const repairs = readJson<{ repairs?: CuratedRepair[] }>(join(seedsDir, `${planId}.repairs.json`), {});
  const english = readJson<EnglishCuration>(join(seedsDir, `${planId}.english.json`), {});
  const indicators = readJson<{ indicators?: IndicatorCuration[] }>(join(seedsDir, `${planId}.indicators.json`), {});
  const departments = readJson<{ departments?: ParsedDepartment[] }>(join(seedsDir, "departments.json"), {});
  return {
    repairs: repairs.repairs ?? [],
    english,
    departments: departments.departments ?? [],
    indicators: (indicators.indicators ?? []).map((i) => ({ ...i, nameEn: i.nameEn ?? english.indicators?.[i.id] })),
  };
}
