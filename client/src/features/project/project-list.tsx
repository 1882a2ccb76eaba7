/** The projects serving a task or lying in a place, as a short list that opens each project. */
import type { ProjectRef } from "../../api/types.ts";
import { pickName } from "../../i18n/index.ts";
import { LOW_PRECISION } from "../../map/layers/places.ts";
import { CATEGORY_COLORS } from "../../map/layers/projects.ts";
import { StatusPill } from "../../ui/common.tsx";
import { useI18n } from "../../i18n/context.tsx";

export function ProjectList({ projects, onOpen }: { projects: ProjectRef[]; onOpen: (id: string) => void }) {
  const { t, lang } = useI18n();
  return (
    <ul className="project-list">
      {projects.map((p) => (
        <li key={p.id}>
          <button type="button" className="project-row" data-project-id={p.id} onClick={() => onOpen(p.id)}>
            <span
              className={`sym ${LOW_PRECISION.includes(p.precision) ? "sym-hollow" : "sym-point"}`}
              style={
                LOW_PRECISION.includes(p.precision)
                  ? { borderColor: CATEGORY_COLORS[p.category ?? "NONE"] }
                  : { background: CATEGORY_COLORS[p.category ?? "NONE"] }
              }
              aria-hidden="true"
            />
            <span className="project-row-name">{pickName(lang, p.name, p.nameEn)}</span>
            <span className="muted small">{p.category ? t(`category.${p.category}`) : ""}</span>
            <StatusPill status={p.status} />
          </button>
        </li>
      ))}
    </ul>
  );
}
