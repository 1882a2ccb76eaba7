/**
 * Whether a request's operation is one whose session its own statement looks up: a mutation
 * whose root fields are all OWN_SESSION_MUTATIONS (and __typename). The context then defers
 * the session (context.ts deferSession) and the request costs one statement fewer. The SQL lane
 * answers the simplest of them itself (ownSessionPlan, answerOwnSession, below): the same
 * service and its one statement, without Apollo, graphql-js's execution and type-graphql.
 */
import {
  getArgumentValues,
  getNamedType,
  getVariableValues,
  isLeafType,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import type { Db } from "../db/database.ts";
import type { PendingSession, SessionUser } from "../core/actor.ts";
import { OWN_SESSION_MUTATIONS } from "../modules/report/report.resolver.ts";
import { reportProgress, reviewReport } from "../modules/report/report.service.ts";
import type { ReportField, ReportProgressInput, ReportRow } from "../modules/report/report.type.ts";
import { NULL_IS_DEFAULT } from "./null-defaults.ts";
import { emptyIdIn } from "./operation-guard.ts";

/** Documents longer than this are not looked at (such a mutation is far shorter). */
const MAX_CHARS = 4000;
const MAX_ENTRIES = 256;
const known = new Map<string, boolean>();

/** The operation a request runs: the one named, or the only one. */
function operationOf(document: DocumentNode, name: unknown): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (typeof name === "string" && name !== "") return operations.find((o) => o.name?.value === name);
  return operations.length === 1 ? operations[0] : undefined;
}

function decide(query: string, operationName: unknown): boolean {
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: true, maxTokens: 1000 });
  } catch {
    return false; // Apollo answers it
  }
  const operation = operationOf(document, operationName);
  if (!operation || operation.operation !== "mutation") return false;
  let own = false;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) return false;
    if (selection.name.value === "__typename") continue;
    if (!OWN_SESSION_MUTATIONS.has(selection.name.value)) return false;
    own = true;
  }
  return own;
}

/** True when the request body (one GraphQL operation over HTTP) is such a mutation; false when unsure. */
export function looksUpOwnSession(body: unknown): boolean {
  if (!body || typeof body !== "object" || Array.isArray(body)) return false;
  const { query, operationName } = body as { query?: unknown; operationName?: unknown };
  if (typeof query !== "string" || query.length > MAX_CHARS || !query.includes("mutation")) return false;
  const key = `${typeof operationName === "string" ? operationName : ""}\u0000${query}`;
  let answer = known.get(key);
  if (answer === undefined) {
    answer = decide(query, operationName);
    if (known.size >= MAX_ENTRIES) known.clear();
    known.set(key, answer);
  }
  return answer;
}

// ---- answered in the SQL lane (http/sql-lane.ts), without Apollo --------------------------

/**
 * How one selected field of the answer is written: its response key, its value from the report
 * row, and the row's field it reads (none for a __typename).
 */
type Writer = { key: string; value: (row: ReportRow) => unknown; reads?: ReportField };

/**
 * An own-session mutation the SQL lane can answer itself: one root field (reportProgress or
 * reviewReport, with __typename beside it if asked), whose selection is plain fields of the
 * report (those graphql-js reads from the row with its default resolver, written with their
 * type's own serialize), `__typename`, and `task { id __typename }`. No fragments, directives or
 * repeated response keys (graphql-js would merge them): those, and every other field, are
 * Apollo's.
 */
export interface OwnSessionPlan {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  mutation: "reportProgress" | "reviewReport";
  field: GraphQLField<unknown, unknown>;
  node: FieldNode;
  /** the root's response keys in order: the mutation's (null) or a __typename's (its value) */
  root: { key: string; typename: string | null }[];
  fields: Writer[];
  /** the report's fields the writers read: the statement returns only those */
  reads: ReportField[];
}

const plans = new WeakMap<DocumentNode, Map<string | undefined, OwnSessionPlan | null>>();

/** The operation graphql-js would run: the one named, or the only one (a name matches exactly). */
function runnableOperation(document: DocumentNode, name: string | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (name !== undefined) return operations.find((o) => o.name?.value === name);
  return operations.length === 1 ? operations[0] : undefined;
}

/** The fields of a selection set, in order, when all are plain fields without directives and with distinct response keys; null otherwise. */
function plainFields(set: SelectionSetNode | undefined): FieldNode[] | null {
  if (!set) return null;
  const keys = new Set<string>();
  const fields: FieldNode[] = [];
  for (const selection of set.selections) {
    if (selection.kind !== Kind.FIELD || selection.directives?.length) return null;
    const key = selection.alias?.value ?? selection.name.value;
    if (keys.has(key)) return null;
    keys.add(key);
    fields.push(selection);
  }
  return fields;
}

/** How the report's fields are written, or null when one is not the lane's (see OwnSessionPlan). */
function reportWriters(type: GraphQLObjectType, set: SelectionSetNode | undefined): Writer[] | null {
  const nodes = plainFields(set);
  if (!nodes) return null;
  const writers: Writer[] = [];
  for (const node of nodes) {
    const key = node.alias?.value ?? node.name.value;
    const name = node.name.value;
    if (node.arguments?.length) return null;
    if (name === "__typename") {
      writers.push({ key, value: () => type.name });
      continue;
    }
    const field = type.getFields()[name];
    if (!field) return null;
    const leaf = getNamedType(field.type);
    if (isLeafType(leaf)) {
      // a field with a resolver of its own (roles, middlewares, a field resolver) is Apollo's
      if (field.resolve !== undefined || node.selectionSet) return null;
      const nonNull = isNonNullType(field.type);
      writers.push({
        key,
        reads: name as ReportField,
        value: (row) => {
          const raw = (row as unknown as Record<string, unknown>)[name];
          if (raw == null) {
            if (nonNull) throw new Error(`own-session lane: ${type.name}.${name} is null in the row written`);
            return null;
          }
          const serialized = leaf.serialize(raw);
          if (serialized === undefined) throw new Error(`own-session lane: ${type.name}.${name} did not serialize`);
          return serialized;
        },
      });
      continue;
    }
    // the report's task, as far as its id: the row's taskId (Task.id is a plain field; the task exists: a foreign key)
    if (name === "task" && isObjectType(leaf) && leaf.getFields().id?.resolve === undefined) {
      const inner = plainFields(node.selectionSet);
      if (!inner || inner.some((n) => n.arguments?.length || (n.name.value !== "id" && n.name.value !== "__typename")))
        return null;
      const parts = inner.map((n) => ({
        key: n.alias?.value ?? n.name.value,
        typename: n.name.value === "__typename",
      }));
      writers.push({
        key,
        reads: "taskId",
        value: (row) => Object.fromEntries(parts.map((p) => [p.key, p.typename ? leaf.name : row.taskId])),
      });
      continue;
    }
    return null;
  }
  return writers;
}

function compile(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined) {
  const operation = runnableOperation(document, operationName);
  const mutationType = schema.getMutationType();
  if (!operation || operation.operation !== "mutation" || operation.directives?.length || !mutationType) return null;
  const nodes = plainFields(operation.selectionSet);
  if (!nodes) return null;
  const root: OwnSessionPlan["root"] = [];
  let mutation: FieldNode | null = null;
  for (const node of nodes) {
    const key = node.alias?.value ?? node.name.value;
    if (node.name.value === "__typename" && !node.arguments?.length) {
      root.push({ key, typename: mutationType.name });
      continue;
    }
    // one mutation: several run one after another, each its own statement; Apollo's
    if (mutation || !OWN_SESSION_MUTATIONS.has(node.name.value)) return null;
    mutation = node;
    root.push({ key, typename: null });
  }
  if (!mutation) return null;
  const name = mutation.name.value as OwnSessionPlan["mutation"];
  if (name !== "reportProgress" && name !== "reviewReport") return null;
  const field = mutationType.getFields()[name];
  const type = field && getNamedType(field.type);
  if (!field || !isObjectType(type)) return null;
  const fields = reportWriters(type, mutation.selectionSet);
  if (!fields) return null;
  const reads = [...new Set(fields.flatMap((w) => (w.reads ? [w.reads] : [])))];
  return { document, operation, mutation: name, field, node: mutation, root, fields, reads };
}

/** The lane's plan for a valid document's operation, or null when it is Apollo's; once per document and name. */
export function ownSessionPlan(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
): OwnSessionPlan | null {
  let byName = plans.get(document);
  if (!byName) plans.set(document, (byName = new Map()));
  let plan = byName.get(operationName);
  if (plan === undefined) byName.set(operationName, (plan = compile(schema, document, operationName)));
  return plan;
}

/**
 * Runs the plan's mutation as the session whose token hashes to `tokenHash` (its one statement
 * looks the session up, checks and writes; `onUser` is told the user it found) and returns the
 * answer's bytes: `{"data":…}` and a newline, as Apollo writes them. Null when the request is
 * Apollo's after all, and nothing was written: variables or arguments graphql-js would refuse,
 * an empty id (operation-guard.ts), and any error of the service — a refusal (which writes
 * nothing) or the database's failure — which Apollo then meets again and answers as always.
 */
export async function answerOwnSession(
  schema: GraphQLSchema,
  plan: OwnSessionPlan,
  opts: {
    db: Db;
    tokenHash: string;
    variables: Record<string, unknown> | undefined;
    onUser: (user: SessionUser | null) => void;
  },
): Promise<string | null> {
  const coerced = getVariableValues(schema, plan.operation.variableDefinitions ?? [], opts.variables ?? {});
  if (coerced.errors) return null;
  let args: Record<string, unknown>;
  try {
    args = getArgumentValues(plan.field, plan.node, coerced.coerced);
  } catch {
    return null;
  }
  for (const arg of plan.field.args)
    if (args[arg.name] === null && NULL_IS_DEFAULT.has(arg)) args[arg.name] = arg.defaultValue;
  if (emptyIdIn(schema, plan.document, plan.operation, opts.variables)) return null;
  const actor: PendingSession = { tokenHash: opts.tokenHash, resolved: opts.onUser };
  let row: ReportRow;
  try {
    row =
      plan.mutation === "reportProgress"
        ? (await reportProgress(opts.db, actor, args.input as ReportProgressInput, { fields: plan.reads })).report
        : await reviewReport(
            opts.db,
            actor,
            args.id as string,
            args.decision as "APPROVE" | "RETURN",
            (args.note as string | null | undefined) ?? null,
            plan.reads,
          );
  } catch {
    return null;
  }
  // no prototype, as graphql-js's results: an alias `__proto__` is a key like any other
  const value: Record<string, unknown> = Object.create(null);
  for (const w of plan.fields) value[w.key] = w.value(row);
  const data: Record<string, unknown> = Object.create(null);
  for (const r of plan.root) data[r.key] = r.typename ?? value;
  return `${JSON.stringify({ data })}\n`;
}
