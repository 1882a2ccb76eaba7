/** The served schema keeps the design contract, and the committed SDL is what the server emits. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildSchema, findBreakingChanges } from "graphql";
import { getSchema } from "../../../server/src/graphql/schema.ts";
import { testServer } from "../../support/server.ts";
import { SCHEMA_FILE, emittedSdl } from "../../../scripts/emit-schema.ts";

const CONTRACT = new URL("../../../server/src/graphql/contract.graphql", import.meta.url);

describe("schema contract", () => {
  it("has no breaking change against contract.graphql", async () => {
    const contract = buildSchema(readFileSync(CONTRACT, "utf8"));
    const changes = findBreakingChanges(contract, await getSchema());
    expect(changes.map((c) => `${c.type}: ${c.description}`)).toEqual([]);
  });

  it("server/schema.graphql is the emitted SDL", async () => {
    const committed = readFileSync(SCHEMA_FILE, "utf8");
    expect(
      committed === emittedSdl(await getSchema()),
      "server/schema.graphql is stale: run `npx tsx scripts/emit-schema.ts`",
    ).toBe(true);
  });
});

describe("arguments with a default", () => {
  it("accept an explicit null and treat it as the default", async () => {
    const s = await testServer();
    const r = await s.gql(`{
      tasks(first: null) { nodes { id } }
      place(id: "qingxu") { name(script: null) obligations(includeContained: null, includeCitywide: null) { task { id } } }
    }`);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.tasks.nodes).toHaveLength(50);
    expect(r.body.data.place.name).toBe("清徐县");
    expect(r.body.data.place.obligations.map((o: { task: { id: string } }) => o.task.id)).toContain("matter-8");
  });
});
