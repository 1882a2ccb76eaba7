/**
 * The OpenAPI 3.0 definition of /ogc (OGC API – Features Part 1, requirement class "OpenAPI 3.0"):
 * written from the collections' own specs (ogc.service.ts), so the parameters it lists are the
 * ones the router accepts. Each collection has its own paths, because their filters differ.
 */
import {
  COLLECTIONS,
  CONFORMANCE,
  DEFAULT_LIMIT,
  GEOJSON_TYPE,
  HTML_TYPE,
  JSON_TYPE,
  MAX_LIMIT,
  MAX_OFFSET,
  OPENAPI_TYPE,
  type CollectionSpec,
} from "./ogc.service.ts";

type Schema = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/${name}` });

const link: Schema = {
  type: "object",
  required: ["href", "rel"],
  properties: {
    href: { type: "string" },
    rel: { type: "string" },
    type: { type: "string" },
    title: { type: "string" },
  },
};

const exception: Schema = {
  type: "object",
  required: ["code"],
  properties: { code: { type: "string" }, description: { type: "string" } },
};

const errors = {
  "400": {
    description: "A query parameter is unknown or has an invalid value; the description names it.",
    content: { [JSON_TYPE]: { schema: ref("schemas/exception") } },
  },
  "500": { description: "A server error.", content: { [JSON_TYPE]: { schema: ref("schemas/exception") } } },
};

const html = { [HTML_TYPE]: { schema: { type: "string" } } };

function filterParameter(spec: CollectionSpec, f: CollectionSpec["filters"][number]): Schema {
  return {
    name: f.name,
    in: "query",
    required: false,
    description: `Only features whose ${f.name} is one of these (comma-separated): ${f.description}.`,
    style: "form",
    explode: false,
    schema: { type: "array", items: f.values ? { type: "string", enum: [...f.values] } : { type: "string" } },
  };
}

function collectionPaths(spec: CollectionSpec): Record<string, Schema> {
  const base = `/collections/${spec.id}`;
  const common = [ref("parameters/f"), ref("parameters/script"), ...(spec.asOf ? [ref("parameters/asOf")] : [])];
  const items = [
    ref("parameters/limit"),
    ref("parameters/offset"),
    ref("parameters/bbox"),
    ...(spec.temporal ? [ref("parameters/datetime")] : []),
    ...common,
    ...spec.filters.map((f) => filterParameter(spec, f)),
  ];
  return {
    [base]: {
      get: {
        tags: [spec.id],
        summary: `the ${spec.id} collection`,
        operationId: `describe-${spec.id}`,
        parameters: [ref("parameters/f")],
        responses: {
          "200": {
            description: "The collection: extent, CRS, links.",
            content: { [JSON_TYPE]: { schema: ref("schemas/collection") }, ...html },
          },
          ...errors,
        },
      },
    },
    [`${base}/items`]: {
      get: {
        tags: [spec.id],
        summary: `${spec.title}: one page of features`,
        description: spec.description + (spec.temporal ? ` datetime: ${spec.temporal}.` : ""),
        operationId: `items-${spec.id}`,
        parameters: items,
        responses: {
          "200": {
            description: "A page of features, with numberMatched, numberReturned and next/prev links.",
            content: { [GEOJSON_TYPE]: { schema: ref("schemas/featureCollection") }, ...html },
          },
          ...errors,
        },
      },
    },
    [`${base}/items/{featureId}`]: {
      get: {
        tags: [spec.id],
        summary: `one feature of ${spec.id}`,
        operationId: `item-${spec.id}`,
        parameters: [
          { name: "featureId", in: "path", required: true, schema: { type: "string" }, example: spec.exampleId },
          ...common,
        ],
        responses: {
          "200": {
            description: "The feature.",
            content: { [GEOJSON_TYPE]: { schema: ref("schemas/feature") }, ...html },
          },
          "404": {
            description: "No feature with this id.",
            content: { [JSON_TYPE]: { schema: ref("schemas/exception") } },
          },
          ...errors,
        },
      },
    },
    [`${base}/queryables`]: {
      get: {
        tags: [spec.id],
        summary: `the properties of ${spec.id} one may filter on (JSON Schema)`,
        operationId: `queryables-${spec.id}`,
        parameters: [ref("parameters/f")],
        responses: {
          "200": {
            description: "JSON Schema of the queryables.",
            content: { "application/schema+json": { schema: { type: "object" } }, ...html },
          },
          ...errors,
        },
      },
    },
  };
}

/** The OpenAPI 3.0 document; `server` is the absolute URL of /ogc. */
export function openApiDocument(server: string): Schema {
  const simple = (summary: string, operationId: string, schema: string, type = JSON_TYPE): Schema => ({
    get: {
      summary,
      operationId,
      parameters: [ref("parameters/f")],
      responses: {
        "200": { description: summary, content: { [type]: { schema: ref(`schemas/${schema}`) }, ...html } },
        ...errors,
      },
    },
  });
  return {
    openapi: "3.0.3",
    info: {
      title: "Taiyuan transformation-plan atlas: OGC API – Features",
      version: "1.0.0",
      description:
        "Read-only, anonymous. Conformance classes: " +
        CONFORMANCE.join(", ") +
        `. Pages hold at most ${MAX_LIMIT} features; a larger limit is treated as ${MAX_LIMIT}. Unknown query parameters are refused (400).`,
      license: {
        name: "The plan is an official document of a state organ (PRC Copyright Law, art. 5); boundaries: Tianditu GS(2024)0650",
      },
    },
    servers: [{ url: server }],
    tags: COLLECTIONS.map((c) => ({ name: c.id, description: c.title })),
    paths: {
      "/": simple("the landing page", "landing", "landing"),
      "/conformance": simple("the conformance classes implemented", "conformance", "conformance"),
      "/api": {
        get: {
          summary: "this document",
          operationId: "api",
          parameters: [ref("parameters/f")],
          responses: {
            "200": {
              description: "The OpenAPI 3.0 definition.",
              content: { [OPENAPI_TYPE]: { schema: { type: "object" } }, ...html },
            },
            ...errors,
          },
        },
      },
      "/collections": simple("the collections", "collections", "collections"),
      ...Object.assign({}, ...COLLECTIONS.map(collectionPaths)),
    },
    components: {
      parameters: {
        f: {
          name: "f",
          in: "query",
          required: false,
          description:
            "The format: json (GeoJSON for features) or html. Without it, the Accept header decides (JSON unless text/html is preferred).",
          schema: { type: "string", enum: ["json", "html"] },
        },
        limit: {
          name: "limit",
          in: "query",
          required: false,
          style: "form",
          explode: false,
          description: `How many features a page holds, at most ${MAX_LIMIT} (a larger value is treated as ${MAX_LIMIT}).`,
          schema: { type: "integer", minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
        },
        offset: {
          name: "offset",
          in: "query",
          required: false,
          description: "How many matching features to skip (the next link carries it).",
          schema: { type: "integer", minimum: 0, maximum: MAX_OFFSET, default: 0 },
        },
        bbox: {
          name: "bbox",
          in: "query",
          required: false,
          style: "form",
          explode: false,
          description:
            "Only features whose geometry intersects this box: minimum longitude, minimum latitude, maximum longitude, maximum latitude, in CRS84. Boxes of 6 numbers are refused.",
          schema: { type: "array", minItems: 4, maxItems: 4, items: { type: "number" } },
        },
        datetime: {
          name: "datetime",
          in: "query",
          required: false,
          style: "form",
          explode: false,
          description:
            "Only features whose time meets this instant or interval (RFC 3339; `..` for an open end), e.g. 2014-01-01T00:00:00Z/.. .",
          schema: { type: "string" },
        },
        script: {
          name: "script",
          in: "query",
          required: false,
          description: "The Chinese script of names and titles: HANS (simplified, default) or HANT (traditional).",
          schema: { type: "string", enum: ["HANS", "HANT"], default: "HANS" },
        },
        asOf: {
          name: "asOf",
          in: "query",
          required: false,
          description:
            "The instant of the statuses (RFC 3339; default: now): the latest approved report on or before it.",
          schema: { type: "string", format: "date-time" },
        },
      },
      schemas: {
        link,
        exception,
        landing: {
          type: "object",
          required: ["links"],
          properties: {
            title: { type: "string" },
            description: { type: "string" },
            links: { type: "array", items: ref("schemas/link") },
          },
        },
        conformance: {
          type: "object",
          required: ["conformsTo"],
          properties: { conformsTo: { type: "array", items: { type: "string" } } },
        },
        collection: {
          type: "object",
          required: ["id", "links"],
          properties: {
            id: { type: "string" },
            title: { type: "string" },
            description: { type: "string" },
            itemType: { type: "string" },
            crs: { type: "array", items: { type: "string" } },
            storageCrs: { type: "string" },
            extent: { type: "object" },
            links: { type: "array", items: ref("schemas/link") },
          },
        },
        collections: {
          type: "object",
          required: ["links", "collections"],
          properties: {
            links: { type: "array", items: ref("schemas/link") },
            collections: { type: "array", items: ref("schemas/collection") },
          },
        },
        feature: {
          type: "object",
          required: ["type", "geometry", "properties"],
          properties: {
            type: { type: "string", enum: ["Feature"] },
            id: { type: "string" },
            geometry: { type: "object" },
            properties: { type: "object", nullable: true },
            links: { type: "array", items: ref("schemas/link") },
          },
        },
        featureCollection: {
          type: "object",
          required: ["type", "features"],
          properties: {
            type: { type: "string", enum: ["FeatureCollection"] },
            features: { type: "array", items: ref("schemas/feature") },
            links: { type: "array", items: ref("schemas/link") },
            timeStamp: { type: "string", format: "date-time" },
            numberMatched: { type: "integer", minimum: 0 },
            numberReturned: { type: "integer", minimum: 0 },
          },
        },
      },
    },
  };
}
