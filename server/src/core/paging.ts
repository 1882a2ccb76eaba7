/** Opaque keyset cursors and page-size rules shared by every connection. */
import { ValidationError } from "./errors.ts";

export const MAX_PAGE_SIZE = 100;

/** Checks `first`: 0..100; more is refused, never silently clamped. */
export function checkFirst(first: number | null | undefined, fallback: number, name = "first"): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 0 || n > MAX_PAGE_SIZE) {
    throw new ValidationError(`${name} must be an integer from 0 to ${MAX_PAGE_SIZE}, got ${n}`);
  }
  return n;
}

/** Encodes a sort key (and the ordering it belongs to) as an opaque cursor. */
export function encodeCursor(order: string, key: (string | number)[]): string {
  return Buffer.from(JSON.stringify([order, ...key])).toString("base64url");
}

/**
 * Decodes a cursor made by encodeCursor for the same ordering, with a key of `length` elements (or of
 * any of those lengths: an ordering whose key has grown still reads its older cursors); throws on anything else.
 */
export function decodeCursor(
  cursor: string | null | undefined,
  order: string,
  length: number | readonly number[],
): (string | number)[] | null {
  if (cursor == null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new ValidationError("after: not a cursor returned by this API");
  }
  const lengths = typeof length === "number" ? [length] : length;
  if (!Array.isArray(parsed) || !lengths.includes(parsed.length - 1) || parsed[0] !== order) {
    throw new ValidationError(
      `after: the cursor belongs to another query or ordering (expected one from a ${order} page)`,
    );
  }
  const key = parsed.slice(1);
  if (!key.every((v) => typeof v === "string" || (typeof v === "number" && Number.isFinite(v)))) {
    throw new ValidationError("after: not a cursor returned by this API");
  }
  return key as (string | number)[];
}
