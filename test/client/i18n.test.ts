import { describe, expect, it } from "vitest";
import { catalogues } from "../../client/src/i18n/catalogues.ts";
import { LANGS, pickName, scriptFor, translator } from "../../client/src/i18n/index.ts";

describe("i18n catalogues", () => {
  const reference = Object.keys(catalogues["zh-Hans"]).sort();

  for (const lang of LANGS) {
    it(`${lang} has exactly the keys of zh-Hans`, () => {
      expect(Object.keys(catalogues[lang]).sort()).toEqual(reference);
    });

    it(`${lang} has no empty strings`, () => {
      const empty = Object.entries(catalogues[lang])
        .filter(([, v]) => !v.trim())
        .map(([k]) => k);
      expect(empty).toEqual([]);
    });

    it(`${lang} uses the same placeholders as zh-Hans in every string`, () => {
      const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const mismatched = reference.filter(
        (k) =>
          JSON.stringify(vars(catalogues[lang][k as keyof (typeof catalogues)["en"]])) !==
          JSON.stringify(vars(catalogues["zh-Hans"][k as keyof (typeof catalogues)["en"]])),
      );
      expect(mismatched).toEqual([]);
    });
  }

  it("fills placeholders", () => {
    expect(translator("en")("filter.results", { count: 7 })).toBe("7 tasks");
    expect(translator("zh-Hans")("filter.results", { count: 7 })).toBe("共 7 项任务");
  });

  it("asks the API for traditional text only in zh-Hant", () => {
    expect(scriptFor("zh-Hant")).toBe("HANT");
    expect(scriptFor("zh-Hans")).toBe("HANS");
    expect(scriptFor("en")).toBe("HANS");
  });

  it("uses the English name in English, and the scripted name when it is missing", () => {
    expect(pickName("en", "古交市", "Gujiao")).toBe("Gujiao");
    expect(pickName("en", "古交市", "")).toBe("古交市");
    expect(pickName("zh-Hant", "古交市", "Gujiao")).toBe("古交市");
  });
});
