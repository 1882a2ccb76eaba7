/** Search in either script: tasks, places and departments. */
import { describe, expect, it } from "vitest";
import { testServer } from "../../support/server.ts";

interface Hit {
  __typename: string;
  id: string;
}

async function search(text: string): Promise<Hit[]> {
  const s = await testServer();
  const r = await s.gql(
    `query($t: String!) { search(text: $t, first: 50) { __typename ... on Task { id } ... on Place { id } ... on Department { id } ... on Project { id } } }`,
    { t: text },
  );
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  return r.body.data.search;
}

describe("search", () => {
  it("古交 finds reform-15", async () => {
    expect(await search("古交")).toContainEqual({ __typename: "Task", id: "reform-15" });
  });

  it("古交 finds the place Gujiao and the Gujiao government", async () => {
    const hits = await search("古交");
    expect(hits).toContainEqual({ __typename: "Place", id: "gujiao" });
    expect(hits).toContainEqual({ __typename: "Department", id: "gujiao-government" });
  });

  it("矿城融合 (simplified) finds reform-15", async () => {
    expect(await search("矿城融合")).toContainEqual({ __typename: "Task", id: "reform-15" });
  });

  it("礦城融合 (traditional) gives the same hits as 矿城融合", async () => {
    const hans = await search("矿城融合");
    expect(hans.length).toBeGreaterThan(0);
    expect(await search("礦城融合")).toEqual(hans);
  });

  it("万柏林 and 萬柏林 both find the place Wanbailin and its government", async () => {
    const hans = await search("万柏林");
    expect(hans).toContainEqual({ __typename: "Place", id: "wanbailin" });
    expect(hans).toContainEqual({ __typename: "Department", id: "wanbailin-government" });
    expect(await search("萬柏林")).toEqual(hans);
  });

  it("refuses empty text with BAD_USER_INPUT", async () => {
    const s = await testServer();
    const r = await s.gql(`{ search(text: "   ") { __typename } }`);
    expect(r.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
