/**
 * Whether a request's operation is one whose session its own statement looks up: a mutation
 * whose root fields are all OWN_SESSION_MUTATIONS (and __typename). The context then defers
 * the session (context.ts deferSession) and the request costs one statement fewer.
 */
import { Kind, parse, type DocumentNode, type OperationDefinitionNode } from "graphql";
import { OWN_SESSION_MUTATIONS } from "../modules/report/report.resolver.ts";

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
