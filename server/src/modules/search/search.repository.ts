/**
 * The SQL of text search: the free-text search (search.service.ts), which tasks, places,
 * departments and projects match, ranked; and the every-word condition the text filters of
 * the place, task and project repositories use. The search is one statement over the four
 * tables, a union the builder would only wrap around the same raw ILIKE conditions.
 */
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../../db/database.ts";
import { containsPattern, searchWords } from "./words.ts";

export type SearchHitKind = "Task" | "Place" | "Department" | "Project";

/**
 * The hits for `q` (already folded to simplified characters), best first: exact name > name
 * prefix > name contains > body contains, then plan order, then id (so that ties come out the
 * same in every plan); at most `first`. Every word must match, each anywhere in the fields
 * searched; the ranks use the whole text.
 */
export async function findSearchHits(db: Db, q: string, first: number): Promise<{ kind: SearchHitKind; id: string }[]> {
  const r = await sql<{ kind: SearchHitKind; id: string }>`
    select kind, id from (${searchHitsSql(q, first)}) hits order by ${SEARCH_HIT_ORDER}`.execute(db);
  return r.rows;
}

/** The order of searchHitsSql's rows, as SQL over their columns (unqualified: `hits.*`). */
export const SEARCH_HIT_ORDER = sql`rank, o1, o2, id`;

/**
 * findSearchHits' statement (the SQL executor embeds it): its best `first` hits, each row a kind,
 * an id and the sort key (rank, o1, o2; then the id), which an enclosing query orders them by
 * (SEARCH_HIT_ORDER).
 */
export function searchHitsSql(
  q: string,
  first: number,
): RawBuilder<{ kind: SearchHitKind; id: string; rank: number; o1: number; o2: number }> {
  const prefix = `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
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
  return sql`
    select kind, id, rank, o1, o2 from (
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
    order by ${SEARCH_HIT_ORDER} limit ${first}`;
}

/**
 * A condition that holds when every word of `text` matches: `matches(pattern)` says where one
 * word may occur (its columns ILIKE the pattern). Empty text: true.
 */
export function allWordsMatch(text: string, matches: (pattern: string) => RawBuilder<unknown>): RawBuilder<unknown> {
  const words = searchWords(text);
  if (!words.length) return sql`true`;
  return sql`(${sql.join(
    words.map((w) => sql`(${matches(containsPattern(w))})`),
    sql` and `,
  )})`;
}
