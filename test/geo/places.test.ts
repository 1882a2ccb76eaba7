import { readFileSync } from "node:fs";
import { area, booleanPointInPolygon, intersect, featureCollection, feature } from "@turf/turf";
import * as OpenCC from "opencc-js";
import { describe, expect, it } from "vitest";
import { readAliases, readGazetteer } from "../../geo/read-gazetteer.ts";
import { pointOnSurface } from "../../geo/src/point-on-surface.ts";
import type { GazetteerPlace } from "../../geo/src/types.ts";

const gazetteer = readGazetteer();
const byId = new Map(gazetteer.map((p) => [p.id, p]));
const places = JSON.parse(readFileSync("geo/data/places.geojson", "utf8")).features.map((f: any) =>
  byId.get(f.properties.id)!,
);

/** The county-level unit (or the city) each hand-placed place must lie in. */
const CONTAINER: Record<string, string> = {
  "fendong-new-district": "xiaodian",
  "jinyang-new-district": "jinyuan",
  "southern-new-town": "xiaodian",
  "hi-tech-zone": "xiaodian",
  "economic-zone": "xiaodian",
  "private-economy-zone": "taiyuan",
  "stainless-steel-park": "jiancaoping",
  "qingxu-development-zone": "qingxu",
  "wusu-bonded-zone": "xiaodian",
  "taiyu-science-city": "xiaodian",
  xishan: "taiyuan",
  dongshan: "taiyuan",
  jinci: "jinyuan",
  "shuangta-temple": "yingze",
  "chongshan-temple": "yingze",
  wenmiao: "yingze",
  "taihua-industrial-site": "jinyuan",
  "taikuang-industrial-site": "taiyuan",
  "lancun-spring": "jiancaoping",
  "jinci-spring": "jinyuan",
  "fendong-finance-district": "fendong-new-district",
  "wusu-airport": "xiaodian",
};

function inside(place: GazetteerPlace, container: GazetteerPlace): boolean {
  const g = place.geometry;
  if (g.type === "Point") return booleanPointInPolygon(g, container.geometry as any);
  const common = intersect(featureCollection([feature(g as any), feature(container.geometry as any)]));
  return common !== null && area(common) / area(feature(g)) > 0.999;
}

describe("the gazetteer", () => {
  it("holds the 34 places the plan needs, each with a slug the rest of the product uses", () => {
    expect(gazetteer.map((p) => p.id).sort()).toEqual(
      [
        "taiyuan",
        "xiaodian",
        "yingze",
        "xinghualing",
        "jiancaoping",
        "wanbailin",
        "jinyuan",
        "qingxu",
        "yangqu",
        "loufan",
        "gujiao",
        "fendong-new-district",
        "jinyang-new-district",
        "southern-new-town",
        "hi-tech-zone",
        "economic-zone",
        "private-economy-zone",
        "stainless-steel-park",
        "qingxu-development-zone",
        "wusu-bonded-zone",
        "taiyu-science-city",
        "xishan",
        "dongshan",
        "jinci",
        "shuangta-temple",
        "chongshan-temple",
        "wenmiao",
        "lancun-spring",
        "jinci-spring",
        "fendong-finance-district",
        "taihua-industrial-site",
        "taikuang-industrial-site",
        "wusu-airport",
        "jinzhong",
      ].sort(),
    );
  });

  it.each(Object.entries(CONTAINER))("%s lies inside %s", (id, containerId) => {
    expect(inside(byId.get(id)!, byId.get(containerId)!)).toBe(true);
  });

  it("checks every hand-placed place for containment", () => {
    expect(places.map((p: GazetteerPlace) => p.id).sort()).toEqual(Object.keys(CONTAINER).sort());
  });

  it("claims EXACT only for the Tianditu boundaries", () => {
    const exact = gazetteer.filter((p) => p.precision === "EXACT");
    expect(exact.every((p) => p.source.includes("GS(2024)0650") && p.geometry.type === "MultiPolygon")).toBe(true);
    expect(places.filter((p: GazetteerPlace) => p.precision === "EXACT")).toEqual([]);
  });

  it("says how sure every guessed position is", () => {
    const guessed = places.filter((p: GazetteerPlace) => p.precision !== "EXACT");
    for (const p of guessed) expect(p.source, p.id).toMatch(/confidence|not found|unknown/);
    for (const p of places.filter((x: GazetteerPlace) => x.precision === "APPROXIMATE")) {
      expect(p.geometry.type, p.id).toMatch(/Polygon/);
      expect(p.source, p.id).toMatch(/hand-drawn/);
    }
  });

  it("gives every polygon a label point inside it", () => {
    for (const p of gazetteer) {
      if (p.geometry.type === "Point") continue;
      expect(booleanPointInPolygon(pointOnSurface(p.geometry), p.geometry as any), p.id).toBe(true);
    }
  });
});

describe("aliases", () => {
  const toHans = OpenCC.Converter({ from: "tw", to: "cn" });
  const toHant = OpenCC.Converter({ from: "cn", to: "tw" });

  it("list every place in both scripts", () => {
    const aliases = readAliases();
    const forms = [
      ...Object.values(aliases.places).flat(),
      ...aliases.composites.flatMap((c) => c.forms),
      ...aliases.generics.flatMap((g) => g.forms),
    ];
    const missing = forms.filter((f) => !forms.includes(toHans(f)) || !forms.includes(toHant(f)));
    expect(missing).toEqual([]);
  });

  it.each([
    ["古交", "gujiao"],
    ["古交市", "gujiao"],
    ["清徐縣", "qingxu"],
    ["清徐县", "qingxu"],
    ["萬柏林區", "wanbailin"],
    ["汾東新區", "fendong-new-district"],
    ["高新區", "hi-tech-zone"],
    ["經濟區", "economic-zone"],
    ["民營區", "private-economy-zone"],
    ["不銹鋼園區", "stainless-steel-park"],
    ["清徐開發區", "qingxu-development-zone"],
    ["武宿綜合保稅區", "wusu-bonded-zone"],
    ["太榆科技創新城", "taiyu-science-city"],
    ["西山", "xishan"],
    ["西山地區", "xishan"],
    ["西山生態景觀區", "xishan"],
    ["東山人文科技生態區", "dongshan"],
    ["晉祠", "jinci"],
    ["雙塔寺", "shuangta-temple"],
    ["崇善寺", "chongshan-temple"],
    ["文廟", "wenmiao"],
    ["蘭村泉域", "lancun-spring"],
    ["晉祠泉域", "jinci-spring"],
    ["汾東金融商務區", "fendong-finance-district"],
    ["太化", "taihua-industrial-site"],
    ["太礦", "taikuang-industrial-site"],
    ["晉中", "jinzhong"],
    ["太原", "taiyuan"],
    ["南部新城", "southern-new-town"],
    ["晉陽新區", "jinyang-new-district"],
    ["尖草坪區", "jiancaoping"],
  ])("know the plan's form %s as %s", (form, id) => {
    expect(byId.get(id)!.aliases).toContain(form);
    expect(byId.get(id)!.aliases).toContain(toHans(form));
  });

  it("know 三縣一市 as the three counties and Gujiao", () => {
    const c = readAliases().composites.find((x) => x.forms.includes("三縣一市"));
    expect(c?.placeIds).toEqual(["qingxu", "yangqu", "loufan", "gujiao"]);
  });
});
