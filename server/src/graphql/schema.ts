/** Builds the executable schema from the type-graphql resolvers. */
import "reflect-metadata";
import { buildSchema } from "type-graphql";
import type { GraphQLSchema } from "graphql";
import { authChecker } from "./auth-checker.ts";
import { resolvers } from "./resolvers.ts";

let cached: Promise<GraphQLSchema> | null = null;

/** The schema; built once per process (type-graphql metadata is global). */
export function getSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    resolvers,
    authChecker,
    validate: false,
    emitSchemaFile: false,
  });
  return cached;
}
