/**
 * Limits that keep one request's cost bounded. Values chosen for this schema:
 * - depth 10: the deepest useful query (plan → tasks → nodes → places → place →
 *   obligations → task → leadDepartments → name) is 8 levels;
 * - aliases 20, directives 20: enough for a dashboard, not for alias amplification;
 * - tokens 3000: the client's largest operation is ~400 tokens;
 * - cost 20 000 (armor's static count: objects 2, scalars 1, depth factor 1.5):
 *   the map client's broadest query costs ~1 200;
 * - request body 2 MB (project imports carry CSV text), no batched operations.
 */
import { ApolloArmor } from "@escape.tech/graphql-armor";

export const LIMITS = {
  maxDepth: 10,
  maxAliases: 20,
  maxDirectives: 20,
  maxTokens: 3000,
  maxCost: 20_000,
  bodyBytes: "2mb",
} as const;

/** The armor plugins and validation rules; field suggestions only outside production. */
export function armor(production: boolean) {
  return new ApolloArmor({
    maxDepth: { n: LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: LIMITS.maxAliases },
    maxDirectives: { n: LIMITS.maxDirectives },
    maxTokens: { n: LIMITS.maxTokens },
    costLimit: { maxCost: LIMITS.maxCost, ignoreIntrospection: true },
    blockFieldSuggestion: { enabled: production },
  }).protect();
}
