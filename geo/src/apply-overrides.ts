import type { PlaceLink, PlaceRole } from "./types.ts";

/** seeds/place-links.curated.json: corrections a person made where the linker is wrong. */
export interface PlaceLinkOverrides {
  add: {
    taskId: string;
    placeId: string;
    role: PlaceRole;
    note: string;
    evidence?: { start: number; end: number } | null;
  }[];
  remove: { taskId: string; placeId: string; role?: PlaceRole }[];
  rerole: { taskId: string; placeId: string; role: PlaceRole; from?: PlaceRole }[];
}

/** A link after curation; `curated` marks links a person added or changed. */
export type CuratedPlaceLink = PlaceLink & { curated: boolean };

/**
 * Applies curated overrides to the linker's output: removals first (every
 * role of the pair, or only `role`), then re-roles (the pair's non-LEAD link,
 * or the `from` link), then additions (replacing a link with the same task,
 * place and role). Throws when a remove or rerole matches nothing, so a stale
 * override is noticed rather than silently ignored.
 *
 * @example
 * applyOverrides([{ taskId: "t", placeId: "p", role: "MENTION", evidence: null }], { add: [], remove: [], rerole: [{ taskId: "t", placeId: "p", role: "SUBJECT" }] })
 * // [{ taskId: "t", placeId: "p", role: "SUBJECT", evidence: null, curated: true }]
 */
export function applyOverrides(links: PlaceLink[], overrides: PlaceLinkOverrides): CuratedPlaceLink[] {
  let out: CuratedPlaceLink[] = links.map((l) => ({ ...l, curated: false }));
  for (const r of overrides.remove) {
    const keep = out.filter(
      (l) => !(l.taskId === r.taskId && l.placeId === r.placeId && (!r.role || l.role === r.role)),
    );
    if (keep.length === out.length)
      throw new Error(`override removes ${r.taskId} → ${r.placeId}, which the linker did not propose`);
    out = keep;
  }
  for (const r of overrides.rerole) {
    const target = out.find(
      (l) => l.taskId === r.taskId && l.placeId === r.placeId && (r.from ? l.role === r.from : l.role !== "LEAD"),
    );
    if (!target) throw new Error(`override re-roles ${r.taskId} → ${r.placeId}, which the linker did not propose`);
    out = out.filter((l) => l === target || !(l.taskId === r.taskId && l.placeId === r.placeId && l.role === r.role));
    target.role = r.role;
    target.curated = true;
  }
  for (const a of overrides.add) {
    out = out.filter((l) => !(l.taskId === a.taskId && l.placeId === a.placeId && l.role === a.role));
    out.push({ taskId: a.taskId, placeId: a.placeId, role: a.role, evidence: a.evidence ?? null, curated: true });
  }
  return out;
}
