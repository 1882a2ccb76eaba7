/**
 * The planners' console, projects and indicator values, in Chromium: a project created with its
 * geocoded position and precision shown before saving, then edited; a CSV import read as a dry-run
 * table, then committed; an indicator value recorded by a planner (on a phone, 390×844), and an
 * area leader's value pending until a planner approves it. axe-core on both sections.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { E2E_ADMIN_PASSWORD } from "./global-setup.ts";
import { connect, gqlAs, login, openPage, signIn, url } from "./support.ts";
import { axeViolations } from "./axe.ts";

const LEADER_PASSWORD = "console-b-leader-pass";
const tag = Date.now().toString(36);
const leaderName = `console-b-leader-${tag}`;

let browser: Browser;
let adminToken: string;

beforeAll(async () => {
  browser = await connect();
  adminToken = await login("admin", E2E_ADMIN_PASSWORD);
  await gqlAs(adminToken, "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }", {
    i: {
      username: leaderName,
      password: LEADER_PASSWORD,
      displayName: "古交区域负责人",
      role: "AREA_LEADER",
      placeIds: ["gujiao"],
    },
  });
});
afterAll(async () => {
  await browser?.close();
});

/**
 * A page signed in as `username` showing one console section: through the page's own sign-in form,
 * or (viaForm false) with a session cookie from the API, which spares the login form's time.
 */
async function consolePage(
  section: "projects" | "values",
  username: string,
  password: string,
  viewport?: { width: number; height: number },
  viaForm = true,
): Promise<{ page: Page; consoleErrors: string[] }> {
  const { page, consoleErrors } = await openPage(browser, viewport);
  if (!viaForm) {
    const token = await login(username, password);
    await page
      .context()
      .addCookies([{ name: "atlas_session", value: token, url: url("/"), httpOnly: true, sameSite: "Strict" }]);
  }
  await page.goto(url("/"));
  if (viaForm) {
    await page.locator(".auth-slot button:not([disabled])", { hasText: "登录" }).waitFor();
    await signIn(page, username, password);
  }
  // the console's own route: its tab and section in the URL
  await page.goto(url(`/?tab=console&csec=${section}`));
  await page
    .locator(
      section === "projects"
        ? ".console-projects"
        : ".console-values #console-value-indicator option[value=forest-coverage]",
    )
    .waitFor({ state: "attached" });
  return { page, consoleErrors };
}

describe("console: projects", () => {
  it("creates a project with the position and precision shown before saving, then edits it", async () => {
    const { page, consoleErrors } = await consolePage("projects", "admin", E2E_ADMIN_PASSWORD);
    const form = page.locator(".console-project");
    await form.getByLabel("名称", { exact: true }).fill(`控制台测试项目${tag}`);
    await form.getByLabel("服务的任务（编号，用分号分隔）").fill("matter-18");
    const save = form.getByRole("button", { name: "保存项目" });

    // a city-level name: said to be listed, not drawn
    await form.getByLabel("地名", { exact: true }).fill("太原市");
    expect(await save.isDisabled()).toBe(true);
    await form.getByRole("button", { name: "查看定位" }).click();
    await form.locator("[data-testid=position-preview] .citywide-note").waitFor();
    expect(await form.locator("[data-testid=position-preview]").innerText()).toContain("仅知在市内");

    // a zone: its place, precision and where it is drawn, before saving
    await form.getByLabel("地名", { exact: true }).fill("清徐开发区物流园");
    expect(await form.locator("[data-testid=position-preview]").count()).toBe(0);
    expect(await save.isDisabled()).toBe(true);
    await form.getByRole("button", { name: "查看定位" }).click();
    const preview = form.locator("[data-testid=position-preview]");
    await preview.waitFor();
    const text = await preview.innerText();
    expect(text).toContain("清徐开发区");
    expect(text).toContain("仅知所在县区");
    expect(text).toMatch(/地图上画在：1\d\d\.\d{5}, 3\d\.\d{5}/);
    expect(await save.isDisabled()).toBe(false);
    await save.click();
    const saved = form.locator(".notice[role=status]");
    await saved.waitFor();
    const id = /（([a-z0-9-]+)）/.exec(await saved.innerText())![1];
    const stored = await gqlAs(null, "query($id: ID!) { project(id: $id) { precision positionSource nameEn } }", {
      id,
    });
    expect(stored.project).toMatchObject({ precision: "ADM3", nameEn: null });
    expect(stored.project.positionSource).toContain("qingxu-development-zone");

    // edit: the form now holds the saved project and keeps its position
    await page.locator("#console-project-title", { hasText: id }).waitFor();
    await form.getByLabel("英文名称").fill(`Console test ${tag}`);
    await save.click();
    await page.waitForFunction(
      async ([u, pid]) => {
        const r = await fetch(u, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: `{ project(id: "${pid}") { nameEn } }` }),
        });
        return (await r.json()).data.project.nameEn !== null;
      },
      [url("/graphql"), id],
    );
    expect((await gqlAs(null, `{ project(id: "${id}") { nameEn precision } }`)).project).toEqual({
      nameEn: `Console test ${tag}`,
      precision: "ADM3",
    });
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it("imports a CSV: the dry run as a table first, then commit", async () => {
    const { page, consoleErrors } = await consolePage("projects", "admin", E2E_ADMIN_PASSWORD);
    const csv = [
      "id,name,task_ids,lng,lat,place",
      `cb-import-${tag}-a,导入项目甲,matter-18,112.55,37.87,`,
      `cb-import-${tag}-b,导入项目乙,matter-18,,,古交市`,
      `cb-import-${tag}-c,导入项目丙,matter-999,,,古交市`,
    ].join("\n");
    await page
      .locator(".console-import input[type=file]")
      .setInputFiles({ name: "projects.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    const table = page.locator(".console-import table.import-rows");
    await table.waitFor();
    expect(await page.locator(".console-import .upload-result strong").innerText()).toContain("试运行");
    const rows = await table
      .locator("tbody tr")
      .evaluateAll((trs) =>
        trs.map((tr) =>
          [...tr.querySelectorAll("td")].map((td) => (td as HTMLElement).innerText.replace(/\s+/g, " ").trim()),
        ),
      );
    expect(rows).toHaveLength(3);
    expect(rows[0].slice(0, 3)).toEqual(["1", `cb-import-${tag}-a`, "導入項目甲"]);
    expect(rows[0][3]).toContain("112.55000, 37.87000");
    expect(rows[0][3]).toContain("邻近");
    expect(rows[0][4]).toContain("新建");
    expect(rows[1][3]).toContain("古交");
    expect(rows[1][3]).toContain("仅知所在县区");
    expect(rows[2][4]).toContain("拒绝");
    expect(rows[2][4]).toContain("此列有误：任务编号（task_ids）");
    // nothing written by the dry run
    expect((await gqlAs(null, `{ project(id: "cb-import-${tag}-a") { id } }`)).project).toBeNull();
    expect(await axeViolations(page, ".console")).toEqual([]);

    await page.getByRole("button", { name: "提交导入（2 个项目）" }).click();
    await page.locator(".console-import .upload-result strong", { hasText: "已导入" }).waitFor();
    const after = await gqlAs(
      null,
      `{ a: project(id: "cb-import-${tag}-a") { precision } b: project(id: "cb-import-${tag}-b") { precision } c: project(id: "cb-import-${tag}-c") { id } }`,
    );
    expect(after).toEqual({ a: { precision: "NEAR" }, b: { precision: "ADM3" }, c: null });
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});

describe("console: indicator values", () => {
  it("a planner records a value on a phone (390×844); it counts at once", async () => {
    const { page, consoleErrors } = await consolePage("values", "admin", E2E_ADMIN_PASSWORD, {
      width: 390,
      height: 844,
    });
    const form = page.locator(".console-values form");
    await form.getByLabel("指标", { exact: true }).selectOption("forest-coverage");
    await form.getByLabel("地区", { exact: true }).selectOption("taiyuan");
    await form.getByLabel("年份", { exact: true }).fill("2013");
    await form.getByLabel("数值", { exact: true }).fill("21.5");
    await form.getByLabel("来源", { exact: true }).fill(`2013年太原市统计公报 ${tag}`);
    await form.getByRole("button", { name: "录入" }).click();
    await form.locator(".notice", { hasText: "已录入并计入" }).waitFor();
    const row = page.locator(".indicator-values tbody tr", { hasText: `2013年太原市统计公报 ${tag}` });
    await row.waitFor();
    expect(await row.locator(".pill").innerText()).toBe("已批准");
    // the section fits the phone's width
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    const values = await gqlAs(
      null,
      `{ indicator(id: "forest-coverage") { values(placeId: "taiyuan", fromYear: 2013, toYear: 2013) { value source } } }`,
    );
    expect(values.indicator.values).toEqual([{ value: 21.5, source: `2013年太原市统计公报 ${tag}` }]);
    expect(await axeViolations(page, ".console")).toEqual([]);
    // At the narrowest width WCAG reflows to, the table scrolls sideways: its
    // scrolling box must still be reachable from the keyboard. (CI once found
    // it scrolling at 390 px too, depending on the width of the tag above.)
    await page.setViewportSize({ width: 320, height: 844 });
    const scrolls = await page
      .locator(".console-values .table-scroll")
      .evaluate((el) => el.scrollWidth > el.clientWidth);
    expect(scrolls).toBe(true);
    expect(await axeViolations(page, ".console")).toEqual([]);
    expect(consoleErrors, JSON.stringify(consoleErrors)).toEqual([]);
    await page.context().close();
  });

  it("an area leader's value waits for review, and counts once a planner approves it", async () => {
    const source = `古交市统计公报 ${tag}`;
    const leader = await consolePage("values", leaderName, LEADER_PASSWORD, undefined, false);
    const form = leader.page.locator(".console-values form");
    await form.getByLabel("指标", { exact: true }).selectOption("forest-coverage");
    await form.getByLabel("地区", { exact: true }).selectOption("gujiao");
    await form.getByLabel("年份", { exact: true }).fill("2014");
    await form.getByLabel("数值", { exact: true }).fill("33.3");
    await form.getByLabel("来源", { exact: true }).fill(source);
    await form.getByRole("button", { name: "录入" }).click();
    await form.locator(".notice", { hasText: "等待规划人员审核" }).waitFor();
    const mine = leader.page.locator(".indicator-values tbody tr", { hasText: source });
    await mine.waitFor();
    expect(await mine.locator(".pill").innerText()).toBe("待审核");
    expect(await mine.getByRole("button", { name: "批准" }).count()).toBe(0);
    const figures = `{ indicator(id: "forest-coverage") { values(placeId: "gujiao", fromYear: 2014, toYear: 2014) { value } } }`;
    expect((await gqlAs(null, figures)).indicator.values).toEqual([]);
    expect(leader.consoleErrors).toEqual([]);
    await leader.page.context().close();

    const planner = await consolePage("values", "admin", E2E_ADMIN_PASSWORD, undefined, false);
    await planner.page.getByLabel("只看待审核").check();
    const pending = planner.page.locator(".indicator-values tbody tr", { hasText: source });
    await pending.waitFor();
    expect(await pending.locator(".pill").innerText()).toBe("待审核");
    await pending.getByRole("button", { name: "批准" }).click();
    await pending.waitFor({ state: "detached" });
    await planner.page.getByLabel("只看待审核").uncheck();
    await planner.page
      .locator(".indicator-values tbody tr", { hasText: source })
      .locator(".pill", { hasText: "已批准" })
      .waitFor();
    expect((await gqlAs(null, figures)).indicator.values).toEqual([{ value: 33.3 }]);
    expect(planner.consoleErrors).toEqual([]);
    await planner.page.context().close();
  });
});

describe("console sections in zh-Hant and en", () => {
  it("have no WCAG 2.1 AA violations", async () => {
    const { page } = await consolePage("projects", "admin", E2E_ADMIN_PASSWORD, undefined, false);
    const found: Record<string, unknown[]> = {};
    for (const lang of ["zh-Hant", "en"]) {
      for (const section of ["projects", "values"] as const) {
        // signed in already (the session cookie): the sections in another language
        await page.goto(url(`/?tab=console&csec=${section}&lang=${lang}`));
        await page
          .locator(
            section === "projects" ? ".console-projects" : ".console-values :is(.indicator-values, .values-empty)",
          )
          .waitFor();
        found[`${section} ${lang}`] = await axeViolations(page, ".console");
      }
    }
    expect(found).toEqual({ "projects zh-Hant": [], "values zh-Hant": [], "projects en": [], "values en": [] });
    await page.context().close();
  }, 300_000);
});
