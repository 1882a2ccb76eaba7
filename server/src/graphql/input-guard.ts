/**
 * Input refused before anything runs: arguments over their size (INPUT_LIMITS,
 * below), and strings PostgreSQL cannot store: text columns and parameters reject
 * U+0000, and without this check a NUL in any argument (an id, a search text, a
 * note) surfaced as an internal error from the database driver.
 */
import {
  GraphQLError,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  TypeInfo,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type ValueNode,
} from "graphql";
import type { ApolloServerPlugin } from "@apollo/server";

const NUL = "\u0000";

/** True when a string anywhere in the value (keys included) holds U+0000. */
export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return value.includes(NUL);
  if (depth > 64 || value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) return value.some((v) => containsNul(v, depth + 1));
  return Object.entries(value).some(([k, v]) => k.includes(NUL) || containsNul(v, depth + 1));
}

const literalsChecked = new WeakMap<DocumentNode, boolean>();

/** True when a string literal of the document holds U+0000 (once per parsed document). */
export function literalHasNul(document: DocumentNode): boolean {
  const known = literalsChecked.get(document);
  if (known !== undefined) return known;
  let found = false;
  visit(document, {
    [Kind.STRING](node) {
      if (node.value.includes(NUL)) found = true;
    },
  });
  literalsChecked.set(document, found);
  return found;
}

/** An Apollo plugin answering BAD_USER_INPUT (HTTP 400) when a literal or variable holds U+0000. */
export function nulGuardPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          if (containsNul(request.variables) || literalHasNul(document)) {
            throw new GraphQLError("text must not contain the NUL character (U+0000)", {
              extensions: { code: "BAD_USER_INPUT", http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

// ---- sizes: every string and list argument is capped before anything reads it ----------

/**
 * Caps on argument sizes, checked before execution (and by the SQL lane before it
 * compiles): whatever costs work in proportion to its size (simplifying a search text,
 * binding a list, hashing a cache key) is refused past these. Services keep their own
 * tighter rules (search text 200, notes 4 000, placeIds 100, polygons: spatial-filter.ts).
 */
export const INPUT_LIMITS = {
  /** characters of any String or ID argument or input field */
  maxStringChars: 10_000,
  /** items of any list argument or input field */
  maxListItems: 1_000,
  /** arguments that carry a file's text (the services cap them at 1 MB of CSV or GeoJSON) */
  fileArguments: new Set(["Mutation.importProjects.content", "Mutation.importReports.content"]),
  maxFileChars: 1_000_000,
} as const;

class InputTooLargeError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: "BAD_USER_INPUT", http: { status: 400 } } });
  }
}

/** One argument of the document: where it is (Type.field.arg), its type, and its value node. */
interface ArgumentUse {
  coordinate: string;
  path: string;
  type: GraphQLInputType;
  value: ValueNode;
}

const argumentUses = new WeakMap<DocumentNode, ArgumentUse[]>();

/** The arguments of every field of the document, with their types (once per parsed document). */
function argumentsOf(schema: GraphQLSchema, document: DocumentNode): ArgumentUse[] {
  const known = argumentUses.get(document);
  if (known) return known;
  const uses: ArgumentUse[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      [Kind.ARGUMENT](node) {
        const argument = typeInfo.getArgument();
        const field = typeInfo.getFieldDef();
        const parent = typeInfo.getParentType();
        if (!argument || !field || !parent) return;
        uses.push({
          coordinate: `${parent.name}.${field.name}.${argument.name}`,
          path: `${field.name}.${argument.name}`,
          type: argument.type,
          value: node.value,
        });
      },
    }),
  );
  argumentUses.set(document, uses);
  return uses;
}

function checkValue(value: unknown, type: GraphQLInputType, coordinate: string, path: string): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return checkValue(value, type.ofType, coordinate, path);
  if (isListType(type)) {
    if (!Array.isArray(value)) return checkValue(value, type.ofType, coordinate, path); // a single item for a list: graphql-js coerces it
    if (value.length > INPUT_LIMITS.maxListItems)
      throw new InputTooLargeError(`${path}: at most ${INPUT_LIMITS.maxListItems} items, got ${value.length}`);
    for (const item of value) checkValue(item, type.ofType, coordinate, path);
    return;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== "object" || Array.isArray(value)) return; // the validator or coercion says what is wrong
    const fields = type.getFields();
    for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[name];
      if (field) checkValue(v, field.type, `${type.name}.${name}`, `${path}.${name}`);
    }
    return;
  }
  if (typeof value === "string" && (type.name === "String" || type.name === "ID")) {
    const cap = INPUT_LIMITS.fileArguments.has(coordinate) ? INPUT_LIMITS.maxFileChars : INPUT_LIMITS.maxStringChars;
    if (value.length > cap) throw new InputTooLargeError(`${path}: at most ${cap} characters, got ${value.length}`);
  }
}

/**
 * Throws InputTooLargeError (BAD_USER_INPUT) naming the first argument over INPUT_LIMITS:
 * its path (field.argument.inputField…), the cap and the size sent. Literals and variables alike.
 */
export function checkInputSizes(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
): void {
  for (const use of argumentsOf(schema, document)) {
    const value =
      use.value.kind === Kind.VARIABLE
        ? variables?.[use.value.name.value]
        : valueFromASTUntyped(use.value, variables ?? undefined);
    checkValue(value, use.type, use.coordinate, use.path);
  }
}

/** An Apollo plugin answering BAD_USER_INPUT (HTTP 400) when an argument is over INPUT_LIMITS. */
export function inputSizePlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart({ schema }) {
      return {
        async didResolveOperation({ request, document }) {
          checkInputSizes(schema, document, request.variables);
        },
      };
    },
  };
}
