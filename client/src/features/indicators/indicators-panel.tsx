/** The plan's quantified targets: unit, target, stretch, base year, and progress toward the target where values exist. */
import type { IndicatorSummary } from "../../api/types.ts";
import { pickName } from "../../i18n/index.ts";
import { formatMeasureValue } from "../../map/layers/choropleth.ts";
import { ErrorNotice, Notice } from "../../ui/common.tsx";
import { useI18n } from "../../i18n/context.tsx";

const COMPARATOR_SIGN: Record<IndicatorSummary["comparator"], string> = { AT_LEAST: "≥", AT_MOST: "≤", REACH: "", REDUCE_BY: "−" };

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
  return (
    <div className="panel indicators-panel">
      {error && <ErrorNotice error={error} retry={retry} />}
      {!indicators && loading && <Notice kind="loading">{t("app.loading")}</Notice>}
      {indicators && (
        <>
          <h2 className="section-title">{t("indicator.title", { count: indicators.length })}</h2>
          <ul className="indicator-list">
            {indicators.map((ind) => {
              const att = ind.attainment == null ? null : Math.max(0, Math.min(1, ind.attainment));
              return (
                <li key={ind.id} className={`indicator${activeId === ind.id ? " active" : ""}`}>
                  <div className="indicator-head">
                    <h3>{pickName(lang, ind.name, ind.nameEn)}</h3>
                    <span className="indicator-target" title={t("indicator.target")}>{targetText(ind)}</span>
                  </div>
                  <dl className="facts facts-inline small">
                    <dt>{t("indicator.unit")}</dt><dd>{ind.unit}</dd>
                    {ind.stretchTarget != null && (<><dt>{t("indicator.stretch")}</dt><dd>{targetText(ind, ind.stretchTarget)}</dd></>)}
                    {ind.baseYear != null && (<><dt>{t("indicator.baseYear")}</dt><dd>{ind.baseYear}</dd></>)}
                    <dt>{t("indicator.targetYear")}</dt><dd>{ind.targetYear}</dd>
                    <dt>{t("indicator.latest")}</dt>
                    <dd>{ind.latest ? `${formatMeasureValue("indicator", ind.latest.value, ind.unit)} (${ind.latest.year})` : t("indicator.noValue")}</dd>
                  </dl>
                  {att != null && (
                    <div className="attainment" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(att * 100)} aria-label={t("indicator.attainment")}>
                      <span className="attainment-bar" style={{ width: `${att * 100}%` }} />
                      <span className="attainment-text">{t("indicator.attainment")} {Math.round(att * 100)}%</span>
                    </div>
                  )}
                  <button type="button" className="btn btn-small btn-quiet" aria-pressed={activeId === ind.id} onClick={() => onShow(ind.id)}>
                    {t("indicator.showOnMap")}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}
