/** A refused row of the obligations CSV is said in the reader's language, from its problemCode and values. */
import { describe, expect, it } from "vitest";
import "../../client/src/i18n/catalogues.ts"; // every language, without a download
import { translator, type Lang } from "../../client/src/i18n/index.ts";
import { importProblemText, type ImportProblemRow } from "../../client/src/features/reporting/import-problem-text.ts";
import { readFileSync } from "node:fs";

/** The codes the served schema lists (server/schema.graphql). */
const SDL = readFileSync(new URL("../../server/schema.graphql", import.meta.url), "utf8");
const CODES = (/enum ReportImportProblem \{([^}]*)\}/.exec(SDL)?.[1] ?? "")
  .split("\n")
  .map((l) => l.trim())
  .filter((l) => /^[A-Z_]+$/.test(l));

const base: ImportProblemRow = {
  problem: "line 9: the server's English",
  problemCode: null,
  problemField: null,
  problemValue: null,
  problemPlaceId: null,
  problemDepartmentId: null,
  problemLimit: null,
  taskId: "matter-9",
};

/** One row per code, with the values the server gives for it. */
const ROWS: Record<string, Partial<ImportProblemRow>> = {
  CSV_SYNTAX: { problemField: "5", taskId: null },
  MISSING_TASK_ID: { problemField: "task_id", taskId: null },
  BAD_STATUS: { problemField: "new_status", problemValue: "FINISHED" },
  BAD_PROGRESS: { problemField: "new_progress", problemValue: "120" },
  MISSING_NOTE: { problemField: "note" },
  NOTE_TOO_LONG: { problemField: "note", problemValue: "4001", problemLimit: "4000" },
  UNKNOWN_TASK: { problemField: "task_id", problemValue: "matter-99", taskId: "matter-99" },
  PLACE_REQUIRED: {},
  NOT_YOUR_PLACE: { problemPlaceId: "gujiao" },
  NOT_AN_OBLIGATION: { problemPlaceId: "gujiao" },
  NOT_LED_BY_DEPARTMENT: { problemDepartmentId: "city-land-resources-bureau" },
  CANNOT_REPORT: {},
  BAD_DATE: { problemField: "as_of", problemValue: "2014/05/01" },
  DATE_IN_FUTURE: { problemField: "as_of", problemValue: "2999-01-01", problemLimit: "2026-12-02" },
  DATE_BEFORE_PLAN: { problemField: "as_of", problemValue: "2000-01-01", problemLimit: "2013-01-01" },
};

const EXPECTED: Record<Lang, Record<string, string>> = {
  "zh-Hans": {
    CSV_SYNTAX: "这一行不是有效的 CSV（第 5 个字段的引号有误）。",
    MISSING_TASK_ID: "task_id 列为空。",
    BAD_STATUS: "new_status 列的“FINISHED”无效，应填 NOT_STARTED, IN_PROGRESS, AT_RISK, DELAYED, COMPLETED 之一。",
    BAD_PROGRESS: "new_progress 列的“120”无效，应填 0 到 100 之间的数。",
    MISSING_NOTE: "note 列为空：请说明做了什么。",
    NOTE_TOO_LONG: "note 列太长（4001 字），最多 4000 字。",
    UNKNOWN_TASK: "没有编号为“matter-99”的任务。",
    PLACE_REQUIRED: "请在您负责的地区的面板中上传。",
    NOT_YOUR_PLACE: "古交市不是您负责的地区。",
    NOT_AN_OBLIGATION: "任务 matter-9 不是古交市的任务。",
    NOT_LED_BY_DEPARTMENT: "任务 matter-9 不由市国土局牵头。",
    CANNOT_REPORT: "您的账户不能报告进展。",
    BAD_DATE: "as_of 列的“2014/05/01”不是有效日期，应写成 2014-05-01 的形式。",
    DATE_IN_FUTURE: "as_of 日期 2999-01-01 晚于今天（2026-12-02）。",
    DATE_BEFORE_PLAN: "as_of 日期 2000-01-01 早于规划开始（2013-01-01）。",
  },
  "zh-Hant": {
    CSV_SYNTAX: "這一列不是有效的 CSV（第 5 個欄位的引號有誤）。",
    MISSING_TASK_ID: "task_id 欄為空。",
    BAD_STATUS: "new_status 欄的「FINISHED」無效，應填 NOT_STARTED, IN_PROGRESS, AT_RISK, DELAYED, COMPLETED 之一。",
    BAD_PROGRESS: "new_progress 欄的「120」無效，應填 0 到 100 之間的數。",
    MISSING_NOTE: "note 欄為空：請說明做了什麼。",
    NOTE_TOO_LONG: "note 欄太長（4001 字），最多 4000 字。",
    UNKNOWN_TASK: "沒有編號為「matter-99」的任務。",
    PLACE_REQUIRED: "請在您負責的地區的面板中上傳。",
    NOT_YOUR_PLACE: "古交市不是您負責的地區。",
    NOT_AN_OBLIGATION: "任務 matter-9 不是古交市的任務。",
    NOT_LED_BY_DEPARTMENT: "任務 matter-9 不由市國土局牽頭。",
    CANNOT_REPORT: "您的帳戶不能報告進展。",
    BAD_DATE: "as_of 欄的「2014/05/01」不是有效日期，應寫成 2014-05-01 的形式。",
    DATE_IN_FUTURE: "as_of 日期 2999-01-01 晚於今天（2026-12-02）。",
    DATE_BEFORE_PLAN: "as_of 日期 2000-01-01 早於規劃開始（2013-01-01）。",
  },
  en: {
    CSV_SYNTAX: "This row is not valid CSV (a quote in field 5 is misplaced).",
    MISSING_TASK_ID: "task_id is empty.",
    BAD_STATUS: 'new_status "FINISHED" is not valid; use one of NOT_STARTED, IN_PROGRESS, AT_RISK, DELAYED, COMPLETED.',
    BAD_PROGRESS: 'new_progress "120" is not valid; use a number from 0 to 100.',
    MISSING_NOTE: "note is empty: say what was done.",
    NOTE_TOO_LONG: "note is too long (4001 characters; at most 4000).",
    UNKNOWN_TASK: 'There is no task "matter-99".',
    PLACE_REQUIRED: "Upload from the panel of one of your areas.",
    NOT_YOUR_PLACE: "Gujiao is not one of your areas.",
    NOT_AN_OBLIGATION: "Task matter-9 is not an obligation of Gujiao.",
    NOT_LED_BY_DEPARTMENT: "Task matter-9 is not led by Land Resources Bureau.",
    CANNOT_REPORT: "Your account may not report progress.",
    BAD_DATE: 'as_of "2014/05/01" is not a date; write it like 2014-05-01.',
    DATE_IN_FUTURE: "as_of 2999-01-01 is after today (2026-12-02).",
    DATE_BEFORE_PLAN: "as_of 2000-01-01 is before the plan began (2013-01-01).",
  },
};

const NAMES: Record<Lang, { place: Record<string, string>; department: Record<string, string> }> = {
  "zh-Hans": { place: { gujiao: "古交市" }, department: { "city-land-resources-bureau": "市国土局" } },
  "zh-Hant": { place: { gujiao: "古交市" }, department: { "city-land-resources-bureau": "市國土局" } },
  en: { place: { gujiao: "Gujiao" }, department: { "city-land-resources-bureau": "Land Resources Bureau" } },
};

describe("importProblemText", () => {
  it("has a row and a sentence for every code the server gives", () => {
    const codes = CODES.filter((c) => c !== "OTHER").sort();
    expect(codes.length).toBeGreaterThan(10);
    expect(Object.keys(ROWS).sort()).toEqual(codes);
    for (const lang of ["zh-Hans", "zh-Hant", "en"] as const) expect(Object.keys(EXPECTED[lang]).sort()).toEqual(codes);
  });

  for (const lang of ["zh-Hans", "zh-Hant", "en"] as const) {
    it(`says each refusal in ${lang}, with the names the page knows and never the server's English`, () => {
      const t = translator(lang);
      const names = {
        place: (id: string) => NAMES[lang].place[id],
        department: (id: string) => NAMES[lang].department[id],
      };
      for (const [code, values] of Object.entries(ROWS)) {
        const text = importProblemText({ ...base, ...values, problemCode: code }, t, names);
        expect(text, code).toBe(EXPECTED[lang][code]);
        expect(text).not.toContain("English");
      }
    });
  }

  it("names an id when the page does not know its name, and has words for the citywide obligation and an unnamed department", () => {
    const t = translator("zh-Hans");
    expect(importProblemText({ ...base, problemCode: "NOT_AN_OBLIGATION", problemPlaceId: "gujiao" }, t)).toBe(
      "任务 matter-9 不是gujiao的任务。",
    );
    expect(importProblemText({ ...base, problemCode: "NOT_AN_OBLIGATION" }, t)).toBe(
      "任务 matter-9 不是全市层面的任务。",
    );
    expect(importProblemText({ ...base, problemCode: "NOT_LED_BY_DEPARTMENT" }, translator("en"))).toBe(
      "Task matter-9 is not led by your department.",
    );
  });

  it("falls back to the server's text for OTHER or a code this client does not know, and says nothing for an accepted row", () => {
    const t = translator("zh-Hans");
    expect(importProblemText({ ...base, problemCode: "OTHER" }, t)).toBe(base.problem);
    expect(importProblemText({ ...base, problemCode: "A_RULE_OF_TOMORROW" }, t)).toBe(base.problem);
    expect(importProblemText({ ...base, problemCode: "OTHER", problem: null }, t)).toBe("这一行被拒绝。");
    expect(importProblemText({ ...base, problem: null }, t)).toBeNull();
  });
});
