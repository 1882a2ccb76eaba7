/**
 * Where on the map a camera fit may put its bounds: the part of the map's box that the
 * overlays drawn over it (legend, time slider, tools, a bottom sheet) leave free.
 *
 * Pure geometry on element boxes, so it is tested without React or MapLibre
 * (test/client/fit.test.ts); app.tsx measures the boxes and MapView picks, among the
 * paddings returned here, the one that shows the bounds largest.
 */

/** A box in page pixels, as getBoundingClientRect() gives it. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** MapLibre's PaddingOptions: pixels kept clear on each side of the map. */
export interface Padding {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** A box's intersection with another, or null when they do not overlap (touching edges do not). */
export function intersect(a: Box, b: Box): Box | null {
  const out = {
    left: Math.max(a.left, b.left),
    top: Math.max(a.top, b.top),
    right: Math.min(a.right, b.right),
    bottom: Math.min(a.bottom, b.bottom),
  };
  return out.right > out.left && out.bottom > out.top ? out : null;
}

function area(b: Box): number {
  return Math.max(0, b.right - b.left) * Math.max(0, b.bottom - b.top);
}

/**
 * The maximal rectangles inside `frame` that no obstacle overlaps, largest first.
 * Their edges can only be the frame's or an obstacle's, so with the handful of overlays a map
 * has, trying every pair of candidate edges is cheap (n obstacles: (2n+2)^4 boxes at most).
 *
 * @example
 * freeBoxes({ left: 0, top: 0, right: 100, bottom: 100 }, [{ left: 0, top: 80, right: 100, bottom: 100 }])
 * // → [{ left: 0, top: 0, right: 100, bottom: 80 }]
 */
export function freeBoxes(frame: Box, obstacles: Box[]): Box[] {
  const inside = obstacles.map((o) => intersect(o, frame)).filter((o): o is Box => o !== null);
  const xs = [...new Set([frame.left, frame.right, ...inside.flatMap((o) => [o.left, o.right])])].sort((a, b) => a - b);
  const ys = [...new Set([frame.top, frame.bottom, ...inside.flatMap((o) => [o.top, o.bottom])])].sort((a, b) => a - b);
  const blocked = (box: Box) => inside.some((o) => intersect(o, box));
  const maximal: Box[] = [];
  for (let i = 0; i < xs.length; i++) {
    for (let j = i + 1; j < xs.length; j++) {
      for (let k = 0; k < ys.length; k++) {
        for (let l = k + 1; l < ys.length; l++) {
          const box = { left: xs[i], right: xs[j], top: ys[k], bottom: ys[l] };
          if (blocked(box)) continue;
          // maximal: no side can move out to the next candidate edge and stay free
          const grows =
            (i > 0 && !blocked({ ...box, left: xs[i - 1] })) ||
            (j + 1 < xs.length && !blocked({ ...box, right: xs[j + 1] })) ||
            (k > 0 && !blocked({ ...box, top: ys[k - 1] })) ||
            (l + 1 < ys.length && !blocked({ ...box, bottom: ys[l + 1] }));
          if (!grows) maximal.push(box);
        }
      }
    }
  }
  return maximal.sort((a, b) => area(b) - area(a));
}

/**
 * The paddings that keep a fit inside each of the largest free boxes of `frame` (the map's
 * box), with `margin` pixels more on every side. At most `limit` candidates; when the
 * overlays leave nothing usable, the frame itself with the margin.
 */
export function fitPaddings(frame: Box, obstacles: Box[], margin = 16, limit = 4): Padding[] {
  const min = 2 * margin + 40;
  const boxes = freeBoxes(frame, obstacles)
    .filter((b) => b.right - b.left >= min && b.bottom - b.top >= min)
    .slice(0, limit);
  const use = boxes.length ? boxes : [frame];
  return use.map((b) => ({
    top: Math.round(b.top - frame.top + margin),
    bottom: Math.round(frame.bottom - b.bottom + margin),
    left: Math.round(b.left - frame.left + margin),
    right: Math.round(frame.right - b.right + margin),
  }));
}

/** The share of `frame` that no obstacle covers (overlapping obstacles count once), 0…1. */
export function visibleShare(frame: Box, obstacles: Box[]): number {
  const inside = obstacles.map((o) => intersect(o, frame)).filter((o): o is Box => o !== null);
  const xs = [...new Set([frame.left, frame.right, ...inside.flatMap((o) => [o.left, o.right])])].sort((a, b) => a - b);
  const ys = [...new Set([frame.top, frame.bottom, ...inside.flatMap((o) => [o.top, o.bottom])])].sort((a, b) => a - b);
  let covered = 0;
  // a grid on every obstacle edge: each cell is wholly covered or wholly free
  for (let i = 0; i + 1 < xs.length; i++) {
    for (let k = 0; k + 1 < ys.length; k++) {
      const cell = { left: xs[i], right: xs[i + 1], top: ys[k], bottom: ys[k + 1] };
      if (inside.some((o) => intersect(o, cell))) covered += area(cell);
    }
  }
  const total = area(frame);
  return total > 0 ? 1 - covered / total : 0;
}
