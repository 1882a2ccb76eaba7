/**
 * What PostGraphile needs to answer the geo queries: SQL functions it exposes
 * as root fields (setof task/place, same conditions and order as the product's
 * repositories) and computed columns. Created in `public` of each bench database.
 */
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
  with near as (
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
`;
