/**
 * What a failed request says to the reader, in the reader's language: chosen by the error's
 * `extensions.code` (and the field it names), never by the server's English text, which is
 * kept as a detail where the code alone says too little.
 */
import { ApiError } from "../api/client.ts";
import type { MessageKey, Translate } from "../i18n/index.ts";

/** Where the error happened, when a code means something more precise there (UNAUTHENTICATED at sign-in: wrong credentials). */
export type ErrorContext = "signIn";

export interface ErrorText {
  /** the localized sentence */
  message: string;
  /** the server's own words, for codes the catalogue does not know or whose rule the code does not say */
  detail: string | null;
}

/** Codes whose sentence says everything: the server's text would only repeat it, in English. */
const SELF_EXPLANATORY = new Set([
  "UNAUTHENTICATED",
  "NETWORK",
  "TOO_MANY_REQUESTS",
  "UNAVAILABLE",
  "TIMEOUT",
  "INTERNAL_SERVER_ERROR",
  "NOT_FOUND",
]);

function has(t: Translate, key: string): key is MessageKey {
  return t(key as MessageKey) !== key;
}

/** The code and the named field of an error: an ApiError's, or NETWORK/unknown for anything else. */
export function errorCode(err: unknown): { code: string; field: string | null } {
  if (err instanceof ApiError) {
    const first = err.errors[0]?.extensions;
    const field = typeof first?.field === "string" ? first.field : null;
    const code = err.code.startsWith("HTTP_") || err.code === "NO_DATA" ? "BAD_RESPONSE" : err.code;
    return { code, field };
  }
  if (err instanceof TypeError) return { code: "NETWORK", field: null };
  return { code: "UNKNOWN", field: null };
}

export function errorText(err: unknown, t: Translate, context?: ErrorContext): ErrorText {
  const { code, field } = errorCode(err);
  const serverText = err instanceof Error ? err.message : String(err);
  const contextual = context ? `error.${context}.${code}` : null;
  if (contextual && has(t, contextual)) return { message: t(contextual), detail: null };
  if (code === "BAD_USER_INPUT" && field) {
    const label = has(t, `field.${field}`) ? t(`field.${field}` as MessageKey) : field;
    return { message: t("error.BAD_USER_INPUT.field", { field: label }), detail: serverText };
  }
  const key = `error.${code}`;
  if (has(t, key)) return { message: t(key), detail: SELF_EXPLANATORY.has(code) ? null : serverText };
  return { message: t("error.unknown"), detail: serverText };
}
