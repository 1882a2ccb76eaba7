import { describe, expect, it } from "vitest";
import { hasLanguage, loadLanguage, translator } from "../../client/src/i18n/index.ts";

// This file must not import i18n/catalogues.ts: it checks what the map page has before a download.
describe("languages downloaded when needed", () => {
  it("has simplified Chinese from the start and the others only after loadLanguage", async () => {
    expect(hasLanguage("zh-Hans")).toBe(true);
    expect(hasLanguage("en")).toBe(false);
    expect(translator("en")("filter.results", { count: 7 })).toBe("共 7 项任务"); // not here yet: the default's words
    await loadLanguage("en");
    expect(hasLanguage("en")).toBe(true);
    expect(translator("en")("filter.results", { count: 7 })).toBe("7 tasks");
    await Promise.all([loadLanguage("zh-Hant"), loadLanguage("zh-Hant")]);
    expect(translator("zh-Hant")("auth.username")).toBe("使用者名稱");
  });
});
