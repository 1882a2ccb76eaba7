import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { PageInfo } from "../../graphql/common.type.ts";
import { GeoPrecision, ImportAction, ProjectCategory, TaskStatus } from "../../core/enums.ts";
import { GeoJsonScalar } from "../../graphql/scalars.ts";
import type { GeoJsonGeometry } from "../../core/geojson.ts";
import { SpatialFilter } from "../task/task.type.ts";

export interface ProjectRow {
  id: string;
  planId: string | null;
  nameHans: string;
  nameHant: string;
  nameEn: string | null;
  category: ProjectCategory | null;
  precision: GeoPrecision;
  positionSource: string;
  startYear: number | null;
  endYear: number | null;
  investmentCny: number | null;
  spanStart: number | null;
  spanEnd: number | null;
  reference: string | null;
  ordinal: number;
}

@ObjectType({
  description:
    "A concrete, located undertaking that serves a task: a park, a plant, a district, a rail line, one of the 50 city-level major projects.",
})
export class Project {
  @Field(() => ID)
  id!: string;
  @Field(() => String, { nullable: true })
  nameEn!: string | null;
  @Field(() => ProjectCategory, { nullable: true })
  category!: ProjectCategory | null;
  @Field(() => GeoPrecision)
  precision!: GeoPrecision;
  @Field(() => String, {
    description:
      "How the position was obtained: given coordinates, geocoded from a place name (which), or drawn by hand.",
  })
  positionSource!: string;
  @Field(() => Int, { nullable: true })
  startYear!: number | null;
  @Field(() => Int, { nullable: true })
  endYear!: number | null;
  @Field(() => Float, { nullable: true, description: "Planned investment, yuan." })
  investmentCny!: number | null;
  @Field(() => String, { nullable: true, description: "Where it comes from otherwise (a project list, a bulletin)." })
  reference!: string | null;
}

@InputType()
export class ProjectFilter {
  @Field(() => [ID], { nullable: true })
  taskIds?: string[];
  @Field(() => [ProjectCategory], { nullable: true })
  categories?: ProjectCategory[];
  @Field(() => [TaskStatus], { nullable: true })
  statuses?: TaskStatus[];
  @Field(() => Int, { nullable: true, description: "Active in that year." })
  year?: number;
  @Field(() => String, { nullable: true })
  text?: string;
  @Field(() => SpatialFilter, { nullable: true })
  spatial?: SpatialFilter;
}

@ObjectType()
export class ProjectConnection {
  @Field(() => [Project])
  nodes!: ProjectRow[];
  @Field(() => PageInfo)
  pageInfo!: PageInfo;
  @Field(() => Int)
  totalCount!: number;
}

@InputType()
export class ProjectInput {
  @Field(() => ID, { nullable: true, description: "Absent: create." })
  id?: string;
  @Field(() => String)
  name!: string;
  @Field(() => String, { nullable: true })
  nameEn?: string;
  @Field(() => [ID])
  taskIds!: string[];
  @Field(() => ProjectCategory, { nullable: true })
  category?: ProjectCategory;
  @Field(() => GeoJsonScalar, { nullable: true, description: "Either this ..." })
  geometry?: GeoJsonGeometry;
  @Field(() => String, {
    nullable: true,
    description: "... or a name to geocode against the gazetteer (e.g. 清徐开发区).",
  })
  placeName?: string;
  @Field(() => Int, { nullable: true })
  startYear?: number;
  @Field(() => Int, { nullable: true })
  endYear?: number;
  @Field(() => Float, { nullable: true })
  investmentCny?: number;
  @Field(() => String, { nullable: true })
  reference?: string;
}

@ObjectType()
export class ImportProblem {
  @Field(() => Int, { description: "1-based data row or feature index." })
  row!: number;
  @Field(() => String, { description: "What is wrong and what was expected." })
  message!: string;
  @Field(() => String, {
    nullable: true,
    description:
      "The column (CSV) or property (GeoJSON) the problem is about, e.g. task_ids, place, lng; null: the row as a whole.",
  })
  field?: string | null;
}

@ObjectType({
  description:
    "One row (CSV) or feature (GeoJSON) of an import: what it becomes, where, and how precisely; or why it is refused.",
})
export class ImportRow {
  @Field(() => Int, { description: "1-based data row or feature index." })
  row!: number;
  @Field(() => Int, { nullable: true, description: "CSV: the file line the row starts on (the header is line 1)." })
  line!: number | null;
  @Field(() => ID, { nullable: true, description: "The project id (given, or generated from the row's content)." })
  id!: string | null;
  @Field(() => String, { nullable: true, description: "The name, in traditional script as stored." })
  name!: string | null;
  @Field(() => ImportAction)
  action!: ImportAction;
  @Field(() => GeoPrecision, { nullable: true })
  precision!: GeoPrecision | null;
  @Field(() => String, { nullable: true })
  positionSource!: string | null;
  /** the gazetteer place a geocoded row is placed at */
  placeId!: string | null;
  @Field(() => Float, { nullable: true, description: "Given point coordinates, when the position is a point." })
  lng!: number | null;
  @Field(() => Float, { nullable: true })
  lat!: number | null;
  @Field(() => [ImportProblem])
  problems!: ImportProblem[];
}

@ObjectType({ description: "Where a project would be placed, before it is saved." })
export class GeocodeResult {
  /** the matched gazetteer place */
  placeId!: string;
  @Field(() => String, { description: "The alias of the gazetteer that matched, as spelled there." })
  alias!: string;
  @Field(() => GeoPrecision, { description: "The precision a project placed here would have." })
  precision!: GeoPrecision;
  @Field(() => String, { description: "The positionSource a project placed here would have." })
  positionSource!: string;
  @Field(() => Boolean, {
    description:
      "Known only to lie somewhere in the city (ADM2): such a project is listed (city-wide), not drawn at a point.",
  })
  citywide!: boolean;
}

@ObjectType()
export class ImportResult {
  @Field(() => Boolean)
  dryRun!: boolean;
  @Field(() => Int)
  created!: number;
  @Field(() => Int)
  updated!: number;
  @Field(() => [ImportProblem])
  refused!: ImportProblem[];
  @Field(() => [ImportRow], { description: "Every row in file order, accepted or refused." })
  rows!: ImportRow[];
}
