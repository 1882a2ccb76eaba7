/**
 * The seeded content: the Taiyuan plan in seeds/ and the gazetteer in geo/data,
 * imported into an empty database at boot (and by `npm run import`).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { GEO_DATA_DIR, SEEDS_DIR } from "./paths.ts";
import type { Db } from "./db/database.ts";
import type { Logger } from "./logger.ts";
import { ingestPlanText, type IngestSummary } from "./ingest/ingest.ts";
import { contentHash, loadGazetteer, loadPlan } from "./ingest/load.ts";
import { readGazetteer } from "../../geo/read-gazetteer.ts";
import { linkPlaces } from "../../geo/src/link-places.ts";
import { applyOverrides, type PlaceLinkOverrides } from "../../geo/src/apply-overrides.ts";
import type { ParsedPlan } from "./ingest/types.ts";
import { SEED_PROJECTS_FILE, loadSeedProjects } from "./modules/project/project.service.ts";
import { findPlanImport, hasAnyPlan, lockPlanImports, nextPlanOrdinal } from "./modules/plan/plan.repository.ts";

export const SEED_PLAN_FILE = path.join(SEEDS_DIR, "taiyuan-2013-30.plan.txt");
const OVERRIDES_FILE = path.join(SEEDS_DIR, "place-links.curated.json");

export interface ImportOutcome {
  planId: string;
  summary: IngestSummary;
  /** false when the same content was already imported */
  changed: boolean;
  tasks: number;
  links: number;
}

/** Reads, parses, links and loads one plan file in a single transaction. */
export async function importPlanFile(
  db: Db,
  file: string,
  opts: { allowUnrepaired?: boolean; logger?: Logger } = {},
): Promise<ImportOutcome> {
  const raw = readFileSync(file);
  const { plan, summary } = ingestPlanText(raw, { allowUnrepaired: opts.allowUnrepaired });
  return importParsed(db, plan, summary);
}

/** Loads an already-parsed plan (with the gazetteer and links) unless identical content is there. */
export async function importParsed(db: Db, plan: ParsedPlan, summary: IngestSummary): Promise<ImportOutcome> {
  const gazetteer = readGazetteer(GEO_DATA_DIR);
  const overrides = JSON.parse(readFileSync(OVERRIDES_FILE, "utf8")) as PlaceLinkOverrides;
  const relevant: PlaceLinkOverrides = {
    add: overrides.add.filter((o) => plan.tasks.some((t) => t.id === o.taskId)),
    remove: overrides.remove.filter((o) => plan.tasks.some((t) => t.id === o.taskId)),
    rerole: overrides.rerole.filter((o) => plan.tasks.some((t) => t.id === o.taskId)),
  };
  const links = applyOverrides(linkPlaces(plan, gazetteer), relevant);
  // the curated projects belong to the import too: editing them re-imports
  const hash = contentHash(plan, gazetteer, links, readFileSync(SEED_PROJECTS_FILE, "utf8"));
  return db.transaction().execute(async (trx) => {
    await lockPlanImports(trx);
    const existing = await findPlanImport(trx, plan.id);
    const base = { planId: plan.id, summary, tasks: plan.tasks.length, links: links.length };
    if (existing?.contentHash === hash) return { ...base, changed: false };
    const ordinal = existing?.ordinal ?? (await nextPlanOrdinal(trx));
    await loadGazetteer(trx, gazetteer);
    await loadPlan(trx, plan, links, hash, ordinal);
    await loadSeedProjects(trx, plan);
    return { ...base, changed: true };
  });
}

/** Imports the seeded plan when the database holds no plan yet. */
export async function seedIfEmpty(db: Db, logger: Logger): Promise<void> {
  if (await hasAnyPlan(db)) {
    logger.info("database already holds the plan: no import");
    return;
  }
  const started = Date.now();
  const outcome = await importPlanFile(db, SEED_PLAN_FILE);
  logger.info(
    {
      planId: outcome.planId,
      tasks: outcome.tasks,
      links: outcome.links,
      ...outcome.summary,
      warnings: outcome.summary.warnings.length,
      ms: Date.now() - started,
    },
    `imported the seeded plan: ${outcome.summary.annotationsRemoved} annotations removed, ${outcome.summary.passagesRepaired} passages repaired, ${outcome.summary.unrepaired} unrepaired`,
  );
}
