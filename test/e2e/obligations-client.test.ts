/** Issue 17 in the browser: an area leader's landing and the annual assessment view. */
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

async function groupIds(page: Page, group: string): Promise<string[]> {
  const ids = await page
    .locator(`.landing-group[data-group=${group}] [data-obligation-id]`)
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-obligation-id") ?? ""));
  return ids.sort();
}

const ids = (d: { obligations: { nodes: { id: string }[] } }) => d.obligations.nodes.map((n) => n.id).sort();

describe("a leader's landing", () => {
  it("an area leader signs in and lands on their obligations, grouped, with the map at their area", async () => {
    const admin = await login("admin", E2E_ADMIN_PASSWORD);
    const leader = { username: `loufan-leader-${Date.now() % 100000}`, password: "loufan-pass-123" };
    await gqlAs(admin, "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }", {
      i: {
        username: leader.username,
        password: leader.password,
        displayName: "娄烦县负责人",
        role: "AREA_LEADER",
        placeIds: ["loufan"],
      },
    });
    const own = (
      await gqlAs(
        admin,
        `{ obligations(filter: { placeIds: ["loufan"] }, first: 100) { nodes { id task { id } place { id } } } }`,
      )
    ).obligations.nodes.filter((o: { place: { id: string } }) => o.place.id === "loufan");
    expect(own.length).toBeGreaterThanOrEqual(3);
    // from the end of the list: live-events.test.ts files and approves a report on Loufan's first obligation
    const [awaitingOne, returnedOne, behindOne] = own.slice(-3);
    // a target of 100% by the end of 2015 with no approved report: behind target, due 2015
    await gqlAs(
      admin,
      `mutation($t: ID!) { setObligationTargets(taskId: $t, placeId: "loufan", targets: [{ year: 2015, progress: 100 }]) { id } }`,
      { t: behindOne.task.id },
    );
    const token = await login(leader.username, leader.password);
    const file = `mutation($i: ReportProgressInput!) { reportProgress(input: $i) { id } }`;
    const returned = (
      await gqlAs(token, file, {
        i: {
          taskId: returnedOne.task.id,
          placeId: "loufan",
          status: "IN_PROGRESS",
          progress: 10,
          note: "e2e landing: to be returned",
          asOf: "2015-06-30",
        },
      })
    ).reportProgress.id;
    await gqlAs(
      admin,
      `mutation($id: ID!) { reviewReport(id: $id, decision: RETURN, note: "figures missing") { id } }`,
      { id: returned },
    );
    await gqlAs(token, file, {
      i: {
        taskId: awaitingOne.task.id,
        placeId: "loufan",
        status: "IN_PROGRESS",
        progress: 20,
        note: "e2e landing: awaiting",
        asOf: "2015-06-30",
      },
    });

    // what the landing must list, straight from the API (its "this year" is 2015: today is past the plan's years)
    const due = ids(
      await gqlAs(
        token,
        `{ obligations(filter: { placeIds: ["loufan"], dueYear: 2015 }, first: 100) { nodes { id } } }`,
      ),
    );
    const behind = ids(
      await gqlAs(
        token,
        `{ obligations(filter: { placeIds: ["loufan"], behindTarget: true }, first: 100) { nodes { id } } }`,
      ),
    );
    expect(behind).toContain(behindOne.id);
    const bbox: number[] = (await gqlAs(null, `{ place(id: "loufan") { bbox } }`)).place.bbox;

    const { page, consoleErrors } = await openPage(browser);
    await page.goto(url("/"));
    await waitForMapIdle(page);
    await signIn(page, leader.username, leader.password);
    await page.locator(".leader-landing .landing-group").first().waitFor();
    await expect(page.locator("#tab-mine").getAttribute("aria-selected")).resolves.toBe("true");
    expect(await groupIds(page, "due")).toEqual(due);
    expect(await groupIds(page, "behind")).toEqual(behind);
    expect(await groupIds(page, "returned")).toEqual([returnedOne.id]);
    expect(await groupIds(page, "awaiting")).toEqual([awaitingOne.id]);

    // the map went to Loufan: its centre is inside the county's bounding box
    await page.waitForFunction(
      ([w, s, e, n]) => {
        const c = window.__atlas?.map.getCenter();
        return Boolean(c && c.lng > w && c.lng < e && c.lat > s && c.lat < n);
      },
      bbox,
      { timeout: 30_000 },
    );
    await screenshot(page, "leader-landing");

    // an item opens the task panel with the report form
    await page.locator(`.landing-group[data-group=returned] [data-obligation-id="${returnedOne.id}"] button`).click();
    await page.locator(".report-form").waitFor();
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});

describe("the assessment view", () => {
  it("lists Query.assessment, downloads the CSV, and a planner finalizes a row", async () => {
    const admin = await login("admin", E2E_ADMIN_PASSWORD);
    const expected = (
      await gqlAs(null, `{ assessment(year: 2014) { place { id } due met metLate delayed notReported score } }`)
    ).assessment;
    const { page, consoleErrors } = await openPage(browser);
    await page.goto(url("/"));
    await waitForMapIdle(page);
    await signIn(page, "admin", E2E_ADMIN_PASSWORD);
    await page.locator("#tab-assessment").click();
    await page.locator(".assessment-view select").selectOption("2014");
    // the previous year's rows stay until the new ones arrive: wait for 2014's
    await page.locator(".assessment-table[data-year='2014'][aria-busy=false] tbody tr").first().waitFor();
    const rows = await page.locator(".assessment-table tbody tr").evaluateAll((trs) =>
      trs.map((tr) => ({
        id: tr.getAttribute("data-place-id"),
        cells: [...tr.querySelectorAll("td")].slice(0, 6).map((td) => td.textContent),
      })),
    );
    expect(rows.map((r) => r.id)).toEqual(expected.map((a: { place: { id: string } }) => a.place.id));
    rows.forEach((r, i) => {
      const a = expected[i];
      expect(r.cells, a.place.id).toEqual(
        [a.due, a.met, a.metLate, a.delayed, a.notReported]
          .map(String)
          .concat(a.score == null ? "—" : `${Math.round(a.score * 100)}%`),
      );
    });

    // the CSV: a download of the same rows, with a BOM
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator(".assessment-view a[download]").click(),
    ]);
    expect(download.suggestedFilename()).toBe("assessment-2014.csv");
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    const bytes = Buffer.concat(chunks);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8").split("\r\n").filter(Boolean).length).toBe(expected.length + 1);

    // finalize one area's year with a note
    const placeId = expected[0].place.id;
    const row = page.locator(`.assessment-table tr[data-place-id="${placeId}"]`);
    await row.locator("button", { hasText: "定稿" }).click();
    await row.locator(".finalize-form input").fill("e2e: closed");
    await row.locator(".finalize-form button").click();
    await row.locator(".finalized").waitFor();
    await expect(row.locator(".finalized").textContent()).resolves.toContain("e2e: closed");
    const after = (
      await gqlAs(
        admin,
        `{ assessment(year: 2014, placeIds: ["${placeId}"]) { finalizedAt finalizedBy { displayName } } }`,
      )
    ).assessment[0];
    expect(after.finalizedAt).not.toBeNull();
    await expect(row.locator(".finalized").textContent()).resolves.toContain(after.finalizedBy.displayName);
    await screenshot(page, "assessment-2014");
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
