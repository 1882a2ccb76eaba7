/**
 * The layout on a phone and on a desktop: how much of the screen shows the map, whether the places
 * are fitted into the part the overlays leave free, and whether every flow still works on a phone.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { intersect, visibleShare, type Box } from "../../client/src/map/fit.ts";
import { E2E_ADMIN_PASSWORD } from "./global-setup.ts";
import { connect, openPage, screenshot, url, waitForMapIdle } from "./support.ts";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

let browser: Browser;
beforeAll(async () => {
  browser = await connect();
});
afterAll(async () => {
  await browser?.close();
});

/** What covers the map in the page now: the header, the sidebar or sheet, the cards, the tools, the zoom buttons. */
const COVERING = [
  ".topbar",
  ".sidebar",
  ".map-bottom > *",
  ".map-tools",
  ".maplibregl-ctrl-top-right > .maplibregl-ctrl",
];

interface Layout {
  viewport: Box;
  canvas: Box;
  covering: { selector: string; box: Box }[];
  /** the county-level units' extent, projected on the screen as the map shows it now */
  placesExtent: Box;
}

async function layout(page: Page, bbox: number[]): Promise<Layout> {
  return page.evaluate(
    ({ selectors, bbox }) => {
      const box = (r: DOMRect) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
      const map = window.__atlas!.map;
      const canvas = map.getCanvas().getBoundingClientRect();
      const sw = map.project([bbox[0], bbox[1]]);
      const ne = map.project([bbox[2], bbox[3]]);
      return {
        viewport: { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight },
        canvas: box(canvas),
        covering: selectors.flatMap((selector) =>
          [...document.querySelectorAll(selector)]
            .filter((el) => getComputedStyle(el).display !== "none" && el.getBoundingClientRect().width > 0)
            .map((el) => ({ selector, box: box(el.getBoundingClientRect()) })),
        ),
        placesExtent: {
          left: canvas.left + sw.x,
          right: canvas.left + ne.x,
          top: canvas.top + ne.y,
          bottom: canvas.top + sw.y,
        },
      };
    },
    { selectors: COVERING, bbox },
  );
}

/** The map's uncovered share of the whole viewport. */
function mapShare(l: Layout): number {
  const canvas = intersect(l.canvas, l.viewport)!;
  const canvasArea = (canvas.right - canvas.left) * (canvas.bottom - canvas.top);
  const viewportArea = l.viewport.right * l.viewport.bottom;
  return (
    (visibleShare(
      canvas,
      l.covering.map((c) => c.box),
    ) *
      canvasArea) /
    viewportArea
  );
}

/** Where the extent is covered, by what: empty when it lies wholly in the free area. */
function coveredBy(l: Layout): string[] {
  const out: string[] = [];
  const e = l.placesExtent;
  if (e.left < l.canvas.left || e.right > l.canvas.right || e.top < l.canvas.top || e.bottom > l.canvas.bottom)
    out.push("outside the map");
  for (const c of l.covering) if (intersect(c.box, e)) out.push(c.selector);
  return out;
}

async function countyExtent(): Promise<number[]> {
  const res = await fetch(url("/graphql"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "{ places { kind bbox } }" }),
  });
  const { data } = (await res.json()) as { data: { places: { kind: string; bbox: number[] }[] } };
  const admin = data.places.filter((p) => p.kind === "DISTRICT" || p.kind === "COUNTY" || p.kind === "COUNTY_CITY");
  expect(admin).toHaveLength(10);
  return [0, 1]
    .map((i) => Math.min(...admin.map((p) => p.bbox[i])))
    .concat([2, 3].map((i) => Math.max(...admin.map((p) => p.bbox[i]))));
}

describe.each([
  ["phone", PHONE, 40],
  ["desktop", DESKTOP, 55],
] as const)("the home view on a %s", (name, viewport, minPercent) => {
  const minShare = minPercent / 100;
  it(`leaves at least ${minPercent}% of the screen to the map and fits the ten county-level units into the free part`, async () => {
    const extent = await countyExtent();
    const { page, consoleErrors } = await openPage(browser, viewport);
    await page.goto(url("/"));
    await waitForMapIdle(page);
    await page.locator(".time-slider").waitFor();
    await page.locator(".legend").waitFor();
    // the home view refits as the overlays settle: wait for that, not for a time
    await expect.poll(async () => coveredBy(await layout(page, extent)), { timeout: 20_000 }).toEqual([]);
    const l = await layout(page, extent);
    expect(mapShare(l)).toBeGreaterThanOrEqual(minShare);
    // on a phone no card over the map is taller than a tenth of the screen while the sheet is down
    if (name === "phone") {
      for (const c of l.covering.filter((c) => c.selector === ".map-bottom > *"))
        expect(c.box.bottom - c.box.top).toBeLessThan(viewport.height / 10);
    }
    // and the places are not a speck in it: the extent spans most of the free width or height
    const e = l.placesExtent;
    expect(
      Math.max(
        (e.right - e.left) / (l.canvas.right - l.canvas.left),
        (e.bottom - e.top) / (l.canvas.bottom - l.canvas.top),
      ),
    ).toBeGreaterThan(0.45);
    await screenshot(page, `layout-home-${name}`);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});

describe("a phone", () => {
  it("fits a task's places above the sheet, opens a place from it, and lets a planner file a report from the field", async () => {
    const { page, consoleErrors } = await openPage(browser, PHONE);
    await page.goto(url("/"));
    await waitForMapIdle(page);
    // open a task from the list in the sheet
    await page.locator(".task-row").nth(2).click();
    await page.locator(".task-panel .panel-title").waitFor();
    const taskId = new URL(page.url()).searchParams.get("task");
    expect(taskId).toBeTruthy();
    // the task's places (not the city) lie above the sheet, with nothing over them
    const places = await page.evaluate(async (id) => {
      const res = await fetch("/graphql", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: "query($id: ID!) { task(id: $id) { places { place { kind bbox } } } }",
          variables: { id },
        }),
      });
      return ((await res.json()) as { data: { task: { places: { place: { kind: string; bbox: number[] } }[] } } }).data
        .task.places;
    }, taskId);
    const local = places.map((p) => p.place).filter((p) => p.kind !== "CITY");
    if (local.length) {
      const bbox = [0, 1]
        .map((i) => Math.min(...local.map((p) => p.bbox[i])))
        .concat([2, 3].map((i) => Math.max(...local.map((p) => p.bbox[i]))));
      await expect.poll(async () => coveredBy(await layout(page, bbox)), { timeout: 20_000 }).toEqual([]);
    }
    await screenshot(page, "layout-phone-task");

    // a place from the task
    await page.locator(".task-panel button.chip-place").first().click();
    await page.locator(".place-panel .panel-title").waitFor();
    await screenshot(page, "layout-phone-place");

    // sign in and file a report on a task
    await page.goto(url("/?task=reform-15"));
    await page.locator(".task-reports .report-hint").waitFor();
    await page.locator(".auth-slot button", { hasText: "登录" }).click();
    const authForm = page.locator(".auth-form");
    await authForm.waitFor();
    // the sign-in form is on the screen, whole
    const formBox = (await authForm.boundingBox())!;
    expect(formBox.x).toBeGreaterThanOrEqual(0);
    expect(formBox.x + formBox.width).toBeLessThanOrEqual(PHONE.width);
    await authForm.locator("input[name=username]").fill("admin");
    await authForm.locator("input[name=password]").fill(E2E_ADMIN_PASSWORD);
    await authForm.locator("button[type=submit]").click();
    await page.locator(".auth-user").waitFor();
    const form = page.locator(".report-form");
    await form.waitFor();
    const note = `e2e: phone report ${Date.now()}`;
    await form.locator("select[name=status]").selectOption("IN_PROGRESS");
    await form.locator("input[name=progress]").fill("20");
    await form.locator("textarea[name=note]").fill(note);
    await form.locator("button[type=submit]").scrollIntoViewIfNeeded();
    await form.locator("button[type=submit]").click();
    await form.locator(".form-ok").waitFor();
    await page.locator(".task-reports .report", { hasText: note }).waitFor();
    // the header still fits the phone once signed in
    const header = (await page.locator(".topbar").boundingBox())!;
    expect(header.width).toBeLessThanOrEqual(PHONE.width);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "layout-phone-report");
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
