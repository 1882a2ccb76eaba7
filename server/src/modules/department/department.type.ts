import { Field, ID, ObjectType } from "type-graphql";

export interface DepartmentRow {
  id: string;
  nameHans: string;
  nameHant: string;
  nameEn: string;
  jurisdictionPlaceId: string | null;
}

@ObjectType({
  description:
    "A lead unit named by the plan (牵头部门/牵头单位): a city bureau, a district government, a zone committee.",
})
export class Department {
  @Field(() => ID, { description: 'Stable slug: "city-land-resources-bureau".' })
  id!: string;
  @Field(() => String)
  nameEn!: string;
}
