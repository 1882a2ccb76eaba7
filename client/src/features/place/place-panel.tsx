/** A place: what it must do under the plan, grouped by task kind, each with why it applies. */
import type { ReactNode } from "react";
import type { ObligationRow, PlaceDetail, TaskKind } from "../../api/types.ts";
import { ProjectList } from "../project/project-list.tsx";
import { TASK_KINDS } from "../../api/types.ts";
import { pickName } from "../../i18n/index.ts";
import { LOW_PRECISION } from "../../map/layers/places.ts";
import { ErrorNotice, Notice, ProgressBar, StatusPill } from "../../ui/common.tsx";
import { useI18n } from "../../i18n/context.tsx";

export interface PlacePanelProps {
  id: string;
  place: PlaceDetail | null | undefined;
  loading: boolean;
  error?: Error;
  retry: () => void;
  includeCitywide: boolean;
  onToggleCitywide: (on: boolean) => void;
  onClose: () => void;
  onOpenTask: (id: string) => void;
  onOpenPlace: (id: string) => void;
  onHoverTask: (id: string | null) => void;
  onOpenProject: (id: string) => void;
  /** the CSV upload, for users who may report for this place */
  uploadSlot?: ReactNode;
}

/** Obligations grouped by task kind, in the plan's kind order, each group in plan order. */
export function groupObligations(rows: ObligationRow[]): { kind: TaskKind; rows: ObligationRow[] }[] {
  return TASK_KINDS.map((kind) => ({
    kind,
    rows: rows.filter((r) => r.task.kind === kind).sort((a, b) => a.task.number - b.task.number),
  })).filter((g) => g.rows.length > 0);
}

function StatusBar({ place }: { place: PlaceDetail }) {
  const { t } = useI18n();
  const s = place.statusSummary;
  if (!s.total) return null;
  const parts = [
    ["completed", s.completed],
    ["in-progress", s.inProgress],
    ["at-risk", s.atRisk],
    ["delayed", s.delayed],
    ["not-started", s.notStarted],
  ] as const;
  return (
    <div className="status-summary">
      <div className="stacked" aria-hidden="true">
        {parts.map(([k, n]) => (n ? <span key={k} className={`seg status-${k}`} style={{ flexGrow: n }} /> : null))}
      </div>
      <p className="small">
        {t("place.summary", {
          total: s.total,
          completed: s.completed,
          inProgress: s.inProgress,
          atRisk: s.atRisk,
          delayed: s.delayed,
          notStarted: s.notStarted,
        })}
      </p>
    </div>
  );
}

export function PlacePanel(p: PlacePanelProps) {
  const { id, place, loading, error, retry } = p;
  const { t, lang } = useI18n();
  const current = place && place.id === id ? place : null;
  const name = (x: { name: string; nameEn: string }) => pickName(lang, x.name, x.nameEn);
  return (
    <article className="panel place-panel" aria-labelledby="place-title">
      <div className="panel-head no-print">
        <button type="button" className="btn btn-icon" onClick={p.onClose} aria-label={t("app.back")}>
          ←
        </button>
        {current && <span className="kind-badge">{t(`placeKind.${current.kind}`)}</span>}
        <span className="spacer" />
        {current && (
          <>
            <a className="btn btn-small" href={`/export/obligations/${encodeURIComponent(current.id)}.csv`} download>
              {t("place.export")}
            </a>
            <button type="button" className="btn btn-small" onClick={() => window.print()}>
              {t("place.print")}
            </button>
          </>
        )}
      </div>
      {error && <ErrorNotice error={error} retry={retry} />}
      {!current && loading && <Notice kind="loading">{t("app.loading")}</Notice>}
      {!current && !loading && !error && place === null && <Notice kind="info">{t("place.notFound", { id })}</Notice>}
      {current && (
        <>
          <h2 id="place-title" className="panel-title">
            {name(current)}
          </h2>
          {lang === "en" ? (
            <p className="subtitle-zh" lang="zh-Hans">
              {current.name}
            </p>
          ) : (
            <p className="subtitle-zh" lang="en">
              {current.nameEn}
            </p>
          )}
          <dl className="facts">
            {current.parent && (
              <>
                <dt>{t("place.parent")}</dt>
                <dd>
                  <button type="button" className="link" onClick={() => p.onOpenPlace(current.parent!.id)}>
                    {name(current.parent)}
                  </button>
                </dd>
              </>
            )}
            {current.containedIn.length > 0 && !current.parent && (
              <>
                <dt>{t("place.containedIn")}</dt>
                <dd>{current.containedIn.map((c) => name(c)).join("、")}</dd>
              </>
            )}
            {current.areaKm2 != null && (
              <>
                <dt>{t("place.area")}</dt>
                <dd>{Math.round(current.areaKm2).toLocaleString()} km²</dd>
              </>
            )}
            <dt>{t("place.precision")}</dt>
            <dd className={LOW_PRECISION.includes(current.precision) ? "approx" : ""}>
              {t(`precision.${current.precision}`)}
            </dd>
            <dt>{t("place.source")}</dt>
            <dd className="small">{current.source}</dd>
          </dl>
          <StatusBar place={current} />
          {p.uploadSlot}
          {current.projects && current.projects.nodes.length > 0 && (
            <section className="panel-section place-projects">
              <h3>{t("project.listTitle", { count: current.projects.totalCount })}</h3>
              <ProjectList projects={current.projects.nodes} onOpen={p.onOpenProject} />
            </section>
          )}
          <div className="panel-toolbar no-print">
            <label className="toggle">
              <input
                type="checkbox"
                checked={p.includeCitywide}
                onChange={(e) => p.onToggleCitywide(e.target.checked)}
              />
              <span>{t("place.includeCitywide")}</span>
            </label>
          </div>
          <h3 className="obligations-title">{t("place.obligations", { count: current.obligations.length })}</h3>
          {current.obligations.length === 0 && <p className="muted">{t("place.none")}</p>}
          {groupObligations(current.obligations).map((g) => (
            <section key={g.kind} className="obligation-group">
              <h4>
                {t(`kind.${g.kind}`)} <span className="count">{g.rows.length}</span>
              </h4>
              <ul className="obligations">
                {g.rows.map((o) => (
                  <li
                    key={o.task.id}
                    className="obligation"
                    onMouseEnter={() => p.onHoverTask(o.task.id)}
                    onMouseLeave={() => p.onHoverTask(null)}
                  >
                    <button type="button" className="obligation-title link" onClick={() => p.onOpenTask(o.task.id)}>
                      <span className="ref">{o.task.ref}</span> {pickName(lang, o.task.title, o.task.titleEn)}
                    </button>
                    <div className="obligation-meta">
                      <StatusPill status={o.task.status} />
                      <ProgressBar value={o.task.progress} label={t("task.progress")} />
                      <span className="leads">{o.task.leadDepartments.map((d) => name(d)).join("、")}</span>
                    </div>
                    <p className="reasons small">
                      <span className="visually-hidden">{t("place.why")}: </span>
                      {o.reasons.map((r) => (
                        <span key={r} className={`reason reason-${r.toLowerCase().replace(/_/g, "-")}`}>
                          {t(`reason.${r}`)}
                        </span>
                      ))}
                      {o.reasons.includes("CONTAINED") && o.via.some((v) => v.place.id !== current.id) && (
                        <span className="via">
                          {t("place.via", {
                            places: [
                              ...new Set(o.via.filter((v) => v.place.id !== current.id).map((v) => name(v.place))),
                            ].join("、"),
                          })}
                        </span>
                      )}
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </article>
  );
}
