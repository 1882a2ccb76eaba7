/**
 * Indicator values go through review like progress reports: an area leader's figure waits
 * (SUBMITTED) until a planner approves it; a planner's counts at once; only APPROVED figures
 * are read by Indicator.values, latest, attainment and Place.indicatorValues (the choropleth).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { testServer } from "../../support/server.ts";
import { createPlanner, createUser, type Account } from "../report/accounts.ts";

const RECORD = `mutation($input: IndicatorValueInput!) { recordIndicatorValue(input: $input) { id year value review reviewedAt } }`;
const REVIEW = `mutation($id: ID!, $d: ReviewDecision!, $n: String) { reviewIndicatorValue(id: $id, decision: $d, note: $n) { id review reviewNote reviewedBy { id } } }`;
const FIGURES = `query($i: ID!, $p: ID!) {
  indicator(id: $i) { values(placeId: $p) { year value review } latest(placeId: $p) { value } }
  place(id: $p) { indicatorValues(indicatorId: $i) { year value } }
}`;
const RECORDS = `query($i: ID, $p: ID, $r: ReviewState) { indicatorValueRecords(indicatorId: $i, placeId: $p, review: $r, first: 100) { id value review recordedBy { id } } }`;

let planner: Account;
let other: Account;
let leader: Account;
let viewer: Account;
let indicatorId: string;
// a year of its own per test run, so the figures of other test files never mix in
const year = 2000 + (Date.now() % 90);

async function gql(query: string, variables: Record<string, unknown>, by?: Account) {
  const s = await testServer();
  return s.gql(query, variables, by?.auth);
}

async function record(by: Account, placeId: string, value: number) {
  return gql(RECORD, { input: { indicatorId, placeId, year, value, source: "review test bulletin" } }, by);
}

beforeAll(async () => {
  planner = await createPlanner("value-planner");
  other = await createPlanner("value-reviewer");
  leader = await createUser(planner, { role: "AREA_LEADER", placeIds: ["gujiao"] });
  viewer = await createUser(planner, { role: "VIEWER" });
  const r = await gql(`{ indicators { id } }`, {});
  indicatorId = r.body.data.indicators[0].id;
});

describe("indicator value review", () => {
  it("a planner's figure is APPROVED and counts at once", async () => {
    const r = await record(planner, "qingxu", 11);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.recordIndicatorValue).toMatchObject({ review: "APPROVED", value: 11 });
    expect(r.body.data.recordIndicatorValue.reviewedAt).not.toBeNull();
    const f = await gql(FIGURES, { i: indicatorId, p: "qingxu" });
    expect(f.body.data.indicator.values.filter((v: { year: number }) => v.year === year)).toEqual([
      { year, value: 11, review: "APPROVED" },
    ]);
  });

  it("an area leader's figure is SUBMITTED and counts for nobody until a planner approves it", async () => {
    const approved = await record(planner, "gujiao", 5);
    expect(approved.body.data.recordIndicatorValue.review).toBe("APPROVED");
    const r = await record(leader, "gujiao", 7);
    expect(r.body.errors).toBeUndefined();
    const id = r.body.data.recordIndicatorValue.id;
    expect(r.body.data.recordIndicatorValue).toMatchObject({ review: "SUBMITTED", reviewedAt: null });

    // the newer, pending figure does not replace the approved one, for any reader
    for (const by of [undefined, viewer, leader, planner]) {
      const f = await gql(FIGURES, { i: indicatorId, p: "gujiao" }, by);
      expect(f.body.errors).toBeUndefined();
      expect(f.body.data.indicator.values.find((v: { year: number }) => v.year === year)?.value).toBe(5);
      expect(f.body.data.place.indicatorValues.find((v: { year: number }) => v.year === year)?.value).toBe(5);
    }

    // the records list shows it to planners and to its author, not to anonymous users or viewers
    const seen = async (by?: Account) =>
      (
        (await gql(RECORDS, { i: indicatorId, p: "gujiao" }, by)).body.data.indicatorValueRecords as { id: string }[]
      ).some((v) => v.id === id);
    expect(await seen(planner)).toBe(true);
    expect(await seen(leader)).toBe(true);
    expect(await seen(viewer)).toBe(false);
    expect(await seen(undefined)).toBe(false);
    const queue = await gql(RECORDS, { r: "SUBMITTED" }, planner);
    expect(queue.body.data.indicatorValueRecords.map((v: { id: string }) => v.id)).toContain(id);

    // only planners review
    const byLeader = await gql(REVIEW, { id, d: "APPROVE" }, leader);
    expect(byLeader.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const byViewer = await gql(REVIEW, { id, d: "APPROVE" }, viewer);
    expect(byViewer.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const anonymous = await gql(REVIEW, { id, d: "APPROVE" });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    const ok = await gql(REVIEW, { id, d: "APPROVE", n: "matches the bulletin" }, planner);
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.reviewIndicatorValue).toMatchObject({
      id,
      review: "APPROVED",
      reviewNote: "matches the bulletin",
      reviewedBy: { id: planner.id },
    });

    const f = await gql(FIGURES, { i: indicatorId, p: "gujiao" });
    expect(f.body.data.indicator.values.find((v: { year: number }) => v.year === year)?.value).toBe(7);

    // who recorded and who reviewed a figure: people, shown to signed-in users other than viewers, as for reports
    const PEOPLE = `query($i: ID!, $p: ID!) { indicator(id: $i) { values(placeId: $p) { year recordedBy { id } reviewedBy { id } } } }`;
    const people = async (by?: Account) =>
      (await gql(PEOPLE, { i: indicatorId, p: "gujiao" }, by)).body.data.indicator.values.find(
        (v: { year: number }) => v.year === year,
      );
    expect(await people(planner)).toEqual({ year, recordedBy: { id: leader.id }, reviewedBy: { id: planner.id } });
    expect(await people(undefined)).toEqual({ year, recordedBy: null, reviewedBy: null });
    expect(await people(viewer)).toEqual({ year, recordedBy: null, reviewedBy: null });
    expect(f.body.data.place.indicatorValues.find((v: { year: number }) => v.year === year)?.value).toBe(7);

    // decided once
    const again = await gql(REVIEW, { id, d: "RETURN" }, other);
    expect(again.body.errors?.[0]?.extensions?.code).toBe("CONFLICT");
  });

  it("a returned figure never counts, and stays visible to its author with the note", async () => {
    const r = await record(leader, "gujiao", 999);
    const id = r.body.data.recordIndicatorValue.id;
    const back = await gql(REVIEW, { id, d: "RETURN", n: "no such bulletin" }, other);
    expect(back.body.data.reviewIndicatorValue.review).toBe("RETURNED");
    const f = await gql(FIGURES, { i: indicatorId, p: "gujiao" }, planner);
    expect(f.body.data.indicator.values.find((v: { year: number }) => v.year === year)?.value).not.toBe(999);
    const mine = await gql(RECORDS, { p: "gujiao", r: "RETURNED" }, leader);
    expect(mine.body.data.indicatorValueRecords.map((v: { id: string }) => v.id)).toContain(id);
  });

  it("refuses unknown ids, bad ids and an area leader outside their places", async () => {
    const unknown = await gql(REVIEW, { id: "999999999", d: "APPROVE" }, planner);
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const bad = await gql(REVIEW, { id: "x1", d: "APPROVE" }, planner);
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    const outside = await record(leader, "qingxu", 1);
    expect(outside.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const noSource = await gql(
      RECORD,
      { input: { indicatorId, placeId: "gujiao", year, value: 1, source: " " } },
      leader,
    );
    expect(noSource.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "source" });
  });
});
