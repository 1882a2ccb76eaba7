import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * The suite shares one module graph (vitest.config.ts: isolate false), where another file has loaded every
 * catalogue (i18n/catalogues.ts): the page's own view of i18n/index.ts is taken in a node process of its own.
 */
function inFreshProcess(script: string): unknown {
  const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return JSON.parse(out);
}

describe("languages downloaded when needed", () => {
  it("has simplified Chinese from the start and the others only after loadLanguage", () => {
    const seen = inFreshProcess(`
      import { hasLanguage, loadLanguage, translator } from "./client/src/i18n/index.ts";
      const seen = { start: { hans: hasLanguage("zh-Hans"), en: hasLanguage("en"), hant: hasLanguage("zh-Hant") } };
      seen.enBefore = translator("en")("filter.results", { count: 7 });
      await loadLanguage("en");
      seen.enAfter = translator("en")("filter.results", { count: 7 });
      await Promise.all([loadLanguage("zh-Hant"), loadLanguage("zh-Hant")]);
      seen.hant = translator("zh-Hant")("auth.username");
      console.log(JSON.stringify(seen));
    `);
    expect(seen).toEqual({
      start: { hans: true, en: false, hant: false },
      enBefore: "共 7 项任务", // not here yet: the default's words
      enAfter: "7 tasks",
      hant: "使用者名稱",
    });
  });
});
