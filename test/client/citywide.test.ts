import { describe, expect, it } from "vitest";
import type { MapPlace, MapProject } from "../../client/src/api/types.ts";
import { citywideItems } from "../../client/src/map/layers/citywide.ts";
import { labelFeatures, placeFeatures, placeGroup } from "../../client/src/map/layers/places.ts";

const summary = {
  total: 0,
  notStarted: 0,
  inProgress: 0,
  atRisk: 0,
  delayed: 0,
  completed: 0,
  meanProgress: null,
  reported: 0,
  overdue: 0,
};
const STAND_IN = { type: "Point" as const, coordinates: [112.398724, 37.96166] };

function place(id: string, precision: MapPlace["precision"], kind: MapPlace["kind"] = "DEVELOPMENT_ZONE"): MapPlace {
  return {
    id,
    code: null,
    name: id,
    nameEn: id,
    kind,
    precision,
    geometry: STAND_IN,
    centroid: STAND_IN,
    bbox: [112.398724, 37.96166, 112.398724, 37.96166],
    areaKm2: null,
    source: "test",
    parent: null,
    statusSummary: summary,
  } as MapPlace;
}

describe("the city-wide group", () => {
  const places = [
    place("pez", "ADM2"),
    place("hi-tech", "NEAR"),
    place("park", "ADM3"),
    place("taikuang", "ADM2", "HERITAGE_SITE"),
  ];

  it("is neither drawn nor labelled on the map", () => {
    expect(places.map(placeGroup)).toEqual(["citywide", "point", "point", "citywide"]);
    expect(placeFeatures(places, (p) => p.name).features.map((f) => f.properties.id)).toEqual(["hi-tech", "park"]);
    expect(labelFeatures(places, (p) => p.name).features.map((f) => f.properties.id)).toEqual(["hi-tech", "park"]);
  });

  it("lists the places, then the projects, known only at city level", () => {
    const projects = [
      { id: "p1", name: "一", precision: "ADM2" },
      { id: "p2", name: "二", precision: "NEAR" },
      { id: "p3", name: "三", precision: "ADM2" },
    ] as MapProject[];
    expect(
      citywideItems(
        places,
        projects,
        (p) => p.name,
        (p) => p.name,
      ),
    ).toEqual([
      { kind: "place", id: "pez", name: "pez" },
      { kind: "place", id: "taikuang", name: "taikuang" },
      { kind: "project", id: "p1", name: "一" },
      { kind: "project", id: "p3", name: "三" },
    ]);
  });
});
