import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { PageInfo } from "../../graphql/common.type.ts";
import { PlaceRole, ReviewState, TaskStatus } from "../../core/enums.ts";
import { DateScalar, DateTimeScalar } from "../../graphql/scalars.ts";

export interface ReportRow {
  id: string;
  taskId: string;
  placeId: string | null;
  projectId: string | null;
  status: TaskStatus;
  progress: number | null;
  note: string;
  authorId: string;
  createdAt: Date;
  /** the date the report describes, "YYYY-MM-DD" */
  asOf: string;
  /** the place of the obligation it is about (the city's for a whole-task report) */
  obligationPlaceId: string;
  review: ReviewState;
  reviewerId: string | null;
  reviewedAt: Date | null;
  reviewNote: string | null;
}

/** A field of ReportRow: a write's statement returns only those its answer reads (the SQL lane). */
export type ReportField = keyof ReportRow;

@ObjectType({
  description:
    "A progress report on a task (or one of its places or projects). Append-only; only APPROVED reports count.",
})
export class ProgressReport {
  @Field(() => ID)
  id!: string;
  @Field(() => TaskStatus)
  status!: TaskStatus;
  @Field(() => Float, { nullable: true, description: "0-100" })
  progress!: number | null;
  @Field(() => String)
  note!: string;
  @Field(() => DateTimeScalar)
  createdAt!: Date;
  @Field(() => DateScalar, { description: "v2: the date the report describes." })
  asOf!: string;
  @Field(() => ReviewState)
  review!: ReviewState;
  @Field(() => DateTimeScalar, { nullable: true })
  reviewedAt!: Date | null;
  @Field(() => String, { nullable: true })
  reviewNote!: string | null;
}

@ObjectType()
export class ProgressReportConnection {
  @Field(() => [ProgressReport])
  nodes!: ReportRow[];
  @Field(() => PageInfo)
  pageInfo!: PageInfo;
  @Field(() => Int)
  totalCount!: number;
}

@InputType()
export class ReportProgressInput {
  @Field(() => ID)
  taskId!: string;
  @Field(() => ID, {
    nullable: true,
    description: "v2: required for area leaders; omitted = the task's citywide obligation (lead departments, planners)",
  })
  placeId?: string;
  @Field(() => ID, { nullable: true, description: "Reporting on one project of the task." })
  projectId?: string;
  @Field(() => TaskStatus)
  status!: TaskStatus;
  @Field(() => Float, { nullable: true, description: "0-100" })
  progress?: number;
  @Field(() => String)
  note!: string;
  @Field(() => DateScalar, {
    nullable: true,
    description:
      "v2: the date the report describes (default: today). Not in the future, not before the plan's start; filing date is kept apart (createdAt).",
  })
  asOf?: string | null;
}

@InputType()
export class LinkTaskToPlaceInput {
  @Field(() => ID)
  taskId!: string;
  @Field(() => ID)
  placeId!: string;
  @Field(() => PlaceRole)
  role!: PlaceRole;
  @Field(() => String, { nullable: true })
  note?: string;
}
