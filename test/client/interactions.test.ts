/** The map's interactions as pure functions (client/src/map/interactions.ts), without React, MapLibre or a browser. */
import { describe, expect, it } from "vitest";
import {
  closeRing,
  dimPaint,
  drawKey,
  fitBoundsFor,
  focusPlaceIds,
  highlightFilters,
  hoverLineFilter,
  pickFeature,
  pickOrder,
  polygonClick,
  rectangleDrag,
  taskFitBbox,
  unionBbox,
} from "../../client/src/map/interactions.ts";
import { INTERACTIVE_LAYERS, LAYER } from "../../client/src/map/layers/places.ts";
import type { LngLat } from "../../client/src/map/layers/draw.ts";

const hit = (layer: string, id: string) => ({ layer: { id: layer }, properties: { id } });

describe("pick", () => {
  const placePoints: string[] = [LAYER.pointSurveyed, LAYER.pointLow];
  const order = pickOrder(placePoints, ["projects-point", "projects-shape"], INTERACTIVE_LAYERS);

  it("orders a place's own points, then projects, then the places' other layers, each once", () => {
    expect(order.slice(0, 4)).toEqual([LAYER.pointSurveyed, LAYER.pointLow, "projects-point", "projects-shape"]);
    expect(new Set(order).size).toBe(order.length);
    expect(order.length).toBe(new Set([...placePoints, ...INTERACTIVE_LAYERS]).size + 2);
  });

  it("picks a place's point over a project on it, a project over an area, and nothing from nothing", () => {
    const area = INTERACTIVE_LAYERS.find((l) => !placePoints.includes(l))!;
    expect(pickFeature([hit("projects-point", "p1"), hit(LAYER.pointLow, "gujiao")], order)?.properties.id).toBe(
      "gujiao",
    );
    expect(pickFeature([hit(area, "qingxu"), hit("projects-shape", "p2")], order)?.properties.id).toBe("p2");
    expect(pickFeature([hit(area, "a"), hit(area, "b")], order)?.properties.id).toBe("a");
    expect(pickFeature([], order)).toBeUndefined();
  });
});

describe("highlight", () => {
  it("filters the focus layers by the focused ids, the selected line by the selection, the match line by the matches", () => {
    const f = highlightFilters(["gujiao"], "qingxu", ["a", "b"]);
    expect(JSON.stringify(f[LAYER.focusFill])).toContain("gujiao");
    expect(JSON.stringify(f[LAYER.pointFocus])).toContain('["==",["geometry-type"],"Point"]');
    expect(JSON.stringify(f[LAYER.selectedLine])).toContain("qingxu");
    expect(JSON.stringify(f[LAYER.selectedLine])).not.toContain("gujiao");
    expect(JSON.stringify(f[LAYER.matchLine])).toContain('["!=",["get","group"],"city"]');
    expect(JSON.stringify(f[LAYER.matchLine])).toContain('"a"');
    const none = highlightFilters([], null, null);
    expect(JSON.stringify(none[LAYER.selectedLine])).not.toContain("qingxu");
  });

  it("outlines the hovered place's boundary only, and nothing when no place is hovered", () => {
    expect(hoverLineFilter("gujiao")).toEqual([
      "all",
      ["!=", ["geometry-type"], "Point"],
      ["in", ["get", "id"], ["literal", ["gujiao"]]],
    ]);
    expect(hoverLineFilter(null)).toEqual([
      "all",
      ["!=", ["geometry-type"], "Point"],
      ["in", ["get", "id"], ["literal", []]],
    ]);
  });

  it("dims the unmatched places only while a filter matches some", () => {
    expect(dimPaint(null).every((p) => typeof p.value === "number")).toBe(true);
    const dimmed = dimPaint(["gujiao"]);
    expect(dimmed.find((p) => p.layer === LAYER.areaFill)?.value).toEqual([
      "case",
      ["in", ["get", "id"], ["literal", ["gujiao"]]],
      0.16,
      0.05,
    ]);
  });

  it("focuses the hovered place, else the hovered task's places, else the open task's places but the city", () => {
    const taskPlaces = new Map([["t1", ["a", "b"]]]);
    const currentTask = { places: [{ place: { id: "taiyuan" } }, { place: { id: "gujiao" } }] };
    const kindOf = (id: string) => (id === "taiyuan" ? "CITY" : "COUNTY");
    expect(focusPlaceIds({ hoverPlace: "x", hoverTask: "t1", taskPlaces, currentTask, kindOf })).toEqual(["x"]);
    expect(focusPlaceIds({ hoverPlace: null, hoverTask: "t1", taskPlaces, currentTask, kindOf })).toEqual(["a", "b"]);
    expect(focusPlaceIds({ hoverPlace: null, hoverTask: "t9", taskPlaces, currentTask, kindOf })).toEqual([]);
    expect(focusPlaceIds({ hoverPlace: null, hoverTask: null, taskPlaces, currentTask, kindOf })).toEqual(["gujiao"]);
    expect(focusPlaceIds({ hoverPlace: null, hoverTask: null, taskPlaces, currentTask: null, kindOf })).toEqual([]);
  });
});

describe("fit", () => {
  it("unites boxes, skipping malformed ones", () => {
    expect(unionBbox([[1, 2, 3, 4], [0, 3, 2, 5], [], [NaN, 0, 1, 1]])).toEqual([0, 2, 3, 5]);
    expect(unionBbox([[]])).toBeNull();
  });

  it("fits a task's local places, or the city when it has nothing else", () => {
    const city = { place: { kind: "CITY", bbox: [111, 37, 113, 39] } };
    const county = { place: { kind: "COUNTY", bbox: [112, 37.5, 112.2, 37.7] } };
    expect(taskFitBbox([city, county])).toEqual([112, 37.5, 112.2, 37.7]);
    expect(taskFitBbox([city])).toEqual([111, 37, 113, 39]);
  });

  it("pads the bounds and takes the padding whose camera zooms in furthest", () => {
    const paddings = ["left", "bottom", "right"];
    const zooms: Record<string, number | undefined> = { left: 9, bottom: 10.5, right: undefined };
    const { bounds, padding } = fitBoundsFor([112, 37, 113, 38], paddings, (_b, p) => zooms[p]);
    expect(padding).toBe("bottom");
    expect(bounds[0][0]).toBeCloseTo(111.998);
    expect(bounds[1][1]).toBeCloseTo(38.002);
    expect(fitBoundsFor([0, 0, 1, 1], paddings, () => undefined).padding).toBe("left");
  });
});

describe("draw", () => {
  const a: LngLat = [112, 37];
  const b: LngLat = [112.1, 37];
  const c: LngLat = [112.1, 37.1];

  it("adds a vertex per click and closes on the first vertex once there are three", () => {
    let s = polygonClick([], a, null);
    expect(s).toEqual({ ring: [a], done: null });
    s = polygonClick(s.ring, b, 50);
    s = polygonClick(s.ring, c, 50);
    expect(s.ring).toEqual([a, b, c]);
    // near the first vertex with only two vertices: another vertex, not a close
    expect(polygonClick([a, b], [112.0001, 37], 2).done).toBeNull();
    const closed = polygonClick(s.ring, [112.0001, 37], 3);
    expect(closed.done).toHaveLength(3);
    expect(closed.ring).toEqual([a, b, c]);
  });

  it("closes counter-clockwise, and refuses a degenerate ring", () => {
    const ring = closeRing([a, c, b])!; // clockwise in, counter-clockwise out
    expect(ring).toHaveLength(3);
    expect(closeRing([a, b, [112.2, 37]])).toBeNull();
  });

  it("cancels on Escape and closes a polygon on Enter", () => {
    expect(drawKey("Escape", "rectangle", [])).toEqual({ cancel: true });
    expect(drawKey("Enter", "polygon", [a, b])).toBeNull();
    expect(drawKey("Enter", "polygon", [a, b, c])).toMatchObject({ done: expect.any(Array) });
    expect(drawKey("Enter", "rectangle", [a, b, c])).toBeNull();
    expect(drawKey("x", "polygon", [a, b, c])).toBeNull();
  });

  it("takes a drag of 5 px or more both ways as a rectangle, anything less as a click", () => {
    expect(rectangleDrag(a, c, 40, -30)).toEqual([
      [112, 37],
      [112.1, 37],
      [112.1, 37.1],
      [112, 37.1],
    ]);
    expect(rectangleDrag(a, c, 40, 4)).toBeNull();
    expect(rectangleDrag(a, c, 2, 40)).toBeNull();
  });
});
