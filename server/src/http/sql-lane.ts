/**
 * The SQL lane of POST /graphql: an anonymous JSON request for an operation the SQL
 * executor covers is answered without Apollo's pipeline. The lane parses and validates a
 * query text once (with Apollo's own rules: the token limit, graphql-js's rules, armor's
 * depth/alias/directive limits and the cost rule, no NUL in literals), then per request
 * checks the variables for NUL, builds (or reuses) the statement, runs it and sends the
 * JSON PostgreSQL built. It answers one error itself: the database unavailable (503,
 * UNAVAILABLE) or the request past its deadline or statement timeout (504, TIMEOUT), which
 * Apollo would only meet again. Anything else invalid or uncovered — a document that fails
 * a rule, a signed-in request, another media type, extensions, a variable the executor will
 * not take, any other database error — goes on to Apollo unchanged, which answers it as it
 * always has. Same bytes as Apollo's answer: `{"data":…}` and a newline.
 * An answer over the request's list budget is not sent either: the budget (one per request,
 * kept from the lane to Apollo) keeps the refusal, and Apollo answers it with the
 * error, without running the statement again.
 *
 * A signed-in request goes to Apollo, except one whose operation is a single own-session
 * mutation (a report or a review) with a selection the lane can write (graphql/own-session.ts):
 * validated the same way, run by the same service in its one statement as the request's
 * session, and answered with Apollo's bytes; any refusal or failure (which writes nothing) goes
 * on to Apollo, which runs it again and answers it with its errors, as it always has. It is a
 * JSON POST, which Apollo's CSRF prevention accepts.
 *
 * It is Express middleware after the JSON parser: every request passes the same pipeline
 * (request id, log line, CORS, body limits, deadline) whichever part answers it.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { NextFunction, Request, Response } from "express";
import { createHash } from "node:crypto";
import { parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from "graphql";
import { ByteLru, type ByteLruStats } from "../graphql/byte-lru.ts";
import type { Db } from "../db/database.ts";
import { httpStatusFor, TimeoutError, UnavailableError } from "../core/errors.ts";
import { checkInputSizes, containsNul, literalHasNul } from "../graphql/input-guard.ts";
import type { ListBudget } from "../core/list-budget.ts";
import { executeInSqlAsPieces } from "../graphql/sql-executor.ts";
import { answerOwnSession, ownSessionPlan } from "../graphql/own-session.ts";
import { SESSION_COOKIE } from "./session.ts";
import { mediaTypeOf } from "./json-body.ts";

/** Answers longer than this (characters) are written in pieces rather than concatenated. */
const LARGE_ANSWER = 64 * 1024;

/** Query texts up to this length are their own cache key; longer ones are keyed by their SHA-256. */
const TEXT_KEY_CHARS = 2048;

export interface SqlLane {
  middleware(req: Request, res: Response, next: NextFunction): void;
  /** the validated-documents cache: entries and estimated bytes */
  cacheStats(): ByteLruStats;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function sqlLane(opts: {
  schema: GraphQLSchema;
  /** the request's database handle (its statements counted, its deadline kept) */
  db: (req: Request) => Db;
  /** the validation rules Apollo runs besides graphql-js's own */
  validationRules: readonly ValidationRule[];
  maxTokens: number;
  /** longer query texts are left to Apollo, which refuses them (limits.ts maxQueryChars) */
  maxQueryChars: number;
  /** estimated bytes of validated documents kept (QUERY_CACHE_MB) */
  cacheBytes: number;
  /** the request's list budget, the same in the GraphQL context if Apollo answers after all */
  budget: (req: IncomingMessage) => ListBudget;
  onAnswer?: (req: Request, operationName: string | undefined) => void;
  /**
   * Signed-in requests of one own-session mutation are answered too when given: `sessionOf` is the
   * hash of the session token the request carries and Apollo's context would use (null: none, or
   * one that does not count, such as a cookie from a foreign origin).
   */
  ownSession?: { sessionOf: (req: Request) => string | null };
}): SqlLane {
  const sessionCookie = `${SESSION_COOKIE}=`;
  // query text (or its hash) → its document when valid, null when not (Apollo then says why).
  // Bounded by bytes: what is kept is made from what requests send (issue 18).
  const checked = new ByteLru<string, DocumentNode | null>(opts.cacheBytes);
  const rules = [...specifiedRules, ...opts.validationRules];

  function documentOf(query: string): DocumentNode | null {
    if (query.length > opts.maxQueryChars) return null;
    // a long text is kept as 44 characters, not as itself (comments and all)
    const key = query.length <= TEXT_KEY_CHARS ? query : createHash("sha256").update(query).digest("base64");
    let document = checked.get(key);
    if (document !== undefined) return document;
    try {
      // no locations: the document would otherwise hold the whole text, comments included
      const parsed = parse(query, { maxTokens: opts.maxTokens, noLocation: true });
      document = validate(opts.schema, parsed, rules).length === 0 && !literalHasNul(parsed) ? parsed : null;
    } catch {
      document = null; // a syntax error or too many tokens
    }
    // the AST's JSON is a fair measure of its objects; UTF-16, so twice the characters
    checked.set(key, document, 2 * (key.length + (document ? JSON.stringify(document).length : 0)));
    return document;
  }

  type LaneRequest = { document: DocumentNode; operationName?: string; variables?: Record<string, unknown> };

  /** Apollo answers application/graphql-response+json to clients that prefer it: those are Apollo's. */
  function jsonClient(headers: IncomingMessage["headers"]): boolean {
    return !headers.accept?.includes("graphql-response");
  }

  /** Whether the request carries a session (header or cookie): the read path is for anonymous requests only. */
  function signedIn(headers: IncomingMessage["headers"]): boolean {
    return !!headers.authorization || !!headers.cookie?.includes(sessionCookie);
  }

  function operationOf(body: unknown): LaneRequest | null {
    if (!isPlainObject(body) || typeof body.query !== "string" || body.extensions !== undefined) return null;
    const { query, operationName, variables } = body;
    if (operationName != null && typeof operationName !== "string") return null;
    if (variables != null && !isPlainObject(variables)) return null;
    if (containsNul(variables)) return null;
    const document = documentOf(query);
    if (!document) return null;
    try {
      checkInputSizes(opts.schema, document, variables as Record<string, unknown> | null | undefined);
    } catch {
      return null; // Apollo refuses it, naming the argument
    }
    return { document, operationName: operationName ?? undefined, variables: variables ?? undefined };
  }

  /** Writes `{"data":…}` with the data's pieces: a small answer in one write, a large one piece by piece (no joined copy). */
  function send(res: ServerResponse, pieces: string[], headers: Record<string, string> = {}): void {
    let length = 0;
    let bytes = 10; // '{"data":' 8 and "}\n" 2
    for (const piece of pieces) {
      length += piece.length;
      bytes += Buffer.byteLength(piece);
    }
    res.writeHead(200, { ...headers, "content-type": "application/json; charset=utf-8", "content-length": bytes });
    if (length < LARGE_ANSWER) {
      res.end(`{"data":${pieces.join("")}}\n`);
      return;
    }
    res.cork();
    res.write('{"data":');
    for (const piece of pieces) res.write(piece);
    res.end("}\n"); // and uncorks
  }

  /** The database's own failure (down, or too slow), answered here as Apollo would after running it again; null for anything else. */
  function failureAnswer(error: unknown): { status: number; code: string; body: string } | null {
    if (!(error instanceof UnavailableError || error instanceof TimeoutError)) return null;
    const status = httpStatusFor(error.code);
    return {
      status,
      code: error.code,
      body: `${JSON.stringify({ errors: [{ message: error.message, extensions: { code: error.code } }] })}\n`,
    };
  }

  function sendFailure(
    res: ServerResponse,
    failure: { status: number; body: string },
    headers: Record<string, string> = {},
  ): void {
    res.writeHead(failure.status, {
      ...headers,
      ...(failure.status === 503 ? { "retry-after": "1" } : {}),
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(failure.body),
    });
    res.end(failure.body);
  }

  /**
   * A signed-in request whose operation is one own-session mutation the lane can write the
   * answer of (graphql/own-session.ts ownSessionPlan): run as the request's session, answered
   * with Apollo's bytes. Anything else, and any refusal or failure (which writes nothing), goes
   * on to Apollo, which runs it again and answers it as it always has.
   */
  function ownSessionMutation(
    req: Request,
    res: Response,
    next: NextFunction,
    own: NonNullable<typeof opts.ownSession>,
  ): void {
    const body: unknown = req.body;
    // most signed-in requests are reads: no document lookup for them
    if (!isPlainObject(body) || typeof body.query !== "string" || !body.query.includes("mutation")) {
      next();
      return;
    }
    const tokenHash = own.sessionOf(req);
    const request = tokenHash ? operationOf(body) : null;
    const plan = request ? ownSessionPlan(opts.schema, request.document, request.operationName) : null;
    if (!request || !plan || !tokenHash) {
      next();
      return;
    }
    answerOwnSession(opts.schema, plan, {
      db: opts.db(req),
      tokenHash,
      variables: request.variables,
      onUser: (user) => {
        if (req.state) req.state.role = user?.role;
      },
    }).then(
      (answer) => {
        if (answer === null) {
          next();
          return;
        }
        opts.onAnswer?.(req, request.operationName);
        res.writeHead(200, {
          "content-type": "application/json; charset=utf-8",
          "content-length": Buffer.byteLength(answer),
        });
        res.end(answer);
      },
      // written, but not answerable (a row the schema would not serialize): never run again
      (error: unknown) => next(error),
    );
  }

  return {
    cacheStats: () => checked.stats(),

    middleware(req, res, next) {
      // the header tests first: they are the cheap ones
      if (
        req.method !== "POST" ||
        !jsonClient(req.headers) ||
        mediaTypeOf(req.headers["content-type"])?.type !== "application/json"
      ) {
        next();
        return;
      }
      if (signedIn(req.headers)) {
        if (opts.ownSession) ownSessionMutation(req, res, next, opts.ownSession);
        else next();
        return;
      }
      const request = operationOf(req.body);
      if (!request) {
        next();
        return;
      }
      // eligible requests carry no session: anonymous
      executeInSqlAsPieces({
        schema: opts.schema,
        ...request,
        db: opts.db(req),
        viewer: null,
        budget: opts.budget(req),
        gone: () => res.destroyed,
      }).then(
        (data) => {
          // the client has gone (and the server may be stopping): nobody to answer, nothing to run again
          if (res.destroyed) return;
          if (data === null) {
            next();
            return;
          }
          opts.onAnswer?.(req, request.operationName);
          send(res, data);
        },
        (error: unknown) => {
          if (res.destroyed) return;
          const failure = failureAnswer(error);
          if (failure) {
            opts.onAnswer?.(req, request.operationName);
            req.state?.errorCodes.push(failure.code);
            return sendFailure(res, failure);
          }
          // Apollo runs it again and reports whatever is wrong, as it would have (an answer over
          // the list budget: the budget refuses it there without running it again)
          next();
        },
      );
    },
  };
}
