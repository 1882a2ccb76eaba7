/** The plans loaded. */
import type { Db } from "../../db/database.ts";
import * as plans from "./plan.repository.ts";
import type { PlanRow } from "./plan.type.ts";

/** Every plan, in the order they were loaded. */
export function listPlans(db: Db): Promise<PlanRow[]> {
  return plans.listPlans(db);
}

/** The first plan loaded (the seeded one), or null before any. */
export async function firstPlan(db: Db): Promise<PlanRow | null> {
  return (await plans.listPlans(db))[0] ?? null;
}
