import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  findPinyinAnnotations,
  normalizePlanText,
  stripPinyinAnnotations,
} from "../../../server/src/ingest/normalize.ts";
import { isPinyinSyllable } from "../../../server/src/ingest/pinyin.ts";

const CJK =
  "發關區經轉綜導設據統領創環產業優覆戰當規協調務儲聯數農質鄉臺鎮續權構擔風穩醫衛應堅訓養擇貿網絡市縣政府改革";
const PUNCT = "。、,;:“”《》";
const LEGIT_BRACKETS = [
  "(一)",
  "(十四)",
  "(牽頭部門:市政務辦)",
  "(2013-2015年)",
  "(市、區)",
  "(中小企業)",
  "(園區)",
  "(GDP)",
  "(R&D)",
];
const SYLLABLES = ["fā", "guān", "qū", "jīng", "zhuǎn", "dǎo", "shè", "yè", "lǜ", "nǚ", "xué", "yī", "wù", "zhōng"];

const cleanText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...CJK.split("")),
      fc.constantFrom(...PUNCT.split("")),
      fc.constantFrom(...LEGIT_BRACKETS),
      fc.constantFrom("\n", "2015", "PM2.5"),
    ),
    {
      maxLength: 60,
    },
  )
  .map((parts) => parts.join(""));

describe("pinyin annotation removal", () => {
  it("passes clean text with legitimate brackets through unchanged", () => {
    fc.assert(
      fc.property(cleanText, (text) => {
        expect(stripPinyinAnnotations(text)).toBe(text);
        expect(normalizePlanText(text).text).toBe(text);
      }),
    );
  });

  it("removes any pinyin annotation injected after a Chinese character", () => {
    fc.assert(
      fc.property(
        cleanText,
        fc.nat(),
        fc.constantFrom(...CJK.split("")),
        fc.constantFrom(...SYLLABLES),
        (text, at, host, syllable) => {
          const i = at % (text.length + 1);
          const damaged = `${text.slice(0, i)}${host}(${syllable})${text.slice(i)}`;
          expect(stripPinyinAnnotations(damaged)).toBe(`${text.slice(0, i)}${host}${text.slice(i)}`);
        },
      ),
    );
  });

  it("never throws on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        normalizePlanText(text);
        stripPinyinAnnotations(text);
      }),
    );
  });

  it("records each removed annotation with the character it was attached to", () => {
    const result = normalizePlanText("並政發(fā)〔2013〕30號");
    expect(result.text).toBe("並政發〔2013〕30號");
    expect(result.repairs).toEqual([
      { span: { start: 2, end: 3 }, original: "發(fā)", repaired: "發", method: "pinyin-annotation" },
    ]);
  });

  it("removes toned annotations on latin letters but keeps untoned brackets after them", () => {
    expect(stripPinyinAnnotations("I(yè)大")).toBe("I大");
    expect(findPinyinAnnotations("PM(a)")).toEqual([]);
  });

  it("tells pinyin syllables from other words", () => {
    expect(["zhuǎn", "lǜ", "er", "xiang", "chuang"].every(isPinyinSyllable)).toBe(true);
    expect(["gdp", "pm", "abc", "xyzq"].some(isPinyinSyllable)).toBe(false);
  });
});

describe("mojibake repair", () => {
  const context = "太原市資源型經濟轉型綜合配套改革試驗實施方案。推進產業規模化步伐加快,構建現代產業體系。市政府。";

  it("repairs lossless UTF-8-read-as-GBK mojibake mechanically, in the document's script", () => {
    // 12 UTF-8 bytes read as 6 GBK characters: nothing lost, so the bytes round-trip.
    const mojibake = new TextDecoder("gbk").decode(new TextEncoder().encode("产业规模"));
    expect(mojibake).not.toMatch(/[\uFFFD?]/);
    const result = normalizePlanText(`${context}新興${mojibake}發展。${context}`);
    expect(result.unrepaired).toEqual([]);
    expect(result.text).toContain("新興產業規模發展。");
    expect(result.repairs.map((r) => [r.original, r.repaired, r.method])).toEqual([
      [mojibake, "產業規模", "mojibake-mechanical"],
    ]);
  });

  it("reports a passage with lost bytes and no curated repair as unrepaired", () => {
    const result = normalizePlanText(`${context}規?;椒ゼ涌欤瑯?gòu)建`);
    expect(result.unrepaired.map((p) => p.text)).toEqual(["?;椒ゼ涌欤瑯?gòu)"]);
  });

  it("applies a curated repair matched by the damaged text and its context", () => {
    const result = normalizePlanText(`${context}規?;椒ゼ涌欤瑯?gòu)建`, [
      { original: "?;椒ゼ涌欤瑯?gòu)", repaired: "模化步伐加快,構", before: "規", note: "" },
    ]);
    expect(result.text.endsWith("規模化步伐加快,構建")).toBe(true);
    const repair = result.repairs.find((r) => r.method === "mojibake-curated")!;
    expect(result.text.slice(repair.span.start, repair.span.end)).toBe("模化步伐加快,構");
    expect(result.warnings).toEqual([]);
  });

  it("warns when a curated reading contradicts what the bytes still say", () => {
    const result = normalizePlanText(`${context}${context}規?;椒ゼ涌欤瑯?gòu)建`, [
      { original: "?;椒ゼ涌欤瑯?gòu)", repaired: "甲乙丙丁", note: "" },
    ]);
    expect(result.warnings.some((w) => w.includes("does not contain what the bytes"))).toBe(true);
  });
});
