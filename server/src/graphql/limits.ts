/**
 * Limits that keep one request's cost bounded. Values chosen for this schema:
 * - depth 10: the deepest useful query (plan → tasks → nodes → places → place →
 *   obligations → task → leadDepartments → name) is 8 levels;
 * - aliases 20, directives 20: enough for a dashboard, not for alias amplification;
 * - tokens 3000: the client's largest operation is ~400 tokens (checked by maxTokensPlugin below);
 * - cost 10 000 (see cost-limit.ts: objects 1 × first, 100 per place's obligations,
 *   10 per other list; scalars free): tasks(first: 100) with places, leads and
 *   indicators costs ~3 200, the place panel's query (obligations with their links
 *   and lead units) ~3 400;
 * - list items 10 000 per request (see core/list-budget.ts: every item of a list of objects in
 *   the answer; the statement reading an unpaged list reads at most what is left; a
 *   statusSummary is counted in PostgreSQL and costs nothing): the cost above judges the query's shape,
 *   this bounds what the data makes of it. On the seeded plan the client's largest
 *   operation (the place panel of the city, with citywide tasks) uses ~390 and the map's
 *   ~270; the benchmark's reads use at most ~830 at 10×. `places { obligations statusSummary }`
 *   over the 90 districts of the 1× benchmark data needs ~35 000: answering it took ~3 s
 *   and raised the server's peak RSS from ~100 to ~230 MB (all 1 000 places: ~10 s,
 *   ~590 MB); it is refused after reading 10 001 links, in ~0.15 s, peak ~115 MB. An
 *   answer of ~7 000 items adds ~50 MB;
 * - query text 64 Ki characters, comments included (the client's largest operation is ~3 000):
 *   checked before parsing, so no cache holds a larger text;
 * - request body 2 MB (project imports carry CSV text); string arguments 10 000 characters
 *   (files 1 M), list arguments 1 000 items (input-guard.ts INPUT_LIMITS);
 * - batches of at most 10 operations (the map client starts with 6), run one after another
 *   under the request's one list budget (app.ts runBatch).
 */
import { GraphQLError, parse } from "graphql";
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { costLimitRule } from "./cost-limit.ts";
import { inputSizePlugin, nulGuardPlugin } from "./input-guard.ts";
import { operationGuardPlugin } from "./operation-guard.ts";
import { listBudgetPlugin } from "./list-budget-plugin.ts";

export const LIMITS = {
  maxDepth: 10,
  maxAliases: 20,
  maxDirectives: 20,
  maxTokens: 3000,
  maxQueryChars: 64 * 1024,
  maxCost: 10_000,
  maxListItems: 10_000,
  /** a request body's bytes at most (after inflating): 2 MiB, said "2 MB" */
  bodyBytes: 2 * 1024 * 1024,
  maxBatch: 10,
} as const;

class TokenLimitError extends GraphQLError {}

/**
 * The token limit, checked before Apollo parses: graphql's parser stops at the limit,
 * so an oversized document never reaches validation (whose overlapping-fields rule is
 * quadratic in the number of fields). armor's own token limit throws from the same
 * hook for every syntax error too, and Apollo answers whatever that hook throws with
 * HTTP 500; here other syntax errors are left to Apollo's parser (400
 * GRAPHQL_PARSE_FAILED) and the limit is answered 400 GRAPHQL_VALIDATION_FAILED.
 */
function maxTokensPlugin<T extends BaseContext>(
  maxTokens: number,
  maxQueryChars: number = LIMITS.maxQueryChars,
): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async parsingDidStart({ source }) {
          if (source.length > maxQueryChars) {
            throw new TokenLimitError(
              `query text of at most ${maxQueryChars} characters (comments included), got ${source.length}: send a smaller query`,
              {
                extensions: { code: "GRAPHQL_VALIDATION_FAILED", http: { status: 400 } },
              },
            );
          }
          try {
            parse(source, { maxTokens, noLocation: true });
          } catch (error) {
            if (error instanceof GraphQLError && /\d+ tokens\. Parsing aborted/.test(error.message)) {
              throw new TokenLimitError(`Token limit of ${maxTokens} exceeded: send a smaller query`, {
                extensions: { code: "GRAPHQL_VALIDATION_FAILED", http: { status: 400 } },
              });
            }
          }
        },
      };
    },
    // Apollo routes what parsingDidStart throws here; rethrowing keeps its 400 instead of a 500
    async unexpectedErrorProcessingRequest({ error }) {
      if (error instanceof TokenLimitError) throw error;
    },
  };
}

/** The armor plugins (with our token limit, NUL guard and list budget's answer) and validation rules (with our cost rule); field suggestions only outside production. */
export function armor(production: boolean) {
  const protection = new ApolloArmor({
    maxDepth: { n: LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: LIMITS.maxAliases },
    maxDirectives: { n: LIMITS.maxDirectives },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return {
    ...protection,
    plugins: [
      maxTokensPlugin(LIMITS.maxTokens),
      ...protection.plugins,
      nulGuardPlugin(),
      inputSizePlugin(),
      operationGuardPlugin(),
      listBudgetPlugin(),
    ],
    validationRules: [...protection.validationRules, costLimitRule(LIMITS.maxCost)],
  };
}
