import { sql, type Kysely } from "kysely";

/**
 * Indicator values go through review like progress reports: a figure recorded by an area leader
 * or a department user is SUBMITTED until a planner approves (APPROVED) or returns it (RETURNED);
 * a planner's own figure is APPROVED at once. Only APPROVED figures count (Indicator.values,
 * Place.indicatorValues, latest, attainment, the map's choropleth). Figures recorded before
 * this migration by anybody other than a planner wait for review too; figures with no recorder
 * (loaded by an operator) stay approved.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table indicator_value
      add column review text not null default 'APPROVED' check (review in ('SUBMITTED', 'APPROVED', 'RETURNED')),
      add column reviewed_by bigint references app_user(id),
      add column reviewed_at timestamptz,
      add column review_note text;
    update indicator_value v set review = 'SUBMITTED'
      where v.recorded_by is not null
        and exists (select 1 from app_user u where u.id = v.recorded_by and u.role <> 'PLANNER');
    create index indicator_value_pending on indicator_value (recorded_at, id) where review = 'SUBMITTED';
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}
