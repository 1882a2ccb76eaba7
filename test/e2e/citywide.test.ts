/** What is known only at city level is listed in the legend, with its count, and drawn nowhere on the map. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { connect, openPage, screenshot, url, waitForMapIdle } from "./support.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await connect();
});
afterAll(async () => {
  await browser?.close();
});

async function gql<T>(query: string): Promise<T> {
  const res = await fetch(url("/graphql"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  return ((await res.json()) as { data: T }).data;
}

/** The ids in a GeoJSON source of the map now. */
async function sourceIds(page: Page, source: string): Promise<string[]> {
  return page.evaluate(async (id) => {
    const src = window.__atlas!.map.getSource(id) as unknown as
      { getData(): Promise<{ features: { properties: { id: string } }[] }> } | undefined;
    return src ? [...new Set((await src.getData()).features.map((f) => String(f.properties.id)))] : [];
  }, source);
}

describe("the city-wide group", () => {
  it("lists the 2 places and the projects known only at city level, draws none of them, and opens each from the keyboard", async () => {
    const d = await gql<{
      places: { id: string; precision: string }[];
      projects: { nodes: { id: string; precision: string }[] };
    }>(`{ places { id precision } projects(first: 100) { nodes { id precision } } }`);
    const places = d.places.filter((p) => p.precision === "ADM2").map((p) => p.id);
    const projects = d.projects.nodes.filter((p) => p.precision === "ADM2").map((p) => p.id);
    expect(places.sort()).toEqual(["private-economy-zone", "taikuang-industrial-site"]);
    expect(projects.length).toBe(26);

    const { page, consoleErrors } = await openPage(browser, { width: 1440, height: 900 });
    await page.goto(url("/"));
    await waitForMapIdle(page);
    const group = page.locator(".legend-citywide");
    await group.locator(".count", { hasText: String(places.length + projects.length) }).waitFor();
    await expect(group.locator("summary").textContent()).resolves.toContain("位置不详");
    await group.locator("summary").click();
    const listed = await group.locator("li").evaluateAll((els) => els.map((e) => e.getAttribute("data-citywide")));
    expect(listed.sort()).toEqual(
      [...places.map((id) => `place:${id}`), ...projects.map((id) => `project:${id}`)].sort(),
    );

    // nothing of it is drawn: not in the places' source, nor among the project points
    const drawnPlaces = await sourceIds(page, "places");
    expect(drawnPlaces.length).toBeGreaterThan(10);
    expect(drawnPlaces.filter((id) => places.includes(id))).toEqual([]);
    const drawnProjects = await sourceIds(page, "project-points");
    expect(drawnProjects.length).toBeGreaterThan(0);
    expect(drawnProjects.filter((id) => projects.includes(id))).toEqual([]);
    // so no cluster holds them all any more
    const biggest = await page.evaluate(() => {
      const m = window.__atlas!.map;
      const layers = m
        .getStyle()
        .layers.filter((l) => "source" in l && l.source === "project-points")
        .map((l) => l.id);
      return Math.max(0, ...m.queryRenderedFeatures({ layers }).map((f) => Number(f.properties.point_count ?? 1)));
    });
    expect(biggest).toBeLessThan(projects.length);
    await screenshot(page, "citywide-legend");

    // from the keyboard: focus the private economy zone's entry and press Enter
    const entry = group.locator("li[data-citywide='place:private-economy-zone'] button");
    await entry.focus();
    await page.keyboard.press("Enter");
    await page.locator(".place-panel .panel-title").waitFor();
    expect(new URL(page.url()).searchParams.get("place")).toBe("private-economy-zone");
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
