/**
 * An area leader's landing (issue 17): their own obligations, grouped as due this year, behind
 * target, returned for changes and awaiting review. Two queries for all of it: the leader's
 * obligations with each one's latest report (batched on the server), and the same places with
 * `behindTarget` — no query per obligation.
 */
import { useMemo } from "react";
import type { Script, SessionUser } from "../../api/types.ts";
import { gql } from "../../api/client.ts";
import { graphql } from "../../api/gql/index.ts";
import type { MyObligationsQuery } from "../../api/gql/graphql.ts";
import { useAsync } from "../../api/use-query.ts";
import { pickName } from "../../i18n/index.ts";
import { ErrorNotice, Notice, StatusPill } from "../../ui/common.tsx";
import { useI18n } from "../../i18n/context.tsx";

/** One page (the API's largest) of the leader's obligations with each one's latest report, and the same of those behind target. */
export const MY_OBLIGATIONS = graphql(`
  query MyObligations($script: Script!, $placeIds: [ID!]!, $after: String, $afterBehind: String, $behindOnly: Boolean!) {
    all: obligations(filter: { placeIds: $placeIds }, first: 100, after: $after) @skip(if: $behindOnly) {
      nodes { id dueYear status progress task { id ref title(script: $script) titleEn } place { id name(script: $script) nameEn } reports(first: 1) { nodes { id review } } } pageInfo { hasNextPage endCursor }
    }
    behind: obligations(filter: { placeIds: $placeIds, behindTarget: true }, first: 100, after: $afterBehind) { nodes { id } pageInfo { hasNextPage endCursor } }
  }
`);
export type LandingObligation = NonNullable<MyObligationsQuery["all"]>["nodes"][number];
interface MyObligationsData {
  all: { nodes: LandingObligation[] };
  behind: { nodes: { id: string }[] };
}

/** Every page of both lists: one request per 100 obligations, however many obligations there are (no request per obligation). */
async function loadAll(script: Script, placeIds: string[], signal: AbortSignal): Promise<MyObligationsData> {
  const all: LandingObligation[] = [];
  const behind: { id: string }[] = [];
  let after: string | null = null;
  let afterBehind: string | null = null;
  let allDone = false;
  let behindDone = false;
  while (!allDone || !behindDone) {
    const d: MyObligationsQuery = await gql(
      MY_OBLIGATIONS,
      { script, placeIds, after, afterBehind, behindOnly: allDone },
      { signal },
    );
    if (d.all) {
      all.push(...d.all.nodes);
      allDone = !d.all.pageInfo.hasNextPage;
      after = d.all.pageInfo.endCursor;
    }
    if (!behindDone) {
      behind.push(...d.behind.nodes);
      behindDone = !d.behind.pageInfo.hasNextPage;
      afterBehind = d.behind.pageInfo.endCursor;
    }
  }
  return { all: { nodes: all }, behind: { nodes: behind } };
}

export type LandingGroup = "due" | "behind" | "returned" | "awaiting";
export const LANDING_GROUPS: LandingGroup[] = ["due", "behind", "returned", "awaiting"];

/** The groups an obligation belongs to (one may be in several: due this year and behind target). Pure. */
export function landingGroups(o: LandingObligation, year: number, behind: ReadonlySet<string>): LandingGroup[] {
  const out: LandingGroup[] = [];
  if (o.dueYear === year) out.push("due");
  if (behind.has(o.id)) out.push("behind");
  const latest = o.reports.nodes[0]?.review;
  if (latest === "RETURNED") out.push("returned");
  if (latest === "SUBMITTED") out.push("awaiting");
  return out;
}

export interface LeaderLandingProps {
  user: SessionUser;
  script: Script;
  /** the plan year shown as "this year" */
  year: number;
  onOpenTask: (id: string) => void;
}

export function LeaderLanding({ user, script, year, onOpenTask }: LeaderLandingProps) {
  const { t, lang } = useI18n();
  const placeIds = useMemo(() => user.places.map((p) => p.id), [user.places]);
  const q = useAsync<MyObligationsData>(
    JSON.stringify(["landing", user.id, script, placeIds]),
    (signal) => loadAll(script, placeIds, signal),
    placeIds.length === 0,
  );
  const groups = useMemo(() => {
    const out = new Map<LandingGroup, LandingObligation[]>(LANDING_GROUPS.map((g) => [g, []]));
    if (!q.data) return out;
    const behind = new Set(q.data.behind.nodes.map((n) => n.id));
    for (const o of q.data.all.nodes) for (const g of landingGroups(o, year, behind)) out.get(g)!.push(o);
    return out;
  }, [q.data, year]);
  return (
    <div className="panel leader-landing">
      <h2 className="section-title">{t("landing.title")}</h2>
      <p className="muted small">{user.places.map((p) => pickName(lang, p.name, p.nameEn)).join("、")}</p>
      {placeIds.length === 0 && <p className="muted">{t("landing.noPlaces")}</p>}
      {q.error && <ErrorNotice error={q.error} retry={q.retry} />}
      {!q.data && q.loading && <Notice kind="loading">{t("app.loading")}</Notice>}
      {q.data &&
        LANDING_GROUPS.map((g) => {
          const items = groups.get(g)!;
          return (
            <section key={g} className="landing-group" data-group={g} aria-labelledby={`landing-${g}`}>
              <h3 id={`landing-${g}`} className="group-title">
                {t(`landing.${g}`, { year, count: items.length })}
              </h3>
              {items.length === 0 ? (
                <p className="muted small">{t("landing.none")}</p>
              ) : (
                <ul className="obligations">
                  {items.map((o) => (
                    <li key={o.id} className="obligation" data-obligation-id={o.id}>
                      <button type="button" className="link obligation-title" onClick={() => onOpenTask(o.task.id)}>
                        <span className="ref">{o.task.ref}</span> {pickName(lang, o.task.title, o.task.titleEn)}
                      </button>
                      <span className="muted small">
                        {" "}
                        · {pickName(lang, o.place.name, o.place.nameEn)} ·{" "}
                        {t("landing.dueYear", { year: o.dueYear })}{" "}
                      </span>
                      <StatusPill status={o.status} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
    </div>
  );
}
