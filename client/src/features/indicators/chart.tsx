/**
 * One indicator's values by year as a plain SVG line chart, against the target, the stretch
 * target and (for a reduction) the base year's level. A pure component: the layout comes from
 * chart-math.ts, every text from the props. Each point and reference line is an element with an
 * accessible name (role img), the points are in the tab order, and the SVG's title and
 * description say in words what it shows; the data table beside it (indicators-panel.tsx) holds
 * the same numbers.
 */
import { useId } from "react";
import type { ChartLayout, ReferenceLine } from "./chart-math.ts";

export interface IndicatorChartProps {
  layout: ChartLayout;
  /** the chart's name: indicator and place */
  title: string;
  /** the text alternative: what the chart shows, in words */
  description: string;
  /** the value axis' title (unit, or "reduction from 2010 (%)") */
  axisTitle: string;
  /** a value as shown on the chart (point labels), and a tick */
  format: (value: number) => string;
  formatTick: (value: number) => string;
  /** each point's accessible name ("2014: 78%") */
  pointLabel: (year: number, value: number) => string;
  /** each reference line's visible and accessible label */
  referenceLabel: (ref: ReferenceLine) => string;
  /** a message drawn over the plot when no value is recorded */
  emptyText?: string;
}

export function IndicatorChart({
  layout,
  title,
  description,
  axisTitle,
  format,
  formatTick,
  pointLabel,
  referenceLabel,
  emptyText,
}: IndicatorChartProps) {
  const id = useId();
  const { size, plot, years, ticks, points, path, references } = layout;
  return (
    <svg
      className="indicator-chart"
      viewBox={`0 0 ${size.width} ${size.height}`}
      role="group"
      aria-labelledby={`${id}-t`}
      aria-describedby={`${id}-d`}
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{description}</desc>
      <g className="chart-axis" aria-hidden="true">
        {ticks.map((t) => (
          <g key={t.value}>
            <line className="chart-grid" x1={plot.left} x2={plot.right} y1={t.y} y2={t.y} />
            <text x={plot.left - 6} y={t.y} dy="0.32em" textAnchor="end">
              {formatTick(t.value)}
            </text>
          </g>
        ))}
        {years.map((y) => (
          <text key={y.year} x={y.x} y={plot.bottom + 16} textAnchor="middle">
            {y.year}
          </text>
        ))}
        <line className="chart-baseline" x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} />
        <text className="chart-axis-title" x={4} y={plot.top - 4} textAnchor="start">
          {axisTitle}
        </text>
      </g>
      {references.map((r) => {
        const label = referenceLabel(r);
        return (
          <g
            key={r.kind}
            className={`chart-ref chart-ref-${r.kind}`}
            role="img"
            aria-label={label}
            data-ref={r.kind}
            data-value={r.value}
          >
            <line x1={plot.left} x2={plot.right} y1={r.y} y2={r.y} />
            <text x={plot.left + 4} y={r.y - 4} textAnchor="start" aria-hidden="true">
              {label}
            </text>
          </g>
        );
      })}
      {path && <path className="chart-line" d={path} aria-hidden="true" />}
      {points.map((p) => (
        <g key={p.year} className="chart-point">
          <circle
            cx={p.x}
            cy={p.y}
            r={5}
            role="img"
            tabIndex={0}
            aria-label={pointLabel(p.year, p.value)}
            data-year={p.year}
            data-value={p.value}
          />
          <text x={p.x} y={p.y - plot.top < 18 ? p.y + 17 : p.y - 9} textAnchor="middle" aria-hidden="true">
            {format(p.value)}
          </text>
        </g>
      ))}
      {points.length === 0 && emptyText && (
        <text
          className="chart-empty"
          x={(plot.left + plot.right) / 2}
          y={layout.freeY}
          dy="0.32em"
          textAnchor="middle"
          aria-hidden="true"
        >
          {emptyText}
        </text>
      )}
    </svg>
  );
}
