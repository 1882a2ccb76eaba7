/** Several words must all match, in either script: in search and in the tasks' and places' text filters. */
import { beforeAll, describe, expect, it } from "vitest";
import { testServer } from "../../support/server.ts";

// the shared database boots (and seeds) once; on the embedded one that is the hook's time, not a test's
beforeAll(() => testServer().then(() => undefined));

async function data(query: string, variables: Record<string, unknown>) {
  const s = await testServer();
  const r = await s.gql(query, variables);
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  return r.body.data;
}

async function searchIds(text: string): Promise<string[]> {
  const d = await data(
    `query($t: String!) { search(text: $t, first: 100) { __typename ... on Task { id } ... on Place { id } ... on Department { id } ... on Project { id } } }`,
    { t: text },
  );
  return d.search.map((h: { __typename: string; id: string }) => `${h.__typename}:${h.id}`);
}

async function taskIds(text: string): Promise<string[]> {
  const d = await data(`query($t: String) { tasks(first: 100, filter: { text: $t }) { totalCount nodes { id } } }`, {
    t: text,
  });
  expect(d.tasks.totalCount).toBe(d.tasks.nodes.length);
  return d.tasks.nodes.map((n: { id: string }) => n.id).sort();
}

const both = (a: string[], b: string[]) => a.filter((x) => b.includes(x)).sort();

describe("several words", () => {
  it("煤炭 產業 filters the tasks that 煤炭 and 产业 both find", async () => {
    const coal = await taskIds("煤炭");
    const industry = await taskIds("产业");
    const expected = both(coal, industry);
    expect(expected.length).toBeGreaterThan(0);
    expect(await taskIds("煤炭 產業")).toEqual(expected);
    // the words' order, the ideographic space and the script make no difference
    expect(await taskIds("产业　煤炭")).toEqual(expected);
  });

  it("search finds what every word finds", async () => {
    const coal = await searchIds("煤炭");
    const industry = await searchIds("产业");
    // whole lists, not a first page of either
    expect(Math.max(coal.length, industry.length)).toBeLessThan(100);
    const expected = both(coal, industry);
    expect(expected.length).toBeGreaterThan(0);
    expect((await searchIds("煤炭 產業")).sort()).toEqual(expected);
  });

  it("a word that matches nothing empties the result, and a task id still finds its task", async () => {
    expect(await taskIds("煤炭 zzzqqq")).toEqual([]);
    expect(await taskIds("reform-15")).toEqual(["reform-15"]);
  });

  it("the places' text filter matches every word too", async () => {
    const d = await data(`query($t: String) { places(filter: { text: $t }) { id } }`, { t: "古交 市" });
    expect(d.places.map((p: { id: string }) => p.id)).toContain("gujiao");
    const none = await data(`query($t: String) { places(filter: { text: $t }) { id } }`, { t: "古交 晋源" });
    expect(none.places).toEqual([]);
  });
});
