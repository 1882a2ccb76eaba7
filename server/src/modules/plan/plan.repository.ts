/** All SQL about plans, their sections and text repairs. */
import { sql, type Insertable } from "kysely";
import type { Db } from "../../db/database.ts";
import { anyText } from "../../db/any-of.ts";
import type { Plan, Section, TextRepair } from "../../db/schema.ts";
import type { PlanRow, SectionRow, TextRepairRow } from "./plan.type.ts";

const PLAN_COLUMNS = [
  "id",
  "doc_number as docNumber",
  "title_hans as titleHans",
  "title_hant as titleHant",
  "title_en as titleEn",
  "issuer_hans as issuerHans",
  "issuer_hant as issuerHant",
  "issued_on as issuedOn",
  "period_start as periodStart",
  "period_end as periodEnd",
] as const;

export async function listPlans(db: Db): Promise<PlanRow[]> {
  return db.selectFrom("plan").select(PLAN_COLUMNS).orderBy("ordinal").orderBy("id").execute();
}

export async function findPlansByIds(db: Db, ids: readonly string[]): Promise<PlanRow[]> {
  return db.selectFrom("plan").select(PLAN_COLUMNS).where("id", "=", anyText(ids)).execute();
}

export async function findSourceTexts(
  db: Db,
  ids: readonly string[],
): Promise<{ id: string; hans: string; hant: string }[]> {
  return db
    .selectFrom("plan")
    .select(["id", "source_text_hans as hans", "source_text_hant as hant"])
    .where("id", "=", anyText(ids))
    .execute();
}

const SECTION_COLUMNS = [
  "plan_id as planId",
  "id",
  "ref",
  "heading_hans as headingHans",
  "heading_hant as headingHant",
  "heading_en as headingEn",
  "parent_id as parentId",
  "ordinal",
  "text_hans as textHans",
  "text_hant as textHant",
  "span_start as spanStart",
  "span_end as spanEnd",
] as const;

export async function findSectionsByPlans(db: Db, planIds: readonly string[]): Promise<SectionRow[]> {
  return db
    .selectFrom("section")
    .select(SECTION_COLUMNS)
    .where("plan_id", "=", anyText(planIds))
    .orderBy("plan_id")
    .orderBy("ordinal")
    .execute();
}

export async function findRepairsByPlans(db: Db, planIds: readonly string[]): Promise<TextRepairRow[]> {
  return db
    .selectFrom("text_repair")
    .select([
      "plan_id as planId",
      "ordinal",
      "span_start as spanStart",
      "span_end as spanEnd",
      "original",
      "repaired",
      "method",
    ])
    .where("plan_id", "=", anyText(planIds))
    .orderBy("plan_id")
    .orderBy("ordinal")
    .execute();
}

/** Imports write one at a time, across processes (PostgreSQL server) too: this lock, held until the transaction ends. */
export async function lockPlanImports(trx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(20130716)`.execute(trx);
}

/** Whether the database holds any plan yet. */
export async function hasAnyPlan(db: Db): Promise<boolean> {
  const row = await db.selectFrom("plan").select("id").limit(1).executeTakeFirst();
  return row !== undefined;
}

/** What an earlier import of this plan left: its content hash and its place among the plans. */
export async function findPlanImport(
  db: Db,
  id: string,
): Promise<{ contentHash: string; ordinal: number } | undefined> {
  return db
    .selectFrom("plan")
    .select(["content_hash as contentHash", "ordinal"])
    .where("id", "=", id)
    .executeTakeFirst();
}

/** The ordinal a newly imported plan takes: after every plan there is. */
export async function nextPlanOrdinal(db: Db): Promise<number> {
  const row = await db
    .selectFrom("plan")
    .select((eb) => eb.fn.coalesce(eb(eb.fn.max("ordinal"), "+", 1), eb.lit(0)).as("n"))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** A plan as an import writes it. */
export type PlanWrite = Omit<Insertable<Plan>, "imported_at">;

/** Inserts the plan or updates it in place (its ordinal stays), marking it imported now. */
export async function upsertPlan(trx: Db, plan: PlanWrite): Promise<void> {
  await trx
    .insertInto("plan")
    .values(plan)
    .onConflict((oc) =>
      oc.column("id").doUpdateSet((eb) => ({
        doc_number: eb.ref("excluded.doc_number"),
        title_hant: eb.ref("excluded.title_hant"),
        title_hans: eb.ref("excluded.title_hans"),
        title_en: eb.ref("excluded.title_en"),
        issuer_hant: eb.ref("excluded.issuer_hant"),
        issuer_hans: eb.ref("excluded.issuer_hans"),
        issued_on: eb.ref("excluded.issued_on"),
        period_start: eb.ref("excluded.period_start"),
        period_end: eb.ref("excluded.period_end"),
        source_text_hant: eb.ref("excluded.source_text_hant"),
        source_text_hans: eb.ref("excluded.source_text_hans"),
        content_hash: eb.ref("excluded.content_hash"),
        imported_at: sql`now()`,
      })),
    )
    .execute();
}

/** A text repair as an import writes it, without its plan. */
export type TextRepairWrite = Omit<Insertable<TextRepair>, "plan_id">;

/** Replaces a plan's text repairs. */
export async function replaceTextRepairs(trx: Db, planId: string, rows: TextRepairWrite[]): Promise<void> {
  await trx.deleteFrom("text_repair").where("plan_id", "=", planId).execute();
  await sql`
    insert into text_repair (plan_id, ordinal, span_start, span_end, original, repaired, method)
    select ${planId}, r.ordinal, r.span_start, r.span_end, r.original, r.repaired, r.method
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r(ordinal int, span_start int, span_end int, original text, repaired text, method text)`.execute(trx);
}

/** A section as an import writes it, without its plan. */
export type SectionWrite = Omit<Insertable<Section>, "plan_id">;

/** Replaces a plan's sections. */
export async function replaceSections(trx: Db, planId: string, rows: SectionWrite[]): Promise<void> {
  await trx.deleteFrom("section").where("plan_id", "=", planId).execute();
  await sql`
    insert into section (plan_id, id, ref, heading_hant, heading_hans, heading_en, parent_id, ordinal, text_hant, text_hans, span_start, span_end)
    select ${planId}, r.id, r.ref, r.heading_hant, r.heading_hans, r.heading_en, r.parent_id, r.ordinal, r.text_hant, r.text_hans, r.span_start, r.span_end
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id text, ref text, heading_hant text, heading_hans text, heading_en text,
      parent_id text, ordinal int, text_hant text, text_hans text, span_start int, span_end int)`.execute(trx);
}
