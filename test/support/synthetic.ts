/** Rows tests add inside a transaction they roll back: a copy of the seeded plan's header under a new id. */
import { sql } from "kysely";
import type { Db } from "../../server/src/db/database.ts";

/** The seeded plan (并政发〔2013〕30号). */
export const SEEDED_PLAN = "taiyuan-2013-30";

/** A new plan `planId`, a copy of the seeded plan's document fields titled `title` (also its content hash), ordered last. */
export async function insertPlanLikeSeeded(trx: Db, planId: string, title: string): Promise<void> {
  await sql`
    insert into plan (id, doc_number, title_hant, title_hans, title_en, issuer_hant, issuer_hans, issued_on, period_start, period_end,
      source_text_hant, source_text_hans, content_hash, ordinal)
    select ${planId}, doc_number, title_hant, title_hans, ${title}, issuer_hant, issuer_hans, issued_on, period_start, period_end,
      source_text_hant, source_text_hans, ${title}, (select max(ordinal) + 1 from plan)
    from plan where id = ${SEEDED_PLAN}`.execute(trx);
}
