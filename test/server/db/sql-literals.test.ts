/** enumArray writes enum names into the statement's text and leaves anything else a parameter; page limits are checked. */
import { describe, expect, it } from "vitest";
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from "kysely";
import { enumArray } from "../../../server/src/db/sql-literals.ts";
import { taskPageSql } from "../../../server/src/modules/task/task.repository.ts";
import { TaskOrder } from "../../../server/src/core/enums.ts";

// compiles statements without a database
const db = new Kysely<unknown>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

describe("enumArray", () => {
  it("writes enum values into the text, in order", () => {
    const q = sql`select 1 where x = any(${enumArray(["COUNTY", "DISTRICT", "COUNTY_CITY"])})`.compile(db);
    expect(q.sql).toBe("select 1 where x = any(array['COUNTY','DISTRICT','COUNTY_CITY']::text[])");
    expect(q.parameters).toEqual([]);
  });

  it("keeps anything that is not an enum name a parameter", () => {
    for (const values of [["COUNTY", "x') or true --"], ["county"], ["O'NEIL"], [], ["A B"]]) {
      const q = sql`select 1 where x = any(${enumArray(values)})`.compile(db);
      expect(q.sql, JSON.stringify(values)).toBe("select 1 where x = any($1::text[])");
      expect(q.parameters).toEqual([values]);
    }
  });
});

describe("taskPageSql", () => {
  const query = {
    planId: "p",
    kinds: null,
    sectionIds: null,
    leadDepartmentIds: null,
    statuses: null,
    text: null,
    spatial: null,
    asOf: new Date(0),
    orderBy: TaskOrder.PLAN_ORDER,
    first: 10,
    after: null,
    withTotal: false,
  };

  it("writes its limit into the text", () => {
    const q = taskPageSql(query, 11).compile(db);
    expect(q.sql).toMatch(/limit 11\s*$/);
    expect(q.parameters).not.toContain(11);
  });

  it("refuses a limit that is not a page size", () => {
    for (const limit of [-1, 1.5, 102, Number.NaN])
      expect(() => taskPageSql(query, limit), String(limit)).toThrow(RangeError);
  });
});
