import { Arg, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../graphql/context.ts";
import { SourceSpan, span } from "../../graphql/common.type.ts";
import { ImportFormat, Script, TaskStatus, inScript } from "../../core/enums.ts";
import { DateTimeScalar, GeoJsonScalar } from "../../graphql/scalars.ts";
import type { GeoJsonGeometry } from "../../core/geojson.ts";
import { Place, type PlaceRow } from "../place/place.type.ts";
import { requestNow } from "../task/task.resolver.ts";
import { Task, type TaskNode } from "../task/task.type.ts";
import { projectLoaders } from "./project.loader.ts";
import { geocodeAddress, importProjects, listProjects, listProjectsInPlace, upsertProject } from "./project.service.ts";
import {
  GeocodeResult,
  ImportResult,
  ImportRow,
  Project,
  ProjectConnection,
  ProjectFilter,
  ProjectInput,
  type ProjectRow,
} from "./project.type.ts";

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => Project, { nullable: true })
  project(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<ProjectRow | null> {
    return projectLoaders(ctx).project.load(id);
  }

  @Query(() => ProjectConnection)
  projects(
    @Ctx() ctx: Context,
    @Arg("filter", () => ProjectFilter, { nullable: true }) filter: ProjectFilter | null,
    @Arg("first", () => Int, { defaultValue: 50, description: "At most 100." }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<ProjectConnection> {
    return listProjects(ctx.db, filter, first, after);
  }

  @Mutation(() => Project, {
    description:
      "Planners: add or change a concrete project; a position may be given as coordinates or as a place name to geocode.",
  })
  upsertProject(@Arg("input", () => ProjectInput) input: ProjectInput, @Ctx() ctx: Context): Promise<ProjectRow> {
    return upsertProject(ctx.db, ctx.user, input);
  }

  @Mutation(() => ImportResult, {
    description:
      "Planners: import many projects at once (CSV or GeoJSON text). dryRun reports what would change and what is refused, row by row, and writes nothing.",
  })
  importProjects(
    @Arg("format", () => ImportFormat) format: ImportFormat,
    @Arg("content", () => String) content: string,
    @Arg("dryRun", () => Boolean, { defaultValue: true }) dryRun: boolean,
    @Ctx() ctx: Context,
  ): Promise<ImportResult> {
    return importProjects(ctx.db, ctx.user, format, content, dryRun);
  }

  @FieldResolver(() => String)
  name(@Root() p: ProjectRow, @Arg("script", () => Script, { defaultValue: Script.HANS }) script: Script): string {
    return inScript({ hans: p.nameHans, hant: p.nameHant }, script);
  }

  @FieldResolver(() => [Task], { description: "The tasks it serves." })
  tasks(@Root() p: ProjectRow, @Ctx() ctx: Context): Promise<TaskNode[]> {
    return projectLoaders(ctx).tasksByProject.load(p.id);
  }

  @FieldResolver(() => GeoJsonScalar, { nullable: true, description: "Point, LineString, Polygon or Multi*." })
  geometry(@Root() p: ProjectRow, @Ctx() ctx: Context): Promise<GeoJsonGeometry | null> {
    return projectLoaders(ctx).geometry.load(p.id);
  }

  @FieldResolver(() => [Place], { description: "Places containing it (computed spatially), smallest first." })
  places(@Root() p: ProjectRow, @Ctx() ctx: Context): Promise<PlaceRow[]> {
    return projectLoaders(ctx).placesByProject.load(p.id);
  }

  @FieldResolver(() => TaskStatus, {
    description:
      "From the latest APPROVED report on this project on or before asOf (default: now); NOT_STARTED when none.",
  })
  async status(
    @Root() p: ProjectRow,
    @Arg("asOf", () => DateTimeScalar, { nullable: true }) asOf: Date | null,
    @Ctx() ctx: Context,
  ): Promise<TaskStatus> {
    return (await projectLoaders(ctx).status.load({ projectId: p.id, asOf: asOf ?? requestNow(ctx) })).status;
  }

  @FieldResolver(() => Float, { nullable: true, description: "0-100 from the same report; null when none." })
  async progress(
    @Root() p: ProjectRow,
    @Arg("asOf", () => DateTimeScalar, { nullable: true }) asOf: Date | null,
    @Ctx() ctx: Context,
  ): Promise<number | null> {
    return (await projectLoaders(ctx).status.load({ projectId: p.id, asOf: asOf ?? requestNow(ctx) })).progress;
  }

  @FieldResolver(() => SourceSpan, {
    nullable: true,
    description: "The words of the plan that name it, when it comes from the plan.",
  })
  source(@Root() p: ProjectRow): SourceSpan | null {
    return p.planId ? span(p.planId, p.spanStart, p.spanEnd) : null;
  }
}

@Resolver(() => GeocodeResult)
export class GeocodeResolver {
  @Query(() => GeocodeResult, {
    nullable: true,
    description:
      "Planners: where a project given this place name (placeName of upsertProject) would be placed, and how precisely, before saving. Null when it matches no place.",
  })
  geocode(@Arg("address", () => String) address: string, @Ctx() ctx: Context): Promise<GeocodeResult | null> {
    return geocodeAddress(ctx.db, ctx.user, address);
  }

  @FieldResolver(() => Place, {
    description: "The gazetteer place matched (its centroid is where the project would be drawn, unless citywide).",
  })
  async place(@Root() g: GeocodeResult, @Ctx() ctx: Context): Promise<PlaceRow> {
    return (await ctx.loaders.place.load(g.placeId))!;
  }
}

@Resolver(() => ImportRow)
export class ImportRowResolver {
  @FieldResolver(() => Place, {
    nullable: true,
    description: "The gazetteer place a row given by place name is placed at.",
  })
  place(@Root() r: ImportRow, @Ctx() ctx: Context): Promise<PlaceRow | null> | null {
    return r.placeId ? ctx.loaders.place.load(r.placeId) : null;
  }
}

@Resolver(() => Task)
export class TaskProjectsResolver {
  @FieldResolver(() => [Project], { description: "Concrete projects that serve this task." })
  projects(@Root() t: TaskNode, @Ctx() ctx: Context): Promise<ProjectRow[]> {
    return projectLoaders(ctx).projectsByTask.load(t.id);
  }
}

@Resolver(() => Place)
export class PlaceProjectsResolver {
  @FieldResolver(() => ProjectConnection, { description: "Projects lying in this place (and places inside it)." })
  projects(
    @Root() p: PlaceRow,
    @Ctx() ctx: Context,
    @Arg("first", () => Int, { defaultValue: 50, description: "At most 100." }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<ProjectConnection> {
    return listProjectsInPlace(projectLoaders(ctx), p.id, first, after);
  }
}
