/**
 * Geocoding in the SQL executor (Query.geocode, GeocodeResult.*): a planner's geocode is one
 * statement that matches the name against the gazetteer's stored forms (place_alias_form,
 * project.repository.ts geocodeMatchSql), and answers byte for byte what the resolvers answer
 * (createGeocoder over the aliases converted in JavaScript): simplified, traditional and mixed
 * names, an id in any case, a zone inside a county's name, no match. What the resolvers refuse is
 * theirs to say: an empty or too long address and anybody but a planner without a statement; a
 * place outside Taiyuan (EXTERNAL) after the one statement, whose guard sends nothing. Forms not
 * recomputed since a place's names changed (place_alias_stale) are never an answer.
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { execute, parse, type GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import type { SessionUser } from "../../../server/src/core/actor.ts";
import { AppError } from "../../../server/src/core/errors.ts";
import { ListBudget } from "../../../server/src/core/list-budget.ts";
import { scopedDb, type Db } from "../../../server/src/db/database.ts";
import { createContext } from "../../../server/src/graphql/context.ts";
import { getSchema } from "../../../server/src/graphql/schema.ts";
import { executeInSqlAsText, statementFor } from "../../../server/src/graphql/sql-executor.ts";
import { syncPlaceAliasForms } from "../../../server/src/modules/place/place.repository.ts";
import { aliasForms, precisionAt } from "../../../server/src/modules/project/geocode.ts";
import { precisionAtSql } from "../../../server/src/modules/project/project.repository.ts";
import { GeoPrecision, PlaceKind } from "../../../server/src/core/enums.ts";
import { silentLogger, testDatabase } from "../../support/db.ts";
import { appWithLog } from "../../support/server.ts";
import { createApp } from "../../../server/src/app.ts";
import { loadConfig } from "../../../server/src/config.ts";
import { insertSyntheticPlanner } from "../../support/synthetic.ts";
import { signedIn } from "../project/planner.ts";

const GEOCODE = `query Geocode($address: String!, $script: Script) {
  geocode(address: $address) {
    alias precision positionSource citywide
    place { id code name(script: $script) nameEn kind precision aliases parent { id } containedIn { id } }
  }
}`;

/** Names a planner geocodes, each answered by the executor: every kind of match and none. */
const ANSWERED = [
  "古交市",
  "古交",
  "清徐开发区物流园",
  "清徐開發區物流园",
  "清徐開發區物流園",
  "太原市清徐县",
  "太原市",
  "太原",
  "  晉祠  ",
  "晋祠泉域",
  "gujiao",
  "GuJiao",
  " taiyuan ",
  "西山",
  "小店区某路",
  "萬柏林區",
  "不存在的地方",
  "火星基地",
  "长".repeat(200),
];

/** Names the resolvers refuse, and whether the executor's statement runs before they do. */
const REFUSED: [string, string, number][] = [
  ["outside Taiyuan (EXTERNAL)", "晋中", 1],
  ["outside Taiyuan, in traditional script", "晉中市", 1],
  ["empty", "", 0],
  ["only spaces", " \u3000 ", 0],
  ["over 200 characters", "长".repeat(201), 0],
];

function contextFor(db: Db, user: SessionUser | null) {
  return createContext({
    db,
    user,
    tokenHash: null,
    requestId: "sql-geocode",
    clientAddress: "127.0.0.1",
    log: silentLogger,
    sessionTtlSeconds: 0,
    secureCookies: false,
  });
}

/** The resolvers' answer and the executor's text, with the executor's statements, for `user`. */
async function both(db: Db, user: SessionUser | null, variables: Record<string, unknown>, source = GEOCODE) {
  const schema = await getSchema();
  const document = parse(source);
  const resolved = await execute({ schema, document, variableValues: variables, contextValue: contextFor(db, user) });
  const counter = { statements: 0 };
  const text = await executeInSqlAsText({
    schema,
    document,
    variables,
    db: scopedDb(db, counter),
    viewer: user,
    budget: new ListBudget(10_000),
  });
  return { resolved, text, statements: counter.statements };
}

/** The code of the first error the resolvers raised (the AppError graphql-js wraps). */
const codeOf = (errors: readonly GraphQLError[] | undefined): string | undefined =>
  errors?.[0]?.originalError instanceof AppError ? errors[0].originalError.code : undefined;

class Rollback extends Error {}

/** Runs `body` in a transaction that is rolled back, with a planner made in it. */
async function withPlanner(body: (trx: Db, planner: SessionUser) => Promise<void>): Promise<void> {
  const { db } = await testDatabase();
  await db
    .transaction()
    .execute(async (trx) => {
      await syncPlaceAliasForms(trx);
      await body(trx, await insertSyntheticPlanner(trx, `geocode-${randomUUID().slice(0, 8)}`));
      throw new Rollback();
    })
    .catch((error) => {
      if (!(error instanceof Rollback)) throw error;
    });
}

describe("geocode in the SQL executor", () => {
  it("answers a planner's names byte for byte as the resolvers do, in one statement", async () => {
    await withPlanner(async (trx, planner) => {
      const matched = new Set<string>();
      for (const [i, address] of ANSWERED.entries()) {
        const variables = { address, script: i % 2 ? "HANT" : "HANS" };
        const { resolved, text, statements } = await both(trx, planner, variables);
        expect(resolved.errors, address).toBeUndefined();
        expect(text, address).toBe(JSON.stringify(resolved.data));
        expect(statements, address).toBe(1);
        const g = (resolved.data as { geocode: { place: { id: string } } | null }).geocode;
        if (g) matched.add(g.place.id);
      }
      // the comparisons compare something: many places, and a null
      expect(matched.size).toBeGreaterThanOrEqual(8);
      expect(matched).toContain("qingxu-development-zone");
      expect(matched).toContain("taiyuan");
    });
  });

  it("answers several geocodes in one operation, and beside other fields, in one statement", async () => {
    await withPlanner(async (trx, planner) => {
      for (const source of [
        `{ a: geocode(address: "清徐開發區物流园") { alias place { id } } b: geocode(address: "gujiao") { alias citywide } c: geocode(address: "火星") { alias } }`,
        `query($a: String!) { geocode(address: $a) { __typename alias precision place { id nameEn } } places(filter: { kinds: [DISTRICT] }) { id geometry(tolerance: 0.01) } me { id } }`,
      ]) {
        const r = await both(trx, planner, { a: " 太原市小店区 " }, source);
        expect(r.resolved.errors).toBeUndefined();
        expect(r.text).toBe(JSON.stringify(r.resolved.data));
        expect(r.statements).toBe(1);
      }
      // one of them outside Taiyuan: the resolvers answer the whole operation (their error, the others' data)
      const mixed = await both(
        trx,
        planner,
        {},
        `{ a: geocode(address: "晋中") { alias } b: geocode(address: "古交") { alias } }`,
      );
      expect(mixed.text).toBeNull();
      expect(mixed.statements).toBe(1);
      expect(mixed.resolved.data).toEqual({ a: null, b: { alias: "古交" } });
    });
  });

  it("finds the zone in a county's name, reports the alias as written, and a city-level place as citywide", async () => {
    await withPlanner(async (trx, planner) => {
      const answer = async (address: string) =>
        JSON.parse((await both(trx, planner, { address })).text!) as { geocode: Record<string, unknown> | null };
      expect((await answer("清徐開發區物流园")).geocode).toMatchObject({
        alias: "清徐開發區",
        positionSource: "geocoded: 清徐開發區 → qingxu-development-zone",
        citywide: false,
        place: { id: "qingxu-development-zone" },
      });
      expect((await answer("清徐开发区物流园")).geocode).toMatchObject({ alias: "清徐开发区" });
      expect((await answer("GUJIAO")).geocode).toMatchObject({ alias: "gujiao", precision: "ADM3" });
      expect((await answer("太原市")).geocode).toMatchObject({ precision: "ADM2", citywide: true });
      expect((await answer("晉祠")).geocode).toMatchObject({ alias: "晉祠", precision: "NEAR" });
      expect((await answer("火星基地")).geocode).toBeNull();
    });
  });

  it.each(REFUSED)("leaves an address %s to the resolvers' error", async (_name, address, statements) => {
    await withPlanner(async (trx, planner) => {
      const r = await both(trx, planner, { address });
      expect(r.text).toBeNull();
      expect(r.statements).toBe(statements);
      expect(codeOf(r.resolved.errors)).toBe("BAD_USER_INPUT");
    });
  });

  it("leaves a name PostgreSQL's text cannot hold as sent (a NUL, a lone surrogate) to the resolvers, without a statement", async () => {
    await withPlanner(async (trx, planner) => {
      for (const address of ["古交\u0000市", "\uD800古交市", "清徐开发区\uDC00"]) {
        const r = await both(trx, planner, { address });
        expect(r.text).toBeNull();
        expect(r.statements).toBe(0);
        expect(r.resolved.errors).toBeUndefined();
        expect(r.resolved.data).toMatchObject({ geocode: { alias: expect.any(String) } });
      }
    });
  });

  it("leaves anybody but a planner to the resolvers, without a statement", async () => {
    await withPlanner(async (trx, planner) => {
      const leader: SessionUser = { ...planner, role: "AREA_LEADER", placeIds: ["xiaodian"] };
      const viewer: SessionUser = { ...planner, role: "VIEWER" };
      for (const [user, code] of [
        [null, "UNAUTHENTICATED"],
        [leader, "FORBIDDEN"],
        [viewer, "FORBIDDEN"],
      ] as const) {
        const r = await both(trx, user, { address: "古交市" });
        expect(r.text).toBeNull();
        expect(r.statements).toBe(0);
        expect(codeOf(r.resolved.errors)).toBe(code);
      }
    });
  });

  it("says a place's precision in SQL as precisionAt does, for every kind and precision", async () => {
    const { db } = await testDatabase();
    const pairs = Object.values(PlaceKind).flatMap((kind) =>
      Object.values(GeoPrecision).map((precision) => ({ kind, precision })),
    );
    const r = await sql<{ kind: string; precision: string; at: string }>`
      select x.kind, x.precision, ${precisionAtSql(sql.ref("x.kind"), sql.ref("x.precision"))} as at
      from jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) as x(kind text, precision text)`.execute(db);
    expect(r.rows).toEqual(pairs.map((p) => ({ ...p, at: precisionAt(p) })));
  });

  it("keeps the gazetteer's forms as createGeocoder computes them, for every place", async () => {
    const { db } = await testDatabase();
    await syncPlaceAliasForms(db);
    const places = await sql<{ id: string; nameHans: string; nameHant: string; aliases: string[] }>`
      select id, name_hans as "nameHans", name_hant as "nameHant", aliases from place order by id`.execute(db);
    const stored = await sql<{ placeId: string; alias: string; hans: string; hant: string; hansLength: number }>`
      select place_id as "placeId", alias, hans, hant, hans_length as "hansLength" from place_alias_form order by place_id, position`.execute(
      db,
    );
    const expected = places.rows.flatMap((p) =>
      aliasForms(p).map((f) => ({ placeId: p.id, ...f, hansLength: f.hans.length })),
    );
    expect(stored.rows).toEqual(expected);
    expect(expected.length).toBeGreaterThan(places.rows.length);
    // some forms differ from the alias as written: both scripts are really there
    expect(expected.some((f) => f.hans !== f.alias) && expected.some((f) => f.hant !== f.alias)).toBe(true);
  });

  it("never answers from forms older than a place's names: the resolvers answer until they are recomputed", async () => {
    await withPlanner(async (trx, planner) => {
      const variables = { address: "合成古交矿区" };
      await sql`update place set aliases = aliases || array['合成古交'] where id = 'gujiao'`.execute(trx);
      const stale = await both(trx, planner, variables);
      expect(stale.text).toBeNull();
      expect(stale.statements).toBe(1);
      expect(stale.resolved.data).toMatchObject({ geocode: { alias: "合成古交", place: { id: "gujiao" } } });
      await syncPlaceAliasForms(trx);
      const fresh = await both(trx, planner, variables);
      expect(fresh.statements).toBe(1);
      expect(fresh.text).toBe(JSON.stringify(fresh.resolved.data));
      // a new place is geocoded once its forms are computed; its traditional form matches too
      await sql`
        insert into place (id, name_hans, name_hant, name_en, kind, precision, source, geom, label_point, ordinal)
        values ('geocode-test-site', '合成矿区遗址', '合成礦區遺址', 'test site', 'HERITAGE_SITE', 'EXACT', 'test',
          ST_SetSRID(ST_MakePoint(112.57, 37.72), 4326), ST_SetSRID(ST_MakePoint(112.57, 37.72), 4326), (select max(ordinal) + 1 from place))`.execute(
        trx,
      );
      expect((await both(trx, planner, { address: "合成礦區遺址北" })).text).toBeNull();
      await syncPlaceAliasForms(trx);
      for (const address of ["合成礦區遺址北", "合成矿区遗址", "合成礦区遗址"]) {
        const r = await both(trx, planner, { address });
        expect(r.text, address).toBe(JSON.stringify(r.resolved.data));
        expect(r.text, address).toContain("geocode-test-site");
      }
    });
  });

  it("builds each address's statement from its own value, never a kept one's with another address in a slot", async () => {
    await withPlanner(async (trx, planner) => {
      const schema = await getSchema();
      const document = parse(GEOCODE);
      // one parsed document for all: the same plan, whose statements are kept
      for (const address of ["古交市", "  古交市  ", "GUJIAO", "gujiao", "清徐開發區", "清徐开发区", "   "]) {
        const variables = { address, script: "HANS" };
        const resolved = await execute({
          schema,
          document,
          variableValues: variables,
          contextValue: contextFor(trx, planner),
        });
        const text = await executeInSqlAsText({
          schema,
          document,
          variables,
          db: trx,
          viewer: planner,
          budget: new ListBudget(10_000),
        });
        if (resolved.errors) expect(text, address).toBeNull();
        else expect(text, address).toBe(JSON.stringify(resolved.data));
      }
      const statement = statementFor({
        schema,
        document,
        variables: { address: " 清徐開發區 " },
        db: trx,
        viewer: planner,
        maxItems: 10_000,
      });
      // the name trimmed, in simplified script and in lower case: not the variable as sent
      expect(statement?.parameters).toEqual(expect.arrayContaining(["清徐開發區", "清徐开发区"]));
      expect(statement?.parameters).not.toContain(" 清徐開發區 ");
    });
  });
});

describe("geocode over HTTP", () => {
  const { lines, settled, url } = appWithLog<{ statements?: number; requestId?: string }>();

  it("is one statement with the session's lookup for a planner, as the resolvers answer", async () => {
    const { headers } = await signedIn("PLANNER");
    const post = async (address: string) => {
      const requestId = randomUUID();
      const res = await fetch(`${url()}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-request-id": requestId, ...headers },
        body: JSON.stringify({ query: GEOCODE, variables: { address } }),
      });
      const body = (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
      await settled(requestId);
      return {
        body,
        statements: lines.find((l) => l.requestId === requestId && l.statements !== undefined)!.statements,
      };
    };
    const zone = await post("清徐開發區物流园");
    expect(zone.body.errors).toBeUndefined();
    expect(zone.body.data).toMatchObject({
      geocode: { alias: "清徐開發區", place: { id: "qingxu-development-zone" } },
    });
    // the session's lookup, then the one statement
    expect(zone.statements).toBe(2);
    const none = await post("不存在的地方");
    expect(none.body).toEqual({ data: { geocode: null } });
    expect(none.statements).toBe(2);
    const outside = await post("晋中");
    expect(outside.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("geocoding forms at boot", () => {
  it("are brought up to date when an app starts, for places written straight into the table", async () => {
    const { db } = await testDatabase();
    const staleCount = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from place_alias_stale`.execute(db)).rows[0].n;
    // a hand-written UPDATE (the same aliases): the trigger marks the place, nothing recomputes it
    await sql`update place set aliases = aliases where id = 'gujiao'`.execute(db);
    expect(await staleCount()).toBe(1);
    const app = await createApp(loadConfig({ PORT: "0", SEED_ON_BOOT: "false" }), silentLogger, {
      database: await testDatabase(),
    });
    await app.start();
    try {
      expect(await staleCount()).toBe(0);
    } finally {
      await app.stop();
    }
  });
});
