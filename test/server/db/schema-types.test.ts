/**
 * server/src/db/schema.ts (the table types of `Db`) is what kysely-codegen makes of the migrated
 * test database, on PostgreSQL and on the embedded database alike: a migration without
 * `npm run db:types` fails here, naming the table and column.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SCHEMA_TYPES_FILE, generateSchemaTypes, schemaDifferences } from "../../../scripts/db-types.ts";
import { testDatabase } from "../../support/db.ts";

describe("schema.ts", () => {
  it("is the interface generated from the migrated database", async () => {
    const { db } = await testDatabase();
    const generated = await generateSchemaTypes(db);
    const committed = readFileSync(SCHEMA_TYPES_FILE, "utf8");
    expect(schemaDifferences(committed, generated), "server/src/db/schema.ts is stale: run `npm run db:types`").toEqual(
      [],
    );
  });

  it("names the table and column that differ", async () => {
    const { db } = await testDatabase();
    const generated = await generateSchemaTypes(db);
    // schema.ts as it would be had migration 0011 (indicator_value.review …) been added without regenerating it
    const stale = generated
      .replace(/^ {2}review: .*\n/m, "")
      .replace(/^ {2}disabled: Generated<boolean>;\n/m, "  disabled: boolean | null;\n");
    expect(schemaDifferences(stale, generated)).toEqual([
      "app_user.disabled: Generated<boolean> in the database, boolean | null in schema.ts",
      "indicator_value.review: in the database (Generated<string>), not in schema.ts",
    ]);
    const withoutTable = generated
      .replace(/^export interface TextRepair \{[\s\S]*?^\}\n\n/m, "")
      .replace(/^ {2}text_repair: TextRepair;\n/m, "");
    expect(schemaDifferences(withoutTable, generated)).toEqual([
      "table text_repair: in the database, not in schema.ts",
    ]);
  });
});
