/** All SQL about plans, their sections and text repairs. */
import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import type { PlanRow, SectionRow, TextRepairRow } from "./plan.type.ts";

const PLAN_COLUMNS = sql`id, doc_number as "docNumber", title_hans as "titleHans", title_hant as "titleHant", title_en as "titleEn",
  issuer_hans as "issuerHans", issuer_hant as "issuerHant", issued_on as "issuedOn", period_start as "periodStart", period_end as "periodEnd"`;

export async function listPlans(db: Db): Promise<PlanRow[]> {
  const r = await sql<PlanRow>`select ${PLAN_COLUMNS} from plan order by ordinal, id`.execute(db);
  return r.rows;
}

export async function findPlansByIds(db: Db, ids: readonly string[]): Promise<PlanRow[]> {
  const r = await sql<PlanRow>`select ${PLAN_COLUMNS} from plan where id = any(${[...ids]}::text[])`.execute(db);
  return r.rows;
}

export async function findSourceTexts(db: Db, ids: readonly string[]): Promise<{ id: string; hans: string; hant: string }[]> {
  const r = await sql<{ id: string; hans: string; hant: string }>`
    select id, source_text_hans as hans, source_text_hant as hant from plan where id = any(${[...ids]}::text[])`.execute(db);
  return r.rows;
}

const SECTION_COLUMNS = sql`plan_id as "planId", id, ref, heading_hans as "headingHans", heading_hant as "headingHant", heading_en as "headingEn",
  parent_id as "parentId", ordinal, text_hans as "textHans", text_hant as "textHant", span_start as "spanStart", span_end as "spanEnd"`;

export async function findSectionsByPlans(db: Db, planIds: readonly string[]): Promise<SectionRow[]> {
  const r = await sql<SectionRow>`select ${SECTION_COLUMNS} from section where plan_id = any(${[...planIds]}::text[]) order by plan_id, ordinal`.execute(db);
  return r.rows;
}

export async function findRepairsByPlans(db: Db, planIds: readonly string[]): Promise<TextRepairRow[]> {
  const r = await sql<TextRepairRow>`
    select plan_id as "planId", ordinal, span_start as "spanStart", span_end as "spanEnd", original, repaired, method
    from text_repair where plan_id = any(${[...planIds]}::text[]) order by plan_id, ordinal`.execute(db);
  return r.rows;
}
