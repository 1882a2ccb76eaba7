import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Feature, Polygon, Position } from "geojson";
import { buildGazetteer } from "../../geo/src/build-gazetteer.ts";
import { validateGeometry } from "../../geo/src/validate-geometry.ts";
import { fixtures } from "./support/fixtures.ts";

describe("validateGeometry fixtures", () => {
  for (const fx of fixtures("validate-geometry")) {
    it(fx.name, () => {
      const actual = validateGeometry(fx.input);
      if (fx.regen(actual)) return;
      expect(actual).toEqual(fx.expected());
    });
  }

  it("names the feature in every refusal", () => {
    for (const fx of fixtures("validate-geometry")) {
      for (const p of validateGeometry(fx.input)) expect(p.message).toContain(`feature ${fx.input.properties.id}`);
    }
  });
});

/** A star-shaped ring (radii vary, angles increase) is simple and counter-clockwise. */
const starPolygon = fc
  .record({
    lng: fc.double({ min: 74, max: 134, noNaN: true }),
    lat: fc.double({ min: 19, max: 53, noNaN: true }),
    radii: fc.array(fc.double({ min: 0.05, max: 0.5, noNaN: true }), { minLength: 3, maxLength: 24 }),
  })
  .map(({ lng, lat, radii }): Feature<Polygon, { id: string }> => {
    const ring: Position[] = radii.map((r, i) => {
      const a = (2 * Math.PI * i) / radii.length;
      return [lng + r * Math.cos(a), lat + r * Math.sin(a)];
    });
    ring.push([...ring[0]]);
    return { type: "Feature", properties: { id: "star" }, geometry: { type: "Polygon", coordinates: [ring] } };
  });

describe("validateGeometry properties", () => {
  it("accepts every counter-clockwise star-shaped polygon inside China", () => {
    fc.assert(fc.property(starPolygon, (f) => validateGeometry(f).length === 0));
  });

  it("refuses the same polygon wound clockwise, and only for its winding", () => {
    fc.assert(
      fc.property(starPolygon, (f) => {
        const reversed = {
          ...f,
          geometry: { type: "Polygon" as const, coordinates: [[...f.geometry.coordinates[0]].reverse()] },
        };
        const codes = validateGeometry(reversed).map((p) => p.code);
        return codes.length === 1 && codes[0] === "RING_ORIENTATION";
      }),
    );
  });

  it("refuses the polygon once its ring is left open", () => {
    fc.assert(
      fc.property(starPolygon, (f) => {
        const open = {
          ...f,
          geometry: { type: "Polygon" as const, coordinates: [f.geometry.coordinates[0].slice(0, -1)] },
        };
        return validateGeometry(open).some((p) => p.code === "OPEN_RING" || p.code === "SHORT_RING");
      }),
    );
  });

  it("refuses any point outside 73–135 E, 18–54 N and accepts any inside", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -90, max: 90, noNaN: true }),
        (lng, lat) => {
          const inChina = lng >= 73 && lng <= 135 && lat >= 18 && lat <= 54;
          const problems = validateGeometry({
            type: "Feature",
            properties: { id: "p" },
            geometry: { type: "Point", coordinates: [lng, lat] },
          });
          return inChina ? problems.length === 0 : problems.length === 1 && problems[0].code === "OUTSIDE_CHINA";
        },
      ),
    );
  });
});

describe("the gazetteer loader", () => {
  const empty = { type: "FeatureCollection" as const, features: [] };
  const place = (geometry: unknown) => ({
    type: "Feature",
    properties: {
      id: "bad-zone",
      code: null,
      name: "坏区",
      nameHant: "壞區",
      nameEn: "Bad",
      kind: "OTHER",
      parentId: null,
      precision: "NEAR",
      source: "test",
    },
    geometry,
  });
  const aliases = { places: { "bad-zone": ["壞區"] }, composites: [], generics: [] };

  it("refuses a feature with a bow-tie polygon, naming it", () => {
    const bowTie = {
      type: "Polygon",
      coordinates: [
        [
          [112.5, 37.8],
          [112.6, 37.9],
          [112.6, 37.8],
          [112.5, 37.9],
          [112.5, 37.8],
        ],
      ],
    };
    expect(() =>
      buildGazetteer(empty, { type: "FeatureCollection", features: [place(bowTie)] } as any, aliases),
    ).toThrow(/gazetteer feature bad-zone is invalid: .*intersects itself/);
  });

  it("refuses a parentId that names no place", () => {
    const f = place({ type: "Point", coordinates: [112.5, 37.8] });
    f.properties.parentId = "atlantis" as any;
    expect(() => buildGazetteer(empty, { type: "FeatureCollection", features: [f] } as any, aliases)).toThrow(
      "gazetteer feature bad-zone: parentId atlantis names no place",
    );
  });

  it("refuses a precision that is no GeoPrecision", () => {
    const f = place({ type: "Point", coordinates: [112.5, 37.8] });
    f.properties.precision = "SURVEYED";
    expect(() => buildGazetteer(empty, { type: "FeatureCollection", features: [f] } as any, aliases)).toThrow(
      "gazetteer feature bad-zone: precision SURVEYED is not a GeoPrecision",
    );
  });
});
