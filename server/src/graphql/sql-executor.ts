/**
 * The SQL executor: answers a read-only operation in ONE statement in which PostgreSQL
 * builds the `data` object as JSON text (one correlated subquery per nested list) — whole,
 * or for a top-level list one text per item that this process joins (rowsStatement) —
 * instead of graphql-js calling a resolver per field over rows parsed into JavaScript.
 * An operation is compiled once per parsed document; its statement once per set of
 * variables, kept in a cache bounded by bytes (see statementFor). What it covers is one
 * table, FIELDS, keyed by schema coordinate: places with their status summaries, tasks
 * with their statuses, pages and cursors, the links between them, obligations with their
 * reasons, links, targets and own statuses, departments, plans (their tasks and text repairs),
 * sections and indicators with their approved values, the words of source spans, with the
 * location filters, the progress reports of a task or an obligation, the free-text search (a
 * union: each hit built as its member type), the yearly assessment, and the signed-in reads (the
 * user, the accounts, the review queue, the linker's uncertain matches, every recording of the
 * indicators), each as the request's actor may see them, and a planner's geocoding (over the
 * gazetteer's forms converted by OpenCC and stored: place_alias_form). An operation that asks for
 * a field not compiled (test/server/perf/sql-coverage.test.ts lists them, with why: none today), a
 * directive or a mutation returns null here and runs through the resolvers as before.
 *
 * It is an optimisation, never a second source of truth: filters are validated by the
 * same functions (toTaskQuery, toPlaceQuery, checkFirst, decodeCursor), conditions and
 * orders come from the same SQL builders as the repositories (findStatusSummaries'
 * statement itself), and any doubt (an invalid argument, an unknown field, an error)
 * means "not mine", so the resolvers answer — and raise the error — exactly as they
 * would have. Apollo runs the executor for signed-in requests too, with the request's actor
 * (Scope.viewer: the session's user, never anything the client sends): a compiled field answers
 * everybody alike, except those whose answer depends on who asks (BY_VIEWER), which apply the
 * services' own rule (permissions.ts, the repositories' visibility conditions) to the actor, its
 * id, role, department and places as parameters; a request the resolvers would refuse
 * (UNAUTHENTICATED, FORBIDDEN) is left to them. The resolvers are its reference:
 * test/server/perf/sql-differential.test.ts runs generated queries and the client's
 * operations through both and requires the same answers, anonymous and for each role that sees
 * something different (sql-executor.test.ts, a hand-picked corpus).
 *
 * Like the resolvers, it answers no more list items than the request's list budget
 * allows (list-budget.ts): PostgreSQL counts the items of the answer it built and sends
 * the text only when they fit; otherwise the request is refused with RESULT_TOO_LARGE,
 * naming the operation's lists, and the oversized text never reaches this process.
 */
import { CompiledQuery, sql, type RawBuilder } from "kysely";
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  isListType,
  getVariableValues,
  isObjectType,
  isUnionType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLUnionType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  visit,
} from "graphql";
import { createHash } from "node:crypto";
import { availableParallelism } from "node:os";
import { Slots } from "../core/slots.ts";
import { isDeepStrictEqual } from "node:util";
import type { Db } from "../db/database.ts";
import { ByteLru, type ByteLruStats } from "./byte-lru.ts";
import {
  displayGeometry,
  obligationEntriesSql,
  placeConditions,
  roleOrder,
} from "../modules/place/place.repository.ts";
import { obligationPageSql, taskObligationPlacesSql } from "../modules/obligation/obligation.repository.ts";
import { checkYear, toObligationQuery } from "../modules/obligation/obligation.service.ts";
import type { ObligationFilter } from "../modules/obligation/obligation.type.ts";
import { spanTextSql } from "../modules/plan/plan.repository.ts";
import { valuesSql } from "../modules/indicator/indicator.repository.ts";
import { checkPoint, toPlaceQuery } from "../modules/place/place.service.ts";
import {
  ALIAS_FORMS_FRESH,
  geocodeMatchSql,
  liesIn,
  projectPageSql,
  projectStatusAsOf,
  projectsInPlacesSql,
} from "../modules/project/project.repository.ts";
import { geocodeText, PROJECT_CURSOR, toProjectQuery } from "../modules/project/project.service.ts";
import { toSimplified } from "../core/script.ts";
import type { ProjectFilter } from "../modules/project/project.type.ts";
import type { PlaceFilter } from "../modules/place/place.type.ts";
import { distanceTo } from "../modules/spatial/spatial-filter.ts";
import {
  dayOf,
  dueYearOf,
  obligationStatusAsOf,
  STATUS_OR_NOT_STARTED,
  statusAsOf,
  statusSummariesOfSql,
  statusSummariesSql,
  taskConditions,
  taskPageSql,
} from "../modules/task/task.repository.ts";
import { toTaskQuery } from "../modules/task/task.service.ts";
import {
  obligationReportCountSql,
  obligationReportsSql,
  pendingReportsSql,
  taskReportCountSql,
  taskReportsSql,
  uncertainLinkCountSql,
  uncertainLinksSql,
} from "../modules/report/report.repository.ts";
import { linkCandidateKey, reportCursor, reviewQueueOf } from "../modules/report/report.service.ts";
import { canCurate, seesPeople } from "../modules/report/permissions.ts";
import { valueRecordsSql } from "../modules/indicator/indicator.repository.ts";
import type { SessionUser } from "../core/actor.ts";
import type { TaskFilter } from "../modules/task/task.type.ts";
import { Script, TaskOrder, type TaskKind } from "../core/enums.ts";
import { tooLarge, type ListBudget } from "../core/list-budget.ts";
import { checkFirst, decodeCursor } from "../core/paging.ts";
import { SEARCH_HIT_ORDER, searchHitsSql } from "../modules/search/search.repository.ts";
import { toSearchText } from "../modules/search/search.service.ts";
import { ASSESSED_PLACE_IDS, assessmentsSql } from "../modules/obligation/obligation.repository.ts";
import { NULL_IS_DEFAULT } from "./null-defaults.ts";

/** Thrown while compiling or building: the operation is left to the resolvers. */
class NotMine extends Error {}

/** One selected field, fragments flattened: response key, definition, node and sub-selection. */
interface Selected {
  key: string;
  name: string;
  /** the name of the object type the field is on: with name, its schema coordinate */
  parent: string;
  field: GraphQLField<unknown, unknown> | null; // null for __typename
  node: FieldNode;
  type: GraphQLObjectType | null; // the named object type of the value, when it is one
  children: Selected[];
  /**
   * for a field of a union type (Query.search): the fields selected of each member type, by its
   * name, fragments applied as graphql-js applies them to an object of that type (children: all
   * of them, for what walks the tree)
   */
  variants?: Record<string, Selected[]>;
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
  /** it selects a field whose answer depends on who asks (BY_VIEWER): its statements are the actor's */
  byViewer: boolean;
  /** its variables of type ID or String (not lists): those a statement may take as parameters (Template) */
  textVariables: string[];
  /** the SQL text of its latest kept statement, which the next ones of the same text share (see slim) */
  text?: string;
  /** the length of its latest answer (JSON characters; -1 before the first): a heavy one's next ones wait for a slot (`heavy`) */
  answerChars: number;
}

type Data = Record<string, unknown>;
/**
 * A row of the statement: one item of a top-level list, or the whole value of any other
 * top-level field, as JSON text (null when the answer is over the budget); `f` is the field's
 * index in the selection; `items` is how many list items the whole answer holds.
 */
type Row = { f: number; data: string | null; items: number };

/**
 * A statement built once for many requests: its SQL text and parameters, with the slots where each
 * request puts its own values — the request's instant ("as of now" by default) and the values of
 * ID and String variables that go into the statement unchanged (an id, a place). Found by building
 * the statement twice with two different stand-ins for each (templateOf) and keeping it only when
 * the two builds differ in exactly those parameters: a value that is converted, decoded, compared
 * or otherwise looked at (a cursor, a search text, an empty id) changes the statement otherwise,
 * and such a variable is then part of the cache key instead.
 */
interface Template {
  statement: CompiledQuery<Row>;
  /** parameter index → what goes there: the request's instant, its day in China (dayOf), or a variable's value */
  slots: [number, Slot][];
  /** its text is the plan's previous statement's (slim), counted there */
  sharedText: boolean;
}
type Slot = "now" | "day" | { variable: string };

/**
 * Statements already built, for any operation: a request of the same shape skips building the
 * SQL. Bounded by bytes (STATEMENT_CACHE_MB, configureStatementCache), not per operation by
 * count: a statement is its SQL text and its parameters, and the parameters are what
 * requests send (a within polygon is ~40 bytes a position). Keyed by the plan and a digest
 * of the variables that are not slots, so a key is small whatever was sent; a statement whose
 * parameters alone are over a sixteenth of the cache is built again each time rather than kept.
 * null: no template; built for each request (its statement depends on the instant other than as a
 * parameter), or, for a key with its text variables masked, look again with their values.
 */
let statements = new ByteLru<string, Template | null>(16 * 1024 * 1024);

/** Sets the statement cache's size in bytes (and empties it). */
export function configureStatementCache(maxBytes: number): void {
  statements = new ByteLru(maxBytes);
}

/**
 * Heavy answers: an operation whose latest answer was at least `chars` long (the map's places
 * with their outlines, 1.4 MB for 1,000 places), or that has not been answered yet, runs with at
 * most `slots.size` others of its kind at once; the rest wait in line. Their rows are in memory from the first one PostgreSQL sends
 * until the answer is written, and ten of them side by side on two cores keep ten answers in
 * memory for the whole time: 20 MB more at the peak than three (BENCHMARKS.md, "Sixteenth
 * session"), for no more answers a second, the work being PostgreSQL's CPU either way. One more
 * than the cores keeps them busy while one answer is written.
 */
let heavy = { chars: 256 * 1024, slots: new Slots(availableParallelism() + 1) };

/** Heavy operations not run because their client had left while they waited (since the last configureHeavyAnswers). */
let clientGone = 0;

/** Sets what a heavy answer is and how many run at once (tests; the defaults suit the server). */
export function configureHeavyAnswers(chars: number, slots: number): void {
  heavy = { chars, slots: new Slots(slots) };
  clientGone = 0;
}

/** The heavy answers' slots (held now, the most at once, waiting), and how many were not run for a client gone. */
export function heavyAnswerStats(): ReturnType<Slots["stats"]> & { clientGone: number } {
  return { ...heavy.slots.stats(), clientGone };
}

/** The statement cache's entries and estimated bytes. */
export function statementCacheStats(): ByteLruStats {
  return statements.stats();
}

/** Variables' JSON up to this length is its own key; longer JSON is keyed by its SHA-256. */
const VARIABLES_KEY_CHARS = 512;

/** Estimated bytes of a kept statement: its texts (UTF-16) and a little per parameter. */
function statementBytes(key: string, template: Template | null): number {
  if (!template) return 2 * key.length + 64;
  const { statement } = template;
  // a text shared with the plan's other statements is counted once, by the statement that brought it
  let bytes = 2 * key.length + (template.sharedText ? 8 : 2 * statement.sql.length) + 64 + 16 * template.slots.length;
  for (const p of statement.parameters)
    bytes += typeof p === "string" ? 2 * p.length + 16 : Array.isArray(p) ? 16 + JSON.stringify(p).length * 2 : 16;
  return bytes;
}

let plans = 0;

type Near = { lng: number; lat: number } | null;

/**
 * A page of a connection being built (Query.tasks, Query.projects, Place.projects): its rows,
 * numbered in order from 1 (`n`), one more than `size` when there is a next page; a row without
 * an id is no item (a place without projects still carries its total). The connection is one
 * aggregate over them (`group by ()`: one row, even when it selects no aggregate, e.g. only
 * __typename).
 */
interface Page {
  /** alias of the page's rows: id, totalCount, n, and the sort key */
  keys: string;
  size: number;
  /** the total when no row carries it */
  total: RawBuilder<unknown>;
  /** a row's cursor as the resolver writes it; null: left to the resolver */
  cursor: RawBuilder<string> | null;
  /** the scope of a row's node */
  node: (scope: Scope) => Scope;
  /** which of the page's rows are nodes, when not all are (an obligation row without a reason is none: listObligations) */
  only?: RawBuilder<unknown>;
}

/** What a field builder gets: the row aliases in scope and a fresh-alias source. */
interface Scope {
  /** alias of the row of the object being built */
  row: string;
  /** for a link (TaskPlace): the aliases of its place and task rows */
  place?: string;
  task?: string;
  /** the point of the tasks query's spatial.near, for TaskPlace.distanceMeters */
  near: Near;
  /** the tasks query's filter.asOf, the default instant of its nodes' statuses */
  taskAsOf: Date | null;
  /** the obligations query's filter.asOf, the default instant of its nodes' statuses */
  obligationAsOf: Date | null;
  /** in a TaskConnection: its page's rows */
  page?: Page;
  /** in a SourceSpan: its ends and the plan whose text it is in */
  span?: Span;
  /** the request's instant, where an asOf is left out (requestNow) */
  now: Date;
  /** who asks: the request's signed-in user (its session's), null for anonymous (BY_VIEWER) */
  viewer: SessionUser | null;
  /** for the places of a top-level list: the query of their ids (Place.statusSummary counts them all at once) */
  siblings?: RawBuilder<unknown>;
  /** the statement's common table expressions, which builders add to */
  ctes: RawBuilder<unknown>[];
  /**
   * conditions the answer holds only when all are true: otherwise the statement sends no text and
   * the resolvers answer (and raise their error), as for unknown place ids in a filter
   */
  guards: RawBuilder<unknown>[];
  /** the most list items the answer may hold (the list budget left): a list longer than this one more is not built whole */
  maxItems: number;
  variables: Record<string, unknown>;
  alias(prefix: string): string;
}

type Build = (s: Selected, args: Record<string, unknown>, scope: Scope) => RawBuilder<unknown>;

/** A span of a plan's text: its ends and the plan's id, as SQL. */
interface Span {
  start: RawBuilder<unknown>;
  end: RawBuilder<unknown>;
  plan: RawBuilder<unknown>;
}

// Every builder returns JSON *text*: objects and lists are concatenated in SQL, so the
// response is compact JSON (no spaces, unlike json_build_object's) that the SQL lane sends
// as it comes, without parsing and re-serialising it in Node.
const col = (scope: Scope, column: string): RawBuilder<unknown> => sql.ref(`${scope.row}.${column}`);
/** any SQL value as JSON text; null as null */
const json = (value: RawBuilder<unknown>): RawBuilder<string> => sql<string>`coalesce(to_json(${value})::text, 'null')`;
const column =
  (name: string): Build =>
  (_s, _a, scope) =>
    json(col(scope, name));
const scripted =
  (hans: string, hant: string): Build =>
  (_s, args, scope) =>
    json(col(scope, args.script === "HANT" ? hant : hans));
/**
 * a JSON array of the rows' objects, in order; [] for none. Each item is marked with a
 * U+0001, which JSON text never holds raw (to_json escapes control characters), so the
 * statement can count the answer's items and remove the marks (see statementFor).
 */
const list = (
  element: RawBuilder<unknown>,
  order: RawBuilder<unknown>,
  only?: RawBuilder<unknown>,
): RawBuilder<string> =>
  sql<string>`coalesce('[' || string_agg(chr(1) || ${element}, ',' order by ${order}) ${only ? sql`filter (where ${only})` : sql``} || ']', '[]')`;

// ---- the fields it answers, by schema coordinate ------------------------------------------

/** The row of `table` meeting `conditions`, as a JSON object, or null. */
function one(
  s: Selected,
  scope: Scope,
  table: string,
  conditions: (row: string) => RawBuilder<unknown>,
): RawBuilder<string> {
  const row = scope.alias(table.slice(0, 2));
  return sql<string>`coalesce((select ${object(s, enter(scope, row))} from ${sql.table(table)} ${sql.id(row)} where ${conditions(row)}), 'null')`;
}

/** The rows of `table` meeting `conditions`, as a JSON array in `order`. */
function many(
  s: Selected,
  scope: Scope,
  table: string,
  conditions: (row: string) => RawBuilder<unknown>,
  order: (row: string) => RawBuilder<unknown>,
): RawBuilder<string> {
  const row = scope.alias(table.slice(0, 2));
  return sql<string>`(select ${list(object(s, enter(scope, row)), order(row))} from ${sql.table(table)} ${sql.id(row)} where ${conditions(row)})`;
}

const ref = (row: string, column: string): RawBuilder<unknown> => sql.ref(`${row}.${column}`);

/**
 * An instant as the DateTime scalar writes it: toISOString() of the Date node-postgres (or PGlite)
 * parsed, which keeps the milliseconds of PostgreSQL's microseconds and drops the rest (both parsers
 * truncate: .029999 is .029); to_char's MS truncates alike. Years 1900-9999 only (the scalar's), so
 * YYYY is always four digits.
 */
const instant =
  (name: string): Build =>
  (_s, _a, scope) =>
    json(sql`to_char(${col(scope, name)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * The state of a task (TaskResolver.status: as of the field's asOf, else its list filter's, else the request's
 * instant), of a project (ProjectResolver.status: as of the field's asOf, else the request's instant) or of an
 * obligation (ObligationStateResolver.status: as of the field's asOf, else its list filter's, else the request's
 * instant; its own reports, from the obligation row behind it, obligationEntriesSql's obligation_id; none:
 * NOT_STARTED, as findObligationStates): the instant, and the lateral subquery with its `status` and `progress`.
 */
const STATES = {
  Task: (args: Record<string, unknown>, scope: Scope) => {
    const asOf = (args.asOf as Date | null | undefined) ?? scope.taskAsOf ?? scope.now;
    return { asOf, lateral: statusAsOf(col(scope, "id"), asOf) };
  },
  Project: (args: Record<string, unknown>, scope: Scope) => {
    const asOf = (args.asOf as Date | null | undefined) ?? scope.now;
    return { asOf, lateral: projectStatusAsOf(col(scope, "id"), asOf) };
  },
  Obligation: (args: Record<string, unknown>, scope: Scope) => {
    const asOf = (args.asOf as Date | null | undefined) ?? scope.obligationAsOf ?? scope.now;
    return { asOf, lateral: obligationStatusAsOf(col(scope, "obligation_id"), asOf) };
  },
};

const stateValue = (column: "status" | "progress"): RawBuilder<unknown> =>
  column === "status" ? STATUS_OR_NOT_STARTED : sql.ref("s.progress");

/** A task's, project's or obligation's status or progress (STATES), alone; statePair answers both from one lookup. */
const state =
  (type: keyof typeof STATES, column: "status" | "progress"): Build =>
  (_s, args, scope) =>
    json(
      sql`(select ${stateValue(column)} from (select 1) one left join lateral ${STATES[type](args, scope).lateral} s on true)`,
    );

/**
 * `status` and `progress` of a task, project or obligation selected side by side for the same instant (the map's task list
 * asks `status(asOf: $asOf) progress(asOf: $asOf)`): both "key":value pairs from one lookup of the state, which is
 * a roll-up over the task's obligations and their reports, instead of the same lookup twice. Null when the two
 * fields are not such a pair.
 */
function statePair(a: Selected, b: Selected, scope: Scope): RawBuilder<string> | null {
  const type = a.parent;
  if (type !== b.parent || !Object.hasOwn(STATES, type)) return null;
  const names = new Set([a.name, b.name]);
  if (!names.has("status") || !names.has("progress")) return null;
  const stateOf = STATES[type as keyof typeof STATES];
  const first = stateOf(argumentsOf(a, scope), scope);
  const second = stateOf(argumentsOf(b, scope), scope);
  if (first.asOf.getTime() !== second.asOf.getTime()) return null;
  const text = (c: Selected) =>
    sql<string>`${sql.lit(`"${c.key}":`)} || coalesce(to_json(${stateValue(c.name as "status" | "progress")})::text, 'null')`;
  return sql<string>`(select ${text(a)} || ',' || ${text(b)} from (select 1) one left join lateral ${first.lateral} s on true)`;
}

/** A connection's total: on every row of its page, else the page's fallback. */
const connectionTotal: Build = (_s, _a, scope) => {
  const { keys, total } = pageOf(scope);
  return sql`coalesce(max(${ref(keys, "totalCount")}), ${total})::text`;
};

/** A connection's nodes: the page's rows (not the one after it), in order. */
const connectionNodes: Build = (s, _a, scope) => {
  const page = pageOf(scope);
  const nodes = page.only ? sql`${inPage(page)} and ${page.only}` : inPage(page);
  return list(object(s, page.node(scope)), pageOrder(page), nodes);
};

/**
 * Every field the executor answers, by schema coordinate ("Place.nameEn"): its builder gets the
 * selected field, its argument values and the scope of the object it is on. A field that is not
 * here is answered by the resolvers, for the whole operation; the coverage test
 * (test/server/perf/sql-coverage.test.ts) walks the schema and names every field that is neither
 * here nor in its RESOLVER_ONLY list, so a new field of the schema cannot be forgotten.
 */
const FIELDS: Record<string, Build> = {
  // ---- places
  "Place.id": column("id"),
  "Place.code": column("code"),
  "Place.nameEn": column("name_en"),
  "Place.name": scripted("name_hans", "name_hant"),
  "Place.aliases": column("aliases"),
  "Place.kind": column("kind"),
  "Place.precision": column("precision"),
  "Place.source": column("source"),
  "Place.areaKm2": column("area_km2"),
  "Place.centroid": (_s, _a, scope) => sql`ST_AsGeoJSON(${col(scope, "label_point")}, 6)`,
  "Place.bbox": (_s, _a, scope) =>
    sql`(select array_to_json(array[ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b)]::float8[])::text from (select ${col(scope, "geom")}::box3d as b) x)`,
  "Place.geometry": (_s, args, scope) => {
    const tolerance = args.tolerance as number | null | undefined;
    // out-of-range tolerances are the resolver's to refuse
    if (tolerance != null && (!Number.isFinite(tolerance) || tolerance < 0 || tolerance > 1)) throw new NotMine();
    return sql`ST_AsGeoJSON(${displayGeometry(col(scope, "id"), col(scope, "geom"), tolerance)}, 6)`;
  },
  "Place.children": (s, _a, scope) =>
    many(
      s,
      scope,
      "place",
      (c) => sql`${ref(c, "parent_id")} = ${col(scope, "id")}`,
      (c) => ref(c, "ordinal"),
    ),
  // findContainers' order
  "Place.containedIn": (s, _a, scope) => {
    const c = scope.alias("pc");
    const outer = scope.alias("pl");
    return sql`(select ${list(object(s, enter(scope, outer)), sql`${ref(outer, "area_km2")} desc nulls last, ${ref(outer, "ordinal")}`)}
      from place_containment ${sql.id(c)} join place ${sql.id(outer)} on ${ref(outer, "id")} = ${ref(c, "outer_id")}
      where ${ref(c, "inner_id")} = ${col(scope, "id")})`;
  },
  "Place.parent": (s, _a, scope) => one(s, scope, "place", (c) => sql`${ref(c, "id")} = ${col(scope, "parent_id")}`),
  "Place.tasks": (s, args, scope) => {
    // taskConditions speaks of the task as `t` and its status as `s`
    const query = toTaskQuery(args.filter as TaskFilter | null, scope.now);
    if (query.spatial?.placeIds) throw new NotMine(); // the resolver checks that the ids exist
    const where = taskConditions(query);
    const link = scope.alias("l");
    const status = query.statuses ? sql`left join lateral ${statusAsOf(sql.ref("t.id"), query.asOf)} s on true` : sql``;
    const built = object(s, { ...enter(scope, link), place: scope.row, task: "t" });
    return sql`(select ${list(built, sql`pl.ordinal, t.ordinal, t.id, ${roleOrder(link)}`)}
      from task_place ${sql.id(link)} join task t on t.id = ${ref(link, "task_id")} join plan pl on pl.id = t.plan_id ${status}
      where ${ref(link, "place_id")} = ${col(scope, "id")} ${where.length ? sql`and ${sql.join(where, sql` and `)}` : sql``})`;
  },
  "Place.statusSummary": (s, args, scope) => {
    const filter = args.filter as TaskFilter | null | undefined;
    if (filter?.spatial?.placeIds) throw new NotMine(); // the resolver checks that the ids exist
    // the loader's conditions (loaders.statusSummary) in findStatusSummaries' own statement
    const where = filter ? taskConditions(toTaskQuery(filter, scope.now)) : [];
    const asOf = (args.asOf as Date | null | undefined) ?? scope.now;
    const x = scope.alias("ss");
    if (scope.siblings) {
      // a top-level list's places: every summary in one pass, as the loader batches them, each place's
      // picked from it by its id as a key of one jsonb object (built once: an uncorrelated subquery), not by
      // a scan of the summaries per place, which was quadratic (10,000 places: 10^8 comparisons)
      const all = scope.alias("summaries");
      scope.ctes.push(
        sql`${sql.id(all)} as materialized (select jsonb_object_agg(${ref(x, "placeId")}, ${object(s, enter(scope, x))}) as m
          from (${statusSummariesOfSql(scope.siblings, asOf, args.includeCitywide as boolean, where)}) ${sql.id(x)})`,
      );
      return sql`((select ${sql.id(all)}.m from ${sql.id(all)}) ->> ${col(scope, "id")})`;
    }
    const summaries = statusSummariesSql(
      sql`array[${col(scope, "id")}]::text[]`,
      asOf,
      args.includeCitywide as boolean,
      where,
    );
    return sql`(select ${object(s, enter(scope, x))} from (${summaries}) ${sql.id(x)})`;
  },

  // ---- a place's obligations counted by status (one row of findStatusSummaries)
  "StatusSummary.total": column("total"),
  "StatusSummary.notStarted": column("notStarted"),
  "StatusSummary.inProgress": column("inProgress"),
  "StatusSummary.atRisk": column("atRisk"),
  "StatusSummary.delayed": column("delayed"),
  "StatusSummary.completed": column("completed"),
  "StatusSummary.reported": column("reported"),
  "StatusSummary.overdue": column("overdue"),
  // summarise's rounding (Math.round of ten times the mean, over ten) in float8, as JavaScript's numbers
  "StatusSummary.meanProgress": (_s, _a, scope) =>
    json(sql`case when ${col(scope, "withProgress")} > 0 and ${col(scope, "progressSum")} is not null
      then floor(${col(scope, "progressSum")} / ${col(scope, "withProgress")} * 10 + 0.5) / 10 end`),

  // ---- tasks
  "Task.id": column("id"),
  "Task.kind": column("kind"),
  "Task.number": column("number"),
  "Task.ref": column("ref"),
  "Task.titleEn": column("title_en"),
  "Task.dueYear": column("due_year"),
  "Task.title": scripted("title_hans", "title_hant"),
  "Task.text": scripted("text_hans", "text_hant"),
  "Task.places": (s, _a, scope) => {
    const link = scope.alias("l");
    const place = scope.alias("p");
    // the links keep the near point of the task's list (TaskPlace.distanceMeters)
    const built = object(s, { ...scope, row: link, place, task: scope.row });
    return sql`(select ${list(built, sql`${roleOrder(link)}, ${ref(place, "ordinal")}`)}
      from task_place ${sql.id(link)} join place ${sql.id(place)} on ${ref(place, "id")} = ${ref(link, "place_id")}
      where ${ref(link, "task_id")} = ${col(scope, "id")})`;
  },
  "Task.plan": (s, _a, scope) => one(s, scope, "plan", (p) => sql`${ref(p, "id")} = ${col(scope, "plan_id")}`),
  "Task.section": (s, _a, scope) =>
    one(
      s,
      scope,
      "section",
      (x) => sql`${ref(x, "plan_id")} = ${col(scope, "plan_id")} and ${ref(x, "id")} = ${col(scope, "section_id")}`,
    ),
  "Task.leadDepartments": (s, _a, scope) => {
    const lead = scope.alias("ld");
    const d = scope.alias("d");
    return sql`(select ${list(object(s, enter(scope, d)), ref(lead, "ordinal"))}
      from task_lead ${sql.id(lead)} join department ${sql.id(d)} on ${ref(d, "id")} = ${ref(lead, "department_id")}
      where ${ref(lead, "task_id")} = ${col(scope, "id")})`;
  },
  "Task.source": (s, _a, scope) =>
    object(s, {
      ...enter(scope, scope.row),
      span: { start: col(scope, "span_start"), end: col(scope, "span_end"), plan: col(scope, "plan_id") },
    }),
  "Task.status": state("Task", "status"),
  "Task.progress": state("Task", "progress"),

  // ---- links
  "TaskPlace.role": column("role"),
  "TaskPlace.curated": column("curated"),
  "TaskPlace.note": column("note"),
  "TaskPlace.distanceMeters": (_s, _a, scope) =>
    scope.near ? json(distanceTo(scope.near, `${scope.place}.geom`)) : sql`'null'`,
  // span(): null when either end is missing
  "TaskPlace.evidence": (s, _a, scope) => {
    const span = {
      start: col(scope, "evidence_start"),
      end: col(scope, "evidence_end"),
      plan: ref(taskOf(scope), "plan_id"),
    };
    return sql`case when ${span.start} is null or ${span.end} is null then 'null' else ${object(s, { ...enter(scope, scope.row), span })} end`;
  },
  "TaskPlace.place": (s, _a, scope) => object(s, enter(scope, scope.place!)),
  "TaskPlace.task": (s, _a, scope) => object(s, enter(scope, scope.task!)),

  // ---- a span of the plan's text; its words sliced in UTF-16 code units as the resolvers slice them (spanTextSql)
  "SourceSpan.start": (_s, _a, scope) => json(spanOf(scope).start),
  "SourceSpan.end": (_s, _a, scope) => json(spanOf(scope).end),
  "SourceSpan.text": (_s, args, scope) => {
    const span = spanOf(scope);
    return spanTextSql(span.plan, span.start, span.end, args.script === Script.HANT ? "HANT" : "HANS");
  },
  // ---- a plan's text repairs (findRepairsByPlans' order)
  "Plan.repairs": (s, _a, scope) =>
    many(
      s,
      scope,
      "text_repair",
      (x) => sql`${ref(x, "plan_id")} = ${col(scope, "id")}`,
      (x) => ref(x, "ordinal"),
    ),
  "TextRepair.span": (s, _a, scope) =>
    object(s, {
      ...enter(scope, scope.row),
      span: { start: col(scope, "span_start"), end: col(scope, "span_end"), plan: col(scope, "plan_id") },
    }),
  "TextRepair.original": column("original"),
  "TextRepair.repaired": column("repaired"),
  "TextRepair.method": column("method"),

  // ---- pages: the connection's root puts the page's rows in scope (Page)
  "TaskConnection.totalCount": connectionTotal,
  "TaskConnection.nodes": connectionNodes,
  "TaskConnection.pageInfo": (s, _a, scope) => object(s, scope),
  "TaskConnection.edges": (s, _a, scope) => list(object(s, scope), pageOrder(pageOf(scope)), inPage(pageOf(scope))),
  "TaskEdge.cursor": (_s, _a, scope) => json(cursorOf(pageOf(scope))),
  "TaskEdge.node": (s, _a, scope) => object(s, pageOf(scope).node(scope)),
  "ProjectConnection.totalCount": connectionTotal,
  "ProjectConnection.nodes": connectionNodes,
  "ProjectConnection.pageInfo": (s, _a, scope) => object(s, scope),
  "PageInfo.hasNextPage": (_s, _a, scope) =>
    sql`(count(${ref(pageOf(scope).keys, "id")}) > ${sql.lit(pageOf(scope).size)})::text`,
  "PageInfo.endCursor": (_s, _a, scope) => {
    const page = pageOf(scope);
    return json(
      sql`(array_agg(${cursorOf(page)} order by ${ref(page.keys, "n")} desc) filter (where ${inPage(page)}))[1]`,
    );
  },

  // ---- projects (project.repository.ts: its page, its places, its status)
  "Project.id": column("id"),
  "Project.name": scripted("name_hans", "name_hant"),
  "Project.nameEn": column("name_en"),
  "Project.category": column("category"),
  "Project.precision": column("precision"),
  "Project.positionSource": column("position_source"),
  "Project.startYear": column("start_year"),
  "Project.endYear": column("end_year"),
  "Project.investmentCny": column("investment_cny"),
  "Project.reference": column("reference"),
  "Project.geometry": (_s, _a, scope) => sql`coalesce(ST_AsGeoJSON(${col(scope, "geom")}, 6), 'null')`,
  "Project.status": state("Project", "status"),
  "Project.progress": state("Project", "progress"),
  // a span only for a project of the plan (ProjectResolver.source)
  "Project.source": (s, _a, scope) => {
    const span = { start: col(scope, "span_start"), end: col(scope, "span_end"), plan: col(scope, "plan_id") };
    return sql`case when ${col(scope, "plan_id")} is null or ${span.start} is null or ${span.end} is null then 'null'
      else ${object(s, { ...enter(scope, scope.row), span })} end`;
  },
  "Project.tasks": (s, _a, scope) => {
    const link = scope.alias("pt");
    const t = scope.alias("t");
    const pl = scope.alias("pl");
    // findTasksByProjects' order
    return sql`(select ${list(object(s, enter(scope, t)), sql`${ref(pl, "ordinal")}, ${ref(t, "ordinal")}, ${ref(t, "id")}`)}
      from project_task ${sql.id(link)} join task ${sql.id(t)} on ${ref(t, "id")} = ${ref(link, "task_id")} join plan ${sql.id(pl)} on ${ref(pl, "id")} = ${ref(t, "plan_id")}
      where ${ref(link, "project_id")} = ${col(scope, "id")})`;
  },
  // findPlacesOfProjects' condition and order
  "Project.places": (s, _a, scope) =>
    many(
      s,
      scope,
      "place",
      (p) => liesIn(scope.row, p),
      (p) => sql`${ref(p, "area_km2")} asc nulls first, ${ref(p, "ordinal")}`,
    ),
  "Task.projects": (s, _a, scope) => {
    const link = scope.alias("pt");
    const pr = scope.alias("pr");
    // findProjectsByTasks' order
    return sql`(select ${list(object(s, enter(scope, pr)), sql`${ref(pr, "ordinal")}, ${ref(pr, "id")}`)}
      from project_task ${sql.id(link)} join project ${sql.id(pr)} on ${ref(pr, "id")} = ${ref(link, "project_id")}
      where ${ref(link, "task_id")} = ${col(scope, "id")})`;
  },
  "Place.projects": (s, args, scope) => {
    const size = checkFirst(args.first as number | null, 50);
    const after = decodeCursor(args.after as string | null, PROJECT_CURSOR, 2);
    const rows = projectsInPlacesSql(sql`array[${col(scope, "id")}]::text[]`, size, after);
    const keys = scope.alias("m");
    const pr = scope.alias("pr");
    // a place without projects (or past the last page) is one row with no project, carrying the total
    const page: Page = { keys, size, total: sql`0`, cursor: projectCursor(keys), node: (inner) => enter(inner, pr) };
    return sql`(select ${object(s, { ...enter(scope, pr), page })}
      from (select r.*, row_number() over (order by r.ordinal, r.id) as n from (${rows}) r) ${sql.id(keys)}
      left join project ${sql.id(pr)} on ${ref(pr, "id")} = ${ref(keys, "id")} group by ())`;
  },

  // ---- a task's progress reports as the actor sees them (BY_VIEWER: visibleTo), newest first
  // (taskReportsSql, findReportsByTasks' page); who wrote and reviewed them to those who see people
  "Task.reports": (s, args, scope) => {
    const size = checkFirst(args.first as number | null, 20);
    const after = reportCursor(args.after as string | null);
    const keys = scope.alias("m");
    const page: Page = {
      keys,
      size,
      total: taskReportCountSql(col(scope, "id"), scope.viewer),
      cursor: sortKeyCursor("REPORTS", [], ref(keys, "id")),
      node: (inner) => enter(inner, keys),
    };
    // no row carries the total: it is counted apart, and only when selected
    return sql`(select ${object(s, { ...enter(scope, keys), page })}
      from (select r.*, null::int as "totalCount", row_number() over (order by r.id::bigint desc) as n
        from (${taskReportsSql(col(scope, "id"), size + 1, after, scope.viewer)}) r) ${sql.id(keys)}
      group by ())`;
  },
  "ProgressReportConnection.totalCount": connectionTotal,
  "ProgressReportConnection.nodes": connectionNodes,
  "ProgressReportConnection.pageInfo": (s, _a, scope) => object(s, scope),
  "ProgressReport.id": column("id"),
  "ProgressReport.status": column("status"),
  "ProgressReport.progress": column("progress"),
  "ProgressReport.note": column("note"),
  "ProgressReport.createdAt": instant("createdAt"),
  "ProgressReport.asOf": column("asOf"),
  "ProgressReport.review": column("review"),
  "ProgressReport.reviewedAt": instant("reviewedAt"),
  "ProgressReport.reviewNote": column("reviewNote"),
  "ProgressReport.author": (s, _a, scope) => person(s, scope, "authorId", seesPeople(scope.viewer)),
  "ProgressReport.reviewedBy": (s, _a, scope) => person(s, scope, "reviewerId", seesPeople(scope.viewer)),
  "ProgressReport.task": (s, _a, scope) => one(s, scope, "task", (t) => sql`${ref(t, "id")} = ${col(scope, "taskId")}`),
  "ProgressReport.place": (s, _a, scope) =>
    one(s, scope, "place", (p) => sql`${ref(p, "id")} = ${col(scope, "placeId")}`),
  "ProgressReport.project": (s, _a, scope) =>
    one(s, scope, "project", (pr) => sql`${ref(pr, "id")} = ${col(scope, "projectId")}`),

  // ---- departments, plans and their sections
  "Department.id": column("id"),
  "Department.name": scripted("name_hans", "name_hant"),
  "Department.nameEn": column("name_en"),
  "Department.jurisdiction": (s, _a, scope) =>
    one(s, scope, "place", (p) => sql`${ref(p, "id")} = ${col(scope, "jurisdiction_place_id")}`),
  "Department.tasks": (s, _a, scope) => {
    const lead = scope.alias("ld");
    const t = scope.alias("t");
    const pl = scope.alias("pl");
    // findTaskIdsByDepartments' order
    return sql`(select ${list(object(s, enter(scope, t)), sql`${ref(pl, "ordinal")}, ${ref(t, "ordinal")}, ${ref(t, "id")}`)}
      from task_lead ${sql.id(lead)} join task ${sql.id(t)} on ${ref(t, "id")} = ${ref(lead, "task_id")} join plan ${sql.id(pl)} on ${ref(pl, "id")} = ${ref(t, "plan_id")}
      where ${ref(lead, "department_id")} = ${col(scope, "id")})`;
  },
  "Plan.id": column("id"),
  "Plan.docNumber": column("doc_number"),
  "Plan.title": scripted("title_hans", "title_hant"),
  "Plan.titleEn": column("title_en"),
  "Plan.issuer": scripted("issuer_hans", "issuer_hant"),
  "Plan.issuedOn": column("issued_on"),
  "Plan.periodStart": column("period_start"),
  "Plan.periodEnd": column("period_end"),
  "Plan.sourceText": scripted("source_text_hans", "source_text_hant"),
  "Plan.sections": (s, _a, scope) =>
    many(
      s,
      scope,
      "section",
      (x) => sql`${ref(x, "plan_id")} = ${col(scope, "id")}`,
      (x) => ref(x, "ordinal"),
    ),
  "Section.id": column("id"),
  "Section.ref": column("ref"),
  "Section.heading": scripted("heading_hans", "heading_hant"),
  "Section.headingEn": column("heading_en"),
  "Section.text": scripted("text_hans", "text_hant"),
  "Section.parent": (s, _a, scope) =>
    one(
      s,
      scope,
      "section",
      (x) => sql`${ref(x, "plan_id")} = ${col(scope, "plan_id")} and ${ref(x, "id")} = ${col(scope, "parent_id")}`,
    ),
  "Section.children": (s, _a, scope) =>
    many(
      s,
      scope,
      "section",
      (x) => sql`${ref(x, "plan_id")} = ${col(scope, "plan_id")} and ${ref(x, "parent_id")} = ${col(scope, "id")}`,
      (x) => ref(x, "ordinal"),
    ),
  "Section.tasks": (s, _a, scope) =>
    many(
      s,
      scope,
      "task",
      (t) => sql`${ref(t, "plan_id")} = ${col(scope, "plan_id")} and ${ref(t, "section_id")} = ${col(scope, "id")}`,
      (t) => sql`${ref(t, "ordinal")}, ${ref(t, "id")}`,
    ),

  // ---- indicators and their approved values (valuesSql: findValues' statement)
  "Indicator.id": column("id"),
  "Indicator.name": scripted("name_hans", "name_hant"),
  "Indicator.nameEn": column("name_en"),
  "Indicator.unit": column("unit"),
  "Indicator.comparator": column("comparator"),
  "Indicator.target": column("target"),
  "Indicator.stretchTarget": column("stretch_target"),
  "Indicator.baseYear": column("base_year"),
  "Indicator.targetYear": column("target_year"),
  "Indicator.scope": (s, _a, scope) =>
    one(s, scope, "place", (p) => sql`${ref(p, "id")} = ${col(scope, "scope_place_id")}`),
  "Indicator.source": (s, _a, scope) =>
    object(s, {
      ...enter(scope, scope.row),
      span: { start: col(scope, "span_start"), end: col(scope, "span_end"), plan: col(scope, "plan_id") },
    }),
  "Indicator.tasks": (s, _a, scope) => {
    const link = scope.alias("it");
    const t = scope.alias("t");
    // findTaskIdsByIndicators' order
    return sql`(select ${list(object(s, enter(scope, t)), sql`${ref(link, "ordinal")}, ${ref(t, "ordinal")}, ${ref(t, "id")}`)}
      from indicator_task ${sql.id(link)} join task ${sql.id(t)} on ${ref(t, "id")} = ${ref(link, "task_id")}
      where ${ref(link, "indicator_id")} = ${col(scope, "id")})`;
  },
  "Indicator.values": (s, args, scope) => {
    const values = valuesSql({
      indicatorIds: sql`array[${col(scope, "id")}]`,
      placeIds: args.placeId != null ? sql`array[${String(args.placeId)}]::text[]` : null,
      fromYear: (args.fromYear as number | null | undefined) ?? null,
      toYear: (args.toYear as number | null | undefined) ?? null,
    });
    const v = scope.alias("v");
    return sql`(select ${list(object(s, enter(scope, v)), sql`${ref(v, "placeId")}, ${ref(v, "year")}`)} from (${values}) ${sql.id(v)})`;
  },
  "Indicator.latest": (s, args, scope) => {
    const v = scope.alias("v");
    return sql`coalesce((select ${object(s, enter(scope, v))} from ${latestValue(scope, args)} ${sql.id(v)}), 'null')`;
  },
  // attainmentOf, with Math.round as floor(x + 0.5), in float8 as JavaScript's numbers
  "Indicator.attainment": (_s, args, scope) => {
    const v = scope.alias("v");
    const [value, target] = [ref(v, "value"), col(scope, "target")];
    return json(sql`(select case
        when ${col(scope, "comparator")} = 'AT_MOST' then case when ${value} <= ${target} then 1::float8 else ${target} / ${value} end
        when ${target} = 0 then 1::float8
        else floor(${value} / ${target} * 1000 + 0.5) / 1000 end
      from ${latestValue(scope, args)} ${sql.id(v)})`);
  },
  "IndicatorValue.id": column("id"),
  "IndicatorValue.year": column("year"),
  "IndicatorValue.value": column("value"),
  "IndicatorValue.source": column("source"),
  "IndicatorValue.review": column("review"),
  "IndicatorValue.reviewNote": column("reviewNote"),
  "IndicatorValue.recordedAt": instant("recordedAt"),
  "IndicatorValue.reviewedAt": instant("reviewedAt"),
  "IndicatorValue.reviewedBy": (s, _a, scope) => person(s, scope, "reviewedBy", seesPeople(scope.viewer)),
  "IndicatorValue.indicator": (s, _a, scope) =>
    one(s, scope, "indicator", (i) => sql`${ref(i, "id")} = ${col(scope, "indicatorId")}`),
  "IndicatorValue.place": (s, _a, scope) =>
    one(s, scope, "place", (p) => sql`${ref(p, "id")} = ${col(scope, "placeId")}`),
  "Place.indicatorValues": (s, args, scope) => {
    const values = valuesSql({
      indicatorIds: args.indicatorId != null ? sql`array[${String(args.indicatorId)}]::text[]` : null,
      placeIds: sql`array[${col(scope, "id")}]`,
      fromYear: (args.year as number | null | undefined) ?? null,
      toYear: (args.year as number | null | undefined) ?? null,
    });
    const v = scope.alias("v");
    return sql`(select ${list(object(s, enter(scope, v)), sql`${ref(v, "indicatorId")}, ${ref(v, "year")}`)} from (${values}) ${sql.id(v)})`;
  },
  "Plan.indicators": (s, _a, scope) =>
    many(
      s,
      scope,
      "indicator",
      (i) => sql`${ref(i, "plan_id")} = ${col(scope, "id")}`,
      (i) => ref(i, "ordinal"),
    ),
  "Task.indicators": (s, _a, scope) => {
    const link = scope.alias("it");
    const i = scope.alias("in");
    // findIndicatorsByTasks' order
    return sql`(select ${list(object(s, enter(scope, i)), ref(i, "ordinal"))}
      from indicator_task ${sql.id(link)} join indicator ${sql.id(i)} on ${ref(i, "id")} = ${ref(link, "indicator_id")}
      where ${ref(link, "task_id")} = ${col(scope, "id")})`;
  },

  // ---- obligations, as the resolvers show them (toObligations): one per task, with every reason and
  // the links behind it; each row of obligationEntriesSql, with its task. Their status is the
  // obligation row's own (obligationStatusAsOf, as findObligationStates).
  "Place.obligations": (s, args, scope) => {
    const kinds = args.kinds as TaskKind[] | null | undefined;
    const entries = obligationEntriesSql(col(scope, "id"), {
      includeContained: args.includeContained as boolean,
      includeCitywide: args.includeCitywide as boolean,
      kinds: kinds?.length ? kinds : null,
    });
    const [e, t, x, xt, xp] = [
      scope.alias("e"),
      scope.alias("t"),
      scope.alias("x"),
      scope.alias("t"),
      scope.alias("pl"),
    ];
    // in plan order (findObligationLinks'); no more than the budget allows and one, so that a place
    // with too many obligations is refused (executeInSqlAsPieces) without building them all
    return sql`(select ${list(object(s, { ...enter(scope, e), task: t }), sql`${ref(e, "k1")}, ${ref(e, "k2")}, ${ref(e, "task_id")}`)}
      from (select ${sql.id(x)}.*, ${ref(xp, "ordinal")} as k1, ${ref(xt, "ordinal")} as k2 from (${entries}) ${sql.id(x)}
        join task ${sql.id(xt)} on ${ref(xt, "id")} = ${ref(x, "task_id")} join plan ${sql.id(xp)} on ${ref(xp, "id")} = ${ref(xt, "plan_id")}
        order by k1, k2, ${ref(x, "task_id")} limit ${sql.lit(scope.maxItems + 1)}) ${sql.id(e)}
      join task ${sql.id(t)} on ${ref(t, "id")} = ${ref(e, "task_id")})`;
  },
  // each active obligation row of the task (findObligationsByTasks' order), shown as its place's (obligationsByKeys)
  "Task.obligations": (s, _a, scope) => {
    const [k, e, t] = [scope.alias("k"), scope.alias("e"), scope.alias("t")];
    const entries = obligationEntriesSql(ref(k, "place_id"), {
      includeContained: true,
      includeCitywide: false,
      taskId: col(scope, "id"),
    });
    return sql`(select ${list(object(s, { ...enter(scope, e), task: t }), sql`${ref(k, "city")} desc, ${ref(k, "ordinal")}, ${ref(k, "place_id")}`)}
      from (${taskObligationPlacesSql(col(scope, "id"))}) ${sql.id(k)}
      cross join lateral (${entries}) ${sql.id(e)}
      join task ${sql.id(t)} on ${ref(t, "id")} = ${ref(e, "task_id")})`;
  },
  "Obligation.id": (_s, _a, scope) => json(sql`${col(scope, "task_id")} || '@' || ${col(scope, "owner_id")}`),
  "Obligation.reasons": column("reasons"),
  "Obligation.task": (s, _a, scope) => object(s, enter(scope, taskOf(scope))),
  "Obligation.place": (s, _a, scope) => one(s, scope, "place", (p) => sql`${ref(p, "id")} = ${col(scope, "place_id")}`),
  "Obligation.status": state("Obligation", "status"),
  "Obligation.progress": state("Obligation", "progress"),
  "Obligation.dueYear": (_s, _a, scope) => json(dueYearOf(col(scope, "obligation_id"), ref(taskOf(scope), "due_year"))),
  // findTargets' order
  "Obligation.targets": (s, _a, scope) =>
    many(
      s,
      scope,
      "obligation_target",
      (ot) => sql`${ref(ot, "obligation_id")} = ${col(scope, "obligation_id")}`,
      (ot) => ref(ot, "year"),
    ),
  "YearTarget.year": column("year"),
  "YearTarget.progress": column("progress"),
  // the links behind it (findObligationLinks' order: role, then place), each once; the city's only
  // when the entry is only CITYWIDE, or for the city itself ("taiyuan", as toObligations says it)
  "Obligation.via": (s, _a, scope) => {
    const [u, link, place, task] = [scope.alias("u"), scope.alias("l"), scope.alias("p"), scope.alias("t")];
    const built = object(s, { ...enter(scope, link), place, task });
    return sql`(select ${list(built, sql`${roleOrder(link)}, ${ref(place, "ordinal")}, ${ref(place, "id")}`)}
      from (select distinct v.place_id, v.role from unnest(${col(scope, "via_place")}::text[], ${col(scope, "via_role")}::text[]) v(place_id, role)) ${sql.id(u)}
      join task_place ${sql.id(link)} on ${ref(link, "task_id")} = ${col(scope, "task_id")} and ${ref(link, "place_id")} = ${ref(u, "place_id")} and ${ref(link, "role")} = ${ref(u, "role")}
      join place ${sql.id(place)} on ${ref(place, "id")} = ${ref(link, "place_id")}
      join task ${sql.id(task)} on ${ref(task, "id")} = ${ref(link, "task_id")}
      where ${col(scope, "citywide")} or ${ref(link, "place_id")} <> 'taiyuan' or ${col(scope, "place_id")} = 'taiyuan')`;
  },
  // the reports on it as the actor sees them (BY_VIEWER: visibleTo), newest first
  // (findReportsByObligations' page); its total, like the resolvers', is 0 past the last page
  "Obligation.reports": (s, args, scope) => {
    const size = checkFirst(args.first as number | null, 20);
    const after = reportCursor(args.after as string | null);
    const keys = scope.alias("m");
    const id = col(scope, "obligation_id");
    const page: Page = {
      keys,
      size,
      total: sql`case when count(${ref(keys, "id")}) > 0 then ${obligationReportCountSql(id, scope.viewer)} else 0 end`,
      cursor: sortKeyCursor("REPORTS", [], ref(keys, "id")),
      node: (inner) => enter(inner, keys),
    };
    return sql`(select ${object(s, { ...enter(scope, keys), page })}
      from (select r.*, null::int as "totalCount", row_number() over (order by r.id::bigint desc) as n
        from (${obligationReportsSql(id, size + 1, after, scope.viewer)}) r) ${sql.id(keys)}
      group by ())`;
  },
  "ObligationConnection.totalCount": connectionTotal,
  "ObligationConnection.nodes": connectionNodes,
  "ObligationConnection.pageInfo": (s, _a, scope) => object(s, scope),

  // ---- signed-in reads: accounts, the review queue, the linker's uncertain matches, every recording of the
  // indicators. Who asks is Scope.viewer; what they may see is the services' rule (listUsers, pendingReports,
  // findLinkCandidates, listValueRecords), and a request those refuse is left to them (NotMine)
  "Query.me": (s, _a, scope) =>
    // currentUser: the actor's account; nobody's for anonymous
    scope.viewer ? account(s, scope, sql`${scope.viewer.id}::bigint`) : sql`'null'`,
  "Query.users": (s, _a, scope) => {
    // listUsers: planners only (UNAUTHENTICATED, FORBIDDEN: the resolver's), by username
    if (!scope.viewer || !canCurate(scope.viewer, "list users").allowed) throw new NotMine();
    return many(
      s,
      scope,
      "app_user",
      () => sql`true`,
      (u) => ref(u, "username"),
    );
  },
  "User.id": (_s, _a, scope) => json(sql`${col(scope, "id")}::text`),
  "User.username": column("username"),
  "User.displayName": column("display_name"),
  "User.role": column("role"),
  "User.disabled": column("disabled"),
  "User.department": (s, _a, scope) =>
    one(s, scope, "department", (d) => sql`${ref(d, "id")} = ${col(scope, "department_id")}`),
  // its placeIds' order (USER_COLUMNS: by place id)
  "User.places": (s, _a, scope) => {
    const [up, p] = [scope.alias("up"), scope.alias("p")];
    return sql`(select ${list(object(s, enter(scope, p)), ref(up, "place_id"))}
      from user_place ${sql.id(up)} join place ${sql.id(p)} on ${ref(p, "id")} = ${ref(up, "place_id")}
      where ${ref(up, "user_id")} = ${col(scope, "id")})`;
  },
  // who recorded a figure: shown to everybody (IndicatorValueAuthorResolver.recordedBy)
  "IndicatorValue.recordedBy": (s, _a, scope) => person(s, scope, "recordedBy", seesPeople(scope.viewer)),
  "Query.reviewQueue": (s, args, scope) => {
    if (!scope.viewer) throw new NotMine(); // UNAUTHENTICATED: the resolver's
    // pendingReports: nothing for those who review nothing, whatever `first` says
    const queue = reviewQueueOf(scope.viewer);
    if (!queue) return sql`'[]'`;
    const rows = pendingReportsSql(queue.departmentId, scope.viewer.id, checkFirst(args.first as number | null, 50));
    const r = scope.alias("r");
    return sql`(select ${list(object(s, enter(scope, r)), sql`${ref(r, "createdAt")}, ${ref(r, "id")}::bigint`)} from (${rows}) ${sql.id(r)})`;
  },
  "Query.indicatorValueRecords": (s, args, scope) => {
    // listValueRecords: findValueRecords' statement for the actor, newest first
    const rows = valueRecordsSql(scope.viewer, {
      indicatorId: (args.indicatorId as string | null | undefined) ?? null,
      placeId: (args.placeId as string | null | undefined) ?? null,
      review: (args.review as string | null | undefined) ?? null,
      first: checkFirst(args.first as number | null, 50),
    });
    const v = scope.alias("v");
    return sql`(select ${list(object(s, enter(scope, v)), sql`${ref(v, "recordedAt")} desc, ${ref(v, "id")}::bigint desc`)} from (${rows}) ${sql.id(v)})`;
  },
  "Query.linkCandidates": (s, args, scope) => {
    // findLinkCandidates: planners only (UNAUTHENTICATED, FORBIDDEN: the resolver's)
    if (!scope.viewer || !canCurate(scope.viewer, "review the linker's matches").allowed) throw new NotMine();
    const size = checkFirst(args.first as number | null, 50);
    const after = linkCandidateKey(args.after as string | null);
    // ordinals that are not ints fail in the resolver's statement: its error to give
    if (after && !after.slice(0, 3).every((n) => Number.isInteger(n) && Math.abs(n as number) < 2 ** 31))
      throw new NotMine();
    const [keys, link, t, p] = [scope.alias("m"), scope.alias("l"), scope.alias("t"), scope.alias("p")];
    const page: Page = {
      keys,
      size,
      // the resolver counts them whatever the page
      total: uncertainLinkCountSql(),
      // linkCandidateCursor's
      cursor: sortKeyCursor(
        "linkCandidates",
        [ref(keys, "planOrdinal"), ref(keys, "taskOrdinal"), ref(keys, "placeOrdinal")],
        [ref(keys, "placeId"), ref(keys, "role")],
      ),
      node: (inner) => ({ ...enter(inner, link), place: p, task: t }),
    };
    return sql`(select ${object(s, { ...enter(scope, link), page })}
      from (select r.*, r."taskId" as id, null::int as "totalCount",
          row_number() over (order by r."planOrdinal", r."taskOrdinal", r."placeOrdinal", r."placeId", ${roleOrder("r")}) as n
        from (${uncertainLinksSql(size + 1, after)}) r) ${sql.id(keys)}
      left join task_place ${sql.id(link)} on ${ref(link, "task_id")} = ${ref(keys, "taskId")} and ${ref(link, "place_id")} = ${ref(keys, "placeId")} and ${ref(link, "role")} = ${ref(keys, "role")}
      left join task ${sql.id(t)} on ${ref(t, "id")} = ${ref(keys, "taskId")}
      left join place ${sql.id(p)} on ${ref(p, "id")} = ${ref(keys, "placeId")}
      group by ())`;
  },
  "LinkCandidateConnection.totalCount": connectionTotal,
  "LinkCandidateConnection.nodes": connectionNodes,
  "LinkCandidateConnection.pageInfo": (s, _a, scope) => object(s, scope),

  // ---- the roots
  "Query.indicators": (s, args, scope) => {
    const i = scope.alias("in");
    const pl = scope.alias("pl");
    // listIndicators' order
    return sql`(select ${list(object(s, enter(scope, i)), sql`${ref(pl, "ordinal")}, ${ref(i, "ordinal")}`)}
      from indicator ${sql.id(i)} join plan ${sql.id(pl)} on ${ref(pl, "id")} = ${ref(i, "plan_id")}
      ${args.planId ? sql`where ${ref(i, "plan_id")} = ${String(args.planId)}` : sql``})`;
  },
  "Query.indicator": (s, args, scope) => one(s, scope, "indicator", (i) => sql`${ref(i, "id")} = ${String(args.id)}`),
  "Query.places": (s, args, scope) => {
    const { element, order, from } = QUERY_ROWS.places(s, args, scope);
    return sql`(select ${list(element, order)} from ${from})`;
  },
  "Query.place": (s, args, scope) => {
    const match = args.id
      ? (p: string) => sql`${ref(p, "id")} = ${String(args.id)}`
      : args.code
        ? (p: string) => sql`${ref(p, "code")} = ${String(args.code)}`
        : null;
    if (!match) throw new NotMine(); // neither id nor code: the resolver's error
    return one(s, scope, "place", match);
  },
  "Query.placesAt": (s, args, scope) => {
    const lng = args.lng as number;
    const lat = args.lat as number;
    checkPoint(lng, lat);
    // findPlacesAt's condition and order
    return many(
      s,
      scope,
      "place",
      (p) =>
        sql`ST_Intersects(${ref(p, "geom")}, ST_SetSRID(ST_MakePoint(${lng}::float8, ${lat}::float8), 4326)) and ST_Dimension(${ref(p, "geom")}) = 2`,
      (p) => sql`${ref(p, "area_km2")} asc nulls first, ${ref(p, "ordinal")}`,
    );
  },
  "Query.task": (s, args, scope) => one(s, scope, "task", (t) => sql`${ref(t, "id")} = ${String(args.id)}`),
  "Query.tasks": (s, args, scope) => taskConnection(s, args, scope, null),
  // listTasksOfPlans: Query.tasks with the plan's id for the filter's
  "Plan.tasks": (s, args, scope) => taskConnection(s, args, scope, col(scope, "id")),
  "Query.obligations": (s, args, scope) => {
    const filter = args.filter as ObligationFilter | null;
    // listObligations' checks; the places it checks exist are a guard here
    const query = toObligationQuery(filter, args.first as number | null, args.after as string | null, scope.now);
    if (query.placeIds)
      scope.guards.push(
        sql`not exists (select 1 from unnest(${query.placeIds}::text[]) g(id) where not exists (select 1 from place gp where gp.id = g.id))`,
      );
    const [keys, e, t] = [scope.alias("m"), scope.alias("e"), scope.alias("t")];
    // obligationsByKeys: each row shown as its place's, with the reasons it has there (none: no node)
    const entries = obligationEntriesSql(ref(keys, "placeId"), {
      includeContained: true,
      includeCitywide: false,
      taskId: ref(keys, "taskId"),
    });
    const page: Page = {
      keys,
      size: query.first,
      // past the last page no row carries the total, and listObligations answers 0
      total: sql`0`,
      cursor: sortKeyCursor("OBLIGATIONS", [ref(keys, "k1"), ref(keys, "k2"), ref(keys, "k3"), ref(keys, "k4")], null),
      node: (inner) => ({ ...enter(inner, e), task: t, obligationAsOf: filter?.asOf ?? null }),
      only: sql`${ref(e, "task_id")} is not null`,
    };
    return sql`(select ${object(s, { ...enter(scope, e), page })}
      from (select r.*, r."taskId" || '@' || r."placeId" as id, row_number() over (order by r.k1, r.k2, r.k3, r.k4) as n
        from (${obligationPageSql(query)}) r) ${sql.id(keys)}
      left join lateral (${entries}) ${sql.id(e)} on true
      left join task ${sql.id(t)} on ${ref(t, "id")} = ${ref(e, "task_id")}
      group by ())`;
  },
  "Query.projects": (s, args, scope) => {
    const size = checkFirst(args.first as number | null, 50);
    const filter = args.filter as ProjectFilter | null;
    const query = toProjectQuery(filter, scope.now);
    const after = decodeCursor(args.after as string | null, PROJECT_CURSOR, 2);
    if (filter?.spatial?.placeIds) throw new NotMine(); // the resolver checks that the ids exist
    const rows = projectPageSql({ ...query, first: size, after });
    const keys = scope.alias("m");
    const pr = scope.alias("pr");
    // past the last page no row carries the total: listProjects counts it then
    const total = after
      ? sql`coalesce((select z."totalCount" from (${projectPageSql({ ...query, first: 0, after: null })}) z limit 1), 0)`
      : sql`0`;
    const page: Page = { keys, size, total, cursor: projectCursor(keys), node: (inner) => enter(inner, pr) };
    return sql`(select ${object(s, { ...enter(scope, pr), page })}
      from (select r.*, row_number() over (order by r.ordinal, r.id) as n from (${rows}) r) ${sql.id(keys)}
      join project ${sql.id(pr)} on ${ref(pr, "id")} = ${ref(keys, "id")} group by ())`;
  },
  "Query.project": (s, args, scope) => one(s, scope, "project", (pr) => sql`${ref(pr, "id")} = ${String(args.id)}`),
  "Query.departments": (s, _a, scope) =>
    many(
      s,
      scope,
      "department",
      () => sql`true`,
      (d) => sql`${ref(d, "ordinal")}, ${ref(d, "id")}`,
    ),
  "Query.department": (s, args, scope) => one(s, scope, "department", (d) => sql`${ref(d, "id")} = ${String(args.id)}`),
  "Query.plans": (s, _a, scope) =>
    many(
      s,
      scope,
      "plan",
      () => sql`true`,
      (p) => sql`${ref(p, "ordinal")}, ${ref(p, "id")}`,
    ),
  "Query.plan": (s, args, scope) =>
    args.id
      ? one(s, scope, "plan", (p) => sql`${ref(p, "id")} = ${String(args.id)}`)
      : // without an id, the first plan (listPlans' order)
        one(s, scope, "plan", (p) => sql`${ref(p, "id")} = (select id from plan order by ordinal, id limit 1)`),

  // ---- search and the yearly assessment (helpers: below FIELDS, "search and the assessment")
  // SearchResolver.search's checks (toSearchText, checkFirst): what they refuse is the resolver's error to give
  "Query.search": (s, args, scope) => {
    const text = toSearchText(args.text as string);
    const first = checkFirst(args.first as number | null, 20);
    const h = scope.alias("h");
    // searchHitsSql: findSearchHits' ranked page of kinds and ids, in its order (its columns, the one FROM item
    // here); each built as the object of its kind
    return sql`(select ${list(searchHit(s, scope, h), SEARCH_HIT_ORDER)} from (${searchHitsSql(text, first)}) ${sql.id(h)})`;
  },
  // assessment(): one row per place asked for (or per assessed place), in that order, each a row of
  // findAssessments' statement with the year and its score
  "Query.assessment": (s, args, scope) => {
    const year = args.year as number;
    checkYear(year);
    const placeIds = args.placeIds as string[] | null | undefined;
    // the places it checks exist are a guard here (checkIds' error)
    if (placeIds?.length)
      scope.guards.push(
        sql`not exists (select 1 from unnest(${placeIds}::text[]) g(id) where not exists (select 1 from place gp where gp.id = g.id))`,
      );
    const ids = placeIds?.length ? sql`${placeIds}::text[]` : ASSESSED_PLACE_IDS;
    const [u, a] = [scope.alias("u"), scope.alias("a")];
    return sql`(select ${list(object(s, enter(scope, a)), ref(u, "n"))}
      from unnest(${ids}) with ordinality ${sql.id(u)}(id, n)
      join (select r.*, ${year}::int as year from (${assessmentsSql(ids, year)}) r) ${sql.id(a)} on ${ref(a, "placeId")} = ${ref(u, "id")})`;
  },
  "AreaAssessment.year": column("year"),
  "AreaAssessment.obligations": column("obligations"),
  "AreaAssessment.due": column("due"),
  "AreaAssessment.met": column("met"),
  "AreaAssessment.metLate": column("metLate"),
  "AreaAssessment.delayed": column("delayed"),
  "AreaAssessment.notReported": column("notReported"),
  // withScore's rounding (Math.round of a thousand times met / due, over a thousand) in float8, as JavaScript's numbers
  "AreaAssessment.score": (_s, _a, scope) =>
    json(
      sql`case when ${col(scope, "due")} > 0 then floor(${col(scope, "met")}::float8 / ${col(scope, "due")} * 1000 + 0.5) / 1000 end`,
    ),
  "AreaAssessment.finalizedAt": instant("finalizedAt"),
  "AreaAssessment.note": column("note"),
  "AreaAssessment.place": (s, _a, scope) =>
    one(s, scope, "place", (p) => sql`${ref(p, "id")} = ${col(scope, "placeId")}`),
  // the user who finalized it, to everybody (AssessmentResolver.finalizedBy): their app_user row, for User's fields
  "AreaAssessment.finalizedBy": (s, _a, scope) =>
    one(s, scope, "app_user", (u) => sql`${ref(u, "id")} = ${col(scope, "finalizedBy")}::bigint`),

  // ---- geocoding (GeocodeResolver.geocode, geocodeAddress): planners only (UNAUTHENTICATED, FORBIDDEN: the
  // resolver's), the address checked by the service's own function (an empty or too long one: its error). The
  // name's conversions are computed here, the gazetteer's are stored (place_alias_form) and matched in SQL
  // (geocodeMatchSql). What the resolvers answer otherwise is left to them by guards: a place matched that lies
  // outside Taiyuan (EXTERNAL: their ValidationError, after this one statement), or forms not recomputed since a
  // place's names were written (ALIAS_FORMS_FRESH). The address is never a slot (OPAQUE_ARGUMENTS): its
  // conversions are the statement's parameters.
  "Query.geocode": (s, args, scope) => {
    if (!scope.viewer || !canCurate(scope.viewer, "geocode project positions").allowed) throw new NotMine();
    const text = geocodeText(args.address as string);
    // what PostgreSQL's text cannot hold as sent (a NUL; a lone surrogate, which the drivers send as U+FFFD): the resolvers'
    if (text.includes("\0") || /[\uD800-\uDFFF]/u.test(text)) throw new NotMine();
    const m = scope.alias("gc");
    scope.ctes.push(
      sql`${sql.id(m)} as materialized (${geocodeMatchSql(text, toSimplified(text), text.toLowerCase())})`,
    );
    scope.guards.push(
      ALIAS_FORMS_FRESH,
      sql`not exists (select 1 from ${sql.id(m)} where ${ref(m, "kind")} = 'EXTERNAL')`,
    );
    return sql`coalesce((select ${object(s, enter(scope, m))} from ${sql.id(m)}), 'null')`;
  },
  "GeocodeResult.alias": column("alias"),
  "GeocodeResult.precision": column("precision"),
  "GeocodeResult.positionSource": (_s, _a, scope) =>
    json(sql`'geocoded: ' || ${col(scope, "alias")} || ' → ' || ${col(scope, "placeId")}`),
  "GeocodeResult.citywide": (_s, _a, scope) => json(sql`${col(scope, "precision")} = 'ADM2'`),
  "GeocodeResult.place": (s, _a, scope) =>
    one(s, scope, "place", (p) => sql`${ref(p, "id")} = ${col(scope, "placeId")}`),
};

/**
 * Fields whose String arguments the builder converts or checks rather than passing them on as they
 * are (geocode: trimmed, refused when empty, converted to simplified script): a variable given to one
 * is never a slot of a kept statement (Template), and its value is part of the statement's key.
 */
const OPAQUE_ARGUMENTS: ReadonlySet<string> = new Set(["Query.geocode"]);

/**
 * Fields whose answer depends on who asks (Scope.viewer): an operation that selects one has its
 * statements built and kept per actor (statementFor). Every other compiled field answers everybody
 * alike: its builders are never given the actor. Exported for the differential test, which compares
 * operations that select one of these for every kind of reader.
 */
export const BY_VIEWER: ReadonlySet<string> = new Set([
  "Task.reports",
  "Obligation.reports",
  "ProgressReport.author",
  "ProgressReport.reviewedBy",
  "IndicatorValue.reviewedBy",
  "IndicatorValue.recordedBy",
  "Query.me",
  "Query.users",
  "Query.reviewQueue",
  "Query.linkCandidates",
  "Query.indicatorValueRecords",
  "Query.geocode",
]);

/** Whether a tree of fields selects one of BY_VIEWER. */
function byViewer(fields: Selected[]): boolean {
  return fields.some((f) => BY_VIEWER.has(`${f.parent}.${f.name}`) || byViewer(f.children));
}

/** The account whose id is `id` (SQL, a bigint) as a User, or null. */
function account(s: Selected, scope: Scope, id: RawBuilder<unknown>): RawBuilder<string> {
  return one(s, scope, "app_user", (u) => sql`${ref(u, "id")} = ${id}`);
}

/**
 * The account a row names in `column` (its id as text) as a User: null when it names none, or when
 * `shown` is false (a person the actor is not shown: seesPeople).
 */
function person(s: Selected, scope: Scope, column: string, shown: boolean): RawBuilder<string> {
  return shown ? account(s, scope, sql`${col(scope, column)}::bigint`) : sql`'null'`;
}

/** The schema coordinates the executor answers ("Place.nameEn"): the coverage test's half of the schema. */
export const COMPILED_FIELDS: ReadonlySet<string> = new Set(Object.keys(FIELDS));

// ---- search and the assessment: their helpers ---------------------------------------------

/** The tables of SearchHit's members (SearchHitKind): their rows are what the members' fields read. */
const SEARCH_HIT_TABLES: Record<string, string> = {
  Task: "task",
  Place: "place",
  Department: "department",
  Project: "project",
};

/**
 * One search hit (the row `h` of searchHitsSql: a kind and an id) as the object of its kind, with
 * the fields selected of that member of the union; a member with none selected is {}.
 */
function searchHit(s: Selected, scope: Scope, h: string): RawBuilder<string> {
  const variants = s.variants;
  if (!variants) throw new NotMine();
  const cases = Object.entries(variants).map(([kind, children]) => {
    const table = SEARCH_HIT_TABLES[kind];
    if (!table) throw new NotMine();
    const built = children.length
      ? one({ ...s, type: null, children }, scope, table, (x) => sql`${ref(x, "id")} = ${ref(h, "id")}`)
      : sql`'{}'`;
    return sql`when ${sql.lit(kind)} then ${built}`;
  });
  return sql<string>`case ${ref(h, "kind")} ${sql.join(cases, sql` `)} end`;
}

/** An indicator's latest approved value at the scope place or `placeId` (the latestValue loader): a FROM item of one row or none. */
function latestValue(scope: Scope, args: Record<string, unknown>): RawBuilder<unknown> {
  const place = args.placeId != null ? sql`${String(args.placeId)}::text` : col(scope, "scope_place_id");
  const values = valuesSql({ indicatorIds: sql`array[${col(scope, "id")}]`, placeIds: sql`array[${place}]` });
  return sql`(select * from (${values}) latest order by latest.year desc limit 1)`;
}

/** The task row of a link or an obligation being built. */
function taskOf(scope: Scope): string {
  if (!scope.task) throw new NotMine();
  return scope.task;
}

function spanOf(scope: Scope): Span {
  if (!scope.span) throw new NotMine();
  return scope.span;
}

function pageOf(scope: Scope): Page {
  if (!scope.page) throw new NotMine();
  return scope.page;
}

/** The page's rows in their order, and those of the page itself (not the row after it, nor a row without an item). */
const pageOrder = (page: Page): RawBuilder<unknown> => ref(page.keys, "n");
const inPage = (page: Page): RawBuilder<unknown> =>
  sql`${ref(page.keys, "n")} <= ${sql.lit(page.size)} and ${ref(page.keys, "id")} is not null`;

function cursorOf(page: Page): RawBuilder<string> {
  if (!page.cursor) throw new NotMine();
  return page.cursor;
}

/**
 * A row's cursor as encodeCursor writes it: base64url (no padding) of the JSON of the order and
 * the sort key (its numbers, then its texts: an id, a place id and a role), the numbers as JavaScript writes them (a -0 as 0; the integers and progress
 * figures of the orders it is used for are written alike by both).
 */
function sortKeyCursor(
  order: string,
  numbers: RawBuilder<unknown>[],
  texts: RawBuilder<unknown> | RawBuilder<unknown>[] | null,
): RawBuilder<string> {
  const parts = [
    sql`${JSON.stringify(order)}::text`,
    ...numbers.map((n) => sql`to_json(${n}::float8 + 0)::text`),
    ...[texts ?? []].flat().map((t) => sql`to_json(${t}::text)::text`),
  ];
  const text = sql`'[' || ${sql.join(parts, sql` || ',' || `)} || ']'`;
  return sql<string>`rtrim(translate(encode(convert_to(${text}, 'UTF8'), 'base64'), '+/' || chr(10), '-_'), '=')`;
}

/** A project row's cursor (toConnection: the order, the ordinal and the id). */
const projectCursor = (keys: string): RawBuilder<string> =>
  sortKeyCursor(PROJECT_CURSOR, [ref(keys, "ordinal")], ref(keys, "id"));

/**
 * A page of tasks (Query.tasks, listTasks), or of one plan's tasks (Plan.tasks, listTasksOfPlans:
 * `planId`, SQL, instead of the filter's).
 */
function taskConnection(
  s: Selected,
  args: Record<string, unknown>,
  scope: Scope,
  planId: RawBuilder<unknown> | null,
): RawBuilder<unknown> {
  const size = checkFirst(args.first as number | null, 50);
  const filter = args.filter as TaskFilter | null;
  const query = planId ? { ...toTaskQuery(filter, scope.now), planId } : toTaskQuery(filter, scope.now);
  // listTasks' checks of the cursor; a bad one is the resolver's error to give
  const after = decodeCursor(args.after as string | null, query.orderBy, 4);
  if (after && !(after.slice(0, 3).every((v) => typeof v === "number") && typeof after[3] === "string"))
    throw new NotMine();
  if (query.spatial?.placeIds) throw new NotMine(); // the resolver checks that the ids exist
  const withTotal = s.children.some((c) => c.name === "totalCount");
  // the page and the row after it (hasNextPage), numbered
  const rows = taskPageSql({ ...query, first: size, after, withTotal }, size + 1, "keys");
  const keys = scope.alias("m");
  const t = scope.alias("t");
  // past the last page no row carries the total: listTasks counts it then (countOnly)
  const total =
    after && withTotal
      ? sql`coalesce((select z."totalCount" from (${taskPageSql({ ...query, first: 0, after: null, withTotal: true }, 1, "keys")}) z), 0)`
      : sql`0`;
  const near = query.spatial?.near ? { lng: query.spatial.near.lng, lat: query.spatial.near.lat } : null;
  const page: Page = {
    keys,
    size,
    total,
    // JavaScript and PostgreSQL write some floats differently (1e-5, 1e16): a distance is not written into a cursor here
    cursor:
      query.orderBy === TaskOrder.DISTANCE
        ? null
        : sortKeyCursor(query.orderBy, [ref(keys, "k1"), ref(keys, "k2"), ref(keys, "k3")], ref(keys, "id")),
    // the nodes' statuses default to the filter's asOf, their links' distances to its near point (listTasks)
    node: (inner) => ({ ...enter(inner, t), near, taskAsOf: filter?.asOf ?? null }),
  };
  const connection = object(s, { ...enter(scope, t), page });
  return sql`(select ${connection}
    from (select r.*, row_number() over (order by r.k1, r.k2, r.k3, r.id) as n from (${rows}) r) ${sql.id(keys)}
    join task ${sql.id(t)} on ${ref(t, "id")} = ${ref(keys, "id")} group by ())`;
}

/** The scope of an object built from `row`: nothing of the list it came from (near point, asOf) carries into it. */
function enter(scope: Scope, row: string): Scope {
  return {
    ...scope,
    row,
    near: null,
    taskAsOf: null,
    obligationAsOf: null,
    page: undefined,
    span: undefined,
    siblings: undefined,
  };
}

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
    const from = sql`place p ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}`;
    return {
      element: object(s, { ...enter(scope, "p"), siblings: sql`select p.id from ${from}` }),
      order: sql`p.ordinal`,
      from,
    };
  },
};

/** The rows builder of a top-level field that is a list (QUERY_ROWS), if it is one. */
function rowsOf(s: Selected): ((s: Selected, args: Record<string, unknown>, scope: Scope) => Rows) | undefined {
  return Object.hasOwn(QUERY_ROWS, s.name) ? QUERY_ROWS[s.name] : undefined;
}

/** `"key":value` (the key is a GraphQL name: letters, digits and _, safe in SQL and JSON). */
function pair(s: Selected, json: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`${sql.lit(`"${s.key}":`)} || ${json}`;
}

function braces(pairs: RawBuilder<unknown>[]): RawBuilder<string> {
  return sql<string>`'{' || ${sql.join(pairs, sql` || ',' || `)} || '}'`;
}

/** The selected fields of one object as a JSON object, in selection order. */
function object(s: Selected, scope: Scope): RawBuilder<string> {
  if (s.children.length === 0) throw new NotMine();
  const pairs: RawBuilder<string>[] = [];
  for (let i = 0; i < s.children.length; i++) {
    const c = s.children[i];
    const both = i + 1 < s.children.length ? statePair(c, s.children[i + 1], scope) : null;
    if (both) {
      pairs.push(both);
      i++;
    } else pairs.push(pair(c, value(c, scope)));
  }
  return braces(pairs);
}

function value(s: Selected, scope: Scope): RawBuilder<unknown> {
  if (s.name === "__typename") return sql.lit(`"${s.parent}"`);
  const coordinate = `${s.parent}.${s.name}`;
  if (!Object.hasOwn(FIELDS, coordinate)) throw new NotMine();
  return FIELDS[coordinate](s, argumentsOf(s, scope), scope);
}

/** A field's arguments; throws on an invalid one: the resolver path reports it. */
function argumentsOf(s: Selected, scope: Scope): Record<string, unknown> {
  if (!s.field) throw new NotMine();
  const values = getArgumentValues(s.field, s.node, scope.variables);
  // an explicit null of an argument with a default is that default, as the resolvers get it (schema.ts)
  for (const arg of s.field.args)
    if (values[arg.name] === null && NULL_IS_DEFAULT.has(arg)) values[arg.name] = arg.defaultValue;
  return values;
}

/** Whether a selected field is a list (of objects or of anything else). */
function isList(s: Selected): boolean {
  return s.field !== null && isListType(getNullableType(s.field.type));
}

// ---- compiling the operation: flatten fragments, refuse what is not plain ------------------

function collect(
  schema: GraphQLSchema,
  document: DocumentNode,
  type: GraphQLObjectType,
  set: SelectionSetNode,
  out: Selected[],
  /** when `set` is the selection of a union-typed field, collected for its member `type` */
  union?: GraphQLUnionType,
): void {
  for (const selection of set.selections) {
    if (selection.directives?.length) throw new NotMine(); // @skip/@include: left to graphql-js
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      const key = selection.alias?.value ?? name;
      const same = out.find((o) => o.key === key);
      // __typename asked twice (of a union and of its member) is one field, where it first came
      if (same && name === "__typename" && same.name === name) continue;
      if (same) throw new NotMine(); // other merged fields: left to graphql-js
      if (name === "__typename") {
        out.push({ key, name, parent: type.name, field: null, node: selection, type: null, children: [] });
        continue;
      }
      const field = type.getFields()[name];
      if (!field) throw new NotMine();
      const named = getNamedType(field.type);
      const objectType = isObjectType(named) ? named : null;
      const children: Selected[] = [];
      if (selection.selectionSet && isUnionType(named)) {
        const variants: Record<string, Selected[]> = {};
        for (const member of named.getTypes())
          collect(schema, document, member, selection.selectionSet, (variants[member.name] = []), named);
        out.push({
          key,
          name,
          parent: type.name,
          field,
          node: selection,
          type: null,
          children: Object.values(variants).flat(),
          variants,
        });
        continue;
      }
      if (selection.selectionSet) {
        if (!objectType) throw new NotMine();
        collect(schema, document, objectType, selection.selectionSet, children);
      }
      out.push({ key, name, parent: type.name, field, node: selection, type: objectType, children });
    } else {
      const fragment =
        selection.kind === Kind.INLINE_FRAGMENT
          ? selection
          : document.definitions.find(
              (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value,
            );
      if (!fragment || (fragment.kind !== Kind.INLINE_FRAGMENT && fragment.kind !== Kind.FRAGMENT_DEFINITION))
        throw new NotMine();
      if (fragment.directives?.length) throw new NotMine();
      const condition = fragment.typeCondition?.name.value;
      if (condition && condition !== type.name && condition !== union?.name) {
        // under a union, a fragment on another of its members does not apply to this one
        if (union?.getTypes().some((member) => member.name === condition)) continue;
        throw new NotMine();
      }
      collect(schema, document, type, fragment.selectionSet, out, union);
    }
  }
}

/** The variables the arguments of OPAQUE_ARGUMENTS fields in a tree of fields use. */
function opaqueVariables(fields: Selected[], out = new Set<string>()): Set<string> {
  for (const f of fields) {
    if (OPAQUE_ARGUMENTS.has(`${f.parent}.${f.name}`))
      for (const arg of f.node.arguments ?? [])
        visit(arg, {
          Variable(node) {
            out.add(node.name.value);
          },
        });
    opaqueVariables(f.children, out);
  }
  return out;
}

/** Checks every field of the tree has a builder (so a request fails fast, before SQL). */
function covered(fields: Selected[]): boolean {
  return fields.every((f) => {
    if (f.name === "__typename") return true;
    if (!Object.hasOwn(FIELDS, `${f.parent}.${f.name}`)) return false;
    if (f.variants) return Object.values(f.variants).every(covered);
    // an object needs a selection, a leaf has none (the validator already said so)
    return f.type ? covered(f.children) : f.children.length === 0;
  });
}

/**
 * Whether a top-level list's items may be large: a geometry, or lists nested two deep under it.
 * Such a list is cheaper as rows (rowsStatement: no pass over one text of them all); a list of
 * small items is cheaper as one text (textStatement: no per-row work, ~0.05 ms on twenty places).
 */
function mayBeLarge(s: Selected, listsAbove = 0): boolean {
  return s.children.some(
    (c) => c.name === "geometry" || (isList(c) && listsAbove >= 1) || mayBeLarge(c, listsAbove + (isList(c) ? 1 : 0)),
  );
}

/** The coordinates of the lists in a tree of fields, each once, in selection order. */
function listsOf(fields: Selected[], typeName: string, out = new Set<string>()): string[] {
  for (const f of fields) {
    if (isList(f)) out.add(`${typeName}.${f.name}`);
    if (f.type) listsOf(f.children, f.type.name, out);
    for (const [member, children] of Object.entries(f.variants ?? {})) listsOf(children, member, out);
  }
  return [...out];
}

const compiled = new WeakMap<DocumentNode, Map<string, Compiled | null>>();

function compile(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
): Compiled | null {
  let byName = compiled.get(document);
  if (!byName) compiled.set(document, (byName = new Map()));
  const name = operationName ?? "";
  if (byName.has(name)) return byName.get(name)!;
  let result: Compiled | null = null;
  try {
    const operations = document.definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    const operation = operationName
      ? operations.find((o) => o.name?.value === operationName)
      : operations.length === 1
        ? operations[0]
        : undefined;
    const root = schema.getQueryType();
    if (operation && operation.operation === "query" && !operation.directives?.length && root) {
      const fields: Selected[] = [];
      collect(schema, document, root, operation.selectionSet, fields);
      if (fields.length > 0 && covered(fields)) {
        const opaque = opaqueVariables(fields);
        result = {
          operation,
          fields,
          lists: listsOf(fields, "Query"),
          id: ++plans,
          asRows: fields.some((f) => rowsOf(f) && mayBeLarge(f)),
          answerChars: -1,
          byViewer: byViewer(fields),
          textVariables: (operation.variableDefinitions ?? [])
            .filter((d) => {
              const type = d.type.kind === Kind.NON_NULL_TYPE ? d.type.type : d.type;
              return type.kind === Kind.NAMED_TYPE && (type.name.value === "ID" || type.name.value === "String");
            })
            .map((d) => d.variable.name.value)
            .filter((name) => !opaque.has(name)),
        };
      }
    }
  } catch (error) {
    if (!(error instanceof NotMine)) throw error;
  }
  byName.set(name, result);
  return result;
}

/**
 * The one statement that answers the operation for `viewer`, or null when the SQL executor does
 * not cover it, or when anything about the request is for the resolvers to judge (invalid
 * variables or arguments, cursors, a read the actor is refused). It returns the answer's text only
 * when it holds at most `maxItems` list items, and their number either way. Exported for EXPLAIN
 * and for tests.
 */
export function statementFor(options: {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  db: Db;
  /**
   * who asks: the request's signed-in user as its session says (the resolvers' ctx.user), null
   * for anonymous. Never anything the client sends.
   */
  viewer: SessionUser | null;
  maxItems: number;
}): CompiledQuery<Row> | null {
  const plan = compile(options.schema, options.document, options.operationName);
  if (!plan) return null;
  const variables = options.variables ?? {};
  // the text variables this request may fill in: non-empty strings (an empty id is looked at)
  const texts = plan.textVariables.filter((name) => typeof variables[name] === "string" && variables[name] !== "");
  if (texts.length) {
    const key = cacheKey("slots", plan, options, maskOf(variables, texts));
    let template = statements.get(key);
    if (template === undefined) {
      template = templateOf(plan, options, variables, texts);
      statements.set(key, template, statementBytes(key, template));
    }
    if (template) return filled(template, variables);
  }
  const key = cacheKey("values", plan, options, variables);
  let template = statements.get(key);
  if (template === undefined) {
    template = templateOf(plan, options, variables, []);
    statements.set(key, template, statementBytes(key, template));
  }
  return template ? filled(template, variables) : build(plan, options, variables, new Date());
}

/**
 * A statement's key: its kind (text variables as slots, or by value), plan, list budget and variables,
 * and for a plan answered per actor (byViewer) the actor as its session has them (id, role, department, places).
 */
function cacheKey(
  kind: string,
  plan: Compiled,
  options: { maxItems: number; viewer: SessionUser | null },
  variables: Record<string, unknown>,
): string {
  const json = JSON.stringify(variables);
  const digest = json.length <= VARIABLES_KEY_CHARS ? json : createHash("sha256").update(json).digest("base64");
  const { viewer } = options;
  const actor =
    plan.byViewer && viewer ? JSON.stringify([viewer.id, viewer.role, viewer.departmentId, viewer.placeIds]) : "-";
  return `${kind} ${plan.id} ${options.maxItems} ${actor} ${digest}`;
}

/** The variables with those named replaced by a mark: the key of a statement that takes them as parameters. */
function maskOf(variables: Record<string, unknown>, names: string[]): Record<string, unknown> {
  const masked = { ...variables };
  for (const name of names) masked[name] = { slot: true };
  return masked;
}

/** The operation's statement for these variables and this instant; null when the executor does not answer it. */
function build(
  plan: Compiled,
  options: { schema: GraphQLSchema; db: Db; maxItems: number; viewer: SessionUser | null },
  variables: Record<string, unknown>,
  now: Date,
): CompiledQuery<Row> | null {
  const coerced = getVariableValues(options.schema, plan.operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return null;
  try {
    let n = 0;
    const scope: Scope = {
      row: "",
      near: null,
      taskAsOf: null,
      obligationAsOf: null,
      now,
      // only a plan that selects a field answered per actor sees the actor: its statements are keyed by it
      viewer: plan.byViewer ? options.viewer : null,
      ctes: [],
      guards: [],
      maxItems: options.maxItems,
      variables: coerced.coerced,
      alias: (prefix) => `${prefix}${++n}`,
    };
    // raw SQL kept for many requests: compiled without the instance's plugins (a plugin sees a
    // query when it is compiled, which is no longer once per run)
    const db = options.db.withoutPlugins();
    return plan.asRows
      ? rowsStatement(plan, scope, options.maxItems).compile(db)
      : textStatement(plan, scope, options.maxItems).compile(db);
  } catch {
    // NotMine, or a ValidationError/GraphQLError about an argument: the resolvers say it properly
    return null;
  }
}

/** Two instants far apart (and on either side of the plan's years) that stand in for the request's. */
const INSTANTS = [new Date("2009-02-03T04:05:06.007Z"), new Date("2041-10-11T12:13:14.015Z")] as const;
/** A Date parameter this close to the clock is taken for one made from it (new Date()), not a variable's. */
const CLOCK_MS = 60_000;

/**
 * The statement with slots for the request's instant and for the named variables (Template), or null
 * when the two builds with different stand-ins differ otherwise: a stand-in that changed on its way
 * in, SQL text that depends on one, an instant that is computed with, not passed on.
 */
function templateOf(
  plan: Compiled,
  options: { schema: GraphQLSchema; db: Db; maxItems: number; viewer: SessionUser | null },
  variables: Record<string, unknown>,
  names: string[],
): Template | null {
  const standIns = INSTANTS.map((now, k) => {
    const values = { ...variables };
    names.forEach((name, i) => (values[name] = `\uE000${k}:${i}\uE000`));
    return { now, values, statement: build(plan, options, values, now) };
  });
  const [a, b] = standIns;
  if (!a.statement || !b.statement || a.statement.sql !== b.statement.sql) return null;
  const pa = a.statement.parameters;
  const pb = b.statement.parameters;
  if (pa.length !== pb.length) return null;
  const slots: [number, Slot][] = [];
  const clock = Date.now();
  for (let i = 0; i < pa.length; i++) {
    const [x, y] = [pa[i], pb[i]];
    if (x instanceof Date && y instanceof Date && x.getTime() === a.now.getTime() && y.getTime() === b.now.getTime()) {
      slots.push([i, "now"]);
      continue;
    }
    if (x === dayOf(a.now) && y === dayOf(b.now)) {
      slots.push([i, "day"]);
      continue;
    }
    const name = names.find((n) => x === a.values[n] && y === b.values[n]);
    if (name !== undefined) {
      slots.push([i, { variable: name }]);
      continue;
    }
    // anything else is the same in both, holds no stand-in, and is no instant made from the clock
    if (!isDeepStrictEqual(x, y) || JSON.stringify(x)?.includes("\uE000")) return null;
    if (x instanceof Date && Math.abs(x.getTime() - clock) < CLOCK_MS) return null;
  }
  const sharedText = a.statement.sql === plan.text;
  return { statement: slim(plan, a.statement), slots, sharedText };
}

/** The template's statement with this request's values in its slots. */
function filled(template: Template, variables: Record<string, unknown>): CompiledQuery<Row> {
  const { statement, slots } = template;
  if (!slots.length) return statement;
  const parameters = statement.parameters.slice();
  const now = new Date();
  for (const [i, slot] of slots)
    parameters[i] = slot === "now" ? now : slot === "day" ? dayOf(now) : variables[slot.variable];
  return { ...statement, parameters };
}

/**
 * The statement as it is kept and sent: its text and parameters, without the tree of nodes Kysely
 * compiled it from (ten times the memory of the text, which nothing reads once it is compiled), and
 * its text the same string as the plan's previous statement when they are equal, as they are for
 * one operation asked with other variables (those are parameters): a thousand cached statements of
 * one operation hold one copy of its text, and the driver's lookup of the prepared statement's name
 * hashes that string once.
 */
function slim(plan: Compiled, statement: CompiledQuery<Row>): CompiledQuery<Row> {
  if (statement.sql !== plan.text) plan.text = statement.sql;
  return CompiledQuery.raw(plan.text, statement.parameters as unknown[]) as CompiledQuery<Row>;
}

/** Whether the answer may be sent (Scope.guards): SQL, true without guards. */
function guarded(scope: Scope): RawBuilder<unknown> {
  return scope.guards.length ? sql`(${sql.join(scope.guards, sql` and `)})` : sql`true`;
}

/** The statement's common table expressions (Scope.ctes), once its fields are built. */
function withClause(scope: Scope): RawBuilder<unknown> {
  return scope.ctes.length ? sql`with ${sql.join(scope.ctes, sql`, `)}` : sql``;
}

/**
 * The statement for an operation without a top-level list: one row, the whole `data` text. The
 * items are the marks list() put in; `offset 0` keeps each text built once (a subquery pulled up
 * into its caller is planned once per reference).
 */
function textStatement(plan: Compiled, scope: Scope, maxItems: number): RawBuilder<Row> {
  const pairs = plan.fields.map((f) => pair(f, value(f, scope)));
  return sql<Row>`${withClause(scope)}
    select 0 as f, case when octet_length(b.d) - octet_length(b.r) <= ${maxItems}::int and ${guarded(scope)} then b.r end as data, octet_length(b.d) - octet_length(b.r) as items
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
    if (!rows) return sql`select ${i}::int as f, 0::float8 as o, ${value(f, scope)} as d`;
    const { element, order, from } = rows(f, argumentsOf(f, scope), scope);
    return sql`select ${i}::int as f, (${order})::float8 as o, chr(1) || ${element} as d from ${from}`;
  });
  return sql<Row>`${withClause(scope)}
    select b.f, case when b.items <= ${maxItems}::int and ${guarded(scope)} then b.r end as data, b.items
    from (
      select a.f, a.o, a.r, sum(octet_length(a.d) - octet_length(a.r)) over ()::int as items, row_number() over () as n
      from (select u.f, u.o, u.d, replace(u.d, chr(1), '') as r from (${sql.join(parts, sql` union all `)} offset 0) u) a
    ) b
    where (b.items <= ${maxItems}::int and ${guarded(scope)}) or b.n = 1
    order by b.f, b.o`;
}

type ExecuteOptions = Omit<Parameters<typeof statementFor>[0], "maxItems"> & {
  budget: ListBudget;
  /** the client has gone: a heavy operation that waited in line is not run (ClientGoneError) */
  gone?: () => boolean;
};

/** The request's client left while its heavy operation waited in line: nobody to answer, nothing run. */
export class ClientGoneError extends Error {
  constructor() {
    super("the client closed the connection before its answer was ready");
    this.name = "ClientGoneError";
  }
}

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
  // statementFor compiled it, so the plan is there
  const plan = compile(options.schema, options.document, options.operationName)!;
  // not answered yet, it may be heavy: the first wave of the map's startup requests is the largest
  const release = plan.answerChars < 0 || plan.answerChars >= heavy.chars ? await heavy.slots.take() : null;
  let rows: Row[];
  try {
    if (release && options.gone?.()) {
      clientGone++;
      throw new ClientGoneError();
    }
    ({ rows } = await options.db.executeQuery(statement));
  } finally {
    release?.();
  }
  let chars = 0;
  for (const row of rows) chars += row.data?.length ?? 0;
  plan.answerChars = chars;
  const { lists, fields, asRows } = plan;
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
