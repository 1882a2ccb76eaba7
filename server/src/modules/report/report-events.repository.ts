/** SQL of live report events: the announcements after a write has committed, and what one event needs to be fanned out. */
import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import { anyText } from "../../db/any-of.ts";
import { REPORT_COLUMNS } from "./report.repository.ts";
import type { ReportRow } from "./report.type.ts";

/** The PostgreSQL channel every server LISTENs on. */
export const REPORT_EVENTS_CHANNEL = "atlas_report_events";
/**
 * A session setting only the embedded database has (set once by its process's hub): tells the
 * announcement that the one process that can hear it is this one (modules/report/report-events.ts).
 */
const LOCAL_HUB_SETTING = "atlas.report_events_hub";

/**
 * NOTIFY each payload (`<reportId>:<kind>`) on the channel, in one statement of its own: one
 * transaction, delivered when it commits. Returns the embedded hub's id, if any.
 */
export async function notifyReportEvents(db: Db, payloads: readonly string[]): Promise<string | null> {
  const r = await sql<{ hub: string | null }>`
    select count(pg_notify(${REPORT_EVENTS_CHANNEL}, p)) as sent, nullif(current_setting(${LOCAL_HUB_SETTING}, true), '') as hub
    from unnest(${[...payloads]}::text[]) as p`.execute(db);
  return r.rows[0]?.hub ?? null;
}

/** The id that marks this (one-session) embedded database as heard in this process: the one set before, or this new one. */
export async function markLocalHub(db: Db, newId: string): Promise<string> {
  const r = await sql<{ id: string }>`
    select coalesce(nullif(current_setting(${LOCAL_HUB_SETTING}, true), ''), set_config(${LOCAL_HUB_SETTING}, ${newId}, false)) as id`.execute(
    db,
  );
  return r.rows[0].id;
}

export interface ReportEventFacts {
  report: ReportRow;
  /** the place of the report's obligation (the city's for a report on the whole task) */
  placeId: string;
  /** that place and every place containing it: who subscribed to any of them hears the event */
  enclosingPlaceIds: string[];
  /** departments leading the report's task (its reviewers besides the planners) */
  leadDepartmentIds: string[];
}

/** One statement per event: the report as it stands, its obligation's place, the places around it, the task's leads. */
export async function findReportEventFacts(db: Db, reportId: string): Promise<ReportEventFacts | null> {
  if (!/^\d{1,18}$/.test(reportId)) return null;
  const r = await sql<ReportRow & { enclosing: string[]; leads: string[] }>`
    select ${REPORT_COLUMNS},
      array(select o.place_id union select c.outer_id from place_containment c where c.inner_id = o.place_id) as enclosing,
      array(select l.department_id from task_lead l where l.task_id = r.task_id order by l.ordinal) as leads
    from progress_report r
    join obligation o on o.id = r.obligation_id
    left join lateral (select * from report_review v where v.report_id = r.id order by v.created_at desc, v.id desc limit 1) v on true
    where r.id = ${reportId}::bigint`.execute(db);
  const row = r.rows[0];
  if (!row) return null;
  const { enclosing, leads, ...report } = row;
  return { report, placeId: report.obligationPlaceId, enclosingPlaceIds: enclosing, leadDepartmentIds: leads };
}

/** Which of these ids are places. */
export async function findPlaceIds(db: Db, ids: string[]): Promise<string[]> {
  const rows = await db.selectFrom("place").select("id").where("id", "=", anyText(ids)).execute();
  return rows.map((x) => x.id);
}
