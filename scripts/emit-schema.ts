/**
 * Writes server/schema.graphql: the SDL the server actually serves, sorted so
 * diffs show real changes. Run after changing a type, field or description;
 * test/server/api/contract.test.ts fails while the committed file is stale.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { getSchema } from "../server/src/graphql/schema.ts";

export const SCHEMA_FILE = fileURLToPath(new URL("../server/schema.graphql", import.meta.url));

/** The SDL of a schema as committed: sorted, with a trailing newline. */
export function emittedSdl(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

async function main(): Promise<void> {
  writeFileSync(SCHEMA_FILE, emittedSdl(await getSchema()));
  console.log(`wrote ${SCHEMA_FILE}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
