/**
 * axe-core (WCAG 2.1 A and AA rules) in the page under test: its source is injected into the page
 * (page.addScriptTag); nothing is fetched from elsewhere. One helper for every browser test that checks
 * accessibility.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export interface Violation {
  id: string;
  impact: string | null;
  /** up to five offending elements, each with axe's summary of what is wrong */
  nodes: string[];
}

/** axe's violations on the page as it is now, within `scope` (a CSS selector; the whole document when it matches nothing). */
export async function axeViolations(page: Page, scope: string | null = null): Promise<Violation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(
    async ({ tags, scope }) => {
      type Result = {
        violations: { id: string; impact: string | null; nodes: { target: string[]; failureSummary?: string }[] }[];
      };
      const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<Result> } }).axe;
      const context = (scope && document.querySelector(scope)) || document;
      const r = await axe.run(context, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes
          .slice(0, 5)
          .map((n) => `${n.target.join(" ")} — ${(n.failureSummary ?? "").split("\n").slice(1, 2).join("").trim()}`),
      }));
    },
    { tags: TAGS, scope },
  );
}
