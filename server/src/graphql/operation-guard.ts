/**
 * Client mistakes refused before anything runs, with a named error instead of the internal
 * error they used to surface as:
 * - a subscription over HTTP: one response cannot carry a stream of events; they are served
 *   over graphql-ws on the same path (graphql/subscriptions.ts);
 * - an empty id (or only spaces) in a mutation's arguments: `if (input.placeId)` read it as
 *   "no place", and the insert then failed on the foreign key. Queries keep answering null
 *   for an id that names nothing, `""` included (`place(id: "")`).
 */
import {
  GraphQLError,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  GraphQLID,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from "graphql";
import type { ApolloServerPlugin } from "@apollo/server";

const SUBSCRIPTION_OVER_HTTP =
  "subscriptions are served over WebSocket (the graphql-ws protocol) on /graphql, not over HTTP POST";

function refuse(message: string, code: "BAD_REQUEST" | "BAD_USER_INPUT"): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

const isEmptyId = (v: unknown): boolean => typeof v === "string" && v.trim() === "";

/** The path (`input.placeId`) of the first empty id in a variable's value of type `type`, or null. */
function emptyIdInValue(value: unknown, type: GraphQLInputType, path: string, depth = 0): string | null {
  if (value === null || value === undefined || depth > 32) return null;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    if (!Array.isArray(value)) return emptyIdInValue(value, inner.ofType, path, depth + 1);
    for (const item of value) {
      const found = emptyIdInValue(item, inner.ofType, path, depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (inner === GraphQLID) return isEmptyId(value) ? path : null;
  if (isInputObjectType(inner) && typeof value === "object") {
    const fields = inner.getFields();
    for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[name];
      const found = field ? emptyIdInValue(v, field.type, `${path}.${name}`, depth + 1) : null;
      if (found) return found;
    }
  }
  return null;
}

/**
 * Where an operation's arguments may hold an empty id, in document order: a string literal that
 * is one (its path), or a variable (its name, the input type it is used as, and the path), whose
 * value each request brings.
 */
type IdCheck = { literal: string } | { variable: string; type: GraphQLInputType; path: string };

/** The checks of each operation of a document (Apollo hands the same document for the same text). */
const checksOf = new WeakMap<DocumentNode, Map<OperationDefinitionNode, IdCheck[]>>();

function idChecks(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): IdCheck[] {
  let byOperation = checksOf.get(document);
  if (!byOperation) checksOf.set(document, (byOperation = new Map()));
  const known = byOperation.get(operation);
  if (known) return known;
  const typeInfo = new TypeInfo(schema);
  const path: string[] = [];
  const checks: IdCheck[] = [];
  const check = (node: ValueNode) => {
    const type = typeInfo.getInputType();
    if (!type) return;
    const where = path.join(".");
    if (node.kind === Kind.VARIABLE) checks.push({ variable: node.name.value, type, path: where });
    else if (node.kind === Kind.STRING && getNamedType(type) === GraphQLID && isEmptyId(node.value))
      checks.push({ literal: where });
  };
  visit(
    {
      kind: Kind.DOCUMENT,
      definitions: [operation, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)],
    },
    visitWithTypeInfo(typeInfo, {
      Argument: {
        enter(node) {
          path.push(node.name.value);
          check(node.value);
        },
        leave() {
          path.pop();
        },
      },
      ObjectField: {
        enter(node) {
          path.push(node.name.value);
          check(node.value);
        },
        leave() {
          path.pop();
        },
      },
      ListValue: {
        enter(node) {
          // a list literal's items are checked as they are visited (Kind.STRING under the list's input type)
          for (const item of node.values) if (item.kind === Kind.STRING || item.kind === Kind.VARIABLE) check(item);
        },
      },
    }),
  );
  byOperation.set(operation, checks);
  return checks;
}

/**
 * The path of the first empty id among a mutation's arguments (literals and variables), or null.
 * Where to look is worked out once per document (idChecks); each request then reads its variables.
 */
export function emptyIdIn(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): string | null {
  for (const c of idChecks(schema, document, operation)) {
    if ("literal" in c) return c.literal;
    const found = emptyIdInValue(variables?.[c.variable], c.type, c.path);
    if (found) return found;
  }
  return null;
}

/** An Apollo plugin refusing subscriptions (BAD_REQUEST) and empty ids in mutations (BAD_USER_INPUT), both HTTP 400. */
export function operationGuardPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, schema }) {
          if (!operation) return;
          if (operation.operation === "subscription") throw refuse(SUBSCRIPTION_OVER_HTTP, "BAD_REQUEST");
          if (operation.operation !== "mutation") return;
          const path = emptyIdIn(schema, document, operation, request.variables);
          if (path) throw refuse(`${path} must not be empty`, "BAD_USER_INPUT");
        },
      };
    },
  };
}
