/**
 * Operations generated from the served schema and read from the map client, for the tests that
 * run every read the API offers (test/server/perf/n-plus-one.test.ts, sql-differential.test.ts).
 *
 * For every field of Query a query is built that selects every field of its type, and of each
 * object and list below it, to a bounded depth (required arguments filled from the seeded data);
 * the client's own read operations are read as texts from client/src, never imported. A new field
 * is covered without touching this file; a new field with a required argument fails until
 * REQUIRED_ARGS says what to pass.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import {
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
  isUnionType,
  parse,
  Kind,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLUnionType,
  type OperationDefinitionNode,
} from "graphql";
import type { Db } from "../../server/src/db/database.ts";

/** object levels below a root field; the last level selects only scalars and __typename */
export const DEPTH = 2;

/** real rows of the seeded plan every query is pointed at (the synthetic layers add to them) */
export const TASK = "reform-14";
export const PLACE = "xiaodian";
export const POINT = { lat: 37.72, lng: 112.57 }; // inside 小店

/** Required arguments (and the optional ones a root field cannot do without), by Type.field. */
const REQUIRED_ARGS: Record<string, Record<string, (ids: Ids) => unknown>> = {
  "Query.geocode": { address: () => "古交市" },
  "Query.assessment": { year: () => 2014 },
  "Query.department": { id: (ids) => ids.department },
  "Query.indicator": { id: (ids) => ids.indicator },
  "Query.place": { id: () => PLACE },
  "Query.placesAt": { lat: () => POINT.lat, lng: () => POINT.lng },
  "Query.project": { id: (ids) => ids.project },
  "Query.search": { text: () => "太原" },
  "Query.task": { id: () => TASK },
};

/** Root fields anonymous users are refused (they answer only a signed-in user). */
export const SIGNED_IN_ONLY = new Set(["reviewQueue", "users", "linkCandidates", "geocode"]);

/** Variables of the client's operations, by name. */
const VARIABLES: Record<string, (ids: Ids) => unknown> = {
  script: () => "HANS",
  asOf: () => null,
  tolerance: () => 0.001,
  indicatorId: (ids) => ids.indicator,
  id: () => TASK,
  taskId: () => TASK,
  placeId: () => PLACE,
  first: () => 50,
  after: () => null,
  filter: () => null,
  year: () => 2014,
  text: () => "太原",
  bbox: () => [112.45, 37.6, 112.7, 37.95],
  placeIds: () => [PLACE],
  behindOnly: () => false,
  address: () => "古交市",
  lng: () => POINT.lng,
  lat: () => POINT.lat,
  review: () => null,
};
/** Variables named alike that mean another kind of id, by operation. */
const OPERATION_VARIABLES: Record<string, Record<string, (ids: Ids) => unknown>> = {
  PlaceDetail: { id: () => PLACE },
  ProjectDetail: { id: (ids) => ids.project },
  ConsoleProject: { id: (ids) => ids.project },
  ConsoleObligations: { id: () => PLACE },
};

export interface Ids {
  department: string;
  indicator: string;
  project: string;
}

function argumentsOf(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>, ids: Ids): string {
  const given = REQUIRED_ARGS[`${type.name}.${field.name}`] ?? {};
  const parts: string[] = [];
  for (const arg of field.args) {
    const value = given[arg.name];
    if (value) parts.push(`${arg.name}: ${JSON.stringify(value(ids))}`);
    else if (isNonNullType(arg.type) && arg.defaultValue === undefined) {
      throw new Error(`${type.name}.${field.name}(${arg.name}:) is required: say in REQUIRED_ARGS what to pass`);
    }
  }
  return parts.length ? `(${parts.join(", ")})` : "";
}

/** Which fields a generated query selects (by schema coordinate): every one, unless told. */
type Keep = (coordinate: string) => boolean;

/** Every field of `type` that `keep` keeps, objects and lists to `depth` more levels. */
function selectAll(
  schema: GraphQLSchema,
  type: GraphQLObjectType | GraphQLUnionType,
  depth: number,
  ids: Ids,
  keep: Keep,
): string {
  if (isUnionType(type)) {
    return `{ __typename ${type
      .getTypes()
      .map((member) => `... on ${member.name} ${selectAll(schema, member, depth, ids, keep)}`)
      .join(" ")} }`;
  }
  const parts = ["__typename"];
  for (const field of Object.values(type.getFields())) {
    if (!keep(`${type.name}.${field.name}`)) continue;
    const named = getNamedType(field.type);
    const args = argumentsOf(type, field, ids);
    if (isLeafType(named)) parts.push(`${field.name}${args}`);
    else if (depth > 0 && (isObjectType(named) || isUnionType(named)))
      parts.push(`${field.name}${args} ${selectAll(schema, named, depth - 1, ids, keep)}`);
    // at the last level the object is still resolved (its loader runs), but nothing below it
    else if (isObjectType(named) || isUnionType(named)) parts.push(`${field.name}${args} { __typename }`);
  }
  return `{ ${parts.join(" ")} }`;
}

/** One query per root field of Query (that `keep` keeps), selecting every field `depth` object levels down. */
export function generatedQueries(
  schema: GraphQLSchema,
  ids: Ids,
  options: { depth?: number; keep?: Keep } = {},
): { name: string; source: string }[] {
  const { depth = DEPTH, keep = () => true } = options;
  const query = schema.getQueryType()!;
  return Object.values(query.getFields())
    .filter((field) => keep(`Query.${field.name}`))
    .map((field) => {
      const named = getNamedType(field.type);
      const args = argumentsOf(query, field, ids);
      const selection = isLeafType(named) ? "" : selectAll(schema, named as GraphQLObjectType, depth - 1, ids, keep);
      return { name: field.name, source: `query Every_${field.name} { ${field.name}${args} ${selection} }` };
    });
}

/** Whether an operation answers only a signed-in user (its root field, or `me`, is signed-in only). */
export function signedInOnly(name: string, source: string): boolean {
  return SIGNED_IN_ONLY.has(name) || [...SIGNED_IN_ONLY, "me"].some((f) => new RegExp(`\\b${f}\\b`).test(source));
}

/** The ids of seeded rows the queries point at. */
export async function seededIds(db: Db): Promise<Ids> {
  return {
    department: (
      await sql<{
        id: string;
      }>`select department_id as id from task_lead where task_id = ${TASK} order by ordinal limit 1`.execute(db)
    ).rows[0].id,
    indicator: (await sql<{ id: string }>`select id from indicator order by ordinal limit 1`.execute(db)).rows[0].id,
    project: (
      await sql<{
        id: string;
      }>`select project_id as id from project_task where task_id = ${TASK} union all select id from project order by 1 limit 1`.execute(
        db,
      )
    ).rows[0].id,
  };
}

/** Source files of the client (not the generated types, whose documents gql.ts repeats). */
function clientFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return clientFiles(file);
    return /\.tsx?$/.test(name) && !file.endsWith(path.join("gql", "graphql.ts")) ? [file] : [];
  });
}

/**
 * The client's read operations: template literals marked GraphQL or passed to graphql(), with their
 * ${CONSTANT} fragments inlined, and the documents of the generated gql.ts, each with the fragment
 * definitions it spreads (documents of their own in the client, such as SessionUser). Mutations are left out.
 */
export function clientOperations(): { name: string; source: string }[] {
  const byName = new Map<string, string>();
  const fragments = new Map<string, string>();
  for (const file of clientFiles(path.resolve("client/src"))) {
    const text = readFileSync(file, "utf8");
    const constants = new Map<string, string>();
    for (const m of text.matchAll(/const\s+(\w+)\s*=\s*(?:\/\*\s*GraphQL\s*\*\/\s*)?`([^`]*)`/g))
      constants.set(m[1], m[2]);
    const documents = [
      ...[...text.matchAll(/\/\*\s*GraphQL\s*\*\/\s*`([^`]*)`/g)].map((m) => m[1]),
      ...[...text.matchAll(/graphql\(\s*`([^`]*)`/g)].map((m) => m[1]),
      // gql.ts: the documents as the keys of its map, JSON-quoted
      ...[...text.matchAll(/^\s*("\\n\s*(?:query|fragment)[^\n]*?"):/gm)].map((m) => JSON.parse(m[1]) as string),
    ];
    for (const raw of documents) {
      // constants holding a field list (inlined above) are not documents
      if (!/^\s*(query|mutation|subscription|fragment)\b/.test(raw)) continue;
      const source = raw.replace(/\$\{\s*(\w+)\s*\}/g, (_, name: string) => {
        const inlined = constants.get(name);
        if (inlined === undefined) throw new Error(`${file}: cannot inline \${${name}}`);
        return inlined;
      });
      const document = parse(source);
      for (const d of document.definitions)
        if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, source);
      const operation = document.definitions.find(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
      );
      if (!operation || operation.operation !== "query") continue;
      byName.set(operation.name?.value ?? source, source);
    }
  }
  return [...byName].map(([name, source]) => ({ name, source: withFragments(source, fragments) }));
}

/** `source` with the definitions of the fragments it spreads and does not define, from `fragments` (by name). */
function withFragments(source: string, fragments: Map<string, string>): string {
  let out = source;
  for (;;) {
    const document = parse(out);
    const defined = new Set(
      document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [d.name.value] : [])),
    );
    const missing = [...out.matchAll(/\.\.\.\s*([A-Za-z_]\w*)/g)]
      .map((m) => m[1])
      .filter((name) => name !== "on" && !defined.has(name) && fragments.has(name));
    if (missing.length === 0) return out;
    out += `\n${fragments.get(missing[0])}`;
  }
}

export function variablesOf(name: string, source: string, ids: Ids): Record<string, unknown> {
  const operation = parse(source).definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  const out: Record<string, unknown> = {};
  for (const v of operation.variableDefinitions ?? []) {
    const variable = v.variable.name.value;
    const value = OPERATION_VARIABLES[name]?.[variable] ?? VARIABLES[variable];
    if (value) out[variable] = value(ids);
    else if (v.type.kind === Kind.NON_NULL_TYPE)
      throw new Error(`${name}: no value for $${variable}: add it to VARIABLES`);
  }
  return out;
}
