import type { Feature, Geometry, Position } from "geojson";

export type GeometryProblemCode =
  | "MISSING_GEOMETRY"
  | "UNSUPPORTED_TYPE"
  | "BAD_COORDINATE"
  | "OUTSIDE_CHINA"
  | "SHORT_RING"
  | "OPEN_RING"
  | "RING_ORIENTATION"
  | "SELF_INTERSECTION";

export interface GeometryProblem {
  featureId: string;
  code: GeometryProblemCode;
  message: string;
}

/** China's bounding box as the product accepts it: 73–135 °E, 18–54 °N. */
export const CHINA_BBOX = { minLng: 73, minLat: 18, maxLng: 135, maxLat: 54 } as const;

/** Twice the signed area of a ring (shoelace); positive when counter-clockwise. */
function signedArea2(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum;
}

function checkPosition(id: string, p: Position, where: string, problems: GeometryProblem[]): boolean {
  if (!Array.isArray(p) || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
    problems.push({
      featureId: id,
      code: "BAD_COORDINATE",
      message: `feature ${id}: ${where} is not a [lng, lat] pair of finite numbers`,
    });
    return false;
  }
  const [lng, lat] = p;
  if (lng < CHINA_BBOX.minLng || lng > CHINA_BBOX.maxLng || lat < CHINA_BBOX.minLat || lat > CHINA_BBOX.maxLat) {
    problems.push({
      featureId: id,
      code: "OUTSIDE_CHINA",
      message: `feature ${id}: ${where} [${lng}, ${lat}] lies outside China's bounding box (73–135 E, 18–54 N)`,
    });
    return false;
  }
  return true;
}

function checkPolygon(id: string, rings: Position[][], label: string, problems: GeometryProblem[]): void {
  let ringsOk = true;
  rings.forEach((ring, r) => {
    const where = `${label} ring ${r}`;
    if (!Array.isArray(ring) || ring.length < 4) {
      problems.push({
        featureId: id,
        code: "SHORT_RING",
        message: `feature ${id}: ${where} has fewer than 4 positions`,
      });
      ringsOk = false;
      return;
    }
    if (!ring.every((p, i) => checkPosition(id, p, `${where} position ${i}`, problems))) {
      ringsOk = false;
      return;
    }
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (first[0] !== last[0] || first[1] !== last[1]) {
      problems.push({
        featureId: id,
        code: "OPEN_RING",
        message: `feature ${id}: ${where} is not closed (first and last positions differ)`,
      });
      ringsOk = false;
      return;
    }
  });
  if (!ringsOk) return;
  const found = findSelfIntersection(rings);
  if (found === null) {
    // RFC 7946 §3.1.6: exterior rings counter-clockwise, holes clockwise. Only
    // meaningful for simple rings (a bow-tie has no winding). Refused rather
    // than fixed here; build-boundaries.ts rewinds the source once, on purpose.
    rings.forEach((ring, r) => {
      const ccw = signedArea2(ring) > 0;
      if (ccw !== (r === 0)) {
        problems.push({
          featureId: id,
          code: "RING_ORIENTATION",
          message: `feature ${id}: ${label} ring ${r} winds ${ccw ? "counter-clockwise" : "clockwise"}; RFC 7946 wants exterior rings counter-clockwise and holes clockwise`,
        });
      }
    });
  } else {
    const [lng, lat] = found;
    problems.push({
      featureId: id,
      code: "SELF_INTERSECTION",
      message: `feature ${id}: ${label} intersects itself at [${lng}, ${lat}]`,
    });
  }
}

/**
 * Checks a feature's geometry for what the gazetteer refuses: open or short
 * rings, wrong ring orientation, self-intersections, coordinates outside
 * China. Returns every problem found, each naming the feature; [] means valid.
 *
 * @example
 * validateGeometry({ type: "Feature", properties: { id: "x" }, geometry: { type: "Point", coordinates: [0, 0] } })
 * // [{ featureId: "x", code: "OUTSIDE_CHINA", message: "feature x: point [0, 0] lies outside ..." }]
 */
export function validateGeometry(feature: Feature<Geometry | null, { id?: string } | null>): GeometryProblem[] {
  const id = String(feature.properties?.id ?? feature.id ?? "(no id)");
  const problems: GeometryProblem[] = [];
  const g = feature.geometry;
  if (!g || typeof g !== "object" || !("type" in g)) {
    return [{ featureId: id, code: "MISSING_GEOMETRY", message: `feature ${id}: has no geometry` }];
  }
  switch (g.type) {
    case "Point":
      checkPosition(id, g.coordinates, "point", problems);
      break;
    case "MultiPoint":
    case "LineString":
      g.coordinates.forEach((p, i) => checkPosition(id, p, `position ${i}`, problems));
      break;
    case "Polygon":
      checkPolygon(id, g.coordinates, "polygon", problems);
      break;
    case "MultiPolygon":
      g.coordinates.forEach((rings, i) => checkPolygon(id, rings, `polygon ${i}`, problems));
      break;
    default:
      problems.push({
        featureId: id,
        code: "UNSUPPORTED_TYPE",
        message: `feature ${id}: geometry type ${g.type} is not accepted`,
      });
  }
  return problems;
}

// ---- self-intersection: a sweep line (Shamos–Hoey), not every edge against every other ----

interface Segment {
  /** left (lexicographically smaller) and right end */
  lx: number;
  ly: number;
  rx: number;
  ry: number;
  ring: number;
  index: number;
  /** segments in its ring, for the closing pair (last, first) */
  count: number;
}

/** > 0 when c lies left of a→b (counter-clockwise), 0 when collinear. */
function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/** p is collinear with the segment: is it within it? */
function within(s: Segment, px: number, py: number): boolean {
  return (
    Math.min(s.lx, s.rx) <= px && px <= Math.max(s.lx, s.rx) && Math.min(s.ly, s.ry) <= py && py <= Math.max(s.ly, s.ry)
  );
}

function ringNeighbours(a: Segment, b: Segment): boolean {
  if (a.ring !== b.ring) return false;
  const d = Math.abs(a.index - b.index);
  return d === 1 || d === a.count - 1;
}

/**
 * Where two segments meet, or null. Neighbours in a ring share their vertex by
 * construction; they only count when they run back over each other (a spike).
 */
function meeting(a: Segment, b: Segment): Position | null {
  const d1 = orient(a.lx, a.ly, a.rx, a.ry, b.lx, b.ly);
  const d2 = orient(a.lx, a.ly, a.rx, a.ry, b.rx, b.ry);
  if (ringNeighbours(a, b)) {
    if (d1 !== 0 || d2 !== 0) return null;
    // collinear: the ends they do not share must lie on opposite sides of the shared one
    const shared = (a.lx === b.lx && a.ly === b.ly) || (a.rx === b.rx && a.ry === b.ry);
    return shared ? [a.lx === b.lx && a.ly === b.ly ? a.lx : a.rx, a.lx === b.lx && a.ly === b.ly ? a.ly : a.ry] : null;
  }
  const d3 = orient(b.lx, b.ly, b.rx, b.ry, a.lx, a.ly);
  const d4 = orient(b.lx, b.ly, b.rx, b.ry, a.rx, a.ry);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    const t = d3 / (d3 - d4);
    return [a.lx + t * (a.rx - a.lx), a.ly + t * (a.ry - a.ly)];
  }
  if (d1 === 0 && within(a, b.lx, b.ly)) return [b.lx, b.ly];
  if (d2 === 0 && within(a, b.rx, b.ry)) return [b.rx, b.ry];
  if (d3 === 0 && within(b, a.lx, a.ly)) return [a.lx, a.ly];
  if (d4 === 0 && within(b, a.rx, a.ry)) return [a.rx, a.ry];
  return null;
}

/** Whether `t` (in the sweep's status) lies below the segment `s` starting at the sweep point. */
function below(t: Segment, s: Segment): boolean {
  const o = orient(t.lx, t.ly, t.rx, t.ry, s.lx, s.ly);
  if (o !== 0) return o > 0;
  // s starts on t (they meet there: the neighbour checks will say so); order them by where s goes
  return orient(t.lx, t.ly, t.rx, t.ry, s.rx, s.ry) >= 0;
}

/**
 * Where `s` is in the status, at its right end: a binary search by the side of that end,
 * then a look at the neighbours for `s` itself (several may pass through the same point).
 */
function positionOf(status: Segment[], s: Segment): number {
  let lo = 0;
  let hi = status.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const t = status[mid];
    if (t !== s && orient(t.lx, t.ly, t.rx, t.ry, s.rx, s.ry) > 0) lo = mid + 1;
    else hi = mid;
  }
  for (let d = 0; d < 4; d++) {
    if (status[lo + d] === s) return lo + d;
    if (status[lo - d] === s) return lo - d;
  }
  return status.indexOf(s);
}

/**
 * The first place found where the rings' edges cross or touch (other than
 * neighbouring edges at their shared vertex), or null when the rings are simple
 * and apart. Repeated consecutive positions are ignored; a ring of fewer than
 * three distinct corners answers its first position. O(n log n) comparisons for
 * n edges (a sweep line over the edges' ends, each edge compared with its
 * neighbours in the sweep's order), where checking every pair took 28 s for a
 * 32 000-vertex polygon and a self-crossing one collected crossings until the
 * process ran out of memory.
 */
export function findSelfIntersection(rings: Position[][]): Position | null {
  const segments: Segment[] = [];
  for (const [r, ring] of rings.entries()) {
    const corners: Position[] = [];
    for (const p of ring) {
      const last = corners[corners.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) corners.push(p);
    }
    if (
      corners.length > 1 &&
      corners[0][0] === corners[corners.length - 1][0] &&
      corners[0][1] === corners[corners.length - 1][1]
    )
      corners.pop();
    if (corners.length < 3) return ring[0] ?? null;
    for (let i = 0; i < corners.length; i++) {
      const a = corners[i];
      const b = corners[(i + 1) % corners.length];
      const aFirst = a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
      const [l, h] = aFirst ? [a, b] : [b, a];
      segments.push({ lx: l[0], ly: l[1], rx: h[0], ry: h[1], ring: r, index: i, count: corners.length });
    }
  }
  // events: each segment's left end (insert) and right end (remove); at one point inserts come first
  // (event 2i: segment i's left end, 2i + 1: its right end), sorted as numbers in typed arrays
  const n = segments.length;
  const xs = new Float64Array(2 * n);
  const ys = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    xs[2 * i] = segments[i].lx;
    ys[2 * i] = segments[i].ly;
    xs[2 * i + 1] = segments[i].rx;
    ys[2 * i + 1] = segments[i].ry;
  }
  const order = new Uint32Array(2 * n);
  for (let i = 0; i < 2 * n; i++) order[i] = i;
  order.sort((a, b) => xs[a] - xs[b] || ys[a] - ys[b] || (a & 1) - (b & 1));
  const events = Array.from(order, (k) => ({ remove: (k & 1) === 1, s: segments[k >> 1] }));
  // the segments crossing the sweep line, bottom to top; before the first meeting point the order holds
  const status: Segment[] = [];
  for (const e of events) {
    if (!e.remove) {
      let lo = 0;
      let hi = status.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (below(status[mid], e.s)) lo = mid + 1;
        else hi = mid;
      }
      status.splice(lo, 0, e.s);
      const hit = (lo > 0 && meeting(status[lo - 1], e.s)) || (lo + 1 < status.length && meeting(e.s, status[lo + 1]));
      if (hit) return hit;
    } else {
      const at = positionOf(status, e.s);
      status.splice(at, 1);
      if (at > 0 && at < status.length) {
        const hit = meeting(status[at - 1], status[at]);
        if (hit) return hit;
      }
    }
  }
  return null;
}
