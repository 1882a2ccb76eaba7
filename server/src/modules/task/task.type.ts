import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { PageInfo } from "../../graphql/common.type.ts";
import { PlaceRole, TaskKind, TaskOrder, TaskStatus } from "../../core/enums.ts";
import { GeoJsonScalar, DateTimeScalar } from "../../graphql/scalars.ts";
import type { GeoJsonGeometry } from "../../core/geojson.ts";

export interface TaskRow {
  id: string;
  planId: string;
  kind: TaskKind;
  number: number;
  ref: string;
  sectionId: string;
  ordinal: number;
  titleHans: string;
  titleHant: string;
  titleEn: string;
  textHans: string;
  textHant: string;
  spanStart: number;
  spanEnd: number;
  dueYear: number;
}

/** A task as the API hands it on: the row plus what the query that found it knew. */
export interface TaskNode extends TaskRow {
  /** the filter's asOf, the default for status/progress */
  asOf?: Date;
  /** the filter's near point, for TaskPlace.distanceMeters */
  near?: NearPoint;
}

export interface NearPoint {
  lng: number;
  lat: number;
}

@ObjectType({
  description:
    "One item of the plan: a reform, a matter, the project programme, a research topic, a pilot duty or a safeguard.",
})
export class Task {
  @Field(() => ID, {
    description: 'Stable slug: "reform-14", "matter-22", "research-3", "pilot-counties", "safeguard-5", "projects".',
  })
  id!: string;
  @Field(() => TaskKind)
  kind!: TaskKind;
  @Field(() => Int, { description: 'As numbered in its kind: (十四) -> 14, "22." -> 22.' })
  number!: number;
  @Field(() => String, { description: 'As printed: "(十四)" / "22."' })
  ref!: string;
  @Field(() => String)
  titleEn!: string;
  @Field(() => Int, { description: "The plan's period end unless the text says otherwise." })
  dueYear!: number;
}

export interface TaskPlaceRow {
  taskId: string;
  placeId: string;
  role: PlaceRole;
  evidenceStart: number | null;
  evidenceEnd: number | null;
  curated: boolean;
  /** the note the link was made or confirmed with (curated links); absent where a query did not read it */
  note?: string | null;
  planId: string;
  distanceMeters?: number | null;
}

@ObjectType({ description: "A link between a task and a place, with the words that justify it." })
export class TaskPlace {
  @Field(() => PlaceRole)
  role!: PlaceRole;
  @Field(() => Boolean, {
    description: "Made or confirmed by hand (survives re-import) rather than by the automatic linker.",
  })
  curated!: boolean;
  @Field(() => String, {
    nullable: true,
    description: "The planner's note when the link was made or confirmed by hand (the history is kept apart).",
  })
  note?: string | null;
  @Field(() => Float, {
    nullable: true,
    description: "Metres from spatial.near's point to the place's geometry, when the query gave one.",
  })
  distanceMeters?: number | null;
}

@ObjectType({ description: "A page of the linker's uncertain matches (Query.linkCandidates)." })
export class LinkCandidateConnection {
  @Field(() => [TaskPlace])
  nodes!: TaskPlaceRow[];
  @Field(() => PageInfo)
  pageInfo!: PageInfo;
  @Field(() => Int)
  totalCount!: number;
}

@ObjectType()
export class TaskEdge {
  @Field(() => String)
  cursor!: string;
  @Field(() => Task)
  node!: TaskNode;
}

@ObjectType()
export class TaskConnection {
  @Field(() => [TaskEdge])
  edges!: TaskEdge[];
  @Field(() => [Task])
  nodes!: TaskNode[];
  @Field(() => PageInfo)
  pageInfo!: PageInfo;
  @Field(() => Int)
  totalCount!: number;
}

@InputType()
export class NearInput {
  @Field(() => Float)
  lng!: number;
  @Field(() => Float)
  lat!: number;
  @Field(() => Float, { description: "Greater than 0 and at most 200 000." })
  radiusMeters!: number;
}

@InputType({
  description:
    "A task matches when at least one of its linked places satisfies every spatial condition given. " +
    "within, bbox and near test the geometry of the places a task names (SUBJECT, PILOT, LEAD, MENTION links); " +
    "the whole-city link of citywide tasks and the every-county APPLIES links are not geometric evidence and never match them.",
})
export class SpatialFilter {
  @Field(() => [ID], { nullable: true, description: "Linked to one of these places ..." })
  placeIds?: string[];
  @Field(() => Boolean, { nullable: true, defaultValue: true, description: "... or to a place inside one of them." })
  includeContained?: boolean;
  @Field(() => GeoJsonScalar, {
    nullable: true,
    description: "A Polygon/MultiPolygon: linked place geometry intersects it.",
  })
  within?: GeoJsonGeometry;
  @Field(() => [Float], {
    nullable: true,
    description: "[west, south, east, north]; the same answer as within with that rectangle.",
  })
  bbox?: number[];
  @Field(() => NearInput, { nullable: true })
  near?: NearInput;
  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: "Drop tasks whose only link is the whole city.",
  })
  excludeCitywide?: boolean;
}

@InputType()
export class TaskFilter {
  @Field(() => ID, { nullable: true })
  planId?: string;
  @Field(() => [TaskKind], { nullable: true })
  kinds?: TaskKind[];
  @Field(() => [ID], { nullable: true })
  sectionIds?: string[];
  @Field(() => [ID], { nullable: true })
  leadDepartmentIds?: string[];
  @Field(() => [TaskStatus], { nullable: true })
  statuses?: TaskStatus[];
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "Statuses are judged as of this instant (default: now): the map's time slider.",
  })
  asOf?: Date;
  @Field(() => String, {
    nullable: true,
    description: "Words in the title or body, in either script (or English titles).",
  })
  text?: string;
  @Field(() => SpatialFilter, { nullable: true })
  spatial?: SpatialFilter;
  @Field(() => TaskOrder, {
    nullable: true,
    defaultValue: TaskOrder.PLAN_ORDER,
    description: "DISTANCE needs spatial.near; default PLAN_ORDER (the order of the plan text).",
  })
  orderBy?: TaskOrder;
}
