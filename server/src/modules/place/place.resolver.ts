import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, Float, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../graphql/context.ts";
import { Script, TaskKind, inScript } from "../../core/enums.ts";
import { DateTimeScalar, GeoJsonScalar } from "../../graphql/scalars.ts";
import type { GeoJsonGeometry } from "../../core/geojson.ts";
import { selects } from "../../graphql/lookahead.ts";
import { NotFoundError, ValidationError } from "../../core/errors.ts";
import { IndicatorValue, type IndicatorValueRow } from "../indicator/indicator.type.ts";
import { Task, TaskFilter, TaskPlace, type TaskNode, type TaskPlaceRow } from "../task/task.type.ts";
import { requestNow } from "../task/task.resolver.ts";
import { listPlaces, obligationsOf, placeByCode, placesAt, summarise } from "./place.service.ts";
import { Obligation, Place, PlaceFilter, StatusSummary, type ObligationRow, type PlaceRow } from "./place.type.ts";

@Resolver(() => Place)
export class PlaceResolver {
  @Query(() => Place, { nullable: true, description: 'A place by slug ("gujiao") or by GB/T 2260 code ("140181").' })
  async place(
    @Arg("id", () => ID, { nullable: true }) id: string | null,
    @Arg("code", () => String, { nullable: true }) code: string | null,
    @Ctx() ctx: Context,
  ): Promise<PlaceRow | null> {
    if (!id && !code) throw new ValidationError("place: give an id or a code");
    if (id) return ctx.loaders.place.load(id);
    return placeByCode(ctx.db, code!);
  }

  @Query(() => [Place])
  places(
    @Arg("filter", () => PlaceFilter, { nullable: true }) filter: PlaceFilter | null,
    @Ctx() ctx: Context,
  ): Promise<PlaceRow[]> {
    return listPlaces(ctx.db, ctx.budget, filter);
  }

  @Query(() => [Place], { description: "Every place whose geometry contains the point, smallest area first." })
  placesAt(
    @Arg("lng", () => Float) lng: number,
    @Arg("lat", () => Float) lat: number,
    @Ctx() ctx: Context,
  ): Promise<PlaceRow[]> {
    return placesAt(ctx.db, lng, lat);
  }

  @FieldResolver(() => String)
  name(@Root() p: PlaceRow, @Arg("script", () => Script, { defaultValue: Script.HANS }) script: Script): string {
    return inScript({ hans: p.nameHans, hant: p.nameHant }, script);
  }

  @FieldResolver(() => Place, { nullable: true, description: "Administrative parent." })
  parent(@Root() p: PlaceRow, @Ctx() ctx: Context): Promise<PlaceRow | null> | null {
    return p.parentId ? ctx.loaders.place.load(p.parentId) : null;
  }

  @FieldResolver(() => [Place])
  children(@Root() p: PlaceRow, @Ctx() ctx: Context): Promise<PlaceRow[]> {
    return ctx.loaders.children.load(p.id);
  }

  @FieldResolver(() => [Place], {
    description: "Places whose geometry contains this one (computed spatially), largest first.",
  })
  containedIn(@Root() p: PlaceRow, @Ctx() ctx: Context): Promise<PlaceRow[]> {
    return ctx.loaders.containers.load(p.id);
  }

  @FieldResolver(() => GeoJsonScalar, {
    description: "GeoJSON geometry; tolerance (degrees) simplifies it for display.",
  })
  async geometry(
    @Root() p: PlaceRow,
    @Arg("tolerance", () => Float, { nullable: true }) tolerance: number | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<GeoJsonGeometry> {
    // an omitted argument arrives as undefined, an explicit null as null: both mean "unsimplified"
    if (tolerance != null && (!Number.isFinite(tolerance) || tolerance < 0 || tolerance > 1)) {
      throw new ValidationError(`tolerance must be between 0 and 1 degree, got ${tolerance}`);
    }
    const g = await ctx.loaders.geometry.load({ id: p.id, tolerance: tolerance ?? null });
    if (!g) throw new NotFoundError(`place ${p.id} has no geometry`);
    return g;
  }

  @FieldResolver(() => [TaskPlace])
  tasks(
    @Root() p: PlaceRow,
    @Arg("filter", () => TaskFilter, { nullable: true }) filter: TaskFilter | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TaskPlaceRow[]> {
    // tasks and their places in the same statement as the links when the client goes that deep
    return ctx.loaders.linksByPlace.load({
      placeId: p.id,
      filter,
      withTask: selects(info, "task"),
      withTaskLinks: selects(info, "task", "places"),
    });
  }

  @FieldResolver(() => [Obligation], {
    description: "What this place must do under the plan, each task once, with why.",
  })
  obligations(
    @Root() p: PlaceRow,
    @Ctx() ctx: Context,
    @Arg("includeContained", () => Boolean, { defaultValue: true }) includeContained: boolean,
    @Arg("includeCitywide", () => Boolean, { defaultValue: false }) includeCitywide: boolean,
    @Arg("kinds", () => [TaskKind], { nullable: true }) kinds: TaskKind[] | null,
  ): Promise<ObligationRow[]> {
    return obligationsOf(ctx.loaders, p.id, { includeContained, includeCitywide, kinds });
  }

  @FieldResolver(() => StatusSummary, { description: "Share of its obligations by status, for choropleths." })
  statusSummary(
    @Root() p: PlaceRow,
    @Ctx() ctx: Context,
    @Arg("asOf", () => DateTimeScalar, { nullable: true }) asOf: Date | null,
    @Arg("includeCitywide", () => Boolean, { defaultValue: false }) includeCitywide: boolean,
    @Arg("filter", () => TaskFilter, {
      nullable: true,
      description: "Count only the obligations whose task this filter selects.",
    })
    filter: TaskFilter | null,
  ): Promise<StatusSummary> {
    return summarise(ctx.db, ctx.loaders, p.id, asOf ?? requestNow(ctx), includeCitywide, filter);
  }

  @FieldResolver(() => [IndicatorValue])
  indicatorValues(
    @Root() p: PlaceRow,
    @Ctx() ctx: Context,
    @Arg("indicatorId", () => ID, { nullable: true }) indicatorId: string | null,
    @Arg("year", () => Int, { nullable: true }) year: number | null,
  ): Promise<IndicatorValueRow[]> {
    return ctx.loaders.values.load({
      indicatorId: indicatorId ?? null,
      placeId: p.id,
      fromYear: year ?? null,
      toYear: year ?? null,
    });
  }
}

@Resolver(() => Obligation)
export class ObligationResolver {
  @FieldResolver(() => Place)
  async place(@Root() o: ObligationRow, @Ctx() ctx: Context): Promise<PlaceRow> {
    const p = await ctx.loaders.place.load(o.placeId);
    if (!p) throw new NotFoundError(`place ${o.placeId} not found`);
    return p;
  }

  @FieldResolver(() => Task)
  task(@Root() o: ObligationRow): TaskNode {
    return o.task;
  }
}
