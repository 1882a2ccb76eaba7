/** All SQL about departments (lead units). */
import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import type { DepartmentRow } from "./department.type.ts";

const COLUMNS = sql`d.id, d.name_hans as "nameHans", d.name_hant as "nameHant", d.name_en as "nameEn", d.jurisdiction_place_id as "jurisdictionPlaceId"`;

export async function listDepartments(db: Db): Promise<DepartmentRow[]> {
  const r = await sql<DepartmentRow>`select ${COLUMNS} from department d order by d.ordinal, d.id`.execute(db);
  return r.rows;
}

export async function findDepartmentsByIds(db: Db, ids: readonly string[]): Promise<DepartmentRow[]> {
  const r = await sql<DepartmentRow>`select ${COLUMNS} from department d where d.id = any(${[...ids]}::text[])`.execute(db);
  return r.rows;
}
