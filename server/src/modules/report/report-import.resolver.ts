import { Arg, Ctx, Field, Float, ID, Int, Mutation, ObjectType, Resolver } from "type-graphql";
import type { Context } from "../../graphql/context.ts";
import { TaskStatus } from "../../core/enums.ts";
import { importReports, type ReportImportOutcome, type ReportRowOutcome } from "./report-import.ts";

@ObjectType({ description: "One data row of an uploaded obligations CSV." })
export class ReportImportRow {
  @Field(() => Int, { description: "1-based data row." })
  row!: number;
  @Field(() => Int, { description: "The file line the row starts on (the header is line 1; line breaks inside quoted fields count)." })
  line!: number;
  @Field(() => Boolean, { description: "The same row (author, place, task, status, progress, note) was filed before: nothing new is filed." })
  alreadyFiled!: boolean;
  @Field(() => ID, { nullable: true })
  taskId!: string | null;
  @Field(() => TaskStatus, { nullable: true, description: "What is (or would be) reported; null when refused or blank." })
  status!: TaskStatus | null;
  @Field(() => Float, { nullable: true })
  progress!: number | null;
  @Field(() => String, { nullable: true, description: "Why the row is refused; null when accepted or blank." })
  problem!: string | null;
}

@ObjectType()
export class ReportImportResult {
  @Field(() => Boolean)
  dryRun!: boolean;
  @Field(() => Boolean, { description: "Whether anything was written: false for a dry run, and with allOrNothing when a row was refused." })
  committed!: boolean;
  @Field(() => Int, { description: "Rows filed (or that would be) as SUBMITTED reports; rows filed before are not counted." })
  filed!: number;
  @Field(() => Int, { description: "Rows skipped because the same row was filed before (uploading a file twice files nothing new)." })
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
    @Arg("placeId", () => ID, { nullable: true, description: "The area the reports are for (the CSV's place)." }) placeId: string | null,
    @Arg("dryRun", () => Boolean, { defaultValue: true }) dryRun: boolean,
    @Arg("allOrNothing", () => Boolean, { defaultValue: false, description: "File nothing when any row is refused." }) allOrNothing: boolean,
    @Ctx() ctx: Context,
  ): Promise<ReportImportOutcome> {
    return importReports(ctx.db, ctx.user, placeId, content, dryRun, allOrNothing);
  }
}
