import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { Comparator, ReviewState } from "../../core/enums.ts";
import { DateTimeScalar } from "../../graphql/scalars.ts";

export interface IndicatorRow {
  id: string;
  planId: string;
  nameHans: string;
  nameHant: string;
  nameEn: string;
  unit: string;
  comparator: Comparator;
  target: number;
  stretchTarget: number | null;
  baseYear: number | null;
  targetYear: number;
  scopePlaceId: string;
  spanStart: number;
  spanEnd: number;
}

@ObjectType({ description: "A quantified target of the plan (三、主要目标)." })
export class Indicator {
  @Field(() => ID, { description: 'Stable slug: "forest-coverage".' })
  id!: string;
  @Field(() => String)
  nameEn!: string;
  @Field(() => String, { description: '"%", "CNY" ...' })
  unit!: string;
  @Field(() => Comparator)
  comparator!: Comparator;
  @Field(() => Float)
  target!: number;
  @Field(() => Float, { nullable: true, description: "力争: the level the plan strives for beyond the target." })
  stretchTarget!: number | null;
  @Field(() => Int, {
    nullable: true,
    description: "For REDUCE_BY: the year the reduction is measured against (2010).",
  })
  baseYear!: number | null;
  @Field(() => Int)
  targetYear!: number;
}

export interface IndicatorValueRow {
  id: string;
  indicatorId: string;
  placeId: string;
  year: number;
  value: number;
  source: string;
  recordedBy: string | null;
  recordedAt: Date;
  review: ReviewState;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  reviewNote: string | null;
}

@ObjectType({ description: "A recorded figure of an indicator for a place and year, with its source." })
export class IndicatorValue {
  @Field(() => ID, { description: "The recording (a correction is a newer recording)." })
  id!: string;
  @Field(() => ReviewState, {
    description:
      "Figures recorded by area leaders and department users are SUBMITTED until a planner approves or returns them; a planner's own are APPROVED. Only APPROVED figures count.",
  })
  review!: ReviewState;
  @Field(() => DateTimeScalar, { nullable: true })
  reviewedAt!: Date | null;
  @Field(() => String, { nullable: true })
  reviewNote!: string | null;
  @Field(() => Int)
  year!: number;
  @Field(() => Float)
  value!: number;
  @Field(() => String, { description: "Where the figure comes from (yearbook, bulletin, report)." })
  source!: string;
  @Field(() => DateTimeScalar)
  recordedAt!: Date;
}

@InputType()
export class IndicatorValueInput {
  @Field(() => ID)
  indicatorId!: string;
  @Field(() => ID)
  placeId!: string;
  @Field(() => Int)
  year!: number;
  @Field(() => Float)
  value!: number;
  @Field(() => String)
  source!: string;
}
