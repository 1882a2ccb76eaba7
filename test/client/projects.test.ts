import { describe, expect, it } from "vitest";
import type { MapProject } from "../../client/src/api/types.ts";
import {
  CATEGORY_COLORS,
  PROJECT_LAYER,
  PROJECT_POINTS_SOURCE,
  PROJECT_SHAPES_SOURCE,
  PROJECT_TILES_SOURCE,
  TILE_CLUSTER_MAX_ZOOM,
  TILE_THRESHOLD,
  clusterOptions,
  geometryBbox,
  projectFeatures,
  projectGroup,
  projectLayers,
  projectSourceMode,
  projectSources,
  projectTileTemplate,
  selectedProjectFilter,
  tileClusterExpansionZoom,
} from "../../client/src/map/layers/projects.ts";
import {
  CLUSTER_MAX_ZOOM,
  LOW_PRECISION as SERVER_LOW_PRECISION,
} from "../../server/src/modules/project/project-tiles.repository.ts";
import { LOCAL_FONT_STACK, LOW_PRECISION } from "../../client/src/map/layers/places.ts";
import { buildStyle } from "../../client/src/map/style.ts";

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

function project(over: Partial<MapProject>): MapProject {
  return {
    id: "p",
    name: "项目",
    nameEn: "Project",
    category: "LIVELIHOOD",
    precision: "NEAR",
    positionSource: "test",
    geometry: { type: "Point", coordinates: [112.5, 37.8] },
    status: "NOT_STARTED",
    ...over,
  };
}

const byId = (layers: ReturnType<typeof projectLayers>, id: string) =>
  layers.find((l) => l.id === id) as
    { filter?: unknown; paint?: Record<string, unknown>; source?: string; "source-layer"?: string } | undefined;

describe("project source mode", () => {
  it("clusters GeoJSON up to the threshold and reads vector tiles above it", () => {
    expect(projectSourceMode(undefined)).toBe("geojson");
    expect(projectSourceMode(51)).toBe("geojson");
    expect(projectSourceMode(TILE_THRESHOLD)).toBe("geojson");
    expect(projectSourceMode(TILE_THRESHOLD + 1)).toBe("tiles");
    expect(projectSourceMode(10, 5)).toBe("tiles");
  });

  it("builds a clustered point source and an unclustered shape source, or one vector source", () => {
    const g = projectSources("geojson");
    expect(Object.keys(g).sort()).toEqual([PROJECT_POINTS_SOURCE, PROJECT_SHAPES_SOURCE].sort());
    expect(g[PROJECT_POINTS_SOURCE]).toMatchObject({ type: "geojson", cluster: true });
    expect((g[PROJECT_SHAPES_SOURCE] as { cluster?: boolean }).cluster).toBeUndefined();
    const t = projectSources("tiles", {}, "http://127.0.0.1:1/tiles/projects/{z}/{x}/{y}.mvt");
    expect(t).toEqual({
      [PROJECT_TILES_SOURCE]: {
        type: "vector",
        tiles: ["http://127.0.0.1:1/tiles/projects/{z}/{x}/{y}.mvt"],
        minzoom: 0,
        maxzoom: 14,
      },
    });
  });

  it("asks the server for the chosen categories in the tile URL, in a stable order", () => {
    const t = projectSources("tiles", {}, "/tiles/projects/{z}/{x}/{y}.mvt", ["LIVELIHOOD", "ECOLOGICAL_RESTORATION"]);
    expect((t[PROJECT_TILES_SOURCE] as { tiles: string[] }).tiles).toEqual([
      "/tiles/projects/{z}/{x}/{y}.mvt?categories=ECOLOGICAL_RESTORATION,LIVELIHOOD",
    ]);
    expect(projectTileTemplate("/t/{z}/{x}/{y}.mvt", [])).toBe("/t/{z}/{x}/{y}.mvt");
  });

  it("zooms into a tile cluster two levels at a time, up to where the server stops clustering", () => {
    expect(tileClusterExpansionZoom(9.6)).toBe(11);
    expect(tileClusterExpansionZoom(12.2)).toBe(TILE_CLUSTER_MAX_ZOOM + 1);
    expect(tileClusterExpansionZoom(16)).toBe(TILE_CLUSTER_MAX_ZOOM + 1);
    expect(TILE_CLUSTER_MAX_ZOOM).toBe(CLUSTER_MAX_ZOOM);
    // the server's `approx` counts what the client draws hollow
    expect([...SERVER_LOW_PRECISION].sort()).toEqual([...LOW_PRECISION].sort());
  });

  it("counts approximate members of a cluster", () => {
    const c = clusterOptions();
    expect(c.cluster).toBe(true);
    expect(c.clusterMaxZoom).toBeLessThan(16);
    expect(JSON.stringify((c.clusterProperties as Record<string, unknown>).approx)).toContain("ADM2");
  });
});

describe("project features", () => {
  it("draws stand-ins for a county or the city as points at their middle, approximate areas as areas", () => {
    expect(projectGroup(project({}))).toBe("point");
    expect(projectGroup(project({ precision: "ADM2", geometry: square }))).toBe("point");
    expect(projectGroup(project({ precision: "ADM3", geometry: square }))).toBe("point");
    expect(projectGroup(project({ precision: "APPROXIMATE", geometry: square }))).toBe("area");
    expect(
      projectGroup(
        project({
          geometry: {
            type: "LineString",
            coordinates: [
              [112, 37],
              [113, 38],
            ],
          },
        }),
      ),
    ).toBe("line");
    expect(projectGroup(project({ geometry: null }))).toBeNull();
  });

  it("splits a MultiPoint into points, keeps precision, category and status on each, and draws no city-level stand-in", () => {
    const { points, shapes } = projectFeatures(
      [
        project({
          id: "a",
          geometry: {
            type: "MultiPoint",
            coordinates: [
              [112, 37],
              [112.1, 37.1],
            ],
          },
          status: "DELAYED",
        }),
        project({ id: "b", precision: "ADM3", geometry: square, category: null }),
        project({ id: "c", precision: "APPROXIMATE", geometry: square }),
        // known only to lie in the city: listed in the legend, drawn nowhere
        project({ id: "d", precision: "ADM2", geometry: { type: "Point", coordinates: [112.4, 37.96] } }),
      ],
      (p) => p.name,
    );
    expect(points.features.map((f) => f.properties.id)).toEqual(["a", "a", "b"]);
    expect(points.features[0].properties).toMatchObject({
      precision: "NEAR",
      status: "DELAYED",
      category: "LIVELIHOOD",
    });
    expect(points.features[2].geometry.coordinates).toEqual([112.4, 37.4]);
    expect(points.features[2].properties.category).toBe("NONE");
    expect(shapes.features.map((f) => f.properties.id)).toEqual(["c"]);
  });

  it("measures any geometry's bounds", () => {
    expect(geometryBbox(square)).toEqual([112, 37, 113, 38]);
    expect(geometryBbox({ type: "Point", coordinates: [1, 2] })).toEqual([1, 2, 1, 2]);
  });
});

describe("project layers", () => {
  const geo = projectLayers({ mode: "geojson", textFont: LOCAL_FONT_STACK });
  const tiles = projectLayers({ mode: "tiles", textFont: LOCAL_FONT_STACK });

  it("colours by category and rings reported statuses", () => {
    const surveyed = byId(geo, PROJECT_LAYER.pointSurveyed)!;
    expect(JSON.stringify(surveyed.paint!["circle-color"])).toContain(CATEGORY_COLORS.ECOLOGICAL_RESTORATION);
    const ring = byId(geo, PROJECT_LAYER.statusRing)!;
    expect(JSON.stringify(ring.filter)).toContain("NOT_STARTED");
    expect(JSON.stringify(ring.paint!["circle-stroke-color"])).toContain("DELAYED");
  });

  it("draws approximate points hollow with a halo, never like surveyed ones", () => {
    const lowLayer = byId(geo, PROJECT_LAYER.pointLow)!;
    expect(lowLayer.paint!["circle-color"]).toBe("#ffffff");
    expect(JSON.stringify(lowLayer.filter)).toContain("APPROXIMATE");
    expect(JSON.stringify(byId(geo, PROJECT_LAYER.pointHalo)!.filter)).toContain("ADM3");
    expect(JSON.stringify(byId(geo, PROJECT_LAYER.pointSurveyed)!.filter)).toContain('["!",["in",["get","precision"]');
  });

  it("keeps clusters out of the single-point layers and gives them a count", () => {
    expect(JSON.stringify(byId(geo, PROJECT_LAYER.pointSurveyed)!.filter)).toContain('["!",["has","point_count"]]');
    expect(byId(geo, PROJECT_LAYER.cluster)!.filter).toEqual(["has", "point_count"]);
    expect(byId(geo, PROJECT_LAYER.clusterCount)).toBeDefined();
  });

  it("reads tiles from the 'projects' layer: the server's clusters and single points, no status", () => {
    expect(byId(tiles, PROJECT_LAYER.statusRing)).toBeUndefined();
    for (const l of tiles as { source?: string; "source-layer"?: string }[]) {
      expect(l.source).toBe(PROJECT_TILES_SOURCE);
      expect(l["source-layer"]).toBe("projects");
    }
    expect(byId(tiles, PROJECT_LAYER.cluster)!.filter).toEqual(["has", "point_count"]);
    expect(byId(tiles, PROJECT_LAYER.clusterCount)!.filter).toEqual(["has", "point_count"]);
    expect(JSON.stringify(byId(tiles, PROJECT_LAYER.pointSurveyed)!.filter)).toContain('["!",["has","point_count"]]');
    // categories are the server's business in tile mode: no category filter in the style
    expect(JSON.stringify(tiles)).not.toContain('["in",["get","category"]');
  });

  it("selects one project, not a cluster", () => {
    expect(selectedProjectFilter("x")).toEqual([
      "all",
      ["==", ["geometry-type"], "Point"],
      ["!", ["has", "point_count"]],
      ["==", ["get", "id"], "x"],
    ]);
  });

  it("sits in the style between the places' shapes and their labels", () => {
    const ids = buildStyle({ basemap: null, choroplethColor: "#ccc" }).layers.map((l) => l.id);
    expect(ids.indexOf(PROJECT_LAYER.cluster)).toBeGreaterThan(ids.indexOf("point-surveyed"));
    expect(ids.indexOf(PROJECT_LAYER.cluster)).toBeLessThan(ids.indexOf("admin-label"));
  });
});
