import { describe, expect, it } from "vitest";
import type { MapPlace } from "../../client/src/api/types.ts";
import { choroplethColorExpression, classBreaks, summaryValue } from "../../client/src/map/layers/choropleth.ts";
import { labelFeatures, placeFeatures } from "../../client/src/map/layers/places.ts";
import { sameFeatures, startupPlaces } from "../../client/src/map/layers/startup-places.ts";
import { parseUrlState } from "../../client/src/state/url-state.ts";

const summary = {
  total: 10,
  notStarted: 4,
  inProgress: 3,
  atRisk: 1,
  delayed: 1,
  completed: 1,
  meanProgress: 40,
  reported: 5,
  overdue: 0,
};
const square = {
  type: "Polygon" as const,
  coordinates: [
    [
      [112, 37],
      [113, 37],
      [113, 38],
      [112, 38],
      [112, 37],
    ],
  ],
};

function place(over: Partial<MapPlace>): MapPlace {
  return {
    id: "p",
    code: null,
    name: "地",
    nameEn: "Place",
    kind: "DEVELOPMENT_ZONE",
    precision: "NEAR",
    geometry: { type: "Point", coordinates: [112.5, 37.8] },
    centroid: { type: "Point", coordinates: [112.5, 37.8] },
    bbox: [112.5, 37.8, 112.5, 37.8],
    areaKm2: null,
    source: "test",
    parent: null,
    statusSummary: summary,
    ...over,
  };
}

const places = [
  place({ id: "taiyuan", kind: "CITY", geometry: square, precision: "EXACT" }),
  place({
    id: "gujiao",
    kind: "COUNTY_CITY",
    name: "古交",
    nameEn: "Gujiao",
    geometry: square,
    precision: "EXACT",
    statusSummary: { ...summary, total: 3 },
  }),
  place({
    id: "qingxu",
    kind: "COUNTY",
    name: "清徐",
    nameEn: "Qingxu",
    geometry: square,
    precision: "EXACT",
    statusSummary: { ...summary, total: 7 },
  }),
  place({ id: "zone", name: "园区", nameEn: "Zone" }),
  place({ id: "somewhere", precision: "ADM2" }),
];

describe("the places drawn from the startup answer", () => {
  it("are what the app draws first for the URL: the same features, labels and classes", () => {
    const first = startupPlaces(places, parseUrlState("?lang=en"))!;
    const label = (p: MapPlace) => p.nameEn ?? p.name;
    const values = new Map(places.map((p) => [p.id, summaryValue("obligations", p.statusSummary)]));
    expect(first.places).toEqual(placeFeatures(places, label, values));
    expect(first.labels).toEqual(labelFeatures(places, label));
    expect(first.choroplethColor).toEqual(choroplethColorExpression("obligations", classBreaks("obligations", [3, 7])));
    // the app's features, built anew from the same answer, are recognised as the same
    expect(sameFeatures(first.places, placeFeatures(places, label, values))).toBe(true);
    expect(sameFeatures(first.labels, labelFeatures(places, label))).toBe(true);
  });

  it("follow the measure and the language of the URL", () => {
    const first = startupPlaces(places, parseUrlState("?measure=delayed"))!;
    const gujiao = first.places.features.find((f) => f.properties?.id === "gujiao")!;
    expect(gujiao.properties?.name).toBe("古交");
    expect(gujiao.properties?.value).toBeCloseTo(2 / 3);
  });

  it("are left to the app when the first drawing needs another query", () => {
    expect(startupPlaces(places, parseUrlState("?q=煤炭"))).toBeNull();
    expect(startupPlaces(places, parseUrlState("?tab=assessment"))).toBeNull();
    expect(startupPlaces(places, parseUrlState("?measure=indicator:gdp"))).toBeNull();
    expect(startupPlaces([], parseUrlState(""))).toBeNull();
  });
});

describe("sameFeatures", () => {
  const a = placeFeatures(places, (p) => p.name);
  it("tells a different geometry object, id or property value apart", () => {
    expect(sameFeatures(undefined, a)).toBe(false);
    expect(sameFeatures(a, { ...a, features: a.features.slice(1) })).toBe(false);
    const geometry = {
      ...a,
      features: a.features.map((f, i) => (i === 0 ? { ...f, geometry: structuredClone(f.geometry) } : f)),
    };
    expect(sameFeatures(a, geometry)).toBe(false);
    const value = {
      ...a,
      features: a.features.map((f, i) => (i === 1 ? { ...f, properties: { ...f.properties!, value: 99 } } : f)),
    };
    expect(sameFeatures(a, value)).toBe(false);
    expect(
      sameFeatures(
        a,
        placeFeatures(places, (p) => p.name),
      ),
    ).toBe(true);
  });
});
