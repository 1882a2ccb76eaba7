/**
 * The SQL executor's coverage, from the schema itself: every output field of every type a query
 * can reach is either compiled (COMPILED_FIELDS in server/src/graphql/sql-executor.ts) or listed
 * here, in RESOLVER_ONLY, with why the resolvers answer it. A field added to the schema fails this
 * test, by its coordinate, until it is one or the other: this list is the executor's to-do list.
 */
import { describe, expect, it } from "vitest";
import { getNamedType, isObjectType, isUnionType, type GraphQLNamedType, type GraphQLSchema } from "graphql";
import { getSchema } from "../../../server/src/graphql/schema.ts";
import { COMPILED_FIELDS } from "../../../server/src/graphql/sql-executor.ts";

/**
 * Output fields the resolvers answer (any operation that selects one runs through them), each with why.
 * None today: geocoding, the last, is compiled over the gazetteer's forms stored by migration 0015
 * (place_alias_form: the aliases converted by OpenCC, which SQL cannot do, computed in JavaScript when
 * places are written; test/server/perf/sql-geocode.test.ts).
 */
const RESOLVER_ONLY: Record<string, string> = {};

/** Every output field of the object types reachable from Query (through unions too), as coordinates. */
function reachableFields(schema: GraphQLSchema): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const queue: GraphQLNamedType[] = [schema.getQueryType()!];
  while (queue.length) {
    const type = queue.shift()!;
    if (seen.has(type.name)) continue;
    seen.add(type.name);
    if (isUnionType(type)) queue.push(...type.getTypes());
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      out.push(`${type.name}.${field.name}`);
      queue.push(getNamedType(field.type));
    }
  }
  return out;
}

describe("the SQL executor's coverage of the schema", () => {
  it("names every field a query can reach as compiled or RESOLVER_ONLY", async () => {
    const fields = reachableFields(await getSchema());
    expect(fields.length).toBeGreaterThan(200);
    const neither = fields.filter((f) => !COMPILED_FIELDS.has(f) && !(f in RESOLVER_ONLY));
    expect(neither, "compile these fields (sql-executor.ts FIELDS) or list them in RESOLVER_ONLY with why").toEqual([]);
  });

  it("lists only fields of the schema, and none both compiled and RESOLVER_ONLY (the list stays honest)", async () => {
    const fields = new Set(reachableFields(await getSchema()));
    expect(
      [...COMPILED_FIELDS].filter((f) => !fields.has(f)),
      "compiled fields the schema does not have",
    ).toEqual([]);
    expect(
      Object.keys(RESOLVER_ONLY).filter((f) => !fields.has(f)),
      "RESOLVER_ONLY fields the schema does not have",
    ).toEqual([]);
    expect(
      Object.keys(RESOLVER_ONLY).filter((f) => COMPILED_FIELDS.has(f)),
      "compiled now: take them out of RESOLVER_ONLY",
    ).toEqual([]);
  });

  it("reports the coverage", async () => {
    const fields = reachableFields(await getSchema());
    const compiled = fields.filter((f) => COMPILED_FIELDS.has(f)).length;
    console.log(
      `SQL executor: ${compiled} of ${fields.length} reachable output fields compiled, ${fields.length - compiled} RESOLVER_ONLY`,
    );
    expect(compiled).toBeGreaterThanOrEqual(223);
  });
});
