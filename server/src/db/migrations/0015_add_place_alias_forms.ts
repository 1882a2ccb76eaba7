import { sql, type Kysely } from "kysely";
import { syncPlaceAliasForms } from "../../modules/place/place.repository.ts";

/**
 * Every spelling of every place that geocoding matches a name against, converted to both scripts
 * (geocode.ts aliasForms: OpenCC, in JavaScript), so that the SQL executor can geocode in SQL
 * (project.repository.ts geocodeMatchSql) exactly as createGeocoder does.
 *
 * - place_alias_form: a place's forms in order (`position`), each with its simplified and
 *   traditional form and the simplified form's length in UTF-16 code units (JavaScript's, the
 *   geocoder's first sort key; char_length counts code points).
 * - place_alias_stale: the places whose names or aliases were written since their forms were
 *   computed. A trigger on place marks them, whatever writes the row (the importer, a test, a
 *   hand-written UPDATE); syncPlaceAliasForms recomputes their forms and clears the mark. While a
 *   place is marked the SQL executor leaves geocoding to the resolvers (a guard), so a stale form is
 *   never an answer.
 *
 * Existing places are marked here and their forms computed at once (OpenCC runs in this process).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table place_alias_form (
      place_id text not null references place(id) on delete cascade,
      position int not null,
      alias text not null,
      hans text not null,
      hant text not null,
      hans_length int not null,
      primary key (place_id, position)
    );
    create table place_alias_stale (
      place_id text primary key references place(id) on delete cascade
    );
    create function place_alias_mark_stale() returns trigger language plpgsql as $$
    begin
      insert into place_alias_stale (place_id) values (new.id) on conflict do nothing;
      return null;
    end
    $$;
    create trigger place_alias_stale_on_write after insert or update of name_hans, name_hant, aliases on place
      for each row execute function place_alias_mark_stale();
    insert into place_alias_stale (place_id) select id from place;
  `.execute(db);
  await syncPlaceAliasForms(db);
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}
