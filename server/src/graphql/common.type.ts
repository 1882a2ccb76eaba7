/** Types shared by several modules: spans, paging. */
import { Field, Int, ObjectType } from "type-graphql";

/** A range of Plan.sourceText (UTF-16 code units, end exclusive) and the plan it belongs to. */
@ObjectType({ description: "A range of the plan's normalised source text: the words a fact came from." })
export class SourceSpan {
  @Field(() => Int, { description: "Offset in Plan.sourceText, in UTF-16 code units." })
  start!: number;
  @Field(() => Int)
  end!: number;
  planId!: string;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;
  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** Makes a SourceSpan, or null when either end is missing. */
export function span(planId: string, start: number | null, end: number | null): SourceSpan | null {
  if (start === null || end === null) return null;
  return Object.assign(new SourceSpan(), { planId, start, end });
}
