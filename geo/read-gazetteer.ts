/**
 * Loads the gazetteer from geo/data (the only geo module that touches the
 * file system). Every feature is validated; the first bad one throws an
 * error naming it.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildGazetteer, type AliasFile } from "./src/build-gazetteer.ts";
import type { GazetteerPlace } from "./src/types.ts";

/** geo/data, resolved from this file so callers may run from any directory. */
export const GEO_DATA_DIR = fileURLToPath(new URL("./data/", import.meta.url));

const readJson = (dir: string, file: string) => JSON.parse(readFileSync(`${dir.replace(/\/?$/, "/")}${file}`, "utf8"));

/** Reads the alias file (places, composites, generics). */
export function readAliases(dir: string = GEO_DATA_DIR): AliasFile {
  return readJson(dir, "aliases.json") as AliasFile;
}

/** Reads boundaries.geojson, places.geojson and aliases.json into validated GazetteerPlace[]. */
export function readGazetteer(dir: string = GEO_DATA_DIR): GazetteerPlace[] {
  return buildGazetteer(readJson(dir, "boundaries.geojson"), readJson(dir, "places.geojson"), readAliases(dir));
}
