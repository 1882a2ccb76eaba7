/** Runs an operation directly against the schema and counts the SQL statements it sends. */
import { graphql } from "graphql";
import { expect } from "vitest";
import { scopedDb, type Db } from "../../server/src/db/database.ts";
import { createContext } from "../../server/src/graphql/context.ts";
import { getSchema } from "../../server/src/graphql/schema.ts";
import { silentLogger } from "./db.ts";

export async function countStatements(
  db: Db,
  source: string,
  variableValues?: Record<string, unknown>,
): Promise<{ statements: number; data: any }> {
  const schema = await getSchema();
  const counter = { statements: 0 };
  const contextValue = createContext({
    db: scopedDb(db, counter),
    user: null,
    tokenHash: null,
    requestId: "count",
    clientAddress: "127.0.0.1",
    log: silentLogger,
    sessionTtlSeconds: 0,
    secureCookies: false,
  });
  const result = await graphql({ schema, source, variableValues, contextValue });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return { statements: counter.statements, data: result.data };
}
