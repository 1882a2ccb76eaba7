/** Filter the projects by category, status, year, text and drawn area; the list and the map layer follow. */
import { useEffect, useState } from "react";
import { TASK_STATUSES, type MapProject, type ProjectCategory, type TaskStatus } from "../../api/types.ts";
import type { DrawMode } from "../../map/map-view.tsx";
import { PROJECT_CATEGORIES } from "../../map/layers/projects.ts";
import type { UrlState } from "../../state/url-state.ts";
import { ErrorNotice, Notice } from "../../ui/common.tsx";
import { ProjectList } from "./project-list.tsx";
import { useI18n } from "../../i18n/context.tsx";

export interface ProjectsPanelProps {
  state: UrlState;
  update: (patch: Partial<UrlState>) => void;
  projects: MapProject[] | undefined;
  totalCount: number | undefined;
  /** vector tiles: the list is not downloaded, only categories filter the map */
  tiles: boolean;
  loading: boolean;
  error?: Error;
  retry: () => void;
  drawMode: DrawMode;
  setDrawMode: (m: DrawMode) => void;
  onOpen: (id: string) => void;
}

function toggle<T>(list: T[], v: T): T[] {
  return list.includes(v) ? list.filter((x) => x !== v) : [...list, v];
}

/** The plan's period and a little around it. */
const YEARS = [2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020];

export function ProjectsPanel(p: ProjectsPanelProps) {
  const { state, update } = p;
  const { t } = useI18n();
  const [text, setText] = useState(state.q);
  useEffect(() => setText(state.q), [state.q]);
  useEffect(() => {
    if (text === state.q) return;
    const h = setTimeout(() => update({ q: text.trim() }), 300);
    return () => clearTimeout(h);
  }, [text, state.q, update]);
  const anyFilter = state.q || state.pcats.length || state.pstatuses.length || state.pyear || state.within;
  return (
    <div className="panel projects-panel">
      <form
        className="filters"
        role="search"
        aria-label={t("project.filterTitle")}
        onSubmit={(e) => {
          e.preventDefault();
          update({ q: text.trim() });
        }}
      >
        <label className="field">
          <span className="field-label">{t("filter.text")}</span>
          <input
            type="search"
            value={text}
            placeholder={t("project.textPlaceholder")}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <fieldset className="field">
          <legend className="field-label">{t("project.category")}</legend>
          <div className="chips">
            {PROJECT_CATEGORIES.map((c: ProjectCategory) => (
              <label key={c} className={`chip-check category-check category-${c.toLowerCase().replace(/_/g, "-")}`}>
                <input
                  type="checkbox"
                  checked={state.pcats.includes(c)}
                  onChange={() => update({ pcats: toggle(state.pcats, c) })}
                />
                <span>{t(`category.${c}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="field">
          <legend className="field-label">{t("filter.status")}</legend>
          <div className="chips">
            {TASK_STATUSES.map((s: TaskStatus) => (
              <label key={s} className={`chip-check status-check status-${s.toLowerCase().replace(/_/g, "-")}`}>
                <input
                  type="checkbox"
                  checked={state.pstatuses.includes(s)}
                  onChange={() => update({ pstatuses: toggle(state.pstatuses, s) })}
                />
                <span>{t(`status.${s}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field-row">
          <label className="field">
            <span className="field-label">{t("project.year")}</span>
            <select
              value={state.pyear ?? ""}
              onChange={(e) => update({ pyear: e.target.value ? Number(e.target.value) : null })}
            >
              <option value="">{t("filter.any")}</option>
              {YEARS.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
          <div className="field">
            <span className="field-label">{t("filter.spatial")}</span>
            <div className="draw-buttons">
              <button
                type="button"
                className={`btn btn-small${p.drawMode === "rectangle" ? " active" : ""}`}
                aria-pressed={p.drawMode === "rectangle"}
                onClick={() => p.setDrawMode(p.drawMode === "rectangle" ? null : "rectangle")}
              >
                ▭ {t("draw.rectangle")}
              </button>
              {state.within && (
                <button type="button" className="btn btn-small" onClick={() => update({ within: null })}>
                  ✕ {t("draw.clear")}
                </button>
              )}
            </div>
          </div>
        </div>
        {state.within && !p.drawMode && <p className="hint small">{t("draw.active")}</p>}
        {anyFilter ? (
          <button
            type="button"
            className="btn btn-small btn-quiet"
            onClick={() => {
              setText("");
              update({ q: "", pcats: [], pstatuses: [], pyear: null, within: null });
            }}
          >
            {t("filter.reset")}
          </button>
        ) : null}
      </form>
      <div className="results-head" aria-live="polite">
        {p.totalCount !== undefined && <strong>{t("project.results", { count: p.totalCount })}</strong>}
        {p.loading && <span className="spinner" aria-label={t("app.loading")} />}
      </div>
      {p.tiles && <p className="small muted">{t("project.tilesNote")}</p>}
      {p.error && <ErrorNotice error={p.error} retry={p.retry} />}
      {!p.projects && p.loading && <Notice kind="loading">{t("app.loading")}</Notice>}
      {p.projects && p.projects.length === 0 && <p className="muted">{t("project.none")}</p>}
      {p.projects && p.projects.length > 0 && <ProjectList projects={p.projects.slice(0, 500)} onOpen={p.onOpen} />}
    </div>
  );
}
