import { Arg, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../graphql/context.ts";
import { TaskStatus } from "../../core/enums.ts";
import { DateTimeScalar } from "../../graphql/scalars.ts";
import { NotFoundError } from "../../core/errors.ts";
import { obligationsByKeys } from "../place/place.service.ts";
import { Obligation, Place, type ObligationRow, type PlaceRow } from "../place/place.type.ts";
import { reportPage } from "../report/report.resolver.ts";
import { ProgressReportConnection } from "../report/report.type.ts";
import { requestNow } from "../task/task.resolver.ts";
import { Task, type TaskNode } from "../task/task.type.ts";
import { User } from "../user/user.type.ts";
import type { UserRow } from "../user/user.repository.ts";
import { assessment, finalizeAssessment, listObligations, setObligationTargets } from "./obligation.service.ts";
import {
  AreaAssessment,
  ObligationConnection,
  ObligationFilter,
  YearTarget,
  YearTargetInput,
  type AreaAssessmentRow,
} from "./obligation.type.ts";

const key = (o: ObligationRow) => ({ taskId: o.task.id, placeId: o.ownerId });

@Resolver(() => Obligation)
export class ObligationStateResolver {
  @FieldResolver(() => ID, { description: 'v2: "<taskId>@<placeId>", e.g. "reform-14@gujiao"' })
  id(@Root() o: ObligationRow): string {
    return `${o.task.id}@${o.ownerId}`;
  }

  @FieldResolver(() => TaskStatus, {
    description:
      "v2: this place's own status: from its latest APPROVED report whose asOf is on or before asOf (default: now); NOT_STARTED when none. Another place's reports never change it.",
  })
  async status(
    @Root() o: ObligationRow,
    @Arg("asOf", () => DateTimeScalar, { nullable: true }) asOf: Date | null,
    @Ctx() ctx: Context,
  ): Promise<TaskStatus> {
    return (await ctx.loaders.obligationState.load({ ...key(o), asOf: asOf ?? o.asOf ?? requestNow(ctx) })).status;
  }

  @FieldResolver(() => Float, { nullable: true, description: "v2: 0-100 from the same report; null when none." })
  async progress(
    @Root() o: ObligationRow,
    @Arg("asOf", () => DateTimeScalar, { nullable: true }) asOf: Date | null,
    @Ctx() ctx: Context,
  ): Promise<number | null> {
    return (await ctx.loaders.obligationState.load({ ...key(o), asOf: asOf ?? o.asOf ?? requestNow(ctx) })).progress;
  }

  @FieldResolver(() => Int, {
    description: "v2: the plan year it falls due: the last year with a target, else the task's dueYear.",
  })
  async dueYear(@Root() o: ObligationRow, @Ctx() ctx: Context): Promise<number> {
    const targets = await ctx.loaders.targets.load(key(o));
    return targets.length ? targets[targets.length - 1].year : o.task.dueYear;
  }

  @FieldResolver(() => [YearTarget], {
    description:
      "v2: expected progress by the end of each year (set by planners); empty = only the task's dueYear, at 100.",
  })
  targets(@Root() o: ObligationRow, @Ctx() ctx: Context): Promise<YearTarget[]> {
    return ctx.loaders.targets.load(key(o));
  }

  @FieldResolver(() => ProgressReportConnection, {
    description: "v2: reports on this obligation, newest first; anonymous users and viewers see only APPROVED ones.",
  })
  async reports(
    @Root() o: ObligationRow,
    @Ctx() ctx: Context,
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<ProgressReportConnection> {
    return reportPage(first, after, (page) => ctx.loaders.reportsByObligation.load({ ...key(o), ...page }));
  }
}

@Resolver(() => Task)
export class TaskObligationsResolver {
  @FieldResolver(() => [Obligation], {
    description:
      "v2: every obligation of the task, one per place that must act; the city's always (its lead departments and planners report there), and only it when no place is named.",
  })
  async obligations(@Root() t: TaskNode, @Ctx() ctx: Context): Promise<ObligationRow[]> {
    ctx.loaders.task.prime(t.id, t);
    const keys = await ctx.loaders.obligationsByTask.load(t.id);
    return obligationsByKeys(ctx.loaders, keys);
  }
}

@Resolver(() => AreaAssessment)
export class AssessmentResolver {
  @Query(() => ObligationConnection, {
    description: "v2. Obligations (task x place), location-filtered like tasks; each with its own status.",
  })
  obligations(
    @Ctx() ctx: Context,
    @Arg("filter", () => ObligationFilter, { nullable: true }) filter: ObligationFilter | null,
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<ObligationConnection> {
    return listObligations(ctx.db, ctx.loaders, filter, first, after, requestNow(ctx));
  }

  @Query(() => [AreaAssessment], {
    description:
      "v2. The annual assessment (考核评价, plan section 九): one row per county-level unit or zone, for one plan year.",
  })
  assessment(
    @Arg("year", () => Int) year: number,
    @Arg("placeIds", () => [ID], { nullable: true }) placeIds: string[] | null,
    @Ctx() ctx: Context,
  ): Promise<AreaAssessmentRow[]> {
    return assessment(ctx.db, year, placeIds);
  }

  @Mutation(() => Obligation, {
    description:
      "v2. Planners: the progress an obligation is expected to reach by the end of each plan year (the county's annual targets).",
  })
  async setObligationTargets(
    @Arg("taskId", () => ID) taskId: string,
    @Arg("placeId", () => ID) placeId: string,
    @Arg("targets", () => [YearTargetInput]) targets: YearTargetInput[],
    @Ctx() ctx: Context,
  ): Promise<ObligationRow> {
    await setObligationTargets(ctx.db, ctx.user, taskId, placeId, targets);
    const [row] = await obligationsByKeys(ctx.loaders, [{ taskId, placeId }]);
    if (!row) throw new NotFoundError(`obligation ${taskId}@${placeId} not found`);
    return row;
  }

  @Mutation(() => AreaAssessment, {
    description:
      "v2. Planners: freeze one area's assessment for a year; later reports do not change a finalized assessment. Finalizing twice is a CONFLICT.",
  })
  finalizeAssessment(
    @Arg("year", () => Int) year: number,
    @Arg("placeId", () => ID) placeId: string,
    @Arg("note", () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: Context,
  ): Promise<AreaAssessmentRow> {
    return finalizeAssessment(ctx.db, ctx.user, year, placeId, note);
  }

  @FieldResolver(() => Place)
  async place(@Root() a: AreaAssessmentRow, @Ctx() ctx: Context): Promise<PlaceRow> {
    const p = await ctx.loaders.place.load(a.placeId);
    if (!p) throw new NotFoundError(`place ${a.placeId} not found`);
    return p;
  }

  @FieldResolver(() => User, { nullable: true })
  finalizedBy(@Root() a: AreaAssessmentRow, @Ctx() ctx: Context): Promise<UserRow | null> | null {
    return a.finalizedBy ? ctx.loaders.user.load(a.finalizedBy) : null;
  }
}
