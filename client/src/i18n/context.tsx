/**
 * The UI language as React context: `LanguageProvider` at the root (app.tsx, app-shell.tsx) and
 * `useI18n()` wherever text is written, instead of passing `t` and `lang` down as props.
 */
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { scriptFor, translator, type Lang, type Translate } from "./index.ts";

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

/** The language of the page, its translator and its script. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
