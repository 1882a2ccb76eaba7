import { describe, expect, it } from "vitest";
import {
  DEFAULT_SIZE,
  axisYears,
  widestGapMiddle,
  chartLayout,
  linePath,
  linearScale,
  meets,
  niceStep,
  valueAxis,
  type ChartIndicator,
} from "../../client/src/features/indicators/chart-math.ts";

const forest: ChartIndicator = { comparator: "REACH", target: 23, stretchTarget: 25, baseYear: null, targetYear: 2015 };
const energy: ChartIndicator = {
  comparator: "REDUCE_BY",
  target: 16,
  stretchTarget: null,
  baseYear: 2010,
  targetYear: 2015,
};

describe("scales and ticks", () => {
  it("maps a domain linearly onto a range, inverted for the y axis", () => {
    const y = linearScale(0, 100, 200, 0);
    expect(y(0)).toBe(200);
    expect(y(100)).toBe(0);
    expect(y(25)).toBe(150);
    expect(linearScale(5, 5, 0, 10)(5)).toBe(5);
  });

  it("picks 1, 2, 2.5 or 5 times a power of ten", () => {
    expect(niceStep(0, 100, 5)).toBe(20);
    expect(niceStep(0, 1, 4)).toBe(0.25);
    expect(niceStep(20, 26, 4)).toBe(2);
    expect(niceStep(0, 32000, 4)).toBe(10000);
    expect(niceStep(3, 3)).toBe(1);
  });

  it("widens the value axis to whole steps around every number, with clean ticks", () => {
    expect(valueAxis([21.3, 23, 25])).toEqual({ min: 21, max: 25, ticks: [21, 22, 23, 24, 25] });
    expect(valueAxis([0, 16, 9.5])).toEqual({ min: 0, max: 20, ticks: [0, 5, 10, 15, 20] });
    const a = valueAxis([0.1, 0.3]);
    expect(a.ticks.every((t) => String(t).length <= 5)).toBe(true);
    expect(a.min).toBeLessThanOrEqual(0.1);
    expect(a.max).toBeGreaterThanOrEqual(0.3);
  });

  it("gives a lone number a span around it, never below 0 for shares", () => {
    const a = valueAxis([75]);
    expect(a.min).toBeLessThan(75);
    expect(a.max).toBeGreaterThan(75);
    expect(valueAxis([0]).min).toBe(0);
    expect(valueAxis([])).toEqual({ min: 0, max: 1, ticks: [0, 1] });
  });
});

describe("a ceiling for rates", () => {
  it("stops the axis at 100 when every number is at most 100, and not otherwise", () => {
    expect(valueAxis([95], 4, 100).max).toBe(100);
    expect(valueAxis([95], 4).max).toBeGreaterThan(100);
    expect(valueAxis([95, 120], 4, 100).max).toBeGreaterThanOrEqual(120);
    expect(
      chartLayout({ ...forest, target: 95, stretchTarget: null, unit: "%" }, []).ticks.at(-1)!.value,
    ).toBeLessThanOrEqual(100);
    // a reduction's percent is no rate: no ceiling
    expect(chartLayout({ ...energy, target: 98, unit: "%" }, []).ticks.at(-1)!.value).toBeGreaterThanOrEqual(98);
  });
});

describe("widestGapMiddle", () => {
  it("is the middle of the widest band between lines", () => {
    expect(widestGapMiddle([0, 100, 40])).toBe(70);
    expect(widestGapMiddle([10, 20])).toBe(15);
  });

  it("keeps a chart's 'no values' note off its reference lines", () => {
    const l = chartLayout({ ...forest, stretchTarget: null }, []);
    expect(Math.abs(l.freeY - l.references[0].y)).toBeGreaterThan(20);
  });
});

describe("axisYears", () => {
  it("is the plan's years when nothing is recorded", () => {
    expect(axisYears(forest, [])).toEqual([2013, 2014, 2015]);
  });

  it("adds the base year of a reduction, and every recorded year", () => {
    expect(axisYears(energy, [])).toEqual([2010, 2013, 2014, 2015]);
    expect(
      axisYears(forest, [
        { year: 2012, value: 20 },
        { year: 2016, value: 24 },
      ]),
    ).toEqual([2012, 2013, 2014, 2015, 2016]);
    // a base year is no reason to show a year for a target that is not a reduction
    expect(axisYears({ ...forest, baseYear: 2010 }, [])).toEqual([2013, 2014, 2015]);
  });
});

describe("linePath", () => {
  it("draws through the points in order, and nothing for a lone point", () => {
    expect(
      linePath([
        { x: 0, y: 10 },
        { x: 5.04, y: 2 },
        { x: 10, y: 0 },
      ]),
    ).toBe("M0 10 L5 2 L10 0");
    expect(linePath([{ x: 1, y: 1 }])).toBe("");
    expect(linePath([])).toBe("");
  });
});

describe("meets", () => {
  it("reads the comparator: at most is met from below, the others from above", () => {
    expect(meets("AT_LEAST", 52, 52)).toBe(true);
    expect(meets("REACH", 22.9, 23)).toBe(false);
    expect(meets("REDUCE_BY", 17, 16)).toBe(true);
    expect(meets("AT_MOST", 9, 10)).toBe(true);
    expect(meets("AT_MOST", 11, 10)).toBe(false);
  });
});

describe("chartLayout", () => {
  it("places the recorded values, one per year in year order, with the target and stretch lines", () => {
    const l = chartLayout(forest, [
      { year: 2014, value: 22 },
      { year: 2013, value: 21 },
      { year: 2014, value: 22.5 },
    ]);
    expect(l.points.map((p) => [p.year, p.value])).toEqual([
      [2013, 21],
      [2014, 22.5],
    ]);
    expect(l.references.map((r) => [r.kind, r.value])).toEqual([
      ["target", 23],
      ["stretch", 25],
    ]);
    expect(l.years.map((y) => y.year)).toEqual([2013, 2014, 2015]);
    // higher values are drawn higher; the stretch line above the target line
    expect(l.points[1].y).toBeLessThan(l.points[0].y);
    const [target, stretch] = l.references;
    expect(stretch.y).toBeLessThan(target.y);
    expect(l.path).toBe(`M${l.points[0].x} ${l.points[0].y} L${l.points[1].x} ${l.points[1].y}`);
  });

  it("keeps everything inside the plot area", () => {
    const l = chartLayout(forest, [
      { year: 2013, value: 10 },
      { year: 2015, value: 30 },
    ]);
    const { plot } = l;
    for (const p of [...l.points, ...l.references]) {
      expect(p.y).toBeGreaterThanOrEqual(plot.top);
      expect(p.y).toBeLessThanOrEqual(plot.bottom);
    }
    for (const y of l.years) {
      expect(y.x).toBeGreaterThan(plot.left);
      expect(y.x).toBeLessThan(plot.right);
    }
    expect(plot).toEqual({
      left: DEFAULT_SIZE.margin.left,
      right: DEFAULT_SIZE.width - DEFAULT_SIZE.margin.right,
      top: DEFAULT_SIZE.margin.top,
      bottom: DEFAULT_SIZE.height - DEFAULT_SIZE.margin.bottom,
    });
  });

  it("draws a reduction against its base year's level, 0, and keeps the gap to the plan years", () => {
    const l = chartLayout(energy, [{ year: 2014, value: 9 }]);
    expect(l.references.map((r) => [r.kind, r.value])).toEqual([
      ["target", 16],
      ["base", 0],
    ]);
    expect(l.years.map((y) => y.year)).toEqual([2010, 2013, 2014, 2015]);
    const x = Object.fromEntries(l.years.map((y) => [y.year, y.x]));
    // a linear year scale: 2010→2013 is three times 2013→2014
    expect(x[2013] - x[2010]).toBeCloseTo(3 * (x[2014] - x[2013]), 0);
    expect(l.ticks[0].value).toBe(0);
    // no point is made up for the base year
    expect(l.points.map((p) => p.year)).toEqual([2014]);
    expect(l.path).toBe("");
  });

  it("draws no points and no line when nothing is recorded, and still the target", () => {
    const l = chartLayout(forest, []);
    expect(l.points).toEqual([]);
    expect(l.path).toBe("");
    expect(l.references.map((r) => r.kind)).toEqual(["target", "stretch"]);
  });
});
