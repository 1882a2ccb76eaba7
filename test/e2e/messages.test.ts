/** What the reader is told when something fails: in their language, from the error's code, not the server's English. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { connect, openPage, url } from "./support.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await connect();
});
afterAll(async () => {
  await browser?.close();
});

describe("localized errors", () => {
  for (const [lang, signIn, expected] of [
    ["zh-Hans", "登录", "登录失败：用户名或密码错误。"],
    ["zh-Hant", "登入", "登入失敗：使用者名稱或密碼錯誤。"],
  ] as const) {
    it(`a wrong password says so in ${lang}, with no English from the server`, async () => {
      const { page } = await openPage(browser);
      await page.goto(url(`/?lang=${lang}`));
      await page.locator(".auth-slot button", { hasText: signIn }).click();
      await page.locator(".auth-form input[name=username]").fill("admin");
      await page.locator(".auth-form input[name=password]").fill("not-the-password");
      await page.locator(".auth-form button[type=submit]").click();
      const error = page.locator(".auth-form .form-error");
      await error.waitFor();
      const text = (await error.textContent())!;
      expect(text).toBe(expected);
      expect(text).not.toMatch(/[A-Za-z]/);
      await page.context().close();
    });
  }
});
