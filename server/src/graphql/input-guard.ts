/**
 * Refuses strings PostgreSQL cannot store before anything runs: text columns and
 * parameters reject U+0000, and without this check a NUL in any argument (an id,
 * a search text, a note) surfaced as an internal error from the database driver.
 */
import { GraphQLError, Kind, visit, type DocumentNode } from "graphql";
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
            throw new GraphQLError("text must not contain the NUL character (U+0000)", { extensions: { code: "BAD_USER_INPUT", http: { status: 400 } } });
          }
        },
      };
    },
  };
}
