import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { PageInfo } from "../../graphql/common.type.ts";
import { TaskKind, TaskStatus } from "../../core/enums.ts";
import { DateTimeScalar } from "../../graphql/scalars.ts";
import { Obligation, type ObligationRow } from "../place/place.type.ts";
import type { AssessmentRow } from "./obligation.repository.ts";

@ObjectType({ description: "v2" })
export class YearTarget {
  @Field(() => Int)
  year!: number;
  @Field(() => Float, { description: "0-100 expected by 31 December of that year" })
  progress!: number;
}

@InputType({ description: "v2" })
export class YearTargetInput {
  @Field(() => Int, { description: "within the plan's period" })
  year!: number;
  @Field(() => Float, { description: "0-100, not lower than an earlier year's" })
  progress!: number;
}

@InputType({ description: "v2" })
export class ObligationFilter {
  @Field(() => [ID], { nullable: true })
  placeIds?: string[] | null;
  @Field(() => Boolean, {
    nullable: true,
    defaultValue: true,
    description: "a county's obligations include those of zones inside it",
  })
  includeContained?: boolean | null;
  @Field(() => [ID], { nullable: true })
  taskIds?: string[] | null;
  @Field(() => [TaskKind], { nullable: true })
  kinds?: TaskKind[] | null;
  @Field(() => [TaskStatus], { nullable: true })
  statuses?: TaskStatus[] | null;
  @Field(() => DateTimeScalar, { nullable: true })
  asOf?: Date | null;
  @Field(() => Int, { nullable: true })
  dueYear?: number | null;
  @Field(() => Boolean, {
    nullable: true,
    description: "Only obligations whose target for its year is not met as of asOf.",
  })
  behindTarget?: boolean | null;
}

@ObjectType({ description: "v2" })
export class ObligationConnection {
  @Field(() => [Obligation])
  nodes!: ObligationRow[];
  @Field(() => PageInfo)
  pageInfo!: PageInfo;
  @Field(() => Int)
  totalCount!: number;
}

@ObjectType({
  description:
    "v2. One area's record for one plan year. An obligation is due in a year when it has a target for that year (or falls due that year); it is met when its approved progress as of 31 December of that year reaches the target.",
})
export class AreaAssessment {
  @Field(() => Int)
  year!: number;
  @Field(() => Int, { description: "all obligations of the place (contained zones' included)" })
  obligations!: number;
  @Field(() => Int)
  due!: number;
  @Field(() => Int)
  met!: number;
  @Field(() => Int, {
    description:
      "reached after 31 December of the year (as known now): due, not met by the year's end, met by the approved reports known now",
  })
  metLate!: number;
  @Field(() => Int, { description: "due, not met, with status DELAYED or AT_RISK at the year's end" })
  delayed!: number;
  @Field(() => Int, { description: "due, with no approved report dated by the year's end" })
  notReported!: number;
  @Field(() => Float, { nullable: true, description: "met / due; null when nothing is due." })
  score!: number | null;
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "Null until a planner finalizes it; then the figures above are those frozen at that moment.",
  })
  finalizedAt!: Date | null;
  @Field(() => String, { nullable: true })
  note!: string | null;
}

export type AreaAssessmentRow = AssessmentRow & { year: number; score: number | null };
