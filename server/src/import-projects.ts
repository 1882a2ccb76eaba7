/**
 * `npm run import-projects -- <file> [--commit [--all-or-nothing]]`: imports projects from a CSV or
 * GeoJSON file into the configured database (DATABASE_URL or DATA_DIR). A dry run
 * unless --commit; prints the row-by-row report. Exit 0 when the file was read
 * (refused rows are reported, not fatal), 1 when it could not be read or used, or
 * when --all-or-nothing found a refused row and so wrote nothing.
 */
import "reflect-metadata";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig } from "./config.ts";
import { openDatabase } from "./db/database.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { AppError } from "./core/errors.ts";
import { ImportFormat } from "./core/enums.ts";
import { createLogger } from "./logger.ts";
import { seedIfEmpty } from "./seed.ts";
import { runImport } from "./modules/project/project.service.ts";

const USAGE = "usage: npm run import-projects -- <file.csv|file.geojson|file.json> [--commit [--all-or-nothing]]";

/** The format a file name implies. */
function formatOf(file: string): ImportFormat | null {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".csv") return ImportFormat.CSV;
  if (ext === ".geojson" || ext === ".json") return ImportFormat.GEOJSON;
  return null;
}

async function main(argv: string[]): Promise<number> {
  const args = argv.filter((a) => a !== "--commit" && a !== "--all-or-nothing");
  const commit = argv.includes("--commit");
  const allOrNothing = argv.includes("--all-or-nothing");
  if (args.length !== 1 || args[0].startsWith("-")) {
    process.stderr.write(`${USAGE}\n`);
    return 1;
  }
  const file = args[0];
  const format = formatOf(file);
  if (!format) {
    process.stderr.write(`error: ${file}: expected a .csv, .geojson or .json file\n${USAGE}\n`);
    return 1;
  }
  let content: string;
  try {
    content = readFileSync(file, "utf8");
  } catch (error) {
    process.stderr.write(
      `error: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`,
    );
    return 1;
  }
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    await migrateToLatest(database.db);
    await seedIfEmpty(database.db, createLogger("warn"));
    const result = await runImport(database.db, format, content, !commit, allOrNothing);
    const out = process.stdout;
    const blocked = commit && result.dryRun;
    const verdict = blocked
      ? `nothing written (--all-or-nothing and ${result.refused.length} rows refused)`
      : commit
        ? "imported"
        : "dry run (nothing written; add --commit to import)";
    out.write(`${verdict}: ${file} (${format})\n`);
    out.write(`created ${result.created}, updated ${result.updated}, refused ${result.refused.length}\n`);
    for (const problem of result.refused) out.write(`  refused ${problem.message}\n`);
    // a refused all-or-nothing import is a failure a script should see
    return blocked ? 1 : 0;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof AppError || error instanceof ConfigError) process.stderr.write(`error: ${error.message}\n`);
    else process.stderr.write(`error: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
