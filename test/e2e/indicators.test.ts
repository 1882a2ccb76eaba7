/**
 * The indicators tab as charts (issue 19, item 6): a planner records values over GraphQL; the tab
 * then draws them as points with accessible names against the target line, with the same numbers
 * in a table, for the city and for a county chosen in the place selector, at 1440×900 and 390×844,
 * in zh-Hans and en; axe-core (WCAG 2.1 AA) finds nothing on that view.
 */
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { E2E_ADMIN_PASSWORD } from "./global-setup.ts";
import { connect, gqlAs, login, openPage, screenshot, url } from "./support.ts";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

let browser: Browser;
let cityId: string;
beforeAll(async () => {
  browser = await connect();
  const token = await login("admin", E2E_ADMIN_PASSWORD);
  const d = await gqlAs(token, "{ places(filter: { kinds: [CITY] }) { id } }");
  cityId = d.places[0].id;
  const record = (indicatorId: string, placeId: string, year: number, value: number) =>
    gqlAs(token, "mutation($i: IndicatorValueInput!) { recordIndicatorValue(input: $i) { year value } }", {
      i: { indicatorId, placeId, year, value, source: `e2e yearbook ${year}` },
    });
  await record("forest-coverage", cityId, 2013, 21.5);
  await record("forest-coverage", cityId, 2014, 22.4);
  await record("forest-coverage", "qingxu", 2014, 19.2);
  await record("energy-intensity", cityId, 2014, 9.5);
});
afterAll(async () => {
  await browser?.close();
});

async function violations(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async (tags) => {
    type Result = { violations: { id: string; nodes: { target: string[]; failureSummary?: string }[] }[] };
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<Result> } }).axe;
    const r = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")} — ${n.failureSummary ?? ""}`),
    }));
  }, TAGS);
}

const TEXT = {
  "zh-Hans": {
    point: (y: number, v: string) => `${y}年：${v}`,
    target: "目标 23%（2015年）",
    stretch: "力争 25%",
    base: "2010年水平",
    noValue: "未记录",
    noValues: "清徐县尚无记录数值",
    qingxu: "清徐县",
  },
  en: {
    point: (y: number, v: string) => `${y}: ${v}`,
    target: "Target 23% by 2015",
    stretch: "Stretch 25%",
    base: "2010 level",
    noValue: "not recorded",
    noValues: "No values recorded for Qingxu County yet",
    qingxu: "Qingxu County",
  },
} as const;

const VIEWPORTS = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;

describe.each(["zh-Hans", "en"] as const)("the indicators tab in %s", (lang) => {
  it.each(Object.keys(VIEWPORTS) as (keyof typeof VIEWPORTS)[])(
    "at %s size: charts with points, target lines and tables, for the city and a county",
    async (size) => {
      const tx = TEXT[lang];
      const { page, consoleErrors } = await openPage(browser, VIEWPORTS[size]);
      await page.goto(url(`/?tab=indicators&lang=${lang}`));
      const forest = page.locator(".indicator[data-indicator-id='forest-coverage']");
      const chart = forest.locator("svg.indicator-chart");
      await chart.locator("circle[role=img]").first().waitFor({ state: "attached" });

      // the recorded values as points with accessible names, in year order, nothing else
      const points = chart.getByRole("img", { name: new RegExp(lang === "en" ? "^\\d{4}: " : "^\\d{4}年：") });
      expect(await points.evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")))).toEqual([
        tx.point(2013, "21.5%"),
        tx.point(2014, "22.4%"),
      ]);
      // the target and stretch lines, named
      expect(await chart.getByRole("img", { name: tx.target }).getAttribute("data-value")).toBe("23");
      expect(await chart.getByRole("img", { name: tx.stretch }).getAttribute("data-value")).toBe("25");
      // a text alternative saying the same
      const desc = await chart.evaluate((svg) => svg.querySelector("desc")!.textContent);
      expect(desc).toContain(tx.point(2014, "22.4%"));
      expect(desc).toContain(tx.target);
      // the table: one row per year, the year without a value says so; the targets below
      const table = forest.locator("table.indicator-table");
      expect(
        await table
          .locator("tbody tr")
          .evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent))),
      ).toEqual([
        ["2013", "21.5%", "e2e yearbook 2013"],
        ["2014", "22.4%", "e2e yearbook 2014"],
        ["2015", tx.noValue, ""],
      ]);
      expect(await table.locator("tfoot tr[data-ref=target] td").first().textContent()).toBe("23%");

      // a reduction: the base year on the axis and its level drawn, the recorded reduction as a point
      const energy = page.locator(".indicator[data-indicator-id='energy-intensity'] svg.indicator-chart");
      expect(await energy.getByRole("img", { name: tx.base }).getAttribute("data-value")).toBe("0");
      expect(
        await energy.locator("circle[role=img]").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label"))),
      ).toEqual([tx.point(2014, "9.5%")]);
      expect(
        await page
          .locator(".indicator[data-indicator-id='energy-intensity'] tbody tr")
          .first()
          .getAttribute("data-year"),
      ).toBe("2010");

      // the points are in the tab order: Tab from the item before reaches the chart's first point, then the next
      await forest.evaluate((li) => (li.previousElementSibling!.querySelector("button") as HTMLElement).focus());
      const focused = () =>
        page.evaluate(() =>
          document.activeElement?.matches(".indicator-chart circle")
            ? document.activeElement.getAttribute("aria-label")
            : null,
        );
      await page.keyboard.press("Tab");
      expect(await focused()).toBe(tx.point(2013, "21.5%"));
      await page.keyboard.press("Tab");
      expect(await focused()).toBe(tx.point(2014, "22.4%"));
      const select = page.locator(".indicator-place select");

      expect(await violations(page)).toEqual([]);
      await forest.scrollIntoViewIfNeeded();
      await screenshot(page, `indicators-${lang}-${size}`);

      // a county: its own values, and the years without them said so
      await select.selectOption("qingxu");
      expect(await select.locator("option:checked").textContent()).toBe(tx.qingxu);
      await chart.getByRole("img", { name: tx.point(2014, "19.2%") }).waitFor({ state: "attached" });
      expect(await chart.locator("circle[role=img]").count()).toBe(1);
      expect(await chart.getByRole("img", { name: tx.target }).count()).toBe(1);
      // an indicator with nothing recorded for the county draws no point and says so
      const sewage = page.locator(".indicator[data-indicator-id='sewage-treatment-rate']");
      expect(await sewage.locator("circle").count()).toBe(0);
      expect(await sewage.locator("svg desc").textContent()).toContain(tx.noValues);
      expect(await sewage.locator("tbody td:nth-child(2)").allTextContents()).toEqual([
        tx.noValue,
        tx.noValue,
        tx.noValue,
      ]);
      expect(await violations(page)).toEqual([]);

      expect(consoleErrors).toEqual([]);
      await page.context().close();
    },
  );
});
