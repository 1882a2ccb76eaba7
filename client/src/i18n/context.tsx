/**
 * The UI language as React context: `LanguageProvider` at the root (app.tsx, app-shell.tsx) and
 * `useI18n()` wherever text is written, instead of passing `t` and `lang` down as props.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { hasLanguage, loadLanguage, scriptFor, translator, type Lang, type Translate } from "./index.ts";

export interface I18n {
  lang: Lang;
  /** the message catalogue of `lang` */
  t: Translate;
  /** the API's script argument for `lang` */
  script: "HANS" | "HANT";
}

function i18nFor(lang: Lang): I18n {
  return { lang, t: translator(lang), script: scriptFor(lang) };
}

const I18nContext = createContext<I18n>(i18nFor("zh-Hans"));

export function LanguageProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  const value = useMemo(() => i18nFor(lang), [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/**
 * The language to write in: `requested` once its catalogue is here, until then the one shown
 * before (a switch of language waits for its download instead of showing the wrong words).
 */
export function useLoadedLanguage(requested: Lang): Lang {
  const [shown, setShown] = useState<Lang>(() => (hasLanguage(requested) ? requested : "zh-Hans"));
  useEffect(() => {
    let live = true;
    loadLanguage(requested).then(
      () => live && setShown(requested),
      () => undefined, // offline: stay in the language shown
    );
    return () => {
      live = false;
    };
  }, [requested]);
  return hasLanguage(requested) ? requested : shown;
}

/** The language of the page, its translator and its script. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
