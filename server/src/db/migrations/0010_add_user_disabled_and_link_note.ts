import { sql, type Kysely } from "kysely";

/**
 * The planners' console (issue 19): an account can be disabled (it cannot sign in and its
 * sessions stop working; its reports and reviews stay, attributed to it), and a curated link
 * keeps the note it was made or confirmed with on the link itself (link_change keeps the
 * history of every change and its note).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table app_user add column if not exists disabled boolean not null default false;
    alter table task_place add column if not exists note text;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}
