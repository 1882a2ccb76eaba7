/**
 * Choropleth measures over the county-level units: how a value is taken from
 * a place, how values are cut into classes, the paint expression for the
 * classes and the legend that names them. Pure functions.
 */
import type { ExpressionSpecification } from "maplibre-gl";
import type { StatusSummary } from "../../api/types.ts";
import type { MeasureId } from "../../state/url-state.ts";

/**
 * overdue and unreported are the planners' measures: tasks past due and not completed, tasks with no approved report.
 * score is the annual assessment's (met / due), shown while the assessment view is open, not a legend choice.
 */
export type MeasureKind =
  "obligations" | "onTrack" | "delayed" | "progress" | "overdue" | "unreported" | "indicator" | "score";

export const NO_DATA_COLOR = "#e4e1da";

export const PALETTES: Record<MeasureKind, string[]> = {
  obligations: ["#e8f0f6", "#c3d8e9", "#8fb8d6", "#5593c0", "#2a6a9e"],
  onTrack: ["#eef6ea", "#cbe6c0", "#95cc8a", "#56a45d", "#1f7338"],
  delayed: ["#fcefe4", "#f8d0b0", "#f0a07c", "#d4604b", "#a82130"],
  progress: ["#f1eef7", "#d6cde8", "#b0a2d3", "#8770b8", "#5b3a95"],
  overdue: ["#fff4e6", "#ffd8a8", "#ffa94d", "#f76707", "#c2410c"],
  unreported: ["#f8f0f5", "#ecd0e2", "#d79bc0", "#b5568e", "#862e5f"],
  indicator: ["#ebf7f4", "#c0e8dc", "#84cebb", "#3ea493", "#0d6b60"],
  score: ["#fdf1e3", "#f3d9a4", "#c9cf85", "#7fb069", "#2e7d4f"],
};

export function measureKind(m: MeasureId): MeasureKind {
  return m.startsWith("indicator:") ? "indicator" : (m as MeasureKind);
}

export function indicatorIdOf(m: MeasureId): string | null {
  return m.startsWith("indicator:") ? m.slice("indicator:".length) : null;
}

/** The measure's value for one place from its status summary; null means no data (not zero). */
export function summaryValue(kind: Exclude<MeasureKind, "indicator" | "score">, s: StatusSummary): number | null {
  switch (kind) {
    case "obligations":
      return s.total;
    case "onTrack":
      return s.total > 0 ? (s.inProgress + s.completed) / s.total : null;
    case "delayed":
      return s.total > 0 ? (s.delayed + s.atRisk) / s.total : null;
    case "progress":
      return s.reported > 0 && s.meanProgress != null ? s.meanProgress : null;
    case "overdue":
      return s.overdue ?? null;
    case "unreported":
      return s.total - s.reported;
  }
}

/** The latest recorded value in or before `year` (values in any order); null when none. */
export function latestValue(values: { year: number; value: number }[], year: number): number | null {
  let best: { year: number; value: number } | null = null;
  for (const v of values) if (v.year <= year && (!best || v.year > best.year)) best = v;
  return best ? best.value : null;
}

function niceRound(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const mag = 10 ** Math.floor(Math.log10(Math.abs(x)));
  const step = mag >= 1 ? mag / 2 : mag;
  return Math.round(x / step) * step;
}

/**
 * Class breaks (lower bounds of classes 2..n) for a measure's values.
 * Shares and progress have fixed breaks so maps compare over time; counts
 * use quantiles of the observed values, each a whole number.
 */
export function classBreaks(kind: MeasureKind, values: number[], classes = 5): number[] {
  if (kind === "onTrack" || kind === "delayed" || kind === "score") return [0.2, 0.4, 0.6, 0.8];
  if (kind === "progress") return [20, 40, 60, 80];
  const vs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (vs.length === 0) return [];
  const unique = [...new Set(vs)];
  if (kind === "obligations" || kind === "overdue" || kind === "unreported") {
    if (unique.length <= classes) return unique.slice(1);
    const qs: number[] = [];
    for (let i = 1; i < classes; i++) {
      const q = vs[Math.min(vs.length - 1, Math.floor((i * vs.length) / classes))];
      if (q > vs[0] && !qs.includes(q)) qs.push(q);
    }
    return qs;
  }
  // indicator: equal intervals between min and max, rounded to a readable step
  const [min, max] = [vs[0], vs[vs.length - 1]];
  if (min === max) return [];
  const out: number[] = [];
  for (let i = 1; i < classes; i++) {
    const b = niceRound(min + ((max - min) * i) / classes);
    if (b > min && b <= max && !out.includes(b)) out.push(b);
  }
  return out;
}

/** The palette colours used for breaks.length + 1 classes, spread over the palette. */
export function classColors(kind: MeasureKind, breaks: number[]): string[] {
  const palette = PALETTES[kind];
  const n = breaks.length + 1;
  if (n === 1) return [palette[2]];
  return Array.from({ length: n }, (_, i) => palette[Math.round((i * (palette.length - 1)) / (n - 1))]);
}

/** fill-color: a `step` over the feature's `value`, and the no-data colour where it has none. */
export function choroplethColorExpression(kind: MeasureKind, breaks: number[]): ExpressionSpecification {
  const colors = classColors(kind, breaks);
  const step: unknown[] = ["step", ["get", "value"], colors[0]];
  breaks.forEach((b, i) => step.push(b, colors[i + 1]));
  const stepExpr = breaks.length ? step : colors[0];
  return ["case", ["has", "value"], stepExpr, NO_DATA_COLOR] as unknown as ExpressionSpecification;
}

export interface LegendClass {
  color: string;
  label: string;
  /** lower bound (inclusive) and upper bound (exclusive; null = open) */
  from: number | null;
  to: number | null;
}

/** Format a value of a measure for people ("42%", "3", "58.5"). */
export function formatMeasureValue(kind: MeasureKind, v: number, unit = ""): string {
  if (kind === "onTrack" || kind === "delayed" || kind === "score") return `${Math.round(v * 100)}%`;
  if (kind === "progress") return `${Math.round(v)}%`;
  if (kind === "obligations" || kind === "overdue" || kind === "unreported") return String(Math.round(v));
  const s = Math.abs(v) >= 1000 ? Math.round(v).toLocaleString("en-US") : String(Math.round(v * 100) / 100);
  return unit && unit !== "%" ? `${s} ${unit}` : `${s}${unit}`;
}

/** The legend's classes, in order: "< b1", "b1–b2", …, "≥ bn" (counts: "3–5", "≥ 9"). */
export function legendClasses(kind: MeasureKind, breaks: number[], unit = ""): LegendClass[] {
  const colors = classColors(kind, breaks);
  const f = (v: number) => formatMeasureValue(kind, v, unit);
  if (breaks.length === 0) return [{ color: colors[0], label: "", from: null, to: null }];
  return colors.map((color, i) => {
    const from = i === 0 ? null : breaks[i - 1];
    const to = i < breaks.length ? breaks[i] : null;
    let label: string;
    if (from === null) label = `< ${f(to as number)}`;
    else if (to === null) label = `≥ ${f(from)}`;
    else if (kind === "obligations" || kind === "overdue" || kind === "unreported")
      label = to - 1 > from ? `${f(from)}–${f(to - 1)}` : f(from);
    else label = `${f(from)}–${f(to)}`;
    return { color, label, from, to };
  });
}
