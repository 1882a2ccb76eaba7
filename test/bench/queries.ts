/**
 * Q1–Q10, R1 and the map's own M1–M2 as the product asks them and as PostGraphile v5 (Amber preset, with the
 * functions of peer-functions.ts) asks them, and how each answer is normalised
 * so the correctness gate can compare the two: the same rows, the same values,
 * top-level order kept where it is the query's order, nested lists sorted.
 */
import { districtCentre, SYNTHETIC_PLAN, type DatasetName } from "./datasets.ts";
import { mulberry32 } from "./generate-projects.ts";
import { clientOperations } from "../support/generated-operations.ts";
import { taiyuanDay } from "../support/taiyuan-day.ts";

export interface Operation {
  query: string;
  variables?: Record<string, unknown>;
}

export interface BenchQuery {
  name: string;
  title: string;
  product: Operation;
  peer: Operation;
  normaliseProduct(data: any): unknown;
  normalisePeer(data: any): unknown;
  /** needs a signed-in planner (product) */
  mutation?: boolean;
  /** its variables depend on the data asked about (ids, boxes, points, dates) */
  varies?: boolean;
  /**
   * Fresh variables for the timed requests: each request takes the next pair, so neither
   * server answers the same variables over and over (the product keeps built statements per
   * variables; PostgreSQL's buffers favour one box as much). The gate compares a few of them.
   */
  variants?: { product: Operation; peer: Operation }[];
  /**
   * Variables that may be used once only (a report can be reviewed once): the n-th request to a
   * server gets its n-th; the product and the peer draw from separate halves of the pool.
   */
  once?: { product(n: number): Operation; peer(n: number): Operation; size: number };
}

/** What fresh variables are drawn from: the dataset's own ids and places. */
export interface Pools {
  taskIds: string[];
  /** every place's id (the random sample's single-place queries) */
  placeIds: string[];
  /** each task's citywide obligation (where a report without a place goes), by task id */
  citywideObligation: Map<string, string>;
  /** reports waiting for review, for the review mutation (R1): the product's, then the peer's */
  pendingReports?: { product: string[]; peer: string[] };
  /** the peer's reviewer (the product's is the signed-in planner) */
  reviewerId?: string;
  /** reports waiting for review for R1s (a pool of its own: a report is reviewed once) */
  pendingReportsSameRules?: { product: string[]; peer: string[] };
  /** a live session token of the peer's reviewer, for R1s (the product signs in as the same planner) */
  peerToken?: string;
  /** a point on the surface of every place that has a geometry (not the city) */
  centres: [number, number][];
}

interface Params {
  plan: string;
  bbox: [number, number, number, number];
  polygon: { type: "Polygon"; coordinates: number[][][] };
  near: { lng: number; lat: number; radiusMeters: number };
  taskId: string;
  /** Q10's instant */
  at: string;
  /** Q9's task's citywide obligation (the peer must name it; the product finds it) */
  obligationId?: string;
}

function circle(lng: number, lat: number, radiusKm: number, vertices: number): Params["polygon"] {
  const ring: number[][] = [];
  for (let i = 0; i < vertices; i++) {
    const a = (2 * Math.PI * i) / vertices;
    ring.push([
      Number((lng + (radiusKm * Math.cos(a)) / (111.32 * Math.cos((lat * Math.PI) / 180))).toFixed(6)),
      Number((lat + (radiusKm * Math.sin(a)) / 110.57).toFixed(6)),
    ]);
  }
  ring.push(ring[0]);
  return { type: "Polygon", coordinates: [ring] };
}

function params(dataset: DatasetName): Params {
  if (dataset === "real") {
    return {
      plan: "taiyuan-2013-30",
      bbox: [112.45, 37.75, 112.7, 37.95],
      polygon: circle(112.55, 37.87, 8, 32),
      near: { lng: 112.55, lat: 37.87, radiusMeters: 10_000 },
      taskId: "reform-14",
      at: "2014-06-30T00:00:00+08:00",
    };
  }
  const [bx, by] = districtCentre(44);
  const [px, py] = districtCentre(55);
  const [nx, ny] = districtCentre(66);
  return {
    plan: SYNTHETIC_PLAN,
    bbox: [
      Number((bx - 0.12).toFixed(6)),
      Number((by - 0.07).toFixed(6)),
      Number((bx + 0.12).toFixed(6)),
      Number((by + 0.07).toFixed(6)),
    ],
    polygon: circle(px, py, 4, 32),
    near: { lng: Number((nx + 0.01).toFixed(6)), lat: Number((ny + 0.01).toFixed(6)), radiusMeters: 3000 },
    taskId: "b-task-0004242",
    at: "2014-06-30T00:00:00+08:00",
  };
}

const round6 = (x: number) => Number(x.toFixed(6));

/**
 * The same shapes as params() (bbox and polygon of the same size, the same radius), around
 * places drawn from the data, with a task and an instant drawn too.
 */
function drawParams(dataset: DatasetName, pools: Pools, random: () => number): Params {
  const fixed = params(dataset);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const [bx, by] = pick(pools.centres);
  const [fw, fs, fe, fn] = fixed.bbox;
  const halfW = (fe - fw) / 2;
  const halfH = (fn - fs) / 2;
  const [px, py] = pick(pools.centres);
  const [nx, ny] = pick(pools.centres);
  const taskId = pick(pools.taskIds);
  const day = new Date(Date.UTC(2013, 0, 1) + Math.floor(random() * 1095) * 86_400_000).toISOString().slice(0, 10);
  return {
    plan: fixed.plan,
    bbox: [round6(bx - halfW), round6(by - halfH), round6(bx + halfW), round6(by + halfH)],
    polygon: circle(px, py, dataset === "real" ? 8 : 4, 32),
    near: {
      lng: round6(nx + 0.01 * (random() - 0.5)),
      lat: round6(ny + 0.01 * (random() - 0.5)),
      radiusMeters: fixed.near.radiusMeters,
    },
    taskId,
    at: `${day}T00:00:00+08:00`,
    obligationId: pools.citywideObligation.get(taskId),
  };
}

const byKey = (key: (x: any) => string) => (a: any, b: any) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
const linkKey = (l: any) => `${l.id}|${l.role}`;

/** A task → place link list, as { role, id, name, distance? } sorted by place id and role. */
function productPlaces(links: any[]): unknown[] {
  return links
    .map((l) => ({
      role: l.role,
      id: l.place.id,
      nameEn: l.place.nameEn,
      ...(l.distanceMeters !== undefined ? { d: l.distanceMeters } : {}),
    }))
    .sort(byKey(linkKey));
}
function peerPlaces(conn: any): unknown[] {
  return conn.nodes
    .map((l: any) => ({
      role: l.role,
      id: l.placeByPlaceId.rowId,
      nameEn: l.placeByPlaceId.nameEn,
      ...(l.distanceMeters !== undefined ? { d: l.distanceMeters } : {}),
    }))
    .sort(byKey(linkKey));
}

const TASK_PLACES_PRODUCT = `places { role place { id nameEn } }`;
const TASK_PLACES_PEER = `taskPlacesByTaskId { nodes { role placeByPlaceId { rowId nameEn } } }`;

const SUMMARY_FIELDS = [
  "total",
  "notStarted",
  "inProgress",
  "atRisk",
  "delayed",
  "completed",
  "meanProgress",
  "reported",
] as const;
const summaryOf = (x: any) => Object.fromEntries(SUMMARY_FIELDS.map((k) => [k, x[k]]));

/**
 * The map client's own operation `name`, its text read from client/src as the page sends it, renamed `as` (the bench
 * sends its query's name as operationName, and finds the product's log line by it).
 */
let clientSources: { name: string; source: string }[] | undefined;
function clientOperation(name: string, as: string): string {
  clientSources ??= clientOperations();
  const found = clientSources.find((o) => o.name === name);
  if (!found) throw new Error(`no client operation ${name} in client/src`);
  return found.source.replace(new RegExp(`\\b(query\\s+)${name}\\b`), `$1${as}`);
}

/** MapPlaces' simplification tolerance (client/src/api/operations.ts MAP_TOLERANCE). */
const MAP_TOLERANCE = 0.001;

/**
 * The ten queries for one dataset, with the fixed variables of params() (the gate's and the
 * first request's) and, given pools, `count` fresh variable pairs drawn with a seeded PRNG.
 */
export function benchQueries(
  dataset: DatasetName,
  authorId: string,
  pools?: Pools,
  count = 256,
  seed = 2020,
): BenchQuery[] {
  const base = params(dataset);
  const fixed = queriesFor(
    { ...base, obligationId: pools?.citywideObligation.get(base.taskId) },
    authorId,
    pools?.peerToken,
  );
  if (!pools || count === 0 || !pools.centres.length || !pools.taskIds.length) return fixed;
  const random = mulberry32(seed);
  const drawn = Array.from({ length: count }, () =>
    queriesFor(drawParams(dataset, pools, random), authorId, pools.peerToken),
  );
  return fixed.map((q, i) =>
    q.varies ? { ...q, variants: drawn.map((d) => ({ product: d[i].product, peer: d[i].peer })) } : q,
  );
}

/**
 * A review benchmark: the product's planner approves a pending report from its half of `pending`, the peer one
 * from its half with `peerVariables`; each request reviews a report no request has reviewed.
 */
function reviewBench(
  name: string,
  title: string,
  pending: { product: string[]; peer: string[] },
  peer: { query: string; variables: (reportId: string) => Record<string, unknown>; reviewed: (d: any) => boolean },
): BenchQuery {
  const productOp = (n: number): Operation => ({
    query: `mutation ${name}($id: ID!) { reviewReport(id: $id, decision: APPROVE) { id review } }`,
    variables: { id: pending.product[n % pending.product.length] },
  });
  const peerOp = (n: number): Operation => ({
    query: peer.query,
    variables: peer.variables(pending.peer[n % pending.peer.length]),
  });
  return {
    name,
    title,
    mutation: true,
    product: productOp(0),
    peer: peerOp(0),
    once: {
      product: (n) => productOp(n + 1),
      peer: (n) => peerOp(n + 1),
      size: Math.min(pending.product.length, pending.peer.length),
    },
    normaliseProduct: (d) => ({ reviewed: d.reviewReport.review === "APPROVED" }),
    normalisePeer: (d) => ({ reviewed: peer.reviewed(d) }),
  };
}

/**
 * R1, the review mutation: a planner approves a pending report (product: the session, the permission check,
 * decided once, the review row, the report event; the peer inserts the review row it is given, reviewer and all).
 */
export function reviewQuery(pools: Pools): BenchQuery | null {
  const pending = pools.pendingReports;
  const reviewerId = pools.reviewerId;
  if (!pending?.product.length || !pending.peer.length || !reviewerId) return null;
  return reviewBench("R1", "one mutation: a planner approves a pending report (a new report each request)", pending, {
    query: `mutation R1($input: CreateReportReviewInput!) { createReportReview(input: $input) { reportReview { reportId decision } } }`,
    variables: (reportId) => ({ input: { reportReview: { reportId, decision: "APPROVE", reviewerId } } }),
    reviewed: (d) => d.createReportReview.reportReview.decision === "APPROVE",
  });
}

/**
 * R1s, the review with the same job on both sides: the product as in R1; the peer through the SQL function
 * review_report_as (peer-functions.ts), which checks what the product's statement checks (the session of a
 * token, the reviewer's role and the task's leads, not the author, decided once) before it inserts. R1 keeps
 * the peer's bare insert beside it.
 */
export function reviewSameRulesQuery(pools: Pools): BenchQuery | null {
  const pending = pools.pendingReportsSameRules;
  const token = pools.peerToken;
  if (!pending?.product.length || !pending.peer.length || !token) return null;
  return reviewBench(
    "R1s",
    "one mutation: a planner approves a pending report, the peer checking the same rules in SQL",
    pending,
    {
      query: `mutation R1s($input: ReviewReportAsInput!) { reviewReportAs(input: $input) { result { reportId decision } } }`,
      variables: (reportId) => ({ input: { token, reportId, decision: "APPROVE" } }),
      reviewed: (d) => d.reviewReportAs.result?.decision === "APPROVE",
    },
  );
}

/** The product's report of Q9 and Q9s: the signed-in planner reports on the task (its citywide obligation). */
const productReportOp = (name: string, taskId: string): Operation => ({
  query: `mutation ${name}($input: ReportProgressInput!) { reportProgress(input: $input) { status progress note task { id } } }`,
  variables: { input: { taskId, status: "IN_PROGRESS", progress: 50, note: "bench-q9" } },
});

/** A filed report as Q9 and Q9s compare it: the product's answer, and the peer's row (any of its payload's). */
const productReport = (d: any) => ({
  status: d.reportProgress.status,
  progress: d.reportProgress.progress,
  note: d.reportProgress.note,
  task: d.reportProgress.task.id,
});
const peerReport = (r: any) => ({ status: r.status, progress: r.progress, note: r.note, task: r.taskByTaskId.rowId });

function queriesFor(p: Params, authorId: string, peerToken?: string): BenchQuery[] {
  const [w, s, e, n] = p.bbox;
  const tasksP = (d: any[]) => d.map((t) => ({ id: t.id, titleEn: t.titleEn, places: productPlaces(t.places) }));
  const tasksG = (d: any[]) =>
    d.map((t) => ({ id: t.rowId, titleEn: t.titleEn, places: peerPlaces(t.taskPlacesByTaskId) }));
  return [
    {
      name: "Q1",
      title: "places (COUNTY) with their tasks, 1:N",
      product: {
        query: `query Q1 { places(filter: { kinds: [COUNTY] }) { id nameEn tasks { role task { id titleEn } } } }`,
      },
      peer: {
        query: `query Q1 { allPlaces(condition: { kind: "COUNTY" }, orderBy: [ORDINAL_ASC]) { nodes { rowId nameEn taskPlacesByPlaceId { nodes { role taskByTaskId { rowId titleEn } } } } } }`,
      },
      normaliseProduct: (d) =>
        d.places.map((x: any) => ({
          id: x.id,
          nameEn: x.nameEn,
          tasks: x.tasks
            .map((l: any) => ({ role: l.role, id: l.task.id, titleEn: l.task.titleEn }))
            .sort(byKey(linkKey)),
        })),
      normalisePeer: (d) =>
        d.allPlaces.nodes.map((x: any) => ({
          id: x.rowId,
          nameEn: x.nameEn,
          tasks: x.taskPlacesByPlaceId.nodes
            .map((l: any) => ({ role: l.role, id: l.taskByTaskId.rowId, titleEn: l.taskByTaskId.titleEn }))
            .sort(byKey(linkKey)),
        })),
    },
    {
      name: "Q2",
      title: "first 100 tasks of the plan with their places, N:1",
      product: {
        query: `query Q2($plan: ID!) { tasks(filter: { planId: $plan }, first: 100) { nodes { id titleEn ${TASK_PLACES_PRODUCT} } } }`,
        variables: { plan: p.plan },
      },
      peer: {
        query: `query Q2($plan: String!) { allTasks(condition: { planId: $plan }, orderBy: [ORDINAL_ASC], first: 100) { nodes { rowId titleEn ${TASK_PLACES_PEER} } } }`,
        variables: { plan: p.plan },
      },
      normaliseProduct: (d) => tasksP(d.tasks.nodes),
      normalisePeer: (d) => tasksG(d.allTasks.nodes),
    },
    {
      name: "Q3",
      varies: true,
      title: "places in a bbox with their children",
      product: {
        query: `query Q3($bbox: [Float!]!) { places(filter: { bbox: $bbox }) { id nameEn children { id nameEn } } }`,
        variables: { bbox: p.bbox },
      },
      peer: {
        query: `query Q3($w: Float!, $s: Float!, $e: Float!, $n: Float!) { placesInBbox(w: $w, s: $s, e: $e, n: $n) { nodes { rowId nameEn placesByParentId(orderBy: [ORDINAL_ASC]) { nodes { rowId nameEn } } } } }`,
        variables: { w, s, e, n },
      },
      normaliseProduct: (d) =>
        d.places.map((x: any) => ({
          id: x.id,
          nameEn: x.nameEn,
          children: x.children.map((c: any) => ({ id: c.id, nameEn: c.nameEn })),
        })),
      normalisePeer: (d) =>
        d.placesInBbox.nodes.map((x: any) => ({
          id: x.rowId,
          nameEn: x.nameEn,
          children: x.placesByParentId.nodes.map((c: any) => ({ id: c.rowId, nameEn: c.nameEn })),
        })),
    },
    {
      name: "Q4",
      varies: true,
      title: "first 50 tasks within a district-sized polygon (32 vertices), with their places",
      product: {
        query: `query Q4($polygon: GeoJSON!) { tasks(filter: { spatial: { within: $polygon } }, first: 50) { nodes { id titleEn ${TASK_PLACES_PRODUCT} } } }`,
        variables: { polygon: p.polygon },
      },
      peer: {
        query: `query Q4($g: String!) { tasksWithin(geojson: $g, first: 50) { nodes { rowId titleEn ${TASK_PLACES_PEER} } } }`,
        variables: { g: JSON.stringify(p.polygon) },
      },
      normaliseProduct: (d) => tasksP(d.tasks.nodes),
      normalisePeer: (d) => tasksG(d.tasksWithin.nodes),
    },
    {
      name: "Q5",
      varies: true,
      title: "first 50 tasks near a point, by distance, with their places and distances",
      product: {
        query: `query Q5($near: NearInput!) { tasks(filter: { spatial: { near: $near }, orderBy: DISTANCE }, first: 50) { nodes { id titleEn places { role distanceMeters place { id nameEn } } } } }`,
        variables: { near: p.near },
      },
      peer: {
        query: `query Q5($lng: Float!, $lat: Float!, $r: Float!) { tasksNear(lng: $lng, lat: $lat, r: $r, first: 50) { nodes { rowId titleEn taskPlacesByTaskId { nodes { role distanceMeters(lng: $lng, lat: $lat) placeByPlaceId { rowId nameEn } } } } } }`,
        variables: { lng: p.near.lng, lat: p.near.lat, r: p.near.radiusMeters },
      },
      normaliseProduct: (d) => tasksP(d.tasks.nodes),
      normalisePeer: (d) => tasksG(d.tasksNear.nodes),
    },
    {
      name: "Q6",
      varies: true,
      title: "one task by id with its places",
      product: {
        query: `query Q6($id: ID!) { task(id: $id) { id titleEn kind dueYear ${TASK_PLACES_PRODUCT} } }`,
        variables: { id: p.taskId },
      },
      peer: {
        query: `query Q6($id: String!) { taskByRowId(rowId: $id) { rowId titleEn kind dueYear ${TASK_PLACES_PEER} } }`,
        variables: { id: p.taskId },
      },
      normaliseProduct: (d) => ({
        id: d.task.id,
        titleEn: d.task.titleEn,
        kind: d.task.kind,
        dueYear: d.task.dueYear,
        places: productPlaces(d.task.places),
      }),
      normalisePeer: (d) => ({
        id: d.taskByRowId.rowId,
        titleEn: d.taskByRowId.titleEn,
        kind: d.taskByRowId.kind,
        dueYear: d.taskByRowId.dueYear,
        places: peerPlaces(d.taskByRowId.taskPlacesByTaskId),
      }),
    },
    {
      name: "Q7",
      title: "three levels: places (COUNTY) → tasks → places",
      product: {
        query: `query Q7 { places(filter: { kinds: [COUNTY] }) { id nameEn tasks { role task { id titleEn ${TASK_PLACES_PRODUCT} } } } }`,
      },
      peer: {
        query: `query Q7 { allPlaces(condition: { kind: "COUNTY" }, orderBy: [ORDINAL_ASC]) { nodes { rowId nameEn taskPlacesByPlaceId { nodes { role taskByTaskId { rowId titleEn ${TASK_PLACES_PEER} } } } } } }`,
      },
      normaliseProduct: (d) =>
        d.places.map((x: any) => ({
          id: x.id,
          nameEn: x.nameEn,
          tasks: x.tasks
            .map((l: any) => ({
              role: l.role,
              id: l.task.id,
              titleEn: l.task.titleEn,
              places: productPlaces(l.task.places),
            }))
            .sort(byKey(linkKey)),
        })),
      normalisePeer: (d) =>
        d.allPlaces.nodes.map((x: any) => ({
          id: x.rowId,
          nameEn: x.nameEn,
          tasks: x.taskPlacesByPlaceId.nodes
            .map((l: any) => ({
              role: l.role,
              id: l.taskByTaskId.rowId,
              titleEn: l.taskByTaskId.titleEn,
              places: peerPlaces(l.taskByTaskId.taskPlacesByTaskId),
            }))
            .sort(byKey(linkKey)),
        })),
    },
    {
      name: "Q8",
      title: "district geometries as GeoJSON (90 polygons of 200–500 vertices synthetic; 6 real)",
      product: { query: `query Q8 { places(filter: { kinds: [DISTRICT] }) { id geometry } }` },
      peer: {
        query: `query Q8 { allPlaces(condition: { kind: "DISTRICT" }, orderBy: [ORDINAL_ASC]) { nodes { rowId geojson } } }`,
      },
      normaliseProduct: (d) => d.places.map((x: any) => ({ id: x.id, geometry: x.geometry })),
      normalisePeer: (d) => d.allPlaces.nodes.map((x: any) => ({ id: x.rowId, geometry: x.geojson })),
    },
    {
      name: "Q10",
      varies: true,
      title:
        "the map's choropleth as of a date: every district's obligations counted by their own status (one statement for all places)",
      product: {
        query: `query Q10($at: DateTime) { places(filter: { kinds: [DISTRICT] }) { id statusSummary(asOf: $at) { ${SUMMARY_FIELDS.join(" ")} } } }`,
        variables: { at: p.at },
      },
      peer: {
        query: `query Q10($at: Datetime!) { allPlaces(condition: { kind: "DISTRICT" }, orderBy: [ORDINAL_ASC]) { nodes { rowId statusSummary(at: $at) } } }`,
        variables: { at: p.at },
      },
      normaliseProduct: (d) => d.places.map((x: any) => ({ id: x.id, ...summaryOf(x.statusSummary) })),
      normalisePeer: (d) => d.allPlaces.nodes.map((x: any) => ({ id: x.rowId, ...summaryOf(x.statusSummary) })),
    },
    {
      name: "M1",
      varies: true,
      title:
        "the map's places, as the page's startup request asks for them (the client's MapPlaces: every place with its simplified boundary, box, label point, parent and status summary as of a date)",
      product: {
        query: clientOperation("MapPlaces", "M1"),
        variables: { script: "HANS", asOf: p.at, tolerance: MAP_TOLERANCE },
      },
      peer: {
        query: `query M1($at: Datetime!, $tolerance: Float!) { allPlaces(orderBy: [ORDINAL_ASC]) { nodes { rowId code nameHans nameEn kind precision source areaKm2 bbox simplifiedGeojson(tolerance: $tolerance) centroid parentId statusSummary(at: $at) } } }`,
        variables: { at: p.at, tolerance: MAP_TOLERANCE },
      },
      normaliseProduct: (d) =>
        d.places.map((x: any) => ({
          id: x.id,
          code: x.code,
          name: x.name,
          nameEn: x.nameEn,
          kind: x.kind,
          precision: x.precision,
          source: x.source,
          areaKm2: x.areaKm2 === null ? null : Number(x.areaKm2),
          bbox: x.bbox,
          geometry: x.geometry,
          centroid: x.centroid,
          parent: x.parent?.id ?? null,
          summary: { ...summaryOf(x.statusSummary), overdue: x.statusSummary.overdue },
        })),
      normalisePeer: (d) =>
        d.allPlaces.nodes.map((x: any) => ({
          id: x.rowId,
          code: x.code,
          name: x.nameHans,
          nameEn: x.nameEn,
          kind: x.kind,
          precision: x.precision,
          source: x.source,
          areaKm2: x.areaKm2 === null ? null : Number(x.areaKm2),
          bbox: x.bbox,
          geometry: x.simplifiedGeojson,
          centroid: x.centroid,
          parent: x.parentId,
          summary: { ...summaryOf(x.statusSummary), overdue: x.statusSummary.overdue },
        })),
    },
    {
      name: "M2",
      varies: true,
      title:
        "the map's task list, as the client asks for its first page (the client's Tasks: kind, titles, section, lead departments, status and progress as of a date, places)",
      product: {
        query: clientOperation("Tasks", "M2"),
        variables: { script: "HANS", filter: { planId: p.plan }, asOf: p.at, first: 50 },
      },
      peer: {
        query: `query M2($plan: String!, $at: Datetime!) { allTasks(condition: { planId: $plan }, orderBy: [ORDINAL_ASC], first: 50) { totalCount pageInfo { hasNextPage } nodes { rowId kind number ref titleHans titleEn sectionId taskLeadsByTaskId { nodes { departmentByDepartmentId { rowId nameHans nameEn } } } statusAsOf(at: $at) taskPlacesByTaskId { nodes { role placeId } } } } }`,
        variables: { plan: p.plan, at: p.at },
      },
      normaliseProduct: (d) => ({
        totalCount: d.tasks.totalCount,
        hasNextPage: d.tasks.pageInfo.hasNextPage,
        tasks: d.tasks.nodes.map((t: any) => ({
          id: t.id,
          kind: t.kind,
          number: t.number,
          ref: t.ref,
          title: t.title,
          titleEn: t.titleEn,
          section: t.section?.id ?? null,
          leads: t.leadDepartments
            .map((l: any) => ({ id: l.id, name: l.name, nameEn: l.nameEn }))
            .sort(byKey((l) => l.id)),
          status: t.status,
          progress: t.progress,
          places: t.places.map((l: any) => ({ role: l.role, id: l.place.id })).sort(byKey(linkKey)),
        })),
      }),
      normalisePeer: (d) => ({
        totalCount: d.allTasks.totalCount,
        hasNextPage: d.allTasks.pageInfo.hasNextPage,
        tasks: d.allTasks.nodes.map((t: any) => ({
          id: t.rowId,
          kind: t.kind,
          number: t.number,
          ref: t.ref,
          title: t.titleHans,
          titleEn: t.titleEn,
          section: t.sectionId,
          leads: t.taskLeadsByTaskId.nodes
            .map((l: any) => ({
              id: l.departmentByDepartmentId.rowId,
              name: l.departmentByDepartmentId.nameHans,
              nameEn: l.departmentByDepartmentId.nameEn,
            }))
            // nested lists are compared sorted (PostGraphile orders a relation only by indexed columns)
            .sort(byKey((l) => l.id)),
          status: t.statusAsOf.status,
          progress: t.statusAsOf.progress,
          places: t.taskPlacesByTaskId.nodes.map((l: any) => ({ role: l.role, id: l.placeId })).sort(byKey(linkKey)),
        })),
      }),
    },
    {
      name: "Q9",
      varies: true,
      title: "one mutation: file a progress report (product: signed-in planner, permission check, one transaction)",
      mutation: true,
      product: productReportOp("Q9", p.taskId),
      peer: {
        query: `mutation Q9($input: CreateProgressReportInput!) { createProgressReport(input: $input) { progressReport { status progress note taskByTaskId { rowId } } } }`,
        variables: {
          input: {
            progressReport: {
              taskId: p.taskId,
              obligationId: p.obligationId,
              asOf: taiyuanDay(), // the product's default asOf for a report
              status: "IN_PROGRESS",
              progress: 50,
              note: "bench-q9",
              authorId,
            },
          },
        },
      },
      normaliseProduct: productReport,
      normalisePeer: (d) => peerReport(d.createProgressReport.progressReport),
    },
    // Q9s, the report with the same job on both sides: the product as in Q9; the peer through the SQL function
    // report_progress_as (peer-functions.ts), which checks what the product's statement checks (the session of a
    // token, the task, the obligation at the place or the city, the plan's period, the reporter's role) and finds
    // the obligation itself. Q9 keeps the peer's bare insert beside it.
    ...(peerToken
      ? [
          {
            name: "Q9s",
            varies: true,
            title: "one mutation: file a progress report, the peer checking the same rules in SQL",
            mutation: true,
            product: productReportOp("Q9s", p.taskId),
            peer: {
              query: `mutation Q9s($input: ReportProgressAsInput!) { reportProgressAs(input: $input) { result { status progress note taskByTaskId { rowId } } } }`,
              variables: {
                input: { token: peerToken, taskId: p.taskId, status: "IN_PROGRESS", progress: 50, note: "bench-q9" },
              },
            },
            normaliseProduct: productReport,
            normalisePeer: (d: any) => peerReport(d.reportProgressAs.result),
          } satisfies BenchQuery,
        ]
      : []),
  ];
}
