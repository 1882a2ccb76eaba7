/**
 * The permission matrix, property-tested: role × place × task for reportProgress,
 * recordIndicatorValue and reviewReport. The expected answer comes from the
 * public API (obligations, containment, lead departments), not from the
 * permission code; every refusal leaves the written tables unchanged.
 */
import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { testServer } from "../../support/server.ts";
import { createPlanner, createUser, type Account } from "./accounts.ts";
import { fingerprint } from "./db-state.ts";

type Role = "ANONYMOUS" | "VIEWER" | "PLANNER" | "AREA_LEADER" | "DEPARTMENT";

interface Actor {
  label: string;
  role: Role;
  account: Account | null;
  placeIds: string[];
  departmentId: string | null;
}

const PLACE_CHOICES = [
  null,
  "gujiao",
  "qingxu",
  "qingxu-development-zone",
  "xiaodian",
  "wusu-bonded-zone",
  "taiyuan",
  "loufan",
  "wanbailin",
  "jinci",
  "fendong-new-district",
];
const INTERESTING_TASKS = [
  "reform-14",
  "reform-15",
  "matter-6",
  "matter-8",
  "matter-9",
  "matter-16",
  "research-4",
  "reform-8",
  "pilot-counties",
  "pilot-zones",
  "matter-39",
  "research-8",
];

let actors: Actor[] = [];
let author: Actor;
let allTasks: string[] = [];
let indicators: string[] = [];
const obligationsOf = new Map<string, Set<string>>();
const containersOf = new Map<string, Set<string>>();
const leadsOf = new Map<string, Set<string>>();

/** The places an area leader answers for: their own and every place the API says lies inside one of them. */
function covered(actor: Actor): Set<string> {
  const out = new Set(actor.placeIds);
  for (const [place, containers] of containersOf)
    if ([...containers].some((c) => actor.placeIds.includes(c))) out.add(place);
  return out;
}

type Expected =
  | { allowed: true }
  | { allowed: false; code: "UNAUTHENTICATED" | "FORBIDDEN" | "BAD_USER_INPUT"; rule: string; message: RegExp };

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function expectReport(actor: Actor, taskId: string, placeId: string | null): Expected {
  if (actor.role === "ANONYMOUS")
    return { allowed: false, code: "UNAUTHENTICATED", rule: "anonymous users cannot report", message: /sign in/ };
  // v2: a report is about one obligation; a place that does not carry the task has none to report on
  const onObligation = (): Expected =>
    !placeId || obligationsOf.get(placeId)!.has(taskId)
      ? { allowed: true }
      : {
          allowed: false,
          code: "BAD_USER_INPUT",
          rule: `task ${taskId} is not an obligation of ${placeId}`,
          message: new RegExp(`task ${escape(taskId)} is not an obligation of ${escape(placeId)}`),
        };
  if (actor.role === "PLANNER") return onObligation();
  if (actor.role === "VIEWER")
    return { allowed: false, code: "FORBIDDEN", rule: "viewers cannot report progress", message: /viewers/ };
  if (actor.role === "DEPARTMENT") {
    return leadsOf.get(taskId)!.has(actor.departmentId!)
      ? onObligation()
      : {
          allowed: false,
          code: "FORBIDDEN",
          rule: `task ${taskId} is not led by ${actor.departmentId}`,
          message: new RegExp(`task ${escape(taskId)} is not led by`),
        };
  }
  if (!placeId)
    return {
      allowed: false,
      code: "FORBIDDEN",
      rule: "an area leader must name one of their places",
      message: /area leaders must name one of their places/,
    };
  if (!covered(actor).has(placeId)) {
    return {
      allowed: false,
      code: "FORBIDDEN",
      rule: `${placeId} is not one of ${actor.label}'s places`,
      message: new RegExp(`${escape(placeId)} is not one of your places`),
    };
  }
  return obligationsOf.get(placeId)!.has(taskId)
    ? { allowed: true }
    : {
        allowed: false,
        code: "FORBIDDEN",
        rule: `task ${taskId} is not an obligation of ${placeId}`,
        message: new RegExp(`task ${escape(taskId)} is not an obligation of ${escape(placeId)}`),
      };
}

function expectValue(actor: Actor, placeId: string): Expected {
  if (actor.role === "ANONYMOUS")
    return {
      allowed: false,
      code: "UNAUTHENTICATED",
      rule: "anonymous users cannot record values",
      message: /sign in/,
    };
  if (actor.role === "PLANNER") return { allowed: true };
  if (actor.role === "AREA_LEADER") {
    return covered(actor).has(placeId)
      ? { allowed: true }
      : {
          allowed: false,
          code: "FORBIDDEN",
          rule: `${placeId} is not one of ${actor.label}'s places`,
          message: new RegExp(`${escape(placeId)} is not one of your places`),
        };
  }
  return {
    allowed: false,
    code: "FORBIDDEN",
    rule: "only planners and area leaders record indicator values",
    message: /only planners and area leaders/,
  };
}

function expectReview(actor: Actor, taskId: string): Expected {
  if (actor.role === "ANONYMOUS")
    return { allowed: false, code: "UNAUTHENTICATED", rule: "anonymous users cannot review", message: /sign in/ };
  if (actor === author)
    return { allowed: false, code: "FORBIDDEN", rule: "nobody reviews their own report", message: /own report/ };
  if (actor.role === "PLANNER") return { allowed: true };
  if (actor.role === "DEPARTMENT" && leadsOf.get(taskId)!.has(actor.departmentId!)) return { allowed: true };
  return {
    allowed: false,
    code: "FORBIDDEN",
    rule: `only planners and the lead department of ${taskId} review it`,
    message: new RegExp(`lead department of task ${escape(taskId)}`),
  };
}

beforeAll(async () => {
  const s = await testServer();
  const planner = await createPlanner("matrix-planner");
  const mk = async (
    label: string,
    role: Role,
    input: { placeIds?: string[]; departmentId?: string } = {},
  ): Promise<Actor> => ({
    label,
    role,
    account:
      role === "ANONYMOUS"
        ? null
        : role === "PLANNER"
          ? await createPlanner("matrix-planner")
          : await createUser(planner, { role, ...input }),
    placeIds: input.placeIds ?? [],
    departmentId: input.departmentId ?? null,
  });
  author = { label: "report author (planner)", role: "PLANNER", account: planner, placeIds: [], departmentId: null };
  actors = [
    { label: "anonymous", role: "ANONYMOUS", account: null, placeIds: [], departmentId: null },
    await mk("viewer", "VIEWER"),
    author,
    await mk("another planner", "PLANNER"),
    await mk("area leader of gujiao", "AREA_LEADER", { placeIds: ["gujiao"] }),
    await mk("area leader of qingxu", "AREA_LEADER", { placeIds: ["qingxu"] }),
    await mk("area leader of xiaodian", "AREA_LEADER", { placeIds: ["xiaodian"] }),
    await mk("area leader of loufan and wanbailin", "AREA_LEADER", { placeIds: ["loufan", "wanbailin"] }),
    await mk("area leader of taiyuan", "AREA_LEADER", { placeIds: ["taiyuan"] }),
    await mk("gujiao government", "DEPARTMENT", { departmentId: "gujiao-government" }),
    await mk("commerce bureau", "DEPARTMENT", { departmentId: "city-commerce-bureau" }),
    await mk("finance bureau", "DEPARTMENT", { departmentId: "city-finance-bureau" }),
    await mk("wusu bonded zone committee", "DEPARTMENT", { departmentId: "wusu-bonded-zone-committee" }),
  ];

  const places = await s.gql(`{ places { id containedIn { id } obligations { task { id } } } }`);
  for (const p of places.body.data.places as {
    id: string;
    containedIn: { id: string }[];
    obligations: { task: { id: string } }[];
  }[]) {
    obligationsOf.set(p.id, new Set(p.obligations.map((o) => o.task.id)));
    containersOf.set(p.id, new Set(p.containedIn.map((c) => c.id)));
  }
  const tasks = await s.gql(
    `{ tasks(filter: { planId: "taiyuan-2013-30" }, first: 100) { nodes { id leadDepartments { id } } } }`,
  );
  for (const t of tasks.body.data.tasks.nodes as { id: string; leadDepartments: { id: string }[] }[])
    leadsOf.set(t.id, new Set(t.leadDepartments.map((d) => d.id)));
  allTasks = [...leadsOf.keys()];
  const ind = await s.gql(`{ indicators { id } }`);
  indicators = ind.body.data.indicators.map((i: { id: string }) => i.id);
  expect(allTasks.length).toBeGreaterThanOrEqual(79);
  expect(indicators.length).toBeGreaterThan(0);
});

const actorArb = () => fc.integer({ min: 0, max: 1000 }).map((i) => actors[i % actors.length]);
const taskArb = () =>
  fc.oneof(
    fc.constantFrom(...INTERESTING_TASKS),
    fc.integer({ min: 0, max: 1000 }).map((i) => allTasks[i % allTasks.length]),
  );

interface Outcome {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Runs a mutation as the actor; checks the outcome against the oracle and the tables against their fingerprint. */
async function check(
  actor: Actor,
  expected: Expected,
  what: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<boolean> {
  const s = await testServer();
  const before = await fingerprint();
  const r = await s.gql(query, variables, actor.account?.auth ?? {});
  const body = r.body as Outcome;
  expect(r.status, what).toBeLessThan(500);
  if (expected.allowed) {
    expect(body.errors, `${what} should be allowed: ${JSON.stringify(body.errors)}`).toBeUndefined();
    expect(await fingerprint(), `${what} should have written`).not.toEqual(before);
    return true;
  }
  expect(body.errors?.[0]?.extensions?.code, `${what} should be refused: ${expected.rule}`).toBe(expected.code);
  expect(body.errors?.[0]?.message, `${what}: the message states the rule (${expected.rule})`).toMatch(
    expected.message,
  );
  expect(await fingerprint(), `${what} was refused and must write nothing`).toEqual(before);
  return false;
}

/**
 * The matrix samples actors and tasks with a fixed seed, so each run checks the same cases and the
 * "some allowed, some refused" floors below cannot fail by the luck of a draw (80 uniform draws of
 * the review matrix could hold fewer than 6 allowed: one actor in 13 is another planner).
 * FC_SEED=<n> explores other samples.
 */
const MATRIX_SEED = Number(process.env.FC_SEED ?? 20130716);

describe("permission matrix", () => {
  it("reportProgress: allowed exactly where the API's obligations and lead departments say", async () => {
    const seen = { allowed: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(actorArb(), taskArb(), fc.constantFrom(...PLACE_CHOICES), async (actor, taskId, placeId) => {
        const ok = await check(
          actor,
          expectReport(actor, taskId, placeId),
          `${actor.label} reporting on ${taskId}${placeId ? ` for ${placeId}` : ""}`,
          `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id task { id } review } }`,
          { input: { taskId, placeId, status: "IN_PROGRESS", progress: 10, note: "matrix" } },
        );
        seen[ok ? "allowed" : "refused"]++;
      }),
      { numRuns: 150, seed: MATRIX_SEED },
    );
    // v2 refuses leaders without a place and reports on places that do not carry the task: fewer cases pass
    expect(seen.allowed).toBeGreaterThan(5);
    expect(seen.refused).toBeGreaterThan(10);
  });

  it("recordIndicatorValue: planners anywhere, area leaders in their places and the places inside them", async () => {
    const seen = { allowed: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(
        actorArb(),
        fc.constantFrom(...PLACE_CHOICES.filter((p): p is string => p !== null)),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 2013, max: 2015 }),
        async (actor, placeId, i, year) => {
          const ok = await check(
            actor,
            expectValue(actor, placeId),
            `${actor.label} recording a value for ${placeId}`,
            `mutation($input: IndicatorValueInput!) { recordIndicatorValue(input: $input) { year value } }`,
            {
              input: {
                indicatorId: indicators[i % indicators.length],
                placeId,
                year,
                value: 42.5,
                source: "matrix test",
              },
            },
          );
          seen[ok ? "allowed" : "refused"]++;
        },
      ),
      { numRuns: 80, seed: MATRIX_SEED },
    );
    expect(seen.allowed).toBeGreaterThan(5);
    expect(seen.refused).toBeGreaterThan(5);
  });

  it("reviewReport: planners other than the author, and the task's lead department", async () => {
    const s = await testServer();
    const seen = { allowed: 0, refused: 0 };
    await fc.assert(
      // half the draws from those who may review (only one of the 13 actors is another planner)
      fc.asyncProperty(
        fc.oneof(
          actorArb(),
          fc.constantFrom(...actors.filter((x) => x !== author && (x.role === "PLANNER" || x.role === "DEPARTMENT"))),
        ),
        taskArb(),
        async (actor, taskId) => {
          const report = await s.gql(
            `mutation($t: ID!) { reportProgress(input: { taskId: $t, status: AT_RISK, progress: 5, note: "to be reviewed" }) { id } }`,
            { t: taskId },
            author.account!.auth,
          );
          const id = report.body.data.reportProgress.id;
          // RETURN, so the matrix never changes a task's status for other tests
          const ok = await check(
            actor,
            expectReview(actor, taskId),
            `${actor.label} reviewing a report on ${taskId}`,
            `mutation($id: ID!) { reviewReport(id: $id, decision: RETURN, note: "matrix") { review } }`,
            { id },
          );
          seen[ok ? "allowed" : "refused"]++;
        },
      ),
      { numRuns: 80, seed: MATRIX_SEED },
    );
    expect(seen.allowed).toBeGreaterThan(5);
    expect(seen.refused).toBeGreaterThan(5);
  });
});
