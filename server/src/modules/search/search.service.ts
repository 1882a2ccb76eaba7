/**
 * Search across tasks, places, departments and projects in either script: the
 * query is folded to simplified characters and matched against the simplified
 * columns (the traditional ones are derived 1:1), plus English names; several words must
 * all match (words.ts). Ranking:
 * exact name > name prefix > name contains > body contains; then plan order.
 */
import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import type { Loaders } from "../../graphql/loaders.ts";
import { toSimplified } from "../../core/script.ts";
import { allWordsMatch } from "./words.ts";

export type SearchHitRow = { __typename: "Task" | "Place" | "Department" | "Project"; id: string } & Record<
  string,
  unknown
>;

export async function search(db: Db, loaders: Loaders, text: string, first: number): Promise<SearchHitRow[]> {
  const q = toSimplified(text.trim());
  const prefix = `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  // every word must match, each anywhere in the fields searched (words.ts); ranks use the whole text
  const placeHit = allWordsMatch(
    q,
    (w) =>
      sql`p.name_hans ilike ${w} or p.name_en ilike ${w} or exists (select 1 from unnest(p.aliases) a where a ilike ${w})`,
  );
  const departmentHit = allWordsMatch(q, (w) => sql`d.name_hans ilike ${w} or d.name_en ilike ${w}`);
  const taskTitleHit = allWordsMatch(q, (w) => sql`t.title_hans ilike ${w} or t.title_en ilike ${w}`);
  const taskHit = allWordsMatch(
    q,
    (w) => sql`t.title_hans ilike ${w} or t.text_hans ilike ${w} or t.title_en ilike ${w}`,
  );
  const projectHit = allWordsMatch(q, (w) => sql`j.name_hans ilike ${w} or j.name_en ilike ${w}`);
  const r = await sql<{ kind: SearchHitRow["__typename"]; id: string }>`
    select kind, id from (
      select 'Place' as kind, p.id, case when p.name_hans = ${q} or ${q} = any(p.aliases) or lower(p.name_en) = lower(${q}) then 0
        when p.name_hans like ${prefix} then 1 else 2 end as rank, 0 as o1, p.ordinal as o2
      from place p where ${placeHit}
      union all
      select 'Department', d.id, case when d.name_hans = ${q} then 0 when d.name_hans like ${prefix} then 1 else 2 end, 1, d.ordinal
      from department d where ${departmentHit}
      union all
      select 'Task', t.id, case when t.title_hans = ${q} or t.id = ${q} then 0 when ${taskTitleHit} then 2 else 3 end, 2, pl.ordinal * 100000 + t.ordinal
      from task t join plan pl on pl.id = t.plan_id
      where ${taskHit} or t.id = ${q}
      union all
      select 'Project', j.id, case when j.name_hans = ${q} then 0 when ${projectHit} then 2 else 3 end, 3, j.ordinal
      from project j where ${projectHit}
    ) hits
    order by rank, o1, o2 limit ${first}`.execute(db);
  const ids = (kind: string) => r.rows.filter((h) => h.kind === kind).map((h) => h.id);
  const [tasks, places, departments, projects] = await Promise.all([
    loaders.task.loadMany(ids("Task")),
    loaders.place.loadMany(ids("Place")),
    loaders.department.loadMany(ids("Department")),
    ids("Project").length
      ? sql<Record<string, unknown> & { id: string }>`
          select j.id, j.plan_id as "planId", j.name_hans as "nameHans", j.name_hant as "nameHant", j.name_en as "nameEn", j.category, j.precision,
            j.position_source as "positionSource", j.start_year as "startYear", j.end_year as "endYear", j.investment_cny as "investmentCny",
            j.span_start as "spanStart", j.span_end as "spanEnd", j.reference, j.ordinal
          from project j where j.id = any(${ids("Project")}::text[])`
          .execute(db)
          .then((x) => x.rows)
      : Promise.resolve([]),
  ]);
  const found = new Map<string, Record<string, unknown>>();
  for (const [kind, rows] of [
    ["Task", tasks],
    ["Place", places],
    ["Department", departments],
    ["Project", projects],
  ] as const) {
    for (const row of rows)
      if (row && !(row instanceof Error))
        found.set(`${kind}|${(row as { id: string }).id}`, row as Record<string, unknown>);
  }
  return r.rows.flatMap((h) => {
    const row = found.get(`${h.kind}|${h.id}`);
    return row ? [{ ...row, __typename: h.kind, id: h.id }] : [];
  });
}
