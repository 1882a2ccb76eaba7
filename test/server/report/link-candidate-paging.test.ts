/**
 * Query.linkCandidates a page at a time, on both paths (the SQL executor and the resolvers, its
 * reference): a task–place pair may hold several links, one per role (task_place's key is
 * (task_id, place_id, role)), and two of them can be uncertain at once (an uncertain SUBJECT and a
 * MENTION). The cursor must tell them apart: paging through with any `first` gives every candidate
 * exactly once, in the order of one big page; a cursor of the four-element form issued before the
 * role was in it still pages, from the first role of its pair.
 */
import { randomUUID } from "node:crypto";
import { execute, parse } from "graphql";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { SessionUser } from "../../../server/src/core/actor.ts";
import type { AppError } from "../../../server/src/core/errors.ts";
import { ListBudget } from "../../../server/src/core/list-budget.ts";
import { encodeCursor } from "../../../server/src/core/paging.ts";
import type { Db } from "../../../server/src/db/database.ts";
import { createContext } from "../../../server/src/graphql/context.ts";
import { LIMITS } from "../../../server/src/graphql/limits.ts";
import { getSchema } from "../../../server/src/graphql/schema.ts";
import { executeInSql } from "../../../server/src/graphql/sql-executor.ts";
import { inRolledBack, silentLogger } from "../../support/db.ts";
import { insertSyntheticPlanner } from "../../support/synthetic.ts";

const PAGE = `query($first: Int, $after: String) {
  linkCandidates(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { role curated evidence { start end text } task { id } place { id } }
  }
}`;

interface Candidate {
  role: string;
  task: { id: string };
  place: { id: string };
}
interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: Candidate[];
}
type Answer = { data: Page | null; errors: { code: unknown; message: string }[] };
type Path = (trx: Db, variables: Record<string, unknown>) => Promise<Answer>;

const key = (c: Candidate) => `${c.task.id}|${c.place.id}|${c.role}`;

/** The resolvers' answer (SQL_EXECUTOR=false answers every operation so). */
function resolvers(planner: SessionUser): Path {
  return async (trx, variables) => {
    const contextValue = createContext({
      db: trx,
      user: planner,
      tokenHash: null,
      requestId: "link-candidate-paging",
      clientAddress: "127.0.0.1",
      log: silentLogger,
      sessionTtlSeconds: 0,
      secureCookies: false,
    });
    const r = await execute({
      schema: await getSchema(),
      document: parse(PAGE),
      variableValues: variables,
      contextValue,
    });
    const data = JSON.parse(JSON.stringify(r.data ?? null)) as { linkCandidates: Page } | null;
    return {
      data: data?.linkCandidates ?? null,
      // the code Apollo sends as extensions.code (formatError: the AppError's)
      errors: (r.errors ?? []).map((e) => ({
        code: (e.originalError as AppError | undefined)?.code ?? e.extensions?.code,
        message: e.message,
      })),
    };
  };
}

/**
 * The SQL executor's answer, as Apollo gives it to a signed-in planner: the executor's when it takes
 * the request (`taken` counts those), else the resolvers' (a refusal is theirs to give).
 */
function executor(planner: SessionUser, taken: { n: number }): Path {
  const fallback = resolvers(planner);
  return async (trx, variables) => {
    const r = await executeInSql({
      schema: await getSchema(),
      document: parse(PAGE),
      variables,
      db: trx,
      viewer: planner,
      budget: new ListBudget(LIMITS.maxListItems),
    });
    if (!r) return fallback(trx, variables);
    taken.n++;
    return { data: (r.data as { linkCandidates: Page }).linkCandidates, errors: [] };
  };
}

async function pageOf(path: Path, trx: Db, first: number, after: string | null): Promise<Page> {
  const r = await path(trx, { first, after });
  expect(r.errors).toEqual([]);
  return r.data!;
}

/** Every candidate through `path`, `first` at a time, following endCursor. */
async function pageThrough(path: Path, trx: Db, first: number): Promise<Candidate[]> {
  const seen: Candidate[] = [];
  let after: string | null = null;
  for (let i = 0; i < 200; i++) {
    const page = await pageOf(path, trx, first, after);
    seen.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return seen;
    expect(page.nodes).toHaveLength(first);
    after = page.pageInfo.endCursor;
  }
  throw new Error("more than 200 pages");
}

/** The cursor's key (its elements after the ordering's name). */
function keyOf(cursor: string): unknown[] {
  return (JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[]).slice(1);
}

/** Runs `body` in a transaction rolled back after it, with a planner of its own and both paths (the executor's answers counted in `taken`). */
async function rolledBack(
  body: (trx: Db, paths: [string, Path][], taken: { n: number }) => Promise<void>,
): Promise<void> {
  await inRolledBack(async (trx) => {
    const planner = await insertSyntheticPlanner(trx, `link-paging-${randomUUID().slice(0, 8)}`);
    const taken = { n: 0 };
    await body(
      trx,
      [
        ["executor", executor(planner, taken)],
        ["resolvers", resolvers(planner)],
      ],
      taken,
    );
  });
}

/** A MENTION beside a task–place pair's SUBJECT link, with the same evidence: the pair then has two uncertain links. */
async function addMention(trx: Db, c: { task: { id: string }; place: { id: string } }): Promise<void> {
  await sql`insert into task_place (task_id, place_id, role, evidence_start, evidence_end, curated)
    select task_id, place_id, 'MENTION', evidence_start, evidence_end, false from task_place
    where task_id = ${c.task.id} and place_id = ${c.place.id} and role = 'SUBJECT'`.execute(trx);
}

describe("Query.linkCandidates paged, with two uncertain roles of one task–place pair", () => {
  it("gives every candidate once, in the one big page's order, with first 1, 2 and 3, on both paths", async () => {
    await rolledBack(async (trx, paths, taken) => {
      // a MENTION beside two uncertain SUBJECT links (a short form or collective expression)
      const before = await pageOf(paths[1][1], trx, 100, null);
      const subjects = before.nodes.filter((c) => c.role === "SUBJECT");
      const twins = [subjects[0], subjects[subjects.length - 1]];
      expect(new Set(twins.map(key)).size).toBe(2);
      for (const c of twins) await addMention(trx, c);

      const all = await pageOf(paths[1][1], trx, 100, null);
      expect(all.pageInfo.hasNextPage).toBe(false);
      expect(all.totalCount).toBe(before.totalCount + 2);
      expect(all.nodes).toHaveLength(all.totalCount);
      expect(new Set(all.nodes.map(key)).size).toBe(all.nodes.length);
      for (const c of twins) {
        const pair = all.nodes.filter((n) => n.task.id === c.task.id && n.place.id === c.place.id);
        // side by side, SUBJECT first: the order of every place link list (roleOrder)
        expect(pair.map((n) => n.role)).toEqual(["SUBJECT", "MENTION"]);
        const at = all.nodes.indexOf(pair[0]);
        expect(all.nodes[at + 1]).toBe(pair[1]);
      }
      expect(await pageOf(paths[0][1], trx, 100, null)).toEqual(all);

      for (const [name, path] of paths)
        for (const first of [1, 2, 3]) {
          const seen = await pageThrough(path, trx, first);
          expect(seen.map(key), `${name}, first: ${first}`).toEqual(all.nodes.map(key));
          expect(seen, `${name}, first: ${first}`).toEqual(all.nodes);
        }
      // the executor answered every page itself: the big one, then n, ⌈n/2⌉ and ⌈n/3⌉ pages
      const n = all.nodes.length;
      expect(taken.n).toBe(1 + n + Math.ceil(n / 2) + Math.ceil(n / 3));
    });
  });

  it("pages on from a cursor without the role (issued before it was in the key) from its pair's first role, on both paths; refuses an unknown role", async () => {
    await rolledBack(async (trx, paths, taken) => {
      const subject = (await pageOf(paths[1][1], trx, 100, null)).nodes.find((c) => c.role === "SUBJECT")!;
      await addMention(trx, subject);
      const all = await pageOf(paths[1][1], trx, 100, null);
      const at = all.nodes.findIndex((c) => key(c) === key(subject));
      // the page that ends on the pair's second link (MENTION): its cursor names the pair and the role
      const upTo = await pageOf(paths[1][1], trx, at + 2, null);
      expect(upTo.nodes.at(-1)).toMatchObject({ role: "MENTION", task: subject.task, place: subject.place });
      const cursor = keyOf(upTo.pageInfo.endCursor!);
      expect(cursor).toHaveLength(5);
      expect(cursor[4]).toBe("MENTION");
      const old = encodeCursor("linkCandidates", cursor.slice(0, 4) as (string | number)[]);
      const forged = encodeCursor("linkCandidates", [...(cursor.slice(0, 4) as (string | number)[]), "NOT_A_ROLE"]);
      for (const [name, path] of paths) {
        const next = await pageOf(path, trx, 3, upTo.pageInfo.endCursor);
        expect(next.nodes, name).toEqual(all.nodes.slice(at + 2, at + 5));
        // an old cursor: before every role of its pair, so nothing after it is skipped
        const fromOld = await pageOf(path, trx, 3, old);
        expect(fromOld.nodes, name).toEqual(all.nodes.slice(at, at + 3));
        const refused = await path(trx, { first: 3, after: forged });
        expect(refused.data, name).toBeNull();
        expect(
          refused.errors.map((e) => e.code),
          name,
        ).toEqual(["BAD_USER_INPUT"]);
      }
      expect(taken.n).toBe(2);
    });
  });
});
