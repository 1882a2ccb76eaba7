import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { applyOverrides, type PlaceLinkOverrides } from "../../geo/src/apply-overrides.ts";
import type { PlaceLink } from "../../geo/src/types.ts";

const links: PlaceLink[] = [
  { taskId: "reform-8", placeId: "taiyuan", role: "SUBJECT", evidence: null },
  { taskId: "matter-6", placeId: "wusu-bonded-zone", role: "SUBJECT", evidence: { start: 1, end: 8 } },
  { taskId: "matter-6", placeId: "wusu-bonded-zone", role: "LEAD", evidence: { start: 9, end: 20 } },
];
const none: PlaceLinkOverrides = { add: [], remove: [], rerole: [] };

describe("applyOverrides", () => {
  it("leaves links uncurated when there is nothing to apply", () => {
    expect(applyOverrides(links, none).every((l) => !l.curated)).toBe(true);
  });

  it("marks added links curated", () => {
    const out = applyOverrides(links, {
      ...none,
      add: [{ taskId: "reform-8", placeId: "hi-tech-zone", role: "MENTION", note: "n" }],
    });
    expect(out.at(-1)).toEqual({
      taskId: "reform-8",
      placeId: "hi-tech-zone",
      role: "MENTION",
      evidence: null,
      curated: true,
    });
  });

  it("re-roles the direct link and keeps the LEAD link", () => {
    const out = applyOverrides(links, {
      ...none,
      rerole: [{ taskId: "matter-6", placeId: "wusu-bonded-zone", role: "MENTION" }],
    });
    expect(out.filter((l) => l.taskId === "matter-6").map((l) => `${l.role} ${l.curated}`)).toEqual([
      "MENTION true",
      "LEAD false",
    ]);
  });

  it("removes every role of a pair unless a role is given", () => {
    expect(
      applyOverrides(links, { ...none, remove: [{ taskId: "matter-6", placeId: "wusu-bonded-zone" }] }),
    ).toHaveLength(1);
    expect(
      applyOverrides(links, { ...none, remove: [{ taskId: "matter-6", placeId: "wusu-bonded-zone", role: "LEAD" }] }),
    ).toHaveLength(2);
  });

  it("refuses a stale removal", () => {
    expect(() => applyOverrides(links, { ...none, remove: [{ taskId: "matter-9", placeId: "wanbailin" }] })).toThrow(
      "override removes matter-9 → wanbailin, which the linker did not propose",
    );
  });

  it("reads seeds/place-links.curated.json as overrides", () => {
    const curated = JSON.parse(readFileSync("seeds/place-links.curated.json", "utf8")) as PlaceLinkOverrides;
    const out = applyOverrides(links, curated);
    expect(out.filter((l) => l.taskId === "reform-8").map((l) => l.placeId)).toEqual([
      "hi-tech-zone",
      "economic-zone",
      "private-economy-zone",
      "stainless-steel-park",
      "qingxu-development-zone",
    ]);
  });
});
