import { describe, expect, it } from "vitest";
import { fitPaddings, freeBoxes, intersect, visibleShare, type Box } from "../../client/src/map/fit.ts";

const box = (left: number, top: number, right: number, bottom: number): Box => ({ left, top, right, bottom });

describe("freeBoxes", () => {
  it("is the frame when nothing covers it, and ignores obstacles outside it", () => {
    expect(freeBoxes(box(0, 0, 100, 100), [])).toEqual([box(0, 0, 100, 100)]);
    expect(freeBoxes(box(0, 0, 100, 100), [box(200, 0, 300, 100)])).toEqual([box(0, 0, 100, 100)]);
  });

  it("gives the maximal free boxes around a corner card, largest first", () => {
    // a legend in the bottom-left corner of a 1000×800 map
    const free = freeBoxes(box(0, 0, 1000, 800), [box(0, 560, 320, 800)]);
    expect(free).toEqual([box(0, 0, 1000, 560), box(320, 0, 1000, 800)]);
  });

  it("never returns a box an obstacle overlaps, nor one inside another free box", () => {
    const frame = box(410, 56, 1440, 900);
    const obstacles = [
      box(420, 600, 740, 874),
      box(1000, 800, 1430, 874),
      box(420, 66, 454, 168),
      box(1400, 66, 1430, 124),
    ];
    const free = freeBoxes(frame, obstacles);
    expect(free.length).toBeGreaterThan(1);
    for (const b of free) {
      for (const o of obstacles) expect(intersect(b, o)).toBeNull();
      expect(
        free.filter((o) => o !== b && o.left <= b.left && o.top <= b.top && o.right >= b.right && o.bottom >= b.bottom),
      ).toEqual([]);
    }
  });
});

describe("fitPaddings", () => {
  it("keeps a phone's fit above the bottom sheet and below the top tools", () => {
    // the map fills 390×796 under the header; a sheet covers its lower half, a tool row its top
    const frame = box(0, 48, 390, 844);
    const paddings = fitPaddings(frame, [box(0, 456, 390, 844), box(8, 56, 120, 90)], 12);
    // the largest free box: the full width under the tools; then right of the tools, up to the top
    expect(paddings[0]).toEqual({ top: 54, bottom: 400, left: 12, right: 12 });
    expect(paddings).toContainEqual({ top: 12, bottom: 400, left: 132, right: 12 });
  });

  it("falls back to the frame when the overlays leave no usable room", () => {
    const frame = box(0, 0, 300, 300);
    expect(fitPaddings(frame, [box(0, 0, 300, 290)], 10)).toEqual([{ top: 10, bottom: 10, left: 10, right: 10 }]);
  });
});

describe("visibleShare", () => {
  it("counts overlapping overlays once and clips them to the frame", () => {
    const frame = box(0, 0, 100, 100);
    expect(visibleShare(frame, [])).toBe(1);
    expect(visibleShare(frame, [box(0, 0, 50, 100)])).toBe(0.5);
    expect(visibleShare(frame, [box(0, 0, 50, 100), box(25, 0, 50, 100)])).toBe(0.5);
    expect(visibleShare(frame, [box(-50, -50, 50, 50)])).toBe(0.75);
  });
});
