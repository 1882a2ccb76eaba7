/** A project: name, category, status, how precisely its position is known and from where, the plan's words, its tasks and places. */
import type { ProjectDetail } from "../../api/types.ts";
import { pickName } from "../../i18n/index.ts";
import { LOW_PRECISION } from "../../map/layers/places.ts";
import { CATEGORY_COLORS } from "../../map/layers/projects.ts";
import { ErrorNotice, Notice, ProgressBar, StatusPill } from "../../ui/common.tsx";
import { useI18n } from "../../i18n/context.tsx";

export interface ProjectPanelProps {
  id: string;
  project: ProjectDetail | null | undefined;
  loading: boolean;
  error?: Error;
  retry: () => void;
  onClose: () => void;
  onOpenTask: (id: string) => void;
  onOpenPlace: (id: string) => void;
}

export function ProjectPanel({
  id,
  project,
  loading,
  error,
  retry,
  onClose,
  onOpenTask,
  onOpenPlace,
}: ProjectPanelProps) {
  const { t, lang } = useI18n();
  const current = project && project.id === id ? project : null;
  const approx = current ? LOW_PRECISION.includes(current.precision) : false;
  return (
    <article className="panel project-panel" aria-labelledby="project-title">
      <div className="panel-head">
        <button type="button" className="btn btn-icon" onClick={onClose} aria-label={t("app.back")}>
          ←
        </button>
        {current && (
          <span
            className="kind-badge category-badge"
            style={{
              borderColor: CATEGORY_COLORS[current.category ?? "NONE"],
              color: CATEGORY_COLORS[current.category ?? "NONE"],
            }}
          >
            {current.category ? t(`category.${current.category}`) : t("project.noCategory")}
          </span>
        )}
      </div>
      {error && <ErrorNotice error={error} retry={retry} />}
      {!current && loading && <Notice kind="loading">{t("app.loading")}</Notice>}
      {!current && !loading && !error && project === null && (
        <Notice kind="info">{t("project.notFound", { id })}</Notice>
      )}
      {current && (
        <>
          <h2 id="project-title" className="panel-title">
            {pickName(lang, current.name, current.nameEn)}
          </h2>
          {lang === "en" ? (
            <p className="subtitle-zh" lang="zh-Hans">
              {current.name}
            </p>
          ) : (
            current.nameEn && (
              <p className="subtitle-zh" lang="en">
                {current.nameEn}
              </p>
            )
          )}
          <div className="task-meta">
            <StatusPill status={current.status} />
            <ProgressBar value={current.progress} label={t("task.progress")} />
            {(current.startYear || current.endYear) && (
              <span className="muted">
                {current.startYear ?? "…"}–{current.endYear ?? "…"}
              </span>
            )}
          </div>
          <dl className="facts">
            <dt>{t("place.precision")}</dt>
            <dd className={approx ? "approx" : ""}>{t(`precision.${current.precision}`)}</dd>
            <dt>{t("project.positionSource")}</dt>
            <dd className="small">{current.positionSource}</dd>
            {current.investmentCny != null && (
              <>
                <dt>{t("project.investment")}</dt>
                <dd>
                  {t("project.investmentValue", {
                    value: (current.investmentCny / 1e8).toLocaleString(lang, { maximumFractionDigits: 2 }),
                  })}
                </dd>
              </>
            )}
            {current.reference && (
              <>
                <dt>{t("place.source")}</dt>
                <dd className="small">{current.reference}</dd>
              </>
            )}
          </dl>
          {approx && (
            <p className="small approx">
              {t("map.positionApprox", {
                source: `${t(`precision.${current.precision}`)} — ${current.positionSource}`,
              })}
            </p>
          )}
          {current.source && (
            <section className="panel-section">
              <h3>{t("project.source")}</h3>
              <blockquote className="task-text" lang={lang === "zh-Hant" ? "zh-Hant" : "zh-Hans"}>
                <mark className="ev-words">{current.source.text}</mark>
              </blockquote>
            </section>
          )}
          <section className="panel-section">
            <h3>{t("project.tasks")}</h3>
            <ul className="project-tasks">
              {current.tasks.map((tk) => (
                <li key={tk.id}>
                  <button type="button" className="link" data-task-id={tk.id} onClick={() => onOpenTask(tk.id)}>
                    <span className="ref">
                      {t(`kind.${tk.kind}`)} {tk.ref}
                    </span>{" "}
                    {pickName(lang, tk.title, tk.titleEn)}
                  </button>
                </li>
              ))}
            </ul>
          </section>
          <section className="panel-section">
            <h3>{t("task.places")}</h3>
            <ul className="chips">
              {current.places.map((p) => (
                <li key={p.id}>
                  <button
                    type="button"
                    className="chip chip-place"
                    data-place-id={p.id}
                    onClick={() => onOpenPlace(p.id)}
                  >
                    {pickName(lang, p.name, p.nameEn)}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </article>
  );
}
