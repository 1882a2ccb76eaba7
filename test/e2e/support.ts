/** Helpers shared by the e2e files: a page that records console errors and every request, and map waits. */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { inject } from "vitest";

export const SHOTS = path.resolve(import.meta.dirname, "../../test-results/e2e");

export interface RecordedPage {
  page: Page;
  consoleErrors: string[];
  requests: string[];
}

export async function connect(): Promise<Browser> {
  return chromium.connect(inject("wsEndpoint"));
}

export function url(pathAndQuery: string): string {
  return `${inject("baseUrl")}${pathAndQuery}`;
}

export async function openPage(browser: Browser, viewport = { width: 1400, height: 900 }): Promise<RecordedPage> {
  const context = await browser.newContext({ viewport, locale: "zh-CN" });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => consoleErrors.push(`pageerror: ${e.message}`));
  page.on("request", (r) => requests.push(r.url()));
  page.on("response", (r) => {
    if (r.status() >= 400) consoleErrors.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return { page, consoleErrors, requests };
}

/** Wait until the map exists, its style and data are loaded, and it has stopped moving and rendering. */
export async function waitForMapIdle(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => Boolean(window.__atlas?.loaded), null, { timeout });
  await page.waitForFunction(
    () => {
      const m = window.__atlas?.map;
      if (!m) return false;
      const src = m.getSource("places") as unknown as { _data?: { features?: unknown[] } } | undefined;
      return Boolean(m.isStyleLoaded() && src) && !document.querySelector(".map-status .notice-loading");
    },
    null,
    { timeout },
  );
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const m = window.__atlas!.map;
        const check = () => (!m.isMoving() && m.areTilesLoaded() ? resolve() : m.once("idle", check));
        m.once("idle", check);
        m.triggerRepaint();
        setTimeout(resolve, 15_000);
      }),
  );
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** Ids of places drawn in the given layers right now. */
export async function renderedIds(page: Page, layers: string[]): Promise<string[]> {
  return page.evaluate((ls) => {
    const m = window.__atlas!.map;
    const ids = m
      .queryRenderedFeatures({ layers: ls.filter((l) => m.getLayer(l)) })
      .map((f) => String(f.properties.id));
    return [...new Set(ids)].sort();
  }, layers);
}

export function offHostRequests(requests: string[]): string[] {
  return requests.filter((r) => {
    if (r.startsWith("data:") || r.startsWith("blob:")) return false;
    try {
      return new URL(r).hostname !== "127.0.0.1";
    } catch {
      return true;
    }
  });
}

/** A GraphQL request to the e2e server, signed in with `token` when given; throws on errors. */
export async function gqlAs(token: string | null, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(url("/graphql"), {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** A session token for the user (over HTTP, not the page). */
export async function login(username: string, password: string): Promise<string> {
  const d = await gqlAs(null, "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }", {
    u: username,
    p: password,
  });
  return d.login.token;
}

/** Signs in through the page's own form (zh-Hans) and waits for the signed-in header. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.locator(".auth-slot button", { hasText: "登录" }).click();
  await page.locator(".auth-form input[name=username]").fill(username);
  await page.locator(".auth-form input[name=password]").fill(password);
  await page.locator(".auth-form button[type=submit]").click();
  await page.locator(".auth-user").waitFor();
}
