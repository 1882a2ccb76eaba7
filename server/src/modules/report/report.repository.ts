/** All SQL about progress reports, their reviews, and curated link changes. Everything here appends. */
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../../db/database.ts";
import { anyText } from "../../db/any-of.ts";
import { statementShapes } from "../../db/statement-shape.ts";
import type { SessionUser } from "../../core/actor.ts";
import type { PlaceRole } from "../../core/enums.ts";
import type { ReportField, ReportRow } from "./report.type.ts";
import { roleOrder, roleRank } from "../place/place.repository.ts";
import { TASK_COLUMNS } from "../task/task.repository.ts";
import type { TaskPlaceRow, TaskRow } from "../task/task.type.ts";
import { actorParts, actorSqlOf, type UserRow } from "../user/user.repository.ts";

/**
 * A report's fields as ReportRow has them, each its SQL over the report `r` (progress_report) and
 * its review `v` (report_review, none: SUBMITTED), in ReportRow's order.
 */
const REPORT_FIELDS = {
  id: sql`r.id::text`,
  taskId: sql`r.task_id`,
  placeId: sql`r.place_id`,
  projectId: sql`r.project_id`,
  status: sql`r.status`,
  progress: sql`r.progress`,
  note: sql`r.note`,
  authorId: sql`r.author_id::text`,
  createdAt: sql`r.created_at`,
  asOf: sql`r.as_of::text`,
  obligationPlaceId: sql`(select o.place_id from obligation o where o.id = r.obligation_id)`,
  review: sql`case v.decision when 'APPROVE' then 'APPROVED' when 'RETURN' then 'RETURNED' else 'SUBMITTED' end`,
  reviewerId: sql`v.reviewer_id::text`,
  reviewedAt: sql`v.created_at`,
  reviewNote: sql`v.note`,
} satisfies Record<keyof ReportRow, RawBuilder<unknown>>;

const ALL_REPORT_FIELDS = Object.keys(REPORT_FIELDS) as ReportField[];

/**
 * These fields of a report (all when not given) as ReportRow names them, in ReportRow's order
 * whatever the order asked: one statement text per set of fields. A write answers with the few
 * its request selects: every column costs PostgreSQL its output function and the driver its parse.
 */
export function reportColumns(fields: readonly ReportField[] = ALL_REPORT_FIELDS): RawBuilder<unknown> {
  // a row always has its id: it tells whether one was written
  const wanted =
    fields === ALL_REPORT_FIELDS ? fields : ALL_REPORT_FIELDS.filter((f) => f === "id" || fields.includes(f));
  return sql.join(wanted.map((f) => sql`${REPORT_FIELDS[f]} as ${sql.ref(f)}`));
}

export const REPORT_COLUMNS = reportColumns();

const LATEST_REVIEW = sql`left join lateral (select * from report_review v where v.report_id = r.id order by v.created_at desc, v.id desc limit 1) v on true`;

export async function findReportsByIds(db: Db, ids: readonly string[]): Promise<ReportRow[]> {
  const r =
    await sql<ReportRow>`select ${REPORT_COLUMNS} from progress_report r ${LATEST_REVIEW} where r.id = any(${[...ids]}::bigint[])`.execute(
      db,
    );
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
  const lead =
    viewer.role === "DEPARTMENT" && viewer.departmentId
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
  const taskId = sql.ref("k.task_id");
  const r = await sql<ReportRow & { key: string; totalCount: number }>`
    select k.task_id as key, ${withTotal ? taskReportCountSql(taskId, viewer) : sql`0`} as "totalCount", x.*
    from unnest(${[...taskIds]}::text[]) k(task_id)
    left join lateral (${taskReportsSql(taskId, first + 1, afterId, viewer)}) x on true
    order by k.task_id, x.id::bigint desc`.execute(db);
  const pages = new Map<string, { taskId: string; rows: ReportRow[]; totalCount: number }>();
  for (const { key, totalCount, ...row } of r.rows) {
    let page = pages.get(key);
    if (!page) pages.set(key, (page = { taskId: key, rows: [], totalCount }));
    if (row.id !== null) page.rows.push(row);
  }
  return [...pages.values()];
}

/**
 * The reports of the task `taskId` (SQL) the viewer may see, newest first, below the cursor (a
 * report id), at most `limit`: REPORT_COLUMNS of each. findReportsByTasks' page, and the SQL
 * executor's (Task.reports). Speaks of its rows as `r`, `v` and `o`.
 */
export function taskReportsSql(
  taskId: RawBuilder<unknown>,
  limit: number,
  afterId: string | null,
  viewer: SessionUser | null,
): RawBuilder<ReportRow> {
  return reportsSql(sql`r.task_id = ${taskId}`, limit, afterId, viewer);
}

/**
 * The reports on the obligation row `obligationId` (SQL) the viewer may see, newest first, below
 * the cursor, at most `limit`: findReportsByObligations' page of one obligation, for the SQL
 * executor (Obligation.reports).
 */
export function obligationReportsSql(
  obligationId: RawBuilder<unknown>,
  limit: number,
  afterId: string | null,
  viewer: SessionUser | null,
): RawBuilder<ReportRow> {
  return reportsSql(sql`r.obligation_id = ${obligationId}`, limit, afterId, viewer);
}

function reportsSql(
  where: RawBuilder<unknown>,
  limit: number,
  afterId: string | null,
  viewer: SessionUser | null,
): RawBuilder<ReportRow> {
  return sql<ReportRow>`select ${REPORT_COLUMNS}
    from progress_report r ${LATEST_REVIEW}
    where ${where} and ${visibleTo(viewer)} ${afterId ? sql`and r.id < ${afterId}::bigint` : sql``}
    order by r.id desc
    limit ${limit}`;
}

/** How many of the task `taskId`'s reports the viewer may see (SQL, an int): a ProgressReportConnection's total. */
export function taskReportCountSql(taskId: RawBuilder<unknown>, viewer: SessionUser | null): RawBuilder<number> {
  return reportCountSql(sql`r.task_id = ${taskId}`, viewer);
}

/** How many of the reports on the obligation row `obligationId` (SQL) the viewer may see (SQL, an int). */
export function obligationReportCountSql(
  obligationId: RawBuilder<unknown>,
  viewer: SessionUser | null,
): RawBuilder<number> {
  return reportCountSql(sql`r.obligation_id = ${obligationId}`, viewer);
}

function reportCountSql(where: RawBuilder<unknown>, viewer: SessionUser | null): RawBuilder<number> {
  // planners see every report: no review to read
  return sql<number>`(select count(*) from progress_report r ${viewer?.role === "PLANNER" ? sql`` : LATEST_REVIEW}
    where ${where} and ${visibleTo(viewer)})::int`;
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
export async function findPendingReports(
  db: Db,
  departmentId: string | null,
  excludeAuthorId: string,
  limit: number,
): Promise<ReportRow[]> {
  const r = await pendingReportsSql(departmentId, excludeAuthorId, limit).execute(db);
  return r.rows;
}

/**
 * findPendingReports' statement (REPORT_COLUMNS of each, oldest first), which the SQL executor
 * composes into its own (Query.reviewQueue).
 */
export function pendingReportsSql(
  departmentId: string | null,
  excludeAuthorId: string,
  limit: number,
): RawBuilder<ReportRow> {
  return sql<ReportRow>`
    select ${REPORT_COLUMNS} from progress_report r ${LATEST_REVIEW}
    where v.id is null and r.author_id <> ${excludeAuthorId}::bigint
      ${departmentId ? sql`and exists (select 1 from task_lead l where l.task_id = r.task_id and l.department_id = ${departmentId})` : sql``}
    order by r.created_at, r.id limit ${limit}`;
}

/**
 * Files a report from an uploaded CSV row unless one with the same import key was filed before;
 * returns the new id, or null for a row already filed (progress_report_import_key).
 */
export async function insertImportedReport(
  db: Db,
  row: {
    taskId: string;
    placeId: string | null;
    obligationId: string;
    asOf: string;
    status: string;
    progress: number | null;
    note: string;
    authorId: string;
    importKey: string;
  },
): Promise<string | null> {
  const inserted = await db
    .insertInto("progress_report")
    .values({
      task_id: row.taskId,
      place_id: row.placeId,
      obligation_id: row.obligationId,
      as_of: row.asOf,
      project_id: null,
      status: row.status,
      progress: row.progress,
      note: row.note,
      author_id: row.authorId,
      import_key: row.importKey,
    })
    .onConflict((oc) => oc.column("import_key").where("import_key", "is not", null).doNothing())
    .returning((eb) => eb.cast<string>("id", "text").as("id"))
    .executeTakeFirst();
  return inserted?.id ?? null;
}

/** The import keys among `keys` that were filed already. */
export async function findImportKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom("progress_report")
    .select("import_key")
    .where("import_key", "=", anyText(keys))
    .execute();
  return new Set(rows.map((row) => row.import_key!));
}

/** A task's lead departments, in order (SQL, for the task id given). */
function leadsOf(taskId: unknown) {
  return sql`coalesce((select array_agg(department_id order by ordinal) from task_lead where task_id = ${taskId}), '{}')`;
}

/** The places a task is an active obligation of (SQL). */
function obligationPlacesOf(taskId: unknown) {
  return sql`coalesce((select array_agg(o.place_id order by o.place_id) from obligation o where o.task_id = ${taskId} and o.active), '{}')`;
}

/** The id of the active obligation a report names: the task at the place, or no place = the city (SQL). */
function reportedObligation(taskId: unknown, placeId: unknown) {
  return sql`(select o.id::text from obligation o
    where o.task_id = ${taskId} and o.active
      and o.place_id = coalesce(${placeId}::text, (select c.id from place c where c.kind = 'CITY' order by c.ordinal limit 1)))`;
}

type FiledRow = Partial<ReportRow> & { facts: ReportFacts | null; actor: UserRow | null; task: TaskRow | null };

/** fileReport's statement, kept by shape (the actor's kind, the task or not, the fields). */
const fileShapes = statementShapes<FiledRow>();

/** What reportProgress checks, read by the statement that files the report (fileReport). */
export interface ReportFacts {
  taskExists: boolean;
  /** the task's lead departments and active obligation places */
  leads: string[];
  places: string[];
  placeExists: boolean;
  projectServes: boolean;
  /** the actor's places and every place inside them */
  covered: string[];
  obligationId: string | null;
  /** the first year of the task's plan; null only when the task does not exist */
  periodStart: number | null;
}

/**
 * permissions.ts canReport in SQL, over the actor `a` (actorSqlOf): planners any task; area leaders
 * a place of theirs (or inside one) that the task is an obligation of; departments the tasks they
 * lead; nobody else. Each role reads only what its rule needs (a CASE runs one branch's
 * subqueries), so a planner's report looks up no leads or areas. The permission matrix test
 * (test/server/report/permissions.test.ts) holds both to the API's own facts.
 */
function mayReport(taskId: unknown, placeId: unknown): RawBuilder<boolean> {
  return sql<boolean>`case a.role
    when 'PLANNER' then true
    when 'AREA_LEADER' then ${placeId}::text is not null
      and (${placeId}::text = any(a."placeIds")
        or exists (select 1 from place_containment c where c.outer_id = any(a."placeIds") and c.inner_id = ${placeId}::text))
      and exists (select 1 from obligation o where o.task_id = ${taskId} and o.active and o.place_id = ${placeId}::text)
    when 'DEPARTMENT' then a."departmentId" is not null
      and exists (select 1 from task_lead l where l.task_id = ${taskId} and l.department_id = a."departmentId")
    else false end`;
}

/**
 * Files a progress report in one statement that checks and writes at once: it reads the actor
 * (a known user, or the request's session: actorSqlOf), what reportProgress checks (whether the
 * task, the place and the project exist and the project serves the task, the obligation reported
 * on, the plan's first year, and what the actor's role needs: mayReport), and inserts the report
 * only when every rule passes: the actor is live, the task, place and project check out,
 * canReport allows it (mayReport), there is an obligation, and `asOf` (null when the service
 * found it invalid already) is not before the plan. The inserted report comes back as
 * findReportsByIds would return it (or only the fields asked), with its task's row when asked
 * (`withTask`, for the response). When nothing was written the facts come back, with the task's
 * leads and obligation places and the actor's area, for the service to say why.
 * It does not announce the report (no NOTIFY: the service does after the commit, see
 * report-events.ts announceReport).
 */
export async function fileReport(
  db: Db,
  actor: SessionUser | { tokenHash: string },
  row: {
    taskId: string;
    placeId: string | null;
    projectId: string | null;
    asOf: string | null;
    status: string;
    progress: number | null;
    note: string;
  },
  withTask: boolean,
  /** the report's fields to return (all when not given): the rest are absent from the row */
  fields?: readonly ReportField[],
): Promise<
  | { facts: ReportFacts; actor: UserRow | null; report: null; task: null }
  | { facts: null; actor: UserRow | null; report: ReportRow; task: TaskRow | null }
> {
  const who = actorParts(actor);
  const key = `${who.pending ? "session" : "user"}:${withTask ? "task" : "-"}:${fields?.join(",") ?? "*"}`;
  const values = [row.taskId, row.placeId, row.projectId, row.asOf, row.status, row.progress, row.note, ...who.values];
  const r = await fileShapes.execute(db, key, values, (v) => {
    const [taskId, placeId, projectId, asOf, status, progress, note, ...actorValues] = v;
    return sql<FiledRow>`
    with a as (${actorSqlOf(who.pending, actorValues)}),
    f as (
      select exists (select 1 from task where id = ${taskId}) as "taskExists",
        (${placeId}::text is null or exists (select 1 from place where id = ${placeId})) as "placeExists",
        (${projectId}::text is null or exists (select 1 from project_task where project_id = ${projectId} and task_id = ${taskId})) as "projectServes",
        ${reportedObligation(taskId, placeId)} as "obligationId",
        (select pl.period_start from task t join plan pl on pl.id = t.plan_id where t.id = ${taskId}) as "periodStart"),
    r as (
      insert into progress_report (task_id, place_id, obligation_id, as_of, project_id, status, progress, note, author_id)
      select ${taskId}::text, ${placeId}::text, f."obligationId"::bigint, ${asOf}::date, ${projectId}::text, ${status}::text, ${progress}::double precision, ${note}::text, a.id::bigint
      from f, a
      where f."taskExists" and f."placeExists" and f."projectServes" and f."obligationId" is not null
        and ${asOf}::date >= make_date(f."periodStart", 1, 1) and ${mayReport(taskId, placeId)}
      returning *)
    select case when x.id is null then (select to_json(facts) from (select f.*, ${leadsOf(taskId)} as leads, ${obligationPlacesOf(taskId)} as places,
        coalesce((select array(select unnest(a."placeIds") union select inner_id from place_containment where outer_id = any(a."placeIds")) from a), '{}') as covered) facts) end as facts, ${who.pending ? sql`(select to_json(a) from a)` : sql`null`} as actor, x.*,
      ${withTask ? sql`case when x.id is not null then (select row_to_json(t0) from (select ${TASK_COLUMNS} from task t where t.id = ${taskId}) t0) end` : sql`null`} as task
    from f left join (
      select ${reportColumns(fields)}
      from r left join report_review v on false -- a new report has no review: SUBMITTED
    ) x on true`;
  });
  const { facts, actor: user, task, ...rest } = r.rows[0];
  // the facts come back only when nothing was written: then the service says why
  if (rest.id == null) return { facts: facts!, actor: user, report: null, task: null };
  return { facts: null, actor: user, report: rest as ReportRow, task };
}

/** What reviewReport checks, read by the statement that decides (decideReport); null fields when there is no such report. */
export interface ReviewFacts {
  taskId: string | null;
  authorId: string | null;
  /** the report's task's lead departments, in order */
  leadDepartmentIds: string[] | null;
}

/**
 * permissions.ts canReview in SQL, over the actor `a` (actorSqlOf) and the report `f` of
 * decideReport: never the report's author; planners, or a lead department of its task.
 */
const MAY_REVIEW = sql<boolean>`a.id <> f."authorId" and (a.role = 'PLANNER'
  or (a.role = 'DEPARTMENT' and a."departmentId" is not null and a."departmentId" = any(f."leadDepartmentIds")))`;

type DecidedRow = Partial<ReportRow> & { facts: ReviewFacts | null; actor: UserRow | null };

/** decideReport's statement, kept by shape (the actor's kind, the fields). */
const decideShapes = statementShapes<DecidedRow>();

/**
 * Decides a report in one statement that checks and writes at once: it reads the actor (a known
 * user, or the request's session: actorSqlOf) and what canReview needs (the report's task, author
 * and the task's leads), and inserts the review only when the actor is live and may review it
 * (MAY_REVIEW) and the report has no review yet. A report is decided once: the unique index
 * report_review_once makes the second of two simultaneous decisions do nothing (ON CONFLICT
 * waits for the first to commit), and the `not exists` keeps a decision on a decided report from
 * drawing an id. The report comes back as decided (as findReportsByIds would return it, or
 * only the fields asked); the facts come back when nothing was written, for the service to say
 * why. Not announced here either (fileReport).
 */
export async function decideReport(
  db: Db,
  actor: SessionUser | { tokenHash: string },
  row: { reportId: string; decision: string; note: string | null },
  /** the report's fields to return (all when not given): the rest are absent from the row */
  fields?: readonly ReportField[],
): Promise<
  | { facts: ReviewFacts; actor: UserRow | null; report: null }
  | { facts: null; actor: UserRow | null; report: ReportRow }
> {
  const who = actorParts(actor);
  const key = `${who.pending ? "session" : "user"}:${fields?.join(",") ?? "*"}`;
  const r = await decideShapes.execute(db, key, [row.reportId, row.decision, row.note, ...who.values], (v) => {
    const [reportId, decision, note, ...actorValues] = v;
    return sql<DecidedRow>`
    with a as (${actorSqlOf(who.pending, actorValues)}),
    f as (
      select r.id, r.task_id as "taskId", r.author_id::text as "authorId",
        array(select l.department_id from task_lead l where l.task_id = r.task_id order by l.ordinal) as "leadDepartmentIds"
      from progress_report r where r.id = ${reportId}::bigint),
    v as (
      insert into report_review (report_id, decision, note, reviewer_id)
      select f.id, ${decision}::text, ${note}::text, a.id::bigint
      from f, a
      where ${MAY_REVIEW} and not exists (select 1 from report_review x where x.report_id = f.id)
      on conflict (report_id) do nothing
      returning *)
    select case when x.id is null then json_build_object('taskId', f."taskId", 'authorId', f."authorId", 'leadDepartmentIds', f."leadDepartmentIds") end as facts,
      ${who.pending ? sql`(select to_json(a) from a)` : sql`null`} as actor, x.*
    from (select 1) one left join f on true left join (
      select ${reportColumns(fields)}
      from v join progress_report r on r.id = v.report_id
    ) x on true`;
  });
  const { facts, actor: user, ...rest } = r.rows[0];
  // the facts come back only when nothing was written (all null: no such report): then the service says why
  if (rest.id == null) return { facts: facts!, actor: user, report: null };
  return { facts: null, actor: user, report: rest as ReportRow };
}

/** Leads (in order) and active obligation places of a task; null when there is no such task. */
export async function findTaskFacts(db: Db, taskId: string): Promise<{ leads: string[]; places: string[] } | null> {
  const r = await sql<{ exists: boolean; leads: string[]; places: string[] }>`
    select exists (select 1 from task where id = ${taskId}) as exists,
      coalesce((select array_agg(department_id order by ordinal) from task_lead where task_id = ${taskId}), '{}') as leads,
      coalesce((select array_agg(o.place_id order by o.place_id) from obligation o where o.task_id = ${taskId} and o.active), '{}') as places`.execute(
    db,
  );
  const row = r.rows[0];
  return row.exists ? { leads: row.leads, places: row.places } : null;
}

/** These places and every place inside them. */
export async function findCoveredPlaceIds(db: Db, placeIds: readonly string[]): Promise<string[]> {
  const r = await sql<{ id: string }>`
    select unnest(${[...placeIds]}::text[]) as id
    union select inner_id from place_containment where outer_id = any(${[...placeIds]}::text[])`.execute(db);
  return r.rows.map((x) => x.id);
}

/** Whether a place, project or indicator with this id exists. */
export async function rowExists(db: Db, table: "place" | "project" | "indicator", id: string): Promise<boolean> {
  return (await db.selectFrom(table).select("id").where("id", "=", id).executeTakeFirst()) !== undefined;
}

/** Whether the project serves the task (project_task). */
export async function projectServesTask(db: Db, projectId: string, taskId: string): Promise<boolean> {
  const row = await db
    .selectFrom("project_task")
    .select("task_id")
    .where("project_id", "=", projectId)
    .where("task_id", "=", taskId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The active obligation a report on the task at the place (null: the city) is about (its id, null
 * when there is none) and the first year of the task's plan; undefined when there is no such task.
 */
export async function findObligationOfReport(
  db: Db,
  taskId: string,
  placeId: string | null,
): Promise<{ id: string | null; periodStart: number } | undefined> {
  const r = await sql<{ id: string | null; periodStart: number }>`
    select ${reportedObligation(taskId, placeId)} as id, pl.period_start as "periodStart"
    from task t join plan pl on pl.id = t.plan_id where t.id = ${taskId}`.execute(db);
  return r.rows[0];
}

/** Adds a curated link, or makes an existing one curated; its note replaces the link's when given. */
export async function upsertCuratedLink(
  db: Db,
  link: { taskId: string; placeId: string; role: string; note: string | null },
): Promise<void> {
  await db
    .insertInto("task_place")
    .values({ task_id: link.taskId, place_id: link.placeId, role: link.role, curated: true, note: link.note })
    .onConflict((oc) =>
      oc
        .columns(["task_id", "place_id", "role"])
        .doUpdateSet((eb) => ({ curated: true, note: eb.fn.coalesce("excluded.note", "task_place.note") })),
    )
    .execute();
}

/** Appends a curated link change (link_change keeps every one, with its note). */
export async function insertLinkChange(
  db: Db,
  change: {
    taskId: string;
    placeId: string;
    role: string | null;
    action: "link" | "unlink";
    note: string | null;
    userId: string;
  },
): Promise<void> {
  await db
    .insertInto("link_change")
    .values({
      task_id: change.taskId,
      place_id: change.placeId,
      role: change.role,
      action: change.action,
      note: change.note,
      user_id: change.userId,
    })
    .execute();
}

/** One link with its task's plan. */
export async function findLink(db: Db, taskId: string, placeId: string, role: string): Promise<TaskPlaceRow> {
  return db
    .selectFrom("task_place as tp")
    .innerJoin("task as t", "t.id", "tp.task_id")
    .select((eb) => [
      "tp.task_id as taskId",
      "tp.place_id as placeId",
      eb.ref("tp.role").$castTo<PlaceRole>().as("role"),
      "tp.evidence_start as evidenceStart",
      "tp.evidence_end as evidenceEnd",
      "tp.curated",
      "tp.note",
      "t.plan_id as planId",
    ])
    .where("tp.task_id", "=", taskId)
    .where("tp.place_id", "=", placeId)
    .where("tp.role", "=", role)
    .executeTakeFirstOrThrow();
}

/** Removes every link between the task and the place; false when there was none. */
export async function deleteLinks(db: Db, taskId: string, placeId: string): Promise<boolean> {
  const r = await db
    .deleteFrom("task_place")
    .where("task_id", "=", taskId)
    .where("place_id", "=", placeId)
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}

/**
 * What the linker proposed but cannot be sure of, not yet confirmed by a planner: a place the
 * text names only in passing (MENTION), or one it found through a short form, an abbreviation
 * or a collective expression rather than the place's own name (太礦, 民營區, 三縣一市,
 * 五個省級以上開發區). Reads `tp`, `p` (the place) and `pl` (the plan).
 */
const UNCERTAIN = sql`not tp.curated and tp.evidence_start is not null and (tp.role = 'MENTION' or (tp.role = 'SUBJECT'
  and substr(pl.source_text_hans, tp.evidence_start + 1, tp.evidence_end - tp.evidence_start) not in (p.name_hans, p.name_hant)
  and substr(pl.source_text_hant, tp.evidence_start + 1, tp.evidence_end - tp.evidence_start) not in (p.name_hans, p.name_hant)))`;

/** An uncertain match (UNCERTAIN) with the ordinals of its plan, task and place: its sort key, with the place id and the role. */
export type UncertainLinkRow = TaskPlaceRow & { taskOrdinal: number; placeOrdinal: number; planOrdinal: number };

/**
 * Where a page of uncertain matches starts: after the match with these plan, task and place ordinals,
 * place id and role. A null role is before every role of that task and place (a cursor made before
 * the role was in the key: the page then starts at the pair's first match, repeating rather than skipping).
 */
export type UncertainLinkKey = [number, number, number, string, PlaceRole | null];

/**
 * The linker's uncertain matches in plan order, then the place's, then the role's (roleOrder: a task
 * and a place may have an uncertain SUBJECT and a MENTION; task_place's key is the three), so that the
 * order is total, after the cursor (UncertainLinkKey), at most `limit`: findUncertainLinks' page, which
 * the SQL executor composes into its own (Query.linkCandidates).
 */
export function uncertainLinksSql(limit: number, after: UncertainLinkKey | null): RawBuilder<UncertainLinkRow> {
  const key = sql`(pl.ordinal, t.ordinal, p.ordinal, tp.place_id, ${roleOrder("tp")})`;
  const role = after?.[4] ? roleRank(sql`${after[4]}::text`) : sql`0`;
  return sql<UncertainLinkRow>`
    select tp.task_id as "taskId", tp.place_id as "placeId", tp.role, tp.evidence_start as "evidenceStart", tp.evidence_end as "evidenceEnd",
      tp.curated, tp.note, t.plan_id as "planId", pl.ordinal as "planOrdinal", t.ordinal as "taskOrdinal", p.ordinal as "placeOrdinal"
    from task_place tp join task t on t.id = tp.task_id join plan pl on pl.id = t.plan_id join place p on p.id = tp.place_id
    where ${UNCERTAIN} ${after ? sql`and ${key} > (${after[0]}::int, ${after[1]}::int, ${after[2]}::int, ${after[3]}::text, ${role})` : sql``}
    order by pl.ordinal, t.ordinal, p.ordinal, tp.place_id, ${roleOrder("tp")}
    limit ${limit}`;
}

/** How many uncertain matches there are (SQL, an int): a LinkCandidateConnection's total. */
export function uncertainLinkCountSql(): RawBuilder<number> {
  return sql<number>`(select count(*) from task_place tp join task t on t.id = tp.task_id join plan pl on pl.id = t.plan_id join place p on p.id = tp.place_id
    where ${UNCERTAIN})::int`;
}

/** A page of the linker's uncertain matches in plan order, after the cursor (UncertainLinkKey), and their total count. */
export async function findUncertainLinks(
  db: Db,
  first: number,
  after: UncertainLinkKey | null,
): Promise<{ rows: UncertainLinkRow[]; totalCount: number }> {
  const rows = await uncertainLinksSql(first + 1, after).execute(db);
  const count = await sql<{ n: number }>`select ${uncertainLinkCountSql()} as n`.execute(db);
  return { rows: rows.rows, totalCount: count.rows[0].n };
}
