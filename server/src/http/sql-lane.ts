/**
 * The SQL lane of POST /graphql: an anonymous JSON request for an operation the SQL
 * executor covers is answered without Apollo's pipeline. The lane parses and validates a
 * query text once (with Apollo's own rules: the token limit, graphql-js's rules, armor's
 * depth/alias/directive limits and the cost rule, no NUL in literals), then per request
 * checks the variables for NUL, builds (or reuses) the statement, runs it and sends the
 * JSON PostgreSQL built. It never answers an error: anything invalid or uncovered — a
 * document that fails a rule, a signed-in request, another media type, extensions, a
 * variable the executor will not take, a database error — goes on to Apollo unchanged,
 * which answers it as it always has. Same bytes as Apollo's answer: `{"data":…}` and a newline.
 */
import type { NextFunction, Request, Response } from "express";
import { parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from "graphql";
import type { Db } from "../db/database.ts";
import { containsNul, literalHasNul } from "../graphql/input-guard.ts";
import { executeInSqlAsText } from "../graphql/sql-executor.ts";
import { SESSION_COOKIE } from "../modules/user/auth.service.ts";

/** Answers longer than this (characters) are written in pieces rather than concatenated. */
const LARGE_ANSWER = 64 * 1024;

/** Query texts whose validation is remembered; the oldest is forgotten first. */
const MAX_QUERY_TEXTS = 1000;

export interface SqlLane {
  middleware(req: Request, res: Response, next: NextFunction): void;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function sqlLane(opts: {
  schema: GraphQLSchema;
  db: () => Db;
  /** the validation rules Apollo runs besides graphql-js's own */
  validationRules: readonly ValidationRule[];
  maxTokens: number;
  onAnswer?: (req: Request, operationName: string | undefined) => void;
}): SqlLane {
  // query text → its document when valid, null when not (Apollo then says why)
  const checked = new Map<string, DocumentNode | null>();
  const rules = [...specifiedRules, ...opts.validationRules];

  function documentOf(query: string): DocumentNode | null {
    let document = checked.get(query);
    if (document !== undefined) return document;
    try {
      const parsed = parse(query, { maxTokens: opts.maxTokens });
      document = validate(opts.schema, parsed, rules).length === 0 && !literalHasNul(parsed) ? parsed : null;
    } catch {
      document = null; // a syntax error or too many tokens
    }
    if (checked.size >= MAX_QUERY_TEXTS) checked.delete(checked.keys().next().value!);
    checked.set(query, document);
    return document;
  }

  function eligible(req: Request): { document: DocumentNode; operationName?: string; variables?: Record<string, unknown> } | null {
    if (req.method !== "POST" || !req.is("application/json")) return null;
    // Apollo answers application/graphql-response+json to clients that prefer it
    if (req.headers.accept?.includes("graphql-response")) return null;
    // a signed-in request goes through the session check
    if (req.headers.authorization || req.headers.cookie?.includes(`${SESSION_COOKIE}=`)) return null;
    const body: unknown = req.body;
    if (!isPlainObject(body) || typeof body.query !== "string" || body.extensions !== undefined) return null;
    const { query, operationName, variables } = body;
    if (operationName != null && typeof operationName !== "string") return null;
    if (variables != null && !isPlainObject(variables)) return null;
    if (containsNul(variables)) return null;
    const document = documentOf(query);
    if (!document) return null;
    return { document, operationName: operationName ?? undefined, variables: variables ?? undefined };
  }

  return {
    middleware(req, res, next) {
      const request = eligible(req);
      if (!request) {
        next();
        return;
      }
      executeInSqlAsText({ schema: opts.schema, ...request, db: opts.db() }).then(
        (data) => {
          if (data === null) {
            next();
            return;
          }
          opts.onAnswer?.(req, request.operationName);
          // the JSON text PostgreSQL built, as it came: one write (headers and body in one
          // syscall), or three for a large answer, which is then not copied once more
          res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(data) + 10 });
          if (data.length < LARGE_ANSWER) {
            res.end(`{"data":${data}}\n`);
          } else {
            res.write('{"data":'); // 8 bytes, and "}\n" 2
            res.write(data);
            res.end("}\n");
          }
        },
        // Apollo runs it again and reports whatever is wrong, as it would have
        () => next(),
      );
    },
  };
}
