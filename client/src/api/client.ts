import type { TypedDocumentString } from "./gql/graphql.ts";

/**
 * The one GraphQL client: POST application/json to /graphql on the same
 * origin, typed results, and errors that say what happened.
 */

export interface GraphQLErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [k: string]: unknown };
}

/** A failed request: the network, the HTTP status or the GraphQL errors, described for people. */
export class ApiError extends Error {
  readonly code: string;
  readonly errors: GraphQLErrorEntry[];
  constructor(code: string, message: string, errors: GraphQLErrorEntry[] = []) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.errors = errors;
  }
}

/** "CODE: message" for each GraphQL error, joined; the codes come from extensions.code. */
export function describeGraphQLErrors(errors: GraphQLErrorEntry[]): string {
  return errors
    .map((e) => {
      const code = e.extensions?.code;
      const where = e.path?.length ? ` (at ${e.path.join(".")})` : "";
      return `${code ? `${code}: ` : ""}${e.message}${where}`;
    })
    .join("; ");
}

export const GRAPHQL_ENDPOINT = "/graphql";
/** The most operations one request carries: the server's LIMITS.maxBatch (server/src/graphql/limits.ts). */
export const MAX_BATCH = 10;

export interface RequestOptions {
  signal?: AbortSignal;
  endpoint?: string;
}

type Payload = { query: string; variables: Record<string, unknown> };
type Answer = { data?: unknown; errors?: GraphQLErrorEntry[] } | undefined;

/**
 * Run one operation (a `graphql()` document, whose result and variable types it carries);
 * resolves with `data` or rejects with an ApiError.
 *
 * Queries asked for in the same task (the app's first render asks for several) go out
 * together, as one POST of a JSON array that the server answers with the array of their
 * answers: a browser pays for each request it starts. A query asked for alone goes out
 * alone; a mutation always does. Aborting one query of a
 * batch rejects it at once; the request is cancelled when all of its queries are.
 */
export function gql<TData, TVars>(
  document: TypedDocumentString<TData, TVars>,
  variables?: TVars,
  opts: RequestOptions = {},
): Promise<TData> {
  const query = document.toString();
  const payload: Payload = { query, variables: (variables ?? {}) as Record<string, unknown> };
  const endpoint = opts.endpoint ?? GRAPHQL_ENDPOINT;
  if (!/^\s*(query\b|\{)/.test(query))
    return send(endpoint, payload, opts.signal).then(({ res, body }) => dataOf<TData>(res, body as Answer));
  return new Promise<TData>((resolve, reject) => {
    if (opts.signal?.aborted) {
      reject(abortError());
      return;
    }
    const queued: Queued = { payload, signal: opts.signal, ...settler(resolve, reject) };
    opts.signal?.addEventListener("abort", () => reject(abortError()), { once: true });
    let queue = queues.get(endpoint);
    if (!queue) {
      queues.set(endpoint, (queue = []));
      queueMicrotask(() => flush(endpoint));
    }
    queue.push(queued);
  });
}

interface Queued {
  payload: Payload;
  signal?: AbortSignal;
  settle: (res: Response, body: Answer) => void;
  reject: (error: Error) => void;
}

/** Queries waiting for the end of the task that asked for them, per endpoint. */
const queues = new Map<string, Queued[]>();

function flush(endpoint: string): void {
  const waiting = (queues.get(endpoint) ?? []).filter((q) => !q.signal?.aborted);
  queues.delete(endpoint);
  for (let i = 0; i < waiting.length; i += MAX_BATCH) sendBatch(endpoint, waiting.slice(i, i + MAX_BATCH));
}

function sendBatch(endpoint: string, batch: Queued[]): void {
  if (batch.length === 1) {
    const [q] = batch;
    send(endpoint, q.payload, q.signal).then(({ res, body }) => q.settle(res, body as Answer), q.reject);
    return;
  }
  const ctrl = new AbortController();
  let open = batch.length;
  for (const q of batch) q.signal?.addEventListener("abort", () => --open === 0 && ctrl.abort(), { once: true });
  deliver(
    batch,
    send(
      endpoint,
      batch.map((q) => q.payload),
      ctrl.signal,
    ),
  );
}

/** How a waiting operation is settled: with its data, or the ApiError its answer calls for. */
function settler<TData>(
  resolve: (data: TData) => void,
  reject: (error: Error) => void,
): Pick<Queued, "settle" | "reject"> {
  return {
    settle: (res, body) => {
      try {
        resolve(dataOf<TData>(res, body));
      } catch (error) {
        reject(error as Error);
      }
    },
    reject,
  };
}

/** Settles each operation of a batch from the batch's one response, or rejects them all with its failure. */
function deliver(
  batch: Pick<Queued, "settle" | "reject">[],
  response: Promise<{ res: Response; body: unknown }>,
): void {
  response.then(
    ({ res, body }) => settleBatch(batch, res, body),
    (error: Error) => batch.forEach((q) => q.reject(error)),
  );
}

/** Hands each operation of a batch its answer; a refused batch's errors, an error status or a wrong answer go to all of them. */
function settleBatch(batch: Pick<Queued, "settle">[], res: Response, body: unknown): void {
  if (Array.isArray(body) && body.length === batch.length) {
    batch.forEach((q, i) => q.settle(res, body[i] as Answer));
    return;
  }
  // an error status without GraphQL errors is said as the status (dataOf)
  const answer: Answer =
    !Array.isArray(body) && (body as Answer)?.errors
      ? (body as Answer)
      : res.ok
        ? {
            errors: [
              {
                message: `the server answered a batch of ${batch.length} operations with something else`,
                extensions: { code: "BAD_RESPONSE" },
              },
            ],
          }
        : undefined;
  for (const q of batch) q.settle(res, answer);
}

/**
 * The data of each operation of a batch that is already on its way: the page's startup request,
 * which an inline script in index.html made before this code was loaded (api/startup.ts). One
 * promise per operation, in order, settled as gql settles its own.
 */
export function batchData(response: Promise<Response>, count: number): Promise<unknown>[] {
  const batch: Pick<Queued, "settle" | "reject">[] = [];
  const answers = Array.from(
    { length: count },
    () => new Promise<unknown>((resolve, reject) => batch.push(settler(resolve, reject))),
  );
  deliver(batch, receive(response));
  return answers;
}

function abortError(): Error {
  return new DOMException("The operation was aborted.", "AbortError");
}

/** POSTs a JSON body; resolves with the response and its parsed JSON, or rejects with an ApiError (or the AbortError). */
function send(
  endpoint: string,
  payload: Payload | Payload[],
  signal?: AbortSignal,
): Promise<{ res: Response; body: unknown }> {
  return receive(
    fetch(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      credentials: "same-origin",
      body: JSON.stringify(payload),
      signal,
    }),
  );
}

/** A response and its parsed JSON, or an ApiError that says which of the two failed (an abort stays the AbortError). */
async function receive(response: Promise<Response>): Promise<{ res: Response; body: unknown }> {
  let res: Response;
  try {
    res = await response;
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiError("NETWORK", `network error: ${(err as Error).message}`);
  }
  try {
    return { res, body: await res.json() };
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiError(`HTTP_${res.status}`, `HTTP ${res.status} ${res.statusText}: the response was not JSON`);
  }
}

/** An operation's data, or the ApiError its answer (or the response's status) calls for. */
function dataOf<TData>(res: Response, body: Answer): TData {
  if (body?.errors?.length) {
    const code = body.errors[0].extensions?.code ?? "GRAPHQL_ERROR";
    throw new ApiError(String(code), describeGraphQLErrors(body.errors), body.errors);
  }
  if (!res.ok) throw new ApiError(`HTTP_${res.status}`, `HTTP ${res.status} ${res.statusText}`);
  if (body?.data == null) throw new ApiError("NO_DATA", "the response held no data");
  return body.data as TData;
}
