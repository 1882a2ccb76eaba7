/**
 * What PostGraphile needs to answer the geo queries: SQL functions it exposes
 * as root fields (setof task/place, same conditions and order as the product's
 * repositories) and computed columns. Created in `public` of each bench database.
 */
/**
 * The status and progress of obligation `o`'s latest approved report on the Taiyuan day of instant `at` (the product's
 * obligationStatusAsOf), written into both functions that need it so each stays one plain SQL function.
 */
const LATEST_APPROVED_REPORT = `
    select r.status, r.progress from progress_report r
    where r.obligation_id = o.id and r.project_id is null and r.as_of <= ((at at time zone 'UTC') + interval '8 hours')::date
      and exists (select 1 from report_review v where v.report_id = r.id and v.decision = 'APPROVE')
    order by r.as_of desc, r.created_at desc, r.id desc limit 1`;

export const PEER_FUNCTIONS = `
create or replace function places_in_bbox(w float8, s float8, e float8, n float8) returns setof place as $$
  select p.* from place p
  where p.kind <> 'CITY' and ST_Intersects(p.geom, ST_MakeEnvelope(w, s, e, n, 4326))
  order by p.ordinal
$$ language sql stable;

create or replace function tasks_in_bbox(w float8, s float8, e float8, n float8) returns setof task as $$
  select t.* from task t join plan pl on pl.id = t.plan_id
  where exists (select 1 from task_place tp join place p on p.id = tp.place_id
                where tp.task_id = t.id and p.kind <> 'CITY' and tp.role <> 'APPLIES' and ST_Intersects(p.geom, ST_MakeEnvelope(w, s, e, n, 4326)))
  order by pl.ordinal, t.ordinal, t.id
$$ language sql stable;

create or replace function tasks_within(geojson text) returns setof task as $$
  select t.* from task t join plan pl on pl.id = t.plan_id
  where exists (select 1 from task_place tp join place p on p.id = tp.place_id
                where tp.task_id = t.id and p.kind <> 'CITY' and tp.role <> 'APPLIES'
                  and ST_Intersects(p.geom, ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326)))
  order by pl.ordinal, t.ordinal, t.id
$$ language sql stable;

create or replace function tasks_near(lng float8, lat float8, r float8) returns setof task as $$
  with near as materialized (
    select p.id, ST_Distance(p.geom::geography, ST_SetSRID(ST_MakePoint(lng, lat), 4326)::geography) as d
    from place p
    where p.kind <> 'CITY' and ST_DWithin(p.geom::geography, ST_SetSRID(ST_MakePoint(lng, lat), 4326)::geography, r)
  ), k as (
    select tp.task_id, min(n.d) as d from task_place tp join near n on n.id = tp.place_id where tp.role <> 'APPLIES' group by tp.task_id
  )
  select t.* from k join task t on t.id = k.task_id join plan pl on pl.id = t.plan_id
  order by k.d, pl.ordinal, t.ordinal, t.id
$$ language sql stable;

create or replace function place_geojson(p place) returns json as $$
  select ST_AsGeoJSON(p.geom, 6)::json
$$ language sql stable;

create or replace function task_place_distance_meters(tp task_place, lng float8, lat float8) returns float8 as $$
  select ST_Distance(p.geom::geography, ST_SetSRID(ST_MakePoint(lng, lat), 4326)::geography) from place p where p.id = tp.place_id
$$ language sql stable;

-- v2: a report is about one obligation. PostGraphile inserts only the columns it is given (Q9),
-- so the report lands where the product puts a whole-task report: the task's citywide
-- obligation, dated today in China.
create or replace function peer_report_defaults() returns trigger as $$
begin
  if new.obligation_id is null then
    select o.id into new.obligation_id from obligation o join place c on c.id = o.place_id and c.kind = 'CITY'
    where o.task_id = new.task_id order by c.ordinal limit 1;
  end if;
  if new.as_of is null then new.as_of := ((now() at time zone 'UTC') + interval '8 hours')::date; end if;
  return new;
end $$ language plpgsql;
drop trigger if exists peer_report_defaults on progress_report;
-- only for the rows that need it: the product's inserts name both columns and never call the function
create trigger peer_report_defaults before insert on progress_report for each row
  when (new.obligation_id is null or new.as_of is null) execute function peer_report_defaults();

-- Q10: a place's obligations counted by their own status as of an instant (Place.statusSummary)
drop function if exists place_status_summary(place, timestamptz);
create function place_status_summary(p place, at timestamptz) returns json as $$
  select json_build_object('total', count(o.id), 'notStarted', count(*) filter (where o.id is not null and coalesce(s.status, 'NOT_STARTED') = 'NOT_STARTED'),
    'inProgress', count(*) filter (where s.status = 'IN_PROGRESS'), 'atRisk', count(*) filter (where s.status = 'AT_RISK'),
    'delayed', count(*) filter (where s.status = 'DELAYED'), 'completed', count(*) filter (where s.status = 'COMPLETED'),
    'meanProgress', round(avg(s.progress)::numeric, 1)::float8, 'reported', count(s.status),
    'overdue', count(*) filter (where o.id is not null and coalesce(s.status, 'NOT_STARTED') <> 'COMPLETED'
      and at > make_timestamptz(coalesce((select max(ot.year) from obligation_target ot where ot.obligation_id = o.id), t.due_year),
        12, 31, 23, 59, 59, 'UTC')))
  from (select 1) one
  left join obligation o on o.place_id = p.id and o.active
  left join task t on t.id = o.task_id
  left join lateral (
${LATEST_APPROVED_REPORT}) s on true
$$ language sql stable;


-- M1, the map's places as its startup request asks for them (client/src/api/operations.ts MAP_PLACES): each
-- place's bounding box, label point and boundary simplified for the overview map, as the product writes them
create or replace function place_bbox(p place) returns json as $$
  select json_build_array(ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b)) from (select p.geom::box3d as b) x
$$ language sql stable;

create or replace function place_centroid(p place) returns json as $$
  select ST_AsGeoJSON(p.label_point, 6)::json
$$ language sql stable;

-- the boundary from the outlines the product stores (migration 0016): the largest stored tolerance not above $2
create or replace function place_simplified_geojson(p place, tolerance float8) returns json as $$
  select ST_AsGeoJSON(coalesce(
    (select o.geom from place_outline o where o.place_id = p.id and o.tolerance <= $2 order by o.tolerance desc limit 1),
    p.geom), 6)::json
$$ language sql stable;

-- M2, the client's task list: a task's status and progress as of an instant, rolled up from its active obligations'
-- latest approved reports as the product does (task.repository.ts statusAsOf)
create or replace function task_status_as_of(t task, at timestamptz) returns json as $$
  select json_build_object(
    'status', case
      when count(*) > 0 and bool_and(x.status is not distinct from 'COMPLETED') then 'COMPLETED'
      when bool_or(x.status = 'DELAYED') then 'DELAYED'
      when bool_or(x.status = 'AT_RISK') then 'AT_RISK'
      when bool_or(x.status in ('IN_PROGRESS', 'COMPLETED')) then 'IN_PROGRESS'
      else 'NOT_STARTED' end,
    'progress', case when count(x.status) > 0 then avg(coalesce(x.progress, 0))::float8 end)
  from obligation o
  left join lateral (
${LATEST_APPROVED_REPORT}) x on true
  where o.task_id = t.id and o.active
$$ language sql stable;

-- R1s, the review as the product decides it: the peer is given the same job, not a bare insert. The signed-in
-- reviewer is the session of a token (hashed as the product hashes it: auth.service.ts hashToken), live, not
-- revoked, its account enabled; never the report's author; a planner, or a department leading the report's task;
-- a report is decided once (the unique index report_review_once, as the product's decideReport). PostGraphile
-- exposes it as the mutation reviewReportAs; a refusal returns no row (the product says why, in the same one
-- statement's facts). PL/pgSQL, so that each connection plans the statement once, as the product's named
-- prepared statements are (a SQL-language function that cannot be inlined is planned at every call).
create or replace function review_report_as(token text, report_id bigint, decision text) returns report_review as $$
#variable_conflict use_column
declare
  result report_review;
begin
  with a as (
    select u.id, u.role, u.department_id from auth_session s join app_user u on u.id = s.user_id
    where s.token_hash = encode(sha256(convert_to(review_report_as.token, 'UTF8')), 'hex') and s.revoked_at is null
      and s.expires_at > now() and not u.disabled),
  f as (
    select r.id, r.author_id,
      array(select l.department_id from task_lead l where l.task_id = r.task_id order by l.ordinal) as leads
    from progress_report r where r.id = review_report_as.report_id)
  insert into report_review (report_id, decision, note, reviewer_id)
  select f.id, review_report_as.decision, null, a.id from f, a
  where a.id <> f.author_id
    and (a.role = 'PLANNER' or (a.role = 'DEPARTMENT' and a.department_id is not null and a.department_id = any(f.leads)))
    and not exists (select 1 from report_review x where x.report_id = f.id)
  on conflict (report_id) do nothing
  returning * into result;
  return result;
end
$$ language plpgsql volatile;

-- Q9s, a report as the product files it (report.repository.ts fileReport): the peer is given the same job, not a
-- bare insert of a row it was handed. The reporter is the session of a token, as in review_report_as; the task
-- exists, and the place when one is named; the report is about the task's active obligation at that place (the
-- city's when none is named); it is dated today in China, within the task's plan; a planner may report anywhere,
-- an area leader on an obligation of a place in their area (or inside it), a department on a task it leads. A
-- refusal returns no row. PostGraphile exposes it as the mutation reportProgressAs.
create or replace function report_progress_as(token text, task_id text, place_id text, status text, progress float8, note text)
returns progress_report as $$
#variable_conflict use_column
declare
  result progress_report;
  today date := ((now() at time zone 'UTC') + interval '8 hours')::date;
begin
  with a as (
    select u.id, u.role, u.department_id,
      coalesce((select array_agg(up.place_id order by up.place_id) from user_place up where up.user_id = u.id), '{}') as place_ids
    from auth_session s join app_user u on u.id = s.user_id
    where s.token_hash = encode(sha256(convert_to(report_progress_as.token, 'UTF8')), 'hex') and s.revoked_at is null
      and s.expires_at > now() and not u.disabled),
  f as (
    select exists (select 1 from task t where t.id = report_progress_as.task_id) as task_exists,
      (report_progress_as.place_id is null or exists (select 1 from place p where p.id = report_progress_as.place_id)) as place_exists,
      (select o.id from obligation o
       where o.task_id = report_progress_as.task_id and o.active
         and o.place_id = coalesce(report_progress_as.place_id, (select c.id from place c where c.kind = 'CITY' order by c.ordinal limit 1))) as obligation_id,
      (select pl.period_start from task t join plan pl on pl.id = t.plan_id where t.id = report_progress_as.task_id) as period_start)
  insert into progress_report (task_id, place_id, obligation_id, as_of, status, progress, note, author_id)
  select report_progress_as.task_id, report_progress_as.place_id, f.obligation_id, today, report_progress_as.status,
    report_progress_as.progress, report_progress_as.note, a.id
  from f, a
  where f.task_exists and f.place_exists and f.obligation_id is not null and today >= make_date(f.period_start, 1, 1)
    and case a.role
      when 'PLANNER' then true
      when 'AREA_LEADER' then report_progress_as.place_id is not null
        and (report_progress_as.place_id = any(a.place_ids)
          or exists (select 1 from place_containment c where c.outer_id = any(a.place_ids) and c.inner_id = report_progress_as.place_id))
      when 'DEPARTMENT' then a.department_id is not null
        and exists (select 1 from task_lead l where l.task_id = report_progress_as.task_id and l.department_id = a.department_id)
      else false end
  returning * into result;
  return result;
end
$$ language plpgsql volatile;
`;
