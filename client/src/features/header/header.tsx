/** The top bar: title, language switch, and sign-in. */
import type { ReactNode } from "react";
import { LANGS, langNames, type Lang } from "../../i18n/index.ts";
import { useI18n } from "../../i18n/context.tsx";

export interface HeaderProps {
  onLang: (l: Lang) => void;
  auth?: ReactNode;
}

export function Header({ onLang, auth }: HeaderProps) {
  const { t, lang } = useI18n();
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          并
        </span>
        <div>
          <h1 className="brand-title">{t("app.title")}</h1>
          <p className="brand-sub">{t("app.subtitle")}</p>
        </div>
      </div>
      <div className="topbar-actions">
        <div className="lang-switch" role="group" aria-label={t("lang.label")}>
          {LANGS.map((l) => (
            <button
              key={l}
              type="button"
              lang={l}
              aria-pressed={lang === l}
              className={lang === l ? "active" : ""}
              onClick={() => onLang(l)}
            >
              {langNames[l]}
            </button>
          ))}
        </div>
        <a className="btn btn-small btn-quiet api-link" href="/graphiql">
          GraphQL
        </a>
        <div className="auth-slot" data-slot="auth">
          {auth}
        </div>
      </div>
    </header>
  );
}
