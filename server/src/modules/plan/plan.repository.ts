/** All SQL about plans, their sections and text repairs. */
import { sql, type Insertable, type RawBuilder } from "kysely";
import type { Db } from "../../db/database.ts";
import { anyText } from "../../db/any-of.ts";
import type { Plan, Section, TextRepair } from "../../db/schema.ts";
import type { PlanRow, SectionRow, TextRepairRow } from "./plan.type.ts";

const PLAN_COLUMNS = [
  "id",
  "doc_number as docNumber",
  "title_hans as titleHans",
  "title_hant as titleHant",
  "title_en as titleEn",
  "issuer_hans as issuerHans",
  "issuer_hant as issuerHant",
  "issued_on as issuedOn",
  "period_start as periodStart",
  "period_end as periodEnd",
] as const;

export async function listPlans(db: Db): Promise<PlanRow[]> {
  return db.selectFrom("plan").select(PLAN_COLUMNS).orderBy("ordinal").orderBy("id").execute();
}

export async function findPlansByIds(db: Db, ids: readonly string[]): Promise<PlanRow[]> {
  return db.selectFrom("plan").select(PLAN_COLUMNS).where("id", "=", anyText(ids)).execute();
}

export async function findSourceTexts(
  db: Db,
  ids: readonly string[],
): Promise<{ id: string; hans: string; hant: string }[]> {
  return db
    .selectFrom("plan")
    .select(["id", "source_text_hans as hans", "source_text_hant as hant"])
    .where("id", "=", anyText(ids))
    .execute();
}

const SECTION_COLUMNS = [
  "plan_id as planId",
  "id",
  "ref",
  "heading_hans as headingHans",
  "heading_hant as headingHant",
  "heading_en as headingEn",
  "parent_id as parentId",
  "ordinal",
  "text_hans as textHans",
  "text_hant as textHant",
  "span_start as spanStart",
  "span_end as spanEnd",
] as const;

export async function findSectionsByPlans(db: Db, planIds: readonly string[]): Promise<SectionRow[]> {
  return db
    .selectFrom("section")
    .select(SECTION_COLUMNS)
    .where("plan_id", "=", anyText(planIds))
    .orderBy("plan_id")
    .orderBy("ordinal")
    .execute();
}

export async function findRepairsByPlans(db: Db, planIds: readonly string[]): Promise<TextRepairRow[]> {
  return db
    .selectFrom("text_repair")
    .select([
      "plan_id as planId",
      "ordinal",
      "span_start as spanStart",
      "span_end as spanEnd",
      "original",
      "repaired",
      "method",
    ])
    .where("plan_id", "=", anyText(planIds))
    .orderBy("plan_id")
    .orderBy("ordinal")
    .execute();
}

/**
 * The words of a span of the plan `planId`'s source text in a script, as JSON text: what
 * SourceSpan.text answers (JavaScript's `text.slice(start, end)`, in UTF-16 code units) said in
 * SQL, whose substr counts code points. For the SQL executor; start, end and planId are SQL.
 *
 * A text with no character outside the BMP (source_astral_*: migration 0012; the seeded plan's)
 * has the same offsets in both, and the span is one substr. Otherwise each end is clamped as
 * slice clamps it (negative ends count from the end), moved back by the astral characters wholly
 * before it, and an end that falls inside one (slice then keeps half of its surrogate pair) adds
 * that half as a JSON escape, the lone surrogate JSON.stringify writes.
 */
export function spanTextSql(
  planId: RawBuilder<unknown>,
  start: RawBuilder<unknown>,
  end: RawBuilder<unknown>,
  script: "HANS" | "HANT",
): RawBuilder<string> {
  const text = script === "HANT" ? sql.ref("sp.source_text_hant") : sql.ref("sp.source_text_hans");
  const astral = script === "HANT" ? sql.ref("sp.source_astral_hant") : sql.ref("sp.source_astral_hans");
  const escape = (unit: RawBuilder<unknown>) => sql`'\\u' || lpad(to_hex(${unit}), 4, '0')`;
  // the second half of the pair before code point cs, the first half of the pair at code point ce
  const low = escape(sql`56320 + ((ascii(substr(sx.t, sw.cs, 1)) - 65536) & 1023)`);
  const high = escape(sql`55296 + ((ascii(substr(sx.t, sw.ce + 1, 1)) - 65536) >> 10)`);
  return sql<string>`coalesce((select case
      when sx.s0 >= 0 and sx.e0 >= 0 and cardinality(sx.a) = 0
        then case when sx.e0 <= sx.s0 then '""' else to_json(substr(sx.t, sx.s0 + 1, sx.e0 - sx.s0))::text end
      else (select case
          when sw.s >= sw.e then '""'
          when not (sw.ms or sw.me) then sw.j
          else '"' || case when sw.ms then ${low} else '' end || substr(sw.j, 2, length(sw.j) - 2)
            || case when sw.me then ${high} else '' end || '"' end
        from (
          select sv.*, to_json(substr(sx.t, sv.cs + 1, greatest(sv.ce - sv.cs, 0)))::text as j
          from (
            select su.s, su.e, su.ms, su.me, su.s - su.bs as cs, su.e - su.be - case when su.me then 1 else 0 end as ce
            from (
              select sc.s, sc.e, (sc.s - 1) = any(sx.a) as ms, (sc.e - 1) = any(sx.a) as me,
                (select count(*) from unnest(sx.a) sq where sq + 2 <= sc.s)::int as bs,
                (select count(*) from unnest(sx.a) sq where sq + 2 <= sc.e)::int as be
              from (
                select case when sx.s0 < 0 then greatest(sl.n + sx.s0, 0) else least(sx.s0, sl.n) end as s,
                  case when sx.e0 < 0 then greatest(sl.n + sx.e0, 0) else least(sx.e0, sl.n) end as e
                from (select char_length(sx.t) + cardinality(sx.a) as n) sl
              ) sc
            ) su
          ) sv
        ) sw)
      end
    from (select ${text} as t, ${astral} as a, (${start})::int as s0, (${end})::int as e0 from plan sp where sp.id = ${planId}) sx), '""')`;
}

/** Imports write one at a time, across processes (PostgreSQL server) too: this lock, held until the transaction ends. */
export async function lockPlanImports(trx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(20130716)`.execute(trx);
}

/** Whether the database holds any plan yet. */
export async function hasAnyPlan(db: Db): Promise<boolean> {
  const row = await db.selectFrom("plan").select("id").limit(1).executeTakeFirst();
  return row !== undefined;
}

/** What an earlier import of this plan left: its content hash and its place among the plans. */
export async function findPlanImport(
  db: Db,
  id: string,
): Promise<{ contentHash: string; ordinal: number } | undefined> {
  return db
    .selectFrom("plan")
    .select(["content_hash as contentHash", "ordinal"])
    .where("id", "=", id)
    .executeTakeFirst();
}

/** The ordinal a newly imported plan takes: after every plan there is. */
export async function nextPlanOrdinal(db: Db): Promise<number> {
  const row = await db
    .selectFrom("plan")
    .select((eb) => eb.fn.coalesce(eb(eb.fn.max("ordinal"), "+", 1), eb.lit(0)).as("n"))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** A plan as an import writes it. */
export type PlanWrite = Omit<Insertable<Plan>, "imported_at">;

/** Inserts the plan or updates it in place (its ordinal stays), marking it imported now. */
export async function upsertPlan(trx: Db, plan: PlanWrite): Promise<void> {
  await trx
    .insertInto("plan")
    .values(plan)
    .onConflict((oc) =>
      oc.column("id").doUpdateSet((eb) => ({
        doc_number: eb.ref("excluded.doc_number"),
        title_hant: eb.ref("excluded.title_hant"),
        title_hans: eb.ref("excluded.title_hans"),
        title_en: eb.ref("excluded.title_en"),
        issuer_hant: eb.ref("excluded.issuer_hant"),
        issuer_hans: eb.ref("excluded.issuer_hans"),
        issued_on: eb.ref("excluded.issued_on"),
        period_start: eb.ref("excluded.period_start"),
        period_end: eb.ref("excluded.period_end"),
        source_text_hant: eb.ref("excluded.source_text_hant"),
        source_text_hans: eb.ref("excluded.source_text_hans"),
        content_hash: eb.ref("excluded.content_hash"),
        imported_at: sql`now()`,
      })),
    )
    .execute();
}

/** A text repair as an import writes it, without its plan. */
export type TextRepairWrite = Omit<Insertable<TextRepair>, "plan_id">;

/** Replaces a plan's text repairs. */
export async function replaceTextRepairs(trx: Db, planId: string, rows: TextRepairWrite[]): Promise<void> {
  await trx.deleteFrom("text_repair").where("plan_id", "=", planId).execute();
  await sql`
    insert into text_repair (plan_id, ordinal, span_start, span_end, original, repaired, method)
    select ${planId}, r.ordinal, r.span_start, r.span_end, r.original, r.repaired, r.method
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r(ordinal int, span_start int, span_end int, original text, repaired text, method text)`.execute(trx);
}

/** A section as an import writes it, without its plan. */
export type SectionWrite = Omit<Insertable<Section>, "plan_id">;

/** Replaces a plan's sections. */
export async function replaceSections(trx: Db, planId: string, rows: SectionWrite[]): Promise<void> {
  await trx.deleteFrom("section").where("plan_id", "=", planId).execute();
  await sql`
    insert into section (plan_id, id, ref, heading_hant, heading_hans, heading_en, parent_id, ordinal, text_hant, text_hans, span_start, span_end)
    select ${planId}, r.id, r.ref, r.heading_hant, r.heading_hans, r.heading_en, r.parent_id, r.ordinal, r.text_hant, r.text_hans, r.span_start, r.span_end
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id text, ref text, heading_hant text, heading_hans text, heading_en text,
      parent_id text, ordinal int, text_hant text, text_hans text, span_start int, span_end int)`.execute(trx);
}
