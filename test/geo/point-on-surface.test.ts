import fc from "fast-check";
import { booleanPointInPolygon } from "@turf/turf";
import type { Polygon, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { pointOnSurface } from "../../geo/src/point-on-surface.ts";

describe("pointOnSurface", () => {
  it("returns a point as itself", () => {
    expect(pointOnSurface({ type: "Point", coordinates: [112.4424, 37.7079] })).toEqual({
      type: "Point",
      coordinates: [112.4424, 37.7079],
    });
  });

  it("stays inside a C-shaped polygon whose centroid lies outside it", () => {
    const c: Polygon = {
      type: "Polygon",
      coordinates: [
        [
          [112, 37],
          [113, 37],
          [113, 37.2],
          [112.2, 37.2],
          [112.2, 37.8],
          [113, 37.8],
          [113, 38],
          [112, 38],
          [112, 37],
        ],
      ],
    };
    expect(booleanPointInPolygon(pointOnSurface(c), c)).toBe(true);
  });

  it("stays inside any star-shaped polygon", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 3, maxLength: 30 }), (radii) => {
        const ring: Position[] = radii.map((r, i) => [
          112.5 + r * Math.cos((2 * Math.PI * i) / radii.length),
          37.8 + r * Math.sin((2 * Math.PI * i) / radii.length),
        ]);
        ring.push([...ring[0]]);
        const poly: Polygon = { type: "Polygon", coordinates: [ring] };
        return booleanPointInPolygon(pointOnSurface(poly), poly);
      }),
    );
  });
});
