/** Browse & filter: kind, section, lead department, status, text and a drawn area; the list stays in step with the map. */
import { useEffect, useState } from "react";
import type { DepartmentRef, LookupsPlan, TaskKind, TaskStatus, TaskSummary } from "../../api/types.ts";
import { TASK_KINDS, TASK_STATUSES } from "../../api/types.ts";
import { pickName, type Lang } from "../../i18n/index.ts";
import type { DrawMode } from "../../map/map-view.tsx";
import type { UrlState } from "../../state/url-state.ts";
import { ErrorNotice, Notice, ProgressBar, StatusPill } from "../../ui/common.tsx";
import { useI18n } from "../../i18n/context.tsx";

export interface SectionOption {
  id: string;
  label: string;
  depth: number;
}

/** Sections that hold tasks, flattened in plan order with their depth, for the section filter. */
export function sectionOptions(plan: LookupsPlan | null, lang: Lang): SectionOption[] {
  if (!plan) return [];
  const byId = new Map(plan.sections.map((s) => [s.id, s]));
  const out: SectionOption[] = [];
  const seen = new Set<string>();
  type Node = {
    id: string;
    ref: string;
    heading: string;
    headingEn: string;
    tasks: { id: string }[];
    children?: Node[];
  };
  const visit = (s: Node, depth: number) => {
    if (seen.has(s.id)) return;
    seen.add(s.id);
    const full: Node = byId.get(s.id) ?? s;
    const children: Node[] = full.children ?? [];
    const hasTasks = full.tasks.length > 0 || children.some((c) => c.tasks.length > 0);
    if (hasTasks) out.push({ id: s.id, label: `${s.ref} ${pickName(lang, s.heading, s.headingEn)}`, depth });
    for (const c of children) visit(c, depth + 1);
  };
  for (const s of plan.sections.filter((s) => !s.parent)) visit(s, 0);
  return out;
}

export interface BrowsePanelProps {
  state: UrlState;
  update: (patch: Partial<UrlState>) => void;
  tasks: TaskSummary[] | undefined;
  totalCount: number | undefined;
  loading: boolean;
  error?: Error;
  retry: () => void;
  departments: DepartmentRef[];
  sections: SectionOption[];
  drawMode: DrawMode;
  setDrawMode: (m: DrawMode) => void;
  onFilterToView: () => void;
  onOpenTask: (id: string) => void;
  onHoverTask: (id: string | null) => void;
}

function toggle<T>(list: T[], v: T): T[] {
  return list.includes(v) ? list.filter((x) => x !== v) : [...list, v];
}

export function BrowsePanel(p: BrowsePanelProps) {
  const { state, update } = p;
  const { t, lang } = useI18n();
  const [text, setText] = useState(state.q);
  useEffect(() => setText(state.q), [state.q]);
  useEffect(() => {
    if (text === state.q) return;
    const h = setTimeout(() => update({ q: text.trim() }), 300);
    return () => clearTimeout(h);
  }, [text, state.q, update]);

  const anyFilter =
    state.q ||
    state.kinds.length ||
    state.statuses.length ||
    state.depts.length ||
    state.sections.length ||
    state.within;
  return (
    <div className="panel browse-panel">
      <form
        className="filters"
        role="search"
        aria-label={t("filter.title")}
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
            placeholder={t("filter.textPlaceholder")}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <fieldset className="field">
          <legend className="field-label">{t("filter.kind")}</legend>
          <div className="chips">
            {TASK_KINDS.map((k: TaskKind) => (
              <label key={k} className="chip-check">
                <input
                  type="checkbox"
                  checked={state.kinds.includes(k)}
                  onChange={() => update({ kinds: toggle(state.kinds, k) })}
                />
                <span>{t(`kind.${k}`)}</span>
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
                  checked={state.statuses.includes(s)}
                  onChange={() => update({ statuses: toggle(state.statuses, s) })}
                />
                <span>{t(`status.${s}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field-row">
          <label className="field">
            <span className="field-label">{t("filter.section")}</span>
            <select
              value={state.sections[0] ?? ""}
              onChange={(e) => update({ sections: e.target.value ? [e.target.value] : [] })}
            >
              <option value="">{t("filter.any")}</option>
              {p.sections.map((s) => (
                <option key={s.id} value={s.id}>
                  {"\u2003".repeat(s.depth)}
                  {s.label}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">{t("filter.department")}</span>
            <select
              value={state.depts[0] ?? ""}
              onChange={(e) => update({ depts: e.target.value ? [e.target.value] : [] })}
            >
              <option value="">{t("filter.any")}</option>
              {[...p.departments]
                .sort((a, b) => pickName(lang, a.name, a.nameEn).localeCompare(pickName(lang, b.name, b.nameEn), lang))
                .map((d) => (
                  <option key={d.id} value={d.id}>
                    {pickName(lang, d.name, d.nameEn)}
                  </option>
                ))}
            </select>
          </label>
        </div>
        <fieldset className="field">
          <legend className="field-label">{t("filter.spatial")}</legend>
          <div className="draw-buttons">
            <button
              type="button"
              className={`btn btn-small${p.drawMode === "rectangle" ? " active" : ""}`}
              aria-pressed={p.drawMode === "rectangle"}
              onClick={() => p.setDrawMode(p.drawMode === "rectangle" ? null : "rectangle")}
            >
              ▭ {t("draw.rectangle")}
            </button>
            <button
              type="button"
              className={`btn btn-small${p.drawMode === "polygon" ? " active" : ""}`}
              aria-pressed={p.drawMode === "polygon"}
              onClick={() => p.setDrawMode(p.drawMode === "polygon" ? null : "polygon")}
            >
              ⬠ {t("draw.polygon")}
            </button>
            <button type="button" className="btn btn-small" onClick={p.onFilterToView}>
              ⛶ {t("draw.view")}
            </button>
            {state.within && (
              <button type="button" className="btn btn-small" onClick={() => update({ within: null })}>
                ✕ {t("draw.clear")}
              </button>
            )}
          </div>
          {p.drawMode && (
            <p className="hint small" role="status">
              {t(p.drawMode === "rectangle" ? "draw.hintRectangle" : "draw.hintPolygon")}
            </p>
          )}
          {state.within && !p.drawMode && <p className="hint small">{t("draw.active")}</p>}
        </fieldset>
        {anyFilter ? (
          <button
            type="button"
            className="btn btn-small btn-quiet"
            onClick={() => {
              setText("");
              update({ q: "", kinds: [], statuses: [], depts: [], sections: [], within: null });
            }}
          >
            {t("filter.reset")}
          </button>
        ) : null}
      </form>

      <div className="results-head" aria-live="polite">
        {p.totalCount !== undefined && <strong>{t("filter.results", { count: p.totalCount })}</strong>}
        {p.loading && <span className="spinner" aria-label={t("app.loading")} />}
      </div>
      {p.error && <ErrorNotice error={p.error} retry={p.retry} />}
      {!p.tasks && p.loading && <Notice kind="loading">{t("app.loading")}</Notice>}
      {p.tasks && p.tasks.length === 0 && <p className="muted">{t("filter.none")}</p>}
      {p.tasks && p.tasks.length > 0 && (
        <ul className="task-list" id="task-list">
          {p.tasks.map((task) => (
            <li key={task.id}>
              <button
                type="button"
                className="task-row"
                data-task-id={task.id}
                onClick={() => p.onOpenTask(task.id)}
                onMouseEnter={() => p.onHoverTask(task.id)}
                onMouseLeave={() => p.onHoverTask(null)}
                onFocus={() => p.onHoverTask(task.id)}
                onBlur={() => p.onHoverTask(null)}
              >
                <span className="task-row-head">
                  <span className={`kind-badge kind-${task.kind.toLowerCase()}`}>
                    {t(`kind.${task.kind}`)} {task.ref}
                  </span>
                  <StatusPill status={task.status} />
                  <ProgressBar value={task.progress} label={t("task.progress")} />
                </span>
                <span className="task-row-title">{pickName(lang, task.title, task.titleEn)}</span>
                {task.leadDepartments.length > 0 && (
                  <span className="task-row-leads">
                    {task.leadDepartments.map((d) => pickName(lang, d.name, d.nameEn)).join("、")}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
