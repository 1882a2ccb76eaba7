/** The contract's custom scalars: DateTime (ISO 8601 with offset) and GeoJSON (an RFC 7946 Geometry). */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from "graphql";
import type { GeoJsonGeometry } from "../core/geojson.ts";
import { parseInstant } from "../core/instant.ts";

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });
}

function parseDateTime(value: unknown): Date {
  const parsed = parseInstant("DateTime", value);
  if (typeof parsed === "string") throw badInput(parsed);
  return parsed;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: "DateTime",
  description:
    "An instant as an ISO 8601 string with offset, e.g. 2014-06-30T00:00:00+08:00 (a bare date means midnight UTC).",
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

const GEOMETRY_TYPES = new Set([
  "Point",
  "MultiPoint",
  "LineString",
  "MultiLineString",
  "Polygon",
  "MultiPolygon",
  "GeometryCollection",
]);

const MAX_GEOJSON_CHARS = 1_000_000;

function parseGeoJson(value: unknown): GeoJsonGeometry {
  let parsed = value;
  if (typeof value === "string") {
    // a within polygon at its cap (10 000 positions) is ~400 000 characters
    if (value.length > MAX_GEOJSON_CHARS)
      throw badInput(`GeoJSON text of at most ${MAX_GEOJSON_CHARS} characters, got ${value.length}`);
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

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date "YYYY-MM-DD" that exists (no 31 February); kept as that string. */
function parseDate(value: unknown): string {
  const m = typeof value === "string" ? ISO_DATE.exec(value) : null;
  if (!m) throw badInput(`Date must be an ISO 8601 calendar date like 2014-05-01, got ${JSON.stringify(value)}`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.toISOString().slice(0, 10) !== value)
    throw badInput(`Date ${JSON.stringify(value)} is not a real calendar date`);
  return value as string;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: "Date",
  description: 'ISO 8601 calendar date, "2014-05-01"',
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return String(value).slice(0, 10);
  },
  parseValue: parseDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw badInput("Date must be a string");
    return parseDate(ast.value);
  },
});
