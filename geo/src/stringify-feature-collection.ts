import type { FeatureCollection } from "geojson";

/**
 * Serialises a FeatureCollection deterministically: one feature per line, keys
 * in the order the objects were built, so a diff of the committed file shows
 * which feature changed.
 *
 * @example
 * stringifyFeatureCollection({ type: "FeatureCollection", features: [] })
 * // '{"type":"FeatureCollection","features":[\n]}\n'
 */
export function stringifyFeatureCollection(fc: FeatureCollection): string {
  const lines = fc.features.map((f) => JSON.stringify(f));
  return `{"type":"FeatureCollection","features":[\n${lines.join(",\n")}\n]}\n`;
}
