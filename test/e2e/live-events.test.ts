/**
 * The map listens: a planner's open page recolours a county and says what changed when a report
 * on it is filed and approved by other sessions (plain HTTP here), without a reload.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { E2E_ADMIN_PASSWORD } from "./global-setup.ts";
import { connect, gqlAs, login, openPage, screenshot, signIn, url, waitForMapIdle } from "./support.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await connect();
});
afterAll(async () => {
  await browser?.close();
});

/** The value the choropleth colours Loufan by (its mean progress with ?measure=progress), from the rendered features. */
function renderedValue(page: Page, placeId: string): Promise<number | null> {
  return page.evaluate((pid) => {
    const f = window
      .__atlas!.map.queryRenderedFeatures({ layers: ["admin-fill"] })
      .find((x) => x.properties.id === pid);
    return f && typeof f.properties.value === "number" ? f.properties.value : null;
  }, placeId);
}

describe("live report events on the map", () => {
  it("a planner's page recolours Loufan and shows a notice when a leader's report there is approved elsewhere", async () => {
    const place = "loufan";
    const admin = await login("admin", E2E_ADMIN_PASSWORD);
    const stamp = Date.now() % 100000;
    const leader = { username: `loufan-leader-${stamp}`, password: "loufan-pass-123" };
    const reviewer = { username: `live-reviewer-${stamp}`, password: "reviewer-pass-123" };
    await gqlAs(admin, "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }", {
      i: {
        username: leader.username,
        password: leader.password,
        displayName: "娄烦县负责人",
        role: "AREA_LEADER",
        placeIds: [place],
      },
    });
    await gqlAs(admin, "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }", {
      i: { username: reviewer.username, password: reviewer.password, displayName: "审核人", role: "PLANNER" },
    });
    const obligations = await gqlAs(
      null,
      `{ place(id: "${place}") { obligations(includeContained: false, includeCitywide: false) { task { id } } } }`,
    );
    const taskId: string = obligations.place.obligations[0].task.id;

    const { page, consoleErrors } = await openPage(browser);
    await page.goto(url("/?measure=progress"));
    await waitForMapIdle(page);
    await signIn(page, "admin", E2E_ADMIN_PASSWORD);
    await page.waitForFunction(() => document.documentElement.dataset.liveEvents === "connected", undefined, {
      timeout: 30_000,
    });
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    const before = await renderedValue(page, place);

    const leaderToken = await login(leader.username, leader.password);
    const filed = await gqlAs(leaderToken, "mutation($i: ReportProgressInput!) { reportProgress(input: $i) { id } }", {
      i: { taskId, placeId: place, status: "IN_PROGRESS", progress: 73, note: `e2e live: ${stamp}` },
    });
    const notice = page.locator(".live-notice");
    await expect.poll(() => notice.textContent(), { timeout: 30_000 }).toMatch(/待审核/);

    await gqlAs(
      await login(reviewer.username, reviewer.password),
      "mutation($id: ID!) { reviewReport(id: $id, decision: APPROVE) { id } }",
      { id: filed.reportProgress.id },
    );
    await expect.poll(() => notice.textContent(), { timeout: 30_000 }).toMatch(/娄烦.*已通过/);
    // the county's value (and so its colour) is the new one, read from the map's own rendered data
    await page.waitForFunction(
      ([pid, old]) => {
        const f = window
          .__atlas!.map.queryRenderedFeatures({ layers: ["admin-fill"] })
          .find((x) => x.properties.id === pid);
        const v = f?.properties.value;
        return typeof v === "number" && v !== old;
      },
      [place, before] as const,
      { timeout: 30_000 },
    );
    const after = await renderedValue(page, place);
    // the value is the server's: Loufan's mean progress as an anonymous reader now sees it
    const summary = await gqlAs(null, `{ place(id: "${place}") { statusSummary { meanProgress } } }`);
    expect(after).toBeCloseTo(summary.place.statusSummary.meanProgress, 6);
    expect(after).not.toBe(before);
    expect(after).not.toBeNull();
    await expect(notice.getAttribute("aria-live")).resolves.toBe("polite");
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await screenshot(page, "live-event-recolour");
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  }, 180_000);
});
