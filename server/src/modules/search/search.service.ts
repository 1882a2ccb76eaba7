/**
 * Search across tasks, places, departments and projects in either script: the
 * query is folded to simplified characters and matched against the simplified
 * columns (the traditional ones are derived 1:1), plus English names; several words must
 * all match (words.ts). Ranking:
 * exact name > name prefix > name contains > body contains; then plan order.
 */
import type { Db } from "../../db/database.ts";
import { ValidationError } from "../../core/errors.ts";
import type { Loaders } from "../loaders.ts";
import { toSimplified } from "../../core/script.ts";
import { findProjectsByIds } from "../project/project.repository.ts";
import { findSearchHits, type SearchHitKind } from "./search.repository.ts";

export type SearchHitRow = { __typename: SearchHitKind; id: string } & Record<string, unknown>;

/**
 * The text searched for, checked (not empty, at most 200 characters: ValidationError) and folded to
 * simplified characters; the SQL executor prepares its statement's parameter with it too.
 */
export function toSearchText(text: string): string {
  if (text.trim().length === 0) throw new ValidationError("text must not be empty");
  if (text.length > 200) throw new ValidationError("text must be at most 200 characters");
  return toSimplified(text.trim());
}

/** The hits for `q` (toSearchText's), best first, at most `first`, each its row with __typename. */
export async function search(db: Db, loaders: Loaders, q: string, first: number): Promise<SearchHitRow[]> {
  const hits = await findSearchHits(db, q, first);
  const ids = (kind: string) => hits.filter((h) => h.kind === kind).map((h) => h.id);
  const [tasks, places, departments, projects] = await Promise.all([
    loaders.task.loadMany(ids("Task")),
    loaders.place.loadMany(ids("Place")),
    loaders.department.loadMany(ids("Department")),
    ids("Project").length ? findProjectsByIds(db, ids("Project")) : Promise.resolve([]),
  ]);
  const found = new Map<string, object>();
  for (const [kind, rows] of [
    ["Task", tasks],
    ["Place", places],
    ["Department", departments],
    ["Project", projects],
  ] as const) {
    for (const row of rows) if (row && !(row instanceof Error)) found.set(`${kind}|${row.id}`, row);
  }
  return hits.flatMap((h) => {
    const row = found.get(`${h.kind}|${h.id}`);
    return row ? [{ ...row, __typename: h.kind, id: h.id }] : [];
  });
}
