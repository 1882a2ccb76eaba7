/** All SQL about departments (lead units). */
import type { Db } from "../../db/database.ts";
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
