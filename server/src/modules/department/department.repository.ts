/** All SQL about departments (lead units). */
import { sql, type Insertable } from "kysely";
import type { Db } from "../../db/database.ts";
import type { Department } from "../../db/schema.ts";
import { anyText } from "../../db/any-of.ts";
import type { DepartmentRow } from "./department.type.ts";

const COLUMNS = [
  "d.id",
  "d.name_hans as nameHans",
  "d.name_hant as nameHant",
  "d.name_en as nameEn",
  "d.jurisdiction_place_id as jurisdictionPlaceId",
] as const;

export async function listDepartments(db: Db): Promise<DepartmentRow[]> {
  return db.selectFrom("department as d").select(COLUMNS).orderBy("d.ordinal").orderBy("d.id").execute();
}

export async function findDepartmentsByIds(db: Db, ids: readonly string[]): Promise<DepartmentRow[]> {
  return db.selectFrom("department as d").select(COLUMNS).where("d.id", "=", anyText(ids)).execute();
}

/**
 * Inserts or updates departments; one whose names, jurisdiction and ordinal are unchanged is not
 * rewritten. The rows travel as one JSON array: one parameter however many there are.
 */
export async function upsertDepartments(trx: Db, rows: Insertable<Department>[]): Promise<void> {
  await sql`
    insert into department (id, name_hant, name_hans, name_en, jurisdiction_place_id, ordinal)
    select r.id, r.name_hant, r.name_hans, r.name_en, r.jurisdiction_place_id, r.ordinal
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r(id text, name_hant text, name_hans text, name_en text, jurisdiction_place_id text, ordinal int)
    on conflict (id) do update set name_hant = excluded.name_hant, name_hans = excluded.name_hans, name_en = excluded.name_en,
      jurisdiction_place_id = excluded.jurisdiction_place_id, ordinal = excluded.ordinal
    where (department.name_hant, department.name_en, department.jurisdiction_place_id, department.ordinal)
      is distinct from (excluded.name_hant, excluded.name_en, excluded.jurisdiction_place_id, excluded.ordinal)`.execute(
    trx,
  );
}
