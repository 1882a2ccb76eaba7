import { describe, expect, it } from "vitest";
import {
  DEFAULT_STATE,
  hasTaskFilter,
  isNavigation,
  parseRing,
  parseUrlState,
  serializeUrlState,
  type UrlState,
} from "../../client/src/state/url-state.ts";

describe("URL state", () => {
  it("parses the documented shareable links", () => {
    expect(parseUrlState("?place=gujiao")).toEqual({ ...DEFAULT_STATE, place: "gujiao" });
    const s = parseUrlState("?task=matter-8&lang=en");
    expect(s.task).toBe("matter-8");
    expect(s.lang).toBe("en");
    expect(parseUrlState("?lang=zh-Hant").lang).toBe("zh-Hant");
  });

  it("serialises the default state as an empty query", () => {
    expect(serializeUrlState(DEFAULT_STATE)).toBe("");
  });

  it("round-trips a state with every field set", () => {
    const s: UrlState = {
      lang: "zh-Hant",
      place: "qingxu",
      task: "reform-14",
      project: "fendong-finance-district",
      tab: "list",
      measure: "indicator:forest-coverage",
      asOf: "2014-06-30",
      citywide: true,
      q: "煤炭 & 焦化",
      kinds: ["MATTER", "PILOT"],
      statuses: ["DELAYED", "AT_RISK"],
      depts: ["city-land-resources-bureau"],
      sections: ["5.2"],
      within: [
        [112.5, 37.7],
        [112.7, 37.7],
        [112.7, 37.9],
        [112.5, 37.9],
      ],
      basemap: "osm",
      pcats: ["LIVELIHOOD", "ECOLOGICAL_RESTORATION"],
      pstatuses: ["COMPLETED"],
      pyear: 2014,
      csec: "users",
    };
    expect(parseUrlState(serializeUrlState(s))).toEqual(s);
  });

  it("round-trips each single field away from the default", () => {
    const variants: Partial<UrlState>[] = [
      { lang: "en" },
      { place: "gujiao" },
      { tab: "indicators" },
      { measure: "progress" },
      { q: "古交" },
      { kinds: ["REFORM"] },
      { citywide: true },
      { basemap: "none" },
      { project: "coal-trading-market" },
      { tab: "projects" },
      { measure: "overdue" },
      { measure: "unreported" },
      { pyear: 2015 },
      { tab: "console" },
      { tab: "console", csec: "links" },
    ];
    for (const v of variants) {
      const s = { ...DEFAULT_STATE, ...v };
      expect(parseUrlState(serializeUrlState(s))).toEqual(s);
    }
  });

  it("drops malformed values rather than failing", () => {
    const s = parseUrlState(
      "?lang=fr&tab=nope&measure=drop%20table&asOf=2014-13-45x&kinds=REFORM,BOGUS&within=1,2;3&place=%3Cscript%3E",
    );
    expect(s).toEqual({ ...DEFAULT_STATE, kinds: ["REFORM"] });
  });

  it("reads a closed ring as open, and refuses rings with fewer than three vertices", () => {
    expect(parseRing("1,2;3,4;5,6;1,2")).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(parseRing("1,2;3,4")).toBeNull();
    expect(parseRing("1,2;3,400;5,6")).toBeNull();
  });

  it("treats opening a panel as navigation and typing a filter as not", () => {
    expect(isNavigation(DEFAULT_STATE, { ...DEFAULT_STATE, place: "gujiao" })).toBe(true);
    expect(isNavigation(DEFAULT_STATE, { ...DEFAULT_STATE, q: "煤" })).toBe(false);
  });

  it("knows when a task filter is active", () => {
    expect(hasTaskFilter(DEFAULT_STATE)).toBe(false);
    expect(
      hasTaskFilter({
        ...DEFAULT_STATE,
        within: [
          [0, 0],
          [1, 0],
          [1, 1],
        ],
      }),
    ).toBe(true);
    expect(hasTaskFilter({ ...DEFAULT_STATE, place: "gujiao" })).toBe(false);
  });
});
