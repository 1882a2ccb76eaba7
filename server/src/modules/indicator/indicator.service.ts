/** Indicators and their recorded values, as readers ask for them. */
import type { Db } from "../../db/database.ts";
import type { SessionUser } from "../../core/actor.ts";
import type { ReviewState } from "../../core/enums.ts";
import { checkFirst } from "../../core/paging.ts";
import * as indicators from "./indicator.repository.ts";
import type { IndicatorRow, IndicatorValueRow } from "./indicator.type.ts";

/** Every indicator of a plan (null: of every plan), in plan order. */
export function listIndicators(db: Db, planId: string | null): Promise<IndicatorRow[]> {
  return indicators.listIndicators(db, planId);
}

/**
 * Recorded figures, every recording, newest first: approved ones for everybody; submitted and
 * returned ones for planners and for whoever recorded them (findValueRecords says which).
 */
export function listValueRecords(
  db: Db,
  actor: SessionUser | null,
  filter: { indicatorId: string | null; placeId: string | null; review: ReviewState | null; first: number },
): Promise<IndicatorValueRow[]> {
  return indicators.findValueRecords(db, actor, { ...filter, first: checkFirst(filter.first, 50) });
}
