import { Arg, Ctx, FieldResolver, Float, ID, Int, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../graphql/context.ts";
import { SourceSpan, span } from "../../graphql/common.type.ts";
import { Comparator, Script, inScript } from "../../core/enums.ts";
import { NotFoundError } from "../../core/errors.ts";
import { Place, type PlaceRow } from "../place/place.type.ts";
import { Task, type TaskRow } from "../task/task.type.ts";
import { ReviewState } from "../../core/enums.ts";
import { listIndicators, listValueRecords } from "./indicator.service.ts";
import { Indicator, IndicatorValue, type IndicatorRow, type IndicatorValueRow } from "./indicator.type.ts";

/**
 * How far a value is toward the target, 1.0 = met. For REDUCE_BY the value is
 * the reduction achieved so far (percent below the base year).
 */
export function attainmentOf(indicator: Pick<IndicatorRow, "comparator" | "target">, value: number): number {
  if (indicator.comparator === Comparator.AT_MOST) return value <= indicator.target ? 1 : indicator.target / value;
  if (indicator.target === 0) return 1;
  return Math.round((value / indicator.target) * 1000) / 1000;
}

@Resolver(() => Indicator)
export class IndicatorResolver {
  @Query(() => Indicator, { nullable: true })
  indicator(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<IndicatorRow | null> {
    return ctx.loaders.indicator.load(id);
  }

  @Query(() => [IndicatorValue], {
    description:
      "Recorded indicator figures, every recording (not only the latest per year), newest first: APPROVED ones for everybody; SUBMITTED and RETURNED ones for planners and for whoever recorded them.",
  })
  indicatorValueRecords(
    @Ctx() ctx: Context,
    @Arg("indicatorId", () => ID, { nullable: true }) indicatorId: string | null,
    @Arg("placeId", () => ID, { nullable: true }) placeId: string | null,
    @Arg("review", () => ReviewState, { nullable: true }) review: ReviewState | null,
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
  ): Promise<IndicatorValueRow[]> {
    return listValueRecords(ctx.db, ctx.user, { indicatorId, placeId, review, first });
  }

  @Query(() => [Indicator])
  indicators(
    @Arg("planId", () => ID, { nullable: true }) planId: string | null,
    @Ctx() ctx: Context,
  ): Promise<IndicatorRow[]> {
    return listIndicators(ctx.db, planId);
  }

  @FieldResolver(() => String)
  name(@Root() i: IndicatorRow, @Arg("script", () => Script, { defaultValue: Script.HANS }) script: Script): string {
    return inScript({ hans: i.nameHans, hant: i.nameHant }, script);
  }

  @FieldResolver(() => Place, { description: "Where the target applies (the city)." })
  async scope(@Root() i: IndicatorRow, @Ctx() ctx: Context): Promise<PlaceRow> {
    const p = await ctx.loaders.place.load(i.scopePlaceId);
    if (!p) throw new NotFoundError(`place ${i.scopePlaceId} not found`);
    return p;
  }

  @FieldResolver(() => SourceSpan)
  source(@Root() i: IndicatorRow): SourceSpan {
    return span(i.planId, i.spanStart, i.spanEnd)!;
  }

  @FieldResolver(() => [Task])
  async tasks(@Root() i: IndicatorRow, @Ctx() ctx: Context): Promise<TaskRow[]> {
    const tasks = await ctx.loaders.task.loadMany(await ctx.loaders.tasksByIndicator.load(i.id));
    return tasks.filter((t): t is TaskRow => t !== null && !(t instanceof Error));
  }

  @FieldResolver(() => [IndicatorValue])
  values(
    @Root() i: IndicatorRow,
    @Ctx() ctx: Context,
    @Arg("placeId", () => ID, { nullable: true }) placeId: string | null,
    @Arg("fromYear", () => Int, { nullable: true }) fromYear: number | null,
    @Arg("toYear", () => Int, { nullable: true }) toYear: number | null,
  ): Promise<IndicatorValueRow[]> {
    // an argument left out arrives undefined: null means "every place" and "no bound" to the loader
    return ctx.loaders.values.load({
      indicatorId: i.id,
      placeId: placeId ?? null,
      fromYear: fromYear ?? null,
      toYear: toYear ?? null,
    });
  }

  @FieldResolver(() => IndicatorValue, { nullable: true, description: "Latest value at the scope place (or placeId)." })
  latest(
    @Root() i: IndicatorRow,
    @Arg("placeId", () => ID, { nullable: true }) placeId: string | null,
    @Ctx() ctx: Context,
  ): Promise<IndicatorValueRow | null> {
    return ctx.loaders.latestValue.load({ indicatorId: i.id, placeId: placeId ?? i.scopePlaceId });
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: "How far the latest value is toward the target (1.0 = met); null without a value.",
  })
  async attainment(
    @Root() i: IndicatorRow,
    @Arg("placeId", () => ID, { nullable: true }) placeId: string | null,
    @Ctx() ctx: Context,
  ): Promise<number | null> {
    const latest = await ctx.loaders.latestValue.load({ indicatorId: i.id, placeId: placeId ?? i.scopePlaceId });
    return latest ? attainmentOf(i, latest.value) : null;
  }
}

@Resolver(() => IndicatorValue)
export class IndicatorValueResolver {
  @FieldResolver(() => Indicator)
  async indicator(@Root() v: IndicatorValueRow, @Ctx() ctx: Context): Promise<IndicatorRow> {
    const i = await ctx.loaders.indicator.load(v.indicatorId);
    if (!i) throw new NotFoundError(`indicator ${v.indicatorId} not found`);
    return i;
  }

  @FieldResolver(() => Place)
  async place(@Root() v: IndicatorValueRow, @Ctx() ctx: Context): Promise<PlaceRow> {
    const p = await ctx.loaders.place.load(v.placeId);
    if (!p) throw new NotFoundError(`place ${v.placeId} not found`);
    return p;
  }
}
