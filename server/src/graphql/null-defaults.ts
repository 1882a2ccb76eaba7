/**
 * The arguments whose explicit null means their default (schema.ts nullableDefaults relaxes them
 * from type-graphql's non-null to the contract's nullable type): the resolvers get the default
 * through a wrapper, and the SQL executor reads this set to do the same.
 */
import type { GraphQLArgument } from "graphql";

export const NULL_IS_DEFAULT = new WeakSet<GraphQLArgument>();
