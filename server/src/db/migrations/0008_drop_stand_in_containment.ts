import { sql, type Kysely } from "kysely";
import { syncObligations } from "../../modules/place/place.repository.ts";

/**
 * Containment that came from a stand-in point: a place known only to lie in the city (ADM2)
 * contained by anything but the city, or one known only to its county-level unit (ADM3) by
 * anything but an administrative unit. Imports since compute it without them
 * (place.repository computeContainment); this removes what earlier imports left, and the
 * obligations that containment made (0005 materialized them): they become inactive, keeping any
 * report filed on them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    delete from place_containment c using place i, place o
    where i.id = c.inner_id and o.id = c.outer_id
      and ((i.precision = 'ADM2' and o.kind <> 'CITY')
        or (i.precision = 'ADM3' and o.kind not in ('CITY', 'DISTRICT', 'COUNTY', 'COUNTY_CITY')));
  `.execute(db);
  await syncObligations(db);
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}
