/** The accessible twin of the map: every place drawn, as a table, with the current measure. */
import type { MapPlace } from "../../api/types.ts";
import { pickName } from "../../i18n/index.ts";
import { formatMeasureValue, type MeasureKind } from "../../map/layers/choropleth.ts";
import { LOW_PRECISION, placeGroup } from "../../map/layers/places.ts";
import { useI18n } from "../../i18n/context.tsx";

export interface ListViewProps {
  places: MapPlace[];
  values: Map<string, number | null>;
  measureKind: MeasureKind;
  measureLabel: string;
  unit: string;
  onOpen: (id: string) => void;
  onHover: (id: string | null) => void;
}

const ORDER = { city: 0, admin: 1, area: 2, point: 3, citywide: 4, external: 5 } as const;

export function ListView({ places, values, measureKind, measureLabel, unit, onOpen, onHover }: ListViewProps) {
  const { t, lang } = useI18n();
  const rows = [...places].sort(
    (a, b) =>
      ORDER[placeGroup(a)] - ORDER[placeGroup(b)] ||
      (values.get(b.id) ?? -1) - (values.get(a.id) ?? -1) ||
      a.id.localeCompare(b.id),
  );
  return (
    <div className="panel list-view">
      <table className="data-table places-table">
        <caption>{t("list.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("list.name")}</th>
            <th scope="col">{t("list.kind")}</th>
            <th scope="col" className="num">
              {measureLabel}
            </th>
            <th scope="col">{t("list.precision")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => {
            const v = values.get(p.id);
            return (
              <tr key={p.id} onMouseEnter={() => onHover(p.id)} onMouseLeave={() => onHover(null)}>
                <th scope="row">
                  <button
                    type="button"
                    className="link"
                    data-place-id={p.id}
                    onClick={() => onOpen(p.id)}
                    onFocus={() => onHover(p.id)}
                    onBlur={() => onHover(null)}
                  >
                    {pickName(lang, p.name, p.nameEn)}
                  </button>
                </th>
                <td>{t(`placeKind.${p.kind}`)}</td>
                <td className="num">{v == null ? "—" : formatMeasureValue(measureKind, v, unit)}</td>
                <td className={LOW_PRECISION.includes(p.precision) ? "approx" : ""}>{t(`precision.${p.precision}`)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
