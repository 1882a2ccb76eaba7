import { sql, type Kysely } from "kysely";

/**
 * Where a plan's source text holds characters outside the BMP: SourceSpan offsets count UTF-16
 * code units (JavaScript's `slice`, the resolvers'), PostgreSQL's `substr` counts code points, and
 * the two differ after each such character (two units, one code point). `source_astral_hans` and
 * `source_astral_hant` list the UTF-16 offsets of those characters in each script's text (empty
 * for the seeded plan, which has none), kept by PostgreSQL itself whatever writes the text, so the
 * SQL executor can slice a span in SQL exactly as the resolvers do (plan.repository.ts spanTextSql).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function utf16_astral_offsets(t text) returns int[] language sql immutable strict parallel safe as $$
      select coalesce(array_agg((a.i - 1 + a.n - 1)::int order by a.i), '{}')
      from (
        select c.i, row_number() over (order by c.i) as n
        from unnest(string_to_array(t, null)) with ordinality c(ch, i)
        where ascii(c.ch) > 65535
      ) a
    $$;
    alter table plan
      add column source_astral_hans int[] not null generated always as (utf16_astral_offsets(source_text_hans)) stored,
      add column source_astral_hant int[] not null generated always as (utf16_astral_offsets(source_text_hant)) stored;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}
