/**
 * Issue 17's stories, end to end through the API: a leader's approved report changes only its
 * own place's obligation; the shared task rolls up by the contract's rule; a report dated 2014
 * and filed today shows at a 2014 asOf and not before its date; an assessment is computed,
 * finalized, and stays frozen after a later report while the live status shows it; anonymous
 * users and viewers see no pending report and no author. This file owns reform-14, safeguard-1,
 * reform-15, matter-16 and matter-39 in Gujiao, Qingxu, Jiancaoping and Xiaodian: no other test
 * approves reports on those obligations.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { testServer } from "../../support/server.ts";
import { taiyuanDay } from "../../support/taiyuan-day.ts";
import { createPlanner, createUser, type Account } from "../report/accounts.ts";
import { fingerprint } from "../report/db-state.ts";

let planner: Account;
let reviewer: Account;
let gujiaoLeader: Account;
let viewer: Account;

interface Answer {
  data?: any;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function gql(
  query: string,
  variables: Record<string, unknown> = {},
  who: Account | null = null,
): Promise<Answer> {
  const s = await testServer();
  const r = await s.gql(query, variables, who?.auth ?? {});
  return r.body as Answer;
}

async function ok(query: string, variables: Record<string, unknown> = {}, who: Account | null = null): Promise<any> {
  const r = await gql(query, variables, who);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data;
}

const REPORT = `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id asOf review } }`;

/** Files a report as `who` and has the planner-reviewer approve it; returns its id. */
async function approved(who: Account, input: Record<string, unknown>): Promise<string> {
  const id = (await ok(REPORT, { input: { note: "story", ...input } }, who)).reportProgress.id as string;
  await ok(`mutation($id: ID!) { reviewReport(id: $id, decision: APPROVE) { review } }`, { id }, reviewer);
  return id;
}

async function obligationState(
  taskId: string,
  placeId: string,
  asOf?: string,
): Promise<{ status: string; progress: number | null }> {
  const d = await ok(`query($f: ObligationFilter) { obligations(filter: $f) { nodes { id status progress } } }`, {
    f: { taskIds: [taskId], placeIds: [placeId], includeContained: false, ...(asOf ? { asOf } : {}) },
  });
  expect(d.obligations.nodes.map((n: { id: string }) => n.id)).toEqual([`${taskId}@${placeId}`]);
  const { status, progress } = d.obligations.nodes[0];
  return { status, progress };
}

/** The contract's roll-up, computed from the obligations one by one: the oracle for Task.status/progress. */
function rollUp(obligations: { status: string; progress: number | null; reported: boolean }[]): {
  status: string;
  progress: number | null;
} {
  const statuses = obligations.map((o) => o.status);
  const status =
    statuses.length && statuses.every((s) => s === "COMPLETED")
      ? "COMPLETED"
      : statuses.includes("DELAYED")
        ? "DELAYED"
        : statuses.includes("AT_RISK")
          ? "AT_RISK"
          : statuses.some((s) => s !== "NOT_STARTED")
            ? "IN_PROGRESS"
            : "NOT_STARTED";
  const progress = obligations.some((o) => o.reported)
    ? obligations.reduce((a, o) => a + (o.progress ?? 0), 0) / obligations.length
    : null;
  return { status, progress };
}

beforeAll(async () => {
  planner = await createPlanner("stories-planner");
  reviewer = await createPlanner("stories-reviewer");
  gujiaoLeader = await createUser(planner, { role: "AREA_LEADER", placeIds: ["gujiao"] }, "gujiao-leader");
  viewer = await createUser(planner, { role: "VIEWER" }, "stories-viewer");
  await approved(gujiaoLeader, { taskId: "reform-14", placeId: "gujiao", status: "COMPLETED", progress: 100 });
  await approved(gujiaoLeader, { taskId: "safeguard-1", placeId: "gujiao", status: "DELAYED", progress: 20 });
});

describe("a leader's approved report changes only its own place's obligation", () => {
  it("reform-14: Gujiao is COMPLETED, Qingxu and Jiancaoping stay NOT_STARTED", async () => {
    expect(await obligationState("reform-14", "gujiao")).toEqual({ status: "COMPLETED", progress: 100 });
    expect(await obligationState("reform-14", "qingxu")).toEqual({ status: "NOT_STARTED", progress: null });
    expect(await obligationState("reform-14", "jiancaoping")).toEqual({ status: "NOT_STARTED", progress: null });
  });

  it("Qingxu's own obligations do not take Gujiao's progress", async () => {
    const d = await ok(`{ place(id: "qingxu") { obligations { id task { id } status progress } } }`);
    const mine = d.place.obligations.find((o: { task: { id: string } }) => o.task.id === "reform-14");
    expect(mine).toEqual({ id: "reform-14@qingxu", task: { id: "reform-14" }, status: "NOT_STARTED", progress: null });
  });

  it("safeguard-1: Gujiao's DELAYED does not recolour any other place", async () => {
    const d = await ok(`{ task(id: "safeguard-1") { obligations { id status place { id } } } }`);
    const others = d.task.obligations.filter((o: { place: { id: string } }) => o.place.id !== "gujiao");
    expect(others.length).toBeGreaterThanOrEqual(15);
    expect(d.task.obligations.find((o: { place: { id: string } }) => o.place.id === "gujiao").status).toBe("DELAYED");
    for (const o of others) expect(o.status, o.id).not.toBe("DELAYED");
  });

  it("the status filter with a place filter uses the place's own status", async () => {
    const completedIn = async (placeId: string) =>
      (
        await ok(`query($f: TaskFilter) { tasks(filter: $f, first: 100) { nodes { id } } }`, {
          f: { statuses: ["COMPLETED"], spatial: { placeIds: [placeId] } },
        })
      ).tasks.nodes.map((n: { id: string }) => n.id);
    expect(await completedIn("gujiao")).toContain("reform-14");
    expect(await completedIn("qingxu")).not.toContain("reform-14");
  });

  it("the exports show each place's own status", async () => {
    const s = await testServer();
    const geo = await fetch(`${s.url}/export/tasks.geojson?placeIds=gujiao,qingxu&includeContained=false`).then((r) =>
      r.json(),
    );
    const statusOf = (placeId: string) =>
      geo.features.find(
        (f: { properties: { taskId: string; placeId: string } }) =>
          f.properties.taskId === "reform-14" && f.properties.placeId === placeId,
      ).properties.status;
    expect(statusOf("gujiao")).toBe("COMPLETED");
    expect(statusOf("qingxu")).toBe("NOT_STARTED");
    const csv = async (placeId: string) =>
      (await fetch(`${s.url}/export/obligations/${placeId}.csv`).then((r) => r.text())).split("\r\n");
    const row = (lines: string[], taskId: string) => lines.find((l) => l.startsWith(`${taskId},`))!;
    const [header] = await csv("qingxu");
    const statusColumn = header
      .replace(/^\uFEFF/, "")
      .split(",")
      .indexOf("status");
    expect(header).toMatch(/,as_of$/);
    expect(row(await csv("gujiao"), "reform-14").split(",")).toContain("COMPLETED");
    expect(row(await csv("qingxu"), "reform-14").split(",")[statusColumn]).toBe("NOT_STARTED");
  });
});

describe("the shared task's roll-up", () => {
  it("reform-14 is what its obligations say by the contract's rule: IN_PROGRESS, the mean with unreported ones at 0", async () => {
    const d = await ok(
      `{ task(id: "reform-14") { status progress obligations { id status progress reports { totalCount } } } }`,
    );
    const obligations = d.task.obligations.map(
      (o: { status: string; progress: number | null; reports: { totalCount: number } }) => ({
        ...o,
        reported: o.reports.totalCount > 0,
      }),
    );
    expect(d.task.obligations.map((o: { id: string }) => o.id).sort()).toEqual([
      "reform-14@gujiao",
      "reform-14@jiancaoping",
      "reform-14@qingxu",
      "reform-14@taiyuan",
    ]);
    expect(d.task.status).toBe("IN_PROGRESS");
    expect(d.task.progress).toBe(25);
    expect({ status: d.task.status, progress: d.task.progress }).toEqual(rollUp(obligations));
  });

  it("safeguard-1 is DELAYED because one obligation is", async () => {
    const d = await ok(`{ task(id: "safeguard-1") { status } }`);
    expect(d.task.status).toBe("DELAYED");
  });
});

describe("dated reports", () => {
  let reportId: string;
  beforeAll(async () => {
    reportId = await approved(gujiaoLeader, {
      taskId: "reform-15",
      placeId: "gujiao",
      status: "IN_PROGRESS",
      progress: 60,
      asOf: "2014-03-01",
    });
  });

  it("keeps the described date apart from the filing date", async () => {
    const d = await ok(`{ task(id: "reform-15") { obligations { id reports { nodes { id asOf createdAt } } } } }`);
    const report = d.task.obligations
      .find((o: { id: string }) => o.id === "reform-15@gujiao")
      .reports.nodes.find((r: { id: string }) => r.id === reportId);
    expect(report.asOf).toBe("2014-03-01");
    expect(new Date(report.createdAt).getUTCFullYear()).toBeGreaterThan(2014);
  });

  it("shows at a 2014 asOf, and not before its date", async () => {
    expect(await obligationState("reform-15", "gujiao", "2014-02-28T12:00:00+08:00")).toEqual({
      status: "NOT_STARTED",
      progress: null,
    });
    expect(await obligationState("reform-15", "gujiao", "2014-03-01T00:00:00+08:00")).toEqual({
      status: "IN_PROGRESS",
      progress: 60,
    });
    expect(await obligationState("reform-15", "gujiao", "2014-06-30T00:00:00+08:00")).toEqual({
      status: "IN_PROGRESS",
      progress: 60,
    });
  });

  it("refuses a date in the future or before the plan began, writing nothing", async () => {
    for (const [asOf, message] of [
      ["2999-01-01", /asOf 2999-01-01 is in the future/],
      ["2012-12-31", /asOf 2012-12-31 is before the plan began \(2013-01-01\)/],
    ] as const) {
      const before = await fingerprint();
      const r = await gql(
        REPORT,
        { input: { taskId: "reform-15", placeId: "gujiao", status: "IN_PROGRESS", note: "dated", asOf } },
        gujiaoLeader,
      );
      expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(r.errors?.[0]?.message).toMatch(message);
      expect(await fingerprint()).toEqual(before);
    }
    const bad = await gql(
      REPORT,
      { input: { taskId: "reform-15", placeId: "gujiao", status: "IN_PROGRESS", note: "dated", asOf: "2014-02-30" } },
      gujiaoLeader,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("takes as_of from the CSV upload, and files rows without it as of today", async () => {
    const csv =
      "task_id,new_status,new_progress,note,as_of\r\nmatter-39,IN_PROGRESS,30,from the sheet,2014-09-30\r\npilot-counties,IN_PROGRESS,10,no date,\r\nreform-14,IN_PROGRESS,10,too early,2012-05-01\r\n";
    const d = await ok(
      `mutation($c: String!) { importReports(content: $c, placeId: "gujiao", dryRun: false) { filed refused rows { row taskId problem } } }`,
      { c: csv },
      gujiaoLeader,
    );
    expect(d.importReports.refused).toBe(1);
    expect(d.importReports.rows[2].problem).toMatch(/before the plan began/);
    const reports = await ok(
      `{ task(id: "matter-39") { obligations { id reports { nodes { asOf note } } } } }`,
      {},
      gujiaoLeader,
    );
    const mine = reports.task.obligations.find((o: { id: string }) => o.id === "matter-39@gujiao").reports.nodes;
    expect(mine).toContainEqual({ asOf: "2014-09-30", note: "from the sheet" });
    const old = await ok(
      `{ task(id: "pilot-counties") { obligations { id reports { nodes { asOf note } } } } }`,
      {},
      gujiaoLeader,
    );
    const today = taiyuanDay();
    expect(
      old.task.obligations.find((o: { id: string }) => o.id === "pilot-counties@gujiao").reports.nodes,
    ).toContainEqual({ asOf: today, note: "no date" });
  });
});

describe("who may report on what", () => {
  it("an area leader must name one of their places", async () => {
    const before = await fingerprint();
    const r = await gql(
      REPORT,
      { input: { taskId: "reform-14", status: "IN_PROGRESS", note: "whole task" } },
      gujiaoLeader,
    );
    expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(r.errors?.[0]?.message).toMatch(/area leaders must name one of their places/);
    const other = await gql(
      REPORT,
      { input: { taskId: "reform-14", placeId: "qingxu", status: "IN_PROGRESS", note: "not mine" } },
      gujiaoLeader,
    );
    expect(other.errors?.[0]?.message).toMatch(/qingxu is not one of your places/);
    expect(await fingerprint()).toEqual(before);
  });
});

describe("privacy", () => {
  let pendingId: string;
  beforeAll(async () => {
    pendingId = (
      await ok(
        REPORT,
        { input: { taskId: "matter-16", placeId: "gujiao", status: "AT_RISK", progress: 5, note: "not reviewed yet" } },
        gujiaoLeader,
      )
    ).reportProgress.id;
  });

  const READ = `{ task(id: "matter-16") { reports(first: 100) { nodes { id review author { username } } } obligations { id reports(first: 100) { nodes { id review author { username } } } } } }`;
  const ids = (d: any) => [
    ...d.task.reports.nodes.map((n: { id: string }) => n.id),
    ...d.task.obligations.flatMap((o: { reports: { nodes: { id: string }[] } }) => o.reports.nodes.map((n) => n.id)),
  ];

  it("anonymous users and viewers see no pending report and no author", async () => {
    for (const who of [null, viewer]) {
      const d = await ok(READ, {}, who);
      expect(ids(d)).not.toContain(pendingId);
      const nodes = [
        ...d.task.reports.nodes,
        ...d.task.obligations.flatMap((o: { reports: { nodes: unknown[] } }) => o.reports.nodes),
      ];
      for (const n of nodes) expect(n).toMatchObject({ review: "APPROVED", author: null });
    }
  });

  it("the author, reviewers and planners see it, with its author", async () => {
    for (const who of [gujiaoLeader, reviewer]) {
      const d = await ok(READ, {}, who);
      expect(ids(d)).toContain(pendingId);
      const node = d.task.reports.nodes.find((n: { id: string }) => n.id === pendingId);
      expect(node.author.username).toBe(gujiaoLeader.username);
    }
  });
});

describe("annual targets and the assessment", () => {
  const ASSESS = `query($y: Int!, $p: [ID!]) { assessment(year: $y, placeIds: $p) { place { id } year obligations due met metLate delayed notReported score finalizedAt finalizedBy { username } note } }`;
  const TARGETS = `mutation($t: ID!, $p: ID!, $targets: [YearTargetInput!]!) { setObligationTargets(taskId: $t, placeId: $p, targets: $targets) { id dueYear targets { year progress } } }`;

  it("validates targets: planners only, within the period, never going down", async () => {
    const refused = [
      [gujiaoLeader, [{ year: 2014, progress: 50 }], "FORBIDDEN", /only planners/],
      [planner, [{ year: 2016, progress: 50 }], "BAD_USER_INPUT", /outside the plan's period 2013-2015/],
      [
        planner,
        [
          { year: 2014, progress: 60 },
          { year: 2015, progress: 40 },
        ],
        "BAD_USER_INPUT",
        /targets never go down/,
      ],
      [planner, [{ year: 2014, progress: 101 }], "BAD_USER_INPUT", /between 0 and 100/],
    ] as const;
    for (const [who, targets, code, message] of refused) {
      const r = await gql(TARGETS, { t: "matter-16", p: "gujiao", targets }, who);
      expect(r.errors?.[0]?.extensions?.code, JSON.stringify(targets)).toBe(code);
      expect(r.errors?.[0]?.message).toMatch(message);
    }
    const r = await gql(TARGETS, { t: "reform-15", p: "qingxu", targets: [] }, planner);
    expect(r.errors?.[0]?.message).toMatch(/task reform-15 is not an obligation of qingxu/);
  });

  it("is computed, finalized, and stays frozen after a later report while the live status shows it", async () => {
    const before = (await ok(ASSESS, { y: 2014, p: ["gujiao"] })).assessment[0];
    expect(before).toMatchObject({ place: { id: "gujiao" }, year: 2014, finalizedAt: null, finalizedBy: null });
    const set = await ok(
      TARGETS,
      {
        t: "matter-16",
        p: "gujiao",
        targets: [
          { year: 2015, progress: 100 },
          { year: 2014, progress: 50 },
        ],
      },
      planner,
    );
    expect(set.setObligationTargets).toEqual({
      id: "matter-16@gujiao",
      dueYear: 2015,
      targets: [
        { year: 2014, progress: 50 },
        { year: 2015, progress: 100 },
      ],
    });
    await approved(gujiaoLeader, {
      taskId: "matter-16",
      placeId: "gujiao",
      status: "IN_PROGRESS",
      progress: 30,
      asOf: "2014-05-01",
    });

    const behind = await ok(`query($f: ObligationFilter) { obligations(filter: $f) { nodes { id } } }`, {
      f: { placeIds: ["gujiao"], behindTarget: true, asOf: "2014-12-31T12:00:00+08:00" },
    });
    expect(behind.obligations.nodes.map((n: { id: string }) => n.id)).toContain("matter-16@gujiao");

    const live = (await ok(ASSESS, { y: 2014, p: ["gujiao"] })).assessment[0];
    expect(live.due).toBe(before.due + 1);
    expect(live.met).toBe(before.met);
    expect(live.notReported).toBe(before.notReported);
    expect(live.score).toBe(live.due ? Math.round((live.met / live.due) * 1000) / 1000 : null);

    const notMine = await gql(
      `mutation { finalizeAssessment(year: 2014, placeId: "gujiao") { year } }`,
      {},
      gujiaoLeader,
    );
    expect(notMine.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const fin = await ok(
      `mutation { finalizeAssessment(year: 2014, placeId: "gujiao", note: "closed") { due met finalizedAt finalizedBy { username } note } }`,
      {},
      planner,
    );
    expect(fin.finalizeAssessment).toMatchObject({
      due: live.due,
      met: live.met,
      note: "closed",
      finalizedBy: { username: planner.username },
    });
    expect(fin.finalizeAssessment.finalizedAt).not.toBeNull();
    const again = await gql(`mutation { finalizeAssessment(year: 2014, placeId: "gujiao") { year } }`, {}, planner);
    expect(again.errors?.[0]?.extensions?.code).toBe("CONFLICT");

    // a later report, dated within 2014, meets the target: the live status shows it, the finalized row does not
    await approved(gujiaoLeader, {
      taskId: "matter-16",
      placeId: "gujiao",
      status: "IN_PROGRESS",
      progress: 60,
      asOf: "2014-12-20",
    });
    expect(await obligationState("matter-16", "gujiao")).toEqual({ status: "IN_PROGRESS", progress: 60 });
    const frozen = (await ok(ASSESS, { y: 2014, p: ["gujiao"] })).assessment[0];
    expect(frozen).toMatchObject({
      due: live.due,
      met: live.met,
      notReported: live.notReported,
      finalizedBy: { username: planner.username },
      note: "closed",
    });
  });

  it("reports a met-late obligation: reached after the year's end", async () => {
    await ok(TARGETS, { t: "matter-39", p: "gujiao", targets: [{ year: 2013, progress: 50 }] }, planner);
    const before = (await ok(ASSESS, { y: 2013, p: ["gujiao"] })).assessment[0];
    await approved(gujiaoLeader, {
      taskId: "matter-39",
      placeId: "gujiao",
      status: "AT_RISK",
      progress: 20,
      asOf: "2013-11-01",
    });
    await approved(gujiaoLeader, {
      taskId: "matter-39",
      placeId: "gujiao",
      status: "IN_PROGRESS",
      progress: 70,
      asOf: "2014-02-01",
    });
    const after = (await ok(ASSESS, { y: 2013, p: ["gujiao"] })).assessment[0];
    expect(after).toMatchObject({
      due: before.due,
      met: before.met,
      metLate: before.metLate + 1,
      delayed: before.delayed + 1,
      notReported: before.notReported - 1,
    });
  });

  it("lists every county-level unit and zone by default", async () => {
    const d = await ok(`{ assessment(year: 2015) { place { id kind } } }`);
    const ids = d.assessment.map((a: { place: { id: string } }) => a.place.id);
    expect(ids).toEqual(expect.arrayContaining(["gujiao", "qingxu", "xiaodian", "wusu-bonded-zone"]));
    expect(ids).not.toContain("taiyuan");
  });
});

describe("Query.obligations", () => {
  it("pages like tasks: no overlap, the same total, at most 100", async () => {
    const Q = `query($after: String) { obligations(filter: { placeIds: ["gujiao"] }, first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let i = 0; i < 20; i++) {
      const d: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: { id: string }[];
      } = (await ok(Q, { after })).obligations;
      total = d.totalCount;
      seen.push(...d.nodes.map((n: { id: string }) => n.id));
      if (!d.pageInfo.hasNextPage) break;
      after = d.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    expect(seen).toContain("reform-14@gujiao");
    const big = await gql(`{ obligations(first: 101) { totalCount } }`);
    expect(big.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("filters by own status: Gujiao's reform-14 is COMPLETED, Qingxu's is not", async () => {
    const Q = `query($f: ObligationFilter) { obligations(filter: $f, first: 100) { nodes { id } } }`;
    const ids = async (placeId: string) =>
      (await ok(Q, { f: { placeIds: [placeId], statuses: ["COMPLETED"] } })).obligations.nodes.map(
        (n: { id: string }) => n.id,
      );
    expect(await ids("gujiao")).toContain("reform-14@gujiao");
    expect(await ids("qingxu")).not.toContain("reform-14@qingxu");
  });
});
