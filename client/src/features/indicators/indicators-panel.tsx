/**
 * The plan's quantified targets: for each, its values by year as a chart against the target, the
 * stretch target and (for a reduction) the base year, with a table of the same numbers beside it,
 * for the city or one county-level area (the place selector). The targets come from the plan
 * (Query.indicators, the page's startup request); the values are the ones recorded with
 * recordIndicatorValue (Indicator.values, asked for here). A year without a value says so.
 */
import { useId, useMemo, useState } from "react";
import type { IndicatorSummary } from "../../api/types.ts";
import { pickName, scriptFor, type Lang, type Translate } from "../../i18n/index.ts";
import { formatMeasureValue } from "../../map/layers/choropleth.ts";
import { ErrorNotice, Notice } from "../../ui/common.tsx";
import { useI18n } from "../../i18n/context.tsx";
import { chartLayout, type ReferenceLine } from "./chart-math.ts";
import { IndicatorChart } from "./chart.tsx";
import { chartPlaces, useIndicatorValues, type ChartPlace, type RecordedValue } from "./use-indicator-values.ts";

const COMPARATOR_SIGN: Record<IndicatorSummary["comparator"], string> = {
  AT_LEAST: "≥",
  AT_MOST: "≤",
  REACH: "",
  REDUCE_BY: "−",
};

export function targetText(ind: IndicatorSummary, value = ind.target): string {
  return `${COMPARATOR_SIGN[ind.comparator]}${formatMeasureValue("indicator", value, ind.unit)}`;
}

export interface IndicatorsPanelProps {
  indicators: IndicatorSummary[] | undefined;
  loading: boolean;
  error?: Error;
  retry: () => void;
  activeId: string | null;
  onShow: (id: string) => void;
}

export function IndicatorsPanel({ indicators, loading, error, retry, activeId, onShow }: IndicatorsPanelProps) {
  const { t, lang } = useI18n();
  const values = useIndicatorValues(scriptFor(lang));
  const places = useMemo(() => (values.data ? chartPlaces(values.data) : []), [values.data]);
  const [placeId, setPlaceId] = useState<string | null>(null);
  const place = places.find((p) => p.id === placeId) ?? places.find((p) => p.kind === "CITY") ?? places[0] ?? null;
  const byIndicator = useMemo(() => {
    const out = new Map<string, RecordedValue[]>();
    for (const ind of values.data?.indicators ?? []) out.set(ind.id, ind.values);
    return out;
  }, [values.data]);
  const selectId = useId();

  return (
    <div className="panel indicators-panel">
      {error && <ErrorNotice error={error} retry={retry} />}
      {!indicators && loading && <Notice kind="loading">{t("app.loading")}</Notice>}
      {indicators && (
        <>
          <h2 className="section-title">{t("indicator.title", { count: indicators.length })}</h2>
          {values.error && <ErrorNotice error={values.error} retry={values.retry} />}
          {!values.data && values.loading && <Notice kind="loading">{t("app.loading")}</Notice>}
          {place && (
            <div className="indicator-place field">
              <label htmlFor={selectId}>{t("indicator.chart.place")}</label>
              <select id={selectId} value={place.id} onChange={(e) => setPlaceId(e.target.value)}>
                {places.map((p) => (
                  <option key={p.id} value={p.id}>
                    {pickName(lang, p.name, p.nameEn)}
                  </option>
                ))}
              </select>
              {place.kind !== "CITY" && <p className="small muted">{t("indicator.chart.cityTarget")}</p>}
            </div>
          )}
          <ul className="indicator-list">
            {indicators.map((ind) => (
              <IndicatorItem
                key={ind.id}
                ind={ind}
                place={place}
                values={place ? (byIndicator.get(ind.id) ?? []).filter((v) => v.place.id === place.id) : null}
                lang={lang}
                t={t}
                active={activeId === ind.id}
                onShow={onShow}
              />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

interface IndicatorItemProps {
  ind: IndicatorSummary;
  place: ChartPlace | null;
  /** the values recorded for the chosen place; null while they load */
  values: RecordedValue[] | null;
  lang: Lang;
  t: Translate;
  active: boolean;
  onShow: (id: string) => void;
}

function IndicatorItem({ ind, place, values, lang, t, active, onShow }: IndicatorItemProps) {
  const name = pickName(lang, ind.name, ind.nameEn);
  const att = ind.attainment == null ? null : Math.max(0, Math.min(1, ind.attainment));
  return (
    <li className={`indicator${active ? " active" : ""}`} data-indicator-id={ind.id}>
      <div className="indicator-head">
        <h3>{name}</h3>
        <span className="indicator-target" title={t("indicator.target")}>
          {targetText(ind)}
        </span>
      </div>
      <dl className="facts facts-inline small">
        <dt>{t("indicator.unit")}</dt>
        <dd>{ind.unit}</dd>
        {ind.stretchTarget != null && (
          <>
            <dt>{t("indicator.stretch")}</dt>
            <dd>{targetText(ind, ind.stretchTarget)}</dd>
          </>
        )}
        {ind.baseYear != null && (
          <>
            <dt>{t("indicator.baseYear")}</dt>
            <dd>{ind.baseYear}</dd>
          </>
        )}
        <dt>{t("indicator.targetYear")}</dt>
        <dd>{ind.targetYear}</dd>
        <dt>{t("indicator.latest")}</dt>
        <dd>
          {ind.latest
            ? `${formatMeasureValue("indicator", ind.latest.value, ind.unit)} (${ind.latest.year})`
            : t("indicator.noValue")}
        </dd>
      </dl>
      {att != null && (
        <div
          className="attainment"
          role="meter"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(att * 100)}
          aria-label={t("indicator.attainment")}
        >
          <span className="attainment-bar" style={{ width: `${att * 100}%` }} />
          <span className="attainment-text">
            {t("indicator.attainment")} {Math.round(att * 100)}%
          </span>
        </div>
      )}
      {place && values && (
        <IndicatorFigure
          ind={ind}
          name={name}
          placeName={pickName(lang, place.name, place.nameEn)}
          values={values}
          t={t}
        />
      )}
      <button type="button" className="btn btn-small btn-quiet" aria-pressed={active} onClick={() => onShow(ind.id)}>
        {t("indicator.showOnMap")}
      </button>
    </li>
  );
}

function IndicatorFigure({
  ind,
  name,
  placeName,
  values,
  t,
}: {
  ind: IndicatorSummary;
  name: string;
  placeName: string;
  values: RecordedValue[];
  t: Translate;
}) {
  const layout = useMemo(() => chartLayout(ind, values), [ind, values]);
  const reduction = ind.comparator === "REDUCE_BY" && ind.baseYear != null;
  const fmt = (v: number) => formatMeasureValue("indicator", v, ind.unit);
  const tick = (v: number) => formatMeasureValue("indicator", v);
  // one value per year, the last recorded (the table and the chart show the same)
  const byYear = new Map<number, RecordedValue>();
  for (const v of values) byYear.set(v.year, v);
  const targetLabel = t("indicator.chart.targetLine", { value: targetText(ind), year: ind.targetYear });
  const stretchLabel =
    ind.stretchTarget != null ? t("indicator.chart.stretchLine", { value: targetText(ind, ind.stretchTarget) }) : "";
  const baseLabel = reduction ? t("indicator.chart.baseLine", { year: ind.baseYear! }) : "";
  const refLabel = (r: ReferenceLine) =>
    r.kind === "target" ? targetLabel : r.kind === "stretch" ? stretchLabel : baseLabel;
  const title = t("indicator.chart.title", { name, place: placeName });
  const recorded = layout.points
    .map((p) => t("indicator.chart.point", { year: p.year, value: fmt(p.value) }))
    .join(t("indicator.chart.listSep"));
  const description = [
    layout.points.length
      ? t("indicator.chart.summary", { place: placeName, values: recorded })
      : t("indicator.chart.noValues", { place: placeName }),
    targetLabel,
    stretchLabel,
    reduction ? t("indicator.chart.reductionNote", { year: ind.baseYear! }) : "",
  ]
    .filter(Boolean)
    .join(t("indicator.chart.sentenceSep"));
  const axisTitle = reduction ? t("indicator.chart.reductionAxis", { year: ind.baseYear! }) : ind.unit;

  return (
    <div className="indicator-figure">
      <IndicatorChart
        layout={layout}
        title={title}
        description={description}
        axisTitle={axisTitle}
        format={fmt}
        formatTick={tick}
        pointLabel={(year, value) => t("indicator.chart.point", { year, value: fmt(value) })}
        referenceLabel={refLabel}
        emptyText={t("indicator.chart.noValues", { place: placeName })}
      />
      <table className="data-table indicator-table">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t("indicator.chart.year")}</th>
            <th scope="col">{t("indicator.chart.value")}</th>
            <th scope="col">{t("indicator.chart.source")}</th>
          </tr>
        </thead>
        <tbody>
          {layout.years.map(({ year }) => {
            const v = byYear.get(year);
            return (
              <tr key={year} data-year={year}>
                <th scope="row">
                  {year}
                  {reduction && year === ind.baseYear ? ` (${t("indicator.baseYear")})` : ""}
                </th>
                <td>{v ? fmt(v.value) : <span className="muted">{t("indicator.chart.noValue")}</span>}</td>
                <td>{v?.source ?? ""}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr data-ref="target">
            <th scope="row">
              {t("indicator.target")} ({ind.targetYear})
            </th>
            <td>{targetText(ind)}</td>
            <td>{t("indicator.chart.fromPlan")}</td>
          </tr>
          {ind.stretchTarget != null && (
            <tr data-ref="stretch">
              <th scope="row">{t("indicator.stretch")}</th>
              <td>{targetText(ind, ind.stretchTarget)}</td>
              <td>{t("indicator.chart.fromPlan")}</td>
            </tr>
          )}
        </tfoot>
      </table>
    </div>
  );
}
