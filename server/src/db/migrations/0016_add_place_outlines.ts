import { sql, type Kysely } from "kysely";

/**
 * Every place's boundary simplified ahead of time, at the tolerances a map asks for: `Place.geometry(tolerance:)`
 * reads the stored outline at the largest of these tolerances that is not above the one asked for (so it never
 * simplifies more than asked; below the smallest, the boundary as surveyed), instead of running
 * ST_SimplifyPreserveTopology for every place of every request.
 *
 * - Speed: the map's startup request (MapPlaces, tolerance 0.001) spent 94 ms of PostgreSQL's time simplifying the
 *   1× benchmark's 1,000 places, about 2 ms reading them stored.
 * - Safety: ST_SimplifyPreserveTopology (GEOS, PostgreSQL 15 + PostGIS 3.3 here) kills its backend when the
 *   statement is cancelled while it runs (signal 6 or 11: a statement timeout, the request deadline's cancel), and
 *   PostgreSQL then restarts every connection of every server. One slow map request could do that; now only a
 *   write of a place's geometry runs it (test/server/foundation/outline-safety.test.ts keeps it out of requests).
 *
 * A trigger on place keeps the outlines, whatever writes the geometry (the gazetteer import, a test, a hand-written
 * UPDATE). Tolerances in degrees, 1-2-5 steps from about 10 m to about 10 km.
 */
/** The stored tolerances (degrees): what the trigger stores for a place written later, and the backfill for those there now. */
const TOLERANCES = sql.raw("array[0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1]::float8[]");

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table place_outline (
      place_id text not null references place(id) on delete cascade,
      tolerance float8 not null,
      geom geometry(Geometry, 4326) not null,
      primary key (place_id, tolerance)
    );
    create function place_outline_refresh() returns trigger language plpgsql as $$
    begin
      delete from place_outline where place_id = new.id;
      insert into place_outline (place_id, tolerance, geom)
      select new.id, t, ST_SimplifyPreserveTopology(new.geom, t)
      from unnest(${TOLERANCES}) t;
      return null;
    end
    $$;
    create trigger place_outline_on_write after insert or update of geom on place
      for each row execute function place_outline_refresh();
    insert into place_outline (place_id, tolerance, geom)
    select p.id, t, ST_SimplifyPreserveTopology(p.geom, t)
    from place p, unnest(${TOLERANCES}) t;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}
