/** Subscription.reportEvents (v2) and its ReportEvent type; the rules and the delivery are in report-events.ts. */
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  ObjectType,
  Resolver,
  Root,
  Subscription,
  registerEnumType,
} from "type-graphql";
import type { Context } from "../../graphql/context.ts";
import { createLoaders } from "../loaders.ts";
import { LIMITS } from "../../graphql/limits.ts";
import { ListBudget } from "../../core/list-budget.ts";
import { NotFoundError } from "../../core/errors.ts";
import { Obligation, type ObligationRow } from "../place/place.type.ts";
import { obligationsOf } from "../place/place.service.ts";
import type { TaskNode } from "../task/task.type.ts";
import type { ReportEventHub, ReportEventPayload } from "./report-events.ts";
import { ProgressReport, type ReportRow } from "./report.type.ts";

export enum ReportEventKind {
  SUBMITTED = "SUBMITTED",
  APPROVED = "APPROVED",
  RETURNED = "RETURNED",
}
registerEnumType(ReportEventKind, { name: "ReportEventKind", description: "v2" });

@ObjectType({ description: "v2" })
export class ReportEvent {
  @Field(() => ReportEventKind)
  kind!: ReportEventKind;
  @Field(() => ProgressReport)
  report!: ReportRow;
}

/** The context of a subscription over graphql-ws (graphql/subscriptions.ts): the HTTP one plus the hub. */
export interface SubscriptionContext extends Context {
  reportEvents: ReportEventHub;
}

/**
 * Each event is executed in the subscription's one context: give every event fresh loaders and a
 * whole list budget, so an event never reads what an earlier one cached (a task's status).
 * Not an async generator: a generator waiting for the next event would hold its return() until
 * that event came, and an unsubscribed client would stay a subscriber.
 */
function freshPerEvent(
  ctx: Context,
  events: AsyncIterableIterator<ReportEventPayload>,
): AsyncIterableIterator<ReportEventPayload> {
  return {
    async next() {
      const r = await events.next();
      if (!r.done) {
        ctx.budget = new ListBudget(LIMITS.maxListItems);
        ctx.loaders = createLoaders(ctx.db, ctx.budget);
      }
      return r;
    },
    return: () => events.return!(),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

@Resolver(() => ReportEvent)
export class ReportEventResolver {
  @Subscription(() => ReportEvent, {
    description:
      "Reports filed or reviewed on obligations of these places and of places inside them (all places when omitted).",
    subscribe: async ({ args, context }) => {
      const ctx = context as SubscriptionContext;
      return freshPerEvent(
        ctx,
        await ctx.reportEvents.subscribe(ctx.user, (args as { placeIds?: string[] | null }).placeIds),
      );
    },
  })
  reportEvents(
    @Root() event: ReportEventPayload,
    @Arg("placeIds", () => [ID], { nullable: true }) _placeIds: string[] | null,
  ): ReportEventPayload {
    return event;
  }

  @FieldResolver(() => Obligation)
  async obligation(@Root() event: ReportEventPayload, @Ctx() ctx: Context): Promise<ObligationRow> {
    const all = await obligationsOf(ctx.loaders, event.placeId, {
      includeContained: true,
      includeCitywide: true,
      kinds: null,
    });
    const found = all.find((o) => o.task.id === event.report.taskId);
    if (found) return found;
    // a report on a place the task is not (or no longer) an obligation of: the pair, with no reason
    const task = await ctx.loaders.task.load(event.report.taskId);
    if (!task) throw new NotFoundError(`task ${event.report.taskId} not found`);
    return { placeId: event.placeId, ownerId: event.placeId, task: task as TaskNode, reasons: [], via: [] };
  }
}
