/** The leader's landing puts each obligation in the groups its own data says (issue 17). */
import { describe, expect, it } from "vitest";
import { landingGroups, type LandingObligation } from "../../client/src/features/obligations/leader-landing.tsx";
import { classBreaks, formatMeasureValue } from "../../client/src/map/layers/choropleth.ts";

function obligation(id: string, dueYear: number, review?: "SUBMITTED" | "APPROVED" | "RETURNED"): LandingObligation {
  return {
    id,
    dueYear,
    status: "IN_PROGRESS",
    progress: null,
    task: { id: id.split("@")[0], ref: "1.", title: "t", titleEn: "t" },
    place: { id: "loufan", name: "娄烦县", nameEn: "Loufan" },
    reports: { nodes: review ? [{ id: "r1", review }] : [] },
  };
}

describe("landingGroups", () => {
  it("due this year, behind target, returned and awaiting review follow the obligation's own year, the behind list and its latest report", () => {
    const behind = new Set(["a@loufan"]);
    expect(landingGroups(obligation("a@loufan", 2015, "RETURNED"), 2015, behind)).toEqual([
      "due",
      "behind",
      "returned",
    ]);
    expect(landingGroups(obligation("b@loufan", 2014, "SUBMITTED"), 2015, behind)).toEqual(["awaiting"]);
    expect(landingGroups(obligation("c@loufan", 2015, "APPROVED"), 2014, behind)).toEqual([]);
    expect(landingGroups(obligation("d@loufan", 2014), 2014, new Set())).toEqual(["due"]);
  });
});

describe("the assessment's score choropleth", () => {
  it("has fixed breaks over 0–1 and shows percentages", () => {
    expect(classBreaks("score", [0, 0.5, 1])).toEqual([0.2, 0.4, 0.6, 0.8]);
    expect(formatMeasureValue("score", 0.667)).toBe("67%");
  });
});
