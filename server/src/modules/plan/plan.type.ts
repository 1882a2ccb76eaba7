import { Field, ID, Int, ObjectType } from "type-graphql";
import { SourceSpan } from "../../graphql/common.type.ts";

export interface PlanRow {
  id: string;
  docNumber: string;
  titleHans: string;
  titleHant: string;
  titleEn: string;
  issuerHans: string;
  issuerHant: string;
  issuedOn: string;
  periodStart: number;
  periodEnd: number;
}

@ObjectType({
  description: "A plan document turned into data. The seeded one is Taiyuan's 2013-2015 implementation plan.",
})
export class Plan implements PlanRow {
  @Field(() => ID, { description: 'Stable slug, e.g. "taiyuan-2013-30".' })
  id!: string;
  @Field(() => String, { description: "The document number as printed, e.g. 并政发〔2013〕30号." })
  docNumber!: string;
  titleHans!: string;
  titleHant!: string;
  @Field(() => String)
  titleEn!: string;
  issuerHans!: string;
  issuerHant!: string;
  @Field(() => String, { description: "Date of issue, YYYY-MM-DD." })
  issuedOn!: string;
  @Field(() => Int)
  periodStart!: number;
  @Field(() => Int)
  periodEnd!: number;
}

export interface SectionRow {
  planId: string;
  id: string;
  ref: string;
  headingHans: string;
  headingHant: string;
  headingEn: string;
  parentId: string | null;
  ordinal: number;
  textHans: string | null;
  textHant: string | null;
  spanStart: number;
  spanEnd: number;
}

@ObjectType({ description: "A heading of the plan's own hierarchy (一、 → (一) → 1.)." })
export class Section implements SectionRow {
  planId!: string;
  @Field(() => ID, { description: 'Position in the hierarchy: "5.2" = 五、(二).' })
  id!: string;
  @Field(() => String, { description: 'As printed: "五、" or "(二)".' })
  ref!: string;
  headingHans!: string;
  headingHant!: string;
  @Field(() => String)
  headingEn!: string;
  parentId!: string | null;
  ordinal!: number;
  textHans!: string | null;
  textHant!: string | null;
  spanStart!: number;
  spanEnd!: number;
}

export interface TextRepairRow {
  planId: string;
  ordinal: number;
  spanStart: number;
  spanEnd: number;
  original: string;
  repaired: string;
  method: string;
}

@ObjectType({ description: "A passage of the source that could not be read cleanly, and how it was resolved." })
export class TextRepair {
  @Field(() => SourceSpan)
  span!: SourceSpan;
  @Field(() => String, { description: "What the source file held (damaged bytes, stray annotations)." })
  original!: string;
  @Field(() => String)
  repaired!: string;
  @Field(() => String, { description: '"pinyin-annotation", "mojibake-mechanical", "mojibake-curated", ...' })
  method!: string;
}
