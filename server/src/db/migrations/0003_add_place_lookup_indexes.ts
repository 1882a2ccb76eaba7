import { sql, type Kysely } from "kysely";

/**
 * Indexes for the place lookups every map view makes: children of a place
 * (place.repository findChildren) and places of some kinds in gazetteer order
 * (findPlaces with kinds). Without them both scan the whole place table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create index if not exists place_parent on place (parent_id);
    create index if not exists place_kind_ordinal on place (kind, ordinal);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}
