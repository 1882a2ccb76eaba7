/**
 * Typed operations for the console's sections: documents written with the generated
 * `graphql()` (client/src/api/gql, `npm run codegen`) carry their result and variable
 * types, so a section never writes them by hand.
 */
import { gql } from "../../api/client.ts";
import type { TypedDocumentString } from "../../api/gql/graphql.ts";
import { useQuery, type QueryState } from "../../api/use-query.ts";

/** Runs one generated operation (a mutation, or a query outside React). */
export function run<R, V>(doc: TypedDocumentString<R, V>, variables: V): Promise<R> {
  return gql(doc, variables);
}

/** A generated query as a hook (see useQuery); `skip` holds it back. */
export function useDoc<R, V extends object>(doc: TypedDocumentString<R, V>, variables: V, skip = false): QueryState<R> {
  return useQuery(doc, variables, skip);
}
