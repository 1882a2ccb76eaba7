import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import { selects } from "../../graphql/lookahead.ts";
import type { Context } from "../../graphql/context.ts";
import { SourceSpan, span } from "../../graphql/common.type.ts";
import { Script, inScript } from "../../core/enums.ts";
import { NotFoundError } from "../../core/errors.ts";
import { Indicator, type IndicatorRow } from "../indicator/indicator.type.ts";
import { Task, TaskConnection, TaskFilter, type TaskRow } from "../task/task.type.ts";
import { firstPlan, listPlans } from "./plan.service.ts";
import { Plan, Section, TextRepair, type PlanRow, type SectionRow, type TextRepairRow } from "./plan.type.ts";

@Resolver(() => Plan)
export class PlanResolver {
  @Query(() => [Plan], { description: "The plans loaded. The seeded one is the Taiyuan 2013-2015 plan." })
  plans(@Ctx() ctx: Context): Promise<PlanRow[]> {
    return listPlans(ctx.db);
  }

  @Query(() => Plan, { nullable: true, description: "A plan by id; without an id, the first (seeded) plan." })
  async plan(@Arg("id", () => ID, { nullable: true }) id: string | null, @Ctx() ctx: Context): Promise<PlanRow | null> {
    if (id) return ctx.loaders.plan.load(id);
    return firstPlan(ctx.db);
  }

  @FieldResolver(() => String)
  title(@Root() plan: PlanRow, @Arg("script", () => Script, { defaultValue: Script.HANS }) script: Script): string {
    return inScript({ hans: plan.titleHans, hant: plan.titleHant }, script);
  }

  @FieldResolver(() => String)
  issuer(@Root() plan: PlanRow, @Arg("script", () => Script, { defaultValue: Script.HANS }) script: Script): string {
    return inScript({ hans: plan.issuerHans, hant: plan.issuerHant }, script);
  }

  @FieldResolver(() => String, { description: "The normalised source text; every SourceSpan points into it." })
  async sourceText(
    @Root() plan: PlanRow,
    @Arg("script", () => Script, { defaultValue: Script.HANS }) script: Script,
    @Ctx() ctx: Context,
  ): Promise<string> {
    const text = await ctx.loaders.sourceText.load(plan.id);
    if (!text) throw new NotFoundError(`plan ${plan.id} has no source text`);
    return inScript(text, script);
  }

  @FieldResolver(() => [Section])
  async sections(@Root() plan: PlanRow, @Ctx() ctx: Context): Promise<SectionRow[]> {
    return ctx.loaders.sectionsByPlan.load(plan.id);
  }

  @FieldResolver(() => TaskConnection)
  tasks(
    @Root() plan: PlanRow,
    @Ctx() ctx: Context,
    @Arg("filter", () => TaskFilter, { nullable: true }) filter: TaskFilter | null,
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TaskConnection> {
    return ctx.loaders.tasksByPlan.load({
      planId: plan.id,
      filter,
      first,
      after,
      withTotal: selects(info, "totalCount"),
    });
  }

  @FieldResolver(() => [Indicator])
  indicators(@Root() plan: PlanRow, @Ctx() ctx: Context): Promise<IndicatorRow[]> {
    return ctx.loaders.indicatorsByPlan.load(plan.id);
  }

  @FieldResolver(() => [TextRepair], {
    description: "Passages of the source that could not be read cleanly, and how each was resolved.",
  })
  async repairs(@Root() plan: PlanRow, @Ctx() ctx: Context): Promise<TextRepair[]> {
    const rows: TextRepairRow[] = await ctx.loaders.repairsByPlan.load(plan.id);
    return rows.map((r) => ({
      span: span(r.planId, r.spanStart, r.spanEnd)!,
      original: r.original,
      repaired: r.repaired,
      method: r.method,
    }));
  }
}

@Resolver(() => Section)
export class SectionResolver {
  @FieldResolver(() => String)
  heading(@Root() s: SectionRow, @Arg("script", () => Script, { defaultValue: Script.HANS }) script: Script): string {
    return inScript({ hans: s.headingHans, hant: s.headingHant }, script);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "Body text of sections that hold prose rather than tasks (guiding ideology, principles).",
  })
  text(
    @Root() s: SectionRow,
    @Arg("script", () => Script, { defaultValue: Script.HANS }) script: Script,
  ): string | null {
    return inScript({ hans: s.textHans, hant: s.textHant }, script);
  }

  @FieldResolver(() => Section, { nullable: true })
  async parent(@Root() s: SectionRow, @Ctx() ctx: Context): Promise<SectionRow | null> {
    if (!s.parentId) return null;
    return (await ctx.loaders.sectionsByPlan.load(s.planId)).find((x) => x.id === s.parentId) ?? null;
  }

  @FieldResolver(() => [Section])
  async children(@Root() s: SectionRow, @Ctx() ctx: Context): Promise<SectionRow[]> {
    return (await ctx.loaders.sectionsByPlan.load(s.planId)).filter((x) => x.parentId === s.id);
  }

  @FieldResolver(() => [Task])
  tasks(@Root() s: SectionRow, @Ctx() ctx: Context): Promise<TaskRow[]> {
    return ctx.loaders.tasksBySection.load({ planId: s.planId, sectionId: s.id });
  }
}

@Resolver(() => SourceSpan)
export class SourceSpanResolver {
  @FieldResolver(() => String, { description: "The words of the span, in the requested script." })
  async text(
    @Root() s: SourceSpan,
    @Arg("script", () => Script, { defaultValue: Script.HANS }) script: Script,
    @Ctx() ctx: Context,
  ): Promise<string> {
    const text = await ctx.loaders.sourceText.load(s.planId);
    // OpenCC maps character for character, so offsets are the same in both scripts
    return text ? inScript(text, script).slice(s.start, s.end) : "";
  }
}
