/**
 * axe-core (WCAG 2.1 A and AA rules) on the main views, in all three languages: the home view,
 * a place panel, a task panel with its highlighted evidence, and a signed-in planner's report form and assessment view.
 * axe's source is injected into the page (page.addScriptTag); nothing is fetched from elsewhere.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { E2E_ADMIN_PASSWORD } from "./global-setup.ts";
import { connect, openPage, url, waitForMapIdle } from "./support.ts";
import { axeViolations, type Violation } from "./axe.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await connect();
});
afterAll(async () => {
  await browser?.close();
});

const SIGN_IN = { "zh-Hans": "登录", "zh-Hant": "登入", en: "Sign in" } as const;

describe.each(["zh-Hans", "zh-Hant", "en"] as const)("accessibility in %s", (lang) => {
  it("the home view, a place panel and a task panel have no WCAG 2.1 AA violations", async () => {
    const { page } = await openPage(browser);
    const found: Record<string, Violation[]> = {};
    for (const view of ["/", "/?place=gujiao", "/?task=reform-15"]) {
      await page.goto(url(`${view}${view.includes("?") ? "&" : "?"}lang=${lang}`));
      await waitForMapIdle(page);
      if (view === "/") await page.locator(".task-row").first().waitFor();
      if (view.includes("place")) await page.locator(".place-panel .obligation").first().waitFor();
      if (view.includes("task")) await page.locator(".task-panel mark").first().waitFor();
      found[view] = await axeViolations(page);
    }
    expect(found).toEqual({ "/": [], "/?place=gujiao": [], "/?task=reform-15": [] });
    await page.context().close();
  });

  it("a signed-in planner's report form and assessment view have no WCAG 2.1 AA violations", async () => {
    const { page } = await openPage(browser);
    await page.goto(url(`/?task=reform-15&lang=${lang}`));
    // the sign-in button is enabled once the session is known; the report hint shows then too
    await page.locator(".task-reports .report-hint").waitFor();
    await page.locator(".auth-slot button:not([disabled])", { hasText: SIGN_IN[lang] }).click();
    await page.locator(".auth-form input[name=username]").fill("admin");
    await page.locator(".auth-form input[name=password]").fill(E2E_ADMIN_PASSWORD);
    await page.locator(".auth-form button[type=submit]").click();
    await page.locator(".report-form").waitFor();
    await waitForMapIdle(page);
    expect(await axeViolations(page)).toEqual([]);
    // the assessment view (signed in): its table, year selector and finalize buttons
    await page.goto(url(`/?tab=assessment&lang=${lang}`));
    await page.locator(".assessment-table[aria-busy=false] tbody tr").first().waitFor();
    await waitForMapIdle(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});

describe("the map from the keyboard", () => {
  it("every place and project drawn on the map has a button in the lists, and Enter on it opens it", async () => {
    const { page, consoleErrors } = await openPage(browser);
    await page.goto(url("/?tab=list"));
    await waitForMapIdle(page);
    await page.locator(".places-table").waitFor();
    const drawn = await page.evaluate(async () => {
      const m = window.__atlas!.map;
      type Data = { features: { properties: { id: string; group?: string } }[] };
      const ids = async (source: string) => {
        const src = m.getSource(source) as unknown as { getData(): Promise<Data> } | undefined;
        return src ? [...new Set((await src.getData()).features.map((f) => f.properties.id))] : [];
      };
      return {
        places: await ids("places"),
        projects: [...new Set([...(await ids("project-points")), ...(await ids("project-shapes"))])],
      };
    });
    expect(drawn.places.length).toBeGreaterThan(10);
    const listed = await page
      .locator(".places-table button[data-place-id]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-place-id")));
    expect(drawn.places.filter((id) => !listed.includes(id))).toEqual([]);
    // the projects' list
    await page.locator("#tab-projects").click();
    await page.locator(".project-row").first().waitFor();
    const projects = await page
      .locator(".project-row[data-project-id]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-project-id")));
    expect(drawn.projects.length).toBeGreaterThan(0);
    expect(drawn.projects.filter((id) => !projects.includes(id))).toEqual([]);
    // Enter on a place's button opens its panel
    await page.locator("#tab-list").click();
    await page.locator(".places-table button[data-place-id='qingxu']").focus();
    await page.keyboard.press("Enter");
    await page.locator(".place-panel .panel-title").waitFor();
    expect(new URL(page.url()).searchParams.get("place")).toBe("qingxu");
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
