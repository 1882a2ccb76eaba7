import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { connect, offHostRequests, openPage, renderedIds, screenshot, url, waitForMapIdle } from "./support.ts";

const POINT_LAYERS = ["project-point-surveyed", "project-point-low"];

let browser: Browser;
beforeAll(async () => {
  browser = await connect();
});
afterAll(async () => {
  await browser?.close();
});

/** Clusters drawn now, with their members' distinct positions. */
async function clusters(page: Page) {
  return page.evaluate(async () => {
    const m = window.__atlas!.map;
    const src = m.getSource("project-points") as unknown as {
      getClusterLeaves(id: number, limit: number, offset: number): Promise<GeoJSON.Feature<GeoJSON.Point>[]>;
    };
    const r = m.getCanvas().getBoundingClientRect();
    const seen = new Map<
      number,
      { id: number; count: number; x: number; y: number; positions: number; leaves: string[]; categories: string[] }
    >();
    for (const f of m.queryRenderedFeatures({ layers: ["project-cluster"] })) {
      const id = Number(f.properties.cluster_id);
      if (seen.has(id)) continue;
      const leaves = await src.getClusterLeaves(id, 100, 0);
      const c = (f.geometry as GeoJSON.Point).coordinates as [number, number];
      const p = m.project(c);
      seen.set(id, {
        id,
        count: Number(f.properties.point_count),
        x: r.left + p.x,
        y: r.top + p.y,
        positions: new Set(leaves.map((l) => l.geometry.coordinates.join(","))).size,
        leaves: leaves.map((l) => String(l.properties?.id)),
        categories: leaves.map((l) => String(l.properties?.category)),
      });
    }
    return [...seen.values()];
  });
}

/**
 * The map goes idle once before the projects arrive (they are fetched after the places), so
 * wait for the project layers to draw something, then for the map to settle again.
 */
async function waitForProjectsDrawn(page: Page): Promise<void> {
  await page.waitForFunction(
    (layers) => window.__atlas!.map.queryRenderedFeatures({ layers }).length > 0,
    ["project-cluster", ...POINT_LAYERS],
    { timeout: 60_000 },
  );
  await waitForMapIdle(page);
}

describe("the project layer", () => {
  it("draws the projects, clustered, offline, with no console errors", async () => {
    const { page, consoleErrors, requests } = await openPage(browser);
    await page.goto(url("/"));
    await waitForMapIdle(page);
    await waitForProjectsDrawn(page);
    const cs = await clusters(page);
    expect(cs.length).toBeGreaterThan(0);
    const singles = await renderedIds(page, [...POINT_LAYERS, "project-area-fill"]);
    const inClusters = cs.reduce((n, c) => n + c.count, 0);
    // the plan's 51 projects less the 26 known only at city level, which are listed, not drawn
    expect(singles.length + inClusters).toBeGreaterThanOrEqual(25);
    const style = await page.evaluate(
      () => window.__atlas!.map.getStyle().sources["project-points"] as { cluster?: boolean },
    );
    expect(style.cluster).toBe(true);
    await screenshot(page, "projects-home");
    expect(consoleErrors).toEqual([]);
    expect(offHostRequests(requests)).toEqual([]);
    await page.context().close();
  });

  it("expands a cluster on click until it splits, then opens a project from the map", async () => {
    const { page, consoleErrors, requests } = await openPage(browser);
    await page.goto(url("/"));
    await waitForMapIdle(page);
    await waitForProjectsDrawn(page);
    const zoomBefore = await page.evaluate(() => window.__atlas!.map.getZoom());
    // a cluster whose members stand at different places (a stack of city-wide stand-ins never splits)
    const target = (await clusters(page)).filter((c) => c.positions > 1).sort((a, b) => a.count - b.count)[0];
    expect(target).toBeDefined();
    await page.mouse.click(target.x, target.y);
    await page.waitForFunction(
      (z) => window.__atlas!.map.getZoom() > z + 0.5 && !window.__atlas!.map.isMoving(),
      zoomBefore,
    );
    await waitForMapIdle(page);
    // the members are now drawn apart: several clusters or single points, and the old cluster is gone
    const after = await clusters(page);
    expect(after.map((c) => c.id)).not.toContain(target.id);
    const visibleMembers = await page.evaluate((ids) => {
      const m = window.__atlas!.map;
      const singles = m
        .queryRenderedFeatures({ layers: ["project-point-surveyed", "project-point-low"] })
        .filter((f) => ids.includes(String(f.properties.id)));
      return new Set(singles.map((f) => String(f.properties.id))).size;
    }, target.leaves);
    const pieces = after.filter((c) => c.leaves.some((l) => target.leaves.includes(l))).length + visibleMembers;
    expect(pieces).toBeGreaterThan(1);
    await screenshot(page, "projects-cluster-expanded");

    // open a project drawn on its own by clicking it on the map (one well inside the visible map)
    const single = await page.evaluate(() => {
      const m = window.__atlas!.map;
      const r = m.getCanvas().getBoundingClientRect();
      // one not drawn on a place's own point (there the place wins the click; its panel lists the project)
      const f = m
        .queryRenderedFeatures(
          [
            [100, 100],
            [r.width - 100, r.height - 320],
          ],
          { layers: ["project-point-surveyed", "project-point-low"] },
        )
        .find((x) => {
          const q = m.project((x.geometry as GeoJSON.Point).coordinates as [number, number]);
          return (
            m.queryRenderedFeatures(
              [
                [q.x - 8, q.y - 8],
                [q.x + 8, q.y + 8],
              ],
              { layers: ["point-surveyed", "point-low"] },
            ).length === 0
          );
        })!;
      const p = m.project((f.geometry as GeoJSON.Point).coordinates as [number, number]);
      return { id: String(f.properties.id), x: r.left + p.x, y: r.top + p.y };
    });
    await page.mouse.move(single.x, single.y);
    await page.locator(".tooltip-project").waitFor();
    await page.mouse.click(single.x, single.y);
    const panel = page.locator(".project-panel");
    await panel.locator("#project-title").waitFor();
    expect(new URL(page.url()).searchParams.get("project")).toBe(single.id);
    await expect(panel.locator(".facts").textContent()).resolves.toMatch(/位置精度[\s\S]*位置来源/);
    expect(await panel.locator(".project-tasks li").count()).toBeGreaterThan(0);
    await waitForMapIdle(page);
    await screenshot(page, "project-panel-from-map");
    expect(consoleErrors).toEqual([]);
    expect(offHostRequests(requests)).toEqual([]);
    await page.context().close();
  });

  it("says a stand-in position is approximate, and lists projects in the task and place panels", async () => {
    const { page, consoleErrors } = await openPage(browser);
    await page.goto(url("/?project=coal-trading-market"));
    const panel = page.locator(".project-panel");
    await panel.locator("#project-title").waitFor();
    await expect(panel.locator("#project-title").textContent()).resolves.toBe("煤炭交易市场");
    await expect(panel.textContent()).resolves.toMatch(/位置为近似[\s\S]*gazetteer: taiyuan/);
    await panel.locator(".project-tasks button").first().click();
    await page.locator(".task-panel .task-projects .project-row").first().waitFor();
    expect(await page.locator(".task-panel .task-projects [data-project-id='coal-trading-market']").count()).toBe(1);

    await page.goto(url("/?place=xiaodian"));
    await page.locator(".place-panel .place-projects .project-row").first().waitFor();
    expect(
      await page.locator(".place-panel .place-projects [data-project-id='fendong-finance-district']").count(),
    ).toBe(1);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it("filters the projects by category in the Projects tab, map and list together", async () => {
    const { page, consoleErrors } = await openPage(browser);
    await page.goto(url("/?tab=projects"));
    await waitForMapIdle(page);
    await page.locator(".projects-panel .project-row").first().waitFor();
    const all = await page.locator(".projects-panel .project-row").count();
    // (民生, livelihood, has only city-level projects: nothing of it is drawn)
    await page.locator(".projects-panel label", { hasText: "生态修复" }).click();
    await page.waitForFunction((n) => document.querySelectorAll(".projects-panel .project-row").length < n, all);
    expect(page.url()).toContain("pcats=ECOLOGICAL_RESTORATION");
    await waitForMapIdle(page);
    const singles = await page.evaluate(() => {
      const m = window.__atlas!.map;
      return m
        .queryRenderedFeatures({ layers: ["project-point-surveyed", "project-point-low", "project-area-fill"] })
        .map((f) => String(f.properties.category));
    });
    const drawn = [...singles, ...(await clusters(page)).flatMap((c) => c.categories)];
    expect(drawn.length).toBeGreaterThan(0);
    expect(new Set(drawn)).toEqual(new Set(["ECOLOGICAL_RESTORATION"]));
    await screenshot(page, "projects-filtered");
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
