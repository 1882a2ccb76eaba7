/**
 * A statement compiled once per shape: its text built by Kysely from stand-ins, kept, and run with
 * each call's values in the stand-ins' places. For the writes every signed-in request makes (a
 * report, a review), whose text depends only on a few choices (the shape) while their values change
 * every time: without it each request builds a tree of a hundred nodes and a text of 2–3 KB that is
 * the same as the last one's, and the driver hashes that new string again to find its prepared
 * statement.
 */
import { CompiledQuery, type QueryResult, type RawBuilder } from "kysely";
import type { Db } from "./database.ts";

/** Stands in for the call's value number `index` while the shape is compiled. */
class StandIn {
  constructor(readonly index: number) {}
}

/** A compiled shape: its text, and for each parameter the value it always has or the stand-in it takes its value from. */
interface Shape {
  sql: string;
  parameters: readonly unknown[];
  /** per parameter: the call's value number, or -1 for a value of the shape itself */
  from: readonly number[];
}

/**
 * Statements kept by shape. `execute(db, key, values, build)` runs shape `key` with these values;
 * the first time, it calls `build` with one stand-in per value and compiles what it returns. `key`
 * must name every choice `build` makes besides the values (the shape), and `build` must use each
 * stand-in only as a parameter (`${value}`), never look into it. The values are put where their
 * stand-ins were: a value used three times is sent three times, as the template would send it.
 */
export function statementShapes<R>() {
  const shapes = new Map<string, Shape>();
  const compile = (db: Db, key: string, arity: number, build: (values: readonly unknown[]) => RawBuilder<R>): Shape => {
    const standIns = Array.from({ length: arity }, (_, i) => new StandIn(i));
    const compiled = build(standIns).compile(db);
    // a stand-in inside another value (spread into an array, put in an object) would be sent as itself
    for (const p of compiled.parameters)
      if (!(p instanceof StandIn) && holdsStandIn(p))
        throw new Error(`statement shape ${key}: a value was used as more than a parameter`);
    const from = compiled.parameters.map((p) => (p instanceof StandIn ? p.index : -1));
    return { sql: compiled.sql, parameters: compiled.parameters, from };
  };
  return {
    execute(
      db: Db,
      key: string,
      values: readonly unknown[],
      build: (values: readonly unknown[]) => RawBuilder<R>,
    ): Promise<QueryResult<R>> {
      let shape = shapes.get(key);
      if (!shape) {
        try {
          shape = compile(db, key, values.length, build);
        } catch (error) {
          return Promise.reject(error as Error);
        }
        shapes.set(key, shape);
      }
      const { parameters, from } = shape;
      return db.executeQuery<R>(
        CompiledQuery.raw(
          shape.sql,
          from.map((i, n) => (i < 0 ? parameters[n] : values[i])),
        ),
      );
    },
  };
}

function holdsStandIn(value: unknown): boolean {
  if (value instanceof StandIn) return true;
  if (Array.isArray(value)) return value.some(holdsStandIn);
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype)
    return Object.values(value).some(holdsStandIn);
  return false;
}
