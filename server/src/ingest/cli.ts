/**
 * `npm run import -- <file> [--allow-unrepaired]`: imports a plan of the same
 * shape as the seeded one (a county's plan, the provincial plan) into the
 * configured database, in one transaction. Re-importing the same file is a no-op.
 */
import "reflect-metadata";
import { ConfigError, loadConfig } from "../config.ts";
import { openDatabase } from "../db/database.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { importPlanFile } from "../seed.ts";
import { PlanFormatError } from "./errors.ts";
import { AppError } from "../core/errors.ts";

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith("--"));
  if (!file) {
    process.stderr.write("usage: npm run import -- <plan.txt> [--allow-unrepaired]\n");
    return 1;
  }
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    await migrateToLatest(database.db);
    const outcome = await importPlanFile(database.db, file, { allowUnrepaired: args.includes("--allow-unrepaired") });
    const s = outcome.summary;
    process.stdout.write(
      `${outcome.changed ? "imported" : "unchanged (already imported)"} ${outcome.planId}: ${outcome.tasks} tasks, ${outcome.links} place links; ` +
        `${s.annotationsRemoved} annotations removed, ${s.passagesRepaired} passages repaired, ${s.unrepaired} unrepaired\n`,
    );
    for (const w of s.warnings) process.stdout.write(`warning: ${w}\n`);
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof PlanFormatError || error instanceof ConfigError || error instanceof AppError) {
      process.stderr.write(`error: ${error.message}\n`);
    } else if ((error as NodeJS.ErrnoException)?.code === "ENOENT") {
      process.stderr.write(`error: no such file: ${(error as NodeJS.ErrnoException).path}\n`);
    } else {
      process.stderr.write(`error: import failed: ${(error as Error)?.message ?? String(error)}\n`);
    }
    process.exit(1);
  },
);
