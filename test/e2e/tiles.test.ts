/**
 * The map's vector-tile mode for projects, end to end: a second server whose
 * PROJECT_TILE_THRESHOLD (10) is below the seeded plan's 51 projects, so the
 * map reads /tiles/projects/{z}/{x}/{y}.mvt and draws the server's clusters.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startServer, type RunningServer } from "./global-setup.ts";
import { connect, openPage, screenshot, waitForMapIdle } from "./support.ts";

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer({ PROJECT_TILE_THRESHOLD: "10" });
  browser = await connect();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Tile clusters drawn now: screen position (page coordinates) and count. */
async function tileClusters(page: Page) {
  return page.evaluate(() => {
    const m = window.__atlas!.map;
    const r = m.getCanvas().getBoundingClientRect();
    return m.queryRenderedFeatures({ layers: ["project-cluster"] }).map((f) => {
      const p = m.project((f.geometry as GeoJSON.Point).coordinates as [number, number]);
      return {
        count: Number(f.properties.point_count),
        approx: Number(f.properties.approx),
        x: r.left + p.x,
        y: r.top + p.y,
        inside: p.x > 40 && p.y > 40 && p.x < r.width - 40 && p.y < r.height - 40,
      };
    });
  });
}

async function waitForTileProjects(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const m = window.__atlas?.map;
      if (!m?.getSource("project-tiles")) return false;
      return (
        m.queryRenderedFeatures({
          layers: ["project-cluster", "project-point-surveyed", "project-point-low"].filter((l) => m.getLayer(l)),
        }).length > 0
      );
    },
    null,
    { timeout: 60_000 },
  );
  await waitForMapIdle(page);
}

describe("projects as vector tiles", () => {
  it("draws the server's clusters, not a GeoJSON download, and a click on one zooms in until it splits", async () => {
    const { page, consoleErrors, requests } = await openPage(browser);
    await page.goto(`${server.url}/?tab=projects`);
    await waitForMapIdle(page);
    await waitForTileProjects(page);

    expect(requests.filter((r) => /\/tiles\/projects\/\d+\/\d+\/\d+\.mvt$/.test(r)).length).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.__atlas!.map.getSource("project-points"))).toBeUndefined();

    const clusters = (await tileClusters(page)).filter((c) => c.inside);
    expect(clusters.length).toBeGreaterThan(0);
    for (const c of clusters) {
      expect(c.count).toBeGreaterThanOrEqual(2);
      expect(c.approx).toBeLessThanOrEqual(c.count);
    }
    await screenshot(page, "tiles-clusters");

    // stand-ins for the city or a county (ADM2/ADM3) share one position and never split: take the largest
    // cluster with a member placed on its own (not all approximate)
    const target = clusters.filter((c) => c.approx < c.count).sort((a, b) => b.count - a.count)[0];
    expect(target).toBeDefined();
    const before = await page.evaluate(() => window.__atlas!.map.getZoom());
    await page.mouse.click(target.x, target.y);
    await page.waitForFunction(
      (z0) => {
        const m = window.__atlas!.map;
        return !m.isMoving() && m.getZoom() >= Math.min(Math.floor(z0) + 2, 14) - 0.05;
      },
      before,
      { timeout: 15_000 },
    );
    await waitForMapIdle(page);
    // the biggest cluster came apart: what is drawn near the click now holds smaller groups or single projects
    const after = await page.evaluate(() => {
      const m = window.__atlas!.map;
      const layers = ["project-cluster", "project-point-surveyed", "project-point-low"];
      return m
        .queryRenderedFeatures({ layers })
        .map((f) => (f.layer.id === "project-cluster" ? Number(f.properties.point_count) : 1));
    });
    expect(after.length).toBeGreaterThan(1);
    expect(Math.max(...after)).toBeLessThan(target.count);
    await screenshot(page, "tiles-cluster-opened");
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it("asks the server for the chosen categories, and draws only those", async () => {
    const { page, consoleErrors, requests } = await openPage(browser);
    await page.goto(`${server.url}/?tab=projects&pcats=ECOLOGICAL_RESTORATION`);
    await waitForMapIdle(page);
    await waitForTileProjects(page);
    const tiles = requests.filter((r) => r.includes("/tiles/projects/"));
    expect(tiles.length).toBeGreaterThan(0);
    for (const r of tiles) expect(r).toMatch(/\.mvt\?categories=ECOLOGICAL_RESTORATION$/);
    // what is drawn as a single project (lines, areas, points outside clusters) is of that category
    const categories = await page.evaluate(() =>
      window
        .__atlas!.map.queryRenderedFeatures({
          layers: ["project-point-surveyed", "project-point-low", "project-area-fill", "project-line"],
        })
        .map((f) => String(f.properties.category)),
    );
    expect(categories.length).toBeGreaterThan(0);
    for (const c of categories) expect(c).toBe("ECOLOGICAL_RESTORATION");
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
