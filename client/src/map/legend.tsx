/** The legend: names the measure and its classes, shows how precision is drawn, and holds the measure and basemap switches. */
import { useState } from "react";
import type { IndicatorSummary } from "../api/types.ts";
import { pickName } from "../i18n/index.ts";
import type { BasemapId, MeasureId } from "../state/url-state.ts";
import { NO_DATA_COLOR, type LegendClass } from "./layers/choropleth.ts";
import { FOCUS, INK, KIND_COLORS } from "./layers/places.ts";
import { CATEGORY_COLORS, PROJECT_CATEGORIES } from "./layers/projects.ts";
import type { CitywideItem } from "./layers/citywide.ts";
import { useI18n } from "../i18n/context.tsx";

export interface LegendProps {
  measure: MeasureId;
  onMeasure: (m: MeasureId) => void;
  indicators: IndicatorSummary[];
  title: string;
  classes: LegendClass[];
  hasNoData: boolean;
  allNoData: boolean;
  coverage: { reported: number; total: number } | null;
  basemapId: BasemapId;
  basemaps: BasemapId[];
  onBasemap: (id: BasemapId) => void;
  highlight: boolean;
  collapsedByDefault: boolean;
  /** planners also colour by overdue and not-reported tasks */
  plannerMeasures: boolean;
  /** what is known only to lie somewhere in the city: listed here, drawn nowhere */
  citywide: CitywideItem[];
  onOpenCitywide: (item: CitywideItem) => void;
}

export function Legend(p: LegendProps) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(!p.collapsedByDefault);
  const sample = KIND_COLORS.DEVELOPMENT_ZONE;
  return (
    <section className={`legend${open ? "" : " collapsed"}`} aria-label={t("legend.title")}>
      <div className="legend-head">
        <label className="legend-measure">
          <span className="field-label">{t("measure.label")}</span>
          <select value={p.measure} onChange={(e) => p.onMeasure(e.target.value as MeasureId)}>
            <option value="obligations">{t("measure.obligations")}</option>
            <option value="onTrack">{t("measure.onTrack")}</option>
            <option value="delayed">{t("measure.delayed")}</option>
            <option value="progress">{t("measure.progress")}</option>
            {(p.plannerMeasures || p.measure === "overdue") && <option value="overdue">{t("measure.overdue")}</option>}
            {(p.plannerMeasures || p.measure === "unreported") && (
              <option value="unreported">{t("measure.unreported")}</option>
            )}
            {p.indicators.map((i) => (
              <option key={i.id} value={`indicator:${i.id}`}>
                {t("measure.indicator", { name: pickName(lang, i.name, i.nameEn) })}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn btn-icon btn-small"
          aria-expanded={open}
          aria-label={t("legend.title")}
          onClick={() => setOpen(!open)}
        >
          {open ? "▾" : "▸"}
          <span className="legend-toggle-text" aria-hidden="true">
            {t("legend.title")}
          </span>
        </button>
      </div>
      {open && (
        <>
          <h2 className="legend-title">{p.title}</h2>
          {p.allNoData ? (
            <p className="small muted">{t("measure.noValues")}</p>
          ) : (
            <ol className="legend-ramp">
              {p.classes.map((c, i) => (
                <li key={i}>
                  <span className="ramp-swatch" style={{ background: c.color }} />
                  <span className="ramp-label">{c.label}</span>
                </li>
              ))}
              {p.hasNoData && (
                <li className="ramp-nodata">
                  <span className="ramp-swatch" style={{ background: NO_DATA_COLOR }} />
                  <span className="ramp-label">{t("legend.noData")}</span>
                </li>
              )}
            </ol>
          )}
          {p.coverage && <p className="small muted coverage">{t("measure.coverage", p.coverage)}</p>}
          <ul className="legend-symbols small">
            <li>
              <span className="sym sym-point" style={{ background: sample }} />
              {t("legend.surveyed")}
            </li>
            <li>
              <span className="sym sym-hollow" style={{ borderColor: sample, boxShadow: `0 0 0 4px ${sample}26` }} />
              {t("legend.approx")}
            </li>
            <li>
              <span className="sym sym-area" style={{ borderColor: sample, background: `${sample}22` }} />
              {t("legend.approxArea")}
            </li>
            <li className="legend-projects">
              <span className="sym-group" aria-hidden="true">
                {PROJECT_CATEGORIES.map((c) => (
                  <span
                    key={c}
                    className="sym sym-point sym-small"
                    style={{ background: CATEGORY_COLORS[c] }}
                    title={t(`category.${c}`)}
                  />
                ))}
              </span>
              {t("legend.project")}
            </li>
            {p.highlight && (
              <li>
                <span className="sym sym-hollow" style={{ borderColor: INK, background: FOCUS, borderWidth: 1.5 }} />
                {t("legend.highlight")}
              </li>
            )}
          </ul>
          {p.citywide.length > 0 && (
            <details className="legend-citywide small">
              <summary>
                {t("legend.citywide")} <span className="count">{p.citywide.length}</span>
              </summary>
              <p className="muted">{t("legend.citywideHint")}</p>
              <ul>
                {p.citywide.map((c) => (
                  <li key={`${c.kind}:${c.id}`} data-citywide={`${c.kind}:${c.id}`}>
                    <button type="button" className="link" onClick={() => p.onOpenCitywide(c)}>
                      {c.name}
                    </button>
                    <span className="muted">
                      {" "}
                      · {t(c.kind === "place" ? "legend.citywidePlace" : "legend.citywideProject")}
                    </span>
                  </li>
                ))}
              </ul>
            </details>
          )}
          {p.basemaps.length > 0 && (
            <label className="legend-basemap small">
              <span>{t("map.basemap")}</span>
              <select value={p.basemapId} onChange={(e) => p.onBasemap(e.target.value as BasemapId)}>
                <option value="none">{t("map.basemap.none")}</option>
                {p.basemaps.map((b) => (
                  <option key={b} value={b}>
                    {t(`map.basemap.${b}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
        </>
      )}
    </section>
  );
}
