/**
 * Shapes errors for clients: AppErrors keep their code and message; GraphQL's own
 * validation errors keep theirs; anything else is masked as an internal error
 * with the request id, and logged in full.
 */
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { AppError } from "../core/errors.ts";

const KNOWN_CODES = new Set([
  "BAD_USER_INPUT",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "NOT_FOUND",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "CONFLICT",
  "UNAVAILABLE",
  "TIMEOUT",
  "TOO_MANY_REQUESTS",
  "RESULT_TOO_LARGE",
]);

/** The client-facing form of an error; `report` receives what was masked. */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  report: (error: unknown) => string | undefined,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) {
    return {
      ...formatted,
      message: original.message,
      extensions: { code: original.code, ...(original.details ?? {}) },
    };
  }
  // type-graphql's authorization failure
  if (original instanceof Error && original.name === "AuthorizationError") {
    return {
      ...formatted,
      message: "sign in first: this action needs an authenticated user",
      extensions: { code: "UNAUTHENTICATED" },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === "string" && KNOWN_CODES.has(code)) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  if (
    original instanceof GraphQLError &&
    original.extensions?.code &&
    KNOWN_CODES.has(String(original.extensions.code))
  ) {
    return { ...formatted, extensions: { code: original.extensions.code } };
  }
  // Apollo's own refusals of a request (an unsupported persisted-query version, a hash that
  // does not match the query) carry a 4xx HTTP status but no code: they are the client's error
  const status =
    original instanceof GraphQLError
      ? (original.extensions?.http as { status?: number } | undefined)?.status
      : undefined;
  if (status !== undefined && status >= 400 && status < 500) {
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: "BAD_REQUEST" },
    };
  }
  const requestId = report(original);
  return {
    message: `internal server error${requestId ? ` (request ${requestId})` : ""}`,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: "INTERNAL_SERVER_ERROR", ...(requestId ? { requestId } : {}) },
  };
}
