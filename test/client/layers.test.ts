import { describe, expect, it } from "vitest";
import type { MapPlace } from "../../client/src/api/types.ts";
import {
  choroplethColorExpression,
  classBreaks,
  classColors,
  latestValue,
  legendClasses,
  NO_DATA_COLOR,
  PALETTES,
  summaryValue,
} from "../../client/src/map/layers/choropleth.ts";
import { drawFeatures, polygonFromRing, rectangleFromCorners, ringOf } from "../../client/src/map/layers/draw.ts";
import {
  lowPrecisionFilter,
  placeFeatures,
  placeGroup,
  placeLayers,
  surveyedFilter,
  LOCAL_FONT_STACK,
} from "../../client/src/map/layers/places.ts";
import { basemapParts } from "../../client/src/map/layers/basemap.ts";
import { buildStyle } from "../../client/src/map/style.ts";

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

describe("choropleth measures", () => {
  it("takes each measure from a status summary, with null for no data", () => {
    expect(summaryValue("obligations", summary)).toBe(10);
    expect(summaryValue("onTrack", summary)).toBeCloseTo(0.4);
    expect(summaryValue("delayed", summary)).toBeCloseTo(0.2);
    expect(summaryValue("progress", summary)).toBe(40);
    expect(summaryValue("onTrack", { ...summary, total: 0 })).toBeNull();
    expect(summaryValue("progress", { ...summary, reported: 0, meanProgress: null })).toBeNull();
  });

  it("uses the latest indicator value in or before the year", () => {
    const vs = [
      { year: 2013, value: 1 },
      { year: 2015, value: 3 },
      { year: 2014, value: 2 },
    ];
    expect(latestValue(vs, 2014)).toBe(2);
    expect(latestValue(vs, 2099)).toBe(3);
    expect(latestValue(vs, 2012)).toBeNull();
  });

  it("gives shares fixed breaks and counts whole-number breaks from the data", () => {
    expect(classBreaks("onTrack", [0.1, 0.9])).toEqual([0.2, 0.4, 0.6, 0.8]);
    expect(classBreaks("obligations", [3, 3, 5])).toEqual([5]);
    const b = classBreaks("obligations", [1, 2, 3, 5, 8, 13, 21, 34, 55, 89]);
    expect(b.length).toBe(4);
    expect(b.every(Number.isInteger)).toBe(true);
    expect([...b].sort((x, y) => x - y)).toEqual(b);
    expect(classBreaks("indicator", [7, 7])).toEqual([]);
  });

  it("builds a step expression over `value` with a no-data colour", () => {
    const expr = choroplethColorExpression("obligations", [5, 10]) as unknown[];
    expect(expr[0]).toBe("case");
    expect(expr[1]).toEqual(["has", "value"]);
    expect(expr[3]).toBe(NO_DATA_COLOR);
    const colors = classColors("obligations", [5, 10]);
    expect(expr[2]).toEqual(["step", ["get", "value"], colors[0], 5, colors[1], 10, colors[2]]);
    expect(colors[0]).toBe(PALETTES.obligations[0]);
    expect(colors[2]).toBe(PALETTES.obligations[4]);
  });

  it("names every class in the legend, in order, matching the expression's colours", () => {
    const classes = legendClasses("obligations", [5, 10]);
    expect(classes.map((c) => c.label)).toEqual(["< 5", "5–9", "≥ 10"]);
    expect(classes.map((c) => c.color)).toEqual(classColors("obligations", [5, 10]));
    expect(legendClasses("onTrack", [0.2, 0.4, 0.6, 0.8]).map((c) => c.label)).toEqual([
      "< 20%",
      "20%–40%",
      "40%–60%",
      "60%–80%",
      "≥ 80%",
    ]);
  });
});

describe("precision styling", () => {
  it("splits precisions into surveyed and approximate filters", () => {
    expect(lowPrecisionFilter()).toEqual(["in", ["get", "precision"], ["literal", ["ADM2", "ADM3", "APPROXIMATE"]]]);
    expect(surveyedFilter()).toEqual(["!", lowPrecisionFilter()]);
  });

  it("draws a zone known only to its county as a point at its centroid", () => {
    const p = place({ precision: "ADM3", geometry: square, centroid: { type: "Point", coordinates: [112.4, 37.6] } });
    expect(placeGroup(p)).toBe("point");
    const fc = placeFeatures([p], (x) => x.name);
    expect(fc.features[0].geometry).toEqual({ type: "Point", coordinates: [112.4, 37.6] });
    expect(fc.features[0].properties.precision).toBe("ADM3");
  });

  it("keeps admin units, approximate areas and points apart", () => {
    expect(placeGroup(place({ kind: "COUNTY", geometry: square }))).toBe("admin");
    expect(placeGroup(place({ kind: "SCENIC_AREA", precision: "APPROXIMATE", geometry: square }))).toBe("area");
    expect(placeGroup(place({ kind: "CITY", geometry: square }))).toBe("city");
    expect(placeGroup(place({}))).toBe("point");
  });

  it("puts the measure value on features only where there is one", () => {
    const fc = placeFeatures(
      [place({ id: "a" }), place({ id: "b" })],
      (x) => x.name,
      new Map([
        ["a", 3],
        ["b", null],
      ]),
    );
    expect(fc.features[0].properties.value).toBe(3);
    expect("value" in fc.features[1].properties).toBe(false);
  });

  it("draws approximate points hollow with a halo and surveyed points filled", () => {
    const layers = placeLayers({ choroplethColor: "#fff", choroplethOpacity: 1, textFont: LOCAL_FONT_STACK });
    const low = layers.find((l) => l.id === "point-low")!;
    const halo = layers.find((l) => l.id === "point-halo")!;
    const surveyed = layers.find((l) => l.id === "point-surveyed")!;
    expect(JSON.stringify((low as { filter?: unknown }).filter)).toContain(JSON.stringify(lowPrecisionFilter()));
    expect(JSON.stringify((halo as { filter?: unknown }).filter)).toContain(JSON.stringify(lowPrecisionFilter()));
    expect(JSON.stringify((surveyed as { filter?: unknown }).filter)).toContain(JSON.stringify(surveyedFilter()));
    expect((low.paint as Record<string, unknown>)["circle-color"]).toBe("#ffffff");
  });
});

describe("style", () => {
  const offline = buildStyle({ basemap: null, choroplethColor: "#ccc" });

  it("has no glyphs URL and no sprite offline", () => {
    expect(offline.glyphs).toBeUndefined();
    expect(offline.sprite).toBeUndefined();
  });

  it("has only inline GeoJSON sources offline", () => {
    for (const src of Object.values(offline.sources)) {
      expect(src.type).toBe("geojson");
      expect(typeof (src as { data: unknown }).data).toBe("object");
    }
    expect(JSON.stringify(offline)).not.toMatch(/https?:\/\//);
  });

  it("labels with local CJK fonts offline", () => {
    const labels = offline.layers.filter((l) => l.type === "symbol");
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) expect((l.layout as Record<string, unknown>)["text-font"]).toEqual(LOCAL_FONT_STACK);
  });

  it("puts a raster basemap under everything of ours, with attribution", () => {
    const s = buildStyle({
      basemap: { kind: "raster", tiles: ["https://tile.example/{z}/{x}/{y}.png"], attribution: "© OSM" },
      choroplethColor: "#ccc",
    });
    expect(s.layers[1].id).toBe("bm-raster");
    expect((s.sources["bm-raster"] as { attribution?: string }).attribution).toBe("© OSM");
    expect(s.glyphs).toBeUndefined();
  });

  it("prefixes a vector basemap's sources and layers and drops its background", () => {
    const parts = basemapParts({
      kind: "vector",
      attribution: "OFM",
      style: {
        version: 8,
        glyphs: "https://g/{fontstack}/{range}.pbf",
        sources: { openmaptiles: { type: "vector", url: "https://t/planet" } },
        layers: [
          { id: "background", type: "background" },
          { id: "water", type: "fill", source: "openmaptiles", "source-layer": "water" },
        ],
      },
    });
    expect(Object.keys(parts.sources)).toEqual(["bm-openmaptiles"]);
    expect(parts.layers.map((l) => l.id)).toEqual(["bm-water"]);
    expect((parts.layers[0] as { source: string }).source).toBe("bm-openmaptiles");
    expect(parts.glyphs).toBe("https://g/{fontstack}/{range}.pbf");
  });
});

describe("drawn filters", () => {
  it("builds a closed rectangle from any two corners", () => {
    expect(rectangleFromCorners([113, 38], [112, 37])).toEqual(square);
  });

  it("closes a ring counter-clockwise and refuses degenerate ones", () => {
    const cw: [number, number][] = [
      [0, 0],
      [0, 1],
      [1, 1],
      [1, 0],
    ];
    const poly = polygonFromRing(cw)!;
    expect(poly.coordinates[0][0]).toEqual(poly.coordinates[0][4]);
    expect(poly.coordinates[0]).toEqual([
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
      [1, 0],
    ]);
    expect(
      polygonFromRing([
        [0, 0],
        [1, 1],
        [1, 1],
      ]),
    ).toBeNull();
    expect(
      polygonFromRing([
        [0, 0],
        [1, 1],
        [2, 2],
      ]),
    ).toBeNull();
    expect(ringOf(poly)).toHaveLength(4);
  });

  it("shows vertices while drawing and only the shape once closed", () => {
    const ring: [number, number][] = [
      [0, 0],
      [1, 0],
      [1, 1],
    ];
    expect(drawFeatures(ring, false).features.filter((f) => f.geometry.type === "Point")).toHaveLength(3);
    expect(drawFeatures(ring, true).features.map((f) => f.geometry.type)).toEqual(["Polygon"]);
  });
});

describe("deployment config", async () => {
  const { normalizeConfig } = await import("../../client/src/config.ts");

  it("defaults to offline and offers both online basemaps in the switcher", () => {
    const c = normalizeConfig(undefined);
    expect(c.basemap).toBe("none");
    expect(Object.keys(c.basemaps).sort()).toEqual(["osm", "positron"]);
  });

  it("reads the server's basemapUrl: a tile template is the raster basemap, shown by default", () => {
    const c = normalizeConfig({ basemapUrl: "https://tiles.example.org/{z}/{x}/{y}.png" });
    expect(c.basemap).toBe("osm");
    expect(c.basemaps.osm?.url).toBe("https://tiles.example.org/{z}/{x}/{y}.png");
    expect(normalizeConfig({ basemapUrl: null }).basemap).toBe("none");
    expect(normalizeConfig({ basemapUrl: "https://tiles.openfreemap.org/styles/liberty" }).basemap).toBe("positron");
  });

  it("takes the server's tile threshold for projects when it is a count, else 20,000", () => {
    expect(normalizeConfig(undefined).projectTileThreshold).toBe(20_000);
    expect(normalizeConfig({ projectTileThreshold: 10 }).projectTileThreshold).toBe(10);
    expect(normalizeConfig({ projectTileThreshold: 0 }).projectTileThreshold).toBe(0);
    expect(normalizeConfig({ projectTileThreshold: -1 }).projectTileThreshold).toBe(20_000);
    expect(normalizeConfig({ projectTileThreshold: "10" }).projectTileThreshold).toBe(20_000);
  });

  it("ignores a basemap it cannot offer", () => {
    expect(normalizeConfig({ basemap: "satellite" }).basemap).toBe("none");
    expect(normalizeConfig({ basemap: "osm", basemaps: {} }).basemap).toBe("none");
  });
});

describe("planner measures", () => {
  it("counts overdue and not-reported tasks, with count breaks", async () => {
    const {
      summaryValue: sv,
      classBreaks: cb,
      formatMeasureValue,
    } = await import("../../client/src/map/layers/choropleth.ts");
    const s = {
      total: 10,
      notStarted: 4,
      inProgress: 3,
      atRisk: 1,
      delayed: 1,
      completed: 1,
      meanProgress: 40,
      reported: 5,
      overdue: 7,
    };
    expect(sv("overdue", s)).toBe(7);
    expect(sv("unreported", s)).toBe(5);
    expect(sv("overdue", { ...s, overdue: undefined })).toBeNull();
    expect(cb("overdue", [1, 2, 3]).every(Number.isInteger)).toBe(true);
    expect(formatMeasureValue("unreported", 4.2)).toBe("4");
  });
});
