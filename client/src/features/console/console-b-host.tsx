/**
 * TEMPORARY host for the console-b sections (projects, indicator values) until the console shell
 * (features/console/console.tsx, console-a) lists them in its `sections`: ?console=projects or
 * ?console=values. Projects are for planners; indicator values for planners and area leaders.
 */
import type { ReactNode } from "react";
import type { SessionUser } from "../../api/types.ts";
import type { Lang, Translate } from "../../i18n/index.ts";
import { IndicatorValuesSection } from "./indicator-values-section.tsx";
import { ProjectsSection } from "./projects-section.tsx";

export function ConsoleBHost({ which, user, lang, t, header }: { which: string; user: SessionUser; lang: Lang; t: Translate; header: ReactNode }) {
  const projects = which === "projects" && user.role === "PLANNER";
  const values = which === "values" && user.role !== "VIEWER";
  return (
    <div className="app console-host">
      {header}
      <main className="console-main">
        <h1 className="section-title">{t("consoleB.host.title")} · {t(projects ? "consoleB.host.projects" : "consoleB.host.values")}</h1>
        {projects && <ProjectsSection lang={lang} t={t} />}
        {values && <IndicatorValuesSection lang={lang} t={t} user={user} />}
        {!projects && !values && <p className="muted">{t("error.FORBIDDEN")}</p>}
      </main>
    </div>
  );
}
