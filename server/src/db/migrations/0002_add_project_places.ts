import { sql, type Kysely } from "kysely";

/**
 * The gazetteer places a project was positioned at (seeded from the plan or
 * geocoded on import). A project placed at a place lies in it even when that
 * place's geometry is only a stand-in point (an ADM2/ADM3 zone), and such a
 * stand-in never "contains" other projects by coincidence of coordinates.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table project add column place_ids text[] not null default '{}';
    create index project_place_ids on project using gin (place_ids);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}
