/** The time slider: 2013-01-01 … today; statuses and progress are re-queried as of the chosen day. */
import { useEffect, useState } from "react";
import { useI18n } from "../../i18n/context.tsx";

export const TIME_START = "2013-01-01";
const DAY = 86_400_000;

export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Days from TIME_START to an ISO date. */
export function dayIndex(iso: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.parse(`${TIME_START}T00:00:00Z`)) / DAY);
}

export function dateOfIndex(i: number): string {
  return new Date(Date.parse(`${TIME_START}T00:00:00Z`) + i * DAY).toISOString().slice(0, 10);
}

export interface TimeSliderProps {
  asOf: string | null;
  onChange: (asOf: string | null) => void;
}

export function TimeSlider({ asOf, onChange }: TimeSliderProps) {
  const { t } = useI18n();
  const today = todayIso();
  const max = dayIndex(today);
  const [value, setValue] = useState(asOf ? dayIndex(asOf) : max);
  useEffect(() => setValue(asOf ? dayIndex(asOf) : max), [asOf, max]);
  useEffect(() => {
    const date = value >= max ? null : dateOfIndex(value);
    if (date === asOf) return;
    const h = setTimeout(() => onChange(date), 250);
    return () => clearTimeout(h);
  }, [value, max, asOf, onChange]);
  const shown = value >= max ? today : dateOfIndex(value);
  return (
    <div className="time-slider">
      <label htmlFor="time-range" className="field-label">
        {t("time.label")}
      </label>
      <input
        id="time-range"
        type="range"
        min={0}
        max={max}
        step={1}
        value={value}
        onChange={(e) => setValue(Number(e.target.value))}
        aria-valuetext={shown}
      />
      <output htmlFor="time-range" className="time-value">
        {value >= max ? `${shown} (${t("time.now")})` : shown}
      </output>
      <div className="time-ticks" aria-hidden="true">
        <span className="time-band" style={{ left: 0, width: `${(dayIndex("2016-01-01") / max) * 100}%` }} />
        {["2013", "2016"].map((y) => (
          <span key={y} className="time-tick" style={{ left: `${(dayIndex(`${y}-01-01`) / max) * 100}%` }}>
            {y}
          </span>
        ))}
        <span className="time-tick time-tick-end">{today.slice(0, 4)}</span>
      </div>
      {value < max && (
        <button type="button" className="btn btn-small btn-quiet" onClick={() => setValue(max)}>
          {t("time.now")}
        </button>
      )}
    </div>
  );
}
