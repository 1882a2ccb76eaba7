import { describe, expect, it } from "vitest";
import { readGazetteer } from "../../geo/read-gazetteer.ts";
import { linkPlaces } from "../../geo/src/link-places.ts";
import { fixtures } from "./support/fixtures.ts";

const gazetteer = readGazetteer();

describe("linkPlaces fixtures", () => {
  for (const fx of fixtures("link-places")) {
    it(fx.name, () => {
      const links = linkPlaces(fx.input.plan, gazetteer);
      // The evidence's words make the fixture output readable and check the offsets.
      const actual = links.map((l) => ({
        ...l,
        words: l.evidence ? fx.input.plan.sourceText.slice(l.evidence.start, l.evidence.end) : null,
      }));
      if (fx.regen(actual)) return;
      expect(actual).toEqual(fx.expected());
    });
  }
});

describe("linkPlaces", () => {
  const plan = (text: string, leads: { departmentId: string; span: { start: number; end: number } }[] = []) => ({
    sourceText: text,
    tasks: [{ id: "t", text, span: { start: 0, end: text.length }, leads }],
    departments: [{ id: "gujiao-government", jurisdictionPlaceId: "gujiao" }],
  });

  it("links a task naming no place to the city, citywide, without evidence", () => {
    expect(linkPlaces(plan("完善設立審批制度。"), gazetteer)).toEqual([
      { taskId: "t", placeId: "taiyuan", role: "SUBJECT", evidence: null },
    ]);
  });

  it("keeps one direct link per place, the strongest role", () => {
    const links = linkPlaces(plan("以古交市為試點,推進古交市建設。"), gazetteer);
    expect(links.map((l) => `${l.placeId} ${l.role}`)).toEqual(["gujiao PILOT"]);
  });

  it("does not read the lead parenthetical as a mention", () => {
    const text = "提高服務水平。(牽頭部門:古交市政府)";
    const links = linkPlaces(
      plan(text, [{ departmentId: "gujiao-government", span: { start: 13, end: 18 } }]),
      gazetteer,
    );
    expect(links).toEqual([{ taskId: "t", placeId: "gujiao", role: "LEAD", evidence: { start: 13, end: 18 } }]);
  });

  it("does not take 不銹鋼 (the trade) for the stainless-steel park", () => {
    const links = linkPlaces(plan("大力發展煤、焦、不銹鋼、機械裝備等專業物流。"), gazetteer);
    expect(links.map((l) => l.placeId)).toEqual(["taiyuan"]);
  });
});
