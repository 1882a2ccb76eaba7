/**
 * The page's startup request (client/src/api/startup.ts): the inline script that index.html
 * runs while it is parsed, against the real server, and the query cache taking it over.
 */
import { runInNewContext } from "node:vm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ApiError, gql } from "../../../client/src/api/client.ts";
import { cached, clearQueryCache, prefetched, queryKey } from "../../../client/src/api/query-cache.ts";
import { startupQueries, startupScript, takeStartupRequest, type Operation } from "../../../client/src/api/startup.ts";
import { scriptFor } from "../../../client/src/i18n/index.ts";
import { asOfDateTime, parseUrlState } from "../../../client/src/state/url-state.ts";
import { appWithLog } from "../../support/server.ts";

const { lines, settled, url } = appWithLog<{ path?: string; operationName?: string }>();
let endpoint: string;
beforeAll(() => {
  endpoint = `${url()}/graphql`;
});

afterEach(() => {
  delete (globalThis as { window?: unknown }).window;
  clearQueryCache();
});

type Started = { operations: Pick<Operation, "query" | "variables">[]; response: Promise<Response> };

/** Runs the inline script as a page at `search` would, with its own globals; returns what it left on window. */
function runScript(search: string, target = endpoint): Started | undefined {
  const window: { __ATLAS_STARTUP__?: Started } = {};
  runInNewContext(startupScript(target), { window, location: { search }, URLSearchParams, fetch });
  return window.__ATLAS_STARTUP__;
}

/** The keys the app's hooks ask for at this URL (app.tsx uses startupQueries with these values). */
function appKeys(search: string): string[] {
  const state = parseUrlState(search);
  return Object.values(startupQueries(scriptFor(state.lang), asOfDateTime(state.asOf))).map((op) =>
    queryKey(op.query, op.variables),
  );
}

const URLS = [
  "",
  "?lang=zh-Hant",
  "?lang=en&asOf=2014-06-30",
  "?lang=zh-Hant&asOf=2015-12-31&place=gujiao",
  "?asOf=2014-13-45",
  "?asOf=yesterday",
  "?lang=fr",
];

describe("the startup request", () => {
  it.each(URLS)("asks, at %j, for exactly the keys the app's hooks will ask for", async (search) => {
    const started = runScript(search);
    expect(started).toBeDefined();
    expect(started!.operations.map((op) => queryKey(op.query, op.variables))).toEqual(appKeys(search));
    await started!.response.then((r) => r.text());
  });

  it("is one request, whose answers the cache hands to the hooks, equal to the queries' own answers", async () => {
    const before = lines.length;
    const started = runScript("?lang=zh-Hant&asOf=2014-12-31");
    (globalThis as { window?: unknown }).window = { __ATLAS_STARTUP__: started };
    const answered = takeStartupRequest();
    expect((globalThis as { window?: { __ATLAS_STARTUP__?: unknown } }).window!.__ATLAS_STARTUP__).toBeUndefined();
    const ops = Object.values(startupQueries("HANT", "2014-12-31T23:59:59+08:00"));
    const inFlight = ops.map((op) => prefetched(queryKey(op.query, op.variables)));
    expect(inFlight.every((p) => p instanceof Promise)).toBe(true);
    const data = await Promise.all(inFlight);
    await answered;
    await settled(); // the log line is written when the response finishes
    expect(
      lines
        .slice(before)
        .filter((l) => l.path === "/graphql")
        .map((l) => l.operationName),
    ).toEqual(["batch(MapPlaces,Lookups,Indicators,ProjectCount)"]);
    // now cached, no longer in flight
    for (const [i, op] of ops.entries()) {
      expect(prefetched(queryKey(op.query, op.variables))).toBeUndefined();
      expect(cached(queryKey(op.query, op.variables))).toBe(data[i]);
    }
    const alone = await Promise.all(
      ops.map((op) => gql(op.document as Operation["document"], op.variables, { endpoint })),
    );
    expect(data).toEqual(alone);
    expect((data[0] as { places: unknown[] }).places.length).toBeGreaterThan(30);
  });

  it("hands a failed request to every hook as an ApiError, and leaves nothing cached for the retry", async () => {
    const started = runScript("", `${url()}/no-such-endpoint`);
    (globalThis as { window?: unknown }).window = { __ATLAS_STARTUP__: started };
    const answered = takeStartupRequest();
    const keys = started!.operations.map((op) => queryKey(op.query, op.variables));
    const errors = await Promise.all(
      keys.map((key) =>
        prefetched(key)!.then(
          () => null,
          (e: unknown) => e,
        ),
      ),
    );
    await answered;
    for (const [i, key] of keys.entries()) {
      expect(errors[i]).toBeInstanceOf(ApiError);
      expect((errors[i] as ApiError).code).toBe("HTTP_404");
      expect(prefetched(key)).toBeUndefined();
      expect(cached(key)).toBeUndefined();
    }
    const unreachable = runScript("", "http://127.0.0.1:9/graphql");
    (globalThis as { window?: unknown }).window = { __ATLAS_STARTUP__: unreachable };
    const op = unreachable!.operations[0];
    const key = queryKey(op.query, op.variables);
    takeStartupRequest();
    const error = await prefetched(key)!.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe("NETWORK");
  });

  it("is taken once, and a page without it asks nothing", async () => {
    (globalThis as { window?: unknown }).window = {};
    await expect(takeStartupRequest()).resolves.toBeUndefined();
    const key = appKeys("")[0];
    expect(prefetched(key)).toBeUndefined();
  });
});
