/**
 * The planners' console on the API (issue 19): Query.users and Mutation.updateUser (who may,
 * what is refused and with which field, disabled accounts and reset passwords), notes on links,
 * and the linker's uncertain matches (Query.linkCandidates) with their confirmation or rejection,
 * obligations following the links.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { testServer, type TestServer } from "../../support/server.ts";
import { PASSWORD, createPlanner, createUser, uniqueName, type Account } from "./accounts.ts";

let s: TestServer;
let planner: Account;
let leader: Account;
let viewer: Account;

type Err = { message: string; extensions?: { code?: string; field?: string } };
const codeOf = (errors: Err[] | undefined) => errors?.[0]?.extensions?.code;
const fieldOf = (errors: Err[] | undefined) => errors?.[0]?.extensions?.field;

const UPDATE = `mutation($id: ID!, $input: UpdateUserInput!) {
  updateUser(id: $id, input: $input) { id username displayName role disabled places { id } department { id } }
}`;

async function update(actor: Account | null, id: string, input: Record<string, unknown>) {
  const r = await s.gql(UPDATE, { id, input }, actor?.auth);
  return r.body as {
    data?: {
      updateUser: {
        id: string;
        role: string;
        disabled: boolean;
        displayName: string;
        places: { id: string }[];
        department: { id: string } | null;
      };
    };
    errors?: Err[];
  };
}

async function signIn(username: string, password = PASSWORD) {
  const r = await s.gql(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, {
    u: username,
    p: password,
  });
  return r.body as { data?: { login: { token: string } }; errors?: Err[] };
}

async function me(token: string): Promise<string | null> {
  const r = await s.gql(`{ me { id } }`, {}, { authorization: `Bearer ${token}` });
  return r.body.data?.me?.id ?? null;
}

beforeAll(async () => {
  s = await testServer();
  planner = await createPlanner("console-planner");
  leader = await createUser(planner, { role: "AREA_LEADER", placeIds: ["gujiao"] });
  viewer = await createUser(planner, { role: "VIEWER" });
});

describe("Query.users", () => {
  it("lists every account with its role, places and disabled flag, for planners", async () => {
    const r = await s.gql(`{ users { id username role disabled places { id } } }`, {}, planner.auth);
    expect(r.body.errors).toBeUndefined();
    const users = r.body.data.users as {
      id: string;
      username: string;
      role: string;
      disabled: boolean;
      places: { id: string }[];
    }[];
    const mine = users.find((u) => u.id === leader.id);
    expect(mine).toMatchObject({
      username: leader.username,
      role: "AREA_LEADER",
      disabled: false,
      places: [{ id: "gujiao" }],
    });
    expect(users.map((u) => u.username)).toEqual([...users.map((u) => u.username)].sort());
  });

  it("is refused to anyone else", async () => {
    expect(codeOf((await s.gql(`{ users { id } }`)).body.errors)).toBe("UNAUTHENTICATED");
    expect(codeOf((await s.gql(`{ users { id } }`, {}, leader.auth)).body.errors)).toBe("FORBIDDEN");
    expect(codeOf((await s.gql(`{ users { id } }`, {}, viewer.auth)).body.errors)).toBe("FORBIDDEN");
  });
});

describe("Mutation.updateUser", () => {
  it("is for planners only, and says which user is unknown", async () => {
    expect(codeOf((await update(null, viewer.id, { displayName: "x" })).errors)).toBe("UNAUTHENTICATED");
    expect(codeOf((await update(leader, viewer.id, { displayName: "x" })).errors)).toBe("FORBIDDEN");
    expect(codeOf((await update(planner, "999999999", { displayName: "x" })).errors)).toBe("NOT_FOUND");
    expect(codeOf((await update(planner, "not-an-id", { displayName: "x" })).errors)).toBe("NOT_FOUND");
  });

  it("names the field of a refused input and changes nothing", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ role: "AREA_LEADER" }, "placeIds"],
      [{ role: "AREA_LEADER", placeIds: ["nowhere"] }, "placeIds"],
      [{ placeIds: ["gujiao"] }, "placeIds"],
      [{ role: "DEPARTMENT" }, "departmentId"],
      [{ role: "DEPARTMENT", departmentId: "no-such-department" }, "departmentId"],
      [{ password: "short" }, "password"],
      [{ displayName: "   " }, "displayName"],
    ];
    for (const [input, field] of cases) {
      const r = await update(planner, viewer.id, input);
      expect(codeOf(r.errors), JSON.stringify(input)).toBe("BAD_USER_INPUT");
      expect(fieldOf(r.errors), JSON.stringify(input)).toBe(field);
    }
    const users = (await s.gql(`{ users { id role places { id } } }`, {}, planner.auth)).body.data.users as {
      id: string;
      role: string;
      places: unknown[];
    }[];
    expect(users.find((u) => u.id === viewer.id)).toMatchObject({ role: "VIEWER", places: [] });
  });

  it("keeps a planner from disabling or demoting themselves", async () => {
    const off = await update(planner, planner.id, { disabled: true });
    expect(codeOf(off.errors)).toBe("BAD_USER_INPUT");
    expect(fieldOf(off.errors)).toBe("disabled");
    const demote = await update(planner, planner.id, { role: "VIEWER" });
    expect(codeOf(demote.errors)).toBe("BAD_USER_INPUT");
    expect(fieldOf(demote.errors)).toBe("role");
    expect(await me(planner.token)).toBe(planner.id);
  });

  it("assigns places to an area leader and a department to a department user; a new role drops the old assignment", async () => {
    const someone = await createUser(planner, { role: "VIEWER" }, "assign");
    const asLeader = await update(planner, someone.id, {
      role: "AREA_LEADER",
      placeIds: ["qingxu", "gujiao"],
      displayName: "清徐 leader",
    });
    expect(asLeader.errors).toBeUndefined();
    expect(asLeader.data!.updateUser).toMatchObject({
      role: "AREA_LEADER",
      displayName: "清徐 leader",
      department: null,
    });
    expect(asLeader.data!.updateUser.places.map((p) => p.id).sort()).toEqual(["gujiao", "qingxu"]);
    // the new assignment counts at once: the leader may now report for qingxu's obligations
    expect(
      (await s.gql(`{ me { places { id } } }`, {}, someone.auth)).body.data.me.places
        .map((p: { id: string }) => p.id)
        .sort(),
    ).toEqual(["gujiao", "qingxu"]);
    const departments = (await s.gql(`{ departments { id } }`)).body.data.departments as { id: string }[];
    const asDepartment = await update(planner, someone.id, { role: "DEPARTMENT", departmentId: departments[0].id });
    expect(asDepartment.errors).toBeUndefined();
    expect(asDepartment.data!.updateUser).toMatchObject({
      role: "DEPARTMENT",
      places: [],
      department: { id: departments[0].id },
    });
  });

  it("disables an account: it cannot sign in and its open sessions stop working, until enabled again", async () => {
    const someone = await createUser(planner, { role: "VIEWER" }, "disable");
    expect(await me(someone.token)).toBe(someone.id);
    const off = await update(planner, someone.id, { disabled: true });
    expect(off.errors).toBeUndefined();
    expect(off.data!.updateUser.disabled).toBe(true);
    expect(await me(someone.token)).toBeNull();
    const refused = await signIn(someone.username);
    expect(codeOf(refused.errors)).toBe("FORBIDDEN");
    // a wrong password is not told apart from an unknown user, disabled or not
    expect(codeOf((await signIn(someone.username, "wrong password!")).errors)).toBe("UNAUTHENTICATED");
    const on = await update(planner, someone.id, { disabled: false });
    expect(on.data!.updateUser.disabled).toBe(false);
    const again = await signIn(someone.username);
    expect(again.errors).toBeUndefined();
    expect(await me(again.data!.login.token)).toBe(someone.id);
  });

  it("resets a password: the old one no longer signs in, the new one does, and old sessions end", async () => {
    const someone = await createUser(planner, { role: "VIEWER" }, "reset");
    const fresh = "a brand new password";
    const r = await update(planner, someone.id, { password: fresh });
    expect(r.errors).toBeUndefined();
    expect(await me(someone.token)).toBeNull();
    expect(codeOf((await signIn(someone.username)).errors)).toBe("UNAUTHENTICATED");
    const ok = await signIn(someone.username, fresh);
    expect(ok.errors).toBeUndefined();
    expect(await me(ok.data!.login.token)).toBe(someone.id);
  });

  it("creates accounts with field-named refusals", async () => {
    const r = await s.gql(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { username: uniqueName("leader"), password: PASSWORD, displayName: "x", role: "AREA_LEADER" } },
      planner.auth,
    );
    expect(codeOf(r.body.errors)).toBe("BAD_USER_INPUT");
    expect(fieldOf(r.body.errors)).toBe("placeIds");
  });
});

interface Link {
  role: string;
  curated: boolean;
  note: string | null;
  task: { id: string };
  place: { id: string };
  evidence: { start: number; end: number; text: string } | null;
}
const LINK_FIELDS = `role curated note task { id } place { id } evidence { start end text }`;

async function candidates(
  first = 100,
): Promise<{ nodes: Link[]; totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null } }> {
  const r = await s.gql(
    `query($first: Int) { linkCandidates(first: $first) { totalCount pageInfo { hasNextPage endCursor } nodes { ${LINK_FIELDS} } } }`,
    { first },
    planner.auth,
  );
  expect(r.body.errors).toBeUndefined();
  return r.body.data.linkCandidates;
}

async function obligationTasks(placeId: string): Promise<string[]> {
  const r = await s.gql(`query($id: ID!) { place(id: $id) { obligations(includeContained: false) { task { id } } } }`, {
    id: placeId,
  });
  return r.body.data.place.obligations.map((o: { task: { id: string } }) => o.task.id);
}

async function taskLinks(taskId: string): Promise<Link[]> {
  const r = await s.gql(`query($id: ID!) { task(id: $id) { places { ${LINK_FIELDS} } } }`, { id: taskId });
  return r.body.data.task.places;
}

describe("links", () => {
  it("lists the linker's uncertain matches with their evidence, for planners only, a page at a time", async () => {
    expect(codeOf((await s.gql(`{ linkCandidates { totalCount } }`, {}, leader.auth)).body.errors)).toBe("FORBIDDEN");
    expect(codeOf((await s.gql(`{ linkCandidates { totalCount } }`)).body.errors)).toBe("UNAUTHENTICATED");
    const all = await candidates();
    expect(all.totalCount).toBeGreaterThan(2);
    // short forms and collective expressions, never a place's own full name
    const keys = all.nodes.map((c) => `${c.task.id}|${c.place.id}|${c.evidence?.text}`);
    expect(keys).toContain("matter-5|taikuang-industrial-site|太矿");
    expect(keys.some((k) => k.endsWith("|三县一市"))).toBe(true);
    expect(keys.some((k) => k.includes("|gujiao|古交市"))).toBe(false);
    for (const c of all.nodes) {
      expect(["MENTION", "SUBJECT"]).toContain(c.role);
      expect(c.curated).toBe(false);
      expect(c.evidence?.text.length).toBeGreaterThan(0);
    }
    const first = await candidates(2);
    expect(first.nodes).toEqual(all.nodes.slice(0, 2));
    expect(first.pageInfo.hasNextPage).toBe(true);
    const r = await s.gql(
      `query($after: String) { linkCandidates(first: 2, after: $after) { nodes { ${LINK_FIELDS} } } }`,
      { after: first.pageInfo.endCursor },
      planner.auth,
    );
    expect(r.body.data.linkCandidates.nodes).toEqual(all.nodes.slice(2, 4));
  });

  it("confirms one (curated, with its note and evidence kept) and rejects another (gone, and its obligation with it)", async () => {
    const before = await candidates();
    const [confirm, reject] = before.nodes;
    const ok = await s.gql(
      `mutation($input: LinkTaskToPlaceInput!) { linkTaskToPlace(input: $input) { ${LINK_FIELDS} } }`,
      {
        input: {
          taskId: confirm.task.id,
          placeId: confirm.place.id,
          role: confirm.role,
          note: "checked against the text",
        },
      },
      planner.auth,
    );
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.linkTaskToPlace).toMatchObject({
      curated: true,
      note: "checked against the text",
      evidence: confirm.evidence,
    });

    const hadObligation = (await obligationTasks(reject.place.id)).includes(reject.task.id);
    expect(hadObligation).toBe(true);
    const gone = await s.gql(
      `mutation($t: ID!, $p: ID!, $n: String) { unlinkTaskFromPlace(taskId: $t, placeId: $p, note: $n) }`,
      { t: reject.task.id, p: reject.place.id, n: "only named in passing" },
      planner.auth,
    );
    expect(gone.body.data.unlinkTaskFromPlace).toBe(true);

    const after = await candidates();
    expect(after.totalCount).toBe(before.totalCount - 2);
    const key = (l: Link) => `${l.task.id}|${l.place.id}`;
    expect(after.nodes.map(key)).not.toContain(key(confirm));
    expect(after.nodes.map(key)).not.toContain(key(reject));
    expect((await taskLinks(reject.task.id)).some((l) => l.place.id === reject.place.id)).toBe(false);
    // its obligation there is gone, or stays for another reason (a link inside it, a lead), never through the rejected link
    const r = await s.gql(
      `query($id: ID!) { place(id: $id) { obligations(includeContained: false) { task { id } via { place { id } } } } }`,
      { id: reject.place.id },
    );
    const o = r.body.data.place.obligations.find((x: { task: { id: string } }) => x.task.id === reject.task.id);
    expect(o === undefined || !o.via.some((v: { place: { id: string } }) => v.place.id === reject.place.id)).toBe(true);
  });

  it("adds a link with a note and removes it: the place's obligations follow", async () => {
    const task = "research-4";
    const place = "loufan";
    expect(await obligationTasks(place)).not.toContain(task);
    const added = await s.gql(
      `mutation($input: LinkTaskToPlaceInput!) { linkTaskToPlace(input: $input) { ${LINK_FIELDS} } }`,
      { input: { taskId: task, placeId: place, role: "SUBJECT", note: "娄烦 asked for it" } },
      planner.auth,
    );
    expect(added.body.errors).toBeUndefined();
    expect((await taskLinks(task)).find((l) => l.place.id === place)).toMatchObject({
      role: "SUBJECT",
      curated: true,
      note: "娄烦 asked for it",
      evidence: null,
    });
    expect(await obligationTasks(place)).toContain(task);
    const removed = await s.gql(
      `mutation { unlinkTaskFromPlace(taskId: "${task}", placeId: "${place}", note: "not theirs") }`,
      {},
      planner.auth,
    );
    expect(removed.body.data.unlinkTaskFromPlace).toBe(true);
    expect((await taskLinks(task)).some((l) => l.place.id === place)).toBe(false);
    expect(await obligationTasks(place)).not.toContain(task);
  });

  it("refuses link changes to others and a note too long, naming the field", async () => {
    const input = { taskId: "research-4", placeId: "loufan", role: "SUBJECT", note: "x" };
    const q = `mutation($input: LinkTaskToPlaceInput!) { linkTaskToPlace(input: $input) { role } }`;
    expect(codeOf((await s.gql(q, { input }, leader.auth)).body.errors)).toBe("FORBIDDEN");
    const long = await s.gql(q, { input: { ...input, note: "x".repeat(1001) } }, planner.auth);
    expect(codeOf(long.body.errors)).toBe("BAD_USER_INPUT");
    expect(fieldOf(long.body.errors)).toBe("note");
    expect((await taskLinks("research-4")).some((l) => l.place.id === "loufan")).toBe(false);
  });
});
