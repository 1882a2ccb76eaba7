/**
 * Limits that keep one request's cost bounded. Values chosen for this schema:
 * - depth 10: the deepest useful query (plan → tasks → nodes → places → place →
 *   obligations → task → leadDepartments → name) is 8 levels;
 * - aliases 20, directives 20: enough for a dashboard, not for alias amplification;
 * - tokens 3000: the client's largest operation is ~400 tokens;
 * - cost 10 000 (see cost-limit.ts: objects 1 × first or 10 per list; scalars free):
 *   tasks(first: 100) with places, leads and indicators costs ~3 200, the map's
 *   places-with-obligations query ~3 300;
 * - request body 2 MB (project imports carry CSV text), no batched operations.
 */
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { costLimitRule } from "./cost-limit.ts";
import { nulGuardPlugin } from "./input-guard.ts";

export const LIMITS = {
  maxDepth: 10,
  maxAliases: 20,
  maxDirectives: 20,
  maxTokens: 3000,
  maxCost: 10_000,
  bodyBytes: "2mb",
} as const;

/** The armor plugins (with the NUL guard) and validation rules (with our cost rule); field suggestions only outside production. */
export function armor(production: boolean) {
  const protection = new ApolloArmor({
    maxDepth: { n: LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: LIMITS.maxAliases },
    maxDirectives: { n: LIMITS.maxDirectives },
    maxTokens: { n: LIMITS.maxTokens },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return { ...protection, plugins: [...protection.plugins, nulGuardPlugin()], validationRules: [...protection.validationRules, costLimitRule(LIMITS.maxCost)] };
}
