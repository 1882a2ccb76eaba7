/**
 * The planners' console (管理, issue 19): what a planner administers, inside the app, one
 * section at a time. Shown to planners only (app.tsx offers the tab to no one else); the
 * server refuses everyone else anyway (FORBIDDEN). The open section is in the URL (csec).
 *
 * A section is an entry of `sections`: an id (the URL's csec), the key of its label and its
 * component, and the roles it is offered to: everything to planners; the indicator values to
 * area leaders too, whose figures then wait for a planner's review.
 */
import type { ComponentType } from "react";
import type { SessionUser } from "../../api/types.ts";
import type { MessageKey } from "../../i18n/index.ts";
import { Deferred, lazyExport } from "../../ui/lazy.tsx";
import type { ConsoleSectionProps } from "./section-props.ts";

// each section is loaded when it is first opened (ui/lazy.tsx): most visitors never open the console
const UsersSection = lazyExport(() => import("./users-section.tsx"), "UsersSection");
const LinksSection = lazyExport(() => import("./links-section.tsx"), "LinksSection");
const TargetsSection = lazyExport(() => import("./targets-section.tsx"), "TargetsSection");
const ProjectsSection = lazyExport(() => import("./projects-section.tsx"), "ProjectsSection");
const IndicatorValuesSection = lazyExport(() => import("./indicator-values-section.tsx"), "IndicatorValuesSection");

export interface ConsoleSection {
  id: string;
  label: MessageKey;
  component: ComponentType<ConsoleSectionProps>;
  roles: readonly SessionUser["role"][];
}

const PLANNERS = ["PLANNER"] as const;

export const sections: ConsoleSection[] = [
  { id: "users", label: "console.section.users", component: UsersSection, roles: PLANNERS },
  { id: "links", label: "console.section.links", component: LinksSection, roles: PLANNERS },
  { id: "targets", label: "console.section.targets", component: TargetsSection, roles: PLANNERS },
  {
    id: "projects",
    label: "consoleB.host.projects",
    component: ({ lang, t }) => <ProjectsSection lang={lang} t={t} />,
    roles: PLANNERS,
  },
  {
    id: "values",
    label: "consoleB.host.values",
    component: ({ lang, t, user }) => <IndicatorValuesSection lang={lang} t={t} user={user} />,
    roles: ["PLANNER", "AREA_LEADER"],
  },
];

/** The sections a user is offered; none = no console tab. */
export function sectionsFor(user: SessionUser | null | undefined): ConsoleSection[] {
  return user ? sections.filter((s) => s.roles.includes(user.role)) : [];
}

export interface ConsoleProps extends ConsoleSectionProps {
  /** the open section's id; null or unknown = the first */
  section: string | null;
  onSection: (id: string) => void;
}

export function Console({ section, onSection, ...props }: ConsoleProps) {
  const offered = sectionsFor(props.user);
  const open = offered.find((s) => s.id === section) ?? offered[0];
  if (!open) return null;
  const Section = open.component;
  return (
    <div className="panel console">
      <h2 className="section-title">{props.t("console.title")}</h2>
      <nav className="console-sections" aria-label={props.t("console.sections")}>
        {offered.map((s) => (
          <button
            key={s.id}
            type="button"
            className={`chip${s.id === open.id ? " active" : ""}`}
            aria-current={s.id === open.id ? "page" : undefined}
            onClick={() => onSection(s.id)}
          >
            {props.t(s.label)}
          </button>
        ))}
      </nav>
      <section className="console-section" aria-label={props.t(open.label)} data-section={open.id}>
        <Deferred>
          <Section key={open.id} {...props} />
        </Deferred>
      </section>
    </div>
  );
}
