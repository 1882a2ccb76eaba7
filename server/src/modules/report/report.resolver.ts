import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { selects } from "../../graphql/lookahead.ts";
import { actorOf, type Context } from "../../graphql/context.ts";
import { ReviewDecision } from "../../core/enums.ts";
import { NotFoundError } from "../../core/errors.ts";
import { checkFirst, encodeCursor } from "../../core/paging.ts";
import { IndicatorValue, IndicatorValueInput, type IndicatorValueRow } from "../indicator/indicator.type.ts";
import { Place, type PlaceRow } from "../place/place.type.ts";
import { LinkCandidateConnection, Task, TaskPlace, type TaskNode, type TaskPlaceRow } from "../task/task.type.ts";
import { Project, type ProjectRow } from "../project/project.type.ts";
import { projectLoaders } from "../project/project.loader.ts";
import { User } from "../user/user.type.ts";
import type { UserRow } from "../user/user.repository.ts";
import {
  findLinkCandidates,
  linkCandidateCursor,
  linkCandidateKey,
  linkTaskToPlace,
  pendingReports,
  recordIndicatorValue,
  reportCursor,
  reportProgress,
  reviewIndicatorValue,
  reviewReport,
  unlinkTaskFromPlace,
} from "./report.service.ts";
import { seesPeople } from "./permissions.ts";
import {
  LinkTaskToPlaceInput,
  ProgressReport,
  ProgressReportConnection,
  ReportProgressInput,
  type ReportRow,
} from "./report.type.ts";

/**
 * The mutations whose services look the request's session up in their own statement
 * (actorOf(ctx): a pending session, report.service.ts): a request made of these alone has no
 * statement of its own for its session (graphql/own-session.ts). Each must read the user
 * through actorOf, never ctx.user, which is null until its statement has run.
 */
export const OWN_SESSION_MUTATIONS: ReadonlySet<string> = new Set(["reportProgress", "reviewReport"]);

@Resolver(() => ProgressReport)
export class ReportResolver {
  @Mutation(() => ProgressReport, {
    description:
      "Area leaders may report only on obligations of their own places (placeId is then required); department users only on tasks their department leads; planners on any. v2: a report is about one obligation and describes the state on input.asOf.",
  })
  async reportProgress(
    @Arg("input", () => ReportProgressInput) input: ReportProgressInput,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ReportRow> {
    // the task's row comes with the report when the answer asks for it: no statement of its own
    const { report, task } = await reportProgress(ctx.db, actorOf(ctx), input, { withTask: selects(info, "task") });
    if (task) ctx.loaders.task.prime(task.id, task);
    return report;
  }

  @Mutation(() => ProgressReport, {
    description:
      "Planners, or the lead department for its own tasks, accept or send back a submitted report. Only APPROVED reports change a task's status and progress.",
  })
  reviewReport(
    @Arg("id", () => ID) id: string,
    @Arg("decision", () => ReviewDecision) decision: ReviewDecision,
    @Arg("note", () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: Context,
  ): Promise<ReportRow> {
    return reviewReport(ctx.db, actorOf(ctx), id, decision, note);
  }

  @Mutation(() => IndicatorValue, { description: "Planners, and area leaders for their own places." })
  recordIndicatorValue(
    @Arg("input", () => IndicatorValueInput) input: IndicatorValueInput,
    @Ctx() ctx: Context,
  ): Promise<IndicatorValueRow> {
    return recordIndicatorValue(ctx.db, ctx.user, input);
  }

  @Mutation(() => IndicatorValue, {
    description:
      "Planners approve or return a SUBMITTED indicator figure (recorded by an area leader or a department user); only APPROVED figures count. Reviewing twice is a CONFLICT.",
  })
  reviewIndicatorValue(
    @Arg("id", () => ID) id: string,
    @Arg("decision", () => ReviewDecision) decision: ReviewDecision,
    @Arg("note", () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: Context,
  ): Promise<IndicatorValueRow> {
    return reviewIndicatorValue(ctx.db, ctx.user, id, decision, note);
  }

  @Mutation(() => TaskPlace, { description: "Planners only. Curated links survive re-import." })
  linkTaskToPlace(
    @Arg("input", () => LinkTaskToPlaceInput) input: LinkTaskToPlaceInput,
    @Ctx() ctx: Context,
  ): Promise<TaskPlaceRow> {
    return linkTaskToPlace(ctx.db, ctx.user, input);
  }

  @Mutation(() => Boolean, { description: "Planners only. The removal survives re-import." })
  unlinkTaskFromPlace(
    @Arg("taskId", () => ID) taskId: string,
    @Arg("placeId", () => ID) placeId: string,
    @Arg("note", () => String, { nullable: true, description: "Why (kept in the link history)." }) note: string | null,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return unlinkTaskFromPlace(ctx.db, ctx.user, taskId, placeId, note);
  }

  @Query(() => LinkCandidateConnection, {
    description:
      "Planners only: the linker's uncertain matches, not yet confirmed: a place named only in passing (MENTION) or found through a short form or collective expression (太礦, 三縣一市) rather than its name; in plan order, each with its evidence. Confirm one with linkTaskToPlace (same role: it becomes curated), reject it with unlinkTaskFromPlace.",
  })
  async linkCandidates(
    @Ctx() ctx: Context,
    @Arg("first", () => Int, { defaultValue: 50, description: "At most 100." }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<LinkCandidateConnection> {
    const n = checkFirst(first, 50);
    const { rows, totalCount } = await findLinkCandidates(ctx.db, ctx.user, n, linkCandidateKey(after));
    const page = rows.slice(0, n);
    const last = page[page.length - 1];
    return {
      nodes: page,
      totalCount,
      pageInfo: { hasNextPage: rows.length > n, endCursor: last ? linkCandidateCursor(last) : null },
    };
  }

  @Query(() => [ProgressReport], {
    description:
      "Submitted reports the signed-in user may review (planners: all; department users: their tasks), oldest first.",
  })
  async reviewQueue(
    @Ctx() ctx: Context,
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
  ): Promise<ReportRow[]> {
    return pendingReports(ctx.db, ctx.user, first);
  }

  @FieldResolver(() => Task)
  async task(@Root() r: ReportRow, @Ctx() ctx: Context): Promise<TaskNode> {
    const t = await ctx.loaders.task.load(r.taskId);
    if (!t) throw new NotFoundError(`task ${r.taskId} not found`);
    return t;
  }

  @FieldResolver(() => Place, { nullable: true, description: "The area reported for; null = whole task." })
  place(@Root() r: ReportRow, @Ctx() ctx: Context): Promise<PlaceRow | null> | null {
    return r.placeId ? ctx.loaders.place.load(r.placeId) : null;
  }

  @FieldResolver(() => Project, { nullable: true, description: "When the report is on one project." })
  project(@Root() r: ReportRow, @Ctx() ctx: Context): Promise<ProjectRow | null> | null {
    return r.projectId ? projectLoaders(ctx).project.load(r.projectId) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: "v2: null for anonymous users and viewers." })
  async author(@Root() r: ReportRow, @Ctx() ctx: Context): Promise<UserRow | null> {
    if (!seesPeople(ctx.user)) return null;
    const u = await ctx.loaders.user.load(r.authorId);
    if (!u) throw new NotFoundError(`user ${r.authorId} not found`);
    return u;
  }

  @FieldResolver(() => User, { nullable: true, description: "Null for anonymous users and viewers, as the author." })
  reviewedBy(@Root() r: ReportRow, @Ctx() ctx: Context): Promise<UserRow | null> | null {
    return r.reviewerId && seesPeople(ctx.user) ? ctx.loaders.user.load(r.reviewerId) : null;
  }
}

/**
 * One page of a ProgressReportConnection (Task.reports, Obligation.reports): checks `first` and the
 * cursor, asks `load` for one row more than the page (to know whether there is a next one).
 */
export async function reportPage(
  first: number,
  after: string | null,
  load: (page: {
    first: number;
    after: string | null;
  }) => Promise<(ReportRow & { totalCount: number })[] | { rows: ReportRow[]; totalCount: number }>,
): Promise<ProgressReportConnection> {
  const size = checkFirst(first, 20);
  const loaded = await load({ first: size, after: reportCursor(after) });
  // a page with its count, or rows that each carry it
  const { rows, totalCount } = Array.isArray(loaded)
    ? { rows: loaded, totalCount: loaded[0]?.totalCount ?? 0 }
    : loaded;
  const page = rows.slice(0, size);
  const last = page[page.length - 1];
  return {
    nodes: page,
    pageInfo: { hasNextPage: rows.length > size, endCursor: last ? encodeCursor("REPORTS", [last.id]) : null },
    totalCount,
  };
}

@Resolver(() => Task)
export class TaskReportsResolver {
  @FieldResolver(() => ProgressReportConnection, { description: "Newest first." })
  async reports(
    @Root() t: TaskNode,
    @Ctx() ctx: Context,
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ProgressReportConnection> {
    return reportPage(first, after, (page) =>
      ctx.loaders.reportsByTask.load({ taskId: t.id, ...page, withTotal: selects(info, "totalCount") }),
    );
  }
}

@Resolver(() => IndicatorValue)
export class IndicatorValueAuthorResolver {
  @FieldResolver(() => User, { nullable: true, description: "Null for anonymous users and viewers." })
  recordedBy(@Root() v: IndicatorValueRow, @Ctx() ctx: Context): Promise<UserRow | null> | null {
    return v.recordedBy && seesPeople(ctx.user) ? ctx.loaders.user.load(v.recordedBy) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: "Null for anonymous users and viewers." })
  reviewedBy(@Root() v: IndicatorValueRow, @Ctx() ctx: Context): Promise<UserRow | null> | null {
    return v.reviewedBy && seesPeople(ctx.user) ? ctx.loaders.user.load(v.reviewedBy) : null;
  }
}
