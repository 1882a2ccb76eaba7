import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { GeoPrecision, ObligationReason, PlaceKind } from "../../core/enums.ts";
import { GeoJsonScalar } from "../../graphql/scalars.ts";
import type { GeoJsonGeometry } from "../../core/geojson.ts";
import { NearInput, TaskPlace, type TaskNode, type TaskPlaceRow } from "../task/task.type.ts";

export interface PlaceRow {
  id: string;
  code: string | null;
  nameHans: string;
  nameHant: string;
  nameEn: string;
  aliases: string[];
  kind: PlaceKind;
  parentId: string | null;
  precision: GeoPrecision;
  source: string;
  areaKm2: number | null;
  ordinal: number;
  centroid: GeoJsonGeometry;
  bbox: number[];
}

@ObjectType({
  description: "A place of Taiyuan the plan names: the city, its ten county-level units, zones, sites, areas.",
})
export class Place {
  @Field(() => ID, { description: 'Stable slug: "gujiao", "fendong-new-district", "wusu-bonded-zone".' })
  id!: string;
  @Field(() => String, { nullable: true, description: "GB/T 2260 code where one exists." })
  code!: string | null;
  @Field(() => String)
  nameEn!: string;
  @Field(() => [String], { description: "The forms the plan uses, in both scripts: 古交, 古交市 ..." })
  aliases!: string[];
  @Field(() => PlaceKind)
  kind!: PlaceKind;
  @Field(() => GeoJsonScalar, { description: "A point guaranteed to lie inside the geometry." })
  centroid!: GeoJsonGeometry;
  @Field(() => [Float], { description: "[west, south, east, north]" })
  bbox!: number[];
  @Field(() => Float, { nullable: true, description: "Area on the ellipsoid in km²; null for points." })
  areaKm2!: number | null;
  @Field(() => GeoPrecision)
  precision!: GeoPrecision;
  @Field(() => String, { description: "Provenance and licence of the geometry, and how sure the position is." })
  source!: string;
}

@InputType()
export class PlaceFilter {
  @Field(() => [PlaceKind], { nullable: true })
  kinds?: PlaceKind[];
  @Field(() => GeoJsonScalar, {
    nullable: true,
    description: "A Polygon/MultiPolygon the place's geometry intersects.",
  })
  within?: GeoJsonGeometry;
  @Field(() => [Float], { nullable: true, description: "[west, south, east, north]" })
  bbox?: number[];
  @Field(() => NearInput, { nullable: true })
  near?: NearInput;
  @Field(() => String, { nullable: true, description: "Part of a name or alias, either script, or English." })
  text?: string;
}

export interface ObligationRow {
  /** the place asked about (Obligation.place) */
  placeId: string;
  /** the place of the obligation row behind it (Obligation.id, status, reports): placeId, or the city for an entry that is only CITYWIDE */
  ownerId: string;
  task: TaskNode;
  reasons: ObligationReason[];
  via: TaskPlaceRow[];
  /** Query.obligations' filter.asOf: the default instant of status and progress */
  asOf?: Date;
}

@ObjectType({ description: "A task this place must carry out, each task once, with every reason." })
export class Obligation {
  @Field(() => ID, { description: 'v2: "<taskId>@<placeId>", e.g. "reform-14@gujiao"' })
  id!: string;
  @Field(() => [ObligationReason])
  reasons!: ObligationReason[];
  @Field(() => [TaskPlace], { description: "The links that make it one (empty for LEAD and APPLIES_TO_ALL)." })
  via!: TaskPlaceRow[];
}

@ObjectType({ description: "How a place's obligations stand, for choropleths." })
export class StatusSummary {
  @Field(() => Int)
  total!: number;
  @Field(() => Int)
  notStarted!: number;
  @Field(() => Int)
  inProgress!: number;
  @Field(() => Int)
  atRisk!: number;
  @Field(() => Int)
  delayed!: number;
  @Field(() => Int)
  completed!: number;
  @Field(() => Float, {
    nullable: true,
    description:
      "v2: counts this place's obligations, each by its own status (not the task's roll-up). Mean over the obligations that have an approved report; those with none are not counted as 0.",
  })
  meanProgress!: number | null;
  @Field(() => Int, {
    description: "How many obligations have at least one approved report (the coverage behind meanProgress).",
  })
  reported!: number;
  @Field(() => Int, { description: "Tasks past their due year (31 December) as of the instant and not COMPLETED." })
  overdue!: number;
}
