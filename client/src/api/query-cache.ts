/**
 * Answers by query and variables, shared by the hooks (use-query.ts) and the
 * startup request (startup.ts), which is made before React exists: an answer
 * that has arrived is in the cache for the app's first render; one still on its
 * way is handed to the hook that asks for the same key, instead of a second request.
 */
const cache = new Map<string, unknown>();
const CACHE_LIMIT = 200;
/** answers of the startup request still on their way, by key */
const inFlight = new Map<string, Promise<unknown>>();

/** The cache key of one operation: the same text and variables (in the same order) are the same answer. */
export function queryKey(query: string, variables: object): string {
  return JSON.stringify([query, variables]);
}

export function cached<T>(key: string): T | undefined {
  return cache.get(key) as T | undefined;
}

export function remember(key: string, data: unknown): void {
  if (cache.size > CACHE_LIMIT) cache.clear();
  cache.set(key, data);
}

export function forget(key: string): void {
  cache.delete(key);
  inFlight.delete(key);
}

/** Forget every cached response (after signing in or out, or filing a report: what the server shows may differ). */
export function clearQueryCache(): void {
  cache.clear();
  inFlight.clear();
}

/** The startup request's answer for this key, if it is still on its way. */
export function prefetched<T>(key: string): Promise<T> | undefined {
  return inFlight.get(key) as Promise<T> | undefined;
}

/** An answer already on its way (the page's startup request), for the hook that asks for this key to take over. */
export function awaitAnswer(key: string, request: Promise<unknown>): void {
  inFlight.set(key, request);
  request.then(
    (data) => {
      if (inFlight.get(key) !== request) return;
      inFlight.delete(key);
      remember(key, data);
    },
    () => {
      if (inFlight.get(key) === request) inFlight.delete(key);
    },
  );
}
