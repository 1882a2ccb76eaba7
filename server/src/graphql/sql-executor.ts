/**
 * The SQL executor: answers a read-only operation in ONE statement in which PostgreSQL
 * builds the `data` object as JSON text (one correlated subquery per nested list) — whole,
 * or for a top-level list one text per item that this process joins (rowsStatement) —
 * instead of graphql-js calling a resolver per field over rows parsed into JavaScript.
 * An operation is compiled once per parsed document; its statement once per set of
 * variables, kept in a cache bounded by bytes (see statementFor). It covers the fields a map or a client reads most (places, tasks and
 * the links between them, with the location filters) and nothing else: an operation
 * that asks for anything outside that set — statuses, reports, obligations, cursors,
 * directives, mutations — returns null here and runs through the resolvers as before.
 *
 * It is an optimisation, never a second source of truth: filters are validated by the
 * same functions (toTaskQuery, toPlaceQuery, checkFirst), conditions and orders come
 * from the same SQL builders as the repositories, and any doubt (an invalid argument,
 * an unknown field, an error) means "not mine", so the resolvers answer — and raise the
 * error — exactly as they would have. test/server/perf/sql-executor.test.ts runs a
 * corpus through both and requires the same answers.
 *
 * Like the resolvers, it answers no more list items than the request's list budget
 * allows (list-budget.ts): PostgreSQL counts the items of the answer it built and sends
 * the text only when they fit; otherwise the request is refused with RESULT_TOO_LARGE,
 * naming the operation's lists, and the oversized text never reaches this process.
 */
import { sql, type CompiledQuery, type RawBuilder } from "kysely";
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  isListType,
  getVariableValues,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { createHash } from "node:crypto";
import type { Db } from "../db/database.ts";
import { ByteLru, type ByteLruStats } from "./byte-lru.ts";
import { placeConditions, roleOrder } from "../modules/place/place.repository.ts";
import { toPlaceQuery } from "../modules/place/place.service.ts";
import type { PlaceFilter } from "../modules/place/place.type.ts";
import { distanceTo } from "../modules/spatial/spatial-filter.ts";
import { statusAsOf, taskConditions, taskPageSql } from "../modules/task/task.repository.ts";
import { toTaskQuery } from "../modules/task/task.service.ts";
import type { TaskFilter } from "../modules/task/task.type.ts";
import { tooLarge, type ListBudget } from "./list-budget.ts";
import { checkFirst } from "./paging.ts";

/** Thrown while compiling or building: the operation is left to the resolvers. */
class NotMine extends Error {}

/** One selected field, fragments flattened: response key, definition, node and sub-selection. */
interface Selected {
  key: string;
  name: string;
  field: GraphQLField<unknown, unknown> | null; // null for __typename
  node: FieldNode;
  type: GraphQLObjectType | null; // the named object type of the value, when it is one
  children: Selected[];
}

interface Compiled {
  operation: OperationDefinitionNode;
  fields: Selected[];
  /** the schema coordinates of its lists ("Query.places", "Place.tasks"), for a refusal's message */
  lists: string[];
  /** this plan's number in the statement cache's keys */
  id: number;
  /** a top-level list is answered as rows (rowsStatement), otherwise the whole answer as one text (textStatement) */
  asRows: boolean;
}

type Data = Record<string, unknown>;
/**
 * A row of the statement: one item of a top-level list, or the whole value of any other
 * top-level field, as JSON text (null when the answer is over the budget); `f` is the field's
 * index in the selection; `items` is how many list items the whole answer holds.
 */
type Row = { f: number; data: string | null; items: number };

/**
 * Statements already built, for any operation: the same request again skips building the
 * SQL. Bounded by bytes (STATEMENT_CACHE_MB, configureStatementCache), not per operation by
 * count: a statement is its SQL text and its parameters, and the parameters are what
 * requests send (a within polygon is ~40 bytes a position). Keyed by the plan and a digest
 * of the variables, so a key is small whatever was sent; a statement whose parameters
 * alone are over a sixteenth of the cache is built again each time rather than kept.
 */
let statements = new ByteLru<string, CompiledQuery<Row>>(16 * 1024 * 1024);

/** Sets the statement cache's size in bytes (and empties it). */
export function configureStatementCache(maxBytes: number): void {
  statements = new ByteLru(maxBytes);
}

/** The statement cache's entries and estimated bytes. */
export function statementCacheStats(): ByteLruStats {
  return statements.stats();
}

/** Variables' JSON up to this length is its own key; longer JSON is keyed by its SHA-256. */
const VARIABLES_KEY_CHARS = 512;

/** Estimated bytes of a kept statement: its texts (UTF-16) and a little per parameter. */
function statementBytes(key: string, statement: CompiledQuery<Row>): number {
  let bytes = 2 * (key.length + statement.sql.length) + 64;
  for (const p of statement.parameters) bytes += typeof p === "string" ? 2 * p.length + 16 : Array.isArray(p) ? 16 + JSON.stringify(p).length * 2 : 16;
  return bytes;
}

let plans = 0;

type Near = { lng: number; lat: number } | null;

/** What a field builder gets: the row aliases in scope and a fresh-alias source. */
interface Scope {
  /** alias of the row of the object being built */
  row: string;
  /** for a link (TaskPlace): the aliases of its place and task rows */
  place?: string;
  task?: string;
  /** the point of the tasks query's spatial.near, for TaskPlace.distanceMeters */
  near: Near;
  variables: Record<string, unknown>;
  alias(prefix: string): string;
}

type Build = (s: Selected, args: Record<string, unknown>, scope: Scope) => RawBuilder<unknown>;

// Every builder returns JSON *text*: objects and lists are concatenated in SQL, so the
// response is compact JSON (no spaces, unlike json_build_object's) that the SQL lane sends
// as it comes, without parsing and re-serialising it in Node.
const col = (scope: Scope, column: string): RawBuilder<unknown> => sql.ref(`${scope.row}.${column}`);
/** any SQL value as JSON text; null as null */
const json = (value: RawBuilder<unknown>): RawBuilder<string> => sql<string>`coalesce(to_json(${value})::text, 'null')`;
const column = (name: string): Build => (_s, _a, scope) => json(col(scope, name));
const scripted = (hans: string, hant: string): Build => (_s, args, scope) => json(col(scope, args.script === "HANT" ? hant : hans));
/**
 * a JSON array of the rows' objects, in order; [] for none. Each item is marked with a
 * U+0001, which JSON text never holds raw (to_json escapes control characters), so the
 * statement can count the answer's items and remove the marks (see statementFor).
 */
const list = (element: RawBuilder<unknown>, order: RawBuilder<unknown>): RawBuilder<string> =>
  sql<string>`coalesce('[' || string_agg(chr(1) || ${element}, ',' order by ${order}) || ']', '[]')`;

// ---- the fields it answers, per type ----------------------------------------------------

const PLACE: Record<string, Build> = {
  id: column("id"),
  code: column("code"),
  nameEn: column("name_en"),
  name: scripted("name_hans", "name_hant"),
  aliases: column("aliases"),
  kind: column("kind"),
  precision: column("precision"),
  source: column("source"),
  areaKm2: column("area_km2"),
  centroid: (_s, _a, scope) => sql`ST_AsGeoJSON(${col(scope, "label_point")}, 6)`,
  bbox: (_s, _a, scope) => sql`(select array_to_json(array[ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b)]::float8[])::text from (select ${col(scope, "geom")}::box3d as b) x)`,
  geometry: (_s, args, scope) => {
    const tolerance = args.tolerance as number | null | undefined;
    // out-of-range tolerances are the resolver's to refuse
    if (tolerance != null && (!Number.isFinite(tolerance) || tolerance < 0 || tolerance > 1)) throw new NotMine();
    const geom = tolerance ? sql`ST_SimplifyPreserveTopology(${col(scope, "geom")}, ${tolerance}::float8)` : col(scope, "geom");
    return sql`ST_AsGeoJSON(${geom}, 6)`;
  },
  children: (s, _a, scope) => {
    const c = scope.alias("c");
    return sql`(select ${list(object(s, { ...scope, row: c, near: null }, PLACE), sql.ref(`${c}.ordinal`))}
      from place ${sql.id(c)} where ${sql.ref(`${c}.parent_id`)} = ${col(scope, "id")})`;
  },
  parent: (s, _a, scope) => {
    const c = scope.alias("c");
    return sql`coalesce((select ${object(s, { ...scope, row: c, near: null }, PLACE)} from place ${sql.id(c)} where ${sql.ref(`${c}.id`)} = ${col(scope, "parent_id")}), 'null')`;
  },
  tasks: (s, args, scope) => {
    // taskConditions speaks of the task as `t` and its status as `s`
    const query = toTaskQuery(args.filter as TaskFilter | null);
    if (query.spatial?.placeIds) throw new NotMine(); // the resolver checks that the ids exist
    const where = taskConditions(query);
    const link = scope.alias("l");
    const status = query.statuses ? sql`left join lateral ${statusAsOf(sql.ref("t.id"), query.asOf)} s on true` : sql``;
    const built = object(s, { ...scope, row: link, place: scope.row, task: "t", near: null }, TASK_PLACE);
    return sql`(select ${list(built, sql`pl.ordinal, t.ordinal, ${roleOrder(link)}`)}
      from task_place ${sql.id(link)} join task t on t.id = ${sql.ref(`${link}.task_id`)} join plan pl on pl.id = t.plan_id ${status}
      where ${sql.ref(`${link}.place_id`)} = ${col(scope, "id")} ${where.length ? sql`and ${sql.join(where, sql` and `)}` : sql``})`;
  },
};

const TASK: Record<string, Build> = {
  id: column("id"),
  kind: column("kind"),
  number: column("number"),
  ref: column("ref"),
  titleEn: column("title_en"),
  dueYear: column("due_year"),
  title: scripted("title_hans", "title_hant"),
  text: scripted("text_hans", "text_hant"),
  places: (s, _a, scope) => {
    const link = scope.alias("l");
    const place = scope.alias("p");
    const built = object(s, { ...scope, row: link, place, task: scope.row }, TASK_PLACE);
    return sql`(select ${list(built, sql`${roleOrder(link)}, ${sql.ref(`${place}.ordinal`)}`)}
      from task_place ${sql.id(link)} join place ${sql.id(place)} on ${sql.ref(`${place}.id`)} = ${sql.ref(`${link}.place_id`)}
      where ${sql.ref(`${link}.task_id`)} = ${col(scope, "id")})`;
  },
};

const TASK_PLACE: Record<string, Build> = {
  role: column("role"),
  curated: column("curated"),
  note: column("note"),
  distanceMeters: (_s, _a, scope) => (scope.near ? json(distanceTo(scope.near, `${scope.place}.geom`)) : sql`'null'`),
  place: (s, _a, scope) => object(s, { ...scope, row: scope.place!, near: null }, PLACE),
  task: (s, _a, scope) => object(s, { ...scope, row: scope.task!, near: null }, TASK),
};

const TASK_CONNECTION = new Set(["nodes", "totalCount", "__typename"]);

/**
 * A top-level list as rows of the statement, one per item (its JSON text and its sort key),
 * rather than one aggregated text: PostgreSQL never builds a text of the whole list (700 KB
 * for a hundred district polygons, where each further pass over it costs as much again), and
 * the process joins the items as they come.
 */
interface Rows {
  element: RawBuilder<string>;
  order: RawBuilder<unknown>;
  /** the FROM and WHERE clauses */
  from: RawBuilder<unknown>;
}

const QUERY_ROWS: Record<string, (s: Selected, args: Record<string, unknown>, scope: Scope) => Rows> = {
  places: (s, args, scope) => {
    const where = placeConditions(toPlaceQuery(args.filter as PlaceFilter | null));
    // placeConditions speaks of the place as `p`
    return { element: object(s, { ...scope, row: "p" }, PLACE), order: sql`p.ordinal`, from: sql`place p ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}` };
  },
};

/** The rows builder of a top-level field that is a list (QUERY_ROWS), if it is one. */
function rowsOf(s: Selected): ((s: Selected, args: Record<string, unknown>, scope: Scope) => Rows) | undefined {
  return Object.hasOwn(QUERY_ROWS, s.name) ? QUERY_ROWS[s.name] : undefined;
}

const QUERY: Record<string, Build> = {
  places: (s, args, scope) => {
    const { element, order, from } = QUERY_ROWS.places(s, args, scope);
    return sql`(select ${list(element, order)} from ${from})`;
  },
  place: (s, args, scope) => {
    const p = scope.alias("p");
    const match = args.id ? sql`${sql.ref(`${p}.id`)} = ${String(args.id)}` : args.code ? sql`${sql.ref(`${p}.code`)} = ${String(args.code)}` : null;
    if (!match) throw new NotMine(); // neither id nor code: the resolver's error
    return sql`coalesce((select ${object(s, { ...scope, row: p }, PLACE)} from place ${sql.id(p)} where ${match}), 'null')`;
  },
  task: (s, args, scope) => {
    const t = scope.alias("t");
    return sql`coalesce((select ${object(s, { ...scope, row: t }, TASK)} from task ${sql.id(t)} where ${sql.ref(`${t}.id`)} = ${String(args.id)}), 'null')`;
  },
  tasks: (s, args, scope) => {
    if (args.after != null) throw new NotMine(); // cursors are decoded and checked by the resolver
    const size = checkFirst(args.first as number | null, 50);
    const filter = args.filter as TaskFilter | null;
    const query = toTaskQuery(filter);
    if (query.spatial?.placeIds) throw new NotMine();
    const withTotal = s.children.some((c) => c.name === "totalCount");
    // the total rides on the page's rows: an empty page (first: 0) has none to carry it
    if (withTotal && size === 0) throw new NotMine();
    const page = taskPageSql({ ...query, first: size, after: null, withTotal }, size, "keys");
    const m = scope.alias("m");
    const t = scope.alias("t");
    const near = query.spatial?.near ? { lng: query.spatial.near.lng, lat: query.spatial.near.lat } : null;
    const pairs = s.children.map((c) => {
      if (!TASK_CONNECTION.has(c.name)) throw new NotMine();
      const value =
        c.name === "__typename"
          ? sql`'"TaskConnection"'`
          : c.name === "totalCount"
            ? sql`coalesce(max(${sql.ref(`${m}.totalCount`)}), 0)::text`
            : list(object(c, { ...scope, row: t, near }, TASK), sql`${sql.ref(`${m}.k1`)}, ${sql.ref(`${m}.k2`)}, ${sql.ref(`${m}.k3`)}, ${sql.ref(`${m}.id`)}`);
      return pair(c, value);
    });
    return sql`(select ${braces(pairs)} from (${page}) ${sql.id(m)} join task ${sql.id(t)} on ${sql.ref(`${t}.id`)} = ${sql.ref(`${m}.id`)})`;
  },
};

const BY_TYPE: Record<string, Record<string, Build>> = { Query: QUERY, Place: PLACE, Task: TASK, TaskPlace: TASK_PLACE };

/** `"key":value` (the key is a GraphQL name: letters, digits and _, safe in SQL and JSON). */
function pair(s: Selected, json: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`${sql.lit(`"${s.key}":`)} || ${json}`;
}

function braces(pairs: RawBuilder<unknown>[]): RawBuilder<string> {
  return sql<string>`'{' || ${sql.join(pairs, sql` || ',' || `)} || '}'`;
}

/** The selected fields of one object as a JSON object, in selection order. */
function object(s: Selected, scope: Scope, builders: Record<string, Build>): RawBuilder<string> {
  if (s.children.length === 0) throw new NotMine();
  return braces(s.children.map((c) => pair(c, value(c, scope, builders))));
}

function value(s: Selected, scope: Scope, builders: Record<string, Build>): RawBuilder<unknown> {
  if (s.name === "__typename") return sql.lit(`"${typeNameOf(builders)}"`);
  const build = builders[s.name];
  if (!build) throw new NotMine();
  return build(s, argumentsOf(s, scope), scope);
}

/** A field's arguments; throws on an invalid one: the resolver path reports it. */
function argumentsOf(s: Selected, scope: Scope): Record<string, unknown> {
  if (!s.field) throw new NotMine();
  return getArgumentValues(s.field, s.node, scope.variables);
}

/** Whether a selected field is a list (of objects or of anything else). */
function isList(s: Selected): boolean {
  return s.field !== null && isListType(getNullableType(s.field.type));
}

function typeNameOf(builders: Record<string, Build>): string {
  return Object.entries(BY_TYPE).find(([, b]) => b === builders)![0];
}

// ---- compiling the operation: flatten fragments, refuse what is not plain ------------------

function collect(schema: GraphQLSchema, document: DocumentNode, type: GraphQLObjectType, set: SelectionSetNode, out: Selected[]): void {
  for (const selection of set.selections) {
    if (selection.directives?.length) throw new NotMine(); // @skip/@include: left to graphql-js
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      const key = selection.alias?.value ?? name;
      if (out.some((o) => o.key === key)) throw new NotMine(); // merged fields: left to graphql-js
      if (name === "__typename") {
        out.push({ key, name, field: null, node: selection, type: null, children: [] });
        continue;
      }
      const field = type.getFields()[name];
      if (!field) throw new NotMine();
      const named = getNamedType(field.type);
      const objectType = isObjectType(named) ? named : null;
      const children: Selected[] = [];
      if (selection.selectionSet) {
        if (!objectType) throw new NotMine();
        collect(schema, document, objectType, selection.selectionSet, children);
      }
      out.push({ key, name, field, node: selection, type: objectType, children });
    } else {
      const fragment =
        selection.kind === Kind.INLINE_FRAGMENT
          ? selection
          : document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value);
      if (!fragment || (fragment.kind !== Kind.INLINE_FRAGMENT && fragment.kind !== Kind.FRAGMENT_DEFINITION)) throw new NotMine();
      if (fragment.directives?.length) throw new NotMine();
      if (fragment.typeCondition && fragment.typeCondition.name.value !== type.name) throw new NotMine();
      collect(schema, document, type, fragment.selectionSet, out);
    }
  }
}

/** Checks every field of the tree has a builder for its type (so a request fails fast, before SQL). */
function covered(fields: Selected[], typeName: string): boolean {
  const builders = BY_TYPE[typeName];
  return fields.every((f) => {
    if (f.name === "__typename") return true;
    if (!builders?.[f.name]) return false;
    // an object needs a selection, a leaf has none (the validator already said so)
    if (!f.type) return f.children.length === 0;
    if (f.type.name === "TaskConnection") return f.children.every((c) => TASK_CONNECTION.has(c.name) && (c.name !== "nodes" || covered(c.children, "Task")));
    return covered(f.children, f.type.name);
  });
}

/**
 * Whether a top-level list's items may be large: a geometry, or lists nested two deep under it.
 * Such a list is cheaper as rows (rowsStatement: no pass over one text of them all); a list of
 * small items is cheaper as one text (textStatement: no per-row work, ~0.05 ms on twenty places).
 */
function mayBeLarge(s: Selected, listsAbove = 0): boolean {
  return s.children.some((c) => c.name === "geometry" || (isList(c) && listsAbove >= 1) || mayBeLarge(c, listsAbove + (isList(c) ? 1 : 0)));
}

/** The coordinates of the lists in a tree of fields, each once, in selection order. */
function listsOf(fields: Selected[], typeName: string, out = new Set<string>()): string[] {
  for (const f of fields) {
    if (isList(f)) out.add(`${typeName}.${f.name}`);
    if (f.type) listsOf(f.children, f.type.name, out);
  }
  return [...out];
}

const compiled = new WeakMap<DocumentNode, Map<string, Compiled | null>>();

function compile(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): Compiled | null {
  let byName = compiled.get(document);
  if (!byName) compiled.set(document, (byName = new Map()));
  const name = operationName ?? "";
  if (byName.has(name)) return byName.get(name)!;
  let result: Compiled | null = null;
  try {
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
    const root = schema.getQueryType();
    if (operation && operation.operation === "query" && !operation.directives?.length && root) {
      const fields: Selected[] = [];
      collect(schema, document, root, operation.selectionSet, fields);
      if (fields.length > 0 && covered(fields, "Query")) {
        result = { operation, fields, lists: listsOf(fields, "Query"), id: ++plans, asRows: fields.some((f) => rowsOf(f) && mayBeLarge(f)) };
      }
    }
  } catch (error) {
    if (!(error instanceof NotMine)) throw error;
  }
  byName.set(name, result);
  return result;
}

/**
 * The one statement that answers the operation, or null when the SQL executor does not
 * cover it or when anything about the request is for the resolvers to judge (invalid
 * variables or arguments, cursors). It returns the answer's text only when it holds at most
 * `maxItems` list items, and their number either way. Exported for EXPLAIN and for tests.
 */
export function statementFor(options: {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  db: Db;
  maxItems: number;
}): CompiledQuery<Row> | null {
  const plan = compile(options.schema, options.document, options.operationName);
  if (!plan) return null;
  const variablesJson = JSON.stringify(options.variables ?? {});
  const variablesKey = variablesJson.length <= VARIABLES_KEY_CHARS ? variablesJson : createHash("sha256").update(variablesJson).digest("base64");
  const cacheKey = `${plan.id} ${options.maxItems} ${variablesKey}`;
  const cached = statements.get(cacheKey);
  if (cached) return cached;
  const coerced = getVariableValues(options.schema, plan.operation.variableDefinitions ?? [], options.variables ?? {});
  if (coerced.errors) return null;
  let statement: CompiledQuery<Row>;
  try {
    let n = 0;
    const scope: Scope = { row: "", near: null, variables: coerced.coerced, alias: (prefix) => `${prefix}${++n}` };
    statement = plan.asRows ? rowsStatement(plan, scope, options.maxItems).compile(options.db) : textStatement(plan, scope, options.maxItems).compile(options.db);
  } catch {
    // NotMine, or a ValidationError/GraphQLError about an argument: the resolvers say it properly
    return null;
  }
  // a statement holding an instant ("as of now" by default) is only good for this request
  if (!statement.parameters.some((p) => p instanceof Date)) statements.set(cacheKey, statement, statementBytes(cacheKey, statement));
  return statement;
}

/**
 * The statement for an operation without a top-level list: one row, the whole `data` text. The
 * items are the marks list() put in; `offset 0` keeps each text built once (a subquery pulled up
 * into its caller is planned once per reference).
 */
function textStatement(plan: Compiled, scope: Scope, maxItems: number): RawBuilder<Row> {
  const pairs = plan.fields.map((f) => pair(f, value(f, scope, QUERY)));
  return sql<Row>`
    select 0 as f, case when octet_length(b.d) - octet_length(b.r) <= ${maxItems}::int then b.r end as data, octet_length(b.d) - octet_length(b.r) as items
    from (select a.d, replace(a.d, chr(1), '') as r from (select ${braces(pairs)} as d offset 0) a offset 0) b`;
}

/**
 * The statement for an operation with a top-level list whose items may be large (QUERY_ROWS,
 * mayBeLarge): one row per item of such a list, one row for any other top-level field, ordered
 * by field and item. The items are the
 * marks list() and the rows put in, counted per row and summed over the answer; an answer over
 * the budget sends one row, without its text.
 */
function rowsStatement(plan: Compiled, scope: Scope, maxItems: number): RawBuilder<Row> {
  const parts = plan.fields.map((f, i) => {
    const rows = rowsOf(f);
    if (!rows) return sql`select ${i}::int as f, 0::float8 as o, ${value(f, scope, QUERY)} as d`;
    const { element, order, from } = rows(f, argumentsOf(f, scope), scope);
    return sql`select ${i}::int as f, (${order})::float8 as o, chr(1) || ${element} as d from ${from}`;
  });
  return sql<Row>`
    select b.f, case when b.items <= ${maxItems}::int then b.r end as data, b.items
    from (
      select a.f, a.o, a.r, sum(octet_length(a.d) - octet_length(a.r)) over ()::int as items, row_number() over () as n
      from (select u.f, u.o, u.d, replace(u.d, chr(1), '') as r from (${sql.join(parts, sql` union all `)} offset 0) u) a
    ) b
    where b.items <= ${maxItems}::int or b.n = 1
    order by b.f, b.o`;
}

type ExecuteOptions = Omit<Parameters<typeof statementFor>[0], "maxItems"> & { budget: ListBudget };

/**
 * The response's `data` as JSON text in pieces, from one SQL statement (see statementFor): the
 * text is their concatenation, left to the caller (the SQL lane writes them as they are, without
 * a joined copy of a large answer); null: execute it with graphql-js. An answer with more list
 * items than the budget has left refuses the request: the budget keeps the TooLargeError (so the
 * resolvers refuse it too) and it is thrown here.
 */
export async function executeInSqlAsPieces(options: ExecuteOptions): Promise<string[] | null> {
  const { budget } = options;
  if (budget.refusal) return null;
  const left = Math.max(0, budget.limit - budget.used);
  // the statement compares with an int: a larger (or no) limit is as good as the largest int
  const statement = statementFor({ ...options, maxItems: Math.min(left, 2 ** 31 - 1) });
  if (!statement) return null;
  const { rows } = await options.db.executeQuery(statement);
  // statementFor compiled it, so the plan is there
  const { lists, fields, asRows } = compile(options.schema, options.document, options.operationName)!;
  // a field answered as one row always has it: no rows at all is an empty top-level list
  const items = rows.length ? Number(rows[0].items) : 0;
  if (rows.length && rows[0].data === null) {
    if (items > left) budget.refuse(tooLarge(budget.limit, lists));
    return null;
  }
  budget.charge(items, lists[0] ?? "Query");
  return asRows ? assemble(fields, rows) : [rows[0].data!];
}

/** The response's `data` in pieces from the statement's rows (ordered by field and, within a list, by item). */
function assemble(fields: Selected[], rows: Row[]): string[] {
  const pieces: string[] = [];
  let at = 0;
  fields.forEach((f, i) => {
    const open = `${i === 0 ? "{" : ","}"${f.key}":`;
    if (!rowsOf(f)) {
      pieces.push(open, rows[at++].data!);
      return;
    }
    pieces.push(`${open}[`);
    for (let first = true; at < rows.length && rows[at].f === i; at++, first = false) {
      if (!first) pieces.push(",");
      pieces.push(rows[at].data!);
    }
    pieces.push("]");
  });
  pieces.push("}");
  return pieces;
}

/** executeInSqlAsPieces, joined. */
export async function executeInSqlAsText(options: ExecuteOptions): Promise<string | null> {
  const pieces = await executeInSqlAsPieces(options);
  return pieces === null ? null : pieces.join("");
}

/** executeInSqlAsText, parsed: an execution result for Apollo. */
export async function executeInSql(options: ExecuteOptions): Promise<{ data: Data } | null> {
  const text = await executeInSqlAsText(options);
  return text === null ? null : { data: JSON.parse(text) as Data };
}
