/**
 * Reads the quantified targets of the main-goals section: 達到75%, 保持52%以上,
 * 比2010年下降16%, 力爭達到25%. Numbers, comparators and years come from the
 * text; ids, English names and task links come from curation.
 */
import type { Comparator, ParsedIndicator, Span } from "./types.ts";

/** Curated facts about an indicator, matched by its name as printed. */
export interface IndicatorCuration {
  id: string;
  /** the indicator's name as printed in the plan, the match key */
  name: string;
  nameEn?: string;
  taskIds: string[];
}

/** A goals section (or subsection) body and where it starts in the source text. */
export interface GoalText {
  text: string;
  offset: number;
}

const NUMBER = String.raw`(\d+(?:\.\d+)?)`;
const TARGET = new RegExp(String.raw`^(.+?)(保持|達到|达到)${NUMBER}(%|萬元|万元|元)(以上|以下)?$`, "u");
const REDUCE = new RegExp(String.raw`^(.+?)比(\d{4})年(下降|降低|減少|减少)${NUMBER}%$`, "u");
const STRETCH = new RegExp(String.raw`^力[爭争](?:達到|达到)?${NUMBER}(%|萬元|万元|元)(以上)?$`, "u");
const BY_YEAR = /^到(\d{4})年/u;

interface Clause {
  text: string;
  start: number;
  end: number;
}

function clausesOf(goal: GoalText): Clause[] {
  const out: Clause[] = [];
  const re = /[^,;。，；]+/gu;
  for (const m of goal.text.matchAll(re)) {
    const lead = m[0].length - m[0].trimStart().length;
    const text = m[0].trim();
    if (text) out.push({ text, start: goal.offset + m.index + lead, end: goal.offset + m.index + lead + text.length });
  }
  return out;
}

function unitOf(printed: string, value: number): { unit: string; value: number } {
  if (printed === "%") return { unit: "%", value };
  return { unit: "CNY", value: printed === "元" ? value : value * 10000 };
}

/** Extracts indicators from goal texts; returns them with warnings for names curation does not know. */
export function extractIndicators(
  goals: GoalText[],
  opts: { targetYear: number; scopePlaceId: string; curation: readonly IndicatorCuration[] },
): { indicators: ParsedIndicator[]; warnings: string[] } {
  const indicators: ParsedIndicator[] = [];
  const warnings: string[] = [];
  for (const goal of goals) {
    let targetYear = opts.targetYear;
    let last: ParsedIndicator | undefined;
    for (const clause of clausesOf(goal)) {
      const year = BY_YEAR.exec(clause.text);
      let body = clause.text;
      let start = clause.start;
      if (year) {
        targetYear = Number(year[1]);
        body = body.slice(year[0].length);
        start += year[0].length;
        if (!body) continue;
      }
      const stretch = STRETCH.exec(body);
      if (stretch && last) {
        last.stretchTarget = unitOf(stretch[2], Number(stretch[1])).value;
        last.span = { start: last.span.start, end: clause.end };
        continue;
      }
      const reduce = REDUCE.exec(body);
      const target = reduce ? undefined : TARGET.exec(body);
      if (!reduce && !target) {
        last = undefined;
        continue;
      }
      const span: Span = { start, end: clause.end };
      let name: string;
      let comparator: Comparator;
      let value: number;
      let unit = "%";
      let baseYear: number | null = null;
      if (reduce) {
        name = reduce[1];
        comparator = "REDUCE_BY";
        value = Number(reduce[4]);
        baseYear = Number(reduce[2]);
      } else {
        const [, printedName, verb, number, printedUnit, bound] = target!;
        name = printedName;
        comparator =
          bound === "以上" ? "AT_LEAST" : bound === "以下" ? "AT_MOST" : verb === "保持" ? "AT_LEAST" : "REACH";
        ({ unit, value } = unitOf(printedUnit, Number(number)));
      }
      const curated = opts.curation.find((c) => c.name === name);
      if (!curated) warnings.push(`indicator ${name} has no curated id; add it to the plan's indicators.json`);
      last = {
        id: curated?.id ?? `indicator-${indicators.length + 1}`,
        name,
        nameEn: curated?.nameEn ?? "",
        unit,
        comparator,
        target: value,
        stretchTarget: null,
        baseYear,
        targetYear,
        scopePlaceId: opts.scopePlaceId,
        span,
        taskIds: curated ? [...curated.taskIds] : [],
      };
      indicators.push(last);
    }
  }
  return { indicators, warnings };
}
