/**
 * GraphQL subscriptions over the graphql-ws protocol (WebSocket upgrades of /graphql on the app's
 * HTTP server). Queries and mutations stay on HTTP POST; this socket serves subscriptions only.
 *
 * Who: the same sessions as HTTP — a bearer token in connectionParams (`{ authorization: "Bearer …" }`)
 * or the session cookie of the upgrade request. A browser's upgrade must come from the server's own
 * origin or CORS_ORIGINS (a cross-site page could otherwise ride the user's cookie).
 * Limits: subscriptions per connection, connections per client address, message size and the
 * time to send connection_init; each refusal is a graphql-ws error or close code with a reason.
 */
import type http from "node:http";
import type { Duplex } from "node:stream";
import {
  GraphQLError,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type GraphQLSchema,
  type ValidationRule,
  type ExecutionResult,
  type GraphQLFormattedError,
} from "graphql";
import { WebSocketServer, type WebSocket } from "ws";
import { CloseCode } from "graphql-ws";
import { useServer, type Extra } from "graphql-ws/use/ws";
import type { Db } from "../db/database.ts";
import type { Logger } from "../logger.ts";
import { sessionForToken } from "../modules/user/auth.service.ts";
import { bearerIn, sessionCookieIn } from "../http/session.ts";
import type { ReportEventHub } from "../modules/report/report-events.ts";
import type { SubscriptionContext } from "../modules/report/report-events.resolver.ts";
import { createContext } from "./context.ts";
import type { SessionUser } from "../core/actor.ts";
import { formatError } from "./format-error.ts";
import { LIMITS } from "./limits.ts";
import { requestIdOf } from "../http/request-meta.ts";

export interface SubscriptionLimits {
  /** open subscriptions on one connection */
  perConnection: number;
  /** open connections from one client address */
  perAddress: number;
  /** bytes of one incoming message */
  messageBytes: number;
  /** milliseconds between the upgrade and connection_init */
  initTimeoutMs: number;
}

const SUBSCRIPTION_LIMITS: SubscriptionLimits = {
  perConnection: 10,
  perAddress: 20,
  messageBytes: 64 * 1024,
  initTimeoutMs: 10_000,
};

/** Close code for a connection over the per-address limit (graphql-ws clients do not retry it). */
const TOO_MANY_CONNECTIONS = CloseCode.TooManyInitialisationRequests;
/** Close code for a token that names no live session. */
const BAD_TOKEN = CloseCode.Forbidden;
/** Close code when the server stops (RFC 6455: going away). */
const GOING_AWAY = 1001;

interface Session {
  user: SessionUser | null;
  tokenHash: string | null;
  requestId: string;
  address: string;
}

type Ctx = { extra: Extra & { session?: Session } };

export interface SubscriptionServer {
  /** Open WebSocket connections. */
  connections(): number;
  /** Closes every connection with 1001 and stops accepting upgrades. */
  close(): Promise<void>;
}

/** Serves graphql-ws on `path` of httpServer. */
export function attachSubscriptions(opts: {
  httpServer: http.Server;
  schema: GraphQLSchema;
  db: () => Db;
  hub: ReportEventHub;
  logger: Logger;
  corsOrigins: string[];
  validationRules: readonly ValidationRule[];
  sessionTtlSeconds: number;
  limits?: Partial<SubscriptionLimits>;
  path?: string;
}): SubscriptionServer {
  const limits = { ...SUBSCRIPTION_LIMITS, ...opts.limits };
  const path = opts.path ?? "/graphql";
  const { logger } = opts;
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.messageBytes });
  const perAddress = new Map<string, number>();
  let closing = false;

  const refuseUpgrade = (socket: Duplex, status: number, reason: string, message: string) => {
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\ncontent-type: text/plain; charset=utf-8\r\nconnection: close\r\ncontent-length: ${Buffer.byteLength(message)}\r\n\r\n${message}`,
    );
  };

  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = new URL(req.url ?? "/", "http://x").pathname;
    if (pathname !== path)
      return refuseUpgrade(socket, 404, "Not Found", `WebSocket connections are served on ${path} only`);
    if (closing) return refuseUpgrade(socket, 503, "Service Unavailable", "the server is shutting down");
    const origin = req.headers.origin;
    if (origin && !sameOrigin(origin, req) && !opts.corsOrigins.includes(origin)) {
      return refuseUpgrade(socket, 403, "Forbidden", `origin ${origin} is not allowed`);
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const address = req.socket.remoteAddress ?? "unknown";
      const open = (perAddress.get(address) ?? 0) + 1;
      if (open > limits.perAddress) {
        ws.close(TOO_MANY_CONNECTIONS, `too many connections from ${address}: at most ${limits.perAddress}`);
        return;
      }
      perAddress.set(address, open);
      ws.once("close", () => {
        const n = (perAddress.get(address) ?? 1) - 1;
        if (n <= 0) perAddress.delete(address);
        else perAddress.set(address, n);
      });
      wss.emit("connection", ws, req);
    });
  };
  opts.httpServer.on("upgrade", onUpgrade);

  const report = (error: unknown) => {
    logger.error({ err: error }, "internal error in a graphql subscription");
    return undefined;
  };
  const formatted = (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((e) => formatError(e.toJSON(), e, report));

  const disposable = useServer<Record<string, unknown> | undefined, { session?: Session }>(
    {
      schema: opts.schema,
      connectionInitWaitTimeout: limits.initTimeoutMs,
      onConnect: async (ctx) => {
        const { request, socket } = ctx.extra;
        const params = ctx.connectionParams ?? {};
        const header = params.authorization ?? params.Authorization;
        let token: string | null;
        if (typeof header === "string" && header !== "") {
          token = bearerIn(header);
        } else {
          // the upgrade's origin was checked above, as a cookie's is on HTTP
          token = sessionCookieIn(request.headers.cookie);
        }
        const session = await sessionForToken(opts.db(), token);
        if (token && !session.user && typeof header === "string" && header !== "") {
          socket.close(
            BAD_TOKEN,
            "authorization: the token is invalid, expired or revoked; sign in again or connect without it",
          );
          return false;
        }
        (ctx.extra as { session?: Session }).session = {
          ...session,
          requestId: requestIdOf(request.headers["x-request-id"]),
          address: request.socket.remoteAddress ?? "unknown",
        };
        logger.info(
          {
            requestId: (ctx.extra as { session?: Session }).session!.requestId,
            role: session.user?.role ?? "anonymous",
          },
          "graphql-ws connection",
        );
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        const open = Object.keys(ctx.subscriptions).length;
        if (open > limits.perConnection) {
          return [
            refusal(
              `at most ${limits.perConnection} subscriptions per connection: complete one before starting another`,
              "TOO_MANY_REQUESTS",
            ),
          ];
        }
        let document;
        try {
          document = parse(payload.query, { maxTokens: LIMITS.maxTokens });
        } catch (error) {
          return [refusal((error as Error).message, "GRAPHQL_PARSE_FAILED")];
        }
        const errors = validate(opts.schema, document, [...specifiedRules, ...opts.validationRules]);
        if (errors.length) return errors.map((e) => refusal(e.message, "GRAPHQL_VALIDATION_FAILED"));
        const operation = getOperationAST(document, payload.operationName);
        if (!operation)
          return [
            refusal("name the operation to run (operationName): the document holds several, or none", "BAD_REQUEST"),
          ];
        if (operation.operation !== "subscription") {
          return [
            refusal(
              `this WebSocket serves subscriptions only; send a ${operation.operation} as an HTTP POST to ${path}`,
              "BAD_REQUEST",
            ),
          ];
        }
        const session = (ctx as Ctx).extra.session!;
        const contextValue: SubscriptionContext = Object.assign(
          createContext({
            db: opts.db(),
            user: session.user,
            tokenHash: session.tokenHash,
            requestId: session.requestId,
            clientAddress: session.address,
            log: logger.child({ requestId: session.requestId }),
            sessionTtlSeconds: opts.sessionTtlSeconds,
            secureCookies: false,
          }),
          { reportEvents: opts.hub },
        );
        logger.info(
          {
            requestId: session.requestId,
            operationName: operation.name?.value,
            role: session.user?.role ?? "anonymous",
          },
          "subscription started",
        );
        return {
          schema: opts.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
        };
      },
      onNext: (_ctx, _id, _payload, _args, result: ExecutionResult) => {
        if (!result.errors?.length) return;
        return { ...result, errors: formatted(result.errors) };
      },
      onError: (_ctx, _id, _payload, errors) => formatted(errors),
    },
    wss,
  );

  return {
    connections: () => wss.clients.size,
    async close() {
      closing = true;
      opts.httpServer.off("upgrade", onUpgrade);
      const open = [...wss.clients];
      await Promise.all(
        open.map(
          (ws: WebSocket) =>
            new Promise<void>((resolve) => {
              if (ws.readyState === ws.CLOSED) return resolve();
              ws.once("close", () => resolve());
              ws.close(GOING_AWAY, "the server is shutting down");
              // a peer that never answers the close frame is cut off
              setTimeout(() => ws.terminate(), 2000).unref();
            }),
        ),
      );
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function refusal(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

/** The upgrade comes from a page of this server (its Host), as a same-origin HTTP request does. */
function sameOrigin(origin: string, req: http.IncomingMessage): boolean {
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
