import { Arg, Ctx, Field, Float, ID, Int, Mutation, ObjectType, Resolver, registerEnumType } from "type-graphql";
import type { Context } from "../../graphql/context.ts";
import { TaskStatus } from "../../core/enums.ts";
import {
  importReports,
  ReportImportProblem,
  type ReportImportOutcome,
  type ReportRowOutcome,
} from "./report-import.ts";

registerEnumType(ReportImportProblem, {
  name: "ReportImportProblem",
  description:
    "Why a row of an obligations CSV is refused: one value per rule, so clients can say it in the reader's language.",
  valuesConfig: {
    CSV_SYNTAX: { description: "The row is not valid CSV; problemField is the field number." },
    MISSING_TASK_ID: { description: "task_id is empty." },
    BAD_STATUS: { description: "new_status (problemValue) is not a TaskStatus." },
    BAD_PROGRESS: { description: "new_progress (problemValue) is not a number from 0 to 100." },
    MISSING_NOTE: { description: "note is empty." },
    NOTE_TOO_LONG: { description: "note is longer than problemLimit characters (problemValue: its length)." },
    UNKNOWN_TASK: { description: "No task has the id problemValue." },
    PLACE_REQUIRED: { description: "An area leader's upload must name one of their places." },
    NOT_YOUR_PLACE: { description: "problemPlaceId is not one of the area leader's places." },
    NOT_AN_OBLIGATION: {
      description: "The task is not an obligation of problemPlaceId (null: it has no citywide obligation).",
    },
    NOT_LED_BY_DEPARTMENT: { description: "The task is not led by the user's department (problemDepartmentId)." },
    CANNOT_REPORT: { description: "The user's role cannot report progress." },
    BAD_DATE: { description: "as_of (problemValue) is not a calendar date like 2014-05-01." },
    DATE_IN_FUTURE: { description: "as_of (problemValue) is after today (problemLimit)." },
    DATE_BEFORE_PLAN: { description: "as_of (problemValue) is before the plan's first day (problemLimit)." },
    OTHER: { description: "A refusal without a code of its own: only problem says it." },
  },
});

@ObjectType({ description: "One data row of an uploaded obligations CSV." })
export class ReportImportRow {
  @Field(() => Int, { description: "1-based data row." })
  row!: number;
  @Field(() => Int, {
    description: "The file line the row starts on (the header is line 1; line breaks inside quoted fields count).",
  })
  line!: number;
  @Field(() => Boolean, {
    description: "The same row (author, place, task, status, progress, note) was filed before: nothing new is filed.",
  })
  alreadyFiled!: boolean;
  @Field(() => ID, { nullable: true })
  taskId!: string | null;
  @Field(() => TaskStatus, {
    nullable: true,
    description: "What is (or would be) reported; null when refused or blank.",
  })
  status!: TaskStatus | null;
  @Field(() => Float, { nullable: true })
  progress!: number | null;
  @Field(() => String, {
    nullable: true,
    description: "Why the row is refused, in English; null when accepted or blank.",
  })
  problem!: string | null;
  @Field(() => ReportImportProblem, {
    nullable: true,
    description: "Which rule refused the row, for a sentence in the reader's language; null when accepted or blank.",
  })
  problemCode!: ReportImportProblem | null;
  @Field(() => String, {
    nullable: true,
    description:
      "The CSV column the problem is in (task_id, new_status, new_progress, note, as_of); for CSV_SYNTAX the field number.",
  })
  problemField!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      "The offending value as the file gives it (a status, progress, date or task id; for NOTE_TOO_LONG the note's length).",
  })
  problemValue!: string | null;
  @Field(() => ID, { nullable: true, description: "The place the refusal names (NOT_YOUR_PLACE, NOT_AN_OBLIGATION)." })
  problemPlaceId!: string | null;
  @Field(() => ID, { nullable: true, description: "The department the refusal names (NOT_LED_BY_DEPARTMENT)." })
  problemDepartmentId!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The bound that was crossed: the longest note, today's date, the plan's first day.",
  })
  problemLimit!: string | null;
}

@ObjectType()
export class ReportImportResult {
  @Field(() => Boolean)
  dryRun!: boolean;
  @Field(() => Boolean, {
    description: "Whether anything was written: false for a dry run, and with allOrNothing when a row was refused.",
  })
  committed!: boolean;
  @Field(() => Int, {
    description: "Rows filed (or that would be) as SUBMITTED reports; rows filed before are not counted.",
  })
  filed!: number;
  @Field(() => Int, {
    description: "Rows skipped because the same row was filed before (uploading a file twice files nothing new).",
  })
  alreadyFiled!: number;
  @Field(() => Int)
  refused!: number;
  @Field(() => Int, { description: "Rows without a new status, note or progress: nothing to file." })
  unchanged!: number;
  @Field(() => [ReportImportRow])
  rows!: ReportRowOutcome[];
}

@Resolver()
export class ReportImportResolver {
  @Mutation(() => ReportImportResult, {
    description:
      "Upload a filled-in obligations CSV (from /export/obligations/<placeId>.csv: task_id, new_status, new_progress, note, and optionally as_of: the date each row describes, default today). " +
      "dryRun (default) reports row by row what would be filed and what is refused, writing nothing; otherwise every valid row is filed in one transaction " +
      "(with allOrNothing: nothing at all if any row is refused). A row filed before (same author, place, task, status, progress, note and date) is skipped, so uploading a file twice files nothing new.",
  })
  importReports(
    @Arg("content", () => String) content: string,
    @Arg("placeId", () => ID, { nullable: true, description: "The area the reports are for (the CSV's place)." })
    placeId: string | null,
    @Arg("dryRun", () => Boolean, { defaultValue: true }) dryRun: boolean,
    @Arg("allOrNothing", () => Boolean, { defaultValue: false, description: "File nothing when any row is refused." })
    allOrNothing: boolean,
    @Ctx() ctx: Context,
  ): Promise<ReportImportOutcome> {
    return importReports(ctx.db, ctx.user, placeId, content, dryRun, allOrNothing);
  }
}
