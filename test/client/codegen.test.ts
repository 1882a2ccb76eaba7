/**
 * The generated operation types (client/src/api/gql) are what `npm run codegen` writes from the
 * schema and the client's `graphql()` documents now: the generator runs in memory with the
 * project's config (codegen.ts) and nothing is written. A changed operation or schema without a
 * new `npm run codegen` fails here, and so in CI.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { generate } from "@graphql-codegen/cli";
import { describe, expect, it } from "vitest";
import config from "../../codegen.ts";

const root = resolve(import.meta.dirname, "../..");

describe("GraphQL Code Generator output", () => {
  it("client/src/api/gql is what the generator writes from the schema and the operations", async () => {
    const files = (await generate({ ...config, cwd: root, silent: true }, false)) as {
      filename: string;
      content: string;
    }[];
    expect(files.map((f) => f.filename).sort()).toEqual([
      "client/src/api/gql/gql.ts",
      "client/src/api/gql/graphql.ts",
      "client/src/api/gql/index.ts",
    ]);
    for (const f of files) {
      const onDisk = readFileSync(resolve(root, f.filename), "utf8");
      expect(onDisk, `${f.filename} is stale: run npm run codegen`).toBe(f.content);
    }
  }, 120_000);

  it("no operation asks the schema at run time: it is known when the client is built", () => {
    const generated = readFileSync(resolve(root, "client/src/api/gql/graphql.ts"), "utf8");
    const documents = [...generated.matchAll(/new TypedDocumentString\(`([^`]*)`/g)].map((m) => m[1]);
    expect(documents.length).toBeGreaterThan(20);
    for (const text of documents) expect(text).not.toMatch(/\b__(type|schema)\b/);
  });
});
