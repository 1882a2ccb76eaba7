import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Position } from "geojson";
import { findSelfIntersection } from "../../geo/src/validate-geometry.ts";

// ---- a reference: every edge against every other, written independently of the sweep ----

const cross = (a: Position, b: Position, c: Position) => (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
const onSeg = (a: Position, b: Position, p: Position) =>
  Math.min(a[0], b[0]) <= p[0] &&
  p[0] <= Math.max(a[0], b[0]) &&
  Math.min(a[1], b[1]) <= p[1] &&
  p[1] <= Math.max(a[1], b[1]);

function segmentsMeet(a: Position, b: Position, c: Position, d: Position): boolean {
  const d1 = cross(a, b, c);
  const d2 = cross(a, b, d);
  const d3 = cross(c, d, a);
  const d4 = cross(c, d, b);
  if (Math.sign(d1) * Math.sign(d2) < 0 && Math.sign(d3) * Math.sign(d4) < 0) return true;
  return (
    (d1 === 0 && onSeg(a, b, c)) ||
    (d2 === 0 && onSeg(a, b, d)) ||
    (d3 === 0 && onSeg(c, d, a)) ||
    (d4 === 0 && onSeg(c, d, b))
  );
}

/** Quadratic: true when two edges meet anywhere other than neighbours at their shared corner. */
function bruteForce(rings: Position[][]): boolean {
  const edges: { a: Position; b: Position; ring: number; i: number; n: number }[] = [];
  for (const [r, ring] of rings.entries()) {
    const corners = ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1][0] || p[1] !== ring[i - 1][1]);
    if (corners.length > 1 && corners[0][0] === corners.at(-1)![0] && corners[0][1] === corners.at(-1)![1])
      corners.pop();
    if (corners.length < 3) return true;
    corners.forEach((a, i) => edges.push({ a, b: corners[(i + 1) % corners.length], ring: r, i, n: corners.length }));
  }
  for (let x = 0; x < edges.length; x++) {
    for (let y = x + 1; y < edges.length; y++) {
      const e = edges[x];
      const f = edges[y];
      const neighbours = e.ring === f.ring && (Math.abs(e.i - f.i) === 1 || Math.abs(e.i - f.i) === e.n - 1);
      if (neighbours) {
        // they share one corner; they meet elsewhere only when they run back over each other
        const shared = e.b[0] === f.a[0] && e.b[1] === f.a[1] ? e.b : e.a;
        const p = shared === e.b ? e.a : e.b;
        const q = shared === e.b ? f.b : f.a;
        if (
          cross(p, shared, q) === 0 &&
          (p[0] - shared[0]) * (q[0] - shared[0]) + (p[1] - shared[1]) * (q[1] - shared[1]) > 0
        )
          return true;
      } else if (segmentsMeet(e.a, e.b, f.a, f.b)) return true;
    }
  }
  return false;
}

const close = (ring: Position[]): Position[] => [...ring, ring[0]];

/** Small integer grids make collinear edges, shared corners and touching rings common. */
const ringOn = (size: number) =>
  fc
    .array(fc.tuple(fc.integer({ min: 0, max: size }), fc.integer({ min: 0, max: size })), {
      minLength: 3,
      maxLength: 9,
    })
    .map((r) => close(r));

/** A star (angles increase, radii vary): simple by construction. */
function star(n: number, cx = 0, cy = 0, seed = 1): Position[] {
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const r = 1 + 0.5 * Math.sin(i * 7.3 + seed);
    ring.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  return close(ring);
}

describe("findSelfIntersection", () => {
  it("agrees with checking every pair of edges, on random rings of a small grid (seeded)", () => {
    fc.assert(
      fc.property(
        fc.array(ringOn(4), { minLength: 1, maxLength: 3 }),
        (rings) => (findSelfIntersection(rings) !== null) === bruteForce(rings),
      ),
      { seed: 18, numRuns: 4000 },
    );
  });

  it("agrees on larger random rings with vertical and horizontal edges", () => {
    fc.assert(
      fc.property(
        fc.array(ringOn(12), { minLength: 1, maxLength: 2 }),
        (rings) => (findSelfIntersection(rings) !== null) === bruteForce(rings),
      ),
      { seed: 19, numRuns: 3000 },
    );
  });

  it("finds nothing in stars, with holes inside them, and finds the crossing of a bow-tie", () => {
    expect(findSelfIntersection([star(500)])).toBeNull();
    const hole = star(40)
      .map(([x, y]) => [x * 0.3, y * 0.3])
      .reverse();
    expect(findSelfIntersection([star(500), hole])).toBeNull();
    expect(
      findSelfIntersection([
        [
          [0, 0],
          [2, 2],
          [2, 0],
          [0, 2],
          [0, 0],
        ],
      ]),
    ).toEqual([1, 1]);
    // a spike: the ring runs back over its own edge
    expect(
      findSelfIntersection([
        [
          [0, 0],
          [2, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ]),
    ).not.toBeNull();
    // a hole that crosses the shell
    expect(
      findSelfIntersection([
        [
          [0, 0],
          [4, 0],
          [4, 4],
          [0, 4],
          [0, 0],
        ],
        [
          [3, 1],
          [5, 1],
          [5, 2],
          [3, 1],
        ],
      ]),
    ).not.toBeNull();
  });

  it("answers a 32 000-vertex ring and a 6 500-vertex ring crossing itself everywhere without checking every pair", () => {
    // the cases: pairwise checking took 28 s on the first and ran out of memory on the second
    expect(findSelfIntersection([star(32_000)])).toBeNull();
    const zigzag: Position[] = [];
    for (let i = 0; i < 6_500; i++) zigzag.push([i % 2 === 0 ? 0 : 1, i / 6_500]);
    expect(findSelfIntersection([close(zigzag)])).not.toBeNull();
  });
});
