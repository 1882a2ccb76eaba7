import { sql, type Kysely } from "kysely";

/**
 * The whole model. Plan text is stored in the source's script (hant) with the
 * other script (hans) derived by OpenCC at import. Everything users write
 * (reports, reviews, indicator values, curated link changes) is append-only.
 * SQL here must run on PostgreSQL 15 + PostGIS 3.3 and on PGlite (PG 18 + PostGIS 3.6).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create extension if not exists postgis;

    create table plan (
      id text primary key,
      doc_number text not null,
      title_hant text not null,
      title_hans text not null,
      title_en text not null,
      issuer_hant text not null,
      issuer_hans text not null,
      issued_on text not null,
      period_start int not null,
      period_end int not null,
      source_text_hant text not null,
      source_text_hans text not null,
      content_hash text not null,
      ordinal int not null,
      imported_at timestamptz not null default now()
    );

    create table text_repair (
      plan_id text not null references plan(id) on delete cascade,
      ordinal int not null,
      span_start int not null,
      span_end int not null,
      original text not null,
      repaired text not null,
      method text not null,
      primary key (plan_id, ordinal)
    );

    create table section (
      plan_id text not null references plan(id) on delete cascade,
      id text not null,
      ref text not null,
      heading_hant text not null,
      heading_hans text not null,
      heading_en text not null,
      parent_id text,
      ordinal int not null,
      text_hant text,
      text_hans text,
      span_start int not null,
      span_end int not null,
      primary key (plan_id, id)
    );

    create table place (
      id text primary key,
      code text unique,
      name_hans text not null,
      name_hant text not null,
      name_en text not null,
      kind text not null,
      parent_id text references place(id),
      precision text not null,
      source text not null,
      aliases text[] not null default '{}',
      geom geometry(Geometry, 4326) not null,
      label_point geometry(Point, 4326) not null,
      area_km2 double precision,
      ordinal int not null,
      constraint place_geom_valid check (ST_IsValid(geom))
    );
    create index place_geom_gist on place using gist (geom);
    create index place_geog_gist on place using gist ((geom::geography));

    -- computed by PostGIS from the geometries at import (see place.repository.ts)
    create table place_containment (
      outer_id text not null references place(id) on delete cascade,
      inner_id text not null references place(id) on delete cascade,
      primary key (outer_id, inner_id)
    );
    create index place_containment_inner on place_containment (inner_id);

    create table department (
      id text primary key,
      name_hant text not null,
      name_hans text not null,
      name_en text not null,
      jurisdiction_place_id text references place(id),
      ordinal int not null
    );

    create table task (
      id text primary key,
      plan_id text not null references plan(id) on delete cascade,
      kind text not null,
      number int not null,
      ref text not null,
      section_id text not null,
      ordinal int not null,
      title_hant text not null,
      title_hans text not null,
      title_en text not null,
      text_hant text not null,
      text_hans text not null,
      span_start int not null,
      span_end int not null,
      due_year int not null
    );
    create index task_plan_ordinal on task (plan_id, ordinal);

    create table task_lead (
      task_id text not null references task(id) on delete cascade,
      department_id text not null references department(id),
      ordinal int not null,
      span_start int not null,
      span_end int not null,
      primary key (task_id, department_id)
    );
    create index task_lead_department on task_lead (department_id);

    create table task_place (
      task_id text not null references task(id) on delete cascade,
      place_id text not null references place(id),
      role text not null,
      evidence_start int,
      evidence_end int,
      curated boolean not null default false,
      primary key (task_id, place_id, role)
    );
    create index task_place_place on task_place (place_id);

    create table app_user (
      id bigint generated always as identity primary key,
      username text not null unique,
      display_name text not null,
      role text not null,
      password_hash text not null,
      department_id text references department(id),
      created_at timestamptz not null default now()
    );
    create table user_place (
      user_id bigint not null references app_user(id),
      place_id text not null references place(id),
      primary key (user_id, place_id)
    );

    -- curated link changes, append-only; task_place holds the current state
    create table link_change (
      id bigint generated always as identity primary key,
      task_id text not null,
      place_id text not null,
      role text,
      action text not null,
      note text,
      user_id bigint references app_user(id),
      created_at timestamptz not null default now()
    );

    create table indicator (
      id text primary key,
      plan_id text not null references plan(id) on delete cascade,
      ordinal int not null,
      name_hant text not null,
      name_hans text not null,
      name_en text not null,
      unit text not null,
      comparator text not null,
      target double precision not null,
      stretch_target double precision,
      base_year int,
      target_year int not null,
      scope_place_id text not null references place(id),
      span_start int not null,
      span_end int not null
    );
    create table indicator_task (
      indicator_id text not null references indicator(id) on delete cascade,
      task_id text not null references task(id) on delete cascade,
      ordinal int not null,
      primary key (indicator_id, task_id)
    );
    create table indicator_value (
      id bigint generated always as identity primary key,
      indicator_id text not null references indicator(id),
      place_id text not null references place(id),
      year int not null,
      value double precision not null,
      source text not null,
      recorded_by bigint references app_user(id),
      recorded_at timestamptz not null default now()
    );
    create index indicator_value_lookup on indicator_value (indicator_id, place_id, year);

    create table project (
      id text primary key,
      plan_id text references plan(id) on delete cascade,
      name_hant text not null,
      name_hans text not null,
      name_en text,
      category text,
      geom geometry(Geometry, 4326),
      precision text not null,
      position_source text not null,
      start_year int,
      end_year int,
      investment_cny double precision,
      span_start int,
      span_end int,
      reference text,
      ordinal int not null,
      created_at timestamptz not null default now()
    );
    create index project_geom_gist on project using gist (geom);
    create table project_task (
      project_id text not null references project(id) on delete cascade,
      task_id text not null references task(id) on delete cascade,
      primary key (project_id, task_id)
    );
    create index project_task_task on project_task (task_id);

    create table progress_report (
      id bigint generated always as identity primary key,
      task_id text not null references task(id),
      place_id text references place(id),
      project_id text references project(id),
      status text not null,
      progress double precision check (progress is null or (progress >= 0 and progress <= 100)),
      note text not null,
      author_id bigint not null references app_user(id),
      created_at timestamptz not null default clock_timestamp()
    );
    create index progress_report_task on progress_report (task_id, created_at);
    create table report_review (
      id bigint generated always as identity primary key,
      report_id bigint not null references progress_report(id),
      decision text not null,
      note text,
      reviewer_id bigint not null references app_user(id),
      created_at timestamptz not null default clock_timestamp()
    );
    create index report_review_report on report_review (report_id, created_at);

    create table auth_session (
      token_hash text primary key,
      user_id bigint not null references app_user(id),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz
    );
    create table login_attempt (
      id bigint generated always as identity primary key,
      key text not null,
      at timestamptz not null default now()
    );
    create index login_attempt_key on login_attempt (key, at);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}
