/** A two-word search in the browse panel, and a choropleth that counts what the filters select. */
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

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(url("/graphql"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data: T; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

/** The choropleth value the map holds for each county-level unit now. */
async function mapValues(page: Page): Promise<Record<string, number | undefined>> {
  return page.evaluate(async () => {
    type Data = { features: { properties: { id: string; value?: number; kind: string } }[] };
    const src = window.__atlas!.map.getSource("places") as unknown as { getData(): Promise<Data> };
    const out: Record<string, number | undefined> = {};
    for (const f of (await src.getData()).features)
      if (["DISTRICT", "COUNTY", "COUNTY_CITY"].includes(f.properties.kind)) out[f.properties.id] = f.properties.value;
    return out;
  });
}

describe("search", () => {
  it("煤炭 產業 lists the tasks both words find, and the map counts only those", async () => {
    const words = await gql<{
      a: { nodes: { id: string }[] };
      b: { nodes: { id: string }[] };
      both: { totalCount: number };
    }>(`{
      a: tasks(first: 100, filter: { text: "煤炭" }) { nodes { id } }
      b: tasks(first: 100, filter: { text: "产业" }) { nodes { id } }
      both: tasks(first: 100, filter: { text: "煤炭 產業" }) { totalCount }
    }`);
    const inA = new Set(words.a.nodes.map((n) => n.id));
    const expected = words.b.nodes.filter((n) => inA.has(n.id)).length;
    expect(expected).toBeGreaterThan(0);
    expect(words.both.totalCount).toBe(expected);

    const { page, consoleErrors } = await openPage(browser);
    await page.goto(url("/"));
    await waitForMapIdle(page);
    const before = await mapValues(page);
    await page.locator(".filters input[type=search]").fill("煤炭 產業");
    await page.locator(".results-head", { hasText: `共 ${expected} 项任务` }).waitFor();
    expect(await page.locator(".task-row").count()).toBe(expected);

    // each county's colour counts its obligations among those tasks (statusSummary with the filter)
    const summaries = await gql<{ places: { id: string; kind: string; statusSummary: { total: number } }[] }>(
      `query($f: TaskFilter) { places { id kind statusSummary(filter: $f) { total } } }`,
      { f: { text: "煤炭 產業" } },
    );
    const expectedValues = Object.fromEntries(
      summaries.places
        .filter((p) => ["DISTRICT", "COUNTY", "COUNTY_CITY"].includes(p.kind))
        .map((p) => [p.id, p.statusSummary.total]),
    );
    await expect.poll(() => mapValues(page), { timeout: 20_000 }).toEqual(expectedValues);
    expect(expectedValues).not.toEqual(before);
    await screenshot(page, "search-two-words");
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
