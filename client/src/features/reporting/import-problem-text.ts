/**
 * A refused row of the obligations CSV, said in the reader's language: chosen by the server's
 * problemCode and filled with the values it names (column, value, place, department, bound),
 * never by the server's English `problem`, which is shown only for a code this client does not know.
 */
import type { MessageKey, Translate } from "../../i18n/index.ts";

export interface ImportProblemRow {
  problem: string | null;
  problemCode: string | null;
  problemField: string | null;
  problemValue: string | null;
  problemPlaceId: string | null;
  problemDepartmentId: string | null;
  problemLimit: string | null;
  taskId: string | null;
}

/** Names for the ids a refusal names: the place and department names the page already knows. */
export interface ImportProblemNames {
  place?: (id: string) => string | undefined;
  department?: (id: string) => string | undefined;
}

/** The localized sentence for a refused row; null when the row is not refused. */
export function importProblemText(row: ImportProblemRow, t: Translate, names: ImportProblemNames = {}): string | null {
  if (!row.problemCode && !row.problem) return null;
  const code = row.problemCode ?? "OTHER";
  const key = `importProblem.${code}`;
  if (code === "OTHER" || t(key as MessageKey) === key) return row.problem ?? t("importProblem.OTHER");
  const place = row.problemPlaceId ? (names.place?.(row.problemPlaceId) ?? row.problemPlaceId) : null;
  const department = row.problemDepartmentId
    ? (names.department?.(row.problemDepartmentId) ?? row.problemDepartmentId)
    : null;
  const vars = {
    task: row.taskId ?? row.problemValue ?? "",
    field: row.problemField ?? "",
    value: row.problemValue ?? "",
    limit: row.problemLimit ?? "",
    place: place ?? "",
    department: department ?? "",
  };
  // the citywide obligation and "your department" have their own wording
  if (code === "NOT_AN_OBLIGATION" && !place) return t("importProblem.NOT_AN_OBLIGATION.citywide", vars);
  if (code === "NOT_LED_BY_DEPARTMENT" && !department) return t("importProblem.NOT_LED_BY_DEPARTMENT.none", vars);
  return t(key as MessageKey, vars);
}
