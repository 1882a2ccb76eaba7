import { describe, expect, it } from "vitest";
import {
  evidenceRanges,
  highlightSegments,
  mergeRanges,
  sentenceAround,
} from "../../client/src/features/task/evidence.ts";

// A plan text where the task starts at offset 100 of sourceText.
const TASK_START = 100;
const TEXT = "8.推进园区建设。以高新区、经济区为重点，加快发展。牵头单位：市商务局";

describe("evidence highlighting", () => {
  it("maps sourceText offsets to offsets within the task text", () => {
    const at = TEXT.indexOf("高新区");
    const ranges = evidenceRanges(TEXT, TASK_START, [{ start: TASK_START + at, end: TASK_START + at + 3 }]);
    expect(ranges).toEqual([{ start: at, end: at + 3 }]);
    expect(TEXT.slice(ranges[0].start, ranges[0].end)).toBe("高新区");
  });

  it("finds the words near the expected place when the other script shifted them", () => {
    const at = TEXT.indexOf("经济区");
    // offsets one code unit off, as if a phrase conversion changed a length earlier in the text
    const ranges = evidenceRanges(TEXT, TASK_START, [
      { start: TASK_START + at + 1, end: TASK_START + at + 4, text: "经济区" },
    ]);
    expect(ranges).toEqual([{ start: at, end: at + 3 }]);
  });

  it("drops spans outside the task and merges overlapping ones", () => {
    const ranges = evidenceRanges(TEXT, TASK_START, [
      { start: 10, end: 20 },
      { start: TASK_START + 2, end: TASK_START + 5 },
      { start: TASK_START + 4, end: TASK_START + 7 },
    ]);
    expect(ranges).toEqual([{ start: 2, end: 7 }]);
  });

  it("widens a span to its sentence", () => {
    const at = TEXT.indexOf("高新区");
    const s = sentenceAround(TEXT, { start: at, end: at + 3 });
    expect(TEXT.slice(s.start, s.end)).toBe("以高新区、经济区为重点，加快发展。");
  });

  it("splits the text into segments that cover it exactly, marking words and their sentence", () => {
    const at = TEXT.indexOf("高新区");
    const segs = highlightSegments(TEXT, [{ start: at, end: at + 3 }]);
    expect(segs.map((s) => s.text).join("")).toBe(TEXT);
    expect(segs.filter((s) => s.mark === "evidence").map((s) => s.text)).toEqual(["高新区"]);
    expect(segs.filter((s) => s.mark === "sentence").map((s) => s.text)).toEqual(["以", "、经济区为重点，加快发展。"]);
  });

  it("merges touching ranges", () => {
    expect(
      mergeRanges([
        { start: 5, end: 8 },
        { start: 0, end: 5 },
      ]),
    ).toEqual([{ start: 0, end: 8 }]);
  });
});
