/**
 * The gazetteer as the pure geo code and the loader see it. Geometry is
 * RFC 7946 GeoJSON in WGS84 (EPSG:4326), [lng, lat].
 */
import type { Geometry } from "geojson";

export type PlaceKind =
  | "CITY"
  | "DISTRICT"
  | "COUNTY"
  | "COUNTY_CITY"
  | "NEW_DISTRICT"
  | "DEVELOPMENT_ZONE"
  | "BONDED_ZONE"
  | "SCENIC_AREA"
  | "HERITAGE_SITE"
  | "WATER_SOURCE"
  | "OTHER"
  | "EXTERNAL";

export type GeoPrecision = "EXACT" | "NEAR" | "ADM3" | "ADM2" | "APPROXIMATE";

export type PlaceRole = "SUBJECT" | "PILOT" | "LEAD" | "APPLIES" | "MENTION";

export interface GazetteerPlace {
  id: string; // slug: "gujiao", "wusu-bonded-zone"
  code: string | null; // GB/T 2260 where one exists
  name: string; // simplified Chinese (HANS)
  nameHant: string; // traditional Chinese
  nameEn: string;
  kind: PlaceKind;
  parentId: string | null; // administrative parent (null for the city and EXTERNAL)
  precision: GeoPrecision;
  source: string; // provenance and licence of the geometry
  /** every form the plan uses, both scripts, without duplicates */
  aliases: string[];
  geometry: Geometry;
}

/** A task→place link proposed by the linker. Offsets are into the plan's sourceText. */
export interface PlaceLink {
  taskId: string;
  placeId: string;
  role: PlaceRole;
  evidence: { start: number; end: number } | null;
}
