import type { Feature, FeatureCollection, Geometry } from "geojson";
import type { GazetteerPlace, GeoPrecision, PlaceKind } from "./types.ts";
import { validateGeometry } from "./validate-geometry.ts";

/** geo/data/aliases.json: every form the plan uses for a place, both scripts, plus multi-place expressions. */
export interface AliasFile {
  places: Record<string, string[]>;
  /** one expression naming several places: 三縣一市 → qingxu, yangqu, loufan, gujiao */
  composites: { note?: string; forms: string[]; placeIds: string[] }[];
  /** an expression naming every place of some kinds: 各縣(市、區) → the ten county-level units */
  generics: { note?: string; forms: string[]; kinds: PlaceKind[]; parentId: string | null }[];
}

const KINDS: ReadonlySet<string> = new Set<PlaceKind>([
  "CITY",
  "DISTRICT",
  "COUNTY",
  "COUNTY_CITY",
  "NEW_DISTRICT",
  "DEVELOPMENT_ZONE",
  "BONDED_ZONE",
  "SCENIC_AREA",
  "HERITAGE_SITE",
  "WATER_SOURCE",
  "OTHER",
  "EXTERNAL",
]);
const PRECISIONS: ReadonlySet<string> = new Set<GeoPrecision>(["EXACT", "NEAR", "ADM3", "ADM2", "APPROXIMATE"]);

function requireString(id: string, props: Record<string, unknown>, key: string, nullable = false): string | null {
  const v = props[key];
  if (nullable && v === null) return null;
  if (typeof v !== "string" || v.trim() === "") {
    throw new Error(`gazetteer feature ${id}: property ${key} must be a non-empty string${nullable ? " or null" : ""}`);
  }
  return v;
}

/**
 * Turns the boundary and place collections plus the alias file into
 * GazetteerPlace[], refusing (throwing, naming the feature) any feature with
 * an invalid geometry, a missing or unknown property, a duplicate id, a
 * parentId that names no place, or a place without aliases.
 *
 * @example
 * buildGazetteer(boundaries, places, aliases).find((p) => p.id === "gujiao")?.aliases // ["古交市", "古交"]
 */
export function buildGazetteer(
  boundaries: FeatureCollection,
  places: FeatureCollection,
  aliases: AliasFile,
): GazetteerPlace[] {
  const out: GazetteerPlace[] = [];
  const seen = new Set<string>();
  const features: Feature<Geometry | null>[] = [...boundaries.features, ...places.features];
  for (const [i, f] of features.entries()) {
    const props = (f.properties ?? {}) as Record<string, unknown>;
    const id = typeof props.id === "string" && props.id !== "" ? props.id : `#${i} (no id)`;
    const problems = validateGeometry(f as Feature<Geometry | null, { id?: string }>);
    if (problems.length > 0) {
      throw new Error(`gazetteer feature ${id} is invalid: ${problems.map((p) => p.message).join("; ")}`);
    }
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id))
      throw new Error(`gazetteer feature ${id}: id must be a lower-case slug`);
    if (seen.has(id)) throw new Error(`gazetteer feature ${id}: id is used twice`);
    seen.add(id);
    const kind = requireString(id, props, "kind") as string;
    if (!KINDS.has(kind)) throw new Error(`gazetteer feature ${id}: kind ${kind} is not a PlaceKind`);
    const precision = requireString(id, props, "precision") as string;
    if (!PRECISIONS.has(precision))
      throw new Error(`gazetteer feature ${id}: precision ${precision} is not a GeoPrecision`);
    const name = requireString(id, props, "name") as string;
    const nameHant = requireString(id, props, "nameHant") as string;
    const forms = aliases.places[id];
    if (!forms || forms.length === 0) throw new Error(`gazetteer feature ${id}: has no aliases in aliases.json`);
    out.push({
      id,
      code: requireString(id, props, "code", true),
      name,
      nameHant,
      nameEn: requireString(id, props, "nameEn") as string,
      kind: kind as PlaceKind,
      parentId: requireString(id, props, "parentId", true),
      precision: precision as GeoPrecision,
      source: requireString(id, props, "source") as string,
      aliases: [...new Set([...forms, name, nameHant])],
      geometry: f.geometry as Geometry,
    });
  }
  for (const p of out) {
    if (p.parentId !== null && !seen.has(p.parentId)) {
      throw new Error(`gazetteer feature ${p.id}: parentId ${p.parentId} names no place`);
    }
  }
  for (const id of Object.keys(aliases.places)) {
    if (!seen.has(id)) throw new Error(`aliases.json names ${id}, which is no gazetteer feature`);
  }
  return out;
}
