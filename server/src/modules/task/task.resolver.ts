import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, Float, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../graphql/context.ts";
import { SourceSpan, span } from "../../graphql/common.type.ts";
import { Script, TaskStatus, inScript } from "../../core/enums.ts";
import { DateTimeScalar } from "../../graphql/scalars.ts";
import { selects } from "../../graphql/lookahead.ts";
import { NotFoundError } from "../../core/errors.ts";
import { Department, type DepartmentRow } from "../department/department.type.ts";
import { Indicator, type IndicatorRow } from "../indicator/indicator.type.ts";
import { Place, type PlaceRow } from "../place/place.type.ts";
import { Plan, Section, type PlanRow, type SectionRow } from "../plan/plan.type.ts";
import { listTasks } from "./task.service.ts";
import { Task, TaskConnection, TaskFilter, TaskPlace, type TaskNode, type TaskPlaceRow } from "./task.type.ts";

function must<T>(value: T | null, what: string): T {
  if (value === null) throw new NotFoundError(`${what} not found`);
  return value;
}

@Resolver(() => Task)
export class TaskResolver {
  @Query(() => Task, { nullable: true })
  task(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<TaskNode | null> {
    return ctx.loaders.task.load(id);
  }

  @Query(() => TaskConnection)
  tasks(
    @Ctx() ctx: Context,
    @Arg("filter", () => TaskFilter, { nullable: true }) filter: TaskFilter | null,
    @Arg("first", () => Int, { defaultValue: 50, description: "At most 100." }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TaskConnection> {
    return listTasks(ctx.db, filter, first, after, { withTotal: selects(info, "totalCount") });
  }

  @FieldResolver(() => Plan)
  async plan(@Root() t: TaskNode, @Ctx() ctx: Context): Promise<PlanRow> {
    return must(await ctx.loaders.plan.load(t.planId), `plan ${t.planId}`);
  }

  @FieldResolver(() => Section)
  async section(@Root() t: TaskNode, @Ctx() ctx: Context): Promise<SectionRow> {
    const sections = await ctx.loaders.sectionsByPlan.load(t.planId);
    return must(sections.find((s) => s.id === t.sectionId) ?? null, `section ${t.sectionId}`);
  }

  @FieldResolver(() => String)
  title(@Root() t: TaskNode, @Arg("script", () => Script, { defaultValue: Script.HANS }) script: Script): string {
    return inScript({ hans: t.titleHans, hant: t.titleHant }, script);
  }

  @FieldResolver(() => String)
  text(@Root() t: TaskNode, @Arg("script", () => Script, { defaultValue: Script.HANS }) script: Script): string {
    return inScript({ hans: t.textHans, hant: t.textHant }, script);
  }

  @FieldResolver(() => SourceSpan)
  source(@Root() t: TaskNode): SourceSpan {
    return span(t.planId, t.spanStart, t.spanEnd)!;
  }

  @FieldResolver(() => [Department], { description: "In the order printed after 牵头部门/牵头单位." })
  async leadDepartments(@Root() t: TaskNode, @Ctx() ctx: Context): Promise<DepartmentRow[]> {
    const leads = await ctx.loaders.leadsByTask.load(t.id);
    const departments = await ctx.loaders.department.loadMany(leads.map((l) => l.departmentId));
    return departments.filter((d): d is DepartmentRow => d !== null && !(d instanceof Error));
  }

  @FieldResolver(() => [TaskPlace])
  places(@Root() t: TaskNode, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<TaskPlaceRow[]> {
    return ctx.loaders.linksByTask.load({ taskId: t.id, near: t.near ?? null, withPlace: selects(info, "place") });
  }

  @FieldResolver(() => [Indicator])
  indicators(@Root() t: TaskNode, @Ctx() ctx: Context): Promise<IndicatorRow[]> {
    return ctx.loaders.indicatorsByTask.load(t.id);
  }

  @FieldResolver(() => TaskStatus, {
    description:
      "v2: the roll-up of its obligations' statuses as of asOf (default: now, or the list filter's asOf): COMPLETED only when every obligation is; DELAYED when any is DELAYED; else AT_RISK when any is; else IN_PROGRESS when any has started; else NOT_STARTED.",
  })
  async status(
    @Root() t: TaskNode,
    @Arg("asOf", () => DateTimeScalar, { nullable: true }) asOf: Date | null,
    @Ctx() ctx: Context,
  ): Promise<TaskStatus> {
    const s = await ctx.loaders.status.load({ taskId: t.id, asOf: asOf ?? t.asOf ?? requestNow(ctx) });
    return s.status;
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      "v2: mean of its obligations' progress (an obligation with no approved report counts 0); null when no obligation has a report.",
  })
  async progress(
    @Root() t: TaskNode,
    @Arg("asOf", () => DateTimeScalar, { nullable: true }) asOf: Date | null,
    @Ctx() ctx: Context,
  ): Promise<number | null> {
    const s = await ctx.loaders.status.load({ taskId: t.id, asOf: asOf ?? t.asOf ?? requestNow(ctx) });
    return s.progress;
  }
}

/** One "now" per request, so every status in a response is judged at the same instant. */
export function requestNow(ctx: Context): Date {
  const c = ctx as Context & { now?: Date };
  c.now ??= new Date();
  return c.now;
}

@Resolver(() => TaskPlace)
export class TaskPlaceResolver {
  @FieldResolver(() => Task)
  async task(@Root() l: TaskPlaceRow, @Ctx() ctx: Context): Promise<TaskNode> {
    return must(await ctx.loaders.task.load(l.taskId), `task ${l.taskId}`);
  }

  @FieldResolver(() => Place)
  async place(@Root() l: TaskPlaceRow, @Ctx() ctx: Context): Promise<PlaceRow> {
    return must(await ctx.loaders.place.load(l.placeId), `place ${l.placeId}`);
  }

  @FieldResolver(() => SourceSpan, {
    nullable: true,
    description:
      "The words in the text that justify the link; null only for links made by hand with no text, and for the whole-city link of tasks that name no place.",
  })
  evidence(@Root() l: TaskPlaceRow): SourceSpan | null {
    return span(l.planId, l.evidenceStart, l.evidenceEnd);
  }
}
