import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { ingestPlanText } from "../../../server/src/ingest/ingest.ts";
import { PlanFormatError } from "../../../server/src/ingest/errors.ts";

const seeded = readFileSync(new URL("../../../seeds/taiyuan-2013-30.plan.txt", import.meta.url), "utf8");

function formatError(run: () => unknown): PlanFormatError {
  try {
    run();
  } catch (err) {
    if (err instanceof PlanFormatError) return err;
    throw err;
  }
  throw new Error("expected a PlanFormatError");
}

describe("bad input", () => {
  it("refuses an empty file", () => {
    const err = formatError(() => ingestPlanText(new Uint8Array()));
    expect(err.message).toMatch(/^line 1: expected plan text/);
  });

  it("refuses binary data, naming the line of the first NUL byte", () => {
    const bytes = new Uint8Array([0x61, 0x0a, 0x62, 0x0a, 0x00, 0x01, 0x02]);
    expect(formatError(() => ingestPlanText(bytes)).message).toMatch(/^line 3: expected text, found a NUL byte/);
  });

  it("refuses latin-1 bytes as not UTF-8", () => {
    const bytes = new Uint8Array([...new TextEncoder().encode("plan\nr"), 0xe9, 0x73, 0x75, 0x6d, 0xe9]);
    const err = formatError(() => ingestPlanText(bytes));
    expect(err.line).toBe(2);
    expect(err.message).toContain("expected UTF-8 text, found the invalid byte 0xE9");
  });

  it("refuses a text that is not a plan", () => {
    const err = formatError(() => ingestPlanText("The quick brown fox.\nJumps over the lazy dog.\n"));
    expect(err.message).toMatch(/^line 1: expected a document number/);
  });

  it("refuses a plan whose (二) is missing, naming the line", () => {
    const lines = seeded.split("\n");
    const at = lines.findIndex((l) => l.startsWith("(二)創新土地管理制度") || l.startsWith("(二)創(chuàng)新土地"));
    expect(at).toBeGreaterThan(0);
    lines.splice(at, 1);
    const err = formatError(() => ingestPlanText(lines.join("\n")));
    expect(err.line).toBe(at + 1);
    expect(err.message).toMatch(/expected \(二\) after \(一\), found "\(三\)創新金融發展機制/);
  });

  it("refuses a plan with a top-level section missing", () => {
    const lines = seeded.split("\n");
    const at = lines.findIndex((l) => l.startsWith("七、"));
    const end = lines.findIndex((l) => l.startsWith("八、"));
    lines.splice(at, end - at);
    const err = formatError(() => ingestPlanText(lines.join("\n")));
    expect(err.line).toBe(at + 1);
    expect(err.message).toContain('expected section heading 七、 after 六、, found "八、');
  });

  it("refuses unrepaired damage unless allowed", () => {
    const err = formatError(() => ingestPlanText(seeded, { curation: { repairs: [] } }));
    expect(err.line).toBe(20);
    expect(err.message).toContain("no repair (9 in all)");
    const { summary, plan } = ingestPlanText(seeded, { curation: { repairs: [] }, allowUnrepaired: true });
    expect(summary.unrepaired).toBe(9);
    expect(plan.repairs.filter((r) => r.method === "unrepaired")).toHaveLength(9);
  });
});
