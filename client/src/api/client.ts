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

export interface RequestOptions {
  signal?: AbortSignal;
  endpoint?: string;
}

/** Run one operation; resolves with `data` or rejects with an ApiError. */
export async function gql<TData, TVars extends object = Record<string, unknown>>(
  query: string,
  variables?: TVars,
  opts: RequestOptions = {},
): Promise<TData> {
  let res: Response;
  try {
    res = await fetch(opts.endpoint ?? GRAPHQL_ENDPOINT, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      credentials: "same-origin",
      body: JSON.stringify({ query, variables: variables ?? {} }),
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiError("NETWORK", `network error: ${(err as Error).message}`);
  }
  let body: { data?: TData | null; errors?: GraphQLErrorEntry[] } | undefined;
  try {
    body = await res.json();
  } catch {
    throw new ApiError(`HTTP_${res.status}`, `HTTP ${res.status} ${res.statusText}: the response was not JSON`);
  }
  if (body?.errors?.length) {
    const code = body.errors[0].extensions?.code ?? "GRAPHQL_ERROR";
    throw new ApiError(String(code), describeGraphQLErrors(body.errors), body.errors);
  }
  if (!res.ok) throw new ApiError(`HTTP_${res.status}`, `HTTP ${res.status} ${res.statusText}`);
  if (body?.data == null) throw new ApiError("NO_DATA", "the response held no data");
  return body.data;
}
