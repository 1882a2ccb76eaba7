/** The departments the plan names as leads. */
import type { Db } from "../../db/database.ts";
import * as departments from "./department.repository.ts";
import type { DepartmentRow } from "./department.type.ts";

/** Every department, in the plan's order. */
export function listDepartments(db: Db): Promise<DepartmentRow[]> {
  return departments.listDepartments(db);
}
