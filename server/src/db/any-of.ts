/**
 * A list as one array parameter, for the query builder: `.where("d.id", "=", anyText(ids))` is
 * `d.id = any($1::text[])`. The builder's `in` writes one parameter per value, so each list length
 * would be a statement text of its own, and a prepared plan of its own on every connection
 * (database.ts, guardedPool); with the array the text is the same however many values there are.
 */
import { sql, type RawBuilder } from "kysely";

/** `any($1::text[])` */
export function anyText(values: readonly string[]): RawBuilder<string> {
  return sql<string>`any(${[...values]}::text[])`;
}
