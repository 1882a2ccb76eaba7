/** Rows tests add inside a transaction they roll back: a copy of the seeded plan's header under a new id. */
import { sql } from "kysely";
import type { SessionUser } from "../../server/src/core/actor.ts";
import type { Db } from "../../server/src/db/database.ts";
import { syncObligations, syncPlaceAliasForms } from "../../server/src/modules/place/place.repository.ts";
import { PLACE, POINT, TASK } from "./generated-operations.ts";

/** The seeded plan (并政发〔2013〕30号). */
export const SEEDED_PLAN = "taiyuan-2013-30";

/** A planner made for one test inside its rolled-back transaction: the author of its synthetic layers. */
export async function insertSyntheticPlanner(trx: Db, username: string): Promise<SessionUser> {
  const r = await sql<{ id: string }>`
    insert into app_user (username, display_name, role, password_hash) values (${username}, 'synthetic planner', 'PLANNER', 'x') returning id::text`.execute(
    trx,
  );
  return { id: r.rows[0].id, username, role: "PLANNER", departmentId: null, placeIds: [] };
}

/** A new plan `planId`, a copy of the seeded plan's document fields titled `title` (also its content hash), ordered last. */
export async function insertPlanLikeSeeded(trx: Db, planId: string, title: string): Promise<void> {
  await sql`
    insert into plan (id, doc_number, title_hant, title_hans, title_en, issuer_hant, issuer_hans, issued_on, period_start, period_end,
      source_text_hant, source_text_hans, content_hash, ordinal)
    select ${planId}, doc_number, title_hant, title_hans, ${title}, issuer_hant, issuer_hans, issued_on, period_start, period_end,
      source_text_hant, source_text_hans, ${title}, (select max(ordinal) + 1 from plan)
    from plan where id = ${SEEDED_PLAN}`.execute(trx);
}

/**
 * One layer of synthetic items on the seeded rows, `k` = 1, 2, …: a new site in 小店 (PLACE) linked to
 * TASK and two more of 小店's tasks, two new tasks, a department, an indicator, a plan,
 * projects, indicator values, a report on every obligation (two in three reviewed, by obligation order), targets and
 * finalized assessments. `ids` are seeded rows to build on.
 */
export async function addSyntheticLayer(
  trx: Db,
  k: number,
  authorId: string,
  tag: string,
  ids: { department: string; indicator: string },
): Promise<void> {
  const site = `${tag}-site-${k}`;
  // a new site in 小店, named by TASK and by two more of its tasks
  await sql`
    insert into place (id, code, name_hans, name_hant, name_en, kind, parent_id, precision, source, geom, label_point, ordinal)
    values (${site}, null, ${"合成" + k}, ${"合成" + k}, ${"Synthetic site " + k}, 'HERITAGE_SITE', ${PLACE}, 'EXACT', 'synthetic',
      ST_SetSRID(ST_MakePoint(${POINT.lng}::float8 + ${k}::int * 0.0005, ${POINT.lat}::float8), 4326),
      ST_SetSRID(ST_MakePoint(${POINT.lng}::float8 + ${k}::int * 0.0005, ${POINT.lat}::float8), 4326), (select max(ordinal) + 1 from place))`.execute(
    trx,
  );
  // its geocoding forms, as an import computes them (the executor geocodes only over fresh ones)
  await syncPlaceAliasForms(trx);
  await sql`insert into place_containment (outer_id, inner_id) select outer_id, ${site} from place_containment where inner_id = ${PLACE}
    union select ${PLACE}, ${site}`.execute(trx);
  await sql`
    insert into task_place (task_id, place_id, role)
    select t.id, ${site}, 'MENTION' from task t
    where t.id = ${TASK} or t.id in (select task_id from task_place where place_id = ${PLACE} order by task_id limit 2)`.execute(
    trx,
  );
  // two new tasks in TASK's section, naming 小店 and the new site, led by a new department and one of TASK's
  const newTasks = [`${tag}-task-${k}-a`, `${tag}-task-${k}-b`];
  await sql`
    insert into task (id, plan_id, kind, number, ref, section_id, ordinal, title_hant, title_hans, title_en, text_hant, text_hans, span_start, span_end, due_year)
    select t.id, s.plan_id, s.kind, 900 + ${k}::int, s.ref, s.section_id, s.ordinal, s.title_hant, s.title_hans, s.title_en || ' ' || t.id, s.text_hant, s.text_hans, s.span_start, s.span_end, s.due_year
    from task s cross join unnest(${newTasks}::text[]) t(id) where s.id = ${TASK}`.execute(trx);
  await sql`insert into task_place (task_id, place_id, role) select t.id, p.id, 'SUBJECT' from unnest(${newTasks}::text[]) t(id) cross join unnest(array[${PLACE}, ${site}]) p(id)`.execute(
    trx,
  );
  await sql`
    insert into department (id, name_hant, name_hans, name_en, jurisdiction_place_id, ordinal)
    values (${`${tag}-department-${k}`}, ${"合成部门" + k}, ${"合成部门" + k}, ${"Synthetic bureau " + k}, ${PLACE}, (select max(ordinal) + 1 from department))`.execute(
    trx,
  );
  await sql`
    insert into task_lead (task_id, department_id, ordinal, span_start, span_end)
    select t.id, d.id, d.n, 0, 5 from unnest(array[${TASK}, ${newTasks[0]}, ${newTasks[1]}]::text[]) t(id)
    cross join (values (${`${tag}-department-${k}`}, 100 + ${k}::int), (${ids.department}, 0)) d(id, n)
    on conflict do nothing`.execute(trx);
  // a new indicator of the plan, serving TASK and the new tasks
  await sql`
    insert into indicator (id, plan_id, ordinal, name_hant, name_hans, name_en, unit, comparator, target, stretch_target, base_year, target_year, scope_place_id, span_start, span_end)
    select ${`${tag}-indicator-${k}`}, plan_id, ordinal + 100 + ${k}::int, name_hant, name_hans, name_en || ${` ${k}`}, unit, comparator, target, stretch_target, base_year, target_year, scope_place_id, span_start, span_end
    from indicator where id = ${ids.indicator}`.execute(trx);
  await sql`insert into indicator_task (indicator_id, task_id, ordinal) select ${`${tag}-indicator-${k}`}, t.id, 0 from unnest(array[${TASK}, ${newTasks[0]}, ${newTasks[1]}]::text[]) t(id)`.execute(
    trx,
  );
  // and a new plan (an empty copy of the seeded one's header)
  await insertPlanLikeSeeded(trx, `${tag}-plan-${k}`, `synthetic ${k}`);
  await syncObligations(trx);
  await sql`insert into user_place (user_id, place_id) values (${authorId}::bigint, ${site})`.execute(trx);
  // projects serving TASK and the tasks of 小店, at the new site
  await sql`
    insert into project (id, plan_id, name_hant, name_hans, name_en, category, geom, precision, position_source, start_year, end_year, investment_cny, reference, ordinal, place_ids)
    select ${tag} || '-project-' || ${k}::int || '-' || g, ${SEEDED_PLAN}, '合成项目' || g, '合成项目' || g, 'synthetic project ' || g, 'LIVELIHOOD',
      ST_SetSRID(ST_MakePoint(${POINT.lng}::float8, ${POINT.lat}::float8), 4326), 'EXACT', 'synthetic', 2013, 2015, 1e8, 'synthetic',
      (select max(ordinal) from project) + g, array[${PLACE}, ${site}]
    from generate_series(1, 3) g`.execute(trx);
  await sql`
    insert into project_task (project_id, task_id)
    select p.id, t.id from project p cross join (select ${TASK} as id union select task_id from task_place where place_id = ${PLACE}) t
    where p.id like ${`${tag}-project-${k}-%`}`.execute(trx);
  // a value of every indicator for the city, every county-level unit and the new site
  await sql`
    insert into indicator_value (indicator_id, place_id, year, value, source, recorded_by)
    select i.id, p.id, 2012 + ${k}::int, ${k}::int * 1.5, 'synthetic', ${authorId}::bigint
    from indicator i cross join place p where p.kind in ('CITY', 'DISTRICT', 'COUNTY', 'COUNTY_CITY') or p.id = ${site}`.execute(
    trx,
  );
  // a report on every obligation, about one of its task's projects where it has one; two in three reviewed
  await sql`
    insert into progress_report (task_id, place_id, project_id, obligation_id, as_of, status, progress, note, author_id)
    select o.task_id, o.place_id, (select pt.project_id from project_task pt where pt.task_id = o.task_id order by pt.project_id limit 1),
      o.id, date '2013-03-01' + ${k}::int, 'IN_PROGRESS', least(100, 5 * ${k}::int), 'synthetic', ${authorId}::bigint
    from obligation o`.execute(trx);
  // Which reports are reviewed follows each task's obligations in order, never the report ids: ids come from a
  // sequence that rolled-back transactions of earlier test files have advanced, so with `id % 3` a task could have
  // no approved report at one layer in one run (nothing for anonymous readers to load) and some in the next.
  // At layer 1 the first obligation of every task is approved, the second returned, the third left for review.
  await sql`
    insert into report_review (report_id, decision, reviewer_id)
    select s.id, case when s.n % 3 = 2 then 'APPROVE' else 'RETURN' end, ${authorId}::bigint
    from (
      select r.id, ${k}::int + row_number() over (partition by r.task_id order by r.obligation_id) as n
      from progress_report r where r.as_of = date '2013-03-01' + ${k}::int and r.author_id = ${authorId}::bigint
    ) s
    where s.n % 3 <> 1`.execute(trx);
  await sql`
    insert into obligation_target (obligation_id, year, progress, set_by)
    select o.id, 2013 + ${k}::int % 3, 30 * (1 + ${k}::int % 3), ${authorId}::bigint from obligation o
    on conflict do nothing`.execute(trx);
  await sql`
    insert into assessment_finalization (place_id, year, figures, note, finalized_by)
    select id, 2014, '{"obligations": 1, "due": 1, "met": 0, "metLate": 0, "delayed": 0, "notReported": 1, "score": 0}'::jsonb, 'synthetic', ${authorId}::bigint
    from place where kind in ('DISTRICT', 'COUNTY', 'COUNTY_CITY')
    on conflict do nothing`.execute(trx);
}

/** The signed-in users of insertSignedInUsers, each as a session has them. */
export interface SignedInUsers {
  leader: SessionUser;
  department: SessionUser;
  viewer: SessionUser;
}

/**
 * An area leader of PLACE, a user of the department leading TASK (`ids.department`) and a viewer, made
 * for one test inside its rolled-back transaction, with what each sees differently: reports of the
 * leader's on PLACE's obligations (one waiting, one returned with a note, one approved) and two of the
 * department's on TASK (one approved with a note, one waiting for review), figures the leader recorded (one waiting, one returned, one
 * approved with a note, all reviewed by `planner`). Run after addSyntheticLayer (it reports on obligations).
 */
export async function insertSignedInUsers(
  trx: Db,
  tag: string,
  planner: SessionUser,
  ids: { department: string; indicator: string },
): Promise<SignedInUsers> {
  const insert = async (name: string, role: SessionUser["role"], departmentId: string | null) => {
    const r = await sql<{ id: string }>`
      insert into app_user (username, display_name, role, password_hash, department_id)
      values (${`${tag}-${name}`}, ${`synthetic ${name}`}, ${role}, 'x', ${departmentId}) returning id::text`.execute(
      trx,
    );
    return r.rows[0].id;
  };
  const leader: SessionUser = {
    id: await insert("leader", "AREA_LEADER", null),
    username: `${tag}-leader`,
    role: "AREA_LEADER",
    departmentId: null,
    placeIds: [PLACE],
  };
  await sql`insert into user_place (user_id, place_id) values (${leader.id}::bigint, ${PLACE})`.execute(trx);
  const department: SessionUser = {
    id: await insert("department", "DEPARTMENT", ids.department),
    username: `${tag}-department`,
    role: "DEPARTMENT",
    departmentId: ids.department,
    placeIds: [],
  };
  const viewer: SessionUser = {
    id: await insert("viewer", "VIEWER", null),
    username: `${tag}-viewer`,
    role: "VIEWER",
    departmentId: null,
    placeIds: [],
  };
  // the leader's reports on PLACE's first obligations (TASK's first): waiting, returned with a note, approved
  await sql`
    with o as (
      select o.id, o.task_id, o.place_id, row_number() over (order by o.task_id <> ${TASK}, o.task_id) as n
      from obligation o where o.place_id = ${PLACE} and o.active order by n limit 3),
    r as (
      insert into progress_report (task_id, place_id, obligation_id, as_of, status, progress, note, author_id)
      select o.task_id, o.place_id, o.id, date '2014-06-01' + o.n::int, 'AT_RISK', 10 * o.n, 'by the leader', ${leader.id}::bigint
      from o returning id, as_of)
    insert into report_review (report_id, decision, reviewer_id, note)
    select r.id, case when r.as_of = date '2014-06-03' then 'APPROVE' else 'RETURN' end, ${planner.id}::bigint, 'see the figures'
    from r where r.as_of > date '2014-06-02'`.execute(trx);
  // the department's reports on TASK: one approved with a note, then one waiting for review
  await sql`
    with r as (
      insert into progress_report (task_id, place_id, obligation_id, as_of, status, progress, note, author_id)
      select o.task_id, o.place_id, o.id, date '2014-07-01', 'IN_PROGRESS', 40, 'by the department', ${department.id}::bigint
      from obligation o where o.task_id = ${TASK} and o.active order by o.place_id limit 1
      returning id)
    insert into report_review (report_id, decision, reviewer_id, note) select r.id, 'APPROVE', ${planner.id}::bigint, 'noted' from r`.execute(
    trx,
  );
  await sql`
    insert into progress_report (task_id, place_id, obligation_id, as_of, status, progress, note, author_id)
    select o.task_id, o.place_id, o.id, date '2014-07-02', 'IN_PROGRESS', 45, 'by the department', ${department.id}::bigint
    from obligation o where o.task_id = ${TASK} and o.active order by o.place_id limit 1`.execute(trx);
  // figures the leader recorded for PLACE: waiting, returned, approved (the latest of their year)
  await sql`
    insert into indicator_value (indicator_id, place_id, year, value, source, recorded_by, review, reviewed_by, reviewed_at, review_note)
    values
      (${ids.indicator}, ${PLACE}, 2015, 7, 'leader', ${leader.id}::bigint, 'SUBMITTED', null, null, null),
      (${ids.indicator}, ${PLACE}, 2015, 8, 'leader', ${leader.id}::bigint, 'RETURNED', ${planner.id}::bigint, now(), 'a typo?'),
      (${ids.indicator}, ${PLACE}, 2016, 9, 'leader', ${leader.id}::bigint, 'APPROVED', ${planner.id}::bigint, now(), 'checked')`.execute(
    trx,
  );
  return { leader, department, viewer };
}
