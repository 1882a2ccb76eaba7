/** Sign in / sign out in the header: the user's name and role when signed in, a small form otherwise. */
import { useState, type FormEvent } from "react";
import type { Session } from "./use-session.ts";
import { ErrorMessage } from "../../ui/common.tsx";
import { useI18n } from "../../i18n/context.tsx";

export function AuthSlot({ session }: { session: Session }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { user } = session;

  if (user) {
    return (
      <div className="auth-user">
        <span className="auth-name" title={user.username}>
          {user.displayName}{" "}
          <span className={`role-badge role-${user.role.toLowerCase().replace(/_/g, "-")}`}>
            {t(`role.user.${user.role}`)}
          </span>
        </span>
        <button
          type="button"
          className="btn btn-small btn-quiet"
          onClick={() => session.signOut().catch(() => undefined)}
        >
          {t("auth.signOut")}
        </button>
      </div>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await session.signIn(username.trim(), password);
      setPassword("");
      setOpen(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="auth-anon">
      <button
        type="button"
        className="btn btn-small"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        disabled={session.checking}
      >
        {t("auth.signIn")}
      </button>
      {open && (
        <form className="auth-form" aria-label={t("auth.signIn")} onSubmit={submit}>
          <label className="field">
            <span className="field-label">{t("auth.username")}</span>
            <input
              name="username"
              autoComplete="username"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              required
            />
          </label>
          <label className="field">
            <span className="field-label">{t("auth.password")}</span>
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          </label>
          {error != null && (
            <p className="form-error" role="alert">
              <ErrorMessage error={error} context="signIn" prefix={(message) => t("auth.failed", { message })} />
            </p>
          )}
          <div className="form-actions">
            <button type="submit" className="btn btn-small btn-primary" disabled={busy}>
              {t("auth.submit")}
            </button>
            <button type="button" className="btn btn-small btn-quiet" onClick={() => setOpen(false)}>
              {t("app.close")}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
