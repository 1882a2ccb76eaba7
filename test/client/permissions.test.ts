import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Role, SessionUser } from "../../client/src/api/types.ts";
import {
  canReport,
  canReview,
  canUploadObligations,
  hasReviewQueue,
  parseProgress,
  reportPlaceChoices,
  seesPlannerMeasures,
} from "../../client/src/features/reporting/permissions.ts";

function user(role: Role, over: Partial<SessionUser> = {}): SessionUser {
  return { id: "1", username: "u", displayName: "U", role, department: null, places: [], ...over };
}
const qingxu = { id: "qingxu", name: "清徐县", nameEn: "Qingxu", obligations: [{ task: { id: "pilot-counties" } }] };
const task = (id: string, leads: string[] = []) => ({ id, leadDepartments: leads.map((d) => ({ id: d })) });

describe("the permission mirror", () => {
  it("lets planners report on any task and nobody signed out", () => {
    expect(canReport(user("PLANNER"), task("reform-15"))).toBe(true);
    expect(canReport(null, task("reform-15"))).toBe(false);
    expect(canReport(user("VIEWER"), task("reform-15"))).toBe(false);
  });

  it("lets an area leader report only on obligations of their places", () => {
    const leader = user("AREA_LEADER", { places: [qingxu] });
    expect(canReport(leader, task("pilot-counties"))).toBe(true);
    expect(canReport(leader, task("reform-15"))).toBe(false);
    expect(reportPlaceChoices(leader, "pilot-counties").places.map((p) => p.id)).toEqual(["qingxu"]);
  });

  it("lets a department report on the tasks it leads", () => {
    const dept = user("DEPARTMENT", { department: { id: "commerce", name: "商务局", nameEn: "Commerce" } });
    expect(canReport(dept, task("matter-8", ["commerce"]))).toBe(true);
    expect(canReport(dept, task("matter-9", ["land"]))).toBe(false);
  });

  it("never lets anyone review their own report", () => {
    fc.assert(
      fc.property(fc.constantFrom<Role>("PLANNER", "AREA_LEADER", "DEPARTMENT", "VIEWER"), fc.string(), (role, id) => {
        const u = user(role, { id, department: { id: "d", name: "", nameEn: "" } });
        expect(canReview(u, task("t", ["d"]), id)).toBe(false);
      }),
    );
  });

  it("lets planners and the lead department review others' reports", () => {
    expect(canReview(user("PLANNER"), task("t"), "2")).toBe(true);
    const dept = user("DEPARTMENT", { department: { id: "d", name: "", nameEn: "" } });
    expect(canReview(dept, task("t", ["d"]), "2")).toBe(true);
    expect(canReview(dept, task("t", ["e"]), "2")).toBe(false);
    expect(canReview(user("AREA_LEADER"), task("t"), "2")).toBe(false);
  });

  it("shows the queue, the CSV upload and the planner measures to the right roles", () => {
    expect(hasReviewQueue(user("PLANNER"))).toBe(true);
    expect(hasReviewQueue(user("DEPARTMENT"))).toBe(true);
    expect(hasReviewQueue(user("AREA_LEADER"))).toBe(false);
    expect(canUploadObligations(user("AREA_LEADER", { places: [qingxu] }), "qingxu")).toBe(true);
    expect(canUploadObligations(user("AREA_LEADER", { places: [qingxu] }), "gujiao")).toBe(false);
    expect(canUploadObligations(user("VIEWER"), "qingxu")).toBe(false);
    expect(seesPlannerMeasures(user("PLANNER"))).toBe(true);
    expect(seesPlannerMeasures(user("DEPARTMENT"))).toBe(false);
  });

  it("reads progress as blank, 0-100, or invalid", () => {
    expect(parseProgress(" ")).toBeUndefined();
    expect(parseProgress("40")).toBe(40);
    expect(parseProgress("100")).toBe(100);
    expect(parseProgress("101")).toBeNaN();
    expect(parseProgress("-1")).toBeNaN();
    expect(parseProgress("abc")).toBeNaN();
  });
});
