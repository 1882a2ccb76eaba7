/**
 * The page's startup request: the queries the app's first render makes whose
 * variables come from the URL alone, asked for before any of the app's code has
 * been downloaded.
 *
 * client/app-shell.ts writes startupScript() into index.html's head: while the
 * HTML is parsed it reads the URL, sends the operations of startupQueries() as
 * one batch, and leaves the request in window.__ATLAS_STARTUP__. main.ts hands
 * it to the query cache (takeStartupRequest): the app's hooks ask for the same
 * keys (they use startupQueries too) and find the answers cached or on their
 * way. A page without the script (or without a usable answer) asks normally.
 */
import { batchData } from "./client.ts";
import { INDICATORS, LOOKUPS, MAP_PLACES, MAP_TOLERANCE, PROJECT_COUNT } from "./operations.ts";
import type { TypedDocumentString } from "./gql/graphql.ts";
import { awaitAnswer, queryKey } from "./query-cache.ts";
import type { Script } from "./types.ts";
import { DATE } from "../state/url-state.ts";

/** One operation of the startup batch, as sent: the document's text and its variables. */
export interface Operation<TData = unknown, TVars extends object = Record<string, unknown>> {
  query: string;
  variables: TVars;
  /** the document itself, for useQuery (not sent: the inline script sends `query`) */
  document: TypedDocumentString<TData, TVars>;
}

function operation<TData, TVars extends object>(
  document: TypedDocumentString<TData, TVars>,
  variables: TVars,
): Operation<TData, TVars> {
  return { query: document.toString(), variables, document };
}

declare global {
  interface Window {
    /** The startup request the page's inline script made (startupScript), until main.ts takes it. */
    __ATLAS_STARTUP__?: { operations: Pick<Operation, "query" | "variables">[]; response: Promise<Response> };
  }
}

/** The map's places (the choropleth, the points), the lookups, the indicators and the project count. */
export function startupQueries(script: Script, asOf: string | undefined) {
  return {
    mapPlaces: operation(MAP_PLACES, { script, asOf, tolerance: MAP_TOLERANCE }),
    lookups: operation(LOOKUPS, { script }),
    indicators: operation(INDICATORS, { script }),
    projectCount: operation(PROJECT_COUNT, {}),
  };
}

/** Stand-ins for the two URL-dependent values in the script's template of the operations. */
const SCRIPT_SLOT = "\u0000script";
const AS_OF_SLOT = "\u0000asOf";

/**
 * The inline script: the operations of startupQueries for this page's URL, with `script` and
 * `asOf` read as parseUrlState, scriptFor and asOfDateTime read them (test/server/api/startup-request.test.ts
 * holds it to that), sent as one batch. It never throws: without URLSearchParams or fetch it
 * leaves no request, and the app asks itself.
 */
export function startupScript(endpoint = "/graphql"): string {
  const template = JSON.stringify(
    Object.values(startupQueries(SCRIPT_SLOT as Script, AS_OF_SLOT)).map(({ query, variables }) => ({
      query,
      variables,
    })),
  );
  return `(function () {
  try {
    var p = new URLSearchParams(location.search), d = p.get("asOf");
    var script = p.get("lang") === "zh-Hant" ? "HANT" : "HANS";
    var asOf = d && ${DATE}.test(d) && !isNaN(Date.parse(d)) ? d + "T23:59:59+08:00" : null;
    var ops = ${template};
    ops.forEach(function (op) {
      var v = op.variables;
      Object.keys(v).forEach(function (k) {
        if (v[k] === ${JSON.stringify(SCRIPT_SLOT)}) v[k] = script;
        else if (v[k] === ${JSON.stringify(AS_OF_SLOT)}) { if (asOf) v[k] = asOf; else delete v[k]; }
      });
    });
    var response = fetch(${JSON.stringify(endpoint)}, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      credentials: "same-origin",
      body: JSON.stringify(ops)
    });
    response.catch(function () {});
    window.__ATLAS_STARTUP__ = { operations: ops, response: response };
  } catch (e) {}
})();`;
}

/** Hands the page's startup request to the query cache, once; resolves when all its answers are in the cache (or failed). */
export function takeStartupRequest(): Promise<void> {
  const started = window.__ATLAS_STARTUP__;
  delete window.__ATLAS_STARTUP__;
  if (!started || !Array.isArray(started.operations)) return Promise.resolve();
  const answers = batchData(started.response, started.operations.length);
  started.operations.forEach((op, i) => awaitAnswer(queryKey(op.query, op.variables), answers[i]));
  return Promise.allSettled(answers).then(() => undefined);
}
