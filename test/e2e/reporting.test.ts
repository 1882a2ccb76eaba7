import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { E2E_ADMIN_PASSWORD } from "./global-setup.ts";
import { connect, gqlAs, offHostRequests, openPage, screenshot, signIn, url, waitForMapIdle } from "./support.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await connect();
});
afterAll(async () => {
  await browser?.close();
});

async function adminToken(): Promise<string> {
  const d = await gqlAs(null, 'mutation($p: String!) { login(username: "admin", password: $p) { token } }', {
    p: E2E_ADMIN_PASSWORD,
  });
  return d.login.token;
}

const LEADER = { username: `qingxu-leader-${Date.now() % 100000}`, password: "qingxu-pass-123" };
let leaderCreated = false;
async function ensureLeader(): Promise<void> {
  if (leaderCreated) return;
  await gqlAs(await adminToken(), "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }", {
    i: {
      username: LEADER.username,
      password: LEADER.password,
      displayName: "清徐县负责人",
      role: "AREA_LEADER",
      placeIds: ["qingxu"],
    },
  });
  leaderCreated = true;
}

describe("progress reporting", () => {
  it("a planner signs in, files a report on reform-15 and sees it in the history as submitted", async () => {
    const { page, consoleErrors, requests } = await openPage(browser);
    await page.goto(url("/?task=reform-15"));
    await page.locator(".task-reports .report-hint").waitFor();
    await expect(page.locator(".task-reports").textContent()).resolves.toContain("登录后");
    expect(await page.locator(".report-form").count()).toBe(0);
    await signIn(page, "admin", E2E_ADMIN_PASSWORD);
    await expect(page.locator(".auth-user").textContent()).resolves.toMatch(/规划人员/);
    const form = page.locator(".report-form");
    await form.waitFor();
    const note = `e2e: land survey finished ${Date.now()}`;
    await form.locator("select[name=status]").selectOption("IN_PROGRESS");
    await form.locator("input[name=progress]").fill("35");
    await form.locator("textarea[name=note]").fill(note);
    await form.locator("button[type=submit]").click();
    await form.locator(".form-ok").waitFor();
    const mine = page.locator(".task-reports .report", { hasText: note });
    await mine.waitFor();
    await expect(mine.locator("[data-review]").getAttribute("data-review")).resolves.toBe("SUBMITTED");
    await expect(mine.textContent()).resolves.toContain("35%");
    await screenshot(page, "report-filed-reform-15");

    // a bad progress is refused in the form, before the API
    await form.locator("input[name=progress]").fill("140");
    await form.locator("textarea[name=note]").fill("too much");
    await form.locator("button[type=submit]").click();
    await expect(form.locator(".form-error").textContent()).resolves.toContain("0 到 100");

    // the author's own report is not in their review queue: someone else must review it
    await page.locator(".panel-head button[aria-label='返回']").click();
    await page.locator("#tab-review").click();
    await page.locator(".review-queue .section-title").waitFor();
    await page.waitForFunction(() => !document.querySelector(".review-queue .notice-loading"));
    expect(await page.locator(".review-item", { hasText: note }).count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    expect(offHostRequests(requests)).toEqual([]);
    await page.context().close();
  });

  it("an area leader for qingxu sees no report form on reform-15 but does on pilot-counties", async () => {
    await ensureLeader();
    const { page, consoleErrors } = await openPage(browser);
    await page.goto(url("/?task=reform-15"));
    await page.locator(".task-reports .report-hint").waitFor();
    await signIn(page, LEADER.username, LEADER.password);
    await page.locator(".task-reports .report-hint", { hasText: "不能报告" }).waitFor();
    expect(await page.locator(".report-form").count()).toBe(0);
    await page.goto(url("/?task=pilot-counties"));
    const form = page.locator(".report-form");
    await form.waitFor();
    await expect(form.locator("select[name=place] option").allTextContents()).resolves.toEqual(["清徐县"]);
    await screenshot(page, "leader-pilot-counties-form");
    expect(await page.locator("#tab-review").count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it("a leader files a dated report for their own place; once approved, the task panel shows that place's status and no other's", async () => {
    await ensureLeader();
    const { page, consoleErrors } = await openPage(browser);
    await page.goto(url("/?task=pilot-counties"));
    await page.locator(".task-obligations").waitFor();
    await signIn(page, LEADER.username, LEADER.password);
    const form = page.locator(".report-form");
    await form.waitFor();
    const note = `e2e: dated ${Date.now()}`;
    await form.locator("select[name=status]").selectOption("IN_PROGRESS");
    await form.locator("input[name=progress]").fill("45");
    await form.locator("input[name=asOf]").fill("2014-05-01");
    await form.locator("textarea[name=note]").fill(note);
    await form.locator("button[type=submit]").click();
    await form.locator(".form-ok").waitFor();
    const mine = page.locator(".task-reports .report", { hasText: note });
    await mine.waitFor();
    await expect(mine.locator("time").getAttribute("datetime")).resolves.toBe("2014-05-01");

    // a planner approves it; the panel then shows Qingxu's own status, the other places' unchanged
    const token = await adminToken();
    const reports = await gqlAs(token, `{ task(id: "pilot-counties") { reports(first: 100) { nodes { id note } } } }`);
    const id = reports.task.reports.nodes.find((r: { note: string }) => r.note === note).id;
    await gqlAs(token, `mutation($id: ID!) { reviewReport(id: $id, decision: APPROVE) { review } }`, { id });
    await page.reload();
    const row = page.locator(".task-obligations tr[data-obligation-id='pilot-counties@qingxu']");
    await row.waitFor();
    await expect(row.getAttribute("data-status")).resolves.toBe("IN_PROGRESS");
    await expect(
      page.locator(".task-obligations tr[data-obligation-id='pilot-counties@gujiao']").getAttribute("data-status"),
    ).resolves.toBe("NOT_STARTED");
    await screenshot(page, "task-panel-per-place-status");
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it("the obligations CSV dry run shows each row, refused ones with their reason, and files the rest in one click", async () => {
    await ensureLeader();
    const { page, consoleErrors, requests } = await openPage(browser);
    await page.goto(url("/?place=qingxu"));
    await page.locator(".place-panel .obligation").first().waitFor();
    expect(await page.locator(".csv-upload").count()).toBe(0);
    await signIn(page, LEADER.username, LEADER.password);
    await page.locator(".csv-upload").waitFor();

    // download the sheet as the page would, fill in one obligation and add a task that is not qingxu's
    const href = await page.locator(".place-panel a", { hasText: "导出 CSV" }).getAttribute("href");
    const csv = await page.evaluate(async (h) => (await fetch(h!)).text(), href);
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split(/\r?\n/);
    const header = lines[0].split(",");
    expect(header.slice(-4)).toEqual(["new_status", "new_progress", "note", "as_of"]);
    const row = lines.findIndex((l) => l.startsWith("pilot-counties,"));
    expect(row).toBeGreaterThan(0);
    // as_of left blank: the rows describe today
    lines[row] = lines[row].replace(/,,,,$/, ",IN_PROGRESS,50,e2e csv round trip,");
    lines.push(`reform-15,${",".repeat(header.length - 5)}COMPLETED,100,not ours,`);
    await page.locator(".csv-upload input[type=file]").setInputFiles({
      name: "obligations-qingxu.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(lines.join("\r\n"), "utf8"),
    });

    const result = page.locator(".upload-result");
    await result.waitFor();
    await expect(result.textContent()).resolves.toMatch(/试算结果/);
    const refused = result.locator("tr.refused", { hasText: "reform-15" });
    // said in the reader's language from the server's problemCode, naming the place as the page does, not the server's English
    await expect(refused.locator(".problem").textContent()).resolves.toBe("任务 reform-15 不是清徐县的任务。");
    expect(await result.locator("tr.filed", { hasText: "pilot-counties" }).count()).toBe(1);
    await screenshot(page, "csv-dry-run");

    await result.locator("button", { hasText: "提交 1 份报告" }).click();
    await page.locator(".upload-result", { hasText: "已提交：" }).waitFor();
    await waitForMapIdle(page);
    await screenshot(page, "csv-filed");

    // a planner finds the filed row in the review queue and approves it with a note
    await page.locator(".auth-user button", { hasText: "退出" }).click();
    await signIn(page, "admin", E2E_ADMIN_PASSWORD);
    await page.locator(".panel-head button[aria-label='返回']").click();
    await page.locator("#tab-review").click();
    const item = page.locator(".review-item", { hasText: "e2e csv round trip" });
    await item.waitFor();
    await screenshot(page, "review-queue");
    await item.locator(".review-note").fill("checked against the county bulletin");
    await item.locator("button", { hasText: "批准" }).click();
    await page.locator(".review-item", { hasText: "e2e csv round trip" }).waitFor({ state: "detached" });
    await page.goto(url("/?task=pilot-counties"));
    const approved = page.locator(".task-reports .report", { hasText: "e2e csv round trip" });
    await approved.waitFor();
    await expect(approved.locator("[data-review]").getAttribute("data-review")).resolves.toBe("APPROVED");
    await expect(approved.textContent()).resolves.toContain("checked against the county bulletin");
    expect(consoleErrors).toEqual([]);
    expect(offHostRequests(requests)).toEqual([]);
    await page.context().close();
  });

  it("planners can colour the map by overdue and not-reported tasks", async () => {
    const { page, consoleErrors } = await openPage(browser);
    await page.goto(url("/"));
    await waitForMapIdle(page);
    const select = page.locator(".legend-measure select");
    expect(await select.locator("option[value=overdue]").count()).toBe(0);
    await signIn(page, "admin", E2E_ADMIN_PASSWORD);
    await select.selectOption("overdue");
    await expect(page.locator(".legend-title").textContent()).resolves.toBe("逾期任务数");
    expect(page.url()).toContain("measure=overdue");
    await select.selectOption("unreported");
    await expect(page.locator(".legend-title").textContent()).resolves.toBe("未报告任务数");
    await waitForMapIdle(page);
    await screenshot(page, "measure-unreported");
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
