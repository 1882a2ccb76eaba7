/**
 * OGC API – Features under /ogc: a thin door onto modules/ogc. It chooses the format (f=json|html,
 * else the Accept header), asks the service, and writes the document; errors are the standard's
 * JSON exception ({code, description}) with the HTTP status the standard gives them.
 */
import { Router, type Request, type Response } from "express";
import type { Db } from "../db/database.ts";
import { AppError, NotFoundError } from "../core/errors.ts";
import type { Logger } from "../logger.ts";
import {
  COLLECTIONS,
  CONFORMANCE,
  GEOJSON_TYPE,
  HTML_TYPE,
  JSON_TYPE,
  OPENAPI_TYPE,
  checkKnown,
  collectionDocument,
  formatParam,
  getCollection,
  getFeature,
  itemsLinks,
  landingDocument,
  listFeatures,
  parseItemsRequest,
  queryablesDocument,
  readExtents,
  type QueryParams,
} from "../modules/ogc/ogc.service.ts";
import { openApiDocument } from "../modules/ogc/ogc.openapi.ts";
import * as html from "../modules/ogc/ogc.html.ts";

/** The OGC exception codes (OGC API – Common) for our error codes. */
const EXCEPTION: Record<string, { status: number; code: string }> = {
  BAD_USER_INPUT: { status: 400, code: "InvalidParameterValue" },
  NOT_FOUND: { status: 404, code: "NotFound" },
  // the database down or too slow: the same codes as GraphQL's, exports' and tiles' answers
  UNAVAILABLE: { status: 503, code: "UNAVAILABLE" },
  TIMEOUT: { status: 504, code: "TIMEOUT" },
};

type Format = "json" | "html";

/** f=… when given; else HTML only for a client that prefers it (a browser), JSON for everyone else. */
function formatOf(req: Request): Format {
  const f = formatParam(req.query as QueryParams);
  if (f) return f;
  return req.accepts([JSON_TYPE, GEOJSON_TYPE, HTML_TYPE]) === HTML_TYPE ? "html" : "json";
}

/** The absolute URL of /ogc as this request reached it. */
function baseOf(req: Request): string {
  return `${req.protocol}://${req.get("host")}${req.baseUrl}`;
}

function sendJson(res: Response, type: string, body: unknown): void {
  res.type(type).send(JSON.stringify(body));
}

function sendHtml(res: Response, page: string): void {
  res.type("html").send(page);
}

export function ogcRouter(getDb: (req: Request) => Db, logger: Logger): Router {
  const router = Router();

  /** Runs a handler; any error becomes the standard's exception document. */
  const handle = (fn: (req: Request, res: Response) => Promise<void> | void) => async (req: Request, res: Response) => {
    try {
      await fn(req, res);
    } catch (error) {
      const known = error instanceof AppError ? EXCEPTION[error.code] : undefined;
      if (known) {
        if (known.status === 503) res.setHeader("retry-after", "1");
        res
          .status(known.status)
          .type(JSON_TYPE)
          .send(JSON.stringify({ code: known.code, description: (error as Error).message }));
        return;
      }
      logger.error({ err: error, requestId: req.state?.requestId }, "ogc request failed");
      res
        .status(500)
        .type(JSON_TYPE)
        .send(
          JSON.stringify({
            code: "NoApplicableCode",
            description: `internal server error (request ${req.state?.requestId ?? "-"})`,
          }),
        );
    }
  };

  // PostgreSQL text cannot hold U+0000: refuse it here rather than fail in the driver
  router.use((req, res, next) => {
    if (JSON.stringify(req.query).includes("\\u0000") || req.path.includes("\u0000")) {
      res
        .status(400)
        .type(JSON_TYPE)
        .send(
          JSON.stringify({
            code: "InvalidParameterValue",
            description: "query parameters must not contain the NUL character (U+0000)",
          }),
        );
      return;
    }
    next();
  });

  router.get(
    "/",
    handle((req, res) => {
      checkKnown(req.query as QueryParams, ["f"]);
      const doc = landingDocument(baseOf(req));
      if (formatOf(req) === "html") sendHtml(res, html.landingHtml(doc));
      else sendJson(res, JSON_TYPE, doc);
    }),
  );

  router.get(
    "/conformance",
    handle((req, res) => {
      checkKnown(req.query as QueryParams, ["f"]);
      if (formatOf(req) === "html") sendHtml(res, html.conformanceHtml(CONFORMANCE));
      else sendJson(res, JSON_TYPE, { conformsTo: CONFORMANCE });
    }),
  );

  router.get(
    "/api",
    handle((req, res) => {
      checkKnown(req.query as QueryParams, ["f"]);
      const doc = openApiDocument(baseOf(req));
      if (formatOf(req) === "html") sendHtml(res, html.apiHtml(doc));
      else sendJson(res, OPENAPI_TYPE, doc);
    }),
  );

  router.get(
    "/collections",
    handle(async (req, res) => {
      checkKnown(req.query as QueryParams, ["f"]);
      const format = formatOf(req);
      const base = baseOf(req);
      const extents = await readExtents(getDb(req));
      const collections = COLLECTIONS.map((c) => collectionDocument(c, extents.get(c.id), base));
      const links = [
        { href: `${base}/collections`, rel: "self", type: JSON_TYPE, title: "this document" },
        { href: `${base}/collections?f=html`, rel: "alternate", type: HTML_TYPE, title: "this document as HTML" },
      ];
      if (format === "html") sendHtml(res, html.collectionsHtml(collections, links));
      else sendJson(res, JSON_TYPE, { links, collections });
    }),
  );

  router.get(
    "/collections/:collectionId",
    handle(async (req, res) => {
      const spec = getCollection(String(req.params.collectionId));
      checkKnown(req.query as QueryParams, ["f"]);
      const format = formatOf(req);
      const extents = await readExtents(getDb(req));
      const doc = collectionDocument(spec, extents.get(spec.id), baseOf(req));
      if (format === "html")
        sendHtml(
          res,
          html.collectionHtml(
            doc,
            spec.filters.map((f) => f.name),
          ),
        );
      else sendJson(res, JSON_TYPE, doc);
    }),
  );

  router.get(
    "/collections/:collectionId/queryables",
    handle((req, res) => {
      const spec = getCollection(String(req.params.collectionId));
      checkKnown(req.query as QueryParams, ["f"]);
      const doc = queryablesDocument(spec, baseOf(req));
      if (formatOf(req) === "html") sendHtml(res, html.queryablesHtml(spec.title, doc.properties));
      else sendJson(res, "application/schema+json", doc);
    }),
  );

  router.get(
    "/collections/:collectionId/items",
    handle(async (req, res) => {
      const spec = getCollection(String(req.params.collectionId));
      const query = req.query as QueryParams;
      const items = parseItemsRequest(spec, query);
      const format = formatOf(req);
      const base = baseOf(req);
      const { numberMatched, features } = await listFeatures(getDb(req), items);
      const body = {
        type: "FeatureCollection" as const,
        timeStamp: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
        numberMatched,
        numberReturned: features.length,
        features,
        links: itemsLinks(items, query, base, features.length, numberMatched),
      };
      if (format === "html")
        sendHtml(
          res,
          html.itemsHtml(
            spec.title,
            body,
            (id) => `${base}/collections/${spec.id}/items/${encodeURIComponent(id)}?f=html`,
          ),
        );
      else sendJson(res, GEOJSON_TYPE, body);
    }),
  );

  router.get(
    "/collections/:collectionId/items/:featureId",
    handle(async (req, res) => {
      const spec = getCollection(String(req.params.collectionId));
      const format = formatOf(req);
      const feature = await getFeature(getDb(req), spec, String(req.params.featureId), req.query as QueryParams);
      const base = baseOf(req);
      const href = `${base}/collections/${spec.id}/items/${encodeURIComponent(feature.id)}`;
      const links = [
        { href, rel: "self", type: GEOJSON_TYPE, title: "this feature" },
        { href: `${href}?f=html`, rel: "alternate", type: HTML_TYPE, title: "this feature as HTML" },
        { href: `${base}/collections/${spec.id}`, rel: "collection", type: JSON_TYPE, title: "the collection" },
      ];
      if (format === "html") sendHtml(res, html.featureHtml(`${spec.title}: ${feature.id}`, feature, links));
      else sendJson(res, GEOJSON_TYPE, { ...feature, links });
    }),
  );

  router.use(
    handle((req, res) => {
      if (req.method !== "GET" && req.method !== "HEAD") {
        res
          .status(405)
          .set("allow", "GET, HEAD")
          .type(JSON_TYPE)
          .send(
            JSON.stringify({
              code: "OperationNotSupported",
              description: `${req.method} is not allowed: this API is read-only (GET)`,
            }),
          );
        return;
      }
      throw new NotFoundError(`no resource at ${req.baseUrl}${req.path}; start at ${req.baseUrl}`);
    }),
  );

  return router;
}
