/**
 * Plan.tasks answers every plan's page in one statement (a lateral page per plan), and each page
 * is the one Query.tasks gives for that plan: the same nodes, cursors, next page and total, also
 * past the last page, for a plan with tasks and an empty one.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { countStatements } from "../../support/count-statements.ts";
import { inRolledBack } from "../../support/db.ts";
import { insertPlanLikeSeeded, SEEDED_PLAN } from "../../support/synthetic.ts";

const PAGE = `totalCount nodes { id } pageInfo { hasNextPage endCursor }`;

describe("Plan.tasks", () => {
  it("pages every plan in one statement, as Query.tasks pages each", async () => {
    await inRolledBack(async (trx) => {
      const empty = `plan-tasks-${randomUUID().slice(0, 8)}`;
      await insertPlanLikeSeeded(trx, empty, "empty");
      const filter = `{ kinds: [MATTER] }`;
      const first = await countStatements(trx, `{ plans { id tasks(filter: ${filter}, first: 7) { ${PAGE} } } }`);
      expect(first.statements).toBe(2); // the plans, then every plan's page
      const plans = first.data.plans as {
        id: string;
        tasks: {
          totalCount: number;
          nodes: { id: string }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      }[];
      expect(plans.map((p) => p.id)).toEqual(expect.arrayContaining([SEEDED_PLAN, empty]));
      for (const plan of plans) {
        const alone = await countStatements(
          trx,
          `query($plan: ID!) { tasks(filter: { planId: $plan, kinds: [MATTER] }, first: 7) { ${PAGE} } }`,
          { plan: plan.id },
        );
        expect(plan.tasks, plan.id).toEqual(alone.data.tasks);
      }
      const seeded = plans.find((p) => p.id === SEEDED_PLAN)!.tasks;
      expect(seeded.nodes).toHaveLength(7);
      expect(seeded.pageInfo.hasNextPage).toBe(true);
      expect(plans.find((p) => p.id === empty)!.tasks).toEqual({
        totalCount: 0,
        nodes: [],
        pageInfo: { hasNextPage: false, endCursor: null },
      });

      // the next page, and a page past the last one, which still carries the total
      const next = await countStatements(
        trx,
        `query($after: String) { plans { id tasks(filter: ${filter}, first: 7, after: $after) { ${PAGE} } } }`,
        { after: seeded.pageInfo.endCursor },
      );
      const alone = await countStatements(
        trx,
        `query($after: String) { tasks(filter: { planId: "${SEEDED_PLAN}", kinds: [MATTER] }, first: 7, after: $after) { ${PAGE} } }`,
        { after: seeded.pageInfo.endCursor },
      );
      expect(next.data.plans.find((p: { id: string }) => p.id === SEEDED_PLAN).tasks).toEqual(alone.data.tasks);
      const last = await countStatements(
        trx,
        `query($after: String) { tasks(filter: { planId: "${SEEDED_PLAN}", kinds: [MATTER] }, first: 100, after: $after) { ${PAGE} } }`,
        { after: seeded.pageInfo.endCursor },
      );
      const past = await countStatements(
        trx,
        `query($after: String) { plans { id tasks(filter: ${filter}, first: 7, after: $after) { ${PAGE} } } }`,
        { after: last.data.tasks.pageInfo.endCursor },
      );
      for (const plan of past.data.plans)
        expect(plan.tasks, plan.id).toEqual({
          totalCount: plan.id === SEEDED_PLAN ? seeded.totalCount : 0,
          nodes: [],
          pageInfo: { hasNextPage: false, endCursor: null },
        });
    });
  });
});
