/**
 * The app's frame before any script has run: the header, as the app's first render draws it
 * (the sign-in button disabled until the session is known), over an empty sidebar and map
 * area. client/app-shell.ts renders it into index.html at build time, once per language.
 *
 * Besides showing the page's frame at once, it moves the page's first layout, which loads
 * the interface's fonts (the CJK faces, regular and bold), into the time the scripts take
 * to download. Without it that layout ran inside the task that creates the map (MapLibre
 * reads its container's size), and the map's first frame waited for it.
 */
import { AuthSlot } from "./features/auth/auth-slot.tsx";
import type { Session } from "./features/auth/use-session.ts";
import { Header } from "./features/header/header.tsx";
import { LanguageProvider } from "./i18n/context.tsx";
import "./i18n/catalogues.ts"; // written at build time, in every language
import { translator, type Lang } from "./i18n/index.ts";

const nothing = async () => undefined;
/** A session whose `me` has not answered yet: what the app's first render has too. */
const CHECKING: Session = { user: null, checking: true, signIn: nothing, signOut: nothing };

export function AppShell({ lang }: { lang: Lang }) {
  const t = translator(lang);
  // the same elements and classes as App's first render, without the parts that depend on the URL (tabs, panels)
  return (
    <LanguageProvider lang={lang}>
      <div className="app">
        <a className="skip-link" href="#sidebar-content">
          {t("app.skipToList")}
        </a>
        <Header onLang={() => undefined} auth={<AuthSlot session={CHECKING} />} />
        <div className="body">
          <aside className="sidebar" aria-label={t("tabs.label")}>
            <div className="sidebar-content" id="sidebar-content" tabIndex={-1} />
          </aside>
          <main className="map-area" aria-busy="true" />
        </div>
      </div>
    </LanguageProvider>
  );
}
