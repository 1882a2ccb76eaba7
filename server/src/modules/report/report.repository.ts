/** All SQL about progress reports, their reviews, and curated link changes. Everything here appends. */
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../../db/database.ts";
import type { SessionUser } from "../../core/actor.ts";
import type { ReportRow } from "./report.type.ts";

export const REPORT_COLUMNS = sql`r.id::text as id, r.task_id as "taskId", r.place_id as "placeId", r.project_id as "projectId", r.status, r.progress, r.note,
  r.author_id::text as "authorId", r.created_at as "createdAt", r.as_of::text as "asOf",
  (select o.place_id from obligation o where o.id = r.obligation_id) as "obligationPlaceId",
  case v.decision when 'APPROVE' then 'APPROVED' when 'RETURN' then 'RETURNED' else 'SUBMITTED' end as review,
  v.reviewer_id::text as "reviewerId", v.created_at as "reviewedAt", v.note as "reviewNote"`;

const LATEST_REVIEW = sql`left join lateral (select * from report_review v where v.report_id = r.id order by v.created_at desc, v.id desc limit 1) v on true`;

export async function findReportsByIds(db: Db, ids: readonly string[]): Promise<ReportRow[]> {
  const r = await sql<ReportRow>`select ${REPORT_COLUMNS} from progress_report r ${LATEST_REVIEW} where r.id = any(${[...ids]}::bigint[])`.execute(db);
  return r.rows;
}

/**
 * Which reports (`r`, with its latest review `v`) a reader sees: APPROVED ones for everybody;
 * pending and returned ones only for their author, planners, and the lead departments of the
 * task (those who may review it). Anonymous users and viewers see only APPROVED ones.
 */
export function visibleTo(viewer: SessionUser | null): RawBuilder<boolean> {
  const approved = sql<boolean>`v.decision = 'APPROVE'`;
  if (!viewer || viewer.role === "VIEWER") return sql<boolean>`coalesce(${approved}, false)`;
  if (viewer.role === "PLANNER") return sql<boolean>`true`;
  const lead = viewer.role === "DEPARTMENT" && viewer.departmentId
    ? sql`or exists (select 1 from task_lead l where l.task_id = r.task_id and l.department_id = ${viewer.departmentId})`
    : sql``;
  return sql<boolean>`(coalesce(${approved}, false) or r.author_id = ${viewer.id}::bigint ${lead})`;
}

/**
 * One page of each task's reports, newest first (ids grow with time), in one statement: per task, the
 * first + 1 reports the viewer may see below the cursor, read backwards along progress_report_task_page,
 * so a task with thousands of reports costs what its page costs. The count of the task's visible reports
 * (which reads them all) only when asked for.
 */
export async function findReportsByTasks(
  db: Db,
  taskIds: readonly string[],
  first: number,
  afterId: string | null,
  viewer: SessionUser | null,
  withTotal = true,
): Promise<{ taskId: string; rows: ReportRow[]; totalCount: number }[]> {
  const visible = visibleTo(viewer);
  const total = withTotal
    ? sql`(select count(*) from progress_report r ${viewer?.role === "PLANNER" ? sql`` : LATEST_REVIEW} where r.task_id = k.task_id and ${visible})::int`
    : sql`0`;
  const r = await sql<ReportRow & { key: string; totalCount: number }>`
    select k.task_id as key, ${total} as "totalCount", x.*
    from unnest(${[...taskIds]}::text[]) k(task_id)
    left join lateral (
      select ${REPORT_COLUMNS}
      from progress_report r ${LATEST_REVIEW}
      where r.task_id = k.task_id and ${visible} ${afterId ? sql`and r.id < ${afterId}::bigint` : sql``}
      order by r.id desc
      limit ${first + 1}
    ) x on true
    order by k.task_id, x.id::bigint desc`.execute(db);
  const pages = new Map<string, { taskId: string; rows: ReportRow[]; totalCount: number }>();
  for (const { key, totalCount, ...row } of r.rows) {
    let page = pages.get(key);
    if (!page) pages.set(key, (page = { taskId: key, rows: [], totalCount }));
    if (row.id !== null) page.rows.push(row);
  }
  return [...pages.values()];
}

/** Newest first, keyset-paged per obligation in one statement (the page's limit applied in SQL); only those the viewer may see. */
export async function findReportsByObligations(
  db: Db,
  keys: readonly { taskId: string; placeId: string }[],
  first: number,
  afterId: string | null,
  viewer: SessionUser | null,
): Promise<(ReportRow & { totalCount: number })[]> {
  const r = await sql<ReportRow & { totalCount: number }>`
    select * from (
      select ${REPORT_COLUMNS}, count(*) over (partition by r.obligation_id)::int as "totalCount",
        row_number() over (partition by r.obligation_id order by (${afterId ? sql`r.id < ${afterId}::bigint` : sql`true`}) desc, r.id desc) as n,
        ${afterId ? sql`r.id < ${afterId}::bigint` : sql`true`} as after_cursor
      from unnest(${keys.map((k) => k.taskId)}::text[], ${keys.map((k) => k.placeId)}::text[]) k(task_id, place_id)
      join obligation o on o.task_id = k.task_id and o.place_id = k.place_id
      join progress_report r on r.obligation_id = o.id ${LATEST_REVIEW}
      where ${visibleTo(viewer)}
    ) x
    where after_cursor and n <= ${first + 1}
    order by "taskId", "obligationPlaceId", id::bigint desc`.execute(db);
  return r.rows;
}

/** Reports waiting for review that a reviewer may decide (all for planners; a department's tasks for it). */
export async function findPendingReports(db: Db, departmentId: string | null, excludeAuthorId: string, limit: number): Promise<ReportRow[]> {
  const r = await sql<ReportRow>`
    select ${REPORT_COLUMNS} from progress_report r ${LATEST_REVIEW}
    where v.id is null and r.author_id <> ${excludeAuthorId}::bigint
      ${departmentId ? sql`and exists (select 1 from task_lead l where l.task_id = r.task_id and l.department_id = ${departmentId})` : sql``}
    order by r.created_at, r.id limit ${limit}`.execute(db);
  return r.rows;
}

/**
 * Files a report from an uploaded CSV row unless one with the same import key was filed before;
 * returns the new id, or null for a row already filed (progress_report_import_key).
 */
export async function insertImportedReport(
  db: Db,
  row: { taskId: string; placeId: string | null; obligationId: string; asOf: string; status: string; progress: number | null; note: string; authorId: string; importKey: string },
): Promise<string | null> {
  const r = await sql<{ id: string }>`
    insert into progress_report (task_id, place_id, obligation_id, as_of, project_id, status, progress, note, author_id, import_key)
    values (${row.taskId}, ${row.placeId}, ${row.obligationId}::bigint, ${row.asOf}::date, null, ${row.status}, ${row.progress}, ${row.note}, ${row.authorId}::bigint, ${row.importKey})
    on conflict (import_key) where import_key is not null do nothing
    returning id::text`.execute(db);
  return r.rows[0]?.id ?? null;
}

/** The import keys among `keys` that were filed already. */
export async function findImportKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const r = await sql<{ key: string }>`select import_key as key from progress_report where import_key = any(${[...keys]}::text[])`.execute(db);
  return new Set(r.rows.map((row) => row.key));
}

/**
 * Files a report, in one statement that also returns it (as findReportsByIds would) and selects
 * `announce(id)` (report-events.repository.ts `announcement`: its NOTIFY and `hub`).
 */
export async function insertReport(
  db: Db,
  row: {
    taskId: string;
    placeId: string | null;
    obligationId: string;
    asOf: string;
    projectId: string | null;
    status: string;
    progress: number | null;
    note: string;
    authorId: string;
  },
  announce: (reportId: RawBuilder<unknown>) => RawBuilder<unknown>,
): Promise<{ report: ReportRow; hub: string | null }> {
  const r = await sql<ReportRow & { hub: string | null }>`
    with r as (
      insert into progress_report (task_id, place_id, obligation_id, as_of, project_id, status, progress, note, author_id)
      values (${row.taskId}, ${row.placeId}, ${row.obligationId}::bigint, ${row.asOf}::date, ${row.projectId}, ${row.status}, ${row.progress}, ${row.note}, ${row.authorId}::bigint)
      returning *)
    select ${REPORT_COLUMNS}, ${announce(sql.ref("r.id"))}
    from r left join report_review v on false -- a new report has no review: SUBMITTED`.execute(db);
  const { hub, ...report } = r.rows[0];
  return { report, hub };
}

/**
 * Locks a report row so two reviewers cannot both decide it, and reads what canReview needs:
 * its task, author and the task's lead departments. Whether it was reviewed already is for
 * insertReview to say: this statement's snapshot predates a review committed by whoever held
 * the lock before us.
 */
export async function lockReport(db: Db, id: string): Promise<{ taskId: string; authorId: string; leadDepartmentIds: string[] } | undefined> {
  const r = await sql<{ taskId: string; authorId: string; leadDepartmentIds: string[] }>`
    select r.task_id as "taskId", r.author_id::text as "authorId",
      array(select l.department_id from task_lead l where l.task_id = r.task_id order by l.ordinal) as "leadDepartmentIds"
    from progress_report r where r.id = ${id}::bigint for update of r`.execute(db);
  return r.rows[0];
}

/**
 * Decides a report locked by lockReport unless it has a review already, in one statement that
 * returns the report as decided (as findReportsByIds would) and selects `announce(id)`; nothing
 * (and no announcement) when it was reviewed before. Under READ COMMITTED this statement's
 * snapshot, taken after the lock was granted, sees a review committed by the lock's last holder.
 */
export async function insertReview(
  db: Db,
  row: { reportId: string; decision: string; note: string | null; reviewerId: string },
  announce: (reportId: RawBuilder<unknown>) => RawBuilder<unknown>,
): Promise<{ report: ReportRow; hub: string | null } | null> {
  const r = await sql<ReportRow & { hub: string | null }>`
    with v as (
      insert into report_review (report_id, decision, note, reviewer_id)
      select ${row.reportId}::bigint, ${row.decision}, ${row.note}, ${row.reviewerId}::bigint
      where not exists (select 1 from report_review x where x.report_id = ${row.reportId}::bigint)
      returning *)
    select ${REPORT_COLUMNS}, ${announce(sql.ref("r.id"))}
    from v join progress_report r on r.id = v.report_id`.execute(db);
  if (!r.rows[0]) return null;
  const { hub, ...report } = r.rows[0];
  return { report, hub };
}
