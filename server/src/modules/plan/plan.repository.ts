/** All SQL about plans, their sections and text repairs. */
import type { Db } from "../../db/database.ts";
import { anyText } from "../../db/any-of.ts";
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
