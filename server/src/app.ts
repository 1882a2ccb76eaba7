/**
 * createApp(config) → { start, stop }: the HTTP server (Express 5) with the
 * GraphQL endpoint (Apollo Server 5), exports, health checks and the client.
 * Importing this module has no side effects.
 */
import "reflect-metadata";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { CLIENT_DIST } from "./paths.ts";
import express, { type NextFunction, type Request, type Response } from "express";
import { ApolloServer, HeaderMap } from "@apollo/server";
import { GraphQLError } from "graphql";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { Config } from "./config.ts";
import { deadline, openDatabase, scopedDb, type Database, type Db, type RequestScope } from "./db/database.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { createContext, deferSession, type Context } from "./graphql/context.ts";
import { looksUpOwnSession } from "./graphql/own-session.ts";
import { formatError } from "./graphql/format-error.ts";
import { armor, LIMITS } from "./graphql/limits.ts";
import { ListBudget } from "./core/list-budget.ts";
import { getSchema } from "./graphql/schema.ts";
import { configureStatementCache, executeInSql, statementCacheStats } from "./graphql/sql-executor.ts";
import type { Logger } from "./logger.ts";
import { AppError, TooLargeError, httpStatusFor } from "./core/errors.ts";
import { seedIfEmpty } from "./seed.ts";
import { refreshGeocodingForms } from "./modules/place/place.service.ts";
import { exportRouter } from "./http/exports.ts";
import { sqlLane, type SqlLane } from "./http/sql-lane.ts";
import { jsonBody } from "./http/json-body.ts";
import type { ByteLruStats } from "./graphql/byte-lru.ts";
import { tilesRouter } from "./http/tiles.ts";
import { ogcRouter } from "./http/ogc.ts";
import { corsHeadersFor, msSince, requestIdOf } from "./http/request-meta.ts";
import { SESSION_TTL_SECONDS, ensureAdmin, hashToken, sessionForToken } from "./modules/user/auth.service.ts";
import { requestToken } from "./http/session.ts";
import { flushAnnouncements, ReportEventHub } from "./modules/report/report-events.ts";
import { attachSubscriptions, type SubscriptionLimits, type SubscriptionServer } from "./graphql/subscriptions.ts";

export interface App {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** http://host:port once started */
  url(): string;
  database(): Database;
  /** entries and estimated bytes of the caches filled from requests (QUERY_CACHE_MB, STATEMENT_CACHE_MB) */
  cacheStats(): { queries: ByteLruStats; statements: ByteLruStats };
  /** the live report events of this process (Subscription.reportEvents) */
  reportEvents(): ReportEventHub;
  /** open graphql-ws connections */
  subscriptionConnections(): number;
}

interface RequestState {
  requestId: string;
  /** its statements and deadline (db/database.ts), kept by its database handle (dbOf) */
  scope: RequestScope;
  db?: Db;
  operationName?: string;
  errorCodes: string[];
  role?: string;
  /** "sql" when the SQL executor answered the operation inside Apollo, "sql-lane" when the lane did, before Apollo */
  executor?: "sql" | "sql-lane";
}

declare module "express-serve-static-core" {
  interface Request {
    state?: RequestState;
  }
}

/**
 * Builds the application; nothing is opened or bound until start(). Tests may pass their
 * database, and a smaller list budget (LIMITS.maxListItems) to reach it with the seeded plan.
 */
export async function createApp(
  config: Config,
  logger: Logger,
  opts: {
    database?: Database;
    maxListItems?: number;
    /** where to LISTEN for report events when the database is passed in (default DATABASE_LISTEN_URL, then DATABASE_URL) */
    listenUrl?: string | null;
    subscriptionLimits?: Partial<SubscriptionLimits>;
    /** how long report events keep listening after the last subscriber has left (default 30 s) */
    listenIdleMs?: number;
  } = {},
): Promise<App> {
  const maxListItems = opts.maxListItems ?? LIMITS.maxListItems;
  // one list budget per request, from the SQL lane to the GraphQL context
  const budgets = new WeakMap<http.IncomingMessage, ListBudget>();
  const budgetOf = (req: http.IncomingMessage): ListBudget => {
    let budget = budgets.get(req);
    if (!budget) budgets.set(req, (budget = new ListBudget(maxListItems)));
    return budget;
  };
  let db: Database | null = opts.database ?? null;
  const ownsDatabase = !opts.database;
  const httpServer = http.createServer();
  let apollo: ApolloServer<Context> | null = null;
  let hub: ReportEventHub | null = null;
  let subscriptions: SubscriptionServer | null = null;
  let started = false;
  let laneOfApp: SqlLane | null = null;
  if (config.statementCacheBytes !== statementCacheStats().maxBytes)
    configureStatementCache(config.statementCacheBytes);
  // connections accepted so far, for acceptQueued (below)
  let accepted = 0;
  httpServer.on("connection", () => accepted++);

  async function start(): Promise<void> {
    db ??= await openDatabase(config, {
      statementTimeoutMs: config.statementTimeoutMs,
      preparedStatements: config.databasePreparedStatements,
      // a request does not wait for a connection longer than it may take
      acquireTimeoutMs: config.requestDeadlineMs > 0 ? Math.min(5000, config.requestDeadlineMs) : 5000,
      warn: (message, error) => logger.warn({ err: error }, message),
    });
    logger.info({ database: db.kind === "pg" ? "server" : `embedded (${config.dataDir})` }, "database open");
    await migrateToLatest(db.db);
    if (config.seedOnBoot) await seedIfEmpty(db.db, logger);
    await refreshGeocodingForms(db.db);
    if (config.adminPassword) await ensureAdmin(db.db, config.adminPassword, logger);

    const protection = armor(config.production);
    const schema = await getSchema();
    /** The request's database handle: its statements counted in its log line, refused past its deadline. */
    const dbOf = (req: Request): Db => {
      const state = req.state!;
      return (state.db ??= scopedDb(db!.db, state.scope));
    };
    const lane = (laneOfApp = sqlLane({
      schema,
      db: dbOf,
      validationRules: protection.validationRules,
      maxTokens: LIMITS.maxTokens,
      maxQueryChars: LIMITS.maxQueryChars,
      cacheBytes: config.queryCacheBytes,
      budget: budgetOf,
      // the session the context would find: a bearer token, or a cookie from this origin or an allowed one
      ownSession: {
        sessionOf: (req) => {
          const token = requestToken(req, config.corsOrigins);
          return token && token !== "invalid" ? hashToken(token) : null;
        },
      },
      onAnswer: (req, operationName) => {
        if (!req.state) return;
        req.state.operationName = operationName;
        req.state.executor = "sql-lane";
      },
    }));
    apollo = new ApolloServer<Context>({
      schema,
      introspection: true,
      // arrays of operations are runBatch's (below), one operation at a time
      allowBatchedHttpRequests: false,
      // main.ts owns SIGTERM/SIGINT: drain, close the database, exit 0
      stopOnTerminationSignals: false,
      csrfPrevention: true,
      includeStacktraceInErrorResponses: false,
      validationRules: [...protection.validationRules],
      plugins: [
        ...protection.plugins,
        ApolloServerPluginDrainHttpServer({ httpServer }),
        ApolloServerPluginCacheControlDisabled(),
        ApolloServerPluginLandingPageDisabled(),
        {
          async requestDidStart({ contextValue, request }) {
            const state = (contextValue as Context & { state?: RequestState }).state;
            if (state) state.operationName = request.operationName ?? undefined;
            return {
              // reads the SQL executor covers are answered by one statement; anything else
              // (or anything it is unsure of) goes on to graphql-js and the resolvers
              async responseForOperation({
                schema,
                document,
                operation,
                operationName,
                request,
                contextValue: context,
              }) {
                // no operation of that name: Apollo still asks, with operationName null, and graphql-js refuses it;
                // a session not looked up yet (mutations only) is nobody the executor can answer for
                if (!config.sqlExecutor || !operation || operation.operation !== "query" || context.pendingSession)
                  return null;
                try {
                  const result = await executeInSql({
                    schema,
                    document,
                    operationName,
                    variables: request.variables,
                    db: context.db,
                    // the session's user (contextFor), never anything the client sends
                    viewer: context.user,
                    budget: context.budget,
                  });
                  if (!result) return null;
                  if (state) state.executor = "sql";
                  return {
                    http: { status: undefined, headers: new HeaderMap() },
                    body: { kind: "single", singleResult: result },
                  };
                } catch (error) {
                  // over the list budget: the budget keeps the refusal and the resolvers answer it at the first list
                  if (!(error instanceof TooLargeError))
                    logger.debug(
                      { err: error, requestId: state?.requestId },
                      "sql executor failed; executing with resolvers",
                    );
                  return null;
                }
              },
              // the database down (UNAVAILABLE) or too slow (TIMEOUT) is the answer's HTTP status too,
              // for load balancers and clients that retry; graphql-js answers field errors with 200
              async willSendResponse({ response }) {
                if (response.body.kind !== "single") return;
                const status = serverSideStatus(response.body.singleResult.errors?.map((e) => e.extensions?.code));
                if (status) {
                  response.http.status = status;
                  if (status === 503) response.http.headers.set("retry-after", "1");
                }
              },
              async didEncounterErrors({ errors }) {
                // the code clients see (an AppError's is on the error it wraps); once per code: a
                // refused list budget fails every list after it
                for (const e of errors) {
                  const code = String(
                    e.extensions?.code ??
                      (e.originalError instanceof AppError ? e.originalError.code : "INTERNAL_SERVER_ERROR"),
                  );
                  if (state && !state.errorCodes.includes(code)) state.errorCodes.push(code);
                }
              },
            };
          },
        },
      ],
      formatError: (formatted, error) =>
        formatError(formatted, error, (original) => {
          logger.error({ err: original }, "internal error in a graphql request");
          return undefined;
        }),
    });
    await apollo.start();

    // live report events: followed from PostgreSQL (or this process's embedded database), served over graphql-ws on /graphql
    hub = new ReportEventHub(
      db,
      opts.listenUrl !== undefined ? opts.listenUrl : (config.databaseListenUrl ?? config.databaseUrl),
      logger,
      opts.listenIdleMs,
    );
    await hub.start();
    subscriptions = attachSubscriptions({
      httpServer,
      schema,
      db: () => db!.db,
      hub,
      logger,
      corsOrigins: config.corsOrigins,
      validationRules: protection.validationRules,
      sessionTtlSeconds: SESSION_TTL_SECONDS,
      limits: opts.subscriptionLimits,
    });

    /** The GraphQL context of one operation; `state` is where its log fields go. */
    async function contextFor(req: Request, res: Response, state: RequestState, body: unknown): Promise<Context> {
      const token = requestToken(req, config.corsOrigins);
      const base = {
        db: dbOf(req),
        requestId: state.requestId,
        clientAddress: req.ip ?? "unknown",
        log: logger.child({ requestId: state.requestId }),
        res,
        sessionTtlSeconds: SESSION_TTL_SECONDS,
        secureCookies: req.secure,
        budget: budgetOf(req),
      };
      if (token && token !== "invalid" && looksUpOwnSession(body)) {
        // the mutation's own statement looks the session up: no statement for it here
        const ctx = createContext({ ...base, user: null, tokenHash: null });
        deferSession(ctx, hashToken(token), (user) => (state.role = user?.role));
        return Object.assign(ctx, { state });
      }
      let session;
      try {
        session = await sessionForToken(dbOf(req), token);
      } catch (error) {
        // Apollo answers a failed context with 500 unless the error names its status
        if (!(error instanceof AppError)) throw error;
        if (!state.errorCodes.includes(error.code)) state.errorCodes.push(error.code);
        const headers = new HeaderMap(error.code === "UNAVAILABLE" ? [["retry-after", "1"]] : []);
        throw new GraphQLError(error.message, {
          originalError: error,
          extensions: { code: error.code, http: { status: httpStatusFor(error.code), headers } },
        });
      }
      state.role = session.user?.role;
      const ctx = createContext({ ...base, user: session.user, tokenHash: session.tokenHash });
      return Object.assign(ctx, { state });
    }

    /**
     * A batch: a JSON array of operations, answered with the array of their answers, in order.
     * It is one request: the operations run one after another, not side by side, and share the
     * request's list budget (a later one is refused when the earlier ones have used it up),
     * so a batch costs the server what its operations sent one by one would, less the round
     * trips. Each operation is otherwise a request of its own to Apollo: parsed, validated,
     * limited and answered alone, so one's errors are in its answer only.
     */
    async function runBatch(
      req: Request,
      res: Response,
      operations: unknown[],
    ): Promise<{ status: number; body: string }> {
      if (operations.length === 0 || operations.length > LIMITS.maxBatch) {
        throw Object.assign(
          new Error(`a batch holds 1 to ${LIMITS.maxBatch} operations; this one has ${operations.length}`),
          { status: 400, expose: true },
        );
      }
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
      }
      const state = req.state!;
      const answers: string[] = [];
      const names: string[] = [];
      let status = 200;
      for (const body of operations) {
        // the batch's operations are the request's: one scope, one deadline
        const own: RequestState = { requestId: state.requestId, scope: state.scope, errorCodes: [] };
        const response = await apollo!.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: "POST", headers, search: "", body },
          context: () => contextFor(req, res, own, body),
        });
        // an operation the database could not answer makes the batch's status (503/504)
        if (status === 200 && response.status !== undefined && response.status >= 500) status = response.status;
        answers.push(
          response.body.kind === "complete"
            ? response.body.string
            : JSON.stringify({
                errors: [
                  { message: "incremental delivery is not supported in a batch", extensions: { code: "BAD_REQUEST" } },
                ],
              }),
        );
        names.push(own.operationName ?? operationNameIn(body) ?? "-");
        state.role ??= own.role;
        for (const code of own.errorCodes) if (!state.errorCodes.includes(code)) state.errorCodes.push(code);
      }
      state.operationName = `batch(${names.join(",")})`;
      return { status, body: `[${answers.join(",")}]` };
    }

    const app = express();
    app.disable("x-powered-by");
    app.set("trust proxy", "loopback");
    // /graphql's steps (nearly every request is a POST to it), in order
    const graphql = inOrder(
      jsonBody(LIMITS.bodyBytes),
      ...(config.sqlExecutor ? [lane.middleware] : []),
      // a JSON array of operations: answered here, one after another (client/src/api/client.ts sends them)
      (req: Request, res: Response, next: NextFunction) => {
        if (!Array.isArray(req.body)) {
          next();
          return;
        }
        runBatch(req, res, req.body as unknown[]).then((answer) => {
          if (answer.status === 503) res.setHeader("retry-after", "1");
          res.status(answer.status).type("application/json; charset=utf-8").send(answer.body);
        }, next);
      },
      expressMiddleware(apollo, { context: async ({ req, res }) => contextFor(req, res, req.state!, req.body) }),
    );
    // what every request passes first, as one layer of Express's (not one per step, each matching the path
    // again): its log line and CORS, then /graphql's steps for /graphql
    app.use(
      inOrder(requestLog(logger, config.requestDeadlineMs), cors(config.corsOrigins), (req, res, next) => {
        if (req.path === "/graphql" || req.path.startsWith("/graphql/")) graphql(req, res, next);
        else next();
      }),
    );

    app.get("/healthz", (_req, res) => {
      res.json({ status: "ok" });
    });
    app.get("/readyz", async (_req, res) => {
      const ok = db ? await db.ping() : false;
      if (ok) res.json({ status: "ready" });
      else
        res
          .status(503)
          .set("retry-after", "1")
          .json({
            status: "database unavailable",
            error: { code: "UNAVAILABLE", message: "the database is unavailable: try again shortly" },
          });
    });
    // the map client's settings: written into the page (below), and here for a page served elsewhere (Vite's dev server)
    const clientSettings = { basemapUrl: config.basemapUrl, projectTileThreshold: config.projectTileThreshold };
    app.get("/config.json", (_req, res) => {
      res.json(clientSettings);
    });

    app.use("/export", exportRouter(dbOf));
    app.use("/tiles", tilesRouter(dbOf));
    // OGC API – Features for GIS software (QGIS, GDAL/ogr2ogr, ArcGIS): read-only, anonymous
    app.use("/ogc", ogcRouter(dbOf, logger));

    if (existsSync(path.join(CLIENT_DIST, "index.html"))) {
      app.use(express.static(CLIENT_DIST, { index: false, maxAge: "1h" }));
      app.get("/graphiql", (_req, res) => res.sendFile(path.join(CLIENT_DIST, "graphiql.html")));
      // read on every request, as express.static reads the assets: a rebuilt client is served without a restart
      app.get("/", async (_req, res) => {
        const html = await readFile(path.join(CLIENT_DIST, "index.html"), "utf8");
        res.set("cache-control", "no-cache").type("html").send(pageWithSettings(html, clientSettings));
      });
    } else {
      app.get(["/", "/graphiql"], (_req, res) => {
        res
          .status(503)
          .type("text")
          .send("the map client is not built: run `npm run build` (npm start does it for you)");
      });
    }

    app.use((_req, res) => {
      res.status(404).json({ error: { code: "NOT_FOUND", message: "no such resource" } });
    });
    app.use(
      (
        error: Error & { status?: number; statusCode?: number; expose?: boolean; type?: string },
        req: Request,
        res: Response,
        _next: NextFunction,
      ) => {
        if (error instanceof AppError) {
          res
            .status(httpStatusFor(error.code))
            .json({ errors: [{ message: error.message, extensions: { code: error.code } }] });
          return;
        }
        const status = error.status ?? error.statusCode ?? 500;
        if (status >= 500) {
          logger.error({ err: error, requestId: req.state?.requestId }, "unhandled error");
          res.status(500).json({
            errors: [
              {
                message: `internal server error (request ${req.state?.requestId})`,
                extensions: { code: "INTERNAL_SERVER_ERROR" },
              },
            ],
          });
          return;
        }
        const message = error.expose ? error.message : "bad request";
        res.status(status).json({ errors: [{ message, extensions: { code: "BAD_REQUEST" } }] });
      },
    );

    // every request goes through Express: one place for limits, CORS, CSRF, logging and deadlines
    httpServer.on("request", app);
    await new Promise<void>((resolve, reject) => {
      httpServer.once("error", (error: NodeJS.ErrnoException) =>
        reject(
          error.code === "EADDRINUSE" ? new Error(`PORT: ${config.port} is already in use on ${config.host}`) : error,
        ),
      );
      httpServer.listen(config.port, config.host, () => resolve());
    });
    started = true;
    logger.info(
      { url: url(), graphql: `${url()}/graphql`, graphiql: `${url()}/graphiql` },
      `ready: open ${url()} in a browser`,
    );
  }

  function url(): string {
    const address = httpServer.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    const host = config.host.includes(":") ? `[${config.host}]` : config.host;
    return `http://${host}:${port}`;
  }

  /**
   * Before the listener closes: lets the event loop accept what waits in the listen backlog
   * (closing the listener resets those connections) and read the requests already written on
   * them (close() drops a connection whose request it has not read yet as idle). libuv accepts
   * one connection per loop turn, so this turns the loop until three turns in a row and 20 ms
   * bring no new connection, or for at most two seconds (a steady stream of new clients does not
   * hold it open).
   */
  async function acceptQueued(): Promise<void> {
    const until = Date.now() + 2000;
    let quiet = 0;
    let lastAccept = Date.now();
    while ((quiet < 3 || Date.now() - lastAccept < 20) && Date.now() < until) {
      const before = accepted;
      await new Promise((resolve) => setImmediate(resolve));
      if (accepted === before) quiet += 1;
      else {
        quiet = 0;
        lastAccept = Date.now();
      }
    }
  }

  async function stop(): Promise<void> {
    if (started) await acceptQueued();
    // subscribers first (1001 going away): an upgraded socket would hold the HTTP server's drain open
    await subscriptions?.close();
    subscriptions = null;
    await hub?.stop();
    if (apollo && started)
      await apollo.stop(); // drains the HTTP server
    else if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    // the events of the last writes, before the database they go through closes
    if (db) await flushAnnouncements(db.db);
    if (db && ownsDatabase) await db.close();
    db = null;
  }

  return {
    start,
    stop,
    url,
    database: () => {
      if (!db) throw new Error("the app is not started");
      return db;
    },
    cacheStats: () => ({
      queries: laneOfApp?.cacheStats() ?? { entries: 0, bytes: 0, maxBytes: config.queryCacheBytes },
      statements: statementCacheStats(),
    }),
    reportEvents: () => {
      if (!hub) throw new Error("the app is not started");
      return hub;
    },
    subscriptionConnections: () => subscriptions?.connections() ?? 0,
  };
}

interface RequestLine {
  requestId: string;
  method: string;
  path: string;
  status: number;
  operationName?: string;
  role?: string;
  statements: number;
  executor?: RequestState["executor"];
  errorCodes?: string[];
  ms: number;
}

/** The status a request's log line gives when its client closed the connection before the answer was written. */
const CLIENT_CLOSED = 499;

/** The one log line of a request (info level), whoever answered it. */
function writeRequestLine(logger: Logger, l: RequestLine): void {
  logger.info({
    requestId: l.requestId,
    method: l.method,
    path: l.path,
    status: l.status,
    operationName: l.operationName,
    role: l.role ?? "anonymous",
    statements: l.statements,
    executor: l.executor,
    errorCodes: l.errorCodes?.length ? l.errorCodes : undefined,
    ms: l.ms,
  });
}

/** One JSON log line per request, with its id, operation, SQL statement count and outcome. */
function requestLog(logger: Logger, requestDeadlineMs: number) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const scope: RequestScope = { statements: 0, ...deadline(requestDeadlineMs) };
    const state: RequestState = { requestId: requestIdOf(req.get("x-request-id")), scope, errorCodes: [] };
    req.state = state;
    res.setHeader("x-request-id", state.requestId);
    // read now: mounted routers rewrite req.url while they handle the request
    const path = req.path;
    logger.debug({ requestId: state.requestId, method: req.method, path }, "request started");
    // "close" comes after "finish", or alone when the client went away before its answer was written:
    // that request's line says 499, as nginx's does
    res.on("close", () => {
      writeRequestLine(logger, {
        requestId: state.requestId,
        operationName: state.operationName,
        role: state.role,
        executor: state.executor,
        errorCodes: state.errorCodes,
        method: req.method,
        path,
        status: res.writableFinished ? res.statusCode : CLIENT_CLOSED,
        statements: scope.statements,
        ms: msSince(started),
      });
    });
    next();
  };
}

/** CORS for configured origins only; same-origin requests need none. */
function cors(origins: string[]) {
  const allowed = new Set(origins);
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.get("origin");
    const headers = corsHeadersFor(origin, allowed);
    if (headers) {
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      if (req.method === "OPTIONS") {
        res.setHeader("access-control-allow-methods", "GET, POST, OPTIONS");
        res.setHeader(
          "access-control-allow-headers",
          "content-type, authorization, apollo-require-preflight, x-request-id",
        );
        res.setHeader("access-control-max-age", "600");
        res.status(204).end();
        return;
      }
    } else if (req.method === "OPTIONS" && origin) {
      res
        .status(403)
        .json({ errors: [{ message: `origin ${origin} is not allowed`, extensions: { code: "FORBIDDEN" } }] });
      return;
    }
    next();
  };
}

/**
 * The map page with the client's settings in it, as window.__ATLAS_CONFIG__ (client/src/config.ts):
 * the client has them when it starts, without a /config.json round trip, and the page makes one
 * request fewer while it loads. `<` is escaped, so no value can close the script element.
 */
export function pageWithSettings(html: string, settings: object): string {
  const json = JSON.stringify(settings).replace(/</g, "\\u003c");
  if (!html.includes("</head>"))
    throw new Error("client/dist/index.html has no </head>: cannot write the client's settings into it");
  return html.replace("</head>", () => `  <script>window.__ATLAS_CONFIG__ = ${json};</script>\n  </head>`);
}

/** The HTTP status a GraphQL answer with these error codes gets: 503 with the database down, 504 past a timeout. */
function serverSideStatus(codes: unknown[] | undefined): number | undefined {
  if (codes?.includes("UNAVAILABLE")) return 503;
  if (codes?.includes("TIMEOUT")) return 504;
  return undefined;
}

/** The name a batch element's document gives its (first) operation, for the log line; clients seldom send operationName. */
function operationNameIn(body: unknown): string | undefined {
  const query = body && typeof body === "object" ? (body as { query?: unknown }).query : undefined;
  return typeof query === "string"
    ? /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(query)?.[1]
    : undefined;
}

type Handler = (req: Request, res: Response, next: NextFunction) => unknown;

/**
 * Handlers run one after another as one Express layer: each calls `next()` to go on to the one
 * after it, or `next(error)` to leave for the error handler; after the last, on to Express. As
 * Express does for each of its layers, a handler's throw, or the rejection of the promise it
 * returns, is `next(error)`.
 */
function inOrder(...handlers: Handler[]): Handler {
  return (req, res, next) => {
    let i = 0;
    const step = (error?: unknown): void => {
      if (error !== undefined && error !== null) {
        next(error);
        return;
      }
      if (i === handlers.length) {
        next();
        return;
      }
      try {
        const returned = handlers[i++](req, res, step);
        if (returned instanceof Promise) returned.catch(next);
      } catch (thrown) {
        next(thrown);
      }
    };
    step();
  };
}
