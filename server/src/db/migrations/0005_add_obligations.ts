import { sql, type Kysely } from "kysely";

/**
 * v2: the obligation (task x place) becomes a row of its own, the unit every report, target and
 * assessment is about.
 *
 * - `obligation`: one row per (task, place) that must act. The rows are materialized from the
 *   links (place.repository.ts syncObligations keeps them current after an import, a seed or a
 *   curated link change; the statement below is its copy at the time of this migration, as a
 *   migration must not change when the code does): a task's linked places, the county-level units
 *   and zones holding a linked place (not the city, which holds everything), the places whose
 *   government leads it, and the city for every task (lead departments and planners report there;
 *   for a task that names no place it is the only one). An obligation whose reason disappears is
 *   kept with `active = false`: its reports stay, it no longer counts anywhere; it comes back
 *   (same id, same reports) when the reason does.
 * - `progress_report.obligation_id` (not null) and `as_of` (the date the report describes, apart
 *   from created_at). Existing reports move onto the obligation of their place, or the task's
 *   citywide obligation when they named none (a pair no link gives gets an inactive obligation so
 *   nothing is lost); their as_of is the date they were filed, in China (UTC+8).
 * - `obligation_target`: the progress expected by 31 December of each year.
 * - `assessment_finalization`: append-only, one row per (place, year) a planner froze, with the
 *   figures as they were.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table obligation (
      id bigint generated always as identity primary key,
      task_id text not null references task(id) on delete cascade,
      place_id text not null references place(id),
      active boolean not null default true,
      created_at timestamptz not null default now(),
      unique (task_id, place_id)
    );
    create index obligation_place on obligation (place_id, task_id) include (id, active);

    insert into obligation (task_id, place_id)
    select distinct x.task_id, x.place_id from (
      select tp.task_id, tp.place_id from task_place tp
      union
      select tp.task_id, c.outer_id from task_place tp join place_containment c on c.inner_id = tp.place_id
        join place op on op.id = c.outer_id where op.kind <> 'CITY'
      union
      select l.task_id, d.jurisdiction_place_id from task_lead l join department d on d.id = l.department_id
        where d.jurisdiction_place_id is not null
      union
      select t.id, city.id from task t cross join place city where city.kind = 'CITY'
    ) x;

    alter table progress_report add column obligation_id bigint references obligation(id), add column as_of date;

    insert into obligation (task_id, place_id, active)
    select distinct r.task_id, coalesce(r.place_id, (select id from place where kind = 'CITY' order by ordinal limit 1)), false
    from progress_report r
    on conflict (task_id, place_id) do nothing;

    update progress_report r set obligation_id = o.id
    from obligation o
    where o.task_id = r.task_id and o.place_id = coalesce(r.place_id, (select id from place where kind = 'CITY' order by ordinal limit 1));

    update progress_report set as_of = ((created_at at time zone 'UTC') + interval '8 hours')::date;

    alter table progress_report alter column obligation_id set not null, alter column as_of set not null;
    create index progress_report_obligation on progress_report (obligation_id, as_of);

    create table obligation_target (
      obligation_id bigint not null references obligation(id) on delete cascade,
      year int not null,
      progress double precision not null check (progress >= 0 and progress <= 100),
      set_by bigint references app_user(id),
      set_at timestamptz not null default clock_timestamp(),
      primary key (obligation_id, year)
    );

    create table assessment_finalization (
      id bigint generated always as identity primary key,
      place_id text not null references place(id),
      year int not null,
      figures jsonb not null,
      note text,
      finalized_by bigint not null references app_user(id),
      finalized_at timestamptz not null default clock_timestamp(),
      unique (place_id, year)
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}
