/**
 * The SQL lane of POST /graphql: a request whose exact query text Apollo has already
 * parsed, validated (depth, aliases, tokens, cost, NUL in literals — all rules about the
 * document alone) and seen answered by the SQL executor is answered again without Apollo's
 * pipeline: check the variables for NUL, build (or reuse) the statement, run it, send.
 * Anything else — a new query text, a signed-in request, another media type, extensions,
 * a variable the executor will not take, an error — goes on to Apollo unchanged, which
 * answers it as it always has. Same bytes as Apollo's answer: `{"data":…}` and a newline.
 */
import type { NextFunction, Request, Response } from "express";
import type { DocumentNode, GraphQLSchema } from "graphql";
import type { Db } from "../db/database.ts";
import { containsNul } from "../graphql/input-guard.ts";
import { executeInSqlAsText } from "../graphql/sql-executor.ts";
import { SESSION_COOKIE } from "../modules/user/auth.service.ts";

/** Query texts remembered; the oldest is forgotten first. */
const MAX_APPROVED = 1000;

export interface SqlLane {
  /** Apollo validated this query text and the SQL executor answered it */
  approve(query: string, document: DocumentNode): void;
  middleware(req: Request, res: Response, next: NextFunction): void;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function sqlLane(opts: { schema: GraphQLSchema; db: () => Db; onAnswer?: (req: Request, operationName: string | undefined) => void }): SqlLane {
  const approved = new Map<string, DocumentNode>();

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
    const document = approved.get(query);
    if (!document || containsNul(variables)) return null;
    return { document, operationName: operationName ?? undefined, variables: variables ?? undefined };
  }

  return {
    approve(query, document) {
      if (approved.has(query)) return;
      if (approved.size >= MAX_APPROVED) approved.delete(approved.keys().next().value!);
      approved.set(query, document);
    },
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
          res.status(200).setHeader("content-type", "application/json; charset=utf-8");
          // the JSON text PostgreSQL built, as it came
          res.end(`{"data":${data}}\n`);
        },
        // Apollo runs it again and reports whatever is wrong, as it would have
        () => next(),
      );
    },
  };
}
