/**
 * The spreadsheet round-trip: an area leader downloads their obligations as CSV
 * (/export/obligations/<place>.csv), fills new_status / new_progress / note, and
 * uploads it. A dry run says row by row what would be filed and what is refused;
 * the real run files every valid row as a SUBMITTED report in one transaction, or,
 * with allOrNothing, nothing at all when any row is refused.
 *
 * Uploading the same file again files nothing new: each filed row keeps a hash of
 * (author, place, task, status, progress, note) under a unique index
 * (progress_report.import_key), so a row already filed is reported as such and
 * skipped; an edited row is a new report. Refusals name the file line
 * (header = line 1; line breaks inside quoted notes count).
 */
import { createHash } from "node:crypto";
import type { Db } from "../../db/database.ts";
import { requireUser, type SessionUser } from "../../core/actor.ts";
import { TaskStatus } from "../../core/enums.ts";
import { ValidationError } from "../../core/errors.ts";
import { parseCsvRecords } from "../../csv.ts";
import { canReport } from "./permissions.ts";
import { AppError } from "../../core/errors.ts";
import { areaFacts, reportTarget, taskFacts } from "./report.service.ts";
import { findImportKeys, insertImportedReport } from "./report.repository.ts";
import { announceReport } from "./report-events.ts";

export interface ReportRowOutcome {
  row: number;
  /** the file line the row starts on (header = line 1) */
  line: number;
  /** the same row was filed before (by an earlier upload or earlier in this file): nothing new is filed */
  alreadyFiled: boolean;
  taskId: string | null;
  /** what would be (or was) filed; null when refused or left blank */
  status: TaskStatus | null;
  progress: number | null;
  /** why the row was refused, in English; null when accepted or blank */
  problem: string | null;
  /** which rule refused the row (clients say it in their own words); null when accepted or blank */
  problemCode: ReportImportProblem | null;
  /** the CSV column the problem is in (task_id, new_status, new_progress, note, as_of), or the field number of a CSV syntax error */
  problemField: string | null;
  /** the offending value as the file gives it (status, progress, date, task id) */
  problemValue: string | null;
  /** the place the refusal names (not an obligation of it, not one of yours) */
  problemPlaceId: string | null;
  /** the department the refusal names (the task is not led by it) */
  problemDepartmentId: string | null;
  /** the bound that was crossed: the longest note, today's date, the plan's first day */
  problemLimit: string | null;
}

/** Every kind of refusal of an obligations CSV row. */
export const ReportImportProblem = {
  CSV_SYNTAX: "CSV_SYNTAX",
  MISSING_TASK_ID: "MISSING_TASK_ID",
  BAD_STATUS: "BAD_STATUS",
  BAD_PROGRESS: "BAD_PROGRESS",
  MISSING_NOTE: "MISSING_NOTE",
  NOTE_TOO_LONG: "NOTE_TOO_LONG",
  UNKNOWN_TASK: "UNKNOWN_TASK",
  PLACE_REQUIRED: "PLACE_REQUIRED",
  NOT_YOUR_PLACE: "NOT_YOUR_PLACE",
  NOT_AN_OBLIGATION: "NOT_AN_OBLIGATION",
  NOT_LED_BY_DEPARTMENT: "NOT_LED_BY_DEPARTMENT",
  CANNOT_REPORT: "CANNOT_REPORT",
  BAD_DATE: "BAD_DATE",
  DATE_IN_FUTURE: "DATE_IN_FUTURE",
  DATE_BEFORE_PLAN: "DATE_BEFORE_PLAN",
  /** a refusal without a code of its own: only the English problem says it */
  OTHER: "OTHER",
} as const;
export type ReportImportProblem = (typeof ReportImportProblem)[keyof typeof ReportImportProblem];

interface ProblemFacts {
  field?: string | null;
  value?: string | null;
  placeId?: string | null;
  departmentId?: string | null;
  limit?: string | null;
}

const NO_PROBLEM = {
  problem: null,
  problemCode: null,
  problemField: null,
  problemValue: null,
  problemPlaceId: null,
  problemDepartmentId: null,
  problemLimit: null,
} as const;
const NOTE_MAX = 4000;

export interface ReportImportOutcome {
  dryRun: boolean;
  /** false when nothing was written: a dry run, or allOrNothing with a refused row */
  committed: boolean;
  filed: number;
  /** rows skipped because they were filed before */
  alreadyFiled: number;
  refused: number;
  /** rows without a new status: nothing to file */
  unchanged: number;
  rows: ReportRowOutcome[];
}

const REQUIRED = ["task_id", "new_status", "new_progress", "note"];
const STATUSES = new Set<string>(Object.values(TaskStatus));

/** The identity of a filed CSV row: the same row from the same author for the same place is one report. */
function importKey(
  authorId: string,
  placeId: string | null,
  taskId: string,
  status: string,
  progress: number | null,
  note: string,
  asOf: string,
): string {
  // as_of as the file gives it (blank = "today"), so the same file uploaded again on another day is still the same rows
  return createHash("sha256")
    .update(JSON.stringify([authorId, placeId, taskId, status, progress, note, asOf]))
    .digest("hex");
}

/** Validates (and unless dryRun, files) the rows of an obligations CSV for one place. */
export async function importReports(
  db: Db,
  actor: SessionUser | null,
  placeId: string | null,
  content: string,
  dryRun: boolean,
  allOrNothing = false,
): Promise<ReportImportOutcome> {
  const user = requireUser(actor);
  const text = content.replace(/^\uFEFF/, "");
  if (text.length > 1_000_000) throw new ValidationError("content: at most 1 MB of CSV");
  const records = parseCsvRecords(text).filter((r) => !(r.fields.length === 1 && r.fields[0].trim() === ""));
  if (records.length === 0)
    throw new ValidationError("content: empty file; expected the obligations CSV with a header row");
  const header = records[0].fields.map((f) => f.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length)
    throw new ValidationError(
      `content: line ${records[0].line}: the header lacks ${missing.join(", ")} (download the obligations CSV and fill it in)`,
    );
  const col = (fields: string[], name: string) => (fields[header.indexOf(name)] ?? "").trim();

  // announced once committed (announceReport), not from inside the transaction
  const filedIds: string[] = [];
  const outcome = await db.transaction().execute(async (trx) => {
    if (placeId) {
      const known = await trx.selectFrom("place").select("id").where("id", "=", placeId).executeTakeFirst();
      if (!known) throw new ValidationError(`placeId: unknown place ${JSON.stringify(placeId)}`);
    }
    const area = await areaFacts(trx, user);
    const facts = new Map<string, Awaited<ReturnType<typeof taskFacts>> | null>();
    const rows: ReportRowOutcome[] = [];
    const accepted: {
      outcome: ReportRowOutcome;
      report: {
        taskId: string;
        obligationId: string;
        asOf: string;
        status: string;
        progress: number | null;
        note: string;
        importKey: string;
      };
    }[] = [];
    for (const [i, record] of records.slice(1).entries()) {
      const row = i + 1;
      const line = record.line;
      const refuse = (taskId: string | null, problem: string, code: ReportImportProblem, facts: ProblemFacts = {}) =>
        rows.push({
          row,
          line,
          alreadyFiled: false,
          taskId,
          status: null,
          progress: null,
          problem: `line ${line}: ${problem}`,
          problemCode: code,
          problemField: facts.field ?? null,
          problemValue: facts.value ?? null,
          problemPlaceId: facts.placeId ?? null,
          problemDepartmentId: facts.departmentId ?? null,
          problemLimit: facts.limit ?? null,
        });
      if (record.error) {
        refuse(null, record.error, "CSV_SYNTAX", { field: /^field (\d+)/.exec(record.error)?.[1] ?? null });
        continue;
      }
      const taskId = col(record.fields, "task_id");
      const rawStatus = col(record.fields, "new_status").toUpperCase();
      const rawProgress = col(record.fields, "new_progress");
      const note = col(record.fields, "note");
      if (!rawStatus && !rawProgress && !note) {
        rows.push({
          row,
          line,
          alreadyFiled: false,
          taskId: taskId || null,
          status: null,
          progress: null,
          ...NO_PROBLEM,
        });
        continue;
      }
      if (!taskId) {
        refuse(null, "task_id is empty", "MISSING_TASK_ID", { field: "task_id" });
        continue;
      }
      if (!STATUSES.has(rawStatus)) {
        refuse(
          taskId,
          `new_status ${JSON.stringify(rawStatus)} is not one of ${[...STATUSES].join(", ")}`,
          "BAD_STATUS",
          { field: "new_status", value: rawStatus },
        );
        continue;
      }
      const progress = rawProgress === "" ? null : Number(rawProgress);
      if (progress !== null && !(Number.isFinite(progress) && progress >= 0 && progress <= 100)) {
        refuse(
          taskId,
          `new_progress must be a number from 0 to 100, got ${JSON.stringify(rawProgress)}`,
          "BAD_PROGRESS",
          { field: "new_progress", value: rawProgress },
        );
        continue;
      }
      if (!note) {
        refuse(taskId, "note is empty: say what was done", "MISSING_NOTE", { field: "note" });
        continue;
      }
      if (note.length > NOTE_MAX) {
        refuse(taskId, `note is longer than ${NOTE_MAX} characters`, "NOTE_TOO_LONG", {
          field: "note",
          value: String(note.length),
          limit: String(NOTE_MAX),
        });
        continue;
      }
      if (!facts.has(taskId)) facts.set(taskId, await taskFacts(trx, taskId).catch(() => null));
      const task = facts.get(taskId);
      if (!task) {
        refuse(taskId, `unknown task ${JSON.stringify(taskId)}`, "UNKNOWN_TASK", { field: "task_id", value: taskId });
        continue;
      }
      const decision = canReport(user, task, area, placeId);
      if (!decision.allowed) {
        refuse(taskId, decision.reason, decision.code ?? "CANNOT_REPORT", {
          placeId: decision.placeId,
          departmentId: decision.departmentId,
        });
        continue;
      }
      // as_of (optional column, v2): the date the row describes; blank or absent = today
      const rawAsOf = header.includes("as_of") ? col(record.fields, "as_of") : "";
      if (rawAsOf && !/^\d{4}-\d{2}-\d{2}$/.test(rawAsOf)) {
        refuse(taskId, `as_of must be a date like 2014-05-01, got ${JSON.stringify(rawAsOf)}`, "BAD_DATE", {
          field: "as_of",
          value: rawAsOf,
        });
        continue;
      }
      const target = await reportTarget(trx, taskId, placeId, rawAsOf || null).catch((e: unknown) =>
        e instanceof AppError ? e : Promise.reject(e),
      );
      if (target instanceof AppError) {
        const d = target.details ?? {};
        const text = (k: string) => (typeof d[k] === "string" ? d[k] : null);
        const code = (Object.values(ReportImportProblem) as string[]).includes(String(d.problem))
          ? (d.problem as ReportImportProblem)
          : "BAD_DATE";
        const dated = code === "BAD_DATE" || code === "DATE_IN_FUTURE" || code === "DATE_BEFORE_PLAN";
        refuse(taskId, target.message, code, {
          field: dated ? "as_of" : null,
          value: text("value"),
          placeId: code === "NOT_AN_OBLIGATION" ? placeId : null,
          limit: text("limit"),
        });
        continue;
      }
      const outcome: ReportRowOutcome = {
        row,
        line,
        alreadyFiled: false,
        taskId,
        status: rawStatus as TaskStatus,
        progress,
        ...NO_PROBLEM,
      };
      rows.push(outcome);
      accepted.push({
        outcome,
        report: {
          taskId,
          ...target,
          status: rawStatus,
          progress,
          note,
          importKey: importKey(user.id, placeId, taskId, rawStatus, progress, note, rawAsOf),
        },
      });
    }
    const refused = rows.filter((r) => r.problem !== null).length;
    const committed = !dryRun && !(allOrNothing && refused > 0);
    const filedBefore = await findImportKeys(
      trx,
      accepted.map((a) => a.report.importKey),
    );
    const seen = new Set<string>();
    for (const { outcome, report } of accepted) {
      if (filedBefore.has(report.importKey) || seen.has(report.importKey)) {
        outcome.alreadyFiled = true;
        continue;
      }
      seen.add(report.importKey);
      // null: a concurrent upload of the same row committed first (the unique index waited for it)
      if (!committed) continue;
      const id = await insertImportedReport(trx, { ...report, placeId, authorId: user.id });
      if (id === null) outcome.alreadyFiled = true;
      else filedIds.push(id);
    }
    const filed = rows.filter((r) => r.status !== null && !r.alreadyFiled).length;
    return {
      dryRun,
      committed,
      filed: allOrNothing && refused > 0 ? 0 : filed,
      alreadyFiled: rows.filter((r) => r.alreadyFiled).length,
      refused,
      unchanged: rows.filter((r) => r.status === null && r.problem === null).length,
      rows,
    };
  });
  for (const id of filedIds) announceReport(db, id, "SUBMITTED");
  return outcome;
}
