/**
 * The GraphQL side of the list budget (core/list-budget.ts): every list of objects in an answer
 * is charged to the request's budget, and a refused query answers its one RESULT_TOO_LARGE error.
 */
import {
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  isObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from "graphql";
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { ListBudget } from "../core/list-budget.ts";

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === "function";
}

/**
 * Lists a mutation returns about its own write (an import's rows) are bounded by its input
 * and already written: refusing them would hide the outcome of a committed change.
 * What the mutation's result leads to (login → user → places → obligations) is a read, and counts.
 */
function isOwnMutationResult(info: GraphQLResolveInfo): boolean {
  return info.operation.operation === "mutation" && info.path.prev?.prev === undefined;
}

/** Wraps the resolver of every field that returns a list of objects so that its items are charged to the request's budget. */
export function countListItems(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      if (!isListType(getNullableType(field.type)) || isLeafType(getNamedType(field.type))) continue;
      const coordinate = `${type.name}.${field.name}`;
      const resolve = field.resolve ?? defaultFieldResolver;
      const charge = (value: unknown, context: { budget?: ListBudget }, info: GraphQLResolveInfo): unknown => {
        if (Array.isArray(value) && context.budget && !isOwnMutationResult(info))
          context.budget.charge(value.length, coordinate);
        return value;
      };
      field.resolve = (source, args, context, info) => {
        // a refused request stops at the next list, before its resolver reads anything
        if (context.budget?.refusal && !isOwnMutationResult(info)) throw context.budget.refusal;
        const value = resolve(source, args, context, info);
        return isPromiseLike(value) ? value.then((v) => charge(v, context, info)) : charge(value, context, info);
      };
    }
  }
  return schema;
}

/**
 * A refused query answers its one RESULT_TOO_LARGE error and no data: without this, every
 * list after the limit would add the same error, and the answer would be whatever part
 * happened to be built first. A mutation keeps its data (its write is done) and one error.
 */
export function listBudgetPlugin<T extends BaseContext>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, operation }) {
          if (response.body.kind !== "single") return;
          const result = response.body.singleResult;
          const errors = result.errors ?? [];
          const first = errors.findIndex((e) => e.extensions?.code === "RESULT_TOO_LARGE");
          if (first < 0) return;
          result.errors = errors.filter((e, i) => i === first || e.extensions?.code !== "RESULT_TOO_LARGE");
          if (operation?.operation !== "mutation") {
            result.errors = [errors[first]];
            result.data = null;
          }
        },
      };
    },
  };
}
