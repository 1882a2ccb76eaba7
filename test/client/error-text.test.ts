import { describe, expect, it } from "vitest";
import { ApiError } from "../../client/src/api/client.ts";
import "../../client/src/i18n/catalogues.ts"; // every language, without a download
import { translator } from "../../client/src/i18n/index.ts";
import { errorText } from "../../client/src/ui/error-text.ts";

const wrongPassword = new ApiError("UNAUTHENTICATED", "UNAUTHENTICATED: wrong username or password", [
  { message: "wrong username or password", extensions: { code: "UNAUTHENTICATED" } },
]);

describe("errorText", () => {
  it("says a wrong password in the reader's language, without the server's English", () => {
    expect(errorText(wrongPassword, translator("zh-Hans"), "signIn")).toEqual({
      message: "用户名或密码错误。",
      detail: null,
    });
    expect(errorText(wrongPassword, translator("zh-Hant"), "signIn")).toEqual({
      message: "使用者名稱或密碼錯誤。",
      detail: null,
    });
    expect(errorText(wrongPassword, translator("en"), "signIn").message).toBe("Wrong username or password.");
    // elsewhere the same code means the session is missing
    expect(errorText(wrongPassword, translator("zh-Hans")).message).toBe("请先登录。");
  });

  it("names the field a refusal is about, in the reader's words, and keeps the rule as a detail", () => {
    const err = new ApiError("BAD_USER_INPUT", "BAD_USER_INPUT: progress must be between 0 and 100", [
      { message: "progress must be between 0 and 100", extensions: { code: "BAD_USER_INPUT", field: "progress" } },
    ]);
    expect(errorText(err, translator("zh-Hans"))).toEqual({ message: "输入有误：进度。", detail: err.message });
    // a field the catalogue does not know is named as the API names it
    const other = new ApiError("BAD_USER_INPUT", "x", [
      { message: "x", extensions: { code: "BAD_USER_INPUT", field: "tolerance" } },
    ]);
    expect(errorText(other, translator("zh-Hans")).message).toBe("输入有误：tolerance。");
  });

  it("keeps the server's text as the detail of a code the catalogue does not know", () => {
    const err = new ApiError("SOMETHING_NEW", "SOMETHING_NEW: a rule of tomorrow", [
      { message: "a rule of tomorrow", extensions: { code: "SOMETHING_NEW" } },
    ]);
    expect(errorText(err, translator("zh-Hans"))).toEqual({
      message: "出错了。",
      detail: "SOMETHING_NEW: a rule of tomorrow",
    });
  });

  it("says a network failure and an unreadable answer as such", () => {
    expect(errorText(new ApiError("NETWORK", "network error: failed to fetch"), translator("en"))).toEqual({
      message: "The server cannot be reached; check the network.",
      detail: null,
    });
    expect(errorText(new ApiError("HTTP_502", "HTTP 502 Bad Gateway"), translator("zh-Hans")).message).toBe(
      "服务器的回答无法读取。",
    );
  });
});
