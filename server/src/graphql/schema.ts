/** Builds the executable schema from the type-graphql resolvers. */
import "reflect-metadata";
import { buildSchema, getMetadataStorage } from "type-graphql";
import { defaultFieldResolver, isInterfaceType, isNonNullType, isObjectType, type GraphQLSchema } from "graphql";
import "./enums.ts";
import { authChecker } from "./auth-checker.ts";
import { countListItems } from "./list-budget-plugin.ts";
import { resolvers } from "./resolvers.ts";
import { NULL_IS_DEFAULT } from "./null-defaults.ts";

let cached: Promise<GraphQLSchema> | null = null;

/**
 * type-graphql turns an argument with a default into a non-null one (`first: Int! = 50`);
 * the contract declares them optional and nullable (`first: Int = 50`), and making them
 * non-null is a breaking change for clients that send null. Relax them, and give the
 * resolver the default for an explicit null, so no resolver ever sees one.
 */
function nullableDefaults(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if ((!isObjectType(type) && !isInterfaceType(type)) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const relaxed = field.args.filter((a) => a.defaultValue !== undefined && isNonNullType(a.type));
      if (relaxed.length === 0) continue;
      for (const arg of relaxed) {
        if (isNonNullType(arg.type)) arg.type = arg.type.ofType;
        NULL_IS_DEFAULT.add(arg);
      }
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        const filled = { ...args };
        for (const arg of relaxed) if (filled[arg.name] === null) filled[arg.name] = arg.defaultValue;
        return resolve(source, filled, context, info);
      };
    }
  }
  return schema;
}

/**
 * type-graphql gives every plain @Field a resolver that runs its (here empty) middleware
 * chain to read `root[name]`; on a list of 100 tasks that is thousands of calls per request.
 * A field with no field resolver, no roles, no middlewares and no rename reads the same value
 * through graphql-js's default resolver, so drop the wrapper.
 */
function plainFieldsByDefault(schema: GraphQLSchema): GraphQLSchema {
  const storage = getMetadataStorage();
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type)) continue;
    const fields = type.getFields();
    for (const meta of objectType.fields ?? []) {
      const field = fields[meta.schemaName];
      if (
        !field ||
        field.args.length > 0 ||
        meta.name !== meta.schemaName ||
        meta.roles?.length ||
        meta.middlewares?.length
      )
        continue;
      const hasFieldResolver = storage.fieldResolvers.some(
        (r) => r.getObjectType?.() === meta.target && r.methodName === meta.name,
      );
      if (!hasFieldResolver) field.resolve = undefined;
    }
  }
  return schema;
}

/** The schema; built once per process (type-graphql metadata is global). */
export function getSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    resolvers,
    authChecker,
    validate: false,
    emitSchemaFile: false,
    // type-graphql asks for a PubSub once there is a @Subscription; ours brings its own
    // subscribe (modules/report/report-events.ts), so nothing is published through this one
    pubSub: {
      publish: () => undefined,
      subscribe: () => {
        throw new Error("subscriptions subscribe through their own source, not type-graphql's PubSub");
      },
    },
  })
    .then(plainFieldsByDefault)
    .then(nullableDefaults)
    .then(countListItems);
  return cached;
}
