/**
 * The maths of an indicator's chart, apart from React: which years the axis shows, the value
 * range and its ticks, the scales, the line's path, and the reference lines (target, stretch
 * target, and the base year's level for a reduction). Pure functions, tested in
 * test/client/indicator-chart.test.ts. Nothing here makes up a value: points come only from
 * recorded values; the reference lines only from the plan's numbers.
 */

export type Comparator = "AT_LEAST" | "AT_MOST" | "REACH" | "REDUCE_BY";

/** The plan's years (并政发〔2013〕30号 runs 2013–2015). */
export const PLAN_YEARS: readonly number[] = [2013, 2014, 2015];

export interface ChartIndicator {
  comparator: Comparator;
  target: number;
  stretchTarget: number | null;
  /** for REDUCE_BY: the year the reduction is measured from */
  baseYear: number | null;
  targetYear: number;
}

export interface YearValue {
  year: number;
  value: number;
}

export interface ChartSize {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export const DEFAULT_SIZE: ChartSize = {
  width: 360,
  height: 190,
  margin: { top: 14, right: 16, bottom: 28, left: 52 },
};

/** A linear map from [d0, d1] to [r0, r1]; a zero-width domain maps to the middle of the range. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  if (d1 === d0) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/** A "nice" step (1, 2, 2.5 or 5 × 10^n) that cuts [min, max] into at most `count` intervals. */
export function niceStep(min: number, max: number, count = 5): number {
  const span = Math.abs(max - min);
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

/** Round to the precision of the step, so 0.1 + 0.2 shows as 0.3. */
function clean(v: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  return Number(v.toFixed(Math.min(digits, 12)));
}

/**
 * The value axis: a domain widened to whole steps around every number drawn (values and
 * reference lines), and its ticks. One number alone gets a span of ±10% (or ±1 at 0).
 */
export function valueAxis(
  numbers: number[],
  count = 4,
  ceiling = Infinity,
): { min: number; max: number; ticks: number[] } {
  const finite = numbers.filter((n) => Number.isFinite(n));
  if (finite.length === 0) return { min: 0, max: 1, ticks: [0, 1] };
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  // values and targets of shares are never negative: keep 0 as a floor when the data do
  if (lo < 0 && Math.min(...finite) >= 0) lo = 0;
  // nor above a ceiling (100 for a rate in percent) that the data stay under
  if (hi > ceiling && Math.max(...finite) <= ceiling) hi = ceiling;
  const step = niceStep(lo, hi, count);
  const min = clean(Math.floor(lo / step) * step, step);
  const whole = clean(Math.ceil(hi / step) * step, step);
  const max = hi <= ceiling ? Math.min(whole, ceiling) : whole;
  const ticks: number[] = [];
  for (let i = 0; ; i++) {
    const t = clean(min + i * step, step);
    if (t > max + step / 1e6) break;
    ticks.push(t);
  }
  return { min, max, ticks };
}

/** The years the axis shows: the base year (when the target is a reduction), the plan's years to the target year, and every year with a recorded value. */
export function axisYears(
  ind: ChartIndicator,
  values: YearValue[],
  planYears: readonly number[] = PLAN_YEARS,
): number[] {
  const years = new Set<number>(planYears.filter((y) => y <= Math.max(ind.targetYear, planYears[0])));
  if (ind.comparator === "REDUCE_BY" && ind.baseYear != null) years.add(ind.baseYear);
  for (const v of values) years.add(v.year);
  return [...years].sort((a, b) => a - b);
}

/** "M x y L x y …" through the points in order (a lone point draws no line). */
export function linePath(points: { x: number; y: number }[]): string {
  if (points.length < 2) return "";
  return points.map((p, i) => `${i === 0 ? "M" : "L"}${round(p.x)} ${round(p.y)}`).join(" ");
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

/** Whether a value meets a level of the target (the target or the stretch target). */
export function meets(comparator: Comparator, value: number, level: number): boolean {
  return comparator === "AT_MOST" ? value <= level : value >= level;
}

export interface ReferenceLine {
  kind: "target" | "stretch" | "base";
  value: number;
  y: number;
}

export interface ChartPoint extends YearValue {
  x: number;
  y: number;
}

export interface ChartLayout {
  size: ChartSize;
  /** the plot area, in the SVG's coordinates */
  plot: { left: number; right: number; top: number; bottom: number };
  years: { year: number; x: number }[];
  ticks: { value: number; y: number }[];
  points: ChartPoint[];
  path: string;
  references: ReferenceLine[];
  /** the middle of the widest band of the plot no reference line crosses: where a "no values" note goes */
  freeY: number;
}

/**
 * Everything the chart draws, in SVG coordinates. Values are taken one per year (the last one
 * given for a year wins, as the server orders them by when they were recorded) and sorted by
 * year. For REDUCE_BY the values are reductions from the base year, so the base year's own level
 * is 0 and is drawn as the "base" line.
 */
export function chartLayout(
  ind: ChartIndicator & { unit?: string },
  values: YearValue[],
  size: ChartSize = DEFAULT_SIZE,
  planYears: readonly number[] = PLAN_YEARS,
): ChartLayout {
  const byYear = new Map<number, number>();
  for (const v of values) if (Number.isFinite(v.value)) byYear.set(v.year, v.value);
  const series = [...byYear].map(([year, value]) => ({ year, value })).sort((a, b) => a.year - b.year);
  const years = axisYears(ind, series, planYears);

  const refs: Omit<ReferenceLine, "y">[] = [{ kind: "target", value: ind.target }];
  if (ind.stretchTarget != null) refs.push({ kind: "stretch", value: ind.stretchTarget });
  if (ind.comparator === "REDUCE_BY" && ind.baseYear != null) refs.push({ kind: "base", value: 0 });

  // a rate in percent (not a reduction) is at most 100: the axis stops there when the numbers do
  const ceiling = ind.unit === "%" && ind.comparator !== "REDUCE_BY" ? 100 : Infinity;
  const axis = valueAxis([...series.map((p) => p.value), ...refs.map((r) => r.value)], 4, ceiling);
  const { width, height, margin } = size;
  const plot = { left: margin.left, right: width - margin.right, top: margin.top, bottom: height - margin.bottom };
  // years as evenly spaced slots when a base year lies far from the plan years would hide the gap: use a linear year scale with half a year of padding
  const x = linearScale(years[0] - 0.5, years[years.length - 1] + 0.5, plot.left, plot.right);
  const y = linearScale(axis.min, axis.max, plot.bottom, plot.top);
  const points = series.map((p) => ({ ...p, x: round(x(p.year)), y: round(y(p.value)) }));
  const references = refs.map((r) => ({ ...r, y: round(y(r.value)) }));
  return {
    size,
    plot,
    years: years.map((year) => ({ year, x: round(x(year)) })),
    ticks: axis.ticks.map((value) => ({ value, y: round(y(value)) })),
    points,
    path: linePath(points),
    references,
    freeY: widestGapMiddle([plot.top, plot.bottom, ...references.map((r) => r.y)]),
  };
}

/** The middle of the widest gap between sorted positions. */
export function widestGapMiddle(ys: number[]): number {
  const s = [...ys].sort((a, b) => a - b);
  let best = { gap: -1, mid: s[0] ?? 0 };
  for (let i = 1; i < s.length; i++)
    if (s[i] - s[i - 1] > best.gap) best = { gap: s[i] - s[i - 1], mid: (s[i] + s[i - 1]) / 2 };
  return round(best.mid);
}
