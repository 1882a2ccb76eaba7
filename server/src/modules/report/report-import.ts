/**
 * The spreadsheet round-trip: an area leader downloads their obligations as CSV
 * (/export/obligations/<place>.csv), fills new_status / new_progress / note, and
 * uploads it. A dry run says row by row what would be filed and what is refused;
 * the real run files every valid row as a SUBMITTED report in one transaction.
 */
import type { Db } from "../../db/database.ts";
import type { SessionUser } from "../../graphql/context.ts";
import { TaskStatus } from "../../graphql/enums.ts";
import { ValidationError } from "../../errors.ts";
import { parseCsvRecords } from "../../csv.ts";
import { canReport } from "./permissions.ts";
import { AppError } from "../../errors.ts";
import { areaFacts, reportTarget, requireUser, taskFacts } from "./report.service.ts";
import { insertReport } from "./report.repository.ts";
import { announceReport } from "./report-events.ts";

export interface ReportRowOutcome {
  row: number;
  taskId: string | null;
  /** what would be (or was) filed; null when refused or left blank */
  status: TaskStatus | null;
  progress: number | null;
  /** why the row was refused; null when accepted or blank */
  problem: string | null;
}

export interface ReportImportOutcome {
  dryRun: boolean;
  filed: number;
  refused: number;
  /** rows without a new status: nothing to file */
  unchanged: number;
  rows: ReportRowOutcome[];
}

const REQUIRED = ["task_id", "new_status", "new_progress", "note"];
const STATUSES = new Set<string>(Object.values(TaskStatus));

/** Validates (and unless dryRun, files) the rows of an obligations CSV for one place. */
export async function importReports(db: Db, actor: SessionUser | null, placeId: string | null, content: string, dryRun: boolean): Promise<ReportImportOutcome> {
  const user = requireUser(actor);
  const text = content.replace(/^\uFEFF/, "");
  if (text.length > 1_000_000) throw new ValidationError("content: at most 1 MB of CSV");
  const records = parseCsvRecords(text).filter((r) => !(r.fields.length === 1 && r.fields[0].trim() === ""));
  if (records.length === 0) throw new ValidationError("content: empty file; expected the obligations CSV with a header row");
  const header = records[0].fields.map((f) => f.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) throw new ValidationError(`content: the header lacks ${missing.join(", ")} (download the obligations CSV and fill it in)`);
  const col = (fields: string[], name: string) => (fields[header.indexOf(name)] ?? "").trim();

  return db.transaction().execute(async (trx) => {
    if (placeId) {
      const known = await trx.selectFrom("place").select("id").where("id", "=", placeId).executeTakeFirst();
      if (!known) throw new ValidationError(`placeId: unknown place ${JSON.stringify(placeId)}`);
    }
    const area = await areaFacts(trx, user);
    const facts = new Map<string, Awaited<ReturnType<typeof taskFacts>> | null>();
    const rows: ReportRowOutcome[] = [];
    for (const [i, record] of records.slice(1).entries()) {
      const row = i + 1;
      const refuse = (taskId: string | null, problem: string) => rows.push({ row, taskId, status: null, progress: null, problem: `row ${row}: ${problem}` });
      if (record.error) {
        refuse(null, record.error);
        continue;
      }
      const taskId = col(record.fields, "task_id");
      const rawStatus = col(record.fields, "new_status").toUpperCase();
      const rawProgress = col(record.fields, "new_progress");
      const note = col(record.fields, "note");
      if (!rawStatus && !rawProgress && !note) {
        rows.push({ row, taskId: taskId || null, status: null, progress: null, problem: null });
        continue;
      }
      if (!taskId) {
        refuse(null, "task_id is empty");
        continue;
      }
      if (!STATUSES.has(rawStatus)) {
        refuse(taskId, `new_status ${JSON.stringify(rawStatus)} is not one of ${[...STATUSES].join(", ")}`);
        continue;
      }
      const progress = rawProgress === "" ? null : Number(rawProgress);
      if (progress !== null && !(Number.isFinite(progress) && progress >= 0 && progress <= 100)) {
        refuse(taskId, `new_progress must be a number from 0 to 100, got ${JSON.stringify(rawProgress)}`);
        continue;
      }
      if (!note) {
        refuse(taskId, "note is empty: say what was done");
        continue;
      }
      if (note.length > 4000) {
        refuse(taskId, "note is longer than 4000 characters");
        continue;
      }
      if (!facts.has(taskId)) facts.set(taskId, await taskFacts(trx, taskId).catch(() => null));
      const task = facts.get(taskId);
      if (!task) {
        refuse(taskId, `unknown task ${JSON.stringify(taskId)}`);
        continue;
      }
      const decision = canReport(user, task, area, placeId);
      if (!decision.allowed) {
        refuse(taskId, decision.reason);
        continue;
      }
      // as_of (optional column, v2): the date the row describes; blank or absent = today
      const rawAsOf = header.includes("as_of") ? col(record.fields, "as_of") : "";
      if (rawAsOf && !/^\d{4}-\d{2}-\d{2}$/.test(rawAsOf)) {
        refuse(taskId, `as_of must be a date like 2014-05-01, got ${JSON.stringify(rawAsOf)}`);
        continue;
      }
      const target = await reportTarget(trx, taskId, placeId, rawAsOf || null).catch((e: unknown) => (e instanceof AppError ? e : Promise.reject(e)));
      if (target instanceof AppError) {
        refuse(taskId, target.message);
        continue;
      }
      rows.push({ row, taskId, status: rawStatus as TaskStatus, progress, problem: null });
      if (!dryRun) await announceReport(trx, await insertReport(trx, { taskId, placeId, ...target, projectId: null, status: rawStatus, progress, note, authorId: user.id }), "SUBMITTED");
    }
    return {
      dryRun,
      filed: rows.filter((r) => r.status !== null).length,
      refused: rows.filter((r) => r.problem !== null).length,
      unchanged: rows.filter((r) => r.status === null && r.problem === null).length,
      rows,
    };
  });
}
