/** A task: its title and text in the chosen script, the sentences that tie it to places, leads, indicators, reports. */
import { useMemo, type ReactNode } from "react";
import type { TaskDetail, TaskReports } from "../../api/types.ts";
import { pickName } from "../../i18n/index.ts";
import { formatMeasureValue } from "../../map/layers/choropleth.ts";
import { ErrorNotice, Notice, ProgressBar, StatusPill, formatDate } from "../../ui/common.tsx";
import { evidenceRanges, highlightSegments } from "./evidence.ts";
import { ProjectList } from "../project/project-list.tsx";
import { useI18n } from "../../i18n/context.tsx";

export interface TaskPanelProps {
  id: string;
  task: TaskDetail | null | undefined;
  /** undefined while loading or when the server has no reporting yet */
  reports: TaskReports | undefined;
  loading: boolean;
  error?: Error;
  retry: () => void;
  onClose: () => void;
  onOpenPlace: (id: string) => void;
  onHoverPlace: (id: string | null) => void;
  onShowIndicator: (id: string) => void;
  onOpenProject: (id: string) => void;
  /** the report form, or why there is none; shown above the history */
  reportSlot?: ReactNode;
}

export function TaskPanel({
  id,
  task,
  reports,
  loading,
  error,
  retry,
  onClose,
  onOpenPlace,
  onHoverPlace,
  onShowIndicator,
  onOpenProject,
  reportSlot,
}: TaskPanelProps) {
  const { t, lang } = useI18n();
  const segments = useMemo(() => {
    if (!task) return [];
    const ranges = evidenceRanges(
      task.text,
      task.source.start,
      task.places.flatMap((p) =>
        p.evidence ? [{ start: p.evidence.start, end: p.evidence.end, text: p.evidence.text }] : [],
      ),
    );
    return highlightSegments(task.text, ranges);
  }, [task]);

  const current = task && task.id === id ? task : null;
  // A place can be linked more than once (a pilot site whose government also leads): one chip, every role.
  const placeChips = useMemo(() => {
    const byId = new Map<string, { place: TaskDetail["places"][number]["place"]; roles: string[]; curated: boolean }>();
    for (const tp of current?.places ?? []) {
      const chip = byId.get(tp.place.id) ?? { place: tp.place, roles: [], curated: false };
      if (!chip.roles.includes(tp.role)) chip.roles.push(tp.role);
      chip.curated ||= tp.curated;
      byId.set(tp.place.id, chip);
    }
    return [...byId.values()];
  }, [current]);
  return (
    <article className="panel task-panel" aria-labelledby="task-title">
      <div className="panel-head">
        <button type="button" className="btn btn-icon" onClick={onClose} aria-label={t("app.back")}>
          ←
        </button>
        {current && (
          <span className={`kind-badge kind-${current.kind.toLowerCase()}`}>
            {t(`kind.${current.kind}`)} {current.ref}
          </span>
        )}
      </div>
      {error && <ErrorNotice error={error} retry={retry} />}
      {!current && loading && <Notice kind="loading">{t("app.loading")}</Notice>}
      {!current && !loading && !error && task === null && <Notice kind="info">{t("task.notFound", { id })}</Notice>}
      {current && (
        <>
          <h2 id="task-title" className="panel-title" lang={lang === "en" ? "en" : lang}>
            {pickName(lang, current.title, current.titleEn)}
          </h2>
          {lang === "en" && (
            <p className="subtitle-zh" lang="zh-Hans">
              {current.title}
            </p>
          )}
          <div className="task-meta">
            <StatusPill status={current.status} />
            <ProgressBar value={current.progress} label={t("task.progress")} />
            <span className="muted">{t("task.due", { year: current.dueYear })}</span>
          </div>

          <section className="panel-section">
            <h3>{t("task.leads")}</h3>
            <ul className="chips">
              {current.leadDepartments.map((d) => (
                <li key={d.id} className="chip chip-dept">
                  {pickName(lang, d.name, d.nameEn)}
                </li>
              ))}
            </ul>
          </section>

          <section className="panel-section">
            <h3>{t("task.places")}</h3>
            {current.places.length === 0 ? (
              <p className="muted">{t("task.noPlaces")}</p>
            ) : (
              <ul className="chips">
                {placeChips.map((tp) => (
                  <li key={tp.place.id}>
                    <button
                      type="button"
                      className="chip chip-place"
                      onClick={() => onOpenPlace(tp.place.id)}
                      onMouseEnter={() => onHoverPlace(tp.place.id)}
                      onMouseLeave={() => onHoverPlace(null)}
                      onFocus={() => onHoverPlace(tp.place.id)}
                      onBlur={() => onHoverPlace(null)}
                      data-place-id={tp.place.id}
                    >
                      {pickName(lang, tp.place.name, tp.place.nameEn)}
                      <span className="chip-note">
                        {tp.roles.map((r) => t(`role.${r as TaskDetail["places"][number]["role"]}`)).join(" · ")}
                        {tp.curated ? ` · ${t("task.curated")}` : ""}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>

          {current.obligations && current.obligations.length > 1 && (
            <section className="panel-section task-obligations" aria-labelledby="task-obligations-title">
              <h3 id="task-obligations-title">{t("task.obligations")}</h3>
              <table className="data-table">
                <tbody>
                  {current.obligations.map((o) => (
                    <tr key={o.id} data-obligation-id={o.id} data-status={o.status}>
                      <th scope="row">
                        <button type="button" className="link" onClick={() => onOpenPlace(o.place.id)}>
                          {pickName(lang, o.place.name, o.place.nameEn)}
                        </button>
                      </th>
                      <td>
                        <StatusPill status={o.status} />
                      </td>
                      <td>
                        <ProgressBar value={o.progress} label={t("task.progress")} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}

          <section className="panel-section">
            <h3>{t("task.text")}</h3>
            {segments.some((s) => s.mark !== "none") && (
              <p className="muted small">
                <mark className="ev-sentence">{t("task.evidenceLegend")}</mark>
              </p>
            )}
            <p className="task-text" lang={lang === "zh-Hant" ? "zh-Hant" : "zh-Hans"}>
              {segments.map((s, i) =>
                s.mark === "none" ? (
                  <span key={i}>{s.text}</span>
                ) : (
                  <mark key={i} className={s.mark === "evidence" ? "ev-words" : "ev-sentence"}>
                    {s.text}
                  </mark>
                ),
              )}
            </p>
          </section>

          {current.indicators.length > 0 && (
            <section className="panel-section">
              <h3>{t("task.indicators")}</h3>
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t("list.name")}</th>
                    <th scope="col">{t("task.target")}</th>
                    <th scope="col">{t("task.latest")}</th>
                  </tr>
                </thead>
                <tbody>
                  {current.indicators.map((ind) => (
                    <tr key={ind.id}>
                      <th scope="row">
                        <button type="button" className="link" onClick={() => onShowIndicator(ind.id)}>
                          {pickName(lang, ind.name, ind.nameEn)}
                        </button>
                      </th>
                      <td>{formatMeasureValue("indicator", ind.target, ind.unit)}</td>
                      <td>
                        {ind.latest
                          ? `${formatMeasureValue("indicator", ind.latest.value, ind.unit)} (${ind.latest.year})`
                          : "—"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}

          {current.projects && current.projects.length > 0 && (
            <section className="panel-section task-projects">
              <h3>{t("project.listTitle", { count: current.projects.length })}</h3>
              <ProjectList projects={current.projects} onOpen={onOpenProject} />
            </section>
          )}

          <section className="panel-section task-reports">
            <h3>{t("task.reports")}</h3>
            {reportSlot}
            {!reports || reports.nodes.length === 0 ? (
              <p className="muted">{t("task.noReports")}</p>
            ) : (
              <ol className="reports">
                {reports.nodes.map((r) => (
                  <li key={r.id} className={`report review-${r.review.toLowerCase()}`}>
                    <div className="report-head">
                      {r.asOf ? (
                        <time dateTime={r.asOf} title={`${t("report.filedOn")} ${formatDate(r.createdAt, lang)}`}>
                          {formatDate(r.asOf, lang)}
                        </time>
                      ) : (
                        <time dateTime={r.createdAt}>{formatDate(r.createdAt, lang)}</time>
                      )}
                      <StatusPill status={r.status} />
                      <ProgressBar value={r.progress} label={t("task.progress")} />
                      <span className={`review-state review-state-${r.review.toLowerCase()}`} data-review={r.review}>
                        {t(`report.review.${r.review}`)}
                      </span>
                    </div>
                    {r.note && <p>{r.note}</p>}
                    <p className="muted small">
                      {r.author ? `${t("report.author")}: ${r.author.displayName}` : ""}
                      {r.place ? ` · ${pickName(lang, r.place.name, r.place.nameEn)}` : ""}
                      {r.reviewedBy ? ` · ${t("report.reviewedBy")}: ${r.reviewedBy.displayName}` : ""}
                    </p>
                    {r.reviewNote && <p className="small review-note-text">{r.reviewNote}</p>}
                  </li>
                ))}
              </ol>
            )}
          </section>
        </>
      )}
    </article>
  );
}
