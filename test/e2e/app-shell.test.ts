import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { connect, openPage, url } from "./support.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await connect();
});
afterAll(async () => {
  await browser?.close();
});

/** The page's frame as drawn: the language, the header's title and sign-in button, and where the frame's parts are. */
async function frame(page: Page) {
  return page.evaluate(() => {
    const box = (selector: string) => {
      const r = document.querySelector(selector)?.getBoundingClientRect();
      return r ? [r.x, r.y, r.width, r.height].map(Math.round) : null;
    };
    return {
      lang: document.documentElement.lang,
      title: document.querySelector(".brand-title")?.textContent ?? null,
      signIn: document.querySelector(".auth-slot button")?.textContent ?? null,
      boxes: { topbar: box(".topbar"), sidebar: box(".sidebar"), mapArea: box(".map-area") },
    };
  });
}

const LANGS = [
  { query: "/", lang: "zh-Hans", title: "太原转型方案图集", signIn: "登录" },
  { query: "/?lang=zh-Hant", lang: "zh-Hant", title: "太原轉型方案圖集", signIn: "登入" },
  { query: "/?lang=en", lang: "en", title: "Taiyuan Transformation Plan Atlas", signIn: "Sign in" },
];

describe("the page before its scripts run", () => {
  for (const { query, lang, title, signIn } of LANGS) {
    it(`draws the app's frame from the HTML alone (${lang}), where the app then draws it`, async () => {
      // the app's scripts held back: what the page shows while they download
      const { page: shell } = await openPage(browser);
      await shell.route("**/assets/*.js", (route) => route.abort());
      await shell.goto(url(query));
      const before = await frame(shell);
      expect(before).toMatchObject({ lang, title, signIn });
      expect(before.boxes.topbar![3]).toBeGreaterThan(30);
      expect(before.boxes.mapArea![2]).toBeGreaterThan(600);
      await shell.context().close();

      const { page, consoleErrors } = await openPage(browser);
      await page.goto(url(query));
      await page.waitForFunction(() => Boolean(window.__atlas?.loaded));
      await page.locator(".auth-slot button:not([disabled])").waitFor();
      expect(await frame(page)).toEqual(before);
      expect(consoleErrors).toEqual([]);
      await page.context().close();
    });
  }

  it("carries the server's settings, so the client asks for no /config.json", async () => {
    const { page, requests, consoleErrors } = await openPage(browser);
    await page.goto(url("/"));
    await page.waitForFunction(() => Boolean(window.__atlas?.loaded));
    const settings = await page.evaluate(() => window.__ATLAS_CONFIG__);
    expect(settings).toMatchObject({ projectTileThreshold: expect.any(Number) });
    expect(requests.filter((r) => r.includes("/config.json"))).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
