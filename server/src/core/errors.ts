/**
 * The one error family of the application. Each subclass carries a stable code
 * that GraphQL clients see as extensions.code and HTTP handlers map to a status.
 * Messages are lower-case and state the rule that was broken.
 */
export type ErrorCode =
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "CONFLICT"
  | "UNAVAILABLE"
  | "TIMEOUT"
  | "TOO_MANY_REQUESTS"
  | "RESULT_TOO_LARGE";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

/**
 * The input field a validation message is about, when it starts by naming one ("lng must be …",
 * "placeIds: unknown place …"): clients show their own words for the field (extensions.field)
 * instead of this English sentence.
 */
export function fieldOf(message: string): string | undefined {
  return /^([a-z][A-Za-z0-9_]*)(?::\s| must | is | has )/.exec(message)?.[1];
}

export class ValidationError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    const field = fieldOf(message);
    super("BAD_USER_INPUT", message, field && !details?.field ? { field, ...details } : details);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super("NOT_FOUND", message);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = "sign in first: this action needs an authenticated user") {
    super("UNAUTHENTICATED", message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string) {
    super("FORBIDDEN", message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super("CONFLICT", message);
  }
}

export class UnavailableError extends AppError {
  constructor(message: string) {
    super("UNAVAILABLE", message);
  }
}

/**
 * A request past its deadline, or a database statement past its timeout (then cancelled):
 * HTTP 504. The client may try again or ask for less.
 */
export class TimeoutError extends AppError {
  constructor(message: string) {
    super("TIMEOUT", message);
  }
}

export class RateLimitedError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super("TOO_MANY_REQUESTS", message, details);
  }
}

/** A read that would return (or work through) more than a request may: the client should ask for less. */
export class TooLargeError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super("RESULT_TOO_LARGE", message, details);
  }
}

/** HTTP status for an error code: the exports' and tiles' status, and a GraphQL answer's when the database is down or too slow. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case "BAD_USER_INPUT":
    case "RESULT_TOO_LARGE":
      return 400;
    case "UNAUTHENTICATED":
      return 401;
    case "FORBIDDEN":
      return 403;
    case "NOT_FOUND":
      return 404;
    case "CONFLICT":
      return 409;
    case "TOO_MANY_REQUESTS":
      return 429;
    case "UNAVAILABLE":
      return 503;
    case "TIMEOUT":
      return 504;
  }
}
