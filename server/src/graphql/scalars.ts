/** The contract's custom scalars: DateTime (ISO 8601 with offset) and GeoJSON (an RFC 7946 Geometry). */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from "graphql";

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

function parseDateTime(value: unknown): Date {
  if (typeof value !== "string" || !ISO_INSTANT.test(value)) {
    throw badInput(`DateTime must be an ISO 8601 string like 2014-06-30T00:00:00+08:00, got ${JSON.stringify(value)}`);
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw badInput(`DateTime ${JSON.stringify(value)} is not a real instant`);
  // year 0 and earlier are not timestamps the database (or ISO 8601 without extension) can hold
  const year = date.getUTCFullYear();
  if (year < 1 || year > 9999) throw badInput(`DateTime ${JSON.stringify(value)} must lie between the years 0001 and 9999`);
  return date;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: "DateTime",
  description: "An instant as an ISO 8601 string with offset, e.g. 2014-06-30T00:00:00+08:00 (a bare date means midnight UTC).",
  serialize(value) {
    const date = value instanceof Date ? value : new Date(String(value));
    return date.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw badInput("DateTime must be a string");
    return parseDateTime(ast.value);
  },
});

function literalToJs(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.LIST:
      return ast.values.map(literalToJs);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalToJs(f.value)]));
    case Kind.NULL:
      return null;
    default:
      throw badInput("GeoJSON literals cannot contain variables");
  }
}

const GEOMETRY_TYPES = new Set(["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"]);

const MAX_GEOJSON_CHARS = 1_000_000;

function parseGeoJson(value: unknown): GeoJsonGeometry {
  let parsed = value;
  if (typeof value === "string") {
    // a within polygon at its cap (10 000 positions) is ~400 000 characters
    if (value.length > MAX_GEOJSON_CHARS) throw badInput(`GeoJSON text of at most ${MAX_GEOJSON_CHARS} characters, got ${value.length}`);
    try {
      parsed = JSON.parse(value);
    } catch {
      throw badInput("GeoJSON must be a geometry object (or its JSON text)");
    }
  }
  if (typeof parsed !== "object" || parsed === null || !GEOMETRY_TYPES.has((parsed as { type?: string }).type ?? "")) {
    throw badInput(`GeoJSON must be an RFC 7946 geometry with a type of ${[...GEOMETRY_TYPES].join(", ")}`);
  }
  return parsed as GeoJsonGeometry;
}

export interface GeoJsonGeometry {
  type: string;
  coordinates?: unknown;
  geometries?: unknown;
}

export const GeoJsonScalar = new GraphQLScalarType<GeoJsonGeometry, unknown>({
  name: "GeoJSON",
  description: "An RFC 7946 Geometry object (Point, Polygon, MultiPolygon, ...), WGS84 [lng, lat].",
  serialize(value) {
    return typeof value === "string" ? JSON.parse(value) : value;
  },
  parseValue: parseGeoJson,
  parseLiteral(ast) {
    return parseGeoJson(literalToJs(ast));
  },
});
